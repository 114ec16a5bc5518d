package fetch

import (
	"net/http"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Request is the Go state of a JS Request (Fetch §5.4): the spec's "request" record.
type Request struct {
	Method         string
	URL            string
	Headers        *Headers
	Body           *Body
	Redirect       string // "follow", "error", "manual"
	Cache          string
	Credentials    string
	Mode           string
	Referrer       string
	ReferrerPolicy string
	Integrity      string
	Keepalive      bool
	Duplex         string
	// Signal is the JS AbortSignal of the request, made on first use when nil.
	Signal *goja.Object
	// aborted records an abort that came before anything asked for the signal.
	aborted bool
	// Ext is for subclasses (NextRequest keeps its extras here).
	Ext any

	holder webidl.Holder
}

// SlotHolder lends the request's own memory to the JS object wrapping it (webidl.HolderOwner).
func (r *Request) SlotHolder() *webidl.Holder { return &r.holder }

// NewIncoming makes the Request a route handler receives for an incoming HTTP request. Headers
// are read from r.Header without a copy until changed (plus Host, which net/http keeps apart,
// and the extra fields given); the body is read only when asked for.
func NewIncoming(r *http.Request, url string, extra ...Field) *Request {
	if _, ok := r.Header["Host"]; !ok && r.Host != "" {
		extra = append(extra, Field{"host", r.Host})
	}
	// One allocation for the request, its headers and body: one is made per request served.
	in := &incomingAlloc{}
	in.l = HeaderList{src: r.Header, extra: extra}
	in.h = Headers{List: &in.l, Guard: GuardRequest}
	in.req = Request{
		Method: r.Method, URL: url,
		Headers:  &in.h,
		Redirect: "follow", Cache: "default", Credentials: "same-origin", Mode: "cors",
		Referrer: "about:client", Duplex: "half",
	}
	// Every request but GET and HEAD has a body stream, even an empty one (as in Next).
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		body := r.Body
		if body == nil {
			body = http.NoBody
		}
		in.body = Body{reader: body}
		in.req.Body = &in.body
	}
	return &in.req
}

// incomingAlloc holds what NewIncoming makes.
type incomingAlloc struct {
	req  Request
	h    Headers
	l    HeaderList
	body Body
}

var normalMethods = map[string]string{"DELETE": "DELETE", "GET": "GET", "HEAD": "HEAD", "OPTIONS": "OPTIONS", "POST": "POST", "PUT": "PUT"}

func (a *api) defineRequest() {
	vm := a.r.VM
	body := func(r *Request) *Body { return r.Body }
	ct := func(r *Request) string { v, _ := r.Headers.List.Get("content-type"); return v }
	methods := append(bodyMethods(a, body, ct), webidl.Method[*Request]{
		Name: "clone", Fn: func(r *Request, _ goja.FunctionCall) goja.Value {
			if a.used(r.Body) {
				panic(webidl.TypeError(vm, "Request.clone: Body has already been consumed."))
			}
			c := *r
			c.Headers = &Headers{List: r.Headers.List.Clone(), Guard: r.Headers.Guard}
			c.Body = a.cloneBody(r.Body)
			// The clone's signal follows the original's (Fetch §5.4 "clone" step 3).
			c.Signal = a.followSignal(a.signalOf(r))
			return a.request.Wrap(&c)
		}})
	str := func(f func(*Request) string) func(*Request) goja.Value {
		return func(r *Request) goja.Value { return vm.ToValue(f(r)) }
	}
	a.request = webidl.Define(a.r, webidl.Spec[*Request]{
		Name: "Request", Length: 1,
		New: func(call goja.ConstructorCall) *Request {
			return a.constructRequest(call.Argument(0), call.Argument(1))
		},
		Methods: methods,
		Accessors: []webidl.Accessor[*Request]{
			{Name: "method", Get: str(func(r *Request) string { return r.Method })},
			{Name: "url", Get: str(func(r *Request) string { return r.URL })},
			{Name: "headers", Get: func(r *Request) goja.Value { return a.headersObject(r.Headers) }},
			{Name: "destination", Get: str(func(*Request) string { return "" })},
			{Name: "referrer", Get: str(func(r *Request) string {
				switch r.Referrer {
				case "no-referrer", "":
					return ""
				case "client", "about:client":
					return "about:client"
				}
				return r.Referrer
			})},
			{Name: "referrerPolicy", Get: str(func(r *Request) string { return r.ReferrerPolicy })},
			{Name: "mode", Get: str(func(r *Request) string { return r.Mode })},
			{Name: "credentials", Get: str(func(r *Request) string { return r.Credentials })},
			{Name: "cache", Get: str(func(r *Request) string { return r.Cache })},
			{Name: "redirect", Get: str(func(r *Request) string { return r.Redirect })},
			{Name: "integrity", Get: str(func(r *Request) string { return r.Integrity })},
			{Name: "keepalive", Get: func(r *Request) goja.Value { return vm.ToValue(r.Keepalive) }},
			{Name: "isReloadNavigation", Get: func(*Request) goja.Value { return vm.ToValue(false) }},
			{Name: "isHistoryNavigation", Get: func(*Request) goja.Value { return vm.ToValue(false) }},
			{Name: "duplex", Get: str(func(r *Request) string { return r.Duplex })},
			{Name: "signal", Get: func(r *Request) goja.Value { return a.signalOf(r) }},
			{Name: "body", Get: func(r *Request) goja.Value { return a.bodyStream(r.Body) }},
			{Name: "bodyUsed", Get: func(r *Request) goja.Value { return vm.ToValue(a.used(r.Body)) }},
		},
	}).Global()
}

