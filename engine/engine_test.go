package engine_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// writeApp lays out files (path relative to the project root → content) in a temp dir.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serve starts an engine over real HTTP on loopback.
func serve(t *testing.T, opts engine.Options) (*httptest.Server, *logBuf) {
	t.Helper()
	logs := &logBuf{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	}
	e, err := engine.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(func() {
		srv.Close()
		e.Close()
	})
	return srv, logs
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	return do(t, "GET", url, "", nil)
}

func do(t *testing.T, method, url, body string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// TestAsyncContextInterleaved: 200 concurrent requests on one worker, each awaiting timers and
// promises between calls to headers() and cookies(), never see another request's data.
func TestAsyncContextInterleaved(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/ctx/[id]/route.ts": `
import { headers, cookies } from 'next/headers'
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const seen: string[] = []
  for (let i = 0; i < 5; i++) {
    await sleep((Number(id) * 7 + i * 3) % 11)
    const h = (await headers()).get('x-id')
    const c = (await cookies()).get('id')?.value
    await Promise.resolve()
    const fromTimer = await new Promise<string | null>(res => setTimeout(async () => res((await headers()).get('x-id')), 1))
    seen.push(h + '/' + c + '/' + fromTimer)
  }
  return Response.json({ id, seen })
}
`,
	})
	srv, _ := serve(t, engine.Options{Dir: root, Workers: 1})
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id := fmt.Sprint(i)
			req, _ := http.NewRequest("GET", srv.URL+"/ctx/"+id, nil)
			req.Header.Set("X-Id", id)
			req.Header.Set("Cookie", "id="+id)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			want := strings.Repeat(fmt.Sprintf(`"%s/%s/%s",`, id, id, id), 5)
			want = fmt.Sprintf(`{"id":"%s","seen":[%s]}`, id, strings.TrimSuffix(want, ","))
			if string(b) != want {
				errs <- fmt.Sprintf("request %s got %s", id, b)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestClientDisconnect: when the client goes away mid-stream, the stream is cancelled (its
// source's cancel runs) and request.signal aborts.
func TestClientDisconnect(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/stream/route.ts": `
export const state = { aborted: false, cancelled: '' }
export async function GET(request: Request) {
  request.signal.addEventListener('abort', () => { state.aborted = true })
  const enc = new TextEncoder()
  let n = 0
  return new Response(new ReadableStream({
    async pull(c) {
      if (n++ > 0) await new Promise(r => setTimeout(r, 50))
      c.enqueue(enc.encode('tick\n'))
    },
    cancel(reason) { state.cancelled = String(reason) },
  }))
}
`,
		"app/state/route.ts": `
import { state } from '../stream/route'
export function GET() { return Response.json(state) }
`,
	})
	srv, _ := serve(t, engine.Options{Dir: root, Workers: 1})
	res, err := http.Get(srv.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(res.Body, buf); err != nil || string(buf) != "tick\n" {
		t.Fatalf("first chunk %q, %v", buf, err)
	}
	res.Body.Close() // the client goes away
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, _, body := get(t, srv.URL+"/state")
		if strings.Contains(body, `"aborted":true`) && strings.Contains(body, `"cancelled":"Error`) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the disconnect the route saw %s", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestErrorLogNamesTSLine: a thrown error is a 500 with an empty body, and the log names the
// .ts file, line and (1-based, as Node) column through the source map.
func TestErrorLogNamesTSLine(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/boom/route.ts": "type T = { a: number }\n\nexport async function GET() {\n  const t: T = { a: 1 }\n  throw new Error('boom ' + t.a)\n}\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	st, h, body := get(t, srv.URL+"/boom")
	if st != 500 || body != "" || h.Get("Content-Type") != "" {
		t.Errorf("got %d %q content-type %q, want a bare 500", st, body, h.Get("Content-Type"))
	}
	if want := "app/boom/route.ts:5:9"; !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks %s:\n%s", want, logs)
	}
}

