package fetch

// The global fetch() (Fetch §5.6 "fetch method"), performed with the embedder's *http.Client and
// shaped after Node 20's undici, the reference: its default headers, redirect rules, decoding and
// error shapes. JS state is touched only on the loop; each call runs its network work on a goroutine
// of its own that comes back once, through Host.Reserve.

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf16"

	"github.com/dop251/goja"
	whatwg "github.com/nlnwa/whatwg-url/url"

	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// CacheHints are the Next.js caching options of one fetch() call — `cache` and
// `next: { revalidate, tags }` — validated as Next's patched fetch does
// (next/dist/server/lib/patch-fetch.js); the data cache (datacache.go) acts on them.
type CacheHints struct {
	// Cache is the cache mode as given ("" when neither init nor an input Request set one).
	Cache string
	// Revalidate is next.revalidate in seconds; +Inf stands for false (never revalidate). nil: not set.
	Revalidate *float64
	// Tags are next.tags made header-safe as Next does; invalid tags are dropped with a warning.
	Tags []string
}

// Node 20's defaults (undici 6).
const (
	defaultUserAgent      = "node"
	defaultAcceptEncoding = "gzip, deflate" // undici adds "br" for https; Go's stdlib cannot decode it
	maxRedirects          = 20
	maxContentEncodings   = 5
)

var (
	errAborted   = errors.New("fetch aborted")
	errCancelled = errors.New("response body cancelled")
	errDone      = errors.New("response body closed")
)

// client is the fetch area of a realm: the intrinsics it needs, taken at Install.
type client struct {
	a              *api
	readableStream *goja.Object // the ReadableStream constructor (nil without the streams area)
	errorCtor      *goja.Object
}

// defineFetch defines the global fetch(input, init) (writable, enumerable, configurable; length 1).
func (a *api) defineFetch() {
	vm := a.r.VM
	c := &client{a: a, errorCtor: vm.Get("Error").(*goja.Object)}
	c.readableStream, _ = vm.Get("ReadableStream").(*goja.Object)
	vm.Set("fetch", webidl.Function(vm, "fetch", 1, func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		if thrown := catchThrow(func() { c.start(call.Argument(0), call.Argument(1), resolve, reject) }); thrown != nil {
			reject(thrown)
		}
		return vm.ToValue(p)
	}))
}

// catchThrow runs fn and returns what it threw into JS (a panicked value or exception), so that
// fetch rejects instead of throwing, as a promise-returning operation does (WebIDL "operations returning promises").
func catchThrow(fn func()) (thrown goja.Value) {
	defer func() {
		switch x := recover().(type) {
		case nil:
		case goja.Value:
			thrown = x
		case *goja.Exception:
			thrown = x.Value()
		default:
			panic(x)
		}
	}()
	fn()
	return nil
}

// flight is one fetch() in flight: Fetch §2.2.5's request as it goes on the wire, and the loop-side
// state of its promise and response body.
type flight struct {
	c     *client
	hints CacheHints

	// Owned by the network goroutine once it starts.
	method    string
	urls      []string // the URL list: the request URL, then each redirect target
	header    *HeaderList
	redirect  string
	mode      string
	integrity string
	referrer  [2]string     // the request's referrer and referrer policy
	bytes     []byte        // a body known in bytes, re-sent on 307/308
	hasBody   bool          // the request has a body (bytes or read once)
	once      io.ReadCloser // a body that can be read once: a Go reader or the pipe of a JS stream

	ctx    context.Context
	cancel context.CancelCauseFunc

	// Loop-only.
	resolve, reject func(any) error
	settled         bool          // the promise is settled
	reason          goja.Value    // the abort reason, once aborted
	src             *streamSource // the response body's JS stream, once made
	unlisten        func()
}

