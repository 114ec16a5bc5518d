package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/router"
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/next"
	"github.com/jsroute/jsroute/webapi/streams"
)

// call is one request on its way through a worker.
type call struct {
	r      *http.Request
	d      router.Decision
	info   *routeInfo
	url    string
	done   chan *outcome // receives exactly one outcome
	scope  *next.Scope
	worker *worker                // the worker running it; set on that worker's loop
	owner  atomic.Pointer[worker] // the worker that started it first (see dispatch.go)
	// req is the handler's Request; set on the loop, used on the loop.
	req      *fetch.Request
	extra    []fetch.Field // request headers Next adds (x-forwarded-*)
	once     sync.Once
	limit    time.Duration // the time limit it ran past, when it did
	tooLarge atomic.Bool   // the body went past the size limit
	basePath string        // next.config basePath, for a middleware's nextUrl
	deadline time.Time     // when its time limit passes (zero: none); for Go bindings (bindings.go)

	// Room for what every request makes, so that it is one allocation with the call: the
	// scope of its first invocation, the x-forwarded-* fields (and Host, which NewIncoming
	// appends), the body's size limit.
	scopeMem next.Scope
	extraMem [5]fetch.Field
	bodyMem  limitedBody
}

// limitedBody counts a request body as it arrives; past the limit reads fail and the request
// is marked, so it is answered 413 (streamed bodies included).
type limitedBody struct {
	rc   io.ReadCloser
	left int64
	over *atomic.Bool
}

func (l *limitedBody) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more tells a body of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := l.rc.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		l.over.Store(true)
		return 0, errBodyTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.rc.Read(p)
	l.left -= int64(n)
	return n, err
}

func (l *limitedBody) Close() error { return l.rc.Close() }

var errBodyTooLarge = errors.New("request body too large")

// close releases what an outcome holds without writing it.
func (o *outcome) close() {
	if o.reader != nil {
		o.reader.Close()
	}
	if o.stream != nil {
		o.stream.cancel("the answer was replaced")
	}
}

// complete hands the outcome to the HTTP goroutine; only the first call counts (a request may
// time out, or its worker be rebuilt, while its handler still runs). Any goroutine.
func (c *call) complete(out *outcome) {
	c.once.Do(func() { c.done <- out })
}

// answer is complete from the loop: the handler has answered, so the call leaves the set a
// rebuild would fail.
func (c *call) answer(out *outcome) {
	delete(c.worker.calls, c)
	c.complete(out)
}

// abort aborts the request's signal (the client went away); on the loop.
func (c *call) abort() {
	if c.req != nil {
		fetch.AbortRequest(c.worker.realm, c.req)
	}
}

// outcome is a handler's answer, taken out of JS on the loop: the HTTP goroutine writes it
// without touching the runtime, except to pull stream chunks through the loop.
type outcome struct {
	status int
	header http.Header // nil when fields hold the header (headerMap makes it)
	// fields are the handler's response headers as its Response listed them (finish).
	fields    []fetch.Field
	fieldsMem [4]fetch.Field
	body      []byte        // the whole body, known in Go
	reader    io.ReadCloser // a Go body passed through untouched (e.g. the request's own body)
	stream    *bodyStream   // a JS ReadableStream, pulled one chunk at a time

	scope  *next.Scope // the request's scope, for after()
	worker *worker
	mw     *mwResult // a middleware's answer (middleware.go)

	errorPage bool // answer Next's plain-text 500 page with header (an edge route threw: edge.go)
}

