package engine

import (
	"log/slog"
	"math"
	"net/http"
	"os"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/loader"
)

// RouteConfig is a route's segment config as the engine read it from the module's exports
// (Next.js "Route Segment Config", next/docs 01-app/03-api-reference/03-file-conventions/
// 02-route-segment-config), defaults filled in.
type RouteConfig struct {
	Dynamic       string `json:"dynamic"`
	DynamicParams bool   `json:"dynamicParams"`
	// Revalidate is the `revalidate` export: seconds, or false; nil when the route has none.
	Revalidate      any     `json:"revalidate"`
	FetchCache      string  `json:"fetchCache"`
	Runtime         string  `json:"runtime"`
	PreferredRegion any     `json:"preferredRegion,omitempty"`
	MaxDuration     float64 `json:"maxDuration,omitempty"`
	// Static: GET answers are prerendered and served from the full-route cache (start).
	Static bool `json:"static"`
}

func (info *routeInfo) publicConfig() RouteConfig {
	c := info.config
	rc := RouteConfig{Dynamic: c.Dynamic, DynamicParams: c.DynamicParams, FetchCache: c.FetchCache,
		Runtime: c.Runtime, PreferredRegion: c.PreferredRegion, MaxDuration: c.MaxDuration, Static: info.static}
	switch {
	case !c.RevalidateSet:
	case c.Revalidate < 0:
		rc.Revalidate = false
	case math.IsInf(c.Revalidate, 1):
		rc.Revalidate = "Infinity"
	default:
		rc.Revalidate = c.Revalidate
	}
	return rc
}

// ListRoutes loads the app in opts.Dir as New does, without serving it: no prerender, no
// watcher, one runtime. It returns the route table with each route's segment config, and the
// load diagnostics (a route that does not build is listed with no methods).
func ListRoutes(opts Options) ([]RouteInfo, []string, error) {
	opts.Workers = 1
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 5 * time.Minute}
	}
	if opts.Environ == nil {
		opts.Environ = os.Environ()
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	bound.Do(boundRegexps)
	app, err := loader.FindApp(opts.Dir)
	if err != nil {
		return nil, nil, err
	}
	e := &Engine{opts: opts, app: app, cache: cache.NewMemory(0)}
	e.opts.Cache = e.cache
	g, err := e.load()
	if err != nil {
		return nil, nil, err
	}
	defer g.close()
	e.cur.Store(g)
	return e.Routes(), g.problems, nil
}
