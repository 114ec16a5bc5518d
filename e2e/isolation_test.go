package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// isolationRoutes misbehave in the ways a route handler can; the server must stay up.
var isolationRoutes = map[string]string{
	"app/ok/route.ts":      "export function GET() { return new Response('ok') }\n",
	"app/spin/route.ts":    "export function GET() { while (true) {} }\n",
	"app/recurse/route.ts": "function f(n: number): number { return f(n + 1) + 1 }\nexport function GET() { return new Response(String(f(0))) }\n",
	"app/regex/route.ts":   "export function GET() { return Response.json({ m: /^(a+)+\\1$/.test('a'.repeat(40) + 'b') }) }\n",
	"app/echo/route.ts":    "export async function POST(request: Request) { return new Response(await request.text()) }\n",
	"app/panic/route.ts":   "export function GET() { Promise.reject(new Error('unhandled')); setTimeout(() => { throw new Error('from a timer') }); return new Response('still up') }\n",
	"app/stream/route.ts": `const enc = new TextEncoder()
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
export function GET() {
  return new Response(new ReadableStream({
    async start(c) { c.enqueue(enc.encode('one ')); await sleep(200); c.enqueue(enc.encode('two ')); await sleep(200); c.enqueue(enc.encode('three')); c.close() },
  }))
}
`,
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, src := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fetchStatus(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	res, err := newClient(nil).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestIsolation drives the binary with --max-duration and --max-body-size: a runaway handler
// gets 504 while others are answered, recursion is a 500, a catastrophic regex is bounded,
// unhandled rejections and timer throws are logged, bodies past the limit get 413.
func TestIsolation(t *testing.T) {
	dir := writeTree(t, isolationRoutes)
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1", "--workers", "2", "--max-duration", "2", "--max-body-size", "16")

	spin := make(chan int, 1)
	go func() { st, _ := fetchStatus(t, "GET", p.base()+"/spin", ""); spin <- st }()
	time.Sleep(100 * time.Millisecond)
	for i := 0; i < 3; i++ {
		if st, body := fetchStatus(t, "GET", p.base()+"/ok", ""); st != 200 || body != "ok" {
			t.Errorf("/ok while a handler spins: %d %q", st, body)
		}
	}
	select {
	case st := <-spin:
		if st != http.StatusGatewayTimeout {
			t.Errorf("runaway handler: %d, want 504", st)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the runaway handler was never answered")
	}

	cases := []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/recurse", "", 500, ""},
		{"GET", "/regex", "", 500, ""}, // the match times out: an Error naming the pattern, not a silent false
		{"GET", "/panic", "", 200, "still up"},
		{"POST", "/echo", "sixteen bytes!!!", 200, "sixteen bytes!!!"},
		{"POST", "/echo", "seventeen bytes!!", 413, ""},
		{"GET", "/ok", "", 200, "ok"},
	}
	for _, c := range cases {
		if st, body := fetchStatus(t, c.method, p.base()+c.path, c.body); st != c.status || body != c.want {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.path, st, body, c.status, c.want)
		}
	}
	for _, want := range []string{"ran past its time limit", "unhandledRejection", "from a timer", "timed out after 1s on a 41-character input"} {
		if !p.logged(want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

// TestGracefulShutdown: SIGTERM stops new connections, lets a stream in flight finish, exits 0.
func TestGracefulShutdown(t *testing.T) {
	dir := writeTree(t, isolationRoutes)
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1")
	res, err := newClient(nil).Get(p.base() + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	first := make([]byte, 4)
	if _, err := io.ReadFull(res.Body, first); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, err := io.ReadAll(res.Body)
	if err != nil || string(first)+string(rest) != "one two three" {
		t.Errorf("stream across the shutdown: %q, %v", string(first)+string(rest), err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-p.exited:
		case <-time.After(10 * time.Second):
			t.Error("jsroute did not exit after SIGTERM")
		}
	}()
	wg.Wait()
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d, want 0:\n%s", code, p.output)
	}
	if _, err := http.Get(p.base() + "/ok"); err == nil {
		t.Error("a new request was served after shutdown")
	}
}

// streamRoutes: a fire-hose stream (backpressure), a ticking stream (disconnect), and one
// handler that waits (a co-tenant of a runaway one).
var streamRoutes = map[string]string{
	"app/spin/route.ts": "export const maxDuration = 1\nexport function GET() { while (true) {} }\n",
	"app/wait/route.ts": "export async function GET() { await new Promise(r => setTimeout(r, 300)); return new Response('waited') }\n",
	"app/hose/route.ts": `export const stats = { pulls: 0, cancelled: false, aborted: false }
export function GET(request: Request) {
  request.signal.addEventListener('abort', () => { stats.aborted = true })
  const chunk = new Uint8Array(64 * 1024)
  return new Response(new ReadableStream({
    pull(c) { stats.pulls++; c.enqueue(chunk) },
    cancel() { stats.cancelled = true },
  }))
}
`,
	"app/hose-stats/route.ts": "import { stats } from '../hose/route'\nexport function GET() { return Response.json(stats) }\n",
}

// TestStreamBackpressureAndDisconnect: a client that does not read holds the stream's pull back
// (the server never buffers without bound); when it goes away the stream is cancelled and
// request.signal aborts.
func TestStreamBackpressureAndDisconnect(t *testing.T) {
	dir := writeTree(t, streamRoutes)
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1")
	res, err := newClient(nil).Get(p.base() + "/hose")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1 * time.Second) // read nothing: the socket buffers fill, then the pulls stop
	var stats struct {
		Pulls     int
		Cancelled bool
		Aborted   bool
	}
	read := func() {
		t.Helper()
		_, body := fetchStatus(t, "GET", p.base()+"/hose-stats", "")
		if err := json.Unmarshal([]byte(body), &stats); err != nil {
			t.Fatalf("stats %q: %v", body, err)
		}
	}
	read()
	// 64 KiB a pull: 1,000 pulls would be 64 MiB, far beyond any socket buffer.
	if stats.Pulls == 0 || stats.Pulls > 1000 {
		t.Errorf("%d pulls for a client that read nothing, want a bounded number", stats.Pulls)
	}
	before := stats.Pulls
	time.Sleep(300 * time.Millisecond)
	read()
	if stats.Pulls != before {
		t.Errorf("pulls went on (%d → %d) while the client read nothing", before, stats.Pulls)
	}
	res.Body.Close()
	if !eventually(5*time.Second, func() bool { read(); return stats.Cancelled && stats.Aborted }) {
		t.Errorf("after the client went away: cancelled=%v aborted=%v", stats.Cancelled, stats.Aborted)
	}
}

// TestInterruptedWorkerSparesCoTenants: with one worker, a request waiting on a timer when a
// runaway handler is stopped answers 200 on the runtime the runaway leaves behind.
func TestInterruptedWorkerSparesCoTenants(t *testing.T) {
	dir := writeTree(t, streamRoutes)
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1", "--workers", "1")
	wait := make(chan string, 1)
	go func() { st, body := fetchStatus(t, "GET", p.base()+"/wait", ""); wait <- fmt.Sprint(st, " ", body) }()
	time.Sleep(50 * time.Millisecond)
	if st, _ := fetchStatus(t, "GET", p.base()+"/spin", ""); st != http.StatusGatewayTimeout {
		t.Errorf("runaway: %d, want 504", st)
	}
	select {
	case got := <-wait:
		if got != "200 waited" {
			t.Errorf("co-tenant: %s, want 200 waited", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the co-tenant request hangs")
	}
	if st, body := fetchStatus(t, "GET", p.base()+"/wait", ""); st != 200 || body != "waited" {
		t.Errorf("after the stop: %d %q", st, body)
	}
}
