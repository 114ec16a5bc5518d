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

// Next.js's data cache for fetch() in route handlers (next/dist/server/lib/patch-fetch.js): a
// fetch with `cache: 'force-cache'` or `next: { revalidate: N }` (N > 0, or false: forever) is
// answered from the cache when it holds a fresh entry for the same request; a stale entry is
// answered at once and refreshed in the background, as Next does; a miss goes to the network and a
// 2xx answer of at most 2 MB is stored with the fetch's tags plus the route's implicit ones, so
// revalidateTag and revalidatePath can invalidate it. `cache: 'no-store'`, `revalidate: 0` and
// fetches without either option are never cached (Next 15+'s default).

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

// dataCacheCall is what one cacheable fetch needs to read and fill the cache.
type dataCacheCall struct {
	store      cache.Store
	key        string
	revalidate time.Duration // 0: forever
	tags       []string
}

// dataCache decides whether the flight goes through the data cache; on the loop, once the request
// headers and body are known.
func (f *flight) dataCache() *dataCacheCall {
	store, _ := f.c.a.r.Get(dataCacheKey{}).(cache.Store)
	h := f.hints
	if store == nil || h.Cache == "no-store" || f.once != nil {
		return nil // no cache, opted out, or a streamed body (it cannot be part of a key)
	}
	var rv time.Duration
	switch {
	case h.Revalidate != nil && *h.Revalidate == 0:
		return nil
	case h.Revalidate != nil && !math.IsInf(*h.Revalidate, 1):
		rv = time.Duration(*h.Revalidate * float64(time.Second))
	case h.Revalidate == nil && h.Cache != "force-cache":
		return nil
	}
	tags := append([]string(nil), h.Tags...)
	if t, ok := f.c.a.r.Host.Context().(tagger); ok {
		t.UseTags(h.Tags)
		tags = append(tags, t.ImplicitTags()...)
	}
	return &dataCacheCall{store: store, key: f.cacheKey(), revalidate: rv, tags: tags}
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

// lookup answers from the cache; a stale entry is answered and refreshed in the background.
func (d *dataCacheCall) lookup(f *flight, cl *http.Client) (*fetched, bool) {
	e, ok := cache.Lookup(context.Background(), d.store, d.key)
	if !ok {
		return nil, false
	}
	if d.revalidate > 0 && time.Since(e.Stored) >= d.revalidate {
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
