package cache

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/jsroute/jsroute/cache/redistest"
)

// BenchmarkLookup: one Lookup of a 1 KB entry with two tags, one goroutine, per backend; the
// Redis rows run against a real redis-server (cache/redistest) on loopback, "redis" answered by
// its near copy, "redis-round-trip" by the server every time:
//
//	go test ./cache -run '^$' -bench Lookup -benchmem
func BenchmarkLookup(b *testing.B) {
	ctx := context.Background()
	e := &Entry{Status: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: make([]byte, 1024),
		Stored: time.Now(), Tags: []string{"_N_T_/layout", "posts"}}
	srv := redistest.Start(b)
	r, err := NewRedis(srv.URL, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	// far: the same server without the near copy, every Lookup a round trip.
	far, err := NewRedis(srv.URL, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	far.noNear = true
	b.Cleanup(func() { far.Close() })
	d, err := NewDisk(b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range []struct {
		name  string
		store Store
	}{{"memory", NewMemory(0)}, {"disk", d}, {"redis", r}, {"redis-round-trip", far}} {
		b.Run(s.name, func(b *testing.B) {
			s.store.Set(ctx, "route:/x", e)
			if _, f := Lookup(ctx, s.store, "route:/x"); f != Fresh {
				b.Fatalf("Lookup = %v", f)
			}
			var took []time.Duration
			b.ReportAllocs()
			for b.Loop() {
				t0 := time.Now()
				if _, f := Lookup(ctx, s.store, "route:/x"); f != Fresh {
					b.Fatalf("Lookup = %v", f)
				}
				took = append(took, time.Since(t0))
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "p50-µs")
			b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds())/1e3, "p99-µs")
		})
	}
}
