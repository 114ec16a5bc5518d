package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindNextFiles(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		want  NextFiles
		err   string
	}{
		{"none", []string{"app/a/route.ts"}, NextFiles{}, ""},
		{"proxy at the root", []string{"app/a/route.ts", "proxy.ts", "next.config.ts"}, NextFiles{Config: "next.config.ts", Middleware: "proxy.ts", MiddlewareExport: "proxy"}, ""},
		{"middleware in src", []string{"src/app/a/route.ts", "src/middleware.js", "next.config.mjs"}, NextFiles{Config: "next.config.mjs", Middleware: "src/middleware.js", MiddlewareExport: "middleware"}, ""},
		{"root middleware ignored for src/app", []string{"src/app/a/route.ts", "middleware.ts"}, NextFiles{}, ""},
		{"config order: .js before .ts", []string{"app/a/route.ts", "next.config.ts", "next.config.js"}, NextFiles{Config: "next.config.js"}, ""},
		{"both proxy and middleware", []string{"app/a/route.ts", "proxy.ts", "middleware.ts"}, NextFiles{}, "both middleware.ts and proxy.ts"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range c.files {
				p := filepath.Join(root, f)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("export {}\n"), 0o644)
			}
			app, err := FindApp(root)
			if err != nil {
				t.Fatal(err)
			}
			got, err := FindNextFiles(app)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, c.want)
			}
		})
	}
}

func TestBuildModule(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "app"), 0o755)
	os.WriteFile(filepath.Join(root, "next.config.js"), []byte("module.exports = { basePath: '/b' }\n"), 0o644)
	os.WriteFile(filepath.Join(root, "proxy.ts"), []byte("import { NextResponse } from 'next/server'\nexport const proxy = (r: Request) => NextResponse.next()\nexport const config = { matcher: '/x' }\n"), 0o644)
	os.WriteFile(filepath.Join(root, "broken.ts"), []byte("export const x = (\n"), 0o644)
	app := App{Root: root, AppDir: filepath.Join(root, "app")}
	for _, f := range []string{"next.config.js", "proxy.ts"} {
		m, err := BuildModule(app, f, "__g", Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !strings.Contains(m.Code, `globalThis["__g"] = `) {
			t.Errorf("%s: the bundle does not set the global", f)
		}
	}
	if _, err := BuildModule(app, "broken.ts", "__g", Options{}); err == nil || !strings.Contains(err.Error(), "broken.ts:") {
		t.Errorf("a syntax error gives %v, want a diagnostic naming broken.ts:line", err)
	}
}