// serve answers r through an answerWriter kept in aw (the caller's memory: one allocation less
// per request).
func (g *generation) serve(rw http.ResponseWriter, r *http.Request, aw *answerWriter) {
	if r.ProtoMajor == 1 && r.Body != nil && r.Body != http.NoBody {
		// A handler may pipe request.body into its answer while the body still arrives (Next's
		// "streaming request and streaming response"): net/http's HTTP/1 server otherwise stops
		// the request body once the answer's headers are out, so the echo ends early. Node reads
		// both ways at once. In full duplex net/http no longer reads what the handler left of the
		// body before the next request on the connection (it closes it instead), so that is done
		// here once the answer is complete, within the same bound (drainRest).
		if http.NewResponseController(rw).EnableFullDuplex() == nil {
			defer drainRest(r.Body)
		}
	}
	*aw = answerWriter{ResponseWriter: rw, r: r}
	defer aw.close()
	var w http.ResponseWriter = aw
	// The router wants the path exactly as sent: EscapedPath would re-encode what Next reacts
	// to. Under http.StripPrefix it is the part the handler was given (nextserve.go).
	rawPath, prefix := routingPath(r)
	if g.rules != nil {
		g.serveNext(w, r, rawPath, prefix)
		return
	}
	d := g.table.Resolve(r.Method, rawPath, r.URL.RawQuery)
	g.serveDecision(w, r, d, rawPath, prefix)
}

// drainRest reads and drops what is left of a request body, up to 256 KiB as net/http's own
// server does (maxPostHandlerReadBytes), so the connection can carry the next request.
func drainRest(body io.ReadCloser) {
	io.Copy(io.Discard, io.LimitReader(body, 256<<10))
}