// start implements Fetch §5.6 fetch(input, init) steps 1–12 on the loop, then hands the request to a
// goroutine. Anything it throws becomes the rejection.
func (c *client) start(input, init goja.Value, resolve, reject func(any) error) {
	a, vm := c.a, c.a.r.VM
	// 2. requestObject is the result of new Request(input, init).
	req := a.constructRequest(input, init)
	src, _ := a.request.Unwrap(input)
	if req.Cache == "only-if-cached" && req.Mode != "same-origin" {
		panic(webidl.TypeError(vm, "'only-if-cached' can be set only with 'same-origin' mode"))
	}
	initObj, _ := init.(*goja.Object)
	f := &flight{c: c, resolve: resolve, reject: reject, unlisten: func() {}}
	f.hints = c.cacheHints(req, src, initObj)
	signal := c.signalOf(req, src, initObj)

	// 4. An aborted signal rejects at once with its reason.
	if signal != nil && signal.Aborted() {
		reject(signal.Reason())
		return
	}
	f.method, f.urls, f.redirect, f.mode, f.integrity = req.Method, []string{req.URL}, req.Redirect, req.Mode, req.Integrity
	f.referrer = [2]string{req.Referrer, req.ReferrerPolicy}

	// Fetch §4.3 "scheme fetch" for what is not HTTP(S); §4.1 "main fetch" step 7 for bad ports.
	// These settle in a later turn of the loop, never inside the fetch() call, as in Node:
	// reactions the caller attaches run after the microtasks it queued meanwhile.
	later := func(settle func()) {
		complete := a.r.Host.Reserve()
		complete(settle)
	}
	switch scheme, _, _ := strings.Cut(req.URL, ":"); scheme {
	case "http", "https":
		if badPort(req.URL) {
			later(func() { f.fail(failure("bad port")) })
			return
		}
	case "data":
		f.settled = true
		later(func() {
			if r, ok := dataResponse(req.URL); ok {
				resolve(a.response.Wrap(r))
			} else {
				reject(c.fetchFailed(failure("failed to fetch the data URL")))
			}
		})
		return
	case "about":
		later(func() { f.fail(failure("about scheme is not supported")) })
		return
	case "blob":
		later(func() { f.fail(failure("invalid method")) })
		return
	case "file":
		later(func() { f.fail(failure("not implemented... yet...")) })
		return
	default:
		later(func() { f.fail(failure("unknown scheme")) })
		return
	}

	f.header = requestHeaders(req)
	if err := f.takeBody(req.Body); err != nil {
		panic(c.a.toJSError(err))
	}
	// A fetch the segment's fetchCache forbids rejects with Next's error (datacache.go).
	dc, err := f.dataCache()
	if err != nil {
		e, _ := vm.New(c.errorCtor, vm.ToValue(err.Error()))
		reject(e)
		return
	}
	f.ctx, f.cancel = context.WithCancelCause(context.Background())
	if signal != nil {
		f.unlisten = signal.OnAbort(func() { f.abort(signal.Reason()) })
	}

	hc := a.r.Host.HTTPClient()
	if hc == nil {
		hc = http.DefaultClient
	}
	// A copy of the embedder's client that follows no redirects: fetch follows them itself
	// (Fetch §4.5). Its transport hides Location from net/http, which would otherwise parse it
	// (failing on what the URL Standard accepts) before CheckRedirect is asked.
	cl := *hc
	cl.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cl.Transport = hideLocation{cl.Transport}
	complete := a.r.Host.Reserve()
	go func() {
		if dc != nil {
			if res, ok := dc.lookup(f, &cl); ok {
				complete(func() { f.finish(res, nil) })
				return
			}
		}
		res, err := f.run(&cl)
		if err == nil && dc != nil {
			res, err = dc.keep(f, res)
		}
		complete(func() { f.finish(res, err) })
	}()
}

// signalOf is the request's signal (Fetch §5.4 step 29): init.signal, or else the input Request's.
func (c *client) signalOf(req, src *Request, init *goja.Object) *dom.AbortSignal {
	s := req.Signal
	if s == nil && src != nil && (init == nil || goja.IsUndefined(orUndefined(init.Get("signal")))) {
		s = src.Signal
	}
	if s == nil {
		return nil
	}
	sig, _ := dom.SignalOf(c.a.r, s)
	return sig
}

func orUndefined(v goja.Value) goja.Value {
	if v == nil {
		return goja.Undefined()
	}
	return v
}

// takeBody takes the request body for the wire (Fetch §5.6 step 1 of "fetch": the body is used).
// A JS ReadableStream is locked and pumped into a pipe, one chunk pulled per chunk written.
func (f *flight) takeBody(b *Body) error {
	if b == nil {
		return nil
	}
	f.hasBody = true
	if data, ok := b.Bytes(); ok {
		f.bytes = data
		if f.bytes == nil {
			f.bytes = []byte{}
		}
		b.used = true
		return nil
	}
	if rd, ok := b.Reader(); ok {
		f.once, b.reader, b.used = rd, nil, true
		return nil
	}
	rs, ok := streams.Unwrap(f.c.a.r, b.Stream())
	if !ok {
		return errUnsupported("a body that is not a ReadableStream")
	}
	pipe, err := f.c.pump(rs)
	if err != nil {
		return err
	}
	f.once = pipe
	return nil
}

// pump feeds the JS stream rs into a pipe that the transport reads. The next chunk is pulled from
// JS (on the loop) only once the previous one was written, so the stream is read as fast as the
// server takes it. A stream error fails the request with the stream's error as the cause; a request
// that ends early (the pipe is closed) cancels the stream.
func (c *client) pump(rs *streams.ReadableStream) (io.ReadCloser, error) {
	g, err := streams.NewGoReader(c.a.r, rs)
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	var next func()
	next = func() {
		g.Read(func(chunk []byte, done bool, err error) {
			switch {
			case err != nil:
				pw.CloseWithError(err)
			case done:
				pw.Close()
			case len(chunk) == 0:
				next()
			default:
				complete := c.a.r.Host.Reserve()
				go func() {
					_, werr := pw.Write(chunk)
					complete(func() {
						if werr != nil {
							g.Cancel(werr.Error())
							return
						}
						next()
					})
				}()
			}
		})
	}
	next()
	return pr, nil
}

// requestHeaders is the header list sent: the request's, plus what undici adds when it is missing
// (Fetch §4.1 "fetch" step 12, §4.6 "HTTP-network-or-cache fetch" steps 8–19, as Node 20 does them).
func requestHeaders(req *Request) *HeaderList {
	h := req.Headers.List.Clone()
	if !h.Has("accept") {
		h.Append("accept", "*/*")
	}
	if !h.Has("accept-language") {
		h.Append("accept-language", "*")
	}
	h.Set("sec-fetch-mode", req.Mode)
	if !h.Has("user-agent") {
		h.Append("user-agent", defaultUserAgent)
	}
	cache := req.Cache
	if cache == "default" {
		for _, n := range []string{"if-modified-since", "if-none-match", "if-unmodified-since", "if-match", "if-range"} {
			if h.Has(n) {
				cache = "no-store"
			}
		}
	}
	if cache == "no-cache" && !h.Has("cache-control") {
		h.Append("cache-control", "max-age=0")
	}
	if cache == "no-store" || cache == "reload" {
		if !h.Has("pragma") {
			h.Append("pragma", "no-cache")
		}
		if !h.Has("cache-control") {
			h.Append("cache-control", "no-cache")
		}
	}
	if h.Has("range") {
		h.Append("accept-encoding", "identity")
	}
	if !h.Has("accept-encoding") {
		h.Append("accept-encoding", defaultAcceptEncoding)
	}
	h.Delete("host")
	return h
}

