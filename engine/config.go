package engine

import (
	"time"

	"github.com/dop251/goja"
)

// segmentConfig holds a route's segment config exports (Next.js "Route Segment Config"): read
// once at load and kept for the caching and limits work.
type segmentConfig struct {
	Dynamic         string  // "auto", "force-dynamic", "error", "force-static"
	Revalidate      float64 // seconds; -1 when false (cache forever); 0 = dynamic; NaN when unset
	RevalidateSet   bool
	DynamicParams   bool
	FetchCache      string
	FetchCacheSet   bool // the route exports fetchCache (Next tells 'auto' from no export)
	Runtime         string
	PreferredRegion any
	MaxDuration     float64 // seconds; 0 when unset
}

func readSegmentConfig(mod *goja.Object) segmentConfig {
	c := segmentConfig{Dynamic: "auto", DynamicParams: true, FetchCache: "auto", Runtime: "nodejs"}
	str := func(name string, dst *string) {
		if v := mod.Get(name); v != nil && !goja.IsUndefined(v) {
			*dst = v.String()
		}
	}
	str("dynamic", &c.Dynamic)
	str("fetchCache", &c.FetchCache)
	c.FetchCacheSet = mod.Get("fetchCache") != nil && !goja.IsUndefined(mod.Get("fetchCache"))
	str("runtime", &c.Runtime)
	if v := mod.Get("dynamicParams"); v != nil && !goja.IsUndefined(v) {
		c.DynamicParams = v.ToBoolean()
	}
	if v := mod.Get("revalidate"); v != nil && !goja.IsUndefined(v) {
		c.RevalidateSet = true
		if b, ok := v.Export().(bool); ok && !b {
			c.Revalidate = -1
		} else {
			c.Revalidate = v.ToFloat()
		}
	}
	if v := mod.Get("maxDuration"); v != nil && !goja.IsUndefined(v) {
		c.MaxDuration = v.ToFloat()
	}
	if v := mod.Get("preferredRegion"); v != nil && !goja.IsUndefined(v) {
		c.PreferredRegion = v.Export()
	}
	return c
}

// static reports whether GET answers may be cached (Next 15+: only on opt-in).
func (c segmentConfig) static() bool {
	return c.Dynamic == "force-static" || c.Dynamic == "error" || (c.RevalidateSet && c.Revalidate != 0)
}

// maxDuration is the time limit of a request to the route: its maxDuration export, else the
// engine's default (Options.MaxDuration); 0 means none.
func (g *generation) maxDuration(info *routeInfo) time.Duration {
	if info.config.MaxDuration > 0 {
		return time.Duration(info.config.MaxDuration * float64(time.Second))
	}
	return g.defaultMaxDuration
}
