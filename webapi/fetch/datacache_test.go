package fetch

import (
	"context"
	"fmt"
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
		store.Invalidate(context.Background(), []string{"posts"})
		if got := env.Run(get).String(); got != `{"n":2,"method":"GET"}` || hits.Load() != 2 {
			t.Errorf("after revalidateTag: %s with %d requests", got, hits.Load())
		}
	})
}
