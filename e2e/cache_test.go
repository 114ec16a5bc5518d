package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jsroute/jsroute/cache/redistest"
)

// Two `jsroute start` processes on one Redis share the cache as instances behind a load balancer
// do: a tagged fetch made through A is a hit on B, revalidateTag on A makes B fetch anew at once,
// an ISR route regenerates once under 50 concurrent requests, and with Redis killed both keep
// answering (uncached) until it returns and they share again.
func TestCacheSharedByInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	rs := redistest.Start(t)
	var posts, isr atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/posts":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"n":%d}`, posts.Add(1))
		case "/isr":
			fmt.Fprintf(w, "render %d", isr.Add(1))
		default:
			http.NotFound(w, r)
		}
	}))
	defer up.Close()
	t.Setenv("UPSTREAM", up.URL)
	args := []string{"start", "fixtures/cache-app", "-p", "PORT", "-H", "127.0.0.1", "--cache-url", rs.URL}
	a := startJsroute(t, append([]string(nil), args...)...)
	b := startJsroute(t, append([]string(nil), args...)...)

	get := func(p *jsrouteProcess, path string) (int, string) {
		t.Helper()
		res, err := http.Get(p.base() + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}

	// A tagged fetch cached through A is a hit on B.
	if s, body := get(a, "/data"); s != 200 || body != `{"n":1}` {
		t.Fatalf("A /data = %d %s", s, body)
	}
	if s, body := get(b, "/data"); s != 200 || body != `{"n":1}` || posts.Load() != 1 {
		t.Fatalf("B /data = %d %s after %d upstream requests; want A's entry", s, body, posts.Load())
	}

	// revalidateTag(tag, 'max') on A: B answers the stale entry once while it fetches anew.
	res, err := http.Post(a.base()+"/revalidate?tag=posts", "", nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("POST /revalidate: %v %v", res, err)
	}
	res.Body.Close()
	revalidated := time.Now()
	for {
		if _, body := get(b, "/data"); body == `{"n":2}` {
			t.Logf("B fresh %v after A's revalidateTag answered", time.Since(revalidated).Round(time.Millisecond))
			break
		}
		if time.Since(revalidated) > time.Second {
			t.Fatal("B still serves the revalidated entry 1 s after revalidateTag on A")
		}
		time.Sleep(5 * time.Millisecond)
	}

	// unstable_cache: one upstream call for both instances until revalidateTag('uc').
	before := posts.Load()
	_, first := get(a, "/uc")
	_, again := get(b, "/uc")
	if first != again || posts.Load() != before+1 {
		t.Errorf("unstable_cache: A %s, B %s after %d upstream calls; want one shared result", first, again, posts.Load()-before)
	}
	res, err = http.Post(b.base()+"/revalidate?tag=uc", "", nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("POST /revalidate: %v %v", res, err)
	}
	res.Body.Close()
	// revalidateTag('uc', 'max') (Next 16): the next call gets the stale result and computes it
	// again in the background; the one after gets the new result.
	if _, stale := get(a, "/uc"); stale != first {
		t.Errorf("unstable_cache right after revalidateTag('uc', 'max'): %s, want the stale %s", stale, first)
	}
	for deadline := time.Now().Add(time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, fresh := get(a, "/uc"); fresh != first {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("unstable_cache still answers the stale result 1 s after revalidateTag('uc', 'max')")
		}
	}
	if n := posts.Load() - before; n != 2 {
		t.Errorf("unstable_cache: %d upstream calls, want 2 (the first, one background recompute)", n)
	}

	// ISR: once stale, 50 concurrent requests get the stale answer and one regeneration runs.
	if s, body := get(a, "/isr"); s != 200 || !strings.HasPrefix(body, "render ") {
		t.Fatalf("A /isr = %d %q", s, body)
	}
	time.Sleep(2100 * time.Millisecond)
	before = isr.Load()
	var wg sync.WaitGroup
	var bad atomic.Int64
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Get(a.base() + "/isr")
			if err != nil || res.StatusCode != 200 {
				bad.Add(1)
				return
			}
			res.Body.Close()
		}()
	}
	wg.Wait()
	time.Sleep(500 * time.Millisecond)
	if bad.Load() > 0 || isr.Load()-before != 1 {
		t.Errorf("50 concurrent requests to a stale ISR route: %d failed, %d renders (want 0 and 1)", bad.Load(), isr.Load()-before)
	}

	// Redis killed: both answer 200, uncached.
	rs.Stop()
	for _, p := range []*jsrouteProcess{a, b} {
		if s, _ := get(p, "/data"); s != 200 {
			t.Errorf("/data with Redis down = %d, want 200", s)
		}
	}
	// Redis back (empty): A fills the entry, B reads it.
	rs.Restart(t)
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, first := get(a, "/data")
		_, second := get(b, "/data")
		if first == second {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not shared again after Redis came back: A %s, B %s", first, second)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
