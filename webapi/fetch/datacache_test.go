package fetch

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// Next's data cache: which fetches are answered from the store, what a hit looks like, stale
// entries refreshed behind the answer, tags, and the 2 MB limit. A real loopback server counts the
// requests that reach the network.
func TestDataCache(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		if r.URL.Path == "/big" {
			w.Write([]byte(strings.Repeat("x", 2<<20+1)))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Upstream", "yes")
		if r.URL.Path == "/missing" {
			w.WriteHeader(404)
		}
		fmt.Fprintf(w, `{"n":%d,"method":%q}`, n, r.Method)
	}))
	defer srv.Close()
	tests := []struct {
		name, script string
		want         string
		network      int64 // requests that reached the server
	}{
		{"force-cache: the second fetch is a hit with the same answer",
			`const a = await fetch(URL_ + '/a', { cache: 'force-cache' });
			 const b = await fetch(URL_ + '/a', { cache: 'force-cache' });
			 return [a.status, await a.text(), b.status, await b.text(), b.headers.get('content-type'), b.headers.get('x-upstream')].join(' ')`,
			`200 {"n":1,"method":"GET"} 200 {"n":1,"method":"GET"} application/json yes`, 1},
		{"revalidate N caches too; no option and no-store never do",
			`await fetch(URL_ + '/b', { next: { revalidate: 60 } });
			 const hit = await (await fetch(URL_ + '/b', { next: { revalidate: 60 } })).text();
			 await fetch(URL_ + '/c'); await fetch(URL_ + '/c');
			 await fetch(URL_ + '/d', { cache: 'no-store' }); await fetch(URL_ + '/d', { cache: 'no-store' });
			 await fetch(URL_ + '/e', { next: { revalidate: 0 } }); await fetch(URL_ + '/e', { next: { revalidate: 0 } });
			 return hit`, `{"n":1,"method":"GET"}`, 7},
		{"the key holds method, headers and body",
			`const f = (init) => fetch(URL_ + '/k', { cache: 'force-cache', ...init }).then((r) => r.text());
			 return [await f({}), await f({ headers: { 'x-a': '1' } }), await f({ method: 'POST', body: 'one' }),
			   await f({ method: 'POST', body: 'two' }), await f({ method: 'POST', body: 'one' })].join(' ')`,
			`{"n":1,"method":"GET"} {"n":2,"method":"GET"} {"n":3,"method":"POST"} {"n":4,"method":"POST"} {"n":3,"method":"POST"}`, 4},
		{"only 2xx answers are stored",
			`const a = await fetch(URL_ + '/missing', { cache: 'force-cache' });
			 const b = await fetch(URL_ + '/missing', { cache: 'force-cache' });
			 return [a.status, await a.text(), b.status, await b.text()].join(' ')`,
			`404 {"n":1,"method":"GET"} 404 {"n":2,"method":"GET"}`, 2},
		{"over 2 MB is not cached but answered whole",
			`const a = await (await fetch(URL_ + '/big', { cache: 'force-cache' })).text();
			 const b = await (await fetch(URL_ + '/big', { cache: 'force-cache' })).text();
			 return [a.length, b.length].join(' ')`, "2097153 2097153", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			env := webapitest.New(t, webapitest.Options{}, append(installs, func(r *webapi.Realm) { SetDataCache(r, cache.NewMemory(0)) })...)
			got := env.Run(strings.ReplaceAll(tt.script, "URL_", `"`+srv.URL+`"`)).String()
			if got != tt.want || hits.Load() != tt.network {
				t.Errorf("got %q with %d network requests\nwant %q with %d", got, hits.Load(), tt.want, tt.network)
			}
		})
	}

	t.Run("a stale entry is answered, then refreshed in the background", func(t *testing.T) {
		hits.Store(0)
		store := cache.NewMemory(0)
		env := webapitest.New(t, webapitest.Options{}, append(installs, func(r *webapi.Realm) { SetDataCache(r, store) })...)
		get := `return await (await fetch(URL_ + '/s', { next: { revalidate: 1 } })).text()`
		get = strings.ReplaceAll(get, "URL_", `"`+srv.URL+`"`)
		if got := env.Run(get).String(); got != `{"n":1,"method":"GET"}` {
			t.Fatalf("first: %s", got)
		}
		time.Sleep(1100 * time.Millisecond)
		if got := env.Run(get).String(); got != `{"n":1,"method":"GET"}` {
			t.Errorf("stale answer: %s", got)
		}
		deadline := time.Now().Add(3 * time.Second)
		for hits.Load() < 2 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond) // the refresh stores its entry after the network answer
		if got := env.Run(get).String(); got != `{"n":2,"method":"GET"}` {
			t.Errorf("after the background refresh: %s", got)
		}
	})

	t.Run("an invalidated tag makes the entry a miss", func(t *testing.T) {
		hits.Store(0)
		store := cache.NewMemory(0)
		env := webapitest.New(t, webapitest.Options{}, append(installs, func(r *webapi.Realm) { SetDataCache(r, store) })...)
		get := strings.ReplaceAll(`return await (await fetch(URL_ + '/t', { cache: 'force-cache', next: { tags: ['posts'] } })).text()`, "URL_", `"`+srv.URL+`"`)
		env.Run(get)
		env.Run(get)
		time.Sleep(2 * time.Millisecond)
		store.Invalidate(context.Background(), []string{"posts"}, 0)
		if got := env.Run(get).String(); got != `{"n":2,"method":"GET"}` || hits.Load() != 2 {
			t.Errorf("after revalidateTag: %s with %d requests", got, hits.Load())
		}
	})

	t.Run("a tag revalidated with a profile: the stale entry once, then the refreshed one", func(t *testing.T) {
		hits.Store(0)
		store := cache.NewMemory(0)
		env := webapitest.New(t, webapitest.Options{}, append(installs, func(r *webapi.Realm) { SetDataCache(r, store) })...)
		get := strings.ReplaceAll(`return await (await fetch(URL_ + '/t', { next: { revalidate: 3600, tags: ['posts'] } })).text()`, "URL_", `"`+srv.URL+`"`)
		env.Run(get)
		time.Sleep(2 * time.Millisecond)
		store.Invalidate(context.Background(), []string{"posts"}, time.Hour) // revalidateTag('posts', 'max')
		if got := env.Run(get).String(); got != `{"n":1,"method":"GET"}` {
			t.Errorf("right after revalidateTag(tag, profile): %s, want the stale entry", got)
		}
		for deadline := time.Now().Add(time.Second); hits.Load() < 2 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond)
		if got := env.Run(get).String(); got != `{"n":2,"method":"GET"}` || hits.Load() != 2 {
			t.Errorf("after the background refresh: %s with %d requests", got, hits.Load())
		}
	})
}