// fetched is what the network goroutine hands back: the final response and its body.
type fetched struct {
	resp *http.Response
	body *responseBody // nil for a null body
	data []byte        // the whole body, when integrity made us read it
}

// run performs the request (Fetch §4.4 "HTTP fetch" and §4.5 "HTTP-redirect fetch") off the loop.
func (f *flight) run(cl *http.Client) (res *fetched, err error) {
	defer func() {
		if f.once != nil { // a body that was never sent: let its JS stream go
			f.once.Close()
		}
		if err != nil {
			f.cancel(err)
		}
	}()
	for {
		cur := f.urls[len(f.urls)-1]
		hreq, err := f.newRequest(cur)
		if err != nil {
			return nil, err
		}
		resp, err := cl.Do(hreq)
		if err != nil {
			return nil, err
		}
		loc := resp.Header[hiddenLocation]
		if loc != nil {
			delete(resp.Header, hiddenLocation)
			resp.Header["Location"] = loc
		}
		switch {
		case !redirectStatus(resp.StatusCode) || f.redirect == "manual":
			return f.response(resp) // Node gives the 3xx itself for "manual", not an opaque redirect
		case f.redirect == "error":
			discard(resp)
			return nil, failure("unexpected redirect")
		case len(loc) == 0:
			return f.response(resp)
		}
		discard(resp)
		if err := f.follow(resp.StatusCode, cur, strings.Join(loc, ", ")); err != nil {
			return nil, err
		}
	}
}

// follow implements Fetch §4.5 "HTTP-redirect fetch" steps 3–19 for a redirect to location.
func (f *flight) follow(status int, cur, location string) error {
	curURL, _ := whatwg.Parse(cur)
	next, err := whatwg.ParseRef(cur, location)
	if err != nil {
		return invalidURL(location)
	}
	if next.Hash() == "" && curURL.Hash() != "" {
		next.SetHash(curURL.Hash())
	}
	if s := next.Scheme(); s != "http" && s != "https" {
		return failure("URL scheme must be a HTTP(S) scheme")
	}
	if len(f.urls)-1 == maxRedirects {
		return failure("redirect count exceeded")
	}
	sameOrigin := curURL.Scheme() == next.Scheme() && curURL.Host() == next.Host()
	if f.mode == "cors" && (next.Username() != "" || next.Password() != "") && !sameOrigin {
		return failure(`cross origin not allowed for request mode "cors"`)
	}
	// 11. A body that can be read only once cannot be sent again.
	if status != 303 && f.hasBody && f.bytes == nil {
		return failure("a request body that is a stream cannot be sent again on a redirect")
	}
	// 12. 301/302 turn POST into GET, 303 turns anything but GET/HEAD into GET, without the body.
	if (status == 301 || status == 302) && f.method == "POST" || status == 303 && f.method != "GET" && f.method != "HEAD" {
		f.method, f.bytes, f.hasBody = "GET", nil, false
		if f.once != nil {
			f.once.Close()
			f.once = nil
		}
		for _, n := range []string{"content-encoding", "content-language", "content-location", "content-type"} {
			f.header.Delete(n)
		}
	}
	// 13. Credentials do not follow to another origin.
	if !sameOrigin {
		for _, n := range []string{"authorization", "proxy-authorization", "cookie", "host"} {
			f.header.Delete(n)
		}
	}
	href := next.Href(false)
	f.urls = append(f.urls, href)
	if badPort(href) {
		return failure("bad port")
	}
	return nil
}

// hiddenLocation is where hideLocation moves Location: a key Header.Get never looks up.
const hiddenLocation = "location"

// hideLocation passes every request to the embedder's transport (nil: the default one) and moves
// the Location of a redirect out of net/http's sight.
type hideLocation struct{ rt http.RoundTripper }

func (h hideLocation) RoundTrip(r *http.Request) (*http.Response, error) {
	rt := h.rt
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(r)
	if err == nil && redirectStatus(resp.StatusCode) {
		if loc, ok := resp.Header["Location"]; ok {
			delete(resp.Header, "Location")
			resp.Header[hiddenLocation] = loc
		}
	}
	return resp, err
}

// newRequest makes the Go request of one hop to href.
func (f *flight) newRequest(href string) (*http.Request, error) {
	var body io.Reader
	switch {
	case f.bytes != nil && len(f.bytes) == 0:
		body = http.NoBody
	case f.bytes != nil:
		body = bytes.NewReader(f.bytes)
	case f.once != nil:
		body, f.once = f.once, nil
	}
	hreq, err := http.NewRequestWithContext(f.ctx, f.method, "http://placeholder/", body)
	if err != nil {
		return nil, err
	}
	if _, isStream := body.(io.ReadCloser); isStream && body != http.NoBody {
		hreq.ContentLength = -1
	}
	if hreq.URL, err = wireURL(href); err != nil {
		return nil, err
	}
	hreq.Host = hreq.URL.Host
	for _, fl := range f.header.Fields() {
		k := http.CanonicalHeaderKey(fl.Name)
		hreq.Header[k] = append(hreq.Header[k], fl.Value)
	}
	if ref := referrer(f.referrer[0], f.referrer[1], href); ref != "" && hreq.Header.Get("Referer") == "" {
		hreq.Header.Set("Referer", ref)
	}
	return hreq, nil
}

