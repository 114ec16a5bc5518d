package engine_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// isolationApp holds handlers that misbehave in every way the engine must survive.
var isolationApp = map[string]string{
	"app/ok/route.ts": `export function GET() { return new Response('ok') }`,
	"app/spin/route.ts": `
export const maxDuration = 1
export function GET() { while (true) {} }
`,
	"app/spin-later/route.ts": `
export const maxDuration = 1
export async function GET() { await new Promise(r => setTimeout(r, 10)); for (;;) {} }
`,
	"app/slow/route.ts": `
export const maxDuration = 1
export const seen = { aborted: false }
export async function GET(request: Request) {
  request.signal.addEventListener('abort', () => { seen.aborted = true })
  await new Promise(r => setTimeout(r, 5000))
  return new Response('late')
}
`,
	"app/slow-seen/route.ts": `
import { seen } from '../slow/route'
export function GET() { return Response.json(seen) }
`,
	"app/wait/route.ts": `
export async function GET() { await new Promise(r => setTimeout(r, 300)); return new Response('waited') }
`,
	"app/recurse/route.ts": `
function f(n: number): number { return f(n + 1) + 1 }
export function GET() { return new Response(String(f(0))) }
`,
	"app/recurse-async/route.ts": `
function f(n: number): number { return f(n + 1) + 1 }
export async function GET() { await null; return new Response(String(f(0))) }
`,
	"app/regex/route.ts": `
export function GET() {
  const evil = /^(a+)+\1$/
  return Response.json({ matched: evil.test('a'.repeat(40) + 'b') })
}
`,
	"app/unhandled/route.ts": `
export function GET() {
  Promise.reject(new Error('nobody catches me'))
  setTimeout(() => { throw new Error('thrown from a timer') }, 1)
  return new Response('fine')
}
`,
	"app/echo/route.ts": `
export async function POST(request: Request) { return new Response(await request.text()) }
`,
}

func TestRunawayHandlerIsInterrupted(t *testing.T) {
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, isolationApp), Workers: 2})
	for _, path := range []string{"/spin", "/spin-later"} {
		t.Run(path, func(t *testing.T) {
			done := make(chan int, 1)
			start := time.Now()
			go func() { st, _, _ := get(t, srv.URL+path); done <- st }()
			// While one worker spins, the other keeps answering.
			time.Sleep(100 * time.Millisecond)
			for i := 0; i < 5; i++ {
				if st, _, body := get(t, srv.URL+"/ok"); st != 200 || body != "ok" {
					t.Fatalf("/ok during the spin: %d %q", st, body)
				}
			}
			select {
			case st := <-done:
				if st != http.StatusGatewayTimeout {
					t.Errorf("runaway answered %d, want 504", st)
				}
				if el := time.Since(start); el < 900*time.Millisecond {
					t.Errorf("answered after %v, before its 1 s limit", el)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the runaway handler was never stopped")
			}
			// Both workers serve again (the interrupted one was rebuilt).
			for i := 0; i < 6; i++ {
				if st, _, _ := get(t, srv.URL+"/ok"); st != 200 {
					t.Fatalf("/ok after the interrupt: %d", st)
				}
			}
		})
	}
	if !strings.Contains(logs.String(), "ran past its time limit") {
		t.Errorf("the time-out is not logged:\n%s", logs)
	}
}

