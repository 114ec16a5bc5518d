// Package loader turns a Next.js App Router project into one JavaScript program for goja: it finds the
// app directory, lists its route and page files, bundles every route.* into one IIFE with esbuild, reads the
// project's .env files and watches the tree in dev. It never imports goja (see /work/shared/DESIGN.md,
// "Loader output").
package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// App locates a project: Root is the project root (where tsconfig.json, package.json, node_modules and the
// .env files live) and AppDir the App Router directory ("app" or "src/app" inside Root).
type App struct {
	Root   string
	AppDir string
}

// FindApp locates the app directory for dir, in this order:
//
//  1. dir/app exists: Root is dir (Next's `app/` at the project root).
//  2. dir/src/app exists: Root is dir (Next's `src/app/` layout; .env files stay in the root, not in src).
//  3. dir is itself the app directory (it is named "app", or it holds at least one route file): AppDir is dir
//     and Root its parent, or the parent of "src" when dir is ".../src/app".
//
// Both paths come back absolute and cleaned.
func FindApp(dir string) (App, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return App{}, err
	}
	if fi, err := os.Stat(abs); err != nil {
		return App{}, fmt.Errorf("jsroute: %w", err)
	} else if !fi.IsDir() {
		return App{}, fmt.Errorf("jsroute: %s is not a directory", abs)
	}
	for _, sub := range []string{"app", filepath.Join("src", "app")} {
		if isDir(filepath.Join(abs, sub)) {
			return App{Root: abs, AppDir: filepath.Join(abs, sub)}, nil
		}
	}
	if filepath.Base(abs) == "app" || hasRoute(abs) {
		root := filepath.Dir(abs)
		if filepath.Base(abs) == "app" && filepath.Base(root) == "src" {
			root = filepath.Dir(root)
		}
		return App{Root: root, AppDir: abs}, nil
	}
	var pagesRouter string
	for _, sub := range []string{"pages", filepath.Join("src", "pages")} {
		if isDir(filepath.Join(abs, sub)) {
			pagesRouter = fmt.Sprintf(" (%s is a Pages Router: jsroute runs App Router route handlers only)", filepath.Join(abs, sub))
			break
		}
	}
	return App{}, fmt.Errorf("jsroute: no app directory in %s: expected %s, %s, or a folder holding route.ts files%s",
		abs, filepath.Join(abs, "app"), filepath.Join(abs, "src", "app"), pagesRouter)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func hasRoute(dir string) bool {
	files, err := Scan(dir)
	if err != nil {
		return false
	}
	for _, f := range files {
		if f.Kind == Route {
			return true
		}
	}
	return false
}

// Kind tells a route handler file from a page file.
type Kind int

const (
	// Route is a route.{ts,tsx,js,jsx,mjs} file: a Route Handler.
	Route Kind = iota + 1
	// Page is a page.{ts,tsx,js,jsx,mdx,md} file. jsroute never runs pages; they only matter because a page and
	// a route may not share a segment (spec "Route Resolution": `app/page.js` + `app/route.js` is a conflict).
	Page
)

func (k Kind) String() string {
	switch k {
	case Route:
		return "route"
	case Page:
		return "page"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// File is one route or page file. Path is slash-separated and relative to the app directory, e.g.
// "api/items/[slug]/route.ts".
type File struct {
	Path string
	Kind Kind
}

// fileKinds maps a file name to its kind: the spec's `route.js|ts` convention plus the extensions Next's default
// pageExtensions (tsx, ts, jsx, js) accept, .mjs for routes and .mdx/.md for pages (@next/mdx).
var fileKinds = func() map[string]Kind {
	m := map[string]Kind{}
	for _, ext := range []string{"ts", "tsx", "js", "jsx", "mjs"} {
		m["route."+ext] = Route
	}
	for _, ext := range []string{"ts", "tsx", "js", "jsx", "mdx", "md"} {
		m["page."+ext] = Page
	}
	return m
}()

// skipDir reports folders Scan never enters: private folders (`_lib`: Next's "private folders" opt a folder and
// its children out of routing) and node_modules. A folder whose name starts with a dot is an ordinary segment,
// as in Next (`app/.well-known/security.txt/route.ts` answers /.well-known/security.txt).
func skipDir(name string) bool {
	return strings.HasPrefix(name, "_") || name == "node_modules"
}

// Scan lists every route and page file under appDir, sorted by path.
func Scan(appDir string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(appDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == appDir {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) { // removed while we walk
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != appDir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		kind, ok := fileKinds[d.Name()]
		if !ok {
			return nil
		}
		rel, err := filepath.Rel(appDir, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(rel), Kind: kind})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("jsroute: scan %s: %w", appDir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// Routes returns the paths of the Route files among files, in order.
func Routes(files []File) []string {
	var out []string
	for _, f := range files {
		if f.Kind == Route {
			out = append(out, f.Path)
		}
	}
	return out
}

// validRel reports whether p is a clean, relative, slash-separated path that stays inside its base.
func validRel(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && !path.IsAbs(p) && path.Clean(p) == p &&
		p != ".." && !strings.HasPrefix(p, "../")
}
