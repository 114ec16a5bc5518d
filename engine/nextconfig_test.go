package engine_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// The recorded behaviours of next.config and proxy.ts live in e2e (config-app, middleware-app,
// basepath-app). These tests cover what a recording cannot: embedding, warnings, load errors,
// and what `next start` does without -H (the e2e recorder always passes -H 127.0.0.1).

const urlEcho = `export function GET(request: Request) {
  const u = new URL(request.url)
  return Response.json({ href: u.href, pathname: u.pathname, search: u.search })
}
`

// TestStripPrefix: under http.StripPrefix the engine routes on what it was given and shows the
// public path in request.url and in redirects; PublicOrigin replaces the origin.
func TestStripPrefix(t *testing.T) {
	root := writeApp(t, map[string]string{"app/items/[id]/route.ts": urlEcho, "app/route.ts": urlEcho})
	for _, origin := range []string{"", "https://example.com"} {
		e, err := engine.New(engine.Options{Dir: root, Workers: 1, PublicOrigin: origin, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		mux := http.NewServeMux()
		mux.Handle("/api/", http.StripPrefix("/api", e))
		srv := httptest.NewServer(mux)
		port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
		wantOrigin := origin
		if wantOrigin == "" {
			wantOrigin = "http://localhost:" + port
		}
		status, _, body := get(t, srv.URL+"/api/items/x%20y?q=a%20b")
		// The query as Next hands it over: re-serialised as URLSearchParams writes it (NOTES.md).
		if want := `{"href":"` + wantOrigin + `/api/items/x%20y?q=a+b","pathname":"/api/items/x%20y","search":"?q=a+b"}`; status != 200 || body != want {
			t.Errorf("origin %q: GET /api/items/x%%20y = %d %s, want %s", origin, status, body, want)
		}
		status, h, body := get(t, srv.URL+"/api/items/x/?k=1")
		if status != 308 || h.Get("Location") != "/api/items/x?k=1" || body != "/api/items/x?k=1" {
			t.Errorf("trailing slash under the prefix: %d location %q body %q", status, h.Get("Location"), body)
		}
		status, _, body = get(t, srv.URL+"/api/")
		if status != 200 || !strings.Contains(body, `"pathname":"/api/"`) {
			t.Errorf("GET /api/ = %d %s, want the root route with pathname /api/", status, body)
		}
		srv.Close()
		e.Close()
	}
}

// TestConfigWarningsOnce: each next.config key jsroute does not apply is named once, even
// across reloads; applied keys are not named.
func TestConfigWarningsOnce(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/hello/route.ts": `export const GET = () => new Response(process.env.FROM_CONFIG)`,
		"next.config.mjs": `import { PHASE_PRODUCTION_BUILD } from 'next/constants'
export default (phase) => ({
  images: { domains: ['example.com'] },
  basePath: phase === PHASE_PRODUCTION_BUILD ? '/never' : '',
  reactStrictMode: true,
  compress: false,
  env: { FROM_CONFIG: 'inlined' },
  async headers() { return [{ source: '/hello', headers: [{ key: 'x-h', value: '1' }] }] },
})`,
	})
	logs := &logBuf{}
	e, err := engine.New(engine.Options{Dir: root, Workers: 1, Dev: true, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := e.Reload(); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	for _, key := range []string{"images", "reactStrictMode"} {
		if n := strings.Count(out, "next.config.mjs: `"+key+"` is not applied by jsroute"); n != 1 {
			t.Errorf("warning for %s printed %d times:\n%s", key, n, out)
		}
	}
	for _, key := range []string{"compress", "env", "headers"} {
		if strings.Contains(out, "`"+key+"`") {
			t.Errorf("%s is applied but was warned about:\n%s", key, out)
		}
	}
	srv := httptest.NewServer(e)
	defer srv.Close()
	status, h, body := get(t, srv.URL+"/hello")
	if status != 200 || body != "inlined" || h.Get("X-H") != "1" {
		t.Errorf("GET /hello = %d %q x-h %q", status, body, h.Get("X-H"))
	}
}

// TestConfigLoadErrors: a next.config that cannot apply stops start with a message naming the
// file and the rule, never silently.
func TestConfigLoadErrors(t *testing.T) {
	cases := map[string]struct{ config, want string }{
		"bad regex":        {`export default { async redirects() { return [{ source: '/a/:id((?)', destination: '/b', permanent: true }] } }`, "redirects()[0]"},
		"no permanent":     {`export default { async redirects() { return [{ source: '/a', destination: '/b' }] } }`, "`permanent` or `statusCode` is required"},
		"waits on a timer": {`export default async () => { await new Promise(() => {}); return {} }`, "awaits a timer or I/O"},
		"throws":           {`export default () => { throw new Error('boom') }`, "boom"},
		"bad has type":     {`export default { async headers() { return [{ source: '/a', has: [{ type: 'path', key: 'x' }], headers: [] }] } }`, "invalid `type`"},
		"not a string env": {`export default { env: { N: 1 } }`, "env.N is not a string"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			root := writeApp(t, map[string]string{"app/a/route.ts": `export const GET = () => new Response('a')`, "next.config.mjs": c.config})
			e, err := engine.New(engine.Options{Dir: root, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err == nil {
				e.Close()
				t.Fatal("New succeeded")
			}
			if !strings.Contains(err.Error(), "next.config.mjs") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not name next.config.mjs and %q", err, c.want)
			}
		})
	}
}

// TestMiddlewareWithoutHostFlag: `next start` without -H compares a rewrite with
// http://localhost:<port>, so a rewrite to the app's own URL is internal: the handler sees the
// URL as sent, x-middleware-rewrite is relative, the middleware runs once. (Observed on Next
// 16.5.0: `curl localhost:PORT/mw/rewrite` on fixtures/middleware-app without -H answered
// `x-middleware-rewrite: /api/echo?rewritten=1` and pathname "/mw/rewrite".)
// Also: a middleware without a matcher runs for every path, _next/static included, and it
// reads the request body without taking it from the handler.
func TestMiddlewareWithoutHostFlag(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/api/echo/route.ts": `export async function POST(request: Request) {
  const u = new URL(request.url)
  return Response.json({ pathname: u.pathname, search: u.search, body: await request.text(), runs: request.headers.get('x-runs') })
}`,
		"middleware.ts": `import { NextResponse } from 'next/server'
export async function middleware(request) {
  const { pathname } = request.nextUrl
  if (pathname === '/mw/rewrite') {
    const peek = await request.text()
    const res = NextResponse.rewrite(new URL('/api/echo?rewritten=1', request.url))
    res.headers.set('x-peek', peek)
    return res
  }
  if (pathname.startsWith('/_next/')) return new Response('middleware saw ' + pathname)
  const res = NextResponse.next()
  res.headers.set('x-runs', (request.headers.get('x-runs') || '') + '1')
  return res
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	status, h, body := do(t, "POST", srv.URL+"/mw/rewrite", "payload", nil)
	if want := `{"pathname":"/mw/rewrite","search":"","body":"payload","runs":null}`; status != 200 || body != want {
		t.Errorf("POST /mw/rewrite = %d %s, want %s\n%s", status, body, want, logs)
	}
	if got := h.Get("X-Middleware-Rewrite"); got != "/api/echo?rewritten=1" {
		t.Errorf("x-middleware-rewrite = %q, want the relative URL", got)
	}
	if h.Get("X-Peek") != "payload" {
		t.Errorf("x-peek = %q: the middleware did not read the body", h.Get("X-Peek"))
	}
	for _, k := range []string{"X-Middleware-Next", "X-Middleware-Override-Headers"} {
		if h.Get(k) != "" {
			t.Errorf("%s leaked to the client", k)
		}
	}
	status, _, body = get(t, srv.URL+"/_next/static/chunk.js")
	if status != 200 || body != "middleware saw /_next/static/chunk.js" {
		t.Errorf("GET /_next/static/chunk.js = %d %q: the middleware must run for every path without a matcher", status, body)
	}
}

// TestExternalRewrite: a rewrite to another origin is proxied through the engine's HTTP client.
func TestExternalRewrite(t *testing.T) {
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Upstream", "yes")
		io.WriteString(w, "upstream got "+r.Method+" "+r.URL.RequestURI())
	}))
	defer up.Close()
	root := writeApp(t, map[string]string{
		"app/a/route.ts":  `export const GET = () => new Response('a')`,
		"next.config.mjs": `export default { async rewrites() { return [{ source: '/ext/:path*', destination: '` + up.URL + `/u/:path*' }] } }`,
	})
	srv, _ := serve(t, engine.Options{Dir: root, Workers: 1})
	status, h, body := get(t, srv.URL+"/ext/x/y?q=1")
	if status != 200 || body != "upstream got GET /u/x/y?q=1" || h.Get("X-Upstream") != "yes" {
		t.Errorf("GET /ext/x/y = %d %q %v", status, body, h)
	}
}

