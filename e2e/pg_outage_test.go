package e2e

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// pgDriverError is what pg says when its server is gone or coming back: a refused connect, a
// connection reset or ended under a query, the server's own FATAL on the way down (57P01) or up
// (57P03 "the database system is starting up").
var pgDriverError = regexp.MustCompile(`ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|terminating connection|connection error|Connection ended|57P0[1-3]`)

type outageAnswer struct {
	path         string
	start, end   time.Time
	status       int
	body, failed string
}

// Postgres killed mid-run (pg_ctl stop -m immediate) under a stream of requests doing pg Pool
// queries: while it is down every request answers 500 with the driver's error, in bounded time
// (none hangs, the server keeps serving); started again on the same port, the same pools serve
// 200 again without restarting jsroute. /pg/outage catches the error (its body is the driver's
// message); /pg/pool lets it escape (a 500, the message in the log), and its Pool has no 'error'
// listener, so the idle clients' errors are uncaught exceptions that must not stop anything.
func TestPgOutage(t *testing.T) {
	npmSetup(t, "npm-db")
	pgsrv := startPostgresServer(t, nil)
	t.Setenv("PG_URL", pgsrv.url)
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "--workers", "2", "fixtures/npm-db")
	client := &http.Client{Timeout: 20 * time.Second}
	call := func(path string) outageAnswer {
		a := outageAnswer{path: path, start: time.Now()}
		resp, err := client.Get(p.base() + path)
		if err != nil {
			a.failed, a.end = err.Error(), time.Now()
			return a
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		a.status, a.body, a.end = resp.StatusCode, string(b), time.Now()
		return a
	}
	paths := []string{"/pg/outage", "/pg/pool?n=1"}
	wantOK := map[string]string{"/pg/outage": `{"one":1}`, "/pg/pool?n=1": `{"double":2,"ok":true}`}
	allOK := func(when string) {
		t.Helper()
		for i := 0; i < 8; i++ { // several requests, so both workers' pools serve
			for _, path := range paths {
				if a := call(path); a.status != 200 || a.body != wantOK[path] {
					t.Fatalf("%s: %s answered %d %q %s", when, path, a.status, a.body, a.failed)
				}
			}
		}
	}
	allOK("before the outage")

	// The stream: 4 clients, each alternating the two routes, until told to stop.
	var mu sync.Mutex
	var answers []outageAnswer
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				a := call(paths[(i+j)%2])
				mu.Lock()
				answers = append(answers, a)
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	pgsrv.stop(t)
	down := time.Now()
	time.Sleep(3 * time.Second)
	upFrom := time.Now()
	pgsrv.start(t)
	up := time.Now()
	// Back: the pools reconnect on their own.
	deadline := time.Now().Add(20 * time.Second)
	for {
		a, b := call(paths[0]), call(paths[1])
		if a.status == 200 && b.status == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not recovered 20s after Postgres came back: %d %s / %d %s\n%s", a.status, a.body, b.status, b.body, p.output)
		}
		time.Sleep(100 * time.Millisecond)
	}
	recovered := time.Since(up)
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	allOK("after Postgres came back")

	var during, slowest time.Duration
	errs := map[string]int{}
	n500 := 0
	for _, a := range answers {
		if a.failed != "" {
			t.Errorf("%s at %s: no answer: %s", a.path, a.start.Format("15:04:05.000"), a.failed)
			continue
		}
		if d := a.end.Sub(a.start); d > slowest {
			slowest = d
		}
		// Asked after the kill and answered before the restart began: Postgres was down throughout.
		if a.start.After(down) && a.end.Before(upFrom) {
			during += a.end.Sub(a.start)
			if a.status != 500 {
				t.Errorf("%s while Postgres is down: %d %q", a.path, a.status, a.body)
				continue
			}
			n500++
		} else if a.status != 200 && a.status != 500 {
			t.Errorf("%s: %d %q", a.path, a.status, a.body)
		}
		// Any 500 of /pg/outage (those around the kill too) carries the driver's error.
		if a.status == 500 && strings.HasPrefix(a.path, "/pg/outage") {
			if !pgDriverError.MatchString(a.body) {
				t.Errorf("/pg/outage: 500 without the driver's error: %q", a.body)
			}
			errs[regexp.MustCompile(`:\d+"`).ReplaceAllString(a.body, `:PORT"`)]++
		}
	}
	if n500 < 10 {
		t.Errorf("only %d requests ran while Postgres was down", n500)
	}
	// Bounded: a request never waits long for a dead database (connectionTimeoutMillis is 3 s).
	if slowest > 5*time.Second {
		t.Errorf("slowest answer took %s", slowest)
	}
	out := p.output.String()
	if !pgDriverError.MatchString(out) {
		t.Errorf("the log does not show the driver's error of /pg/pool:\n%s", out)
	}
	kinds := make([]string, 0, len(errs))
	for k, v := range errs {
		kinds = append(kinds, fmt.Sprintf("%dx %s", v, k))
	}
	sort.Strings(kinds)
	t.Logf("%d answers; %d 500s while down (slowest answer %s); recovered %s after Postgres was back; /pg/outage errors: %s",
		len(answers), n500, slowest.Round(time.Millisecond), recovered.Round(time.Millisecond), strings.Join(kinds, "; "))
	var logged []string
	for _, line := range strings.Split(out, "\n") {
		if pgDriverError.MatchString(line) && len(logged) < 6 {
			logged = append(logged, strings.TrimSpace(line))
		}
	}
	t.Logf("log lines with the driver's error (first 6):\n%s", strings.Join(logged, "\n"))
	healthyPath(t, p, "/pg/outage", `{"one":1}`)
}

// healthyPath checks that the server still answers path with body, and still runs.
func healthyPath(t *testing.T, p *jsrouteProcess, path, body string) {
	t.Helper()
	if st, b, err := get(p.base(), path, 10*time.Second); st != 200 || b != body {
		t.Errorf("%s afterwards: %d %q %v", path, st, b, err)
	}
	select {
	case <-p.exited:
		t.Fatalf("jsroute exited:\n%s", p.output)
	default:
	}
}