// serveDecision answers what the router decided.
func (g *generation) serveDecision(w http.ResponseWriter, r *http.Request, d router.Decision, rawPath, prefix string) {
	h := w.Header()
	notePattern(w, d)
	switch d.Kind {
	case router.Redirect:
		// Next's redirects: Location, Refresh for 308, and the location as the body. A path
		// is shown with the prefix an enclosing handler stripped.
		loc := d.Location
		if prefix != "" && strings.HasPrefix(loc, "/") {
			loc = prefix + loc
		}
		h.Set("Location", loc)
		if d.Status == http.StatusPermanentRedirect {
			h.Set("Refresh", "0;url="+loc)
		}
		h["Content-Type"] = nil
		h["Transfer-Encoding"] = chunked
		w.WriteHeader(d.Status)
		if r.Method != http.MethodHead {
			io.WriteString(w, loc)
		}
		return
	case router.NotFound:
		for _, c := range g.conflicts {
			if c.table.Resolve("GET", rawPath, "").Kind == router.Call {
				writeProblem(w, r, g.opts != nil && g.opts.Dev, c.text) // devfail.go
				return
			}
		}
		if g.opts != nil && g.opts.NotFound != nil {
			g.opts.NotFound.ServeHTTP(w, r)
			return
		}
		writeNotFound(w, r, !g.noPoweredBy)
		return
	case router.BadRequest:
		if d.Close {
			// Node's parser refused the request line: it answers these exact bytes and
			// closes, before any server code runs.
			rw := w
			if aw, ok := w.(*answerWriter); ok {
				rw = aw.Unwrap()
			}
			if conn, buf, err := http.NewResponseController(rw).Hijack(); err == nil {
				buf.WriteString("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
				buf.Flush()
				conn.Close()
				if rec, ok := rw.(*statusRecorder); ok {
					rec.status, rec.wrote = http.StatusBadRequest, true // for the request log
				}
				return
			}
			h.Set("Connection", "close")
		} else {
			h["Vary"] = routeVaryValue
			h["Transfer-Encoding"] = chunked
		}
		w.WriteHeader(http.StatusBadRequest)
		return
	case router.InternalError:
		h["Vary"] = routeVaryValue
		if d.ErrorPage {
			h["Vary"] = []string{"Accept-Encoding"}
			h.Set("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate")
		}
		writeInternalError(w, r)
		return
	}
	if loc := rscRedirect(r); loc != "" {
		h.Set("Location", loc)
		h["Content-Type"] = nil
		h["Transfer-Encoding"] = chunked
		w.WriteHeader(http.StatusTemporaryRedirect)
		return
	}
	h["Vary"] = routeVaryValue
	draft, stale := draftState(r)
	if stale {
		clearPreview(h, !g.cacheOn)
	}
	if d.Route != nil {
		if info := &g.routes[d.Route.Index]; info.config.Runtime == "edge" {
			delete(h, "Vary") // edge.go
		} else if info.asset != nil {
			g.serveAsset(w, r, info)
			return
		} else if info.static && g.cacheOn && !draft && !info.bailedOut() {
			g.serveStatic(w, r, d, info)
			return
		}
	}
	switch d.Kind {
	case router.MethodNotAllowed:
		h["Transfer-Encoding"] = chunked
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	case router.AutoOptions:
		h.Set("Allow", d.Allow)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	info := &g.routes[d.Route.Index]
	if info.failed != "" {
		writeProblem(w, r, g.opts != nil && g.opts.Dev, info.failed) // devfail.go
		return
	}
	if info.config.Dynamic == "force-static" && !draft {
		// Not prerendered (it exports another method too, or dev), yet force-static: the
		// handler sees the request as a prerender would, no headers, cookies or query.
		r = forceStatic(r)
	}
	out := g.run(r, d, info, false)
	if out.scope != nil {
		if len(out.scope.After) > 0 {
			defer out.worker.loop.post(func() { out.worker.runAfter(out.scope) })
		}
		g.revalidate(r, out.scope.Revalidated)
	}
	writeOutcome(w, r, out, d.HeadOnly)
}

// run calls the handler on a worker and waits for its outcome (or the client going away). A
// prerender (static) sees the request as Next's build does: no headers at all.
func (g *generation) run(r *http.Request, d router.Decision, info *routeInfo, prerender bool) *outcome {
	port := localPort(r)
	c := &call{r: r, d: d, info: info, url: g.requestURL(r, port), done: donePool.Get().(chan *outcome)}
	if info.middleware {
		c.basePath = g.rules.BasePath()
	}
	if !prerender && (info.config.Dynamic != "force-static" || len(r.Header) > 0) { // a draft request keeps its headers
		c.extra = forwarded(c.extraMem[:0], r, port)
	}
	if max := g.maxBodySize; max > 0 && !prerender && r.Body != http.NoBody {
		if r.ContentLength > max {
			return &outcome{status: http.StatusRequestEntityTooLarge, header: http.Header{}}
		}
		c.bodyMem = limitedBody{rc: r.Body, left: max, over: &c.tooLarge}
		r.Body = &c.bodyMem
	}
	return g.dispatch(c)
}

// timedOut answers a request that ran past its limit with 504. If the loop is stuck in one
// job (a runaway handler: `while (true) {}`), that job is stopped and the runtime kept
// (afterStop); if the handler is only slow (awaiting), its request.signal aborts and the loop
// goes on.
func (w *worker) timedOut(c *call) (out *outcome, stuck bool) {
	c.complete(&outcome{status: http.StatusGatewayTimeout, header: http.Header{}})
	job, d, busy := w.loop.current()
	var stopped *call
	if busy && d >= c.limit/2 {
		stuck = w.stopJob(job, errTimeLimitValue, func(s *next.Scope) {
			// The request the loop is stuck in is the runaway: it is answered 504 too.
			if s == nil {
				return
			}
			if culprit, ok := s.Ext.(*call); ok {
				stopped = culprit
				if culprit != c {
					culprit.complete(&outcome{status: http.StatusGatewayTimeout, header: http.Header{}})
					w.log.Error(fmt.Sprintf("⨯ %s %s stopped: it held worker %d past a time limit", culprit.r.Method, culprit.r.URL.Path, w.id))
				}
			}
		})
	}
	if stopped != c {
		// Not the stopped one: it goes on after the stop, so its request.signal aborts.
		w.loop.post(func() { c.abort() })
	}
	state := "awaiting"
	if stuck {
		state = "stopped"
	} else if busy {
		state = fmt.Sprintf("awaiting; its loop busy for %s", d.Round(time.Millisecond))
	}
	w.log.Error(fmt.Sprintf("⨯ %s %s ran past its time limit (maxDuration) in %s on worker %d (%s)", c.r.Method, c.r.URL.Path, c.info.file, w.id, state))
	w.observeTimeout(c)
	return <-c.done, stuck
}

var errTimeLimitValue any = "the request ran past its time limit"

// forceStatic is the request a force-static handler sees: its method and body, no headers and no
// query (Next seals headers() and cookies() empty and clears searchParams).
func forceStatic(r *http.Request) *http.Request {
	sr := r.Clone(r.Context())
	sr.Header = http.Header{}
	sr.URL.RawQuery = ""
	sr.URL.ForceQuery = false
	sr.RequestURI, _, _ = strings.Cut(r.RequestURI, "?")
	return sr
}

// revalidate applies a request's revalidatePath/revalidateTag calls once it has answered: their
// tags are invalidated in the cache store (every instance sharing it), so the prerendered answers
// and data cache entries carrying one are regenerated on their next request (tags.go).
func (g *generation) revalidate(r *http.Request, calls []string) {
	for _, inv := range revalidateTags(calls) {
		g.cache.Invalidate(r.Context(), inv.tags, inv.expire)
	}
}

// requestURL is request.url as a route handler sees it behind `next start`: always
// http://localhost:<port>, whatever the Host header says; x-forwarded-proto: https makes it https.
// The path and query are the request-target as sent (r.RequestURI), so a prefix that
// http.StripPrefix took off r.URL still shows; Options.PublicOrigin replaces the origin.
func (g *generation) requestURL(r *http.Request, port string) string {
	target := r.RequestURI
	if target == "" || target[0] != '/' {
		target = r.URL.RequestURI()
	}
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	path, query, _ := strings.Cut(target, "?")
	if query != "" {
		if q := nextQuery(query); q != "" {
			path += "?" + q
		}
	}
	if o := g.opts.PublicOrigin; o != "" {
		return strings.TrimSuffix(o, "/") + path
	}
	return scheme + "://localhost:" + port + path
}

// localPort is the port the request came in on.
func localPort(r *http.Request) string {
	switch a := r.Context().Value(http.LocalAddrContextKey).(type) {
	case *net.TCPAddr:
		return strconv.Itoa(a.Port)
	case net.Addr:
		if _, port, err := net.SplitHostPort(a.String()); err == nil {
			return port
		}
	}
	return "80"
}

// forwarded appends to out the x-forwarded-* request headers Next's server adds before the
// handler runs (those the request does not carry already). They are read along with the
// request's own headers, without touching r.Header.
func forwarded(out []fetch.Field, r *http.Request, port string) []fetch.Field {
	h := r.Header
	if _, ok := h["X-Forwarded-For"]; !ok {
		if ip, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
			out = append(out, fetch.Field{Name: "x-forwarded-for", Value: ip})
		}
	}
	if _, ok := h["X-Forwarded-Host"]; !ok {
		out = append(out, fetch.Field{Name: "x-forwarded-host", Value: r.Host})
	}
	if _, ok := h["X-Forwarded-Port"]; !ok {
		out = append(out, fetch.Field{Name: "x-forwarded-port", Value: port})
	}
	if _, ok := h["X-Forwarded-Proto"]; !ok {
		proto := "http"
		if r.TLS != nil {
			proto = "https"
		}
		out = append(out, fetch.Field{Name: "x-forwarded-proto", Value: proto})
	}
	return out
}

// routeVary is the Vary header Next puts on every route answer; its compression adds
// Accept-Encoding to it for compressible answers (answerWriter).
const routeVary = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch"

// chunked is the Transfer-Encoding of every answer Next streams: all route handler answers,
// even a fixed string (e2e/nextjs/NOTES.md). net/http sends a Content-Length instead when the
// whole body fits its buffer, unless the header says chunked; it drops it itself for HEAD, 1xx,
// 204 and 304.
var chunked = []string{"chunked"}

func writeOutcome(w http.ResponseWriter, r *http.Request, out *outcome, headOnly bool) {
	h := w.Header()
	if out.errorPage {
		clear(h)
		for k, vs := range out.headerMap() {
			h[k] = vs
		}
		writeInternalError(w, r)
		return
	}
	if out.header == nil && distinctNames(out.fields) {
		for _, f := range out.fields {
			mergeHeader(h, http.CanonicalHeaderKey(f.Name), []string{f.Value})
		}
	} else {
		for k, vs := range out.headerMap() {
			mergeHeader(h, k, vs)
		}
	}
	// Next streams every handler body, so a Content-Length the handler set is dropped, and so is
	// its Content-Encoding (Next 16.5's sendResponse skips content-length, content-encoding and
	// transfer-encoding: the body may have been decoded by fetch; graphql-yoga's SSE answers say
	// `Content-Encoding: none`). Next's compression then decides afresh (answerWriter). Nothing
	// adds a Content-Type the handler did not set (net/http would sniff one).
	delete(h, "Content-Length")
	delete(h, "Content-Encoding")
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil
	}
	h["Transfer-Encoding"] = chunked
	if (out.body != nil || out.reader != nil || out.stream != nil) && !headOnly && r.Method != http.MethodHead {
		headAsUTF8(h)
	}
	w.WriteHeader(out.status)
	if headOnly || r.Method == http.MethodHead {
		if out.stream != nil {
			out.stream.gone = nil // the client is still there: only the body is not wanted
			out.stream.cancel("HEAD request")
		}
		if out.reader != nil {
			out.reader.Close()
		}
		return
	}
	switch {
	case out.body != nil:
		w.Write(out.body)
	case out.reader != nil:
		defer out.reader.Close()
		copyBody(w, out)
	case out.stream != nil:
		out.stream.pump(r.Context(), w)
	}
}