// TestStopSparesCoTenants: stopping a runaway keeps its runtime (afterStop). With one worker,
// requests awaiting a timer and a fetch when /spin-state is stopped answer 200 afterwards, module
// state carries on (no rebuild), the stopped request's own timer still runs (as one of a request
// whose client left), and the promise reaction it queued in the stopped call is dropped.
func TestStopSparesCoTenants(t *testing.T) {
	slowUpstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(400 * time.Millisecond)
		io.WriteString(w, "fetched")
	}))
	defer slowUpstream.Close()
	app := map[string]string{
		"app/wait/route.ts":  `export async function GET() { await new Promise(r => setTimeout(r, 300)); return new Response('waited') }`,
		"app/fetch/route.ts": `export async function GET() { return new Response(await (await fetch('` + slowUpstream.URL + `')).text()) }`,
		"app/count/route.ts": `let n = 0
export function GET() { return new Response(String(++n)) }`,
		"app/spin-state/route.ts": `export const maxDuration = 1
export function GET() {
  setTimeout(() => { (globalThis as any).timer = 'ran' }, 20)
  Promise.resolve().then(() => { (globalThis as any).reaction = 'ran' })
  while (true) {}
}`,
		"app/state/route.ts": `export function GET() { const g = globalThis as any; return Response.json({ timer: g.timer ?? null, reaction: g.reaction ?? null }) }`,
	}
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, app), Workers: 1})
	if st, _, body := get(t, srv.URL+"/count"); st != 200 || body != "1" {
		t.Fatalf("/count: %d %q", st, body)
	}
	var wg sync.WaitGroup
	statuses := make(chan string, 3)
	for _, p := range []string{"/wait", "/fetch", "/spin-state"} {
		wg.Add(1)
		go func(p string) {
			defer wg.Done()
			st, _, body := get(t, srv.URL+p)
			statuses <- fmt.Sprintf("%s %d %s", p, st, body)
		}(p)
		// Each has started (and awaits) before /spin-state takes the worker.
		time.Sleep(150 * time.Millisecond)
	}
	wg.Wait()
	close(statuses)
	got := map[string]bool{}
	for s := range statuses {
		got[s] = true
	}
	if !got["/wait 200 waited"] || !got["/fetch 200 fetched"] || !got["/spin-state 504 "] {
		t.Errorf("got %v, want /wait 200 waited, /fetch 200 fetched, /spin-state 504\n%s", got, logs)
	}
	if st, _, body := get(t, srv.URL+"/count"); st != 200 || body != "2" {
		t.Errorf("/count after the stop: %d %q, want 2 (module state kept)", st, body)
	}
	time.Sleep(50 * time.Millisecond)
	if _, _, body := get(t, srv.URL+"/state"); body != `{"timer":"ran","reaction":null}` {
		t.Errorf("the stopped request's timer and reaction: %s, want the timer run and the reaction dropped", body)
	}
	if strings.Contains(logs.String(), "rebuilt") {
		t.Errorf("the runtime was rebuilt:\n%s", logs)
	}
}

// TestMemoryStopSparesCoTenants: a request awaiting on the worker where an allocation loop is
// stopped at the memory budget answers 200; the loop's request gets 500.
func TestMemoryStopSparesCoTenants(t *testing.T) {
	app := map[string]string{
		"app/wait/route.ts": `export async function GET() { await new Promise(r => setTimeout(r, 300)); return new Response('waited') }`,
		"app/bomb/route.ts": `export function GET() { const a: string[] = []; for (;;) a.push('x'.repeat(1 << 20) + a.length) }`,
	}
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, app), Workers: 1, MaxMemory: 256 << 20})
	wait := make(chan string, 1)
	go func() { st, _, body := get(t, srv.URL+"/wait"); wait <- fmt.Sprint(st, " ", body) }()
	time.Sleep(100 * time.Millisecond)
	if st, _, _ := get(t, srv.URL+"/bomb"); st != 500 {
		t.Errorf("/bomb: %d, want 500", st)
	}
	if got := <-wait; got != "200 waited" {
		t.Errorf("the co-tenant: %s, want 200 waited\n%s", got, logs)
	}
	if !strings.Contains(logs.String(), "past the memory budget of 256 MiB") {
		t.Errorf("the stop is not logged:\n%s", logs)
	}
}

