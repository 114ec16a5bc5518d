package engine

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func TestAcceptsHTML(t *testing.T) {
	for _, c := range []struct {
		accept []string
		want   bool
	}{
		{nil, false},
		{[]string{"*/*"}, false}, // curl, fetch: text
		{[]string{"application/json"}, false},
		{[]string{"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}, true}, // a browser
		{[]string{"TEXT/HTML"}, true},
		{[]string{"text/plain", "text/html;q=0.5"}, true},
		{[]string{"text/html;q=0, text/plain"}, false},
		{[]string{"text/html ; q=0.0"}, false},
		{[]string{"text/htmlx"}, false},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		for _, a := range c.accept {
			r.Header.Add("Accept", a)
		}
		if got := acceptsHTML(r); got != c.want {
			t.Errorf("acceptsHTML(%q) = %v, want %v", c.accept, got, c.want)
		}
	}
}

func TestErrorFrame(t *testing.T) {
	root := t.TempDir()
	writeTestFile(t, root, "app/x/route.ts", "const a = 1\nthrow new Error('x')\n")
	writeTestFile(t, root, "node_modules/p/index.js", "throw 1\n")
	for _, c := range []struct{ stack, want string }{
		{"Error: x\n\tat app/x/route.ts (app/x/route.ts:2:7)", "  1 | const a = 1\n> 2 | throw new Error('x')\n    |       ^"},
		// The first place in the app's own files, past the packages'.
		{"Error: x\n\tat f (node_modules/p/index.js:1:1)\n\tat g (app/x/route.ts:1:7)", "> 1 | const a = 1\n    |       ^\n  2 | throw new Error('x')"},
		{"Error: x\n\tat f (../outside.ts:1:1)", ""},
		{"Error: x\n\tat f (jsroute-bundle.js:8:59)", ""},
		{"Error: x\n\tat f (app/gone/route.ts:1:1)", ""},
	} {
		if got := errorFrame(root, c.stack); got != c.want {
			t.Errorf("errorFrame(%q) =\n%s\nwant\n%s", c.stack, got, c.want)
		}
	}
}

func writeTestFile(t testing.TB, root, rel, src string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGlueFramesLeftOut(t *testing.T) {
	w := &worker{dev: true, root: t.TempDir()}
	stack := "TypeError: bad\n\tat app/x/route.ts (app/x/route.ts:4:9)\n\tat __init (jsroute-bundle.js:8:59)\n" +
		"\tat f (node_modules/p/index.js:3:1)\n\tat __init (jsroute-vendor.js:12:3)\n\tat %3Cjsroute-entry%3E:4:29(3)"
	want := "TypeError: bad\n\tat app/x/route.ts (app/x/route.ts:4:9)\n\tat f (node_modules/p/index.js:3:1)"
	if got := w.withFrame(stack); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if w.dev = false; w.withFrame(stack) != stack {
		t.Error("start's stack changed")
	}
}
