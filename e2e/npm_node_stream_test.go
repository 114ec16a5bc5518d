package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// The npm-node-stream fixture: node:async_hooks, node:fs and node:stream in route handlers; and
// fixtures/npm-flags, the npm packages that need them (flags, iron-session). Answers that do not depend on timing or
// randomness are recorded from `next start` (e2e/cases/npm-node-stream.json, replayed by
// TestNextParity); this file adds what a recording cannot show.

// startNodeStreamApp serves fixtures/npm-node-stream.
func startNodeStreamApp(t *testing.T) string {
	t.Helper()
	return startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-node-stream").base()
}

// TestAsyncLocalStorageConcurrent: 40 requests at once on one shared AsyncLocalStorage, each
// running its own store across awaits, setTimeout, setInterval, setImmediate, queueMicrotask,
// process.nextTick, promise chains, fetch, response-body and ReadableStream reads; each must see
// only its own store everywhere.
func TestAsyncLocalStorageConcurrent(t *testing.T) {
	base := startNodeStreamApp(t)
	client := newClient(nil)
	// The handlers' fetch goes to an echo server of the test's own, not back to jsroute: a burst of
	// fetches leaves dialled-but-unused connections, which would hold jsroute's graceful shutdown
	// for net/http's 5 s grace on new connections.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.Copy(w, r.Body) }))
	t.Cleanup(echo.Close)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("req-%d", i)
			res, err := client.Get(fmt.Sprintf("%s/als?id=%s&ms=%d&echo=%s", base, id, (i*7)%13, url.QueryEscape(echo.URL)))
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			var got struct {
				ID      string            `json:"id"`
				Outside any               `json:"outside"`
				Seen    map[string]string `json:"seen"`
			}
			if err := json.Unmarshal(b, &got); err != nil || res.StatusCode != 200 {
				errs <- fmt.Errorf("%s: %d %s", id, res.StatusCode, b)
				return
			}
			if got.ID != id || got.Outside != nil || len(got.Seen) != 16 {
				errs <- fmt.Errorf("%s: %s", id, b)
				return
			}
			for k, v := range got.Seen {
				want := id
				if k == "nested-run" {
					want = "inner"
				}
				if v != want {
					errs <- fmt.Errorf("%s: after %s saw store %q", id, k, v)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestNpmIronSessionRoundTrip: fixtures/npm-flags (flags@4.3.1 and iron-session@8.0.4, unchanged; their
// recorded answers are replayed by TestNextParity): a session sealed by POST comes back on GET.
func TestNpmIronSessionRoundTrip(t *testing.T) {
	npmSetup(t, "npm-flags")
	base := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-flags").base()
	client := newClient(nil)
	req, _ := http.NewRequest("POST", base+"/session", strings.NewReader(`{"user":"ada"}`))
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookie := res.Header.Get("Set-Cookie")
	if !strings.HasPrefix(cookie, "sid=Fe26.2*") {
		t.Fatalf("set-cookie %q", cookie)
	}
	req, _ = http.NewRequest("GET", base+"/session", nil)
	req.Header.Set("Cookie", strings.SplitN(cookie, ";", 2)[0])
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(b) != `{"user":"ada","visits":1}` {
		t.Errorf("GET with the sealed cookie: %s", b)
	}
}
