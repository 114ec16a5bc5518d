package engine

import (
	"context"
	"math"
)

// What the data cache (webapi/fetch/datacache.go) asks about a request: the route's segment
// fetchCache and dynamic, and whether the request is a full-route prerender — the start-time one
// standing for Next's `next build`, or a regeneration — with the segment's revalidate, the default
// of its fetches there.

// prerenderKey marks a prerender's request context; the value is true for the start-time one.
type prerenderKey struct{}

func withPrerender(ctx context.Context, buildTime bool) context.Context {
	return context.WithValue(ctx, prerenderKey{}, buildTime)
}

// FetchCacheMode is the route's fetchCache export, "" when it has none.
func (c *call) FetchCacheMode() string {
	if !c.info.config.FetchCacheSet {
		return ""
	}
	return c.info.config.FetchCache
}

// ForceDynamic reports dynamic = 'force-dynamic'.
func (c *call) ForceDynamic() bool { return c.info.config.Dynamic == "force-dynamic" }

// ForceStatic reports dynamic = 'force-static'.
func (c *call) ForceStatic() bool { return c.info.config.Dynamic == "force-static" }

// Prerender reports whether c is a prerender, the segment's revalidate (+Inf: forever) and
// whether it runs at start.
func (c *call) Prerender() (revalidate float64, buildTime, ok bool) {
	buildTime, ok = c.r.Context().Value(prerenderKey{}).(bool)
	if !ok {
		return 0, false, false
	}
	revalidate = math.Inf(1)
	if cfg := c.info.config; cfg.RevalidateSet && cfg.Revalidate > 0 {
		revalidate = cfg.Revalidate
	}
	return revalidate, buildTime, true
}
