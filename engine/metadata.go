package engine

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/router"
)

// Metadata routes (loader/metadata.go): static files are answered here from Go bytes, as Next's
// generated static asset route answers them once prerendered; robots/sitemap/manifest code runs
// as a route module of the bundle, and so does image code (next/og: loader/og.go) when the app has the
// `next` package that holds @vercel/og; without it, it answers 500 naming what is missing.

// asset is a static metadata file.
type asset struct {
	body        []byte
	contentType string
}

// metadataModules maps the Route names of the metadata files with code to the files.
func metadataModules(metas []loader.Metadata) map[string]loader.Metadata {
	out := map[string]loader.Metadata{}
	for _, m := range metas {
		if m.Kind == loader.MetaText || m.Kind == loader.MetaImage {
			out[m.Route] = m
		}
	}
	return out
}

// metadataRoutes lists the Route names to bundle.
func metadataRoutes(metas []loader.Metadata) []string {
	var out []string
	for _, m := range metas {
		if m.Kind == loader.MetaText || m.Kind == loader.MetaImage {
			out = append(out, m.Route)
		}
	}
	return out
}

// addMetadata appends a router entry and a route info for every metadata file. A metadata route
// with code is static (prerendered, x-nextjs-cache) unless its module exports `dynamic` or
// `revalidate`, as Next prerenders a metadata GET that uses no request data.
func (g *generation) addMetadata(e *Engine, metas []loader.Metadata, moduleOf map[string]int, first *worker,
	entries []router.Entry, infos []routeInfo) ([]router.Entry, []routeInfo) {
	appRel, _ := filepath.Rel(e.app.Root, e.app.AppDir)
	shown := func(f string) string { return filepath.ToSlash(filepath.Join(appRel, f)) }
	for _, m := range metas {
		// Under a dynamic segment (blog/[slug]/opengraph-image.tsx) it renders per request, with params.
		info := routeInfo{file: m.File, module: -1, dynamic: m.Sitemaps || strings.Contains(m.Route, "[")}
		ms := []string{"GET"}
		switch m.Kind {
		case loader.MetaStatic:
			body, err := os.ReadFile(filepath.Join(e.app.AppDir, filepath.FromSlash(m.File)))
			if err != nil {
				info.failed = fmt.Sprintf("%s: %v", shown(m.File), err)
				break
			}
			info.asset = &asset{body: body, contentType: m.ContentType}
		case loader.MetaImage:
			if why := imageRouteProblem(e.app.AppDir, m); why != "" {
				info.failed = shown(m.File) + ": " + why
				e.opts.Logger.Warn(info.failed)
				break
			}
			fallthrough
		case loader.MetaText:
			i, ok := moduleOf[m.Route]
			if !ok {
				var texts []string
				for _, d := range g.bundle.Failed[m.Route] {
					texts = append(texts, d.String())
				}
				info.failed = strings.Join(texts, "\n")
				g.problems = append(g.problems, texts...)
				break
			}
			info.module = i
			ms = first.exportedMethods(i)
			mod := first.modules[i]
			info.config = readSegmentConfig(mod)
			if !info.config.RevalidateSet && mod.Get("dynamic") == nil {
				info.config.Dynamic = "force-static"
			}
			// generateSitemaps, or generateImageMetadata without other params: prerendered per id.
			if m.Sitemaps || m.ImageMetadata && strings.Count(m.Route, "[") == 1 {
				info.dynamic = false // for staticRoute: the id is a path, cached per path
				info.static, info.perPath = info.staticRoute(ms), true
				info.dynamic = true
				info.paths = sitemapPaths(first, mod, m)
			} else {
				info.static = info.staticRoute(ms)
			}
		}
		entries = append(entries, router.Entry{File: m.Route, Methods: ms})
		infos = append(infos, info)
	}
	return entries, infos
}

// imageRouteProblem says why an image metadata route cannot be served, or "".
func imageRouteProblem(appDir string, m loader.Metadata) string {
	if _, ok := loader.FindOgModule(appDir); !ok {
		return "image metadata routes (" + m.Name + ") render with next/og's ImageResponse, which jsroute " +
			"runs from the app's `next` package (" + loader.OgModulePath + "), and node_modules has no " +
			"next: install it (npm install next), or use a static " + m.Name + ".png"
	}
	return ""
}

// sitemapPaths asks a generateSitemaps or generateImageMetadata module for its ids, to prerender: the URL paths
// (percent-encoded as a request carries them). An ids list that does not settle at once (it
// awaits I/O) or fails is left to the first requests. The workers have not started: the
// runtime is free.
func sitemapPaths(w *worker, mod *goja.Object, m loader.Metadata) []string {
	fn, ok := goja.AssertFunction(mod.Get(loader.SitemapIDsExport))
	if !ok {
		return nil
	}
	v, err := fn(goja.Undefined())
	if err != nil {
		return nil
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok || p.State() != goja.PromiseStateFulfilled {
		return nil
	}
	ids, ok := p.Result().Export().([]any)
	if !ok {
		return nil
	}
	base := path.Dir(path.Dir(m.Route)) // strip [__metadata_id__]/route.ts: "sitemap", "shop/icon"
	var out []string
	for _, id := range ids {
		s, _ := id.(string)
		u := &url.URL{Path: "/" + path.Join(base, s)}
		out = append(out, u.EscapedPath())
	}
	return out
}

// serveAsset answers a static metadata file: GET and HEAD with its bytes, as a prerendered hit
// under start (no cache in dev, as Next's dev server); any other method the prerendered 405.
func (g *generation) serveAsset(w http.ResponseWriter, r *http.Request, info *routeInfo) {
	h := w.Header()
	h["Transfer-Encoding"] = chunked
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h["Allow"] = []string{"GET", "HEAD"}
		h["Content-Type"] = nil
		w.WriteHeader(http.StatusMethodNotAllowed)
		io.WriteString(w, "Method Not Allowed")
		return
	}
	if g.cacheOn {
		h.Set("X-Nextjs-Cache", "HIT")
		h.Set("Cache-Control", loader.MetadataCacheControl)
	} else {
		h.Set("Cache-Control", "no-cache, no-store")
	}
	h.Set("Content-Type", info.asset.contentType)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(info.asset.body)
	}
}
