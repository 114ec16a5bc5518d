package engine

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// TestGoPanicInBinding: a Go panic inside a binding (here one installed by the test: the real
// ones have no known panics left) becomes a JS Error the handler can catch, or a 500 when it
// does not; a panic escaping outside any binding fails only its request and the worker is
// rebuilt. The server keeps serving either way.
func TestGoPanicInBinding(t *testing.T) {
	saved := installers
	t.Cleanup(func() { installers = saved })
	installers = append(append([]func(*webapi.Realm){}, saved...), func(r *webapi.Realm) {
		r.VM.Set("buggy", webidl.Function(r.VM, "buggy", 0, func(goja.FunctionCall) goja.Value {
			var m map[string]int
			m["boom"] = 1 // nil map write: a Go runtime panic
			return nil
		}))
		r.VM.Set("rawBuggy", func(goja.FunctionCall) goja.Value { panic("raw panic outside webidl") })
	})
	root := t.TempDir()
	for p, src := range map[string]string{
		"app/caught/route.ts":   `export function GET() { try { (globalThis as any).buggy() } catch (e: any) { return new Response(String(e instanceof Error) + ':' + e.message) } }`,
		"app/uncaught/route.ts": `export function GET() { (globalThis as any).buggy(); return new Response('no') }`,
		"app/raw/route.ts":      `export function GET() { (globalThis as any).rawBuggy(); return new Response('no') }`,
		"app/ok/route.ts":       `export function GET() { return new Response('ok') }`,
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(src), 0o644)
	}
	e, err := New(Options{Dir: root, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	srv := httptest.NewServer(e)
	defer srv.Close()
	get := func(path string) (int, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, body := get("/caught"); st != 200 || !strings.HasPrefix(body, "true:internal error in buggy") {
		t.Errorf("caught: %d %q", st, body)
	}
	if st, _ := get("/uncaught"); st != 500 {
		t.Errorf("uncaught: %d, want 500", st)
	}
	if st, _ := get("/raw"); st != 500 {
		t.Errorf("raw: %d, want 500", st)
	}
	for i := 0; i < 3; i++ {
		if st, body := get("/ok"); st != 200 || body != "ok" {
			t.Errorf("after the panics: %d %q", st, body)
		}
	}
}