// headAsUTF8 re-encodes header values, held as latin-1 bytes (Headers values are ByteStrings,
// WebIDL §3.2.11), as UTF-8, the way Node puts a response with a body on the wire: Next's
// pipeToNodeResponse calls res.flushHeaders() before the first chunk, and Node writes the head
// as a string in the connection's default encoding, UTF-8, so `x: café` goes out as 63 61 66 c3 a9.
// A response without a body, and any answer to HEAD, ends with res.end(), which writes the head
// as latin-1 (one byte 0xe9), as net/http does with the bytes as they are. Recorded: e2e/testdata/nextjs/reqedge-app.json
// (r-non-ascii-header*).
func headAsUTF8(h http.Header) {
	for k, vs := range h {
		cloned := false
		for i, v := range vs {
			if ascii(v) {
				continue
			}
			if !cloned {
				vs, cloned = slices.Clone(vs), true // the slice may be the handler's own
				h[k] = vs
			}
			r := make([]rune, len(v))
			for j := 0; j < len(v); j++ {
				r[j] = rune(v[j])
			}
			vs[i] = string(r)
		}
	}
}

// latin1 is s as the bytes Node writes for a header value set with res.setHeader (redirect()'s
// Location) and sent without a body: each character as one byte. A character past U+00FF has no
// such byte; s is then kept as it is.
func latin1(s string) string {
	if ascii(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return s
		}
		b = append(b, byte(r))
	}
	return string(b)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// mergeHeader puts a handler's header k (all its values) into the answer's header h.