// TestMemoryStopIsPrecise: with an allocation loop on one worker and a slow synchronous (but
// small) computation started after it on the other, only the loop is stopped at the memory
// budget (it reaches it after a second or more, the computation running meanwhile); the
// computation answers 200. (Every long job used to be stopped: checked against the code before.)
func TestMemoryStopIsPrecise(t *testing.T) {
	app := map[string]string{
		// Slowed down, so that /compute has run for a while when the heap reaches the budget.
		"app/bomb/route.ts":    `export function GET() { const a: string[] = []; for (;;) { a.push('x'.repeat(1 << 20) + a.length); for (let i = 0; i < 10000; i++); } }`,
		"app/compute/route.ts": `export function GET() { const end = Date.now() + 6000; let n = 0; while (Date.now() < end) n++; return new Response('computed') }`,
	}
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, app), Workers: 2, MaxMemory: 256 << 20})
	bomb := make(chan int, 1)
	base := liveHeap()
	go func() { st, _, _ := get(t, srv.URL+"/bomb"); bomb <- st }()
	// The loop runs (the heap grew by 32 MiB) before the computation starts.
	for deadline := time.Now().Add(10 * time.Second); liveHeap() < base+32<<20 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	if st, _, body := get(t, srv.URL+"/compute"); st != 200 || body != "computed" {
		t.Errorf("/compute beside the allocation loop: %d %q, want 200\n%s", st, body, logs)
	}
	if st := <-bomb; st != 500 {
		t.Errorf("/bomb: %d, want 500", st)
	}
}

// liveHeap is the Go heap's objects (live and not yet collected), as the memory watcher reads it.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestMemoryHeldBetweenRequests: state that grows past the budget across requests (no single
// request grows it) is dropped by rebuilding the runtime that holds it.
func TestMemoryHeldBetweenRequests(t *testing.T) {
	app := map[string]string{
		"app/grow/route.ts": `
const hoard: string[] = []
export function GET() {
  hoard.push('x'.repeat(16 << 20))
  return Response.json({ held: hoard.length })
}`,
	}
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, app), Workers: 1, MaxMemory: 128 << 20})
	reset := false
	for i := 0; i < 40 && !reset; i++ {
		st, _, body := get(t, srv.URL+"/grow")
		if st != 200 {
			t.Fatalf("/grow: %d (no request grows the heap by much: none is stopped)", st)
		}
		reset = i > 0 && body == `{"held":1}`
		time.Sleep(50 * time.Millisecond)
	}
	if !reset {
		t.Errorf("the hoard was never dropped:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "stayed over the memory budget") {
		t.Errorf("the rebuild is not logged:\n%s", logs)
	}
}

// TestSlowHandlerTimesOut: an awaiting handler past its limit gets 504 and its request.signal
// aborts; the runtime is not rebuilt (module state survives).
func TestSlowHandlerTimesOut(t *testing.T) {
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, isolationApp), Workers: 1})
	if st, _, _ := get(t, srv.URL+"/slow"); st != http.StatusGatewayTimeout {
		t.Errorf("slow handler answered %d, want 504", st)
	}
	if _, _, body := get(t, srv.URL+"/slow-seen"); body != `{"aborted":true}` {
		t.Errorf("request.signal after the time-out: %s", body)
	}
	if strings.Contains(logs.String(), "rebuilt") {
		t.Errorf("a slow (not stuck) handler caused a rebuild:\n%s", logs)
	}
}

func TestMaxDurationOption(t *testing.T) {
	app := writeApp(t, map[string]string{
		"app/sleep/route.ts": `export async function GET() { await new Promise(r => setTimeout(r, 3000)); return new Response('x') }`,
	})
	srv, _ := serve(t, engine.Options{Dir: app, MaxDuration: 200 * time.Millisecond})
	if st, _, _ := get(t, srv.URL+"/sleep"); st != http.StatusGatewayTimeout {
		t.Errorf("got %d, want 504 from the engine-wide limit", st)
	}
}

