package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Operation (issue 11): --metrics-addr, /healthz, /readyz, SIGHUP, --log-format json, --version.

// scrape reads the Prometheus text exposition at url into series → value, the series written as
// name{a="x",b="y"} with the labels sorted by name.
func scrape(t *testing.T, url string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET %s = %d %s", url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(resp.Body)
	out := map[string]float64{}
	line := regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$`)
	label := regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)
	for _, l := range strings.Split(string(body), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		v, err := strconv.ParseFloat(m[4], 64)
		if err != nil {
			t.Fatalf("bad value in %q", l)
		}
		out[series(m[1], label.FindAllString(m[3], -1)...)] = v
	}
	return out
}

// series names one time series: series("x", `b="2"`, `a="1"`) is `x{a="1",b="2"}`.
func series(name string, labels ...string) string {
	if len(labels) == 0 {
		return name
	}
	sort.Strings(labels)
	return name + "{" + strings.Join(labels, ",") + "}"
}

func doReq(t *testing.T, client *http.Client, method, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// metricsApp has a route of each kind the metrics tell apart.
var metricsApp = map[string]string{
	"app/hello/route.ts":        "export async function GET() { return new Response('hi') }\n",
	"app/items/[slug]/route.ts": "export async function GET(_: Request, { params }: { params: Promise<{ slug: string }> }) {\n  return new Response((await params).slug)\n}\n",
	"app/static/route.ts":       "export const dynamic = 'force-static'\nexport async function GET() { return Response.json({ built: true }) }\n",
	"app/slow/route.ts":         "export const maxDuration = 0.3\nexport async function GET() {\n  await new Promise(r => setTimeout(r, 3000))\n  return new Response('late')\n}\n",
	"app/runaway/route.ts":      "export const maxDuration = 0.3\nexport async function GET() {\n  while (true) {}\n}\n",
	"app/nothing/route.ts":      "export async function GET() {}\n",
}

// TestMetricsCountRealTraffic sends known traffic through the built binary and checks every counter
// against it: requests by route pattern (a dynamic route under its pattern, not its URL), method and
// status; the latency histogram's counts; cache states of a prerendered route; time-outs and runtime
// rebuilds; the per-worker gauges and the Go runtime's metrics.
func TestMetricsCountRealTraffic(t *testing.T) {
	dir := writeApp(t, metricsApp)
	mport := strconv.Itoa(freePort(t))
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1", "--workers", "2",
		"--metrics-addr", "127.0.0.1:"+mport)
	metricsURL := "http://127.0.0.1:" + mport
	client := newClient(nil)
	traffic := []struct {
		method, path string
		status       int
		times        int
	}{
		{"GET", "/hello", 200, 5},
		{"POST", "/hello", 405, 2},
		{"GET", "/items/a", 200, 2},
		{"GET", "/items/b", 200, 1},
		{"GET", "/nope", 404, 3},
		{"GET", "/static", 200, 4},
		{"GET", "/nothing", 500, 1},
		{"GET", "/slow", 504, 1},
		{"GET", "/runaway", 504, 1},
	}
	for _, tr := range traffic {
		for i := 0; i < tr.times; i++ {
			if status, body := doReq(t, client, tr.method, p.base()+tr.path); status != tr.status {
				t.Fatalf("%s %s = %d %q, want %d", tr.method, tr.path, status, body, tr.status)
			}
		}
	}
	want := map[string]float64{
		series("jsroute_requests_total", `route="/hello"`, `method="GET"`, `status="200"`):               5,
		series("jsroute_requests_total", `route="/hello"`, `method="POST"`, `status="405"`):              2,
		series("jsroute_requests_total", `route="/items/[slug]"`, `method="GET"`, `status="200"`):        3,
		series("jsroute_requests_total", `route="(none)"`, `method="GET"`, `status="404"`):               3,
		series("jsroute_requests_total", `route="/static"`, `method="GET"`, `status="200"`):              4,
		series("jsroute_requests_total", `route="/nothing"`, `method="GET"`, `status="500"`):             1,
		series("jsroute_requests_total", `route="/slow"`, `method="GET"`, `status="504"`):                1,
		series("jsroute_request_duration_seconds_count", `route="/hello"`, `method="GET"`):               5,
		series("jsroute_request_duration_seconds_count", `route="/items/[slug]"`, `method="GET"`):        3,
		series("jsroute_request_duration_seconds_bucket", `route="/hello"`, `method="GET"`, `le="+Inf"`): 5,
		// The slow route took its 0.3 s limit: not in the 0.25 s bucket, in the 0.5 s one.
		series("jsroute_request_duration_seconds_bucket", `route="/slow"`, `method="GET"`, `le="0.25"`): 0,
		series("jsroute_request_duration_seconds_bucket", `route="/slow"`, `method="GET"`, `le="0.5"`):  1,
		// Prerendered at start: every request to /static is a hit, and so is each 404, whose page
		// Next serves prerendered with x-nextjs-cache: HIT (engine/notfound.go).
		series("jsroute_cache_requests_total", `state="HIT"`):   4 + 3,
		series("jsroute_cache_requests_total", `state="MISS"`):  0,
		series("jsroute_cache_requests_total", `state="STALE"`): 0,
		series("jsroute_timeouts_total", `route="/slow"`):       1,
		series("jsroute_timeouts_total", `route="/runaway"`):    1,
		// The runaway is stopped and its runtime kept; the slow one is only aborted.
		series("jsroute_runtime_rebuilds_total"):         0,
		series("jsroute_worker_in_flight", `worker="0"`): 0,
		series("jsroute_worker_in_flight", `worker="1"`): 0,
	}
	var got map[string]float64
	ok := eventually(3*time.Second, func() bool {
		got = scrape(t, metricsURL+"/metrics")
		for k, v := range want {
			if g, found := got[k]; !found || g != v {
				return false
			}
		}
		return true
	})
	if !ok {
		for k, v := range want {
			if g, found := got[k]; !found || g != v {
				t.Errorf("%s = %v (present: %v), want %v", k, g, found, v)
			}
		}
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes",
		series("jsroute_worker_queued", `worker="0"`), series("jsroute_request_duration_seconds_sum", `route="/hello"`, `method="GET"`)} {
		if _, found := got[name]; !found {
			t.Errorf("no %s in /metrics", name)
		}
	}
	for k := range got {
		if strings.Contains(k, `route="/items/a"`) || strings.Contains(k, `route="/nope"`) {
			t.Errorf("a URL became a label: %s", k)
		}
	}
	if status, body := doReq(t, client, "GET", metricsURL+"/healthz"); status != 200 {
		t.Errorf("/healthz = %d %q", status, body)
	}
	if status, body := doReq(t, client, "GET", metricsURL+"/readyz"); status != 200 {
		t.Errorf("/readyz = %d %q", status, body)
	}
}

// writeApp writes files (path → source) under a new temporary project.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, src := range files {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const slowRoute = `export async function GET() {
  await new Promise(r => setTimeout(r, 1500))
  return new Response('slow done')
}
`

// TestReadyzDuringShutdown: after SIGTERM, while a request is still in flight within the grace period,
// /readyz answers 503 (a load balancer stops sending) and /healthz still 200; the request finishes.
func TestReadyzDuringShutdown(t *testing.T) {
	dir := writeApp(t, map[string]string{"app/slow/route.ts": slowRoute})
	mport := strconv.Itoa(freePort(t))
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1", "--metrics-addr", "127.0.0.1:"+mport, "--grace", "10")
	metricsURL := "http://127.0.0.1:" + mport
	client := newClient(nil)
	if !eventually(2*time.Second, func() bool { s, _ := doReq(t, client, "GET", metricsURL+"/readyz"); return s == 200 }) {
		t.Fatal("/readyz never answered 200 after start")
	}
	slow := make(chan string, 1)
	go func() {
		resp, err := http.Get(p.base() + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- fmt.Sprintf("%d %s", resp.StatusCode, b)
	}()
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if !eventually(time.Second, func() bool { s, _ := doReq(t, client, "GET", metricsURL+"/readyz"); return s == 503 }) {
		t.Error("/readyz did not answer 503 while shutting down")
	}
	if s, _ := doReq(t, client, "GET", metricsURL+"/healthz"); s != 200 {
		t.Errorf("/healthz = %d while draining, want 200", s)
	}
	if got := <-slow; got != "200 slow done" {
		t.Errorf("request in flight at SIGTERM: %s, want 200 slow done", got)
	}
}

// TestSIGHUPReloadDropsNothing: clients hammer a route while it is edited and SIGHUP is sent; every
// request succeeds, with the old answer until the reload and the new one after it.
func TestSIGHUPReloadDropsNothing(t *testing.T) {
	route := func(v string) string {
		return "export async function GET() {\n  return new Response('" + v + "')\n}\n"
	}
	static := func(v string) string {
		return "export const dynamic = 'force-static'\nexport async function GET() {\n  return new Response('" + v + "')\n}\n"
	}
	dir := writeApp(t, map[string]string{"app/hello/route.ts": route("v1"), "app/static/route.ts": static("s1")})
	mport := strconv.Itoa(freePort(t))
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1", "--workers", "2", "--metrics-addr", "127.0.0.1:"+mport)

	var stop atomic.Bool
	var sent, sawV2 atomic.Int64
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := newClient(nil)
			for !stop.Load() {
				resp, err := client.Get(p.base() + "/hello")
				var got string
				if err == nil {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					got = fmt.Sprintf("%d %s", resp.StatusCode, b)
				} else {
					got = err.Error()
				}
				sent.Add(1)
				switch got {
				case "200 v1":
				case "200 v2":
					sawV2.Add(1)
				default:
					mu.Lock()
					failures = append(failures, got)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	for rel, src := range map[string]string{"app/hello/route.ts": route("v2"), "app/static/route.ts": static("s2")} {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// start does not watch files: the edit shows only after SIGHUP.
	time.Sleep(300 * time.Millisecond)
	if n := sawV2.Load(); n != 0 {
		t.Errorf("%d answers were v2 before SIGHUP", n)
	}
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	ok := eventually(10*time.Second, func() bool { return sawV2.Load() > 20 })
	stop.Store(true)
	wg.Wait()
	if !ok {
		t.Fatalf("no v2 answer within 10s of SIGHUP:\n%s", p.output)
	}
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed during the reload, e.g. %q", len(failures), sent.Load(), failures[0])
	}
	if !strings.Contains(p.output.String(), "✓ reloaded (SIGHUP)") {
		t.Errorf("no reload line in the output:\n%s", p.output)
	}
	// The new build's static routes were prerendered before the switch.
	resp, err := http.Get(p.base() + "/static")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "s2" || resp.Header.Get("X-Nextjs-Cache") != "HIT" {
		t.Errorf("GET /static after SIGHUP = %q, x-nextjs-cache %q; want s2, HIT", b, resp.Header.Get("X-Nextjs-Cache"))
	}
	got := scrape(t, "http://127.0.0.1:"+mport+"/metrics")
	if v := got[series("jsroute_reloads_total", `result="ok"`)]; v != 1 {
		t.Errorf("jsroute_reloads_total{result=ok} = %v, want 1", v)
	}
	if v := got[series("jsroute_requests_total", `route="/hello"`, `method="GET"`, `status="200"`)]; v < float64(sent.Load()) {
		t.Errorf("jsroute_requests_total for /hello = %v, want ≥ %d (one per request sent)", v, sent.Load())
	}
	t.Logf("%d requests during the reload, none failed", sent.Load())

	// A reload that conflicts (a page and a route for one URL) keeps the running app, as start refuses it.
	if err := os.WriteFile(filepath.Join(dir, "app/hello/page.tsx"), []byte("export default function P() { return null }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if !eventually(10*time.Second, func() bool { return strings.Contains(p.output.String(), "reload (SIGHUP) failed") }) {
		t.Fatalf("no failed reload reported:\n%s", p.output)
	}
	if status, body := doReq(t, newClient(nil), "GET", p.base()+"/hello"); status != 200 || body != "v2" {
		t.Errorf("GET /hello after a failed reload = %d %q, want 200 v2", status, body)
	}
	if v := scrape(t, "http://127.0.0.1:"+mport+"/metrics")[series("jsroute_reloads_total", `result="failed"`)]; v != 1 {
		t.Errorf("jsroute_reloads_total{result=failed} = %v, want 1", v)
	}
}

// TestLogFormatJSON: --log-format json writes one JSON object per line; the request log's message is
// the same text as in the text format.
func TestLogFormatJSON(t *testing.T) {
	p := startJsroute(t, "start", "fixtures/docs-app", "-p", "PORT", "-H", "127.0.0.1", "--log-format", "json")
	client := newClient(nil)
	if s, _ := doReq(t, client, "GET", p.base()+"/ts/cors"); s != 200 {
		t.Fatalf("GET /ts/cors = %d", s)
	}
	msg := regexp.MustCompile(`^GET /ts/cors 200 in \d`)
	found := eventually(2*time.Second, func() bool {
		for _, line := range strings.Split(p.output.String(), "\n") {
			var rec struct {
				Time, Level, Msg string
			}
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Level == "INFO" && rec.Time != "" && msg.MatchString(rec.Msg) {
				return true
			}
		}
		return false
	})
	if !found {
		t.Errorf("no JSON request log line for GET /ts/cors:\n%s", p.output)
	}
	// Nothing else on the output: every line is a JSON object (the banner one record).
	for _, line := range strings.Split(strings.TrimSpace(p.output.String()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Errorf("not JSON: %q", line)
		}
	}
}

// TestVersion: --version prints the version; a binary built in a git clone names its commit
// (runtime/debug.BuildInfo). The build is made in a fresh clone of HEAD: Go stamps no VCS
// information in a `git worktree` checkout, and the tests' binary is built with -buildvcs=false.
func TestVersion(t *testing.T) {
	out, err := runJsroute(t, "--version")
	if err != nil || !regexp.MustCompile(`^jsroute \d+\.\d+\.\d+\S*( \(commit [0-9a-f]{12}(, modified)?\))?\n$`).MatchString(out) {
		t.Fatalf("jsroute --version = %q, %v", out, err)
	}
	root := repoRoot(t)
	rev, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if b, err := exec.Command("git", "clone", "-q", root, clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, b)
	}
	bin := filepath.Join(t.TempDir(), "jsroute-vcs")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/jsroute")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -buildvcs=true: %v\n%s", err, b)
	}
	v, err := exec.Command(bin, "-v").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "(commit " + string(rev[:12]) + ")\n"; !strings.HasSuffix(string(v), want) {
		t.Errorf("jsroute -v = %q, want it to contain %q", v, want)
	}
}
