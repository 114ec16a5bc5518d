package engine

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/router"
)

// yearSeconds is Next's "forever" for s-maxage (31536000 s).
const yearSeconds = 31536000

// staticRoute reports whether GET answers of the route come from the full-route cache: Next
// prerenders a GET handler whose segment config opts in (force-static, revalidate N or false)
// when the file exports nothing else and the route has no dynamic segment. An edge route is never
// prerendered (recorded: app-routes-app/edge-static).
func (info *routeInfo) staticRoute(methods []string) bool {
	if info.dynamic || !info.config.static() || info.config.Dynamic == "force-dynamic" || info.config.Runtime == "edge" {
		return false
	}
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

// serveStatic answers a request to a prerendered route: GET and HEAD from the cache (filled by
// the first request, refilled in the background once stale), every other method 405 with
// `Allow: GET` and `Allow: HEAD`, as Next answers for a prerendered route. A path that
// generateStaticParams listed answers every method from the cache, and with
// `dynamicParams = false` any other path is Next's 404 page (recorded: cache-next-app,
// dynamic-params-false).
func (g *generation) serveStatic(w http.ResponseWriter, r *http.Request, d router.Decision, info *routeInfo) {
	h := w.Header()
	listed := info.perPath && info.listed[r.URL.EscapedPath()]
	if info.perPath && !listed && !info.config.DynamicParams {
		writeNotFound(w, r, !g.noPoweredBy)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && !listed {
		h["Allow"] = []string{"GET", "HEAD"}
		h["Content-Type"] = nil
		h["Transfer-Encoding"] = chunked
		w.WriteHeader(http.StatusMethodNotAllowed)
		io.WriteString(w, "Method Not Allowed")
		return
	}
	key := g.routeKey(d.Route.Pattern)
	if info.perPath {
		key = g.routeKey(r.URL.EscapedPath())
	}
	state := "HIT"
	looked := time.Now()
	// A tag revalidated without a profile reads as a miss; with one, or past revalidate, as stale.
	e, f := cache.Lookup(r.Context(), g.cache, key)
	switch f {
	case cache.Miss:
		state = "MISS"
		var out *outcome
		e, out = g.fill(r, d, info, key, looked)
		if e == nil {
			writeOutcome(w, r, out, d.HeadOnly)
			return
		}
	case cache.Stale:
		state = "STALE"
		go g.regenerate(r.Clone(context.Background()), d, info, key, looked)
	}
	for k, vs := range e.Header {
		h[k] = vs
	}
	// Shared, never modified value slices: a hit allocates no header values of its own.
	h["X-Nextjs-Cache"] = cacheStates[state]
	if _, ok := h["Cache-Control"]; !ok {
		// Next sets its revalidate header only when the answer has none of its own.
		h["Cache-Control"] = cacheControlValue(e.Revalidate)
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil
	}
	h["Transfer-Encoding"] = chunked
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		w.Write(e.Body)
	}
}

// cacheStates are the x-nextjs-cache values, as header value slices.
var cacheStates = map[string][]string{"HIT": {"HIT"}, "MISS": {"MISS"}, "STALE": {"STALE"}}

// cacheControls memoizes cacheControl as header value slices, by revalidate.
var cacheControls sync.Map // time.Duration → []string

// cacheControlValue is the Cache-Control Next sends for a prerendered answer that goes stale
// after revalidate (0: never), made once per distinct value.
func cacheControlValue(revalidate time.Duration) []string {
	if v, ok := cacheControls.Load(revalidate); ok {
		return v.([]string)
	}
	v, _ := cacheControls.LoadOrStore(revalidate, []string{cacheControl(revalidate)})
	return v.([]string)
}

// cacheControl is the Cache-Control of an answer that goes stale after revalidate (0: never):
// `s-maxage=N, stale-while-revalidate=<a year minus N>`, or `s-maxage=31536000`.
func cacheControl(revalidate time.Duration) string {
	if revalidate > 0 {
		n := int(math.Ceil(revalidate.Seconds()))
		return fmt.Sprintf("s-maxage=%d, stale-while-revalidate=%d", n, yearSeconds-n)
	}
	return fmt.Sprintf("s-maxage=%d", yearSeconds)
}

// fill runs the GET handler as Next's prerender does — no headers, no cookies, no query — and
// stores a successful answer. One fill per key runs at a time, and a fill asked for by a request
// that looked at the cache at looked finds the entry another fill stored since and renders
// nothing: 50 requests that see one stale entry regenerate it once. A failed fill is not stored;
// its outcome is returned instead.
func (g *generation) fill(r *http.Request, d router.Decision, info *routeInfo, key string, looked time.Time) (*cache.Entry, *outcome) {
	type result struct {
		e   *cache.Entry
		out *outcome
	}
	res := g.flight.Do(key, func() any {
		// Stored times may be kept to the millisecond (Redis, disk): an entry stored in the
		// millisecond the request looked counts as stored since.
		if cur, f := cache.Lookup(r.Context(), g.cache, key); f == cache.Fresh && !cur.Stored.Before(looked.Truncate(time.Millisecond)) {
			return result{e: cur}
		}
		ctx := r.Context()
		if _, ok := ctx.Value(prerenderKey{}).(bool); !ok {
			ctx = withPrerender(ctx, false) // a regeneration (cachesegment.go)
		}
		sr := r.Clone(ctx)
		sr.Method = http.MethodGet
		sr.Header = http.Header{}
		sr.URL.RawQuery = ""
		sr.RequestURI = sr.URL.Path
		sr.Body = http.NoBody
		d.Method, d.HeadOnly = "GET", false
		out := g.run(sr, d, info, true)
		if usage := dynamicUsage(out); usage != "" && info.config.Dynamic == "error" {
			// `dynamic = 'error'` forbids it: Next's build fails with this error; here the
			// route answers 500 and says why.
			out.close()
			if g.log != nil {
				g.log.Error(fmt.Sprintf("Error: Route %s with `dynamic = \"error\"` couldn't be rendered statically because it used `%s`. See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering (%s)", d.Route.Pattern, usage, info.file))
			}
			return result{out: &outcome{status: http.StatusInternalServerError, header: http.Header{}}}
		} else if usage != "" && info.config.Dynamic != "force-static" {
			// Next's build bails out of prerendering a route that reads request data
			// (DynamicServerError) and renders it per request (recorded: cache-next-app,
			// segment-revalidate). This answer is not stored.
			if info.bailed != nil {
				info.bailed.Store(true)
			}
			return result{out: out}
		}
		if out.status >= 400 && !(info.perPath && out.status == http.StatusNotFound) {
			return result{out: out}
		}
		body, err := out.readAll(r.Context())
		if err != nil {
			return result{out: &outcome{status: http.StatusInternalServerError, header: http.Header{}}}
		}
		tags := implicitTags(info.file, sr.URL.Path)
		if out.scope != nil {
			tags = append(tags, out.scope.FetchTags...)
		}
		e := &cache.Entry{Status: out.status, Header: out.headerMap(), Body: body, Stored: time.Now(), Tags: tags}
		if info.config.RevalidateSet && info.config.Revalidate > 0 {
			e.Revalidate = time.Duration(info.config.Revalidate * float64(time.Second))
		}
		if out.scope != nil && out.scope.FetchRevalidate > 0 {
			// A fetch revalidating sooner than the segment lowers the answer's revalidate, as
			// Next does (recorded: cache-next-app, fetch-revalidate).
			if rv := time.Duration(out.scope.FetchRevalidate * float64(time.Second)); e.Revalidate == 0 || rv < e.Revalidate {
				e.Revalidate = rv
			}
		}
		g.cache.Set(context.Background(), key, e)
		return result{e: e}
	}).(result)
	return res.e, res.out
}

// dynamicUsage is what a prerender used that makes its route dynamic, or "".
func dynamicUsage(out *outcome) string {
	if out.scope == nil {
		return ""
	}
	return out.scope.DynamicUsage
}

// regenerate fills a stale entry in the background. A failed regeneration keeps the stale entry
// (it is served until one succeeds) and is logged; the handler's own error, if it threw, was
// logged by the worker already.
func (g *generation) regenerate(r *http.Request, d router.Decision, info *routeInfo, key string, looked time.Time) {
	if e, out := g.fill(r, d, info, key, looked); e == nil && out != nil && out.status >= 400 {
		out.close()
		if g.log != nil {
			g.log.Error(fmt.Sprintf("⨯ regenerating %s failed (status %d): the stale answer is kept", r.URL.Path, out.status))
		}
	}
}

// readAll takes the whole body of an outcome into memory.
func (o *outcome) readAll(ctx context.Context) ([]byte, error) {
	switch {
	case o.body != nil:
		return o.body, nil
	case o.reader != nil:
		defer o.reader.Close()
		return io.ReadAll(o.reader)
	case o.stream != nil:
		var b strings.Builder
		for {
			c := o.stream.next(ctx)
			if c.err != nil {
				return nil, c.err
			}
			b.Write(c.data)
			if c.done {
				return []byte(b.String()), nil
			}
		}
	}
	return nil, nil
}
