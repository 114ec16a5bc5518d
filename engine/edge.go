package engine

import (
	"net/http"

	"github.com/dop251/goja"
)

// A route that exports `runtime = 'edge'` runs on the same goja runtime as any other, but Next's
// edge adapter answers a few things differently from its Node route module, and jsroute answers
// as it does (each recorded from `next start`: e2e/cases/app-routes-app.json, edge-* cases):
//
//   - no `Vary: rsc, next-router-state-tree, ...`: only the compression's `Vary: Accept-Encoding`
//     when the content type is compressible (serveDecision drops the route Vary);
//   - the handler's context always has params: a route without dynamic segments gets a promise
//     of {} where the Node runtime passes undefined (noParams);
//   - a handler that throws is answered with Next's plain-text 500 page (`Internal Server Error`,
//     no-store Cache-Control, ETag, Content-Length) instead of an empty 500 (errorOutcome).

// noParams is ctx.params for a route without dynamic segments.
func noParams(vm *goja.Runtime, info *routeInfo) goja.Value {
	if info.config.Runtime != "edge" {
		return goja.Undefined()
	}
	promise, resolve, _ := vm.NewPromise()
	resolve(vm.NewObject())
	return vm.ToValue(promise)
}

// errorOutcome is the answer to a handler that threw (not redirect()/notFound()).
func errorOutcome(info *routeInfo) *outcome {
	if info.config.Runtime != "edge" {
		return &outcome{status: http.StatusInternalServerError, header: http.Header{}}
	}
	return &outcome{status: http.StatusInternalServerError, errorPage: true, header: http.Header{
		"Cache-Control": {"private, no-cache, no-store, max-age=0, must-revalidate"},
		"Vary":          {"Accept-Encoding"},
	}}
}
