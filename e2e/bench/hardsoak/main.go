// Command hardsoak is the hardening soak (issue 13): normal traffic mixed with every hostile
// request the hardening tests send — runaways, allocation loops (arrays, typed arrays, s += s),
// single huge allocations, catastrophic regular expressions, deep JSON, deep recursion, clients
// that leave, oversized and stalled bodies, 10,000 headers, 1,000 cookies — against the
// engine behind net/http on loopback, for a fixed time. It prints RSS, goroutines and open file
// descriptors before and after, and fails (exit 1) if a normal request failed or the process
// did not return near its start level.
//
// Each failed normal request is printed as it happens with what explains it: which request,
// its status or error, when it started and how long it took, the workers' load at that moment,
// the Go heap, and every line the engine and net/http logged from a second before it started
// until it failed (stops, time-outs and rebuilds name their worker and route).
//
//	go run ./e2e/bench/hardsoak -d 10m     # the soak
//	go run ./e2e/bench/hardsoak -d 2m
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jsroute/jsroute/engine"
)

var routes = map[string]string{
	"app/quick/route.ts":          "export function GET() { return new Response('quick') }\n",
	"app/echo/route.ts":           "export async function POST(request: Request) { return Response.json(await request.json()) }\n",
	"app/pass/route.ts":           "export function POST(request: Request) { return new Response(request.body) }\n",
	"app/spin/route.ts":           "export const maxDuration = 1\nexport function GET() { while (true) {} }\n",
	"app/wait/route.ts":           "export const maxDuration = 1\nexport async function GET() { await new Promise(r => setTimeout(r, 5000)); return new Response('late') }\n",
	"app/bomb/route.ts":           "export function GET() { const a: string[] = []; for (;;) a.push('x'.repeat(1 << 20) + a.length) }\n",
	"app/recurse/route.ts":        "function f(n: number): number { return f(n + 1) + 1 }\nexport function GET() { return new Response(String(f(0))) }\n",
	"app/deep/route.ts":           "export async function POST(request: Request) { let v = await request.json(); let n = 0; while (Array.isArray(v)) { v = v[0]; n++ } return new Response(String(n)) }\n",
	"app/headers/route.ts":        "export function GET(request: Request) { let n = 0; for (const _ of request.headers) n++; return new Response(String(n)) }\n",
	"app/regex/route.ts":          "export function GET() { try { return new Response(String(/^(?=a)(a+)+$/.test('a'.repeat(32) + '!'))) } catch (e: any) { return new Response(e.code, { status: 422 }) } }\n",
	"app/regex-uncaught/route.ts": "export function GET() { return new Response(String('a'.repeat(32).concat('!').replace(/^(?=a)(a+)+$/g, 'x'))) }\n",
	"app/alloc/route.ts": `const cases: Record<string, () => unknown> = {
  ab: () => new ArrayBuffer(2 ** 40), u8: () => new Uint8Array({ length: 2 ** 40 }), f64: () => new Float64Array(2 ** 30).fill(1),
  buf: () => Buffer.alloc(2 ** 31), repeat: () => 'x'.repeat(2 ** 40), pad: () => 'x'.padStart(2 ** 30),
}
export function GET(request: Request) {
  const c = new URL(request.url).searchParams.get('c')!
  try { cases[c](); return new Response('allocated') } catch (e: any) { return new Response(e.name + ': ' + e.message, { status: 422 }) }
}
`,
	"app/typed-bomb/route.ts":  "export function GET() { const a: Uint8Array[] = []; for (;;) a.push(new Uint8Array(1 << 20).fill(1)) }\n",
	"app/string-bomb/route.ts": "export function GET() { let s = 'x'; for (let i = 0; i < 40; i++) s += s; return new Response(String(s.length)) }\n",
	"app/cookies/route.ts":     "import { cookies } from 'next/headers'\nexport async function GET() { const c = await cookies(); for (let i = 0; i < 100; i++) c.set('s' + i, 'v'); return new Response(String(c.getAll().length)) }\n",
}

