package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/webapi"
)

// Next.js's data cache for fetch() in route handlers (next/dist/server/lib/patch-fetch.js, Next 16):
// whether a fetch is cached, and for how long, follows from its `cache` and `next.revalidate`
// options, the route's segment `fetchCache` and `dynamic`, and whether the fetch runs in a
// prerender (decide, below, step by step as patch-fetch). A cached fetch is answered from the
// cache when it holds a fresh entry for the same request; a stale one (past revalidate, or a tag
// revalidated with a cacheLife profile) is answered at once and refreshed in the background; a
// miss goes to the network and a 2xx answer of at most 2 MB is stored with the fetch's tags plus
// the route's implicit ones, so revalidateTag and revalidatePath reach it. Recorded against
// `next start` in e2e/testdata/nextjs/sequences/cache-next-app.json (fetch-cache-*, fetch-tag-*).

// maxDataCacheItem is Next's limit on one data cache item ("items over 2MB can not be cached").
const maxDataCacheItem = 2 << 20

type dataCacheKey struct{}

// SetDataCache gives fetch() in r the store of Next's data cache; without one fetch never caches.
func SetDataCache(r *webapi.Realm, s cache.Store) { r.Set(dataCacheKey{}, s) }

// tagger is implemented by an engine's per-request context that knows the route's implicit cache
// tags (Next's `_N_T_/...`) and keeps the tags of the request's cached fetches.
type tagger interface {
	ImplicitTags() []string
	UseTags(tags []string)
}

// segment is implemented by an engine's per-request context: what the route's segment config
// and the kind of render tell the data cache.
type segment interface {
	// FetchCacheMode is the route's `fetchCache` export, "" when it has none.
	FetchCacheMode() string
	// ForceDynamic reports `dynamic = 'force-dynamic'`.
	ForceDynamic() bool
	// ForceStatic reports `dynamic = 'force-static'`.
	ForceStatic() bool
	// MarkDynamic records that a prerender used something that makes the route dynamic (Next's
	// markCurrentScopeAsDynamic): the answer is not stored and the route is rendered per request.
	MarkDynamic(expression string)
	// LowerRevalidate records that a prerender's answer must be regenerated after secs (a
	// fetch's own next.revalidate below the segment's: Next lowers the route's revalidate to it).
	LowerRevalidate(secs float64)
	// Prerender reports whether the request is a full-route prerender, the segment's revalidate
	// then (seconds; +Inf: forever), and whether it is the start-time one (Next's `next build`).
	Prerender() (revalidate float64, buildTime, ok bool)
}

// dataCacheCall is what one cacheable fetch needs to read and fill the cache.
type dataCacheCall struct {
	store      cache.Store
	key        string
	revalidate time.Duration // 0: forever
	tags       []string
	// prerender: a stale entry is fetched again before the answer, not after, because the answer
	// is stored (patch-fetch.js, willConsumerServerCache).
	prerender bool
}

// infinite is Next's INFINITE_CACHE: cached, never revalidated.
var infinite = math.Inf(1)

// decide is how long the fetch may be cached, in seconds (+Inf: forever, 0: not cached), as
// patch-fetch.js decides it; a fetch that breaks the segment's `only-cache`/`only-no-store` rule
// is an error with Next's text. h.Revalidate: nil when unset, +Inf for false; conflicting cache
// and revalidate options were already dropped (cacheHints). dynamic reports a fetch that is not
// cached inside a prerender of a route that is not force-static, by its own or the segment's
// choice: Next then bails out of prerendering the route ("revalidate: 0 fetch").
func decide(h CacheHints, url string, seg segment) (secs float64, dynamic bool, err error) {
	secs, autoNoCache, err := decideSecs(h, url, seg)
	if err == nil && secs == 0 && !autoNoCache && seg != nil && !seg.ForceStatic() && !seg.ForceDynamic() {
		_, _, prerender := seg.Prerender()
		dynamic = prerender
	}
	return secs, dynamic, err
}

func decideSecs(h CacheHints, url string, seg segment) (float64, bool, error) {
	mode, forceDynamic := "", false
	prerenderRV, buildTime, prerender := 0.0, false, false
	if seg != nil {
		mode, forceDynamic = seg.FetchCacheMode(), seg.ForceDynamic()
		prerenderRV, buildTime, prerender = seg.Prerender()
	}
	rv := h.Revalidate
	// 1. force-cache without revalidate: forever; an explicit opt-out (the fetch's or the
	// segment's), or force-dynamic with no fetch config at all: not cached.
	optOut := h.Cache == "no-cache" || h.Cache == "no-store" || mode == "force-no-store" || mode == "only-no-store"
	noConfigForceDynamic := mode == "" && h.Cache == "" && (rv == nil || *rv == 0) && forceDynamic
	switch {
	case h.Cache == "force-cache" && rv == nil:
		rv = &infinite
	case optOut || noConfigForceDynamic:
		zero := 0.0
		rv = &zero
	}
	// 2. No cache config anywhere: not cached at request time ("auto no cache"); cached under the
	// segment's revalidate in the start-time prerender, as `next build` does.
	noExplicit := mode == "" && (h.Cache == "" || h.Cache == "default") && rv == nil
	autoNoCache := noExplicit && !(prerender && buildTime)
	// 3. The segment's mode.
	switch mode {
	case "only-no-store":
		if h.Cache == "force-cache" || rv != nil && *rv > 0 {
			return 0, false, fmt.Errorf("cache: 'force-cache' used on fetch for %s with 'export const fetchCache = 'only-no-store'", url)
		}
	case "only-cache":
		if h.Cache == "no-store" {
			return 0, false, fmt.Errorf("cache: 'no-store' used on fetch for %s with 'export const fetchCache = 'only-cache'", url)
		}
	case "force-cache":
		if rv == nil || *rv == 0 {
			return infinite, false, nil
		}
	}
	if rv != nil {
		return *rv, false, nil
	}
	// 4. Still undecided: the segment's default, else the render's.
	switch {
	case mode == "default-cache":
		return infinite, false, nil
	case mode == "default-no-store":
		return 0, false, nil
	case autoNoCache:
		return 0, true, nil
	case prerender:
		return prerenderRV, false, nil
	}
	return infinite, false, nil
}

