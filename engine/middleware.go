package engine

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/router"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/next"
)

// The middleware (Next 16's proxy.ts, or middleware.ts) is bundled alone, run on every worker
// beside the routes (its own module instances, as Next runs it apart), and called before
// routing when its matcher matches (router.Rules.MiddlewareMatches). Its answer is read as
// Next's router server reads it (server/lib/router-utils/resolve-routes.ts): the
// x-middleware-next / x-middleware-rewrite / Location headers NextResponse sets, request
// header overrides (x-middleware-override-headers + x-middleware-request-*), or a response
// of its own.

const middlewareGlobal = "__jsrouteMiddleware"

// mwProgram is the compiled middleware bundle.
type mwProgram struct {
	prog   *goja.Program
	file   string // relative to the project root: "proxy.ts", "src/middleware.ts"
	export string // "proxy" or "middleware"
	// tryHelper: the program calls loader.TryHelper or ErrHelper (trycatch.go).
	tryHelper bool
	// uri: the program names a global URI function (errmsg.go).
	uri bool
}

func (e *Engine) buildMiddleware(nf loader.NextFiles, opts loader.Options) (*mwProgram, error) {
	m, err := e.bundleModule(nf.Middleware, middlewareGlobal, opts)
	if err != nil {
		return nil, err
	}
	ast, err := goja.Parse(m.Name, m.Code, parser.WithSourceMapLoader(func(string) ([]byte, error) {
		return nil, errors.New("only inline source maps are read")
	}))
	if err != nil {
		return nil, fmt.Errorf("jsroute: compiling %s: %w", nf.Middleware, err)
	}
	prog, err := goja.CompileAST(ast, true)
	if err != nil {
		return nil, fmt.Errorf("jsroute: compiling %s: %w", nf.Middleware, err)
	}
	return &mwProgram{prog: prog, file: nf.Middleware, export: nf.MiddlewareExport, tryHelper: callsTryHelper(m.Code), uri: usesURIFunctions(m.Code)}, nil
}

// bootMiddleware runs the middleware program on a fresh runtime and keeps its function.
func (w *worker) bootMiddleware(vm *goja.Runtime) error {
	if w.mw == nil {
		return nil
	}
	if _, err := vm.RunProgram(w.mw.prog); err != nil {
		return fmt.Errorf("running %s: %w", w.mw.file, err)
	}
	ns, _ := vm.Get(middlewareGlobal).(*goja.Object)
	if ns == nil {
		return fmt.Errorf("%s: no module", w.mw.file)
	}
	fn, ok := goja.AssertFunction(ns.Get(w.mw.export))
	if !ok {
		fn, ok = goja.AssertFunction(ns.Get("default"))
	}
	if !ok {
		return fmt.Errorf("%s must export a function named `%s` or a default function", w.mw.file, w.mw.export)
	}
	w.mwFn, w.mwNS = fn, ns
	return nil
}

// middlewareMatchers reads `config.matcher` (nil when there is none: every path); before the
// loop starts.
// The other keys of `config` are returned too: `runtime` changes nothing here (jsroute has one
// runtime), any other is the caller's to warn about.
func (w *worker) middlewareMatchers() (ms []router.Matcher, others []string, err error) {
	v, err := w.vm.RunString(`(function (ns) {
  const c = ns.config;
  const others = c && typeof c === 'object' ? Object.keys(c).filter((k) => k !== 'matcher' && k !== 'runtime') : [];
  if (!c || c.matcher === undefined) return JSON.stringify({ others });
  const list = Array.isArray(c.matcher) ? c.matcher : [c.matcher];
  return JSON.stringify({ others, matchers: list.map((m) => typeof m === 'string' ? { source: m } : m) });
})`)
	if err != nil {
		return nil, nil, err
	}
	fn, _ := goja.AssertFunction(v)
	res, err := fn(goja.Undefined(), w.mwNS)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: reading config.matcher: %w", w.mw.file, err)
	}
	var out struct {
		Others   []string         `json:"others"`
		Matchers []router.Matcher `json:"matchers"`
	}
	if err := json.Unmarshal([]byte(res.String()), &out); err != nil {
		return nil, nil, fmt.Errorf("%s: config.matcher: %w", w.mw.file, err)
	}
	return out.Matchers, out.Others, nil
}

// mwKind is what a middleware answered.
type mwKind int

const (
	mwNext     mwKind = iota + 1 // NextResponse.next() (or nothing): go on
	mwRewrite                    // NextResponse.rewrite(url)
	mwRedirect                   // a redirect status with Location
	mwResponse                   // a response of its own
)

