package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The load figure of the database issue, next to real Next.js in one run: 200 concurrent requests,
// each one query through a pg Pool of 10 (fixtures/npm-db/app/pg/pool/route.ts, the same file under
// both servers), all of which must answer right; p50/p99/max of each server, three rounds each,
// alternating. Under `next start` (Node 20, one process) there is one Pool; jsroute has one per
// worker, so it is measured with --workers 1 (one Pool of 10, the same database load) and with its
// default (a Pool per worker).
//
// It installs next@16.5.0 with npm and runs `next build` (a minute or two), so it runs only with
// JSROUTE_NEXT_LOAD=1: go test ./e2e/ -run TestPgPoolLoadVsNext -v.
func TestPgPoolLoadVsNext(t *testing.T) {
	if os.Getenv("JSROUTE_NEXT_LOAD") != "1" {
		t.Skip("installs and builds Next.js: set JSROUTE_NEXT_LOAD=1")
	}
	npmSetup(t, "npm-db")
	pgURL := startPostgres(t, nil)
	t.Setenv("PG_URL", pgURL)

	// The Next project: the route file byte for byte, pg as the fixture pins it.
	work := t.TempDir()
	route, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "npm-db", "app", "pg", "pool", "route.ts"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(work, "app", "pg", "pool"), 0o755)
	os.WriteFile(filepath.Join(work, "app", "pg", "pool", "route.ts"), route, 0o644)
	os.WriteFile(filepath.Join(work, "package.json"), []byte(`{"private": true}`), 0o644)
	os.WriteFile(filepath.Join(work, "next.config.mjs"), []byte("export default { typescript: { ignoreBuildErrors: true } }\n"), 0o644)
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "NEXT_TELEMETRY_DISABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	start := time.Now()
	run("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "next@16.5.0", "react@19", "react-dom@19", "typescript", "@types/react", "@types/node", "pg@8.13.1")
	run("./node_modules/.bin/next", "build")
	t.Logf("next: installed and built in %s", time.Since(start).Round(time.Second))
	port := freePort(t)
	next := exec.Command("./node_modules/.bin/next", "start", "-p", fmt.Sprint(port), "-H", "127.0.0.1")
	next.Dir = work
	next.Env = append(os.Environ(), "NEXT_TELEMETRY_DISABLED=1", "PG_URL="+pgURL)
	var nextOut lockedBuffer
	next.Stdout, next.Stderr = &nextOut, &nextOut
	if err := next.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { next.Process.Kill(); next.Wait() })
	waitPort(t, fmt.Sprintf("127.0.0.1:%d", port), nextOut.String)

	servers := []struct{ name, base string }{{"next start", fmt.Sprintf("http://127.0.0.1:%d", port)}}
	one := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "--workers", "1", "fixtures/npm-db")
	servers = append(servers, struct{ name, base string }{"jsroute --workers 1", one.base()})
	def := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-db")
	servers = append(servers, struct{ name, base string }{"jsroute (default workers)", def.base()})

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 200}}
	burst := func(base string) (p50, p99, max time.Duration, err error) {
		const n = 200
		lat := make([]time.Duration, n)
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t0 := time.Now()
				resp, err := client.Get(fmt.Sprintf("%s/pg/pool?n=%d", base, i))
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if want := fmt.Sprintf(`{"double":%d,"ok":true}`, 2*i); resp.StatusCode != 200 || string(body) != want {
					errs <- fmt.Errorf("request %d: %d %s (want %s)", i, resp.StatusCode, body, want)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			return 0, 0, 0, e
		}
		sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
		return lat[n/2], lat[n*99/100], lat[n-1], nil
	}
	for _, s := range servers { // warm: the Pool filled, the route compiled
		if _, _, _, err := burst(s.base); err != nil {
			t.Fatalf("%s warm-up: %v", s.name, err)
		}
	}
	var report []string
	for round := 1; round <= 3; round++ {
		for _, s := range servers {
			p50, p99, max, err := burst(s.base)
			if err != nil {
				t.Fatalf("%s round %d: %v", s.name, round, err)
			}
			report = append(report, fmt.Sprintf("round %d  %-26s p50 %6s  p99 %6s  max %6s", round, s.name,
				p50.Round(time.Millisecond), p99.Round(time.Millisecond), max.Round(time.Millisecond)))
		}
	}
	t.Logf("200 concurrent GET /pg/pool (one query each, pg Pool max 10), all 200 and right:\n%s", strings.Join(report, "\n"))
}
