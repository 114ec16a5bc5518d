package engine

import (
	"fmt"
	"net"
	"net/http"
	"runtime/metrics"
	"strings"
	"time"
)

// restrictHosts returns a copy of client whose requests may only go to the listed hosts. The
// check sits in the transport, so every redirect hop is checked too.
func restrictHosts(client *http.Client, hosts []string) *http.Client {
	c := *client
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = &hostFilter{next: next, allow: hosts}
	return &c
}

type hostFilter struct {
	next  http.RoundTripper
	allow []string
}

func (f *hostFilter) RoundTrip(r *http.Request) (*http.Response, error) {
	if !hostAllowed(f.allow, r.URL.Host) {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("jsroute: fetch to %s is not allowed (Options.FetchHosts)", r.URL.Host)
	}
	return f.next.RoundTrip(r)
}

// hostAllowed matches host[:port] against the list: "example.com" (any port), "example.com:8080"
// (that port), "*.example.com" (subdomains).
func hostAllowed(allow []string, hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, a := range allow {
		a = strings.ToLower(a)
		switch {
		case a == strings.ToLower(hostport), a == host:
			return true
		case strings.HasPrefix(a, "*.") && strings.HasSuffix(host, a[1:]):
			return true
		}
	}
	return false
}

// watchHeap enforces Options.MaxHeap: while the Go heap is over the soft limit, idle workers
// rebuild their runtimes one at a time. goja has no per-runtime heap accounting, so the limit
// is the process's; dropping a runtime is what frees memory JS code held.
func (e *Engine) watchHeap(limit uint64, stop <-chan struct{}) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	next := 0
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() < limit {
			continue
		}
		g := e.cur.Load()
		for range g.workers {
			w := g.workers[next%len(g.workers)]
			next++
			if w.inflight.Load() == 0 {
				w.loop.post(func() {
					if len(w.calls) == 0 {
						w.rebuild(fmt.Sprintf("the heap passed its soft limit (%d bytes)", limit))
					}
				})
				break
			}
		}
	}
}
