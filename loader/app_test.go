package loader

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	root := copyFixture(t, "basic")
	writeFile(t, root, "app/node_modules/x/route.ts", "")
	writeFile(t, root, "app/.well-known/security.txt/route.ts", "") // a dot-folder is an ordinary segment in Next
	writeFile(t, root, "app/_private/route.ts", "")                 // a private folder is not
	writeFile(t, root, "app/api/_lib/route.ts", "")
	writeFile(t, root, "app/%5Fescaped/route.ts", "") // %5F: a segment that starts with "_"
	writeFile(t, root, "app/api/hello/page.mdx", "")
	writeFile(t, root, "app/api/hello/route.mts", "") // not a route extension
	writeFile(t, root, "app/api/hello/layout.tsx", "")
	files, err := Scan(filepath.Join(root, "app"))
	if err != nil {
		t.Fatal(err)
	}
	want := []File{
		{"%5Fescaped/route.ts", Route},
		{"(shop)/items/[slug]/route.js", Route},
		{".well-known/security.txt/route.ts", Route},
		{"api/boom/route.ts", Route},
		{"api/headers/route.ts", Route},
		{"api/hello/page.mdx", Page},
		{"api/hello/route.ts", Route},
		{"api/pkg/route.ts", Route},
		{"api/regex/route.ts", Route},
		{"api/stream/route.ts", Route},
		{"page.tsx", Page},
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("Scan =\n%v\nwant\n%v", files, want)
	}
	if got := Routes(files); len(got) != 9 || got[0] != "%5Fescaped/route.ts" {
		t.Errorf("Routes = %q", got)
	}
	if _, err := Scan(filepath.Join(root, "nope")); err == nil {
		t.Error("Scan of a missing folder succeeded")
	}
}

func TestFindApp(t *testing.T) {
	tmp := t.TempDir()
	writeFile(t, tmp, "plain/app/route.ts", "")
	writeFile(t, tmp, "srcapp/src/app/api/route.ts", "")
	writeFile(t, tmp, "both/app/page.tsx", "")
	writeFile(t, tmp, "both/src/app/route.ts", "")
	writeFile(t, tmp, "routes-only/hello/route.ts", "")
	writeFile(t, tmp, "empty/README.md", "")
	writeFile(t, tmp, "afile", "")
	abs := func(p string) string { return filepath.Join(tmp, filepath.FromSlash(p)) }
	tests := []struct {
		dir, root, appDir, err string
	}{
		{dir: "plain", root: "plain", appDir: "plain/app"},
		{dir: "plain/app", root: "plain", appDir: "plain/app"},
		{dir: "srcapp", root: "srcapp", appDir: "srcapp/src/app"},
		{dir: "srcapp/src/app", root: "srcapp", appDir: "srcapp/src/app"},
		{dir: "both", root: "both", appDir: "both/app"}, // as Next: app/ wins over src/app/
		{dir: "routes-only", root: ".", appDir: "routes-only"},
		{dir: "empty", err: "no app directory"},
		{dir: "afile", err: "not a directory"},
		{dir: "missing", err: "no such file"},
	}
	for _, tt := range tests {
		app, err := FindApp(abs(tt.dir))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("FindApp(%s) = %+v, %v; want error %q", tt.dir, app, err, tt.err)
			}
			continue
		}
		want := App{Root: abs(tt.root), AppDir: abs(tt.appDir)}
		if err != nil || app != want {
			t.Errorf("FindApp(%s) = %+v, %v; want %+v", tt.dir, app, err, want)
		}
	}
}
