package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"
)

// The npm-node-stream fixture: node:async_hooks, node:fs and node:stream in route handlers, and the
// npm packages that need them (flags, iron-session). Answers that do not depend on timing or
// randomness are recorded from `next start` (e2e/cases/npm-node-stream.json, replayed by
// TestNextParity); this file adds what a recording cannot show.

// startNodeStreamApp installs the fixture's packages and serves it.
func startNodeStreamApp(t *testing.T) string {
	t.Helper()
	npmSetup(t, "npm-node-stream")
	return startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-node-stream").base()
}

// TestAsyncLocalStorageConcurrent: 40 requests at once on one shared AsyncLocalStorage, each
// running its own store across awaits, setTimeout, setInterval, queueMicrotask, promise chains,
// fetch, response-body and ReadableStream reads; each must see only its own store everywhere.
func TestAsyncLocalStorageConcurrent(t *testing.T) {
	base := startNodeStreamApp(t)
	client := newClient(nil)
	const n = 40
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("req-%d", i)
			res, err := client.Get(fmt.Sprintf("%s/als?id=%s&ms=%d", base, id, (i*7)%13))
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
			if got.ID != id || got.Outside != nil || len(got.Seen) != 15 {
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
