package engine

import (
	"context"
	"github.com/jsroute/jsroute/cache"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/jsroute/jsroute/router"
)

// prerenderLimit bounds the prerender of one route at start; one that takes longer is left to
// its first request. It is Next's own bound on a page's generation in `next build`
// (staticPageGenerationTimeout, 60 s by default: next/dist/server/config-shared.js): image metadata
// routes (next/og) take seconds each, and the first waits for resvg's WebAssembly to compile.
const prerenderLimit = 60 * time.Second

// prerenderAddr is the local address a start-time prerender claims: Next's build renders on port 3000.
var prerenderAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 3000}

// prerender fills the full-route cache with every static route's GET answer before the engine
// serves, as `next build` prerenders them: the first request is then a HIT, as under
// `next start`. Routes run in parallel, each as a prerender (no headers, no query); a route
// that fails or answers an error is not stored and is tried again by its first request.
func (g *generation) prerender() {
	if !g.cacheOn {
		return
	}
	var wg sync.WaitGroup
	for _, rt := range g.table.Routes() {
		info := &g.routes[rt.Index]
		if !info.static || info.module < 0 {
			continue
		}
		paths := []string{rt.Pattern}
		if info.perPath {
			paths = info.paths
		}
		for _, p := range paths {
			g.prerenderOne(&wg, rt, info, p)
		}
	}
	wg.Wait()
}

// prerenderOne fills the cache entry of one path of a static route, in the background of wg.
func (g *generation) prerenderOne(wg *sync.WaitGroup, rt *router.Route, info *routeInfo, p string) {
	d := g.table.Resolve(http.MethodGet, p, "")
	if d.Route != rt {
		return
	}
	key := g.routeKey(d.Route.Pattern)
	if info.perPath {
		key = g.routeKey(p)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), prerenderLimit)
		defer cancel()
		if _, f := cache.Lookup(ctx, g.cache, key); f != cache.Miss {
			return
		}
		// `next build` prerenders with the origin http://localhost:3000 whatever port `next start`
		// serves on later (recorded: app-routes-app/force-static, request.url and nextUrl).
		ctx = context.WithValue(ctx, http.LocalAddrContextKey, prerenderAddr)
		ctx = withPrerender(ctx, true) // Next's build: fetches default to the segment's revalidate
		r := httptest.NewRequest(http.MethodGet, p, nil).WithContext(ctx)
		if _, out := g.fill(r, d, info, key, time.Now()); out != nil {
			out.close()
		}
	}()
}
