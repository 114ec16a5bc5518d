package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja/parser"
)

// gojaCheck is the engine's compile check in small: goja's parser, positions in the bundle.
func gojaCheck(calls *int) func(string) *CompileError {
	return func(code string) *CompileError {
		*calls++
		_, err := parser.ParseFile(nil, BundleName, code, 0, parser.WithDisableSourceMaps)
		var list parser.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return &CompileError{Line: list[0].Position.Line, Column: list[0].Position.Column, Message: list[0].Message}
		}
		if err != nil {
			return &CompileError{Message: err.Error()}
		}
		return nil
	}
}

// TestLowering: a file goja cannot parse is lowered (one failed check, one rebuild), the bundle then runs, and
// the next Build of the unchanged file lowers it up front; after an edit it is checked afresh.
func TestLowering(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "lib/kv.js", "export class KV { m = {}; get = (k) => this.m[k]; set = (k, v) => { this.m[k] = v; return this } }\n")
	writeFile(t, root, "app/kv/route.js", "import { KV } from '../../lib/kv.js'\nexport function GET() { return new Response(String(new KV().set('a', 42).get('a'))) }\n")
	app := App{Root: root, AppDir: filepath.Join(root, "app")}
	calls := 0
	b, err := Build(app, []string{"kv/route.js"}, Options{Compile: gojaCheck(&calls)})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 || len(b.Lowered) != 1 || b.Lowered[0].File != "lib/kv.js" || !strings.Contains(b.Lowered[0].Text, "class-field") {
		t.Fatalf("first build: %d checks, lowered %v", calls, b.Lowered)
	}
	if got, err := newJSRuntime(t, b).call("kv/route.js", "GET"); err != nil || got != "42" {
		t.Errorf("GET = %q, %v", got, err)
	}
	calls = 0
	if b, err = Build(app, []string{"kv/route.js"}, Options{Compile: gojaCheck(&calls)}); err != nil || calls != 1 || len(b.Lowered) != 1 {
		t.Errorf("second build: %d checks (want 1: lowered up front), lowered %v, %v", calls, b.Lowered, err)
	}
	// An edit (new size and time) forgets what was learnt: the new text compiles as it is.
	writeFile(t, root, "lib/kv.js", "export class KV { m = {}; get(k) { return this.m[k] } set(k, v) { this.m[k] = v; return this } }\n")
	os.Chtimes(filepath.Join(root, "lib/kv.js"), time.Now().Add(time.Second), time.Now().Add(time.Second))
	calls = 0
	if b, err = Build(app, []string{"kv/route.js"}, Options{Compile: gojaCheck(&calls)}); err != nil || calls != 1 || len(b.Lowered) != 0 {
		t.Errorf("after the edit: %d checks, lowered %v, %v", calls, b.Lowered, err)
	}
}