func main() {
	dur := flag.Duration("d", 2*time.Minute, "how long to soak")
	normal := flag.Int("c", 4, "concurrent clients of normal traffic")
	flag.BoolVar(&engineLog.echo, "v", false, "print the engine's log lines as they come")
	flag.Parse()
	dir, err := os.MkdirTemp("", "hardsoak-")
	check(err)
	defer os.RemoveAll(dir)
	for rel, src := range routes {
		p := filepath.Join(dir, rel)
		check(os.MkdirAll(filepath.Dir(p), 0o755))
		check(os.WriteFile(p, []byte(src), 0o644))
	}
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(768 << 20) // as jsroute start sets it for --max-memory 512m: one and a half budgets
	e, err := engine.New(engine.Options{Dir: dir, Workers: 4, MaxDuration: 10 * time.Second, MaxBodySize: 8 << 20,
		MaxMemory: 512 << 20, Logger: slog.New(slog.NewTextHandler(engineLog, &slog.HandlerOptions{Level: slog.LevelWarn})), Environ: []string{}})
	check(err)
	soakEngine = e
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	// The time-outs `jsroute start` sets by default.
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second,
		ErrorLog: log.New(engineLog, "net/http: ", 0)}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String()

	client := &http.Client{Timeout: 10 * time.Second}
	for i := 0; i < 20; i++ {
		get(client, base+"/quick")
	}
	settle()
	before := sample()
	fmt.Printf("before: %s\n", before)

	ctx, cancel := context.WithTimeout(context.Background(), *dur)
	defer cancel()
	var ok, failed, hostile atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < *normal; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := &http.Client{Timeout: 10 * time.Second}
			for ctx.Err() == nil {
				start := time.Now()
				st, body, err := get(c, base+"/quick")
				if st == 200 && body == "quick" {
					ok.Add(1)
				} else {
					failed.Add(1)
					explain("GET /quick", start, st, body, err)
				}
				start = time.Now()
				st, body, err = post(c, base+"/echo", `{"a":[1,2,3],"b":"x"}`)
				if st == 200 && body == `{"a":[1,2,3],"b":"x"}` {
					ok.Add(1)
				} else {
					failed.Add(1)
					explain("POST /echo", start, st, body, err)
				}
			}
		}()
	}
	go func() { // progress, and the peak RSS
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		began := time.Now()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fmt.Printf("%s: %d ok, %d failed, %d hostile; %s\n", time.Since(began).Round(time.Second), ok.Load(), failed.Load(), hostile.Load(), sample())
			}
		}
	}()
	hostiles := hostileRequests(base)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			hostiles[i%len(hostiles)]()
			hostile.Add(1)
		}
	}()
	wg.Wait()
	fmt.Printf("normal requests: %d ok, %d failed; hostile requests: %d\n", ok.Load(), failed.Load(), hostile.Load())
	printOutcomes()
	client.CloseIdleConnections()
	time.Sleep(3 * time.Second) // let the last time limits pass and the runtimes be rebuilt
	settle()
	after := sample()
	fmt.Printf("after:  %s\n", after)
	fmt.Printf("peak RSS (VmHWM): %d MiB\n", procStatus("VmHWM:")>>20)
	srv.Close()
	e.Close()
	bad := failed.Load() > 0
	if after.goroutines > before.goroutines+10 || after.fds > before.fds+10 || after.rss > before.rss+64<<20 {
		fmt.Println("the process did not return to its start level")
		bad = true
	}
	if bad {
		os.Exit(1)
	}
}

// outcomes counts, per hostile request, the statuses it got (0: no answer, the client left).
var outcomes = struct {
	sync.Mutex
	m map[string]map[int]int
}{m: map[string]map[int]int{}}

func note(name string, status int) {
	outcomes.Lock()
	defer outcomes.Unlock()
	if outcomes.m[name] == nil {
		outcomes.m[name] = map[int]int{}
	}
	outcomes.m[name][status]++
}

func printOutcomes() {
	outcomes.Lock()
	defer outcomes.Unlock()
	names := make([]string, 0, len(outcomes.m))
	for n := range outcomes.m {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("  %-22s %v\n", n, outcomes.m[n])
	}
}