// TestPrelude: what the engine adds to goja before any bundle runs, checked against Node 20.
func TestPrelude(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/p/route.ts": `
export async function GET() {
  const { promise, resolve } = Promise.withResolvers<number>()
  resolve(7)
  const e: any = {}
  Error.captureStackTrace(e)
  const obj = { a: 1 }
  return Response.json({
    asyncIterator: typeof Symbol.asyncIterator,
    dispose: Symbol.dispose === Symbol.for('Symbol.dispose'),
    fromString: Array.from(Uint8Array.from('hi', c => c.charCodeAt(0))),
    withResolvers: await promise,
    groupBy: Object.groupBy([1, 2, 3], n => (n % 2 ? 'odd' : 'even')),
    mapGroupBy: [...Map.groupBy([1, 2, 3], n => n > 1)].map(([k, v]) => [k, v.length]),
    captured: typeof e.stack,
    weakRef: new WeakRef(obj).deref() === obj,
    crypto: typeof crypto.subtle.digest,
  })
}`,
	})
	srv, _ := serve(t, engine.Options{Dir: root})
	_, _, body := get(t, srv.URL+"/p")
	want := `{"asyncIterator":"symbol","dispose":true,"fromString":[104,105],"withResolvers":7,"groupBy":{"odd":[1,3],"even":[2]},"mapGroupBy":[[false,1],[true,2]],"captured":"string","weakRef":true,"crypto":"function"}`
	if body != want {
		t.Errorf("got  %s\nwant %s", body, want)
	}
}

// TestBodyPassThrough: a request body returned as the response body streams straight through
// (and still works when JS read part of the stream first).
func TestBodyPassThrough(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/pipe/route.ts": `export async function POST(request: Request) { return new Response(request.body, { headers: { 'content-type': 'application/octet-stream' } }) }`,
		"app/through/route.ts": `
export async function POST(request: Request) {
  return new Response(request.body!.pipeThrough(new TransformStream()))
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	defer func() {
		if t.Failed() {
			t.Log(logs)
		}
	}()
	big := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
	if st, _, body := do(t, "POST", srv.URL+"/pipe", big, nil); st != 200 || body != big {
		t.Errorf("pass-through: %d, %d bytes back (want %d)", st, len(body), len(big))
	}
	if st, _, body := do(t, "POST", srv.URL+"/through", big, nil); st != 200 || body != big {
		t.Errorf("through a TransformStream: %d, %d bytes back (want %d)", st, len(body), len(big))
	}
}

// TestRejectedHandlerLoggedOnce: an async handler that throws is one 500 and one log line, not
// also an unhandled rejection.
func TestRejectedHandlerLoggedOnce(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/a/route.ts": "export async function GET() { throw new Error('boom') }\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	if st, _, _ := get(t, srv.URL+"/a"); st != 500 {
		t.Fatalf("status %d", st)
	}
	time.Sleep(20 * time.Millisecond)
	if n := strings.Count(logs.String(), "boom"); n != 1 {
		t.Errorf("the error is logged %d times:\n%s", n, logs)
	}
}

// TestDevServesConflictDiagnostic: in dev, a route/page conflict answers 500 with the
// diagnostic naming both files at that URL, and the other routes keep working; start refuses.
func TestDevServesConflictDiagnostic(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/page.tsx":    "export default function Page() { return null }\n",
		"app/route.ts":    "export async function POST() { return new Response('x') }\n",
		"app/ok/route.ts": "export function GET() { return new Response('ok') }\n",
	})
	if _, err := engine.New(engine.Options{Dir: root, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}); err == nil ||
		!strings.Contains(err.Error(), "app/page.tsx") || !strings.Contains(err.Error(), "app/route.ts") {
		t.Errorf("start mode: %v, want a load error naming both files", err)
	}
	srv, _ := serve(t, engine.Options{Dir: root, Dev: true})
	st, _, body := get(t, srv.URL+"/")
	if st != 500 || !strings.Contains(body, "app/page.tsx") || !strings.Contains(body, "app/route.ts") {
		t.Errorf("GET / in dev: %d %q", st, body)
	}
	if st, _, body := get(t, srv.URL+"/ok"); st != 200 || body != "ok" {
		t.Errorf("GET /ok: %d %q", st, body)
	}
}

// jsroute runs route handlers only: a page in the app is named in a start-up warning (once, not
// at every reload) and its URL answers Next's 404 page, never silently.
func TestPagesAreWarnedAbout(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/api/route.ts":   "export const GET = () => new Response('api')\n",
		"app/about/page.tsx": "export default function Page() { return null }\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	if st, _, _ := get(t, srv.URL+"/about"); st != 404 {
		t.Errorf("GET /about = %d, want 404", st)
	}
	if st, _, body := get(t, srv.URL+"/api"); st != 200 || body != "api" {
		t.Errorf("GET /api = %d %q", st, body)
	}
	if n := strings.Count(logs.String(), "app/about/page.tsx: pages are not served by jsroute"); n != 1 {
		t.Errorf("page warned %d times, want once:\n%s", n, logs.String())
	}
}

// The rest of a whole Next.js project (loader.FindUnserved) is named at start too: a Pages Router API
// route, the public folder, instrumentation.ts. The route handlers are served all the same.
func TestUnservedProjectFilesAreWarnedAbout(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/api/route.ts":      "export const GET = () => new Response('api')\n",
		"pages/api/legacy.ts":   "export default function handler(req, res) { res.json({}) }\n",
		"public/robots.txt":     "User-agent: *\n",
		"instrumentation.ts":    "export function register() {}\n",
		"app/not-found.tsx":     "export default function NotFound() { return null }\n",
		"app/(site)/page.tsx":   "export default function Page() { return null }\n",
		"app/(site)/layout.tsx": "export default function Layout({ children }) { return children }\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	if st, _, body := get(t, srv.URL+"/api"); st != 200 || body != "api" {
		t.Errorf("GET /api = %d %q", st, body)
	}
	if st, _, _ := get(t, srv.URL+"/robots.txt"); st != 404 {
		t.Errorf("GET /robots.txt = %d, want 404", st)
	}
	for _, w := range []string{
		"⚠ pages/api/legacy.ts: Pages Router API routes are not served by jsroute",
		"⚠ public/: static files are not served by jsroute (1: robots.txt)",
		"⚠ instrumentation.ts: not run by jsroute",
		"⚠ app/not-found.tsx: not rendered by jsroute",
		"⚠ app/(site)/page.tsx: pages are not served by jsroute",
	} {
		if n := strings.Count(logs.String(), w); n != 1 {
			t.Errorf("%q logged %d times, want once:\n%s", w, n, logs.String())
		}
	}
	if strings.Contains(logs.String(), "layout.tsx") {
		t.Errorf("a layout is named, though it only matters to pages:\n%s", logs.String())
	}
}
