package loader

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// watcher runs watch on root for one test and hands each onChange call to the test.
type watcher struct {
	t     *testing.T
	calls chan []string
}

func startWatch(t *testing.T, root string) *watcher {
	t.Helper()
	return startWatchFolders(t, root, nil)
}

func startWatchFolders(t *testing.T, root string, folders func() []string) *watcher {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{t: t, calls: make(chan []string, 16)}
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- watch(ctx, root, func(changed []string) { w.calls <- changed }, folders, func() { close(ready) })
	}()
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("watch: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watch returned %v", err)
		}
	})
	return w
}

// expect waits for the next call, checks it, and checks that no second call follows for the same change.
func (w *watcher) expect(want ...string) {
	w.t.Helper()
	select {
	case got := <-w.calls:
		if !reflect.DeepEqual(got, want) {
			w.t.Errorf("onChange(%q), want onChange(%q)", got, want)
		}
	case <-time.After(3 * time.Second):
		w.t.Fatalf("no onChange, want %q", want)
	}
	w.quiet()
}

// quiet checks that no call comes for a while.
func (w *watcher) quiet() {
	w.t.Helper()
	select {
	case got := <-w.calls:
		w.t.Errorf("unexpected onChange(%q)", got)
	case <-time.After(4 * debounce):
	}
}

func TestWatch(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/api/hello/route.ts", "export const GET = () => new Response('1')\n")
	writeFile(t, root, "app/api/old/route.ts", "export const GET = () => new Response('old')\n")
	writeFile(t, root, "node_modules/pkg/index.js", "")
	writeFile(t, root, ".next/cache/x", "")
	w := startWatch(t, root)

	// An edit in several writes (as editors save) is one call.
	f, err := os.OpenFile(filepath.Join(root, "app/api/hello/route.ts"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{"export const GET = ", "() => new Response('2')", "\n"} {
		if _, err := f.WriteString(part); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	w.expect("app/api/hello/route.ts")

	// A new route folder and file, written right after the folder appears.
	writeFile(t, root, "app/api/new/[id]/route.ts", "export const GET = () => new Response('new')\n")
	w.expect("app/api/new", "app/api/new/[id]", "app/api/new/[id]/route.ts")
	// ...and the new folder is watched from now on.
	writeFile(t, root, "app/api/new/[id]/route.ts", "export const POST = () => new Response('new')\n")
	w.expect("app/api/new/[id]/route.ts")

	// A deleted file.
	if err := os.Remove(filepath.Join(root, "app/api/old/route.ts")); err != nil {
		t.Fatal(err)
	}
	w.expect("app/api/old/route.ts")

	// Dot-files in watched folders count; skipped folders and editor scratch files do not.
	writeFile(t, root, "node_modules/pkg/index.js", "changed")
	writeFile(t, root, ".next/cache/x", "changed")
	writeFile(t, root, ".git/HEAD", "ref")
	writeFile(t, root, "app/api/hello/.route.ts.swp", "swap")
	w.quiet()
	writeFile(t, root, ".env.local", "A=1\n")
	w.expect(".env.local")
	// A dot-folder inside the app is a route segment (app/.well-known): watched, as it appears and after.
	writeFile(t, root, "app/.well-known/security.txt/route.ts", "export const GET = () => new Response('a')\n")
	w.expect("app/.well-known", "app/.well-known/security.txt", "app/.well-known/security.txt/route.ts")
	writeFile(t, root, "app/.well-known/security.txt/route.ts", "export const GET = () => new Response('b')\n")
	w.expect("app/.well-known/security.txt/route.ts")
}

// Relevant keeps dev from reloading for files that cannot change the app (a log written in the project).
func TestRelevant(t *testing.T) {
	app := App{Root: "/p", AppDir: "/p/src/app"}
	inputs := []string{"lib/db.ts", "node_modules/zod/index.js", "src/app/x/route.ts"}
	tests := []struct {
		rel  string
		want bool
	}{
		{"src/app/x/route.ts", true},
		{"src/app/new/route.ts", true},
		{"src/middleware.ts", true},
		{"src", true},
		{"lib/db.ts", true},
		{"lib", true}, // a folder holding an input, removed or renamed
		{"lib/unused.ts", false},
		{"server.log", false},
		{"logs/today.log", false},
		{"next.config.mjs", true},
		{"middleware.ts", true},
		{"proxy.ts", true},
		{"tsconfig.json", true},
		{".env", true},
		{".env.production.local", true},
		{"package.json", true},
		{"package-lock.json", true},
		{"docs/package.json", false},
		{"README.md", false},
	}
	for _, tt := range tests {
		if got := app.Relevant(tt.rel, inputs); got != tt.want {
			t.Errorf("Relevant(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestWatchMissingRoot(t *testing.T) {
	err := Watch(context.Background(), filepath.Join(t.TempDir(), "nope"), func([]string) {})
	if err == nil {
		t.Fatal("Watch of a missing folder succeeded")
	}
}

// WatchFolders: the folders of the bundle's package files are watched too, though Watch skips node_modules,
// and a folder given later (a package the app starts to import) from the next batch on.
func TestWatchFolders(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/x/route.ts", "")
	writeFile(t, root, "node_modules/pkg/index.js", "")
	writeFile(t, root, "node_modules/pkg/lib/util.js", "")
	writeFile(t, root, "node_modules/other/index.js", "")
	outside := t.TempDir() // a linked package: its real folder is outside the project
	writeFile(t, outside, "index.js", "")
	folders := make(chan []string, 4)
	folders <- []string{"node_modules/pkg", outside}
	w := startWatchFolders(t, root, func() []string {
		select {
		case f := <-folders:
			return f
		default:
			return nil
		}
	})
	writeFile(t, root, "node_modules/pkg/index.js", "changed")
	w.expect("node_modules/pkg/index.js")
	writeFile(t, outside, "index.js", "changed")
	rel, _ := filepath.Rel(root, filepath.Join(outside, "index.js"))
	w.expect(filepath.ToSlash(rel))
	// Not its subfolders, not other packages, not scratch files.
	writeFile(t, root, "node_modules/pkg/lib/util.js", "changed")
	writeFile(t, root, "node_modules/other/index.js", "changed")
	writeFile(t, root, "node_modules/pkg/index.js~", "backup")
	w.quiet()
	// A folder given after a batch is watched from then on.
	folders <- []string{"node_modules/other"}
	writeFile(t, root, "app/x/route.ts", "edit")
	w.expect("app/x/route.ts")
	writeFile(t, root, "node_modules/other/index.js", "again")
	w.expect("node_modules/other/index.js")
}