// referrer is Referrer Policy §8.3 "determine request's referrer" for the Referer header. A server
// has no client, so only a URL given as init.referrer is ever sent; the default policy is
// strict-origin-when-cross-origin.
func referrer(ref, policy, target string) string {
	r, err := whatwg.Parse(ref)
	if err != nil || r.Scheme() != "http" && r.Scheme() != "https" {
		return "" // "no-referrer", "about:client", or nothing a Referer can carry
	}
	t, _ := whatwg.Parse(target)
	r.SetUsername("")
	r.SetPassword("")
	r.SetHash("")
	full, origin := r.Href(false), r.Scheme()+"://"+r.Host()+"/"
	if len(full) > 4096 {
		full = origin
	}
	same := r.Scheme() == t.Scheme() && r.Host() == t.Host()
	downgrade := trustworthy(r) && !trustworthy(t)
	switch policy {
	case "no-referrer":
		return ""
	case "unsafe-url":
		return full
	case "origin":
		return origin
	case "same-origin":
		if same {
			return full
		}
		return ""
	case "origin-when-cross-origin":
		if same {
			return full
		}
		return origin
	case "strict-origin", "no-referrer-when-downgrade":
		if downgrade {
			return ""
		}
		if policy == "strict-origin" {
			return origin
		}
		return full
	}
	switch {
	case same:
		return full
	case downgrade:
		return ""
	}
	return origin
}

// trustworthy is Secure Contexts §3.1 "potentially trustworthy URL" for HTTP(S) URLs.
func trustworthy(u *whatwg.Url) bool {
	h := u.Hostname()
	return u.Scheme() == "https" || h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "[::1]" ||
		strings.HasPrefix(h, "127.") && net.ParseIP(h) != nil
}

// wireURL is href as a Go URL whose request target is the WHATWG serialisation byte for byte (Go
// would re-escape some paths, or refuse a "%" that is not an escape).
func wireURL(href string) (*url.URL, error) {
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	scheme, rest, _ := strings.Cut(href, "://")
	host, target := rest, "/"
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		host, target = rest[:i], rest[i:]
	}
	if u, err := url.Parse(href); err == nil && u.RequestURI() == target {
		return u, nil
	}
	if strings.HasPrefix(target, "//") {
		target = "//" + host + target // absolute-form, so the path is not read as an authority
	}
	return &url.URL{Scheme: scheme, Host: host, Opaque: target}, nil
}

func discard(resp *http.Response) {
	io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
}

// response prepares the final response off the loop: the body is decoded as undici does, and read
// whole when the request has integrity metadata (Fetch §4.1 "main fetch" step 22).
func (f *flight) response(resp *http.Response) (*fetched, error) {
	if len(resp.TransferEncoding) > 0 && resp.Header.Get("Transfer-Encoding") == "" {
		resp.Header.Set("Transfer-Encoding", strings.Join(resp.TransferEncoding, ", "))
	}
	res := &fetched{resp: resp}
	if f.method == "HEAD" || f.method == "CONNECT" || nullBodyStatus(resp.StatusCode) {
		resp.Body.Close()
		f.cancel(errDone)
	} else {
		var codings []string
		if ce := strings.Join(resp.Header.Values("Content-Encoding"), ","); ce != "" {
			codings = strings.Split(strings.ToLower(ce), ",")
		}
		if len(codings) > maxContentEncodings {
			resp.Body.Close()
			return nil, failure(fmt.Sprintf("too many content-encodings in response: %d, maximum allowed is %d", len(codings), maxContentEncodings))
		}
		res.body = newResponseBody(f, resp.Body, codings)
	}
	if f.integrity == "" {
		return res, nil
	}
	var data []byte
	if res.body != nil {
		var err error
		data, err = io.ReadAll(res.body)
		res.body.Close()
		if err != nil {
			return nil, err
		}
	}
	if !integrityMatches(data, f.integrity) {
		return nil, failure("integrity mismatch")
	}
	res.body, res.data = nil, append([]byte{}, data...)
	return res, nil
}

// finish settles the promise on the loop with the response (Fetch §5.6 step 12 "processResponse")
// or the network error.
func (f *flight) finish(res *fetched, err error) {
	if f.settled { // aborted meanwhile: the promise already rejected
		if res != nil && res.body != nil {
			go res.body.Close()
		}
		return
	}
	f.settled = true
	if err != nil {
		f.unlisten()
		f.reject(f.c.fetchFailed(err))
		return
	}
	resp := res.resp
	statusText := strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode))
	r := &Response{
		Type: "basic", Status: resp.StatusCode, StatusText: strings.TrimPrefix(statusText, " "),
		Headers: &Headers{List: HeaderListFrom(resp.Header), Guard: GuardImmutable},
		URLList: f.urls, Redirected: len(f.urls) > 1,
	}
	switch {
	case res.data != nil:
		r.Body = BytesBody(res.data)
	case res.body != nil:
		r.Body = &Body{reader: res.body, streamOf: f.stream}
	}
	if res.body == nil {
		f.unlisten()
	}
	f.resolve(f.c.a.response.Wrap(r))
}

// fail rejects with a network error before anything was sent.
func (f *flight) fail(err error) {
	f.settled = true
	f.reject(f.c.fetchFailed(err))
}

// abort implements Fetch §5.6 step 11's abort steps: reject the pending promise with the reason, or
// error the response body, and cancel the Go request (the server sees its connection go).
func (f *flight) abort(reason goja.Value) {
	f.reason = reason
	f.cancel(errAborted)
	if !f.settled {
		f.settled = true
		f.reject(reason)
		return
	}
	if s := f.src; s != nil && !s.done {
		s.done = true
		s.call("error", reason)
		go s.rc.Close()
	}
}