func mergeHeader(h http.Header, k string, vs []string) {
	if k == "Set-Cookie" {
		vs = splitSetCookies(vs) // one line per cookie, as Next's sendResponse writes them
	}
	switch {
	case k == "Vary" && len(h["Vary"]) > 0:
		// The handler's Vary joins Next's own (its sendResponse appends).
		vs = []string{h.Get("Vary") + ", " + strings.Join(vs, ", ")}
	case k == "Set-Cookie" && len(h["Set-Cookie"]) > 0:
		vs = append(h["Set-Cookie"], vs...)
	}
	h[k] = vs
}

// distinctNames reports whether no two fields share a name (names are tokens, so equal up to
// case is the same canonical key).
func distinctNames(fs []fetch.Field) bool {
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			if strings.EqualFold(fs[i].Name, fs[j].Name) {
				return false
			}
		}
	}
	return true
}

// headerMap returns the outcome's header as a map, made from its fields when finish kept them
// as fields.
func (o *outcome) headerMap() http.Header {
	if o.header == nil {
		o.header = http.Header{}
		for _, f := range o.fields {
			o.header.Add(f.Name, f.Value)
		}
		o.fields = nil
	}
	return o.header
}

// flushWriter flushes after every write, so a streamed body reaches the client as produced.
type flushWriter struct{ w http.ResponseWriter }