// TestMiddlewareUnderPrefix: mounted with StripPrefix behind a public origin, the middleware sees
// the public URL, and its rewrite to a URL built from it stays inside the app.
func TestMiddlewareUnderPrefix(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/b/route.ts": urlEcho,
		"proxy.ts": `import { NextResponse } from 'next/server'
export function proxy(request) {
  if (request.nextUrl.pathname === '/api/a') return NextResponse.rewrite(new URL('/api/b?from=a', request.url))
  return NextResponse.next({ headers: { 'x-seen': request.url } })
}`,
	})
	e, err := engine.New(engine.Options{Dir: root, Workers: 1, PublicOrigin: "https://example.com", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	mux := http.NewServeMux()
	mux.Handle("/api/", http.StripPrefix("/api", e))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	status, h, body := get(t, srv.URL+"/api/a")
	if want := `{"href":"https://example.com/api/a","pathname":"/api/a","search":""}`; status != 200 || body != want {
		t.Errorf("GET /api/a = %d %s, want %s", status, body, want)
	}
	if got := h.Get("X-Middleware-Rewrite"); got != "/api/b?from=a" {
		t.Errorf("x-middleware-rewrite = %q", got)
	}
	status, h, _ = get(t, srv.URL+"/api/b")
	if status != 200 || h.Get("X-Seen") != "https://example.com/api/b" {
		t.Errorf("GET /api/b = %d, the middleware saw %q", status, h.Get("X-Seen"))
	}
}

// TestMiddlewareSubrequestDepth: a middleware that fetches a URL it matches stops recursing
// after five levels, as Next's x-middleware-subrequest guard does; a client cannot send the
// header to skip the middleware.
func TestMiddlewareSubrequestDepth(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/r/route.ts": `export const GET = () => new Response('route')`,
		"proxy.ts": `export async function proxy(request) {
  const chain = request.headers.get('x-middleware-subrequest') ?? ''
  const inner = await fetch(request.url)
  return new Response('mw[' + chain + '] ' + await inner.text())
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 2, MaxDuration: 10 * time.Second})
	status, _, body := get(t, srv.URL+"/r")
	m := "middleware"
	want := "mw[] mw[" + m + "] mw[" + m + ":" + m + "] mw[" + m + ":" + m + ":" + m + "] mw[" + m + ":" + m + ":" + m + ":" + m + "] route"
	if status != 200 || body != want {
		t.Fatalf("GET /r = %d %q, want %q\n%s", status, body, want, logs)
	}
	forged := strings.Repeat(m+":", 4) + m
	status, _, body = do(t, "GET", srv.URL+"/r", "", map[string]string{"x-middleware-subrequest": forged, "x-middleware-subrequest-id": "guess"})
	if status != 200 || !strings.HasPrefix(body, "mw[") {
		t.Errorf("a forged x-middleware-subrequest skipped the middleware: %d %q", status, body)
	}
}

// TestMiddlewareConfigWarnings: middleware config keys other than matcher and runtime are named.
func TestMiddlewareConfigWarnings(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/a/route.ts": `export const GET = () => new Response('a')`,
		"proxy.ts":       "export const proxy = () => {}\nexport const config = { matcher: '/a', runtime: 'nodejs', regions: ['iad1'] }\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	if status, _, body := get(t, srv.URL+"/a"); status != 200 || body != "a" {
		t.Errorf("GET /a = %d %q", status, body)
	}
	out := logs.String()
	if !strings.Contains(out, "proxy.ts: `config.regions` is not applied by jsroute") || strings.Contains(out, "config.runtime") || strings.Contains(out, "config.matcher") {
		t.Errorf("warnings:\n%s", out)
	}
}
