// Command streams is the "10,000 concurrent streams" load test of e2e/bench/run.sh: it opens n
// connections at once, each GETs the spec's 3-chunk stream (spec/route-handlers.md "Streaming":
// <p>One</p>, 200 ms, <p>Two</p>, 200 ms, <p>Three</p>) and reads it to the end, and checks status
// and body. It prints one summary line:
//
//	streams n=10000 ok=10000 failed=0 peak=10000 wall=2.1s p50=0.41s p99=1.4s max=1.6s
//
// peak is the most streams that had their first chunk and not yet their last at one moment: it
// shows the streams really were in flight together. The exit code is 1 when any stream failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

const want = "<p>One</p><p>Two</p><p>Three</p>"

func main() {
	url := flag.String("url", "", "the stream's URL, e.g. http://127.0.0.1:3000/stream")
	n := flag.Int("n", 10000, "concurrent connections")
	timeout := flag.Duration("timeout", 2*time.Minute, "give up on a stream after this long")
	flag.Parse()
	if *url == "" {
		fmt.Fprintln(os.Stderr, "usage: streams -url URL [-n N]")
		os.Exit(2)
	}
	r := run(*url, *n, *timeout)
	fmt.Println(r)
	for _, e := range r.errs {
		fmt.Fprintln(os.Stderr, "  ", e)
	}
	if r.failed > 0 {
		os.Exit(1)
	}
}

type result struct {
	n, ok, failed int
	peak          int64
	wall          time.Duration
	durs          []time.Duration
	errs          []string // the first few distinct failures
}

func (r result) String() string {
	slices.Sort(r.durs)
	q := func(p float64) time.Duration {
		if len(r.durs) == 0 {
			return 0
		}
		return r.durs[int(p*float64(len(r.durs)-1))].Round(time.Millisecond)
	}
	return fmt.Sprintf("streams n=%d ok=%d failed=%d peak=%d wall=%s p50=%s p99=%s max=%s",
		r.n, r.ok, r.failed, r.peak, r.wall.Round(time.Millisecond), q(0.5), q(0.99), q(1))
}

func run(url string, n int, timeout time.Duration) result {
	tr := &http.Transport{
		DisableKeepAlives:   true, // one connection per stream
		MaxIdleConnsPerHost: -1,
		DialContext:         (&net.Dialer{Timeout: timeout}).DialContext,
	}
	client := &http.Client{Transport: tr, Timeout: timeout}
	var (
		mu       sync.Mutex
		res      = result{n: n}
		open     atomic.Int64
		wg       sync.WaitGroup
		seenErrs = map[string]bool{}
	)
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		res.failed++
		if !seenErrs[msg] && len(res.errs) < 5 {
			seenErrs[msg] = true
			res.errs = append(res.errs, msg)
		}
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			req, _ := http.NewRequestWithContext(context.Background(), "GET", url, nil)
			resp, err := client.Do(req)
			if err != nil {
				fail(err.Error())
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				fail(fmt.Sprintf("status %d", resp.StatusCode))
				return
			}
			first := make([]byte, 1)
			if _, err := io.ReadFull(resp.Body, first); err != nil {
				fail("first chunk: " + err.Error())
				return
			}
			now := open.Add(1)
			for {
				p := res.peakLoad()
				if now <= p || atomic.CompareAndSwapInt64(&res.peak, p, now) {
					break
				}
			}
			rest, err := io.ReadAll(resp.Body)
			open.Add(-1)
			if err != nil {
				fail("body: " + err.Error())
				return
			}
			if got := string(first) + string(rest); got != want {
				fail(fmt.Sprintf("body %q", got))
				return
			}
			d := time.Since(t0)
			mu.Lock()
			res.ok++
			res.durs = append(res.durs, d)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.wall = time.Since(start)
	return res
}

func (r *result) peakLoad() int64 { return atomic.LoadInt64(&r.peak) }
