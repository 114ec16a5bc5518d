package e2e

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStartServesDespiteBrokenRoutes: `jsroute start` on an app where one route does not build (esbuild), one
// holds code goja cannot compile, one throws while loading: it prints each diagnostic naming the file, says
// Ready, answers each broken route 500 with its diagnostic, and serves the others, among them a route with
// top-level await.
func TestStartServesDespiteBrokenRoutes(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app/ok/route.ts":       "export function GET() { return new Response('ok') }\n",
		"app/tla/route.ts":      "const v = await new Promise(r => setTimeout(() => r('after await'), 20))\nexport function GET() { return new Response(v) }\n",
		"app/syntax/route.ts":   "export function GET() {\n  return new Response('x'\n}\n",
		"app/goja/route.ts":     "const re = /(?i:a)b/\nexport function GET() { return new Response(String(re.test('Ab'))) }\n",
		"app/throws/route.ts":   "export function GET() { return new Response('never') }\nthrow new Error('load-time failure')\n",
		"app/keywords/route.ts": "class Store { get = (k: string) => k.toUpperCase() }\nexport function GET() { return new Response(new Store().get('fields')) }\n",
	}
	for rel, src := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1")
	client := newClient(nil)
	for _, c := range []struct{ path, status, body string }{
		{"/ok", "200", "ok"},
		{"/tla", "200", "after await"},
		{"/keywords", "200", "FIELDS"},
		{"/syntax", "500", "app/syntax/route.ts:3:"},
		{"/goja", "500", "app/goja/route.ts:1:"},
		{"/throws", "500", "Error: load-time failure"},
	} {
		resp, err := client.Get(p.base() + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Status[:3]; got != c.status || !strings.Contains(string(body), c.body) {
			t.Errorf("GET %s: %s %q, want %s with %q", c.path, got, body, c.status, c.body)
		}
	}
	out := p.output.String()
	for _, want := range []string{"Ready", "app/syntax/route.ts:3:", "app/goja/route.ts:1:", "app/throws/route.ts: error: the module failed to load"} {
		if !strings.Contains(out, want) {
			t.Errorf("start output lacks %q:\n%s", want, out)
		}
	}
}
