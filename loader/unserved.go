package loader

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// Unserved is a project file that `next start` serves or runs and jsroute does not: start names each
// one in a warning (engine/generation.go), so that a whole Next.js app run with jsroute never loses a
// URL silently. Path is slash-separated and relative to the project root ("public/" for the folder).
type Unserved struct {
	Path string
	Why  string
}

// pagesRouterExts are Next's default pageExtensions (tsx, ts, jsx, js), with mdx/md as for app pages.
var pagesRouterExts = map[string]bool{".tsx": true, ".ts": true, ".jsx": true, ".js": true, ".mdx": true, ".md": true}

// FindUnserved lists, sorted by path:
//   - the Pages Router beside the app directory (`pages/` or `src/pages/`): each API route and page
//     (`_app`, `_document` and `_error` have no URL of their own and are left out);
//   - `public/` in the project root, once, with how many files it holds;
//   - `instrumentation.*` beside the app directory (Next calls its register() at start);
//   - the app directory's root `not-found.*` and `global-not-found.*` (Next renders them for 404s).
//
// App Router pages are not listed here: the route table names them (engine/generation.go).
func FindUnserved(app App) []Unserved {
	var out []Unserved
	dir := filepath.Dir(app.AppDir) // where pages/ and instrumentation.* live: the root, or src/
	rel := func(p string) string {
		r, err := filepath.Rel(app.Root, p)
		if err != nil {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(r)
	}
	pages := filepath.Join(dir, "pages")
	if isDir(pages) {
		_ = filepath.WalkDir(pages, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable: nothing to name
			}
			if d.IsDir() {
				if d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			ext := filepath.Ext(p)
			if !pagesRouterExts[ext] || strings.HasSuffix(p, ".d.ts") {
				return nil
			}
			r := filepath.ToSlash(strings.TrimSuffix(strings.TrimPrefix(p, pages+string(filepath.Separator)), ext))
			switch r {
			case "_app", "_document", "_error":
				return nil
			}
			why := "Pages Router pages are not served by jsroute (it runs App Router route handlers only); its URL answers 404"
			if r == "api" || strings.HasPrefix(r, "api/") {
				why = "Pages Router API routes are not served by jsroute (it runs App Router route handlers only: move it to app/" +
					strings.TrimSuffix(r, "/index") + "/route.ts); its URL answers 404"
			}
			out = append(out, Unserved{Path: rel(p), Why: why})
			return nil
		})
	}
	public := filepath.Join(app.Root, "public")
	if isDir(public) {
		var names []string
		_ = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, filepath.ToSlash(strings.TrimPrefix(p, public+string(filepath.Separator))))
			}
			return nil
		})
		if len(names) > 0 {
			sort.Strings(names)
			shown := names
			if len(shown) > 3 {
				shown = append(shown[:3:3], "...")
			}
			out = append(out, Unserved{Path: rel(public) + "/", Why: fmt.Sprintf(
				"static files are not served by jsroute (%d: %s); their URLs answer 404", len(names), strings.Join(shown, ", "))})
		}
	}
	for _, ext := range middlewareExts {
		if p := filepath.Join(dir, "instrumentation"+ext); isFile(p) {
			out = append(out, Unserved{Path: rel(p), Why: "not run by jsroute: its register() hook is never called"})
			break
		}
	}
	for _, base := range []string{"not-found", "global-not-found"} {
		for ext := range pagesRouterExts {
			if p := filepath.Join(app.AppDir, base+ext); isFile(p) {
				out = append(out, Unserved{Path: rel(p), Why: "not rendered by jsroute: unmatched URLs answer Next's default 404 page"})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