func (f flushWriter) Write(b []byte) (int, error) {
	n, err := f.w.Write(b)
	http.NewResponseController(f.w).Flush()
	return n, err
}

// begin runs on the worker's loop: unless another worker started the call first, it builds the
// request objects and calls the export.
func (w *worker) begin(c *call) {
	if !w.claim(c) {
		return
	}
	if c.info.middleware {
		w.beginMiddleware(c)
		return
	}
	w.invoke(c)
}

// invoke calls the export of a claimed call, once its module has loaded (modinit.go).
func (w *worker) invoke(c *call) {
	if !w.moduleReady(c) {
		return
	}
	vm := w.vm
	scope := &c.scopeMem
	if c.scope != nil {
		scope = new(next.Scope) // invoked again (retryInterrupted): the first scope stays as it was
	}
	*scope = next.Scope{Route: c.info.file, Ext: c, DraftID: draftID, Dev: w.dev}
	c.scope = scope
	w.calls[c] = struct{}{}
	w.loop.within(scope, func() {
		req := fetch.NewIncoming(c.r, c.url, c.extra...)
		c.req = req
		reqObj := fetch.WrapRequest(w.realm, req, next.NextRequestPrototype(w.realm))
		scope.Request = reqObj
		// Next passes params only to routes with dynamic segments (an optional catch-all that
		// matched nothing still gets {}); for other routes it is undefined.
		ctx := vm.NewObject()
		if c.info.dynamic {
			params := vm.NewObject()
			for _, p := range c.d.Params {
				if p.CatchAll {
					vals := make([]any, len(p.Values))
					for i, v := range p.Values {
						vals[i] = v
					}
					params.Set(p.Name, vm.NewArray(vals...))
				} else {
					params.Set(p.Name, p.Value)
				}
			}
			promise, resolve, _ := vm.NewPromise()
			resolve(params)
			ctx.Set("params", promise)
		} else {
			ctx.Set("params", noParams(vm, c.info))
		}
		fn := w.handlers[c.info.module][methodIndex(c.d.Method)]
		if fn == nil {
			// A module that finished loading after the route table was made (top-level await)
			// and does not export this method.
			c.answer(&outcome{status: http.StatusMethodNotAllowed, header: http.Header{"Allow": {strings.Join(w.exportedMethods(c.info.module), ", ")}}})
			return
		}
		v, err := fn(goja.Undefined(), reqObj, ctx)
		if err != nil {
			if w.retryInterrupted(c, err) {
				return
			}
			w.fail(c, exceptionValue(vm, err))
			return
		}
		w.settleReturn(c, v)
	})
}