// responseBody is a fetched response's body as Go reads it: decoded per Content-Encoding as undici
// does (gzip, x-gzip, deflate with or without zlib wrapping; an unknown coding leaves the body as
// is), failing with the abort reason after an abort and with TypeError "terminated" when the
// connection breaks. Read from one goroutine at a time; Close may come from any.
type responseBody struct {
	f       *flight
	raw     io.ReadCloser
	rawErr  error // the last error raw returned
	codings []string
	r       io.Reader // raw decoded, made on the first Read (making it reads the gzip header)
	err     error
}

func newResponseBody(f *flight, raw io.ReadCloser, codings []string) *responseBody {
	b := &responseBody{f: f, raw: raw, codings: codings}
	// A body nobody reads to the end must not hold its connection forever.
	runtime.AddCleanup(b, func(c closer) { c.rc.Close(); c.cancel(errDone) }, closer{raw, f.cancel})
	return b
}

type closer struct {
	rc     io.Closer
	cancel context.CancelCauseFunc
}

func (b *responseBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.r == nil {
		if b.r, b.err = b.decoder(); b.err != nil {
			b.err = b.failed(b.err)
			return 0, b.err
		}
	}
	n, err := b.r.Read(p)
	if err != nil {
		b.err = b.failed(err)
	}
	return n, b.err
}

func (b *responseBody) Close() error {
	err := b.raw.Close()
	b.f.cancel(errDone)
	return err
}

// failed maps a read error to what JS sees.
func (b *responseBody) failed(err error) error {
	switch {
	case err == io.EOF:
		return io.EOF
	case errors.Is(context.Cause(b.f.ctx), errAborted):
		return abortError{b.f}
	case errors.Is(err, io.ErrUnexpectedEOF) && b.rawErr == io.EOF && len(b.codings) > 0:
		return io.EOF // a truncated compressed body ends where it ends (undici's Z_SYNC_FLUSH)
	}
	return terminated{err, b.f.c}
}

// decoder stacks the decoders of the content codings, last applied first.
func (b *responseBody) decoder() (io.Reader, error) {
	var r io.Reader = rawReader{b}
	for i := len(b.codings) - 1; i >= 0; i-- {
		switch strings.TrimSpace(b.codings[i]) {
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err == io.EOF {
				return eofReader{}, nil
			} else if err != nil {
				return nil, err
			}
			r = zr
		case "deflate":
			br := bufio.NewReader(r)
			head, err := br.Peek(2)
			if len(head) < 2 {
				if err == io.EOF {
					return eofReader{}, nil
				}
				return nil, err
			}
			if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
				zr, err := zlib.NewReader(br)
				if err != nil {
					return nil, err
				}
				r = zr
			} else {
				r = flate.NewReader(br)
			}
		default:
			return rawReader{b}, nil
		}
	}
	return r, nil
}

type rawReader struct{ b *responseBody }

