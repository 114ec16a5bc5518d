package engine

import (
	"net/url"
	"path"
	"strings"
	"sync/atomic"

	"github.com/dop251/goja"
)

// Two kinds of route handler are prerendered by `next build` with no segment-config opt-in
// (recorded from `next start` 16.5: e2e/cases/app-routes-app.json):
//
//   - a route with dynamic segments that exports generateStaticParams (Next docs, "Route
//     Handlers" › "Static Generation" and generateStaticParams): each listed path is rendered
//     at build and answered `x-nextjs-cache: HIT`; another path is rendered on its first request
//     (MISS) and cached from then on, while dynamicParams stays true (static-*, revalidate-*); with
//     `dynamicParams = false` another path is Next's 404 page (recorded:
//     e2e/testdata/nextjs/sequences/cache-next-app.json, dynamic-params-false);
//   - a handler in a folder named like a metadata file, app/robots.txt/route.ts or
//     app/sitemap.xml/route.ts: Next treats it as a metadata route, static by default (robots-txt,
//     sitemap-xml; the same handler in app/plain-get is dynamic).
//
// Either stays dynamic under force-dynamic, revalidate = 0, the edge runtime, or when the file
// exports a method besides GET, as for the opt-in routes (staticRoute). Like those, the
// prerender does not detect a handler that reads request data (Next's "dynamic usage" bail-out):
// such a handler should say force-dynamic.

// staticByDefault marks info static when Next prerenders it without an opt-in; mod is the
// route's module on w, whose runtime is free (the workers have not started).
func (info *routeInfo) staticByDefault(w *worker, mod *goja.Object, methods []string) {
	c := info.config
	info.bailed = new(atomic.Bool)
	if info.static || c.Dynamic == "force-dynamic" || c.Runtime == "edge" ||
		(c.RevalidateSet && c.Revalidate == 0) || !onlyGet(methods) {
		return
	}
	if !info.dynamic {
		info.static = metadataNamed(info.file)
		return
	}
	fn, ok := goja.AssertFunction(mod.Get("generateStaticParams"))
	if !ok {
		return
	}
	info.static, info.perPath = true, true
	info.paths = staticParamPaths(w, fn, info.file)
	info.listed = make(map[string]bool, len(info.paths))
	for _, p := range info.paths {
		info.listed[p] = true
	}
}

func onlyGet(methods []string) bool {
	hasGet := false
	for _, m := range methods {
		switch m {
		case "GET":
			hasGet = true
		case "HEAD":
		default:
			return false
		}
	}
	return hasGet
}

// metadataNamed reports whether a route file sits in a folder named as Next's metadata files
// whose handlers were recorded static: robots.txt at the app root, sitemap.xml anywhere.
func metadataNamed(file string) bool {
	dir := path.Dir(file)
	return dir == "robots.txt" || path.Base(dir) == "sitemap.xml"
}

// staticParamPaths calls generateStaticParams({ params: {} }) and turns each params object into a
// URL path (percent-encoded as a request carries it) by filling the route's segments. A list that
// does not settle at once (it awaits I/O) or fails is left to the first requests.
func staticParamPaths(w *worker, fn goja.Callable, file string) []string {
	vm := w.vm
	arg := vm.NewObject()
	arg.Set("params", vm.NewObject())
	v, err := fn(goja.Undefined(), arg)
	if err != nil {
		return nil
	}
	if p, ok := v.Export().(*goja.Promise); ok {
		if p.State() != goja.PromiseStateFulfilled {
			return nil
		}
		v = p.Result()
	}
	list, ok := v.Export().([]any)
	if !ok {
		return nil
	}
	var out []string
	for _, item := range list {
		params, ok := item.(map[string]any)
		if !ok {
			continue
		}
		if p, ok := fillSegments(path.Dir(file), params); ok {
			out = append(out, p)
		}
	}
	return out
}

// fillSegments is the URL path of a route folder for params: route groups dropped, [x] and
// [...x] / [[...x]] replaced by the value(s), each percent-encoded as one segment (as a request
// carries it). ok is false when a required value is missing.
func fillSegments(dir string, params map[string]any) (string, bool) {
	var segs []string
	for _, s := range strings.Split(dir, "/") {
		switch {
		case s == "." || s == "" || strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		case strings.HasPrefix(s, "[[...") && strings.HasSuffix(s, "]]"):
			segs = append(segs, escaped(values(params[s[5:len(s)-2]]))...)
		case strings.HasPrefix(s, "[...") && strings.HasSuffix(s, "]"):
			vs := values(params[s[4:len(s)-1]])
			if len(vs) == 0 {
				return "", false
			}
			segs = append(segs, escaped(vs)...)
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
			vs := values(params[s[1:len(s)-1]])
			if len(vs) != 1 {
				return "", false
			}
			segs = append(segs, url.PathEscape(vs[0]))
		default:
			segs = append(segs, (&url.URL{Path: s}).EscapedPath())
		}
	}
	return "/" + strings.Join(segs, "/"), true
}

// escaped percent-encodes each value as one path segment (a "/" in a value included).
func escaped(vs []string) []string {
	for i, v := range vs {
		vs[i] = url.PathEscape(v)
	}
	return vs
}

// values is a param value as path segments: a string, or the strings of an array (catch-all).
func values(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	return nil
}

// bailedOut reports whether a prerender found the route reading request data (static.go).
func (info *routeInfo) bailedOut() bool { return info.bailed != nil && info.bailed.Load() }
