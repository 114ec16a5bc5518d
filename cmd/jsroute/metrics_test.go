package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestProbes: /healthz is 200 in every state; /readyz only once the app is loaded and prerendered,
// 503 while it loads and while the server shuts down.
func TestProbes(t *testing.T) {
	m := newMetrics()
	srv := httptest.NewServer(m.handler())
	defer srv.Close()
	for _, c := range []struct {
		state         int32
		health, ready int
	}{
		{stateLoading, 200, 503},
		{stateReady, 200, 200},
		{stateStopping, 200, 503},
	} {
		m.state.Store(c.state)
		for path, want := range map[string]int{"/healthz": c.health, "/readyz": c.ready} {
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("state %d: %s = %d, want %d", c.state, path, resp.StatusCode, want)
			}
		}
	}
	// Before the engine exists a scrape still answers, without worker gauges.
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("/metrics before the engine = %d", resp.StatusCode)
	}
}

// BenchmarkServed is what --metrics-addr adds to each request (engine.Observer.Served).
func BenchmarkServed(b *testing.B) {
	m := newMetrics()
	b.ReportAllocs()
	for b.Loop() {
		m.Served("/items/[slug]", "GET", 200, "", 150*time.Microsecond)
	}
}