func (r rawReader) Read(p []byte) (int, error) {
	n, err := r.b.raw.Read(p)
	if err != nil {
		r.b.rawErr = err
	}
	return n, err
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// jsError is an error that knows the JS value it stands for; it is made on the loop
// (toJSError and the response stream use it).
type jsError interface {
	error
	jsValue(c *api) goja.Value
}

// abortError: the body was being read when the fetch was aborted; JS sees the abort reason.
type abortError struct{ f *flight }

func (e abortError) Error() string { return "This operation was aborted" }
func (e abortError) jsValue(*api) goja.Value {
	if e.f.reason == nil {
		return goja.Undefined()
	}
	return e.f.reason
}

// terminated: the connection broke while the body was read; undici's TypeError "terminated".
type terminated struct {
	err error
	c   *client
}

func (e terminated) Error() string { return "terminated: " + e.err.Error() }
func (e terminated) Unwrap() error { return e.err }
func (e terminated) jsValue(a *api) goja.Value {
	t := a.r.VM.NewTypeError("terminated")
	t.DefineDataProperty("cause", e.c.errorCause(e.err), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return t
}

// streamSource is the underlying source of a fetched body's ReadableStream (Fetch §4.6
// "HTTP-network fetch" step 12): highWaterMark 0, so the Go body is read only when JS pulls.
type streamSource struct {
	f    *flight
	rc   io.ReadCloser
	ctrl *goja.Object
	buf  []byte // one pull at a time: each chunk is copied out of it
	done bool
}

// stream is Body.streamOf for fetched bodies.
func (f *flight) stream(rc io.ReadCloser) *goja.Object {
	a, vm := f.c.a, f.c.a.r.VM
	if f.c.readableStream == nil {
		return streams.NewFromReader(a.r, rc, requestChunkSize)
	}
	s := &streamSource{f: f, rc: rc}
	src := vm.NewObject()
	src.Set("start", func(call goja.FunctionCall) goja.Value {
		s.ctrl, _ = call.Argument(0).(*goja.Object)
		return goja.Undefined()
	})
	src.Set("pull", s.pull)
	src.Set("cancel", func(goja.FunctionCall) goja.Value {
		if !s.done {
			s.done = true
			f.cancel(errCancelled)
			go rc.Close()
			f.unlisten()
		}
		return goja.Undefined()
	})
	strategy := vm.NewObject()
	strategy.Set("highWaterMark", 0)
	o, err := vm.New(f.c.readableStream, src, strategy)
	if err != nil {
		return streams.NewFromReader(a.r, rc, requestChunkSize)
	}
	f.src = s
	if f.reason != nil { // aborted before JS asked for the stream
		s.done = true
		s.call("error", f.reason)
		go rc.Close()
	}
	return o
}

func (s *streamSource) pull(goja.FunctionCall) goja.Value {
	a, vm := s.f.c.a, s.f.c.a.r.VM
	p, resolve, _ := vm.NewPromise()
	complete := a.r.Host.Reserve()
	if s.buf == nil {
		s.buf = make([]byte, requestChunkSize)
	}
	buf := s.buf
	go func() {
		var n int
		var err error
		for n == 0 && err == nil {
			n, err = s.rc.Read(buf)
		}
		complete(func() {
			if !s.done {
				if n > 0 {
					s.call("enqueue", webidl.NewUint8Array(vm, buf[:n]))
				}
				if err != nil {
					s.done = true
					go s.rc.Close()
					s.f.unlisten()
					if err == io.EOF {
						s.call("close")
					} else {
						s.call("error", a.toJSError(err))
					}
				}
			}
			resolve(goja.Undefined())
		})
	}()
	return vm.ToValue(p)
}

// call calls a method of the stream's controller.
func (s *streamSource) call(method string, args ...goja.Value) {
	if s.ctrl == nil {
		return
	}
	if fn, ok := goja.AssertFunction(s.ctrl.Get(method)); ok {
		fn(s.ctrl, args...)
	}
}

// failure is a network error that undici describes with a message only.
type failure string

func (e failure) Error() string { return string(e) }

// invalidURL is a Location that does not parse: the cause is the URL parser's TypeError.
type invalidURL string

func (e invalidURL) Error() string { return "Invalid URL: " + string(e) }
func (e invalidURL) jsValue(a *api) goja.Value {
	t := a.r.VM.NewTypeError("Invalid URL")
	t.Set("code", "ERR_INVALID_URL")
	t.Set("input", string(e))
	return t
}

// fetchFailed is a network error as fetch rejects with it: TypeError "fetch failed" whose cause
// says what happened, as in Node.
func (c *client) fetchFailed(err error) goja.Value {
	t := c.a.r.VM.NewTypeError("fetch failed")
	t.DefineDataProperty("cause", c.errorCause(err), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return t
}

// errnoNames are the socket errors whose Node codes are their errno names.
var errnoNames = map[syscall.Errno]string{
	syscall.ECONNREFUSED: "ECONNREFUSED", syscall.ECONNRESET: "ECONNRESET", syscall.ECONNABORTED: "ECONNABORTED",
	syscall.EHOSTUNREACH: "EHOSTUNREACH", syscall.ENETUNREACH: "ENETUNREACH", syscall.ETIMEDOUT: "ETIMEDOUT",
	syscall.EPIPE: "EPIPE", syscall.EADDRNOTAVAIL: "EADDRNOTAVAIL",
}

// errorCause is the `cause` of a network error: the JS value a request body stream failed with, or
// an Error shaped like Node's for a Go error (message, code, and for socket errors errno, syscall,
// address and port).
func (c *client) errorCause(err error) goja.Value {
	vm := c.a.r.VM
	var se *streams.Error
	if errors.As(err, &se) {
		return se.Value
	}
	var je jsError
	if errors.As(err, &je) {
		return je.jsValue(c.a)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	name, msg, code := "Error", err.Error(), ""
	var props []any // name, value pairs after code
	var (
		dnsErr  *net.DNSError
		opErr   *net.OpError
		errno   syscall.Errno
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
		invalid x509.CertificateInvalidError
		record  tls.RecordHeaderError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		msg, code = "getaddrinfo ENOTFOUND "+dnsErr.Name, "ENOTFOUND"
		props = []any{"errno", -3008, "syscall", "getaddrinfo", "hostname", dnsErr.Name}
	case errors.As(err, &errno) && errnoNames[errno] != "":
		code = errnoNames[errno]
		op := "read"
		if errors.As(err, &opErr) {
			switch opErr.Op {
			case "dial":
				op = "connect"
			case "write":
				op = "write"
			}
		}
		msg = op + " " + code
		props = []any{"errno", -int(errno), "syscall", op}
		if opErr != nil && opErr.Addr != nil && op == "connect" {
			if host, port, err := net.SplitHostPort(opErr.Addr.String()); err == nil {
				msg += " " + opErr.Addr.String()
				n, _ := strconv.Atoi(port)
				props = append(props, "address", host, "port", n)
			}
		}
	case errors.As(err, &unknown):
		code, msg = "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"
		if unknown.Cert != nil && unknown.Cert.CheckSignatureFrom(unknown.Cert) == nil {
			code, msg = "DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"
		}
	case errors.As(err, &hostErr):
		code = "ERR_TLS_CERT_ALTNAME_INVALID"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		code, msg = "CERT_HAS_EXPIRED", "certificate has expired"
	case errors.As(err, &record):
		code = "ERR_SSL_WRONG_VERSION_NUMBER"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		name, msg, code = "SocketError", "other side closed", "UND_ERR_SOCKET"
	case errors.As(err, &netErr) && netErr.Timeout():
		name, msg, code = "HeadersTimeoutError", "Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT"
		if errors.As(err, &opErr) && opErr.Op == "dial" {
			name, msg, code = "ConnectTimeoutError", "Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"
		}
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrHeader),
		errors.Is(err, zlib.ErrChecksum), errors.As(err, new(flate.CorruptInputError)):
		code = "Z_DATA_ERROR"
	}
	e, jsErr := vm.New(c.errorCtor, vm.ToValue(msg))
	if jsErr != nil {
		return vm.ToValue(msg)
	}
	if name != "Error" {
		e.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if len(props) > 0 {
		e.Set(props[0].(string), props[1])
		props = props[2:]
	}
	if code != "" {
		e.Set("code", code)
	}
	for i := 0; i+1 < len(props); i += 2 {
		e.Set(props[i].(string), props[i+1])
	}
	return e
}

// badPorts is Fetch §2.9's port blocklist (undici's copy of it).
var badPorts = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`1 7 9 11 13 15 17 19 20 21 22 23 25 37 42 43 53 69 77 79 87 95 101 102 103
		104 109 110 111 113 115 117 119 123 135 137 139 143 161 179 389 427 465 512 513 514 515 526 530 531
		532 540 548 554 556 563 587 601 636 989 990 993 995 1719 1720 1723 2049 3659 4045 4190 5060 5061 6000
		6566 6665 6666 6667 6668 6669 6679 6697 10080`) {
		badPorts[p] = true
	}
}

// badPort is Fetch §2.9 "port blocking" for an HTTP(S) URL.
func badPort(href string) bool {
	u, err := whatwg.Parse(href)
	return err == nil && badPorts[u.Port()]
}

// dataResponse is Fetch §4.3 "scheme fetch" for data: URLs: a 200 response with the URL's MIME type
// and bytes, or false when the URL is not a valid data: URL.
func dataResponse(href string) (*Response, bool) {
	mimeType, body, ok := processDataURL(href)
	if !ok {
		return nil, false
	}
	h := &HeaderList{}
	h.Append("content-type", mimeType)
	return &Response{Type: "basic", Status: 200, StatusText: "OK", Headers: &Headers{List: h, Guard: GuardImmutable},
		Body: BytesBody(body), URLList: []string{href}}, true
}

// processDataURL is the Fetch Standard's "data: URL processor" (§"data: URLs"), on a URL the URL
// parser already serialised.
func processDataURL(href string) (mimeType string, body []byte, ok bool) {
	// 2–3. Serialise without the fragment; drop "data:".
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	mt, encoded, found := strings.Cut(strings.TrimPrefix(href, "data:"), ",")
	if !found {
		return "", nil, false
	}
	mt = strings.Trim(mt, "\t\n\f\r ")
	body = percentDecode(encoded)
	// 11. ";base64" (any case, spaces allowed before it) means the body is base64.
	if n := len(mt); n >= 6 && strings.EqualFold(mt[n-6:], "base64") {
		if rest := strings.TrimRight(mt[:n-6], " "); strings.HasSuffix(rest, ";") {
			decoded, err := encoding.ForgivingBase64Decode(string(body))
			if err != nil {
				return "", nil, false
			}
			body, mt = decoded, rest[:len(rest)-1]
		}
	}
	if strings.HasPrefix(mt, ";") {
		mt = "text/plain" + mt
	}
	if s, ok := parseMIMEType(mt); ok {
		return s, body, true
	}
	return "text/plain;charset=US-ASCII", body, true
}

// percentDecode is URL §1.3 "percent-decode".
func percentDecode(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			out = append(out, byte(v))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// parseMIMEType is MIME Sniffing §4.4 "parse a MIME type" followed by §4.5 "serialize a MIME type".
func parseMIMEType(s string) (string, bool) {
	const ws = "\t\n\r "
	s = strings.Trim(s, ws)
	typ, rest, ok := strings.Cut(s, "/")
	if !ok || !isHeaderName(typ) {
		return "", false
	}
	sub, in := rest, ""
	if i := strings.IndexByte(rest, ';'); i >= 0 {
		sub, in = rest[:i], rest[i:]
	}
	sub = strings.TrimRight(sub, ws)
	if !isHeaderName(sub) {
		return "", false
	}
	var out strings.Builder
	out.WriteString(strings.ToLower(typ) + "/" + strings.ToLower(sub))
	seen := map[string]bool{}
	// 11. Parameters; each round starts at a ';'.
	for pos := 0; pos < len(in); {
		pos++
		for pos < len(in) && strings.IndexByte(ws, in[pos]) >= 0 {
			pos++
		}
		start := pos
		for pos < len(in) && in[pos] != ';' && in[pos] != '=' {
			pos++
		}
		name := strings.ToLower(in[start:pos])
		if pos < len(in) {
			if in[pos] == ';' {
				continue
			}
			pos++
		}
		if pos >= len(in) {
			break
		}
		var value string
		if in[pos] == '"' {
			var n int
			value, n = quotedString(in[pos:])
			pos += n
			for pos < len(in) && in[pos] != ';' {
				pos++
			}
		} else {
			start := pos
			for pos < len(in) && in[pos] != ';' {
				pos++
			}
			if value = strings.TrimRight(in[start:pos], ws); value == "" {
				continue
			}
		}
		if name != "" && isHeaderName(name) && quotedStringTokens(value) && !seen[name] {
			seen[name] = true
			out.WriteString(";" + name + "=")
			if value != "" && isHeaderName(value) {
				out.WriteString(value)
			} else {
				out.WriteString(`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`)
			}
		}
	}
	return out.String(), true
}

// quotedString is Fetch §2.2 "collect an HTTP quoted string" with extract-value set; s starts with
// '"'. n is how many bytes it took.
func quotedString(s string) (value string, n int) {
	var b strings.Builder
	i := 1
	for i < len(s) {
		c := s[i]
		i++
		switch c {
		case '"':
			return b.String(), i
		case '\\':
			if i >= len(s) {
				b.WriteByte('\\')
				return b.String(), i
			}
			b.WriteByte(s[i])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), i
}

// quotedStringTokens: every byte is an HTTP quoted-string token code point (tab, 0x20–0x7E, 0x80–0xFF).
func quotedStringTokens(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\t' && (c < 0x20 || c == 0x7f) {
			return false
		}
	}
	return true
}

// integrityMatches is SRI §3.3.5 "Do bytes match metadataList?": the strongest algorithm given
// decides; metadata with no known algorithm matches anything.
func integrityMatches(data []byte, metadata string) bool {
	rank := map[string]int{"sha256": 1, "sha384": 2, "sha512": 3}
	type item struct{ alg, digest string }
	var items []item
	best := 0
	for _, tok := range strings.Fields(metadata) {
		expr, _, _ := strings.Cut(tok, "?")
		alg, digest, ok := strings.Cut(expr, "-")
		alg = strings.ToLower(alg)
		if !ok || rank[alg] == 0 {
			continue
		}
		items = append(items, item{alg, digest})
		best = max(best, rank[alg])
	}
	if len(items) == 0 {
		return true
	}
	for _, it := range items {
		if rank[it.alg] != best {
			continue
		}
		var sum []byte
		switch it.alg {
		case "sha256":
			s := sha256.Sum256(data)
			sum = s[:]
		case "sha384":
			s := sha512.Sum384(data)
			sum = s[:]
		default:
			s := sha512.Sum512(data)
			sum = s[:]
		}
		d := strings.TrimRight(it.digest, "=")
		if d == base64.RawStdEncoding.EncodeToString(sum) || d == base64.RawURLEncoding.EncodeToString(sum) {
			return true
		}
	}
	return false
}

// Next.js limits on fetch tags (next/dist/lib/constants.js).
const (
	maxTagLength = 256
	maxTags      = 128
)

// routeNamer is implemented by an engine's per-request context that can name the route, as Next
// does in its revalidate error.
type routeNamer interface{ RouteName() string }

// cacheHints reads and validates Next's fetch extensions as patch-fetch.js does: tags are
// validated first (invalid ones dropped with a warning), a revalidate that conflicts with the cache
// mode is dropped with a warning, and an invalid revalidate rejects the fetch with an Error.
func (c *client) cacheHints(req, src *Request, init *goja.Object) CacheHints {
	vm, log := c.a.r.VM, c.a.r.Host.Logger()
	var h CacheHints
	if init != nil && init.Get("cache") != nil && init.Get("cache").ToBoolean() || src != nil {
		h.Cache = req.Cache
	}
	var next *goja.Object
	if init != nil {
		next, _ = init.Get("next").(*goja.Object)
	}
	if next == nil {
		return h
	}
	if tags := next.Get("tags"); tags != nil && tags.ToBoolean() {
		h.Tags = c.validTags(tags, "fetch "+req.URL)
	}
	rv := orUndefined(next.Get("revalidate"))
	if goja.IsUndefined(rv) {
		return h
	}
	n, isNum := jsNumber(rv)
	if h.Cache == "force-cache" && isNum && n == 0 || h.Cache == "no-store" && (isNum && n > 0 || rv.StrictEquals(vm.ToValue(false))) {
		log.Warn(fmt.Sprintf(`Specified "cache: %s" and "revalidate: %s", only one should be specified.`, h.Cache, rv.String()))
		h.Cache = ""
		return h
	}
	switch {
	case rv.StrictEquals(vm.ToValue(false)) || isNum && math.IsInf(n, 1):
		n = math.Inf(1)
	case !isNum || math.IsNaN(n) || n <= -1:
		route := ""
		if rn, ok := c.a.r.Host.Context().(routeNamer); ok {
			route = rn.RouteName()
		}
		e, _ := vm.New(c.errorCtor, vm.ToValue(fmt.Sprintf(`Invalid revalidate value "%s" on "%s", must be a non-negative number or false`, rv.String(), route)))
		panic(e)
	}
	h.Revalidate = &n
	return h
}

// jsNumber is a primitive number's value.
func jsNumber(v goja.Value) (float64, bool) {
	if _, isObject := v.(*goja.Object); isObject {
		return 0, false
	}
	switch x := v.Export().(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// validTags is patch-fetch.js validateTags: each tag must be a string of at most 256 UTF-16 units;
// at most 128 are kept; non-printable runs are percent-encoded (encodeHeaderSafe).
func (c *client) validTags(tags goja.Value, description string) []string {
	vm, log := c.a.r.VM, c.a.r.Host.Logger()
	o := tags.ToObject(vm)
	n := int(o.Get("length").ToInteger())
	var valid []string
	var invalid []string
	for i := 0; i < n; i++ {
		t := o.Get(strconv.Itoa(i))
		s, isString := t.Export().(string)
		switch {
		case !isString:
			invalid = append(invalid, fmt.Sprintf(`tag: "%s" invalid type, must be a string`, t.String()))
		case len(utf16.Encode([]rune(s))) > maxTagLength:
			invalid = append(invalid, fmt.Sprintf(`tag: "%s" exceeded max length of %d`, s, maxTagLength))
		default:
			valid = append(valid, headerSafe(s))
		}
		if len(valid) > maxTags {
			log.Warn(fmt.Sprintf("Warning: exceeded max tag count for %s, dropped tags:", description))
			break
		}
	}
	if len(invalid) > 0 {
		log.Warn(fmt.Sprintf("Warning: invalid tags passed to %s: %s", description, strings.Join(invalid, "; ")))
	}
	return valid
}

// headerSafe is Next's encodeHeaderSafe: runs outside tab and 0x20–0x7E become encodeURIComponent.
func headerSafe(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c >= 0x20 && c <= 0x7e {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