// hostileRequests are the attacks of the hardening tests, each bounded by a client time-out.
func hostileRequests(base string) []func() {
	short := &http.Client{Timeout: 300 * time.Millisecond}
	long := &http.Client{Timeout: 30 * time.Second}
	deep := strings.Repeat("[", 300_000) + strings.Repeat("]", 300_000)
	g := func(name string, c *http.Client, path string) func() {
		return func() { st, _, _ := get(c, base+path); note(name, st) }
	}
	p := func(name, path, body string) func() {
		return func() { st, _, _ := post(long, base+path, body); note(name, st) }
	}
	do := func(name string, req *http.Request) {
		st := 0
		if res, err := long.Do(req); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			st = res.StatusCode
		}
		note(name, st)
	}
	return []func(){
		g("spin", long, "/spin"),               // stopped at its 1 s maxDuration: 504
		g("spin, client left", short, "/spin"), // the client leaves; still stopped at 1 s
		g("wait, client left", short, "/wait"), // leaves an awaiting handler behind
		g("bomb", long, "/bomb"),               // past the memory budget: 500
		g("recurse", long, "/recurse"),         // 500
		p("deep JSON", "/deep", deep),
		p("body past limit", "/pass", strings.Repeat("x", 9<<20)),
		g("regex caught", long, "/regex"),            // the 1 s regexp time-out, caught: 422
		g("regex uncaught", long, "/regex-uncaught"), // the same, uncaught: 500
		func() { // single huge allocations, refused up front: 422 each
			for _, c := range []string{"ab", "u8", "f64", "buf", "repeat", "pad"} {
				st, _, _ := get(long, base+"/alloc?c="+c)
				note("alloc "+c, st)
			}
		},
		g("typed-bomb", long, "/typed-bomb"),   // past the memory budget: 500
		g("string-bomb", long, "/string-bomb"), // s += s: past the memory budget: 500
		func() { // 10,000 headers
			req, _ := http.NewRequest("GET", base+"/headers", nil)
			for i := 0; i < 10_000; i++ {
				req.Header.Set("X-H"+strconv.Itoa(i), "v")
			}
			do("10,000 headers", req)
		},
		func() { // 1,000 request cookies, 100 set
			req, _ := http.NewRequest("GET", base+"/cookies", nil)
			var b strings.Builder
			for i := 0; i < 1000; i++ {
				fmt.Fprintf(&b, "c%d=v; ", i)
			}
			req.Header.Set("Cookie", b.String())
			do("1,000 cookies", req)
		},
		func() { // a stalled body and half a request line, each dropped by the client
			for _, send := range []string{"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{", "GET /quick HT"} {
				if c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://")); err == nil {
					io.WriteString(c, send)
					c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
					bufio.NewReader(c).ReadByte()
					c.Close()
				}
			}
			note("stalled connections", 0)
		},
	}
}

type stats struct {
	rss        uint64
	goroutines int
	fds        int
	heap       uint64
}

func (s stats) String() string {
	return fmt.Sprintf("RSS %d MiB, heap %d MiB, %d goroutines, %d open fds", s.rss>>20, s.heap>>20, s.goroutines, s.fds)
}

func settle() {
	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(500 * time.Millisecond)
}

func sample() stats {
	var s stats
	s.goroutines = runtime.NumGoroutine()
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		s.fds = len(fds)
	}
	s.rss = procStatus("VmRSS:")
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s.heap = m.HeapAlloc
	return s
}

// procStatus reads a size field of /proc/self/status, in bytes.
func procStatus(field string) uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// engineLog keeps the last lines the engine and net/http logged, each with its time, for
// explain.
var engineLog = &logRing{}

type logLine struct {
	at   time.Time
	text string
}

type logRing struct {
	mu    sync.Mutex
	lines []logLine
	echo  bool
}

func (r *logRing) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	for _, l := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		r.lines = append(r.lines, logLine{now, l})
		if r.echo {
			fmt.Fprintf(os.Stderr, "%s %s\n", now.Format("15:04:05.000"), l)
		}
	}
	if len(r.lines) > 20000 {
		r.lines = append(r.lines[:0:0], r.lines[len(r.lines)-10000:]...)
	}
	return len(p), nil
}

// since returns the lines logged at or after t.
func (r *logRing) since(t time.Time) []logLine {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := sort.Search(len(r.lines), func(i int) bool { return !r.lines[i].at.Before(t) })
	return append([]logLine(nil), r.lines[i:]...)
}

var soakEngine *engine.Engine

// explainMu keeps the explanations of failures that happen together apart.
var explainMu sync.Mutex

// explain prints a failed normal request with what the server did around it.
func explain(what string, start time.Time, status int, body string, err error) {
	took := time.Since(start)
	time.Sleep(200 * time.Millisecond) // lines logged just after the answer (a rebuild's) belong to it
	explainMu.Lock()
	defer explainMu.Unlock()
	if len(body) > 200 {
		body = body[:200] + "…"
	}
	fmt.Printf("FAILED %s at %s after %s: status %d, body %q, error %v\n", what, start.Format("15:04:05.000"), took.Round(time.Millisecond), status, body, err)
	fmt.Printf("  workers now: %+v; %s; %d collections so far\n", soakEngine.WorkerStats(), sample(), gcCount())
	for _, l := range engineLog.since(start.Add(-time.Second)) {
		fmt.Printf("  %s %s\n", l.at.Format("15:04:05.000"), l.text)
	}
}

func gcCount() uint32 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.NumGC
}

func get(c *http.Client, url string) (int, string, error) {
	res, err := c.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

func post(c *http.Client, url, body string) (int, string, error) {
	res, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
