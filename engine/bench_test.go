package engine

// Hot-path benchmarks on the 51-route app of e2e/bench (see e2e/bench/README.md for the load
// benchmarks over real HTTP and how to profile these):
//
//	go test ./engine -run '^$' -bench . -benchmem
//
// BenchmarkServe* take a request through the whole engine — router, worker dispatch, Request
// built for JS, the handler, the Response taken back to Go, the answer written and the request
// log line formatted — with httptest.NewRecorder and no network. BenchmarkResolve is the router
// match alone and BenchmarkDispatch the hand-off to a worker's loop and back, so the JS part is
// what remains.

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
)

const benchApp = "../e2e/bench/app"

// benchEngine loads the 51-route app with 2 workers (the CLI's default on the 2-core machine the
// issue's numbers come from) and a request log that is formatted and discarded.
func benchEngine(tb testing.TB) *Engine {
	tb.Helper()
	e, err := New(Options{
		Dir:     benchApp,
		Workers: 2,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Environ: []string{},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	return e
}

// benchCase is one measured request and the answer it must get.
type benchCase struct {
	name, method, target, body string
	status                     int
	want                       string // the body, or "" to check only the status
}

func benchCases(tb testing.TB) []benchCase {
	echo, err := os.ReadFile("../e2e/bench/echo.json")
	if err != nil {
		tb.Fatal(err)
	}
	return []benchCase{
		{"Hello", "GET", "/hello", "", 200, "hello"},
		{"EchoJSON1KB", "POST", "/echo", string(echo), 200, string(echo)},
		{"Slug", "GET", "/items/some-slug", "", 200, `{"slug":"some-slug"}`},
		{"TwoParams", "GET", "/api/dyn/d07/42/posts/7", "", 200, `{"route":"d07","id":"42","postId":"7"}`},
		{"NotFound", "GET", "/no/such/route", "", 404, ""}, // decided in Go, no JS
	}
}

// request builds the request as net/http's server hands it over (httptest.NewRequest would parse
// it from text, a cost the server pays in its own read loop, not in the engine).
func (c benchCase) request() *http.Request {
	path, query, _ := strings.Cut(c.target, "?")
	r := &http.Request{
		Method:     c.method,
		URL:        &url.URL{Path: path, RawQuery: query},
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     http.Header{"User-Agent": {"bench"}, "Accept": {"*/*"}},
		Body:       http.NoBody,
		Host:       "127.0.0.1:3000",
		RemoteAddr: "127.0.0.1:40000",
		RequestURI: c.target,
	}
	if c.body != "" {
		r.Body = io.NopCloser(strings.NewReader(c.body))
		r.ContentLength = int64(len(c.body))
		r.Header["Content-Type"] = []string{"application/json"}
	}
	return r
}

// check serves the case once and fails the benchmark on a wrong answer.
func (c benchCase) check(tb testing.TB, e *Engine) {
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, c.request())
	if rec.Code != c.status || (c.want != "" && rec.Body.String() != c.want) {
		tb.Fatalf("%s %s: %d %q, want %d %q", c.method, c.target, rec.Code, rec.Body.String(), c.status, c.want)
	}
}

// BenchmarkServe: one request at a time through e.ServeHTTP.
func BenchmarkServe(b *testing.B) {
	e := benchEngine(b)
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			c.check(b, e)
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, c.request())
			}
		})
	}
}

// BenchmarkServeParallel: 16 goroutines per GOMAXPROCS (32 on 2 cores, as wrk -c32) share the
// engine's workers.
func BenchmarkServeParallel(b *testing.B) {
	e := benchEngine(b)
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			c.check(b, e)
			b.ReportAllocs()
			b.SetParallelism(16)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					rec := httptest.NewRecorder()
					e.ServeHTTP(rec, c.request())
					if rec.Code != c.status {
						b.Errorf("status %d", rec.Code)
						return
					}
				}
			})
		})
	}
}

// BenchmarkResolve: the router match alone on the app's 51-route table.
func BenchmarkResolve(b *testing.B) {
	e := benchEngine(b)
	table := e.cur.Load().table
	for _, c := range []struct{ name, method, path, query string }{
		{"Static", "GET", "/hello", ""},
		{"Slug", "GET", "/items/some-slug", ""},
		{"TwoParams", "GET", "/api/dyn/d07/42/posts/7", ""},
		{"CatchAll", "GET", "/api/docs/c3/a/b/c", ""},
		{"NotFound", "GET", "/no/such/route", ""},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				table.Resolve(c.method, c.path, c.query)
			}
		})
	}
}

// BenchmarkDispatch: posting an empty job to a worker's loop and waiting for it, the hand-off
// every request makes at least once (streams once per chunk).
func BenchmarkDispatch(b *testing.B) {
	e := benchEngine(b)
	w := e.cur.Load().workers[0]
	b.ReportAllocs()
	done := make(chan struct{}, 1)
	for b.Loop() {
		w.loop.post(func() { done <- struct{}{} })
		<-done
	}
}

// TestBenchCases keeps the benchmarks honest under plain `go test`: every case gets its answer.
func TestBenchCases(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the 51-route app")
	}
	e := benchEngine(t)
	for _, c := range benchCases(t) {
		t.Run(c.name, func(t *testing.T) { c.check(t, e) })
	}
}