// settleReturn answers with what a handler (or the middleware) returned: a value at once, a
// promise when it settles. An async function that never awaited has settled already: no
// reaction is needed, and a rejection handled here is no unhandled rejection.
func (w *worker) settleReturn(c *call, v goja.Value) {
	if p, ok := webapi.AsPromise(v); ok {
		switch p.State() {
		case goja.PromiseStateFulfilled:
			w.finish(c, p.Result())
		case goja.PromiseStateRejected:
			delete(w.unhandled, p)
			w.fail(c, p.Result())
		default:
			w.await(v, c)
		}
		return
	}
	w.finish(c, v)
}

// then attaches Go reactions to a promise (Promise.prototype.then) through a JS shim: goja
// runs pending microtasks out of order when a Go function is itself the reaction, so the Go
// code always runs inside a JS call.
func (w *worker) then(p goja.Value, onOK, onErr func(goja.Value)) {
	vm := w.vm
	ok := vm.ToValue(func(call goja.FunctionCall) goja.Value { onOK(call.Argument(0)); return goja.Undefined() })
	bad := vm.ToValue(func(call goja.FunctionCall) goja.Value { onErr(call.Argument(0)); return goja.Undefined() })
	if _, err := w.thenShim(goja.Undefined(), p, ok, bad, goja.Undefined()); err != nil {
		onErr(exceptionValue(vm, err))
	}
}

// await waits for a handler's promise: its reactions are the worker's two settle functions,
// made once per runtime, told apart per request by a number (no closures per request).
func (w *worker) await(p goja.Value, c *call) {
	w.nextWait++
	id := w.nextWait
	w.waiting[id] = c
	if _, err := w.thenShim(goja.Undefined(), p, w.settledOK, w.settledErr, w.vm.ToValue(id)); err != nil {
		delete(w.waiting, id)
		w.fail(c, exceptionValue(w.vm, err))
	}
}

// settle is the Go side of the worker's settle functions.
func (w *worker) settle(call goja.FunctionCall, ok bool) goja.Value {
	id := call.Argument(1).ToInteger()
	c := w.waiting[id]
	delete(w.waiting, id)
	if c == nil {
		return goja.Undefined()
	}
	if ok {
		w.finish(c, call.Argument(0))
	} else {
		w.fail(c, call.Argument(0))
	}
	return goja.Undefined()
}

func exceptionValue(vm *goja.Runtime, err error) goja.Value {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		return vm.ToValue("RangeError: Maximum call stack size exceeded")
	}
	return vm.ToValue(err.Error())
}

// finish turns the handler's return value into an outcome (Next's app-route module: anything
// but a Response is a 500).
func (w *worker) finish(c *call, v goja.Value) {
	if c.info.middleware {
		w.finishMiddleware(c, v)
		return
	}
	resp, ok := fetch.ResponseOf(w.realm, v)
	if !ok {
		w.log.Error(fmt.Sprintf("No response is returned from route handler '%s'. Ensure you return a `Response` or a `NextResponse` in all branches of your handler.", c.info.file))
		c.answer(errorOutcome(c.info))
		return
	}
	if err := next.FinishResponse(w.realm, c.scope, func() goja.Value { return fetch.HeadersObject(w.realm, resp.Headers) }); err != nil {
		w.fail(c, exceptionValue(w.vm, err))
		return
	}
	// Next refuses the middleware-only responses in a route handler.
	if resp.Headers.List.Has("x-middleware-rewrite") {
		w.failWith(c, "NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.")
		return
	}
	if resp.Headers.List.Has("x-middleware-next") {
		w.failWith(c, "NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler")
		return
	}
	out := &outcome{status: resp.Status}
	if fs := resp.Headers.List.Fields(); len(fs) <= len(out.fieldsMem) {
		// The usual few headers are copied as they are (the handler may still change its
		// Response from JS): writeOutcome puts them in the answer with no map in between.
		out.fields = append(out.fieldsMem[:0], fs...)
	} else {
		out.header = http.Header{}
		resp.Headers.List.WriteTo(out.header)
	}
	w.answerBody(c, resp, out)
}