// dataCache decides whether the flight goes through the data cache; on the loop, once the request
// headers and body are known.
func (f *flight) dataCache() (*dataCacheCall, error) {
	store, _ := f.c.a.r.Get(dataCacheKey{}).(cache.Store)
	if store == nil || f.once != nil {
		return nil, nil // no cache, or a streamed body (it cannot be part of a key)
	}
	h := f.hints
	ctx := f.c.a.r.Host.Context()
	seg, _ := ctx.(segment)
	secs, dynamic, err := decide(h, f.urls[0], seg)
	if dynamic {
		seg.MarkDynamic("revalidate: 0 fetch " + f.urls[0])
	}
	if seg != nil && err == nil && secs > 0 && h.Revalidate != nil && *h.Revalidate == secs {
		if segRV, _, prerender := seg.Prerender(); prerender && secs < segRV {
			seg.LowerRevalidate(secs)
		}
	}
	if err != nil || secs <= 0 {
		return nil, err
	}
	var rv time.Duration
	if !math.IsInf(secs, 1) {
		rv = time.Duration(secs * float64(time.Second))
	}
	tags := append([]string(nil), h.Tags...)
	if t, ok := ctx.(tagger); ok {
		t.UseTags(h.Tags)
		tags = append(tags, t.ImplicitTags()...)
	}
	dc := &dataCacheCall{store: store, key: f.cacheKey(), revalidate: rv, tags: tags}
	if seg != nil {
		_, _, dc.prerender = seg.Prerender()
	}
	return dc, nil
}

// cacheKey is the request as Next keys it: method, URL, headers, mode, redirect, integrity and body.
func (f *flight) cacheKey() string {
	var hs [][2]string
	for _, fl := range f.header.SortAndCombine() {
		hs = append(hs, [2]string{fl.Name, fl.Value})
	}
	b, _ := json.Marshal([]any{"v1", f.method, f.urls[0], hs, f.mode, f.redirect, f.integrity, f.bytes})
	sum := sha256.Sum256(b)
	return "fetch:" + hex.EncodeToString(sum[:])
}

// lookup answers from the cache; a stale entry (past the fetch's revalidate, or a tag revalidated
// with a profile) is answered and refreshed in the background.
func (d *dataCacheCall) lookup(f *flight, cl *http.Client) (*fetched, bool) {
	e, f0 := cache.Lookup(context.Background(), d.store, d.key)
	if f0 == cache.Miss {
		return nil, false
	}
	stale := f0 == cache.Stale || d.revalidate > 0 && time.Since(e.Stored) >= d.revalidate
	if stale && d.prerender {
		return nil, false
	}
	if stale {
		g := *f // copied before the loop settles f
		go d.refresh(&g, cl)
	}
	resp := &http.Response{StatusCode: e.Status, Status: strconv.Itoa(e.Status) + " " + http.StatusText(e.Status),
		Header: e.Header.Clone(), Body: http.NoBody}
	if resp.Header == nil {
		resp.Header = http.Header{}
	}
	f.cancel(errDone)
	return &fetched{resp: resp, data: e.Body}, true
}

// keep stores a fresh network answer (2xx, at most 2 MB) and hands back the same answer read from
// memory; off the loop.
func (d *dataCacheCall) keep(f *flight, res *fetched) (*fetched, error) {
	resp := res.resp
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return res, nil
	}
	data := res.data
	if res.body != nil {
		all, err := io.ReadAll(res.body)
		res.body.Close()
		if err != nil {
			return nil, err
		}
		res.body, res.data, data = nil, all, all
	}
	if len(data) > maxDataCacheItem {
		f.c.a.r.Host.Logger().Warn(fmt.Sprintf("Failed to set Next.js data cache for %s, items over 2MB can not be cached (%d bytes)", f.urls[0], len(data)))
		return res, nil
	}
	if data == nil {
		data = []byte{}
	}
	d.store.Set(context.Background(), d.key, &cache.Entry{Status: resp.StatusCode, Header: resp.Header.Clone(), Body: data,
		Stored: time.Now(), Revalidate: d.revalidate, Tags: d.tags})
	return res, nil
}

// refresh fetches the request again for a stale entry, with no JS involved; g is a copy of the
// flight that nothing else uses.
func (d *dataCacheCall) refresh(g *flight, cl *http.Client) {
	f := g
	g.urls = []string{f.urls[0]}
	g.ctx, g.cancel = context.WithCancelCause(context.Background())
	defer g.cancel(errDone)
	res, err := g.run(cl)
	if err != nil {
		f.c.a.r.Host.Logger().Error(fmt.Sprintf("Failed to revalidate the data cache entry of %s: %v", f.urls[0], err))
		return
	}
	if _, err := d.keep(g, res); err != nil {
		f.c.a.r.Host.Logger().Error(fmt.Sprintf("Failed to revalidate the data cache entry of %s: %v", f.urls[0], err))
	}
}

// DataCache is the store SetDataCache gave r, or nil.
func DataCache(r *webapi.Realm) cache.Store {
	s, _ := r.Get(dataCacheKey{}).(cache.Store)
	return s
}
