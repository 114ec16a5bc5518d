package engine

// BenchmarkCacheHit: a prerendered answer served from the cache over real HTTP, against a bare
// net/http handler writing the same status, headers and bytes, driven by wrk (-t1 -c32, as
// e2e/bench/run.sh) in one run, so the ratio compares like with like on this machine:
//
//	go test ./engine -run '^$' -bench CacheHit -benchtime 1x
//
// Rows: bare net/http, a memory-cache hit, a Redis-cache hit (a real redis-server from
// cache/redistest); each reports req/s and wrk's p50/p99 latency. A hit never enters JS: the route
// renders a random id, and every answer must carry the prerendered one.

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/cache/redistest"
)

const cacheBenchRoute = `export const dynamic = 'force-static'

export async function GET() {
  return Response.json({ message: 'hello from the cache', render: crypto.randomUUID() })
}
`

// wrkResult is what one wrk run measured.
type wrkResult struct {
	rps      float64
	p50, p99 time.Duration
}

var (
	wrkRPS     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkLatency = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([0-9.]+)(us|ms|s)`)
)

func runWrk(b *testing.B, wrk, url string, secs int) wrkResult {
	b.Helper()
	out, err := exec.Command(wrk, "-t1", "-c32", "-d"+strconv.Itoa(secs)+"s", "--latency", url).CombinedOutput()
	if err != nil {
		b.Fatalf("wrk: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Non-2xx") || strings.Contains(string(out), "Socket errors") {
		b.Fatalf("wrk saw errors:\n%s", out)
	}
	var r wrkResult
	m := wrkRPS.FindSubmatch(out)
	if m == nil {
		b.Fatalf("wrk output without Requests/sec:\n%s", out)
	}
	r.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	for _, m := range wrkLatency.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[string(m[3])]
		d := time.Duration(v * float64(unit))
		if string(m[1]) == "50" {
			r.p50 = d
		} else {
			r.p99 = d
		}
	}
	return r
}

// lookWrk finds wrk, installing it from Debian's packages when missing (as e2e/bench/run.sh).
func lookWrk(b *testing.B) string {
	if p, err := exec.LookPath("wrk"); err == nil {
		return p
	}
	if out, err := exec.Command("sh", "-c", "apt-get update -qq && apt-get install -y -qq wrk").CombinedOutput(); err != nil {
		b.Fatalf("wrk is missing and could not be installed: %v\n%s", err, out)
	}
	p, err := exec.LookPath("wrk")
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// serveOn serves h on a loopback port until the benchmark ends; it returns the base URL.
func serveOn(b *testing.B, h http.Handler) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	s := &http.Server{Handler: h}
	go s.Serve(l)
	b.Cleanup(func() { s.Close() })
	return "http://" + l.Addr().String()
}

func BenchmarkCacheHit(b *testing.B) {
	wrk := lookWrk(b)
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "app", "static"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app", "static", "route.ts"), []byte(cacheBenchRoute), 0o644); err != nil {
		b.Fatal(err)
	}
	engineWith := func(store cache.Store) *Engine {
		e, err := New(Options{Dir: dir, Workers: 2, Cache: store, Environ: []string{},
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { e.Close() })
		return e
	}
	redisStore, err := cache.NewRedis(redistest.Start(b).URL, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { redisStore.Close() })
	memURL := serveOn(b, engineWith(cache.NewMemory(0))) + "/static"
	redisURL := serveOn(b, engineWith(redisStore)) + "/static"

	// The bare server writes what the memory hit wrote, byte for byte.
	res, err := http.Get(memURL)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.Header.Get("X-Nextjs-Cache") != "HIT" {
		b.Fatalf("not a hit: %v", res.Header)
	}
	header := res.Header.Clone()
	header.Del("Date")
	bareURL := serveOn(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		w.WriteHeader(200)
		w.Write(body)
	})) + "/static"
	for _, u := range []string{redisURL, memURL} {
		r, err := http.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		got, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if u == memURL && string(got) != string(body) {
			b.Fatalf("the memory hit rendered again: %s, then %s", body, got)
		}
	}

	for b.Loop() {
		// Warm-up, then bare and memory alternately, twice, the better of each; Redis once.
		runWrk(b, wrk, bareURL, 1)
		runWrk(b, wrk, memURL, 1)
		var bare, mem wrkResult
		for i := 0; i < 2; i++ {
			if r := runWrk(b, wrk, bareURL, 3); r.rps > bare.rps {
				bare = r
			}
			if r := runWrk(b, wrk, memURL, 3); r.rps > mem.rps {
				mem = r
			}
		}
		red := runWrk(b, wrk, redisURL, 3)
		b.ReportMetric(bare.rps, "bare-req/s")
		b.ReportMetric(mem.rps, "memhit-req/s")
		b.ReportMetric(mem.rps/bare.rps, "memhit/bare")
		b.ReportMetric(red.rps, "redishit-req/s")
		b.ReportMetric(float64(red.p50.Microseconds()), "redishit-p50-µs")
		b.ReportMetric(float64(red.p99.Microseconds()), "redishit-p99-µs")
		fmt.Fprintf(os.Stderr, "bare %.0f req/s p50 %v p99 %v | memory hit %.0f req/s p50 %v p99 %v (%.2fx) | redis hit %.0f req/s p50 %v p99 %v\n",
			bare.rps, bare.p50, bare.p99, mem.rps, mem.p50, mem.p99, mem.rps/bare.rps, red.rps, red.p50, red.p99)
	}
}

// BenchmarkCacheHitServe: the same memory-cache hit through e.ServeHTTP alone (no network), to
// count what a hit costs the engine itself.
func BenchmarkCacheHitServe(b *testing.B) {
	dir := b.TempDir()
	os.MkdirAll(filepath.Join(dir, "app", "static"), 0o755)
	os.WriteFile(filepath.Join(dir, "app", "static", "route.ts"), []byte(cacheBenchRoute), 0o644)
	e, err := New(Options{Dir: dir, Workers: 2, Environ: []string{}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	c := benchCase{"Hit", "GET", "/static", "", 200, ""}
	c.check(b, e)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, c.request())
	}
}