// constructRequest implements the Request constructor (Fetch §5.4 "new Request(input, init)"),
// for what a server needs: no window, no client, no service workers.
func (a *api) constructRequest(input, init goja.Value) *Request {
	vm := a.r.VM
	var req *Request
	if src, ok := a.request.Unwrap(input); ok {
		c := *src
		c.Headers = &Headers{List: src.Headers.List.Clone(), Guard: GuardRequest}
		// The new request's signal follows the input's (Fetch §5.4 step 29).
		c.Signal = a.followSignal(a.signalOf(src))
		c.Ext = nil
		req = &c
	} else {
		raw := webidl.USVString(vm, input)
		href, ok := parseURL(raw, "")
		if !ok {
			panic(webidl.TypeError(vm, "Failed to parse URL from %s", raw))
		}
		if hasCredentials(href) {
			panic(webidl.TypeError(vm, "Request cannot be constructed from a URL that includes credentials: %s", raw))
		}
		req = &Request{Method: "GET", URL: href, Headers: &Headers{List: &HeaderList{}, Guard: GuardRequest},
			Redirect: "follow", Cache: "default", Credentials: "same-origin", Mode: "cors", Referrer: "about:client", Duplex: "half"}
	}
	inputBody := req.Body
	o, hasInit := init.(*goja.Object)
	if !hasInit && !webidl.IsNullish(init) {
		panic(webidl.TypeError(vm, "Request constructor: init must be an object"))
	}
	get := func(name string) goja.Value {
		if !hasInit {
			return nil
		}
		v := o.Get(name)
		if v == nil || goja.IsUndefined(v) {
			return nil
		}
		return v
	}
	enum := func(name string, allowed ...string) string {
		v := get(name)
		if v == nil {
			return ""
		}
		s := webidl.DOMString(vm, v)
		for _, x := range allowed {
			if s == x {
				return s
			}
		}
		panic(webidl.TypeError(vm, "Request constructor: %s is not a valid value for %s", s, name))
	}
	if s := enum("redirect", "follow", "error", "manual"); s != "" {
		req.Redirect = s
	}
	if s := enum("cache", "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"); s != "" {
		req.Cache = s
	}
	if s := enum("credentials", "omit", "same-origin", "include"); s != "" {
		req.Credentials = s
	}
	if s := enum("mode", "same-origin", "no-cors", "cors", "navigate", "websocket"); s != "" {
		if s == "navigate" {
			panic(webidl.TypeError(vm, "Request constructor: invalid request mode navigate."))
		}
		req.Mode = s
	}
	if s := enum("referrerPolicy", "", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"); get("referrerPolicy") != nil {
		req.ReferrerPolicy = s
	}
	if v := get("integrity"); v != nil {
		req.Integrity = webidl.DOMString(vm, v)
	}
	if v := get("keepalive"); v != nil {
		req.Keepalive = v.ToBoolean()
	}
	if v := get("referrer"); v != nil {
		ref := webidl.USVString(vm, v)
		if ref == "" {
			req.Referrer = "no-referrer"
		} else if href, ok := parseURL(ref, ""); ok {
			req.Referrer = href
		} else {
			panic(webidl.TypeError(vm, "Request constructor: Failed to parse referrer %s", ref))
		}
	}
	if v := get("method"); v != nil {
		m := webidl.ByteString(vm, v, "method")
		if !isHeaderName(m) {
			panic(webidl.TypeError(vm, "Request constructor: '%s' is not a valid HTTP method.", m))
		}
		up := strings.ToUpper(m)
		if up == "CONNECT" || up == "TRACE" || up == "TRACK" {
			panic(webidl.TypeError(vm, "Request constructor: '%s' HTTP method is unsupported.", m))
		}
		if n, ok := normalMethods[up]; ok {
			m = n
		}
		req.Method = m
	}
	// Step 32: no-cors requests take CORS-safelisted methods only.
	if req.Mode == "no-cors" && req.Method != "GET" && req.Method != "HEAD" && req.Method != "POST" {
		panic(webidl.TypeError(vm, "Request constructor: '%s' is unsupported in no-cors mode.", req.Method))
	}
	if v := get("signal"); v != nil {
		if goja.IsNull(v) {
			req.Signal = nil // a fresh signal, following nothing (step 29: null init signal)
		} else {
			req.Signal = a.followSignal(v)
		}
	}
	// Step 20: only-if-cached is for same-origin requests only.
	if req.Cache == "only-if-cached" && req.Mode != "same-origin" {
		panic(webidl.TypeError(vm, "'only-if-cached' can be set only with 'same-origin' mode"))
	}
	if v := get("headers"); v != nil {
		req.Headers = &Headers{List: &HeaderList{}, Guard: GuardRequest}
		a.fillHeaders(req.Headers, v)
	}
	bodyInit := get("body")
	if bodyInit != nil && goja.IsNull(bodyInit) {
		bodyInit = nil
	}
	if (bodyInit != nil || inputBody != nil && hasInit && o.Get("body") != nil && !goja.IsUndefined(o.Get("body"))) && (req.Method == "GET" || req.Method == "HEAD") {
		panic(webidl.TypeError(vm, "Request with GET/HEAD method cannot have body."))
	}
	if bodyInit != nil {
		ex := a.extractBody(bodyInit)
		req.Body = ex.body
		if ex.contentType != "" && !req.Headers.List.Has("content-type") {
			req.Headers.List.Append("content-type", ex.contentType)
		}
		if ex.body.stream != nil {
			if d := get("duplex"); d == nil || d.String() != "half" {
				panic(webidl.TypeError(vm, "RequestInit: duplex option is required when sending a body."))
			}
		}
	} else if inputBody != nil {
		if a.used(inputBody) {
			panic(webidl.TypeError(vm, "Cannot construct a Request with a Request object that has already been used."))
		}
		// The new request takes the input's body; the input becomes disturbed (Fetch §5.4 step 41).
		req.Body = inputBody
		if src, ok := a.request.Unwrap(input); ok {
			src.Body = &Body{used: true}
		}
	}
	return req
}

// signalOf returns req's signal object, making it on first use.
func (a *api) signalOf(r *Request) *goja.Object {
	if r.Signal == nil {
		r.Signal = a.newSignal()
		if r.aborted {
			a.abortSignal(r.Signal)
		}
	}
	return r.Signal
}

// AbortRequest aborts req's signal (the client went away). The signal of a request is made
// only when JS asks for it, so an abort before that is remembered.
func AbortRequest(r *webapi.Realm, req *Request) {
	if req.Signal == nil {
		req.aborted = true
		return
	}
	of(r).abortSignal(req.Signal)
}

// RequestOf returns the Go state of a JS Request (or subclass).
func (a *api) requestOf(v goja.Value) (*Request, bool) { return a.request.Unwrap(v) }