// mwResult is a middleware's answer, read on the loop.
type mwResult struct {
	kind     mwKind
	rewrite  string      // mwRewrite: the URL as given
	location string      // mwRedirect: Location, relative to the request's origin when on it
	header   http.Header // headers for the client (and, for next/rewrite, the request too)
	// override lists the request headers NextResponse.next({ request: { headers } }) set:
	// the request keeps exactly these (nil: no override).
	override map[string]string
	hasOver  bool
	// errorPage: the middleware threw; Next answers its text/plain 500 page, without the
	// headers next.config added.
	errorPage bool
}

// beginMiddleware calls the middleware with a NextRequest and a NextFetchEvent; on the loop.
func (w *worker) beginMiddleware(c *call) {
	vm := w.vm
	scope := &next.Scope{Route: c.info.file, Ext: c}
	c.scope = scope
	w.calls[c] = struct{}{}
	w.loop.within(scope, func() {
		req := fetch.NewIncoming(c.r, c.url, c.extra...)
		c.req = req
		reqObj := fetch.WrapRequest(w.realm, req, next.NextRequestPrototype(w.realm))
		scope.Request = reqObj
		if c.basePath != "" {
			if err := w.setBasePath(reqObj, c.basePath); err != nil {
				w.fail(c, exceptionValue(vm, err))
				return
			}
		}
		event := vm.NewObject()
		event.Set("sourcePage", "/"+strings.TrimSuffix(c.info.file, ".ts"))
		event.Set("waitUntil", func(call goja.FunctionCall) goja.Value {
			// The promise runs on the loop anyway; a rejection is logged.
			if p := call.Argument(0); p != nil && !goja.IsUndefined(p) {
				if o, ok := p.(*goja.Object); ok {
					if _, ok := goja.AssertFunction(o.Get("then")); ok {
						w.then(p, func(goja.Value) {}, func(e goja.Value) {
							w.log.Error("⨯ waitUntil() task failed in "+c.info.file, "error", describe(e))
						})
					}
				}
			}
			return goja.Undefined()
		})
		v, err := w.mwFn(goja.Undefined(), reqObj, event)
		if err != nil {
			w.fail(c, exceptionValue(vm, err))
			return
		}
		w.settleReturn(c, v)
	})
}

// setBasePath makes request.nextUrl what a middleware sees under basePath: the pathname
// without it, basePath set.
func (w *worker) setBasePath(req *goja.Object, base string) error {
	if w.basePathFn == nil {
		v, err := w.vm.RunString(`(function (req, base) {
  const u = req.nextUrl;
  if (u.pathname === base || u.pathname.startsWith(base + '/')) u.pathname = u.pathname.slice(base.length) || '/';
  Object.defineProperty(u, 'basePath', { get() { return base }, configurable: true });
})`)
		if err != nil {
			return err
		}
		w.basePathFn, _ = goja.AssertFunction(v)
	}
	_, err := w.basePathFn(goja.Undefined(), req, w.vm.ToValue(base))
	return err
}

// droppedMiddlewareHeader reports the response headers Next's router server consumes and never
// forwards as they are.
func droppedMiddlewareHeader(k string) bool {
	switch k {
	case "content-length", "x-middleware-next", "x-middleware-rewrite", "x-middleware-redirect",
		"x-middleware-refresh", "x-middleware-override-headers", "x-middleware-set-cookie":
		return true
	}
	return strings.HasPrefix(k, "x-middleware-request-")
}

// finishMiddleware reads the middleware's answer (undefined is NextResponse.next()); on the loop.
func (w *worker) finishMiddleware(c *call, v goja.Value) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		c.answer(&outcome{status: 200, header: http.Header{}, mw: &mwResult{kind: mwNext, header: http.Header{}}})
		return
	}
	resp, ok := fetch.ResponseOf(w.realm, v)
	if !ok {
		w.failWith(c, fmt.Sprintf("Expected an instance of Response to be returned from the middleware in %s", c.info.file))
		return
	}
	if err := next.FinishResponse(w.realm, c.scope, func() goja.Value { return fetch.HeadersObject(w.realm, resp.Headers) }); err != nil {
		w.fail(c, exceptionValue(w.vm, err))
		return
	}
	all := http.Header{}
	resp.Headers.List.WriteTo(all)
	get := func(k string) string { return all.Get(k) }
	res := &mwResult{header: http.Header{}}
	if names := get("x-middleware-override-headers"); names != "" || all["X-Middleware-Override-Headers"] != nil {
		res.hasOver, res.override = true, map[string]string{}
		for _, n := range strings.Split(names, ",") {
			if n = strings.TrimSpace(n); n != "" {
				if vs, ok := all[http.CanonicalHeaderKey("x-middleware-request-"+n)]; ok {
					res.override[n] = strings.Join(vs, ", ")
				}
			}
		}
	}
	for k, vs := range all {
		if !droppedMiddlewareHeader(strings.ToLower(k)) {
			res.header[k] = vs
		}
	}
	out := &outcome{status: resp.Status, header: res.header, mw: res}
	if loc := get("location"); loc != "" {
		// Next's adapter parses any Location as an absolute URL (new NextURL(location)):
		// a relative one throws, whatever the status.
		if originOf(loc) == "" {
			w.fail(c, w.vm.ToValue("TypeError: Invalid URL: a middleware response's Location must be absolute, got "+loc))
			return
		}
		res.header.Set("Location", relativeTo(loc, c.url))
	}
	switch {
	case get("x-middleware-rewrite") != "":
		res.kind, res.rewrite = mwRewrite, get("x-middleware-rewrite")
	case get("location") != "" && isRedirectStatus(resp.Status):
		res.kind = mwRedirect
		res.location = relativeTo(get("location"), c.url)
		res.header.Del("Location")
	case get("x-middleware-next") != "":
		res.kind = mwNext
	default:
		res.kind = mwResponse
		if compressible(res.header.Get("Content-Type")) {
			// Next's compression adds it to a compressible answer of its own.
			res.header.Add("Vary", "Accept-Encoding")
		}
		w.answerBody(c, resp, out)
		return
	}
	c.answer(out)
}

