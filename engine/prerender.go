package engine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/jsroute/jsroute/router"
)

// prerenderLimit bounds the prerender of one route at start; one that takes longer is left to
// its first request.
const prerenderLimit = 10 * time.Second

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
	key := "route:" + d.Route.Pattern
	if info.perPath {
		key = "route:" + p
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), prerenderLimit)
		defer cancel()
		if _, ok := g.cache.Get(ctx, key); ok {
			return
		}
		r := httptest.NewRequest(http.MethodGet, p, nil).WithContext(ctx)
		if _, out := g.fill(r, d, info, key); out != nil {
			out.close()
		}
	}()
}