// fakeSegment is a route's segment config as decide sees it.
type fakeSegment struct {
	mode         string
	forceDynamic bool
	forceStatic  bool
	prerenderRV  float64
	buildTime    bool
	prerender    bool
}

func (s fakeSegment) FetchCacheMode() string  { return s.mode }
func (s fakeSegment) ForceDynamic() bool      { return s.forceDynamic }
func (s fakeSegment) ForceStatic() bool       { return s.forceStatic }
func (s fakeSegment) MarkDynamic(string)      {}
func (s fakeSegment) LowerRevalidate(float64) {}
func (s fakeSegment) Prerender() (float64, bool, bool) {
	return s.prerenderRV, s.buildTime, s.prerender
}

// What decide answers, row by row as `next start` 16.5 did (recorded in
// e2e/testdata/nextjs/sequences/cache-next-app.json: fetch-cache-*, segment-revalidate) or as
// patch-fetch.js reads where no recording covers it (prerender rows).
func TestDecide(t *testing.T) {
	inf := math.Inf(1)
	n := func(v float64) *float64 { return &v }
	rows := []struct {
		name    string
		h       CacheHints
		seg     segment
		want    float64
		error   string
		dynamic bool // the fetch makes the prerender dynamic
	}{
		{"no options", CacheHints{}, nil, 0, "", false},
		{"tags only", CacheHints{Tags: []string{"t"}}, nil, 0, "", false},
		{"revalidate 3600", CacheHints{Revalidate: n(3600)}, nil, 3600, "", false},
		{"revalidate false", CacheHints{Revalidate: n(inf)}, nil, inf, "", false},
		{"force-cache", CacheHints{Cache: "force-cache"}, nil, inf, "", false},
		{"no-store", CacheHints{Cache: "no-store"}, nil, 0, "", false},
		{"segment revalidate on a dynamic route", CacheHints{}, fakeSegment{}, 0, "", false},
		{"force-dynamic, no options", CacheHints{}, fakeSegment{forceDynamic: true}, 0, "", false},
		{"force-dynamic, force-cache", CacheHints{Cache: "force-cache"}, fakeSegment{forceDynamic: true}, inf, "", false},
		{"fetchCache force-cache, no options", CacheHints{}, fakeSegment{mode: "force-cache"}, inf, "", false},
		{"fetchCache force-cache, no-store", CacheHints{Cache: "no-store"}, fakeSegment{mode: "force-cache"}, inf, "", false},
		{"fetchCache force-no-store, force-cache", CacheHints{Cache: "force-cache"}, fakeSegment{mode: "force-no-store"}, inf, "", false},
		{"fetchCache force-no-store, revalidate 60", CacheHints{Revalidate: n(60)}, fakeSegment{mode: "force-no-store"}, 0, "", false},
		{"fetchCache default-no-store, no options", CacheHints{}, fakeSegment{mode: "default-no-store"}, 0, "", false},
		{"fetchCache default-no-store, force-cache", CacheHints{Cache: "force-cache"}, fakeSegment{mode: "default-no-store"}, inf, "", false},
		{"fetchCache default-cache, no options", CacheHints{}, fakeSegment{mode: "default-cache"}, inf, "", false},
		{"fetchCache default-cache, no-store", CacheHints{Cache: "no-store"}, fakeSegment{mode: "default-cache"}, 0, "", false},
		{"fetchCache only-cache, no options", CacheHints{}, fakeSegment{mode: "only-cache"}, inf, "", false},
		{"fetchCache only-cache, no-store", CacheHints{Cache: "no-store"}, fakeSegment{mode: "only-cache"}, 0,
			"cache: 'no-store' used on fetch for http://x/ with 'export const fetchCache = 'only-cache'", false},
		{"fetchCache only-no-store, no options", CacheHints{}, fakeSegment{mode: "only-no-store"}, 0, "", false},
		{"fetchCache only-no-store, force-cache", CacheHints{Cache: "force-cache"}, fakeSegment{mode: "only-no-store"}, 0,
			"cache: 'force-cache' used on fetch for http://x/ with 'export const fetchCache = 'only-no-store'", false},
		{"fetchCache auto, no options", CacheHints{}, fakeSegment{mode: "auto"}, inf, "", false},
		{"fetchCache auto, tags only", CacheHints{Tags: []string{"t"}}, fakeSegment{mode: "auto"}, inf, "", false},
		{"start-time prerender, no options: the segment's revalidate", CacheHints{}, fakeSegment{prerender: true, buildTime: true, prerenderRV: 3}, 3, "", false},
		{"regeneration, no options", CacheHints{}, fakeSegment{prerender: true, prerenderRV: 3}, 0, "", false},
		{"prerender, no-store: the route is dynamic", CacheHints{Cache: "no-store"}, fakeSegment{prerender: true, buildTime: true, prerenderRV: 3}, 0, "", true},
		{"force-static prerender, no-store", CacheHints{Cache: "no-store"}, fakeSegment{prerender: true, buildTime: true, forceStatic: true}, 0, "", false},
		{"request, no-store", CacheHints{Cache: "no-store"}, fakeSegment{}, 0, "", false},
		{"regeneration, fetchCache auto: the segment's revalidate", CacheHints{}, fakeSegment{mode: "auto", prerender: true, prerenderRV: 3}, 3, "", false},
	}
	for _, r := range rows {
		got, dynamic, err := decide(r.h, "http://x/", r.seg)
		if dynamic != r.dynamic {
			t.Errorf("%s: dynamic = %v, want %v", r.name, dynamic, r.dynamic)
		}
		if r.error != "" {
			if err == nil || err.Error() != r.error {
				t.Errorf("%s: error %v, want %q", r.name, err, r.error)
			}
			continue
		}
		if err != nil || got != r.want {
			t.Errorf("%s: %v, %v; want %v", r.name, got, err, r.want)
		}
	}
}