func isRedirectStatus(s int) bool {
	switch s {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// relativeTo is Next's getRelativeURL: u without its origin when it has base's origin.
func relativeTo(u, base string) string {
	bo := originOf(base)
	if bo != "" && originOf(u) == bo {
		rest := u[len(bo):]
		if rest == "" {
			rest = "/"
		}
		return rest
	}
	return u
}

// originOf is "scheme://host[:port]" of an absolute http(s) URL, else "".
func originOf(u string) string {
	i := strings.Index(u, "://")
	if i <= 0 {
		return ""
	}
	rest := u[i+3:]
	j := strings.IndexAny(rest, "/?#")
	if j < 0 {
		j = len(rest)
	}
	return strings.ToLower(u[:i+3+j])
}

// defaultPortless drops ":80" from an http origin and ":443" from https, as URL does.
func defaultPortless(origin string) string {
	if o, ok := strings.CutSuffix(origin, ":80"); ok && strings.HasPrefix(origin, "http://") {
		return o
	}
	if o, ok := strings.CutSuffix(origin, ":443"); ok && strings.HasPrefix(origin, "https://") {
		return o
	}
	return origin
}

// Next's recursion guard (web/adapter.ts): a fetch made by the middleware carries
// x-middleware-subrequest, the middleware's name once more per level; a request that arrives
// with the name maxSubrequestDepth times skips the middleware. As Next does since 15.2.3, the
// header counts only with x-middleware-subrequest-id, a per-process secret, so a client cannot
// send it to bypass the middleware.
const (
	maxSubrequestDepth = 5
	subrequestName     = "middleware"
)

// subrequestID is the secret of this process.
var subrequestID = func() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}()

// skipMiddleware reports whether r is a middleware's own fetch, nested too deep.
func skipMiddleware(r *http.Request) bool {
	if r.Header.Get("X-Middleware-Subrequest-Id") != subrequestID {
		return false
	}
	n := 0
	for _, part := range strings.Split(r.Header.Get("X-Middleware-Subrequest"), ":") {
		if part == subrequestName {
			n++
		}
	}
	return n >= maxSubrequestDepth
}

// fetchClient is the client fetch() uses: inside a middleware, one that marks requests to
// this server as subrequests.
func (w *worker) fetchClient() *http.Client {
	s, ok := w.loop.ctx.(*next.Scope)
	if !ok || s == nil {
		return w.client
	}
	c, ok := s.Ext.(*call)
	if !ok || !c.info.middleware {
		return w.client
	}
	chain := subrequestName
	if c.r.Header.Get("X-Middleware-Subrequest-Id") == subrequestID {
		if prev := c.r.Header.Get("X-Middleware-Subrequest"); prev != "" {
			chain = prev + ":" + subrequestName
		}
	}
	cl := *w.client
	base := cl.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cl.Transport = subrequestTransport{base: base, chain: chain, port: localPort(c.r)}
	return &cl
}

// subrequestTransport adds the subrequest headers to requests for this server (loopback, its
// port), never to other hosts.
type subrequestTransport struct {
	base  http.RoundTripper
	chain string
	port  string
}

func (t subrequestTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if ip := net.ParseIP(r.URL.Hostname()); (ip != nil && ip.IsLoopback() || r.URL.Hostname() == "localhost") && r.URL.Port() == t.port {
		r = r.Clone(r.Context())
		r.Header.Set("X-Middleware-Subrequest", t.chain)
		r.Header.Set("X-Middleware-Subrequest-Id", subrequestID)
	}
	return t.base.RoundTrip(r)
}