func TestMisbehavingHandlers(t *testing.T) {
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, isolationApp), Workers: 1})
	cases := []struct {
		path   string
		status int
		body   string
	}{
		{"/recurse", 500, ""},
		{"/recurse-async", 500, ""},
		{"/regex", 500, ""}, // the match times out: an Error, not a silent false (regexptimeout.go)
		{"/unhandled", 200, "fine"},
		{"/ok", 200, "ok"},
	}
	for _, c := range cases {
		st, _, body := get(t, srv.URL+c.path)
		if st != c.status || body != c.body {
			t.Errorf("%s: %d %q, want %d %q", c.path, st, body, c.status, c.body)
		}
	}
	time.Sleep(50 * time.Millisecond)
	for _, want := range []string{"nobody catches me", "thrown from a timer", "timed out after 1s on a 41-character input"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestMaxBodySize(t *testing.T) {
	srv, _ := serve(t, engine.Options{Dir: writeApp(t, isolationApp), MaxBodySize: 10})
	if st, _, body := do(t, "POST", srv.URL+"/echo", "0123456789", nil); st != 200 || body != "0123456789" {
		t.Errorf("a body at the limit: %d %q", st, body)
	}
	if st, _, _ := do(t, "POST", srv.URL+"/echo", "0123456789x", nil); st != http.StatusRequestEntityTooLarge {
		t.Errorf("Content-Length over the limit: %d, want 413", st)
	}
	// A chunked body (no Content-Length) is counted as it arrives.
	req, _ := http.NewRequest("POST", srv.URL+"/echo", struct{ *strings.Reader }{strings.NewReader(strings.Repeat("y", 100))})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked body over the limit: %d, want 413", res.StatusCode)
	}
}

func TestEnvAllow(t *testing.T) {
	app := writeApp(t, map[string]string{
		".env":             "FROM_FILE=file\n",
		"app/env/route.ts": `export function GET() { return Response.json({ a: process.env.PUBLIC_A ?? null, s: process.env.SECRET ?? null, f: process.env.FROM_FILE ?? null }) }`,
	})
	srv, _ := serve(t, engine.Options{Dir: app, Environ: []string{"PUBLIC_A=1", "SECRET=hunter2"}, EnvAllow: []string{"PUBLIC_*"}})
	if _, _, body := get(t, srv.URL+"/env"); body != `{"a":"1","s":null,"f":"file"}` {
		t.Errorf("process.env = %s", body)
	}
}

// TestMaxHeapRebuildsIdleWorkers: module state that grows past the soft heap limit is dropped
// by rebuilding the runtime between requests.
func TestMaxHeapRebuildsIdleWorkers(t *testing.T) {
	app := writeApp(t, map[string]string{
		"app/grow/route.ts": `
const hoard: string[] = []
export function GET() {
  hoard.push('x'.repeat(8 << 20))
  return Response.json({ held: hoard.length })
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: app, Workers: 1, MaxHeap: 64 << 20})
	sawReset := false
	for i := 0; i < 40 && !sawReset; i++ {
		_, _, body := get(t, srv.URL+"/grow")
		if i > 0 && body == `{"held":1}` {
			sawReset = true
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !sawReset {
		t.Errorf("the hoard was never dropped:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "soft limit") {
		t.Errorf("the rebuild is not logged:\n%s", logs)
	}
}

// TestTimeoutNamesTheRunaway: when the request that times out is not the one the loop is stuck
// in, the stuck one (the runaway) is answered 504 too, not blamed with a 500.
func TestTimeoutNamesTheRunaway(t *testing.T) {
	app := writeApp(t, map[string]string{
		"app/wait/route.ts": `export async function GET() { await new Promise(r => setTimeout(r, 300)); return new Response('waited') }`,
		"app/spin/route.ts": `export function GET() { while (true) {} }`,
	})
	srv, _ := serve(t, engine.Options{Dir: app, Workers: 1, MaxDuration: time.Second})
	got := make(chan string, 2)
	for _, p := range []string{"/wait", "/spin"} {
		go func(p string) { st, _, _ := get(t, srv.URL+p); got <- fmt.Sprint(p, " ", st) }(p)
		time.Sleep(50 * time.Millisecond)
	}
	seen := map[string]bool{<-got: true, <-got: true}
	if !seen["/wait 504"] || !seen["/spin 504"] {
		t.Errorf("got %v, want both 504 (both ran past the limit; /spin is the runaway)", seen)
	}
}
