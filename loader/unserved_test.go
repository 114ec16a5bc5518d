package loader

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A whole Next.js project run with jsroute: what next start would serve or run beyond the route
// handlers is named, one entry per file (the public folder once), and nothing else is.
func TestFindUnserved(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{
		"src/app/api/ok/route.ts", "src/app/page.tsx", "src/app/layout.tsx", "src/app/not-found.tsx",
		"src/pages/api/hello.ts", "src/pages/api/users/index.ts", "src/pages/about.tsx", "src/pages/_app.tsx",
		"src/pages/_document.tsx", "src/pages/types.d.ts", "src/pages/styles.css",
		"src/instrumentation.ts",
		"public/favicon.ico", "public/robots.txt", "public/img/a.png", "public/img/b.png",
	} {
		writeFile(t, root, f, "x")
	}
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range FindUnserved(app) {
		got = append(got, u.Path+": "+u.Why)
	}
	want := []string{
		"public/: static files are not served by jsroute (4: favicon.ico, img/a.png, img/b.png, ...); their URLs answer 404",
		"src/app/not-found.tsx: not rendered by jsroute: unmatched URLs answer Next's default 404 page",
		"src/instrumentation.ts: not run by jsroute: its register() hook is never called",
		"src/pages/about.tsx: Pages Router pages are not served by jsroute (it runs App Router route handlers only); its URL answers 404",
		"src/pages/api/hello.ts: Pages Router API routes are not served by jsroute (it runs App Router route handlers only: move it to app/api/hello/route.ts); its URL answers 404",
		"src/pages/api/users/index.ts: Pages Router API routes are not served by jsroute (it runs App Router route handlers only: move it to app/api/users/route.ts); its URL answers 404",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindUnserved:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// An app of route handlers only: nothing to say.
	plain := t.TempDir()
	writeFile(t, plain, "app/api/x/route.ts", "x")
	app, err = FindApp(plain)
	if err != nil {
		t.Fatal(err)
	}
	if u := FindUnserved(app); len(u) != 0 {
		t.Errorf("FindUnserved on a route-only app: %v", u)
	}

	// A Pages Router project with no app directory: the error says what it is.
	pagesOnly := t.TempDir()
	writeFile(t, pagesOnly, "pages/api/hello.ts", "x")
	if _, err := FindApp(pagesOnly); err == nil || !strings.Contains(err.Error(), filepath.Join(pagesOnly, "pages")+" is a Pages Router") {
		t.Errorf("FindApp on a Pages Router project: %v", err)
	}
}