// answerBody completes out with the response's body (Go bytes, a Go reader, or a JS stream
// pulled chunk by chunk) and answers it.
func (w *worker) answerBody(c *call, resp *fetch.Response, out *outcome) {
	if resp.Type == "error" {
		out.status = http.StatusInternalServerError
	}
	if b, ok := resp.Body.Bytes(); ok {
		if resp.Body != nil {
			out.body = b
			if out.body == nil {
				out.body = []byte{}
			}
		}
	} else if rd, ok := resp.Body.Reader(); ok {
		out.reader = rd
	} else if s := resp.Body.Stream(); s != nil {
		// A stream over a Go reader that JS never read (new Response(request.body)) is
		// written from the reader itself: the body is copied once, socket to socket.
		if rs, ok := streams.Unwrap(w.realm, s); ok {
			if rc, ok := rs.TakeReader(); ok {
				out.reader = rc
				c.answer(out)
				return
			}
		}
		bs, err := newBodyStream(w, s)
		if err != nil {
			w.fail(c, exceptionValue(w.vm, err))
			return
		}
		bs.gone = c.abort
		out.stream = bs
	}
	c.answer(out)
}

// fail answers a thrown error: redirect()/notFound() become their responses (with the cookies
// set so far, for redirects), anything else is logged and answered 500 with an empty body.
func (w *worker) fail(c *call, e goja.Value) {
	if c.info.middleware {
		// Next answers a throwing middleware with its plain-text 500 page.
		w.logError(c, e)
		c.answer(&outcome{status: http.StatusInternalServerError, header: http.Header{
			"Cache-Control": {"private, no-cache, no-store, max-age=0, must-revalidate"}, "Vary": {"Accept-Encoding"}},
			mw: &mwResult{kind: mwResponse, errorPage: true}})
		return
	}
	if oc, ok := next.ControlFlow(e); ok {
		out := &outcome{status: oc.Status, header: http.Header{}}
		if oc.Location != "" {
			h := fetch.NewHeaders(&fetch.HeaderList{}, fetch.GuardNone)
			h.List.Append("location", latin1(oc.Location))
			if err := next.FinishResponse(w.realm, c.scope, func() goja.Value { return fetch.HeadersObject(w.realm, h) }); err != nil {
				w.logError(c, exceptionValue(w.vm, err))
			}
			h.List.WriteTo(out.header)
		}
		c.answer(out)
		return
	}
	w.logError(c, e)
	c.answer(errorOutcome(c.info))
}

// failWith answers 500 and logs msg.
func (w *worker) failWith(c *call, msg string) {
	w.log.Error(fmt.Sprintf("⨯ %s %s failed in %s", c.r.Method, c.r.URL.Path, c.info.file), "error", "Error: "+msg)
	c.answer(errorOutcome(c.info))
}

// logError logs a handler's error with its stack, which names the .ts line through the source map.
func (w *worker) logError(c *call, e goja.Value) {
	msg := w.withFrame(strings.TrimSpace(describe(e))) // dev: and a code frame (devfail.go)
	w.log.Error(fmt.Sprintf("⨯ %s %s failed in %s", c.r.Method, c.r.URL.Path, c.info.file), "error", msg)
}

// runAfter runs the after() tasks of a request once its response is sent.
func (w *worker) runAfter(s *next.Scope) {
	w.loop.within(s, func() {
		for _, t := range s.After {
			if fn, ok := goja.AssertFunction(t); ok {
				v, err := fn(goja.Undefined())
				if err != nil {
					w.log.Error("An error occurred in a function passed to `after()`: "+describe(exceptionValue(w.vm, err)), "route", s.Route)
					continue
				}
				if _, isPromise := webapi.AsPromise(v); isPromise {
					w.then(v, func(goja.Value) {}, func(e goja.Value) {
						w.log.Error("An error occurred in a function passed to `after()`: "+describe(e), "route", s.Route)
					})
				}
			}
		}
	})
}

var _ = context.Background
