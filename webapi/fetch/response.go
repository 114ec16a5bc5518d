package fetch

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// Response is the Go state of a JS Response (Fetch §5.5): the spec's "response" record. The
// engine writes it to the wire straight from here.
type Response struct {
	Type       string // "default", "basic", "cors", "error", "opaque", "opaqueredirect"
	Status     int
	StatusText string
	Headers    *Headers
	Body       *Body
	URLList    []string
	Redirected bool

	holder webidl.Holder
}

// SlotHolder lends the response's own memory to the JS object wrapping it (webidl.HolderOwner).
func (r *Response) SlotHolder() *webidl.Holder { return &r.holder }

// nullBodyStatus: 101, 103, 204, 205, 304 (Fetch §2.2.3).
func nullBodyStatus(s int) bool {
	return s == 101 || s == 103 || s == 204 || s == 205 || s == 304
}

func redirectStatus(s int) bool {
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308
}

// responseAlloc is a new Response with its Headers and header list in one allocation, and room
// for two header fields (content-type and one more) before the list needs a slice of its own:
// a Response is made on nearly every request.
type responseAlloc struct {
	r      Response
	h      Headers
	l      HeaderList
	fields [2]Field
}

func newResponse(typ string, status int, g Guard) *Response {
	a := &responseAlloc{}
	a.l.fields = a.fields[:0]
	a.h = Headers{List: &a.l, Guard: g}
	a.r = Response{Type: typ, Status: status, Headers: &a.h}
	return &a.r
}

func (a *api) defineResponse() {
	vm := a.r.VM
	body := func(r *Response) *Body { return r.Body }
	ct := func(r *Response) string { v, _ := r.Headers.List.Get("content-type"); return v }
	methods := append(bodyMethods(a, body, ct), webidl.Method[*Response]{
		Name: "clone", Fn: func(r *Response, _ goja.FunctionCall) goja.Value {
			if a.used(r.Body) {
				panic(webidl.TypeError(vm, "Response.clone: Body has already been consumed."))
			}
			c := *r
			c.Headers = &Headers{List: r.Headers.List.Clone(), Guard: r.Headers.Guard}
			c.Body = a.cloneBody(r.Body)
			return a.response.Wrap(&c)
		}})
	a.response = webidl.Define(a.r, webidl.Spec[*Response]{
		Name: "Response",
		New: func(call goja.ConstructorCall) *Response {
			r := newResponse("default", 200, GuardResponse)
			var ex *extracted
			if b := call.Argument(0); !webidl.IsNullish(b) {
				e := a.extractBody(b)
				ex = &e
			}
			a.initResponse(r, call.Argument(1), ex)
			r.Headers.obj = nil
			return r
		},
		Methods: methods,
		Accessors: []webidl.Accessor[*Response]{
			{Name: "type", Get: func(r *Response) goja.Value { return vm.ToValue(r.Type) }},
			{Name: "url", Get: func(r *Response) goja.Value {
				if len(r.URLList) == 0 {
					return vm.ToValue("")
				}
				u := r.URLList[len(r.URLList)-1]
				if i := strings.IndexByte(u, '#'); i >= 0 {
					u = u[:i]
				}
				return vm.ToValue(u)
			}},
			{Name: "redirected", Get: func(r *Response) goja.Value { return vm.ToValue(r.Redirected) }},
			{Name: "status", Get: func(r *Response) goja.Value { return vm.ToValue(r.Status) }},
			{Name: "ok", Get: func(r *Response) goja.Value { return vm.ToValue(r.Status >= 200 && r.Status <= 299) }},
			{Name: "statusText", Get: func(r *Response) goja.Value { return vm.ToValue(r.StatusText) }},
			{Name: "headers", Get: func(r *Response) goja.Value { return a.headersObject(r.Headers) }},
			{Name: "body", Get: func(r *Response) goja.Value { return a.bodyStream(r.Body) }},
			{Name: "bodyUsed", Get: func(r *Response) goja.Value { return vm.ToValue(a.used(r.Body)) }},
		},
		Statics: []webidl.StaticMethod{
			{Name: "error", Fn: func(call goja.FunctionCall) goja.Value {
				r := newResponse("error", 0, GuardImmutable)
				return a.wrapResponse(call, r)
			}},
			{Name: "redirect", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				// Fetch §5.5 "redirect(url, status)": 1. parse url (no base on a server).
				href, ok := parseURL(webidl.USVString(vm, call.Argument(0)), "")
				if !ok {
					panic(webidl.TypeError(vm, "Failed to parse URL from %s", call.Argument(0).String()))
				}
				status := 302
				if s := call.Argument(1); !goja.IsUndefined(s) {
					status = int(s.ToInteger())
				}
				if !redirectStatus(status) {
					panic(webidl.RangeError(vm, "Invalid status code %d", status))
				}
				r := newResponse("default", status, GuardImmutable)
				r.Headers.List.Set("location", href)
				return a.wrapResponse(call, r)
			}},
			{Name: "json", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				// Fetch §5.5 "json(data, init)".
				s, err := a.jsonStringify(goja.Undefined(), call.Argument(0))
				if err != nil {
					panic(err)
				}
				if goja.IsUndefined(s) {
					panic(webidl.TypeError(vm, "Value is not JSON serializable"))
				}
				r := newResponse("default", 200, GuardResponse)
				a.initResponse(r, call.Argument(1), &extracted{BytesBody([]byte(s.String())), "application/json"})
				return a.wrapResponse(call, r)
			}},
		},
	}).Global()
}

// wrapResponse makes the JS object of a Response made by a static method, using `this` as the
// class when it is a subclass (so NextResponse.json returns a NextResponse).
func (a *api) wrapResponse(call goja.FunctionCall, r *Response) goja.Value {
	if ctor, ok := call.This.(*goja.Object); ok && ctor != a.response.Ctor {
		if proto, ok := ctor.Get("prototype").(*goja.Object); ok {
			return a.response.WrapAs(r, proto)
		}
	}
	return a.response.Wrap(r)
}

// initResponse implements Fetch §5.5 "initialize a response".
func (a *api) initResponse(r *Response, init goja.Value, body *extracted) {
	vm := a.r.VM
	if o, ok := init.(*goja.Object); ok {
		// 1. status must be in the range 200 to 599.
		if s := o.Get("status"); s != nil && !goja.IsUndefined(s) {
			st := unsignedShort(s.ToFloat())
			if st < 200 || st > 599 {
				panic(webidl.RangeError(vm, "init[\"status\"] must be in the range of 200 to 599, inclusive."))
			}
			r.Status = st
		}
		// 2. statusText must match the reason-phrase token production.
		if st := o.Get("statusText"); st != nil && !goja.IsUndefined(st) {
			text := webidl.ByteString(vm, st, "statusText")
			if strings.ContainsAny(text, "\r\n") {
				panic(webidl.TypeError(vm, "Invalid statusText"))
			}
			r.StatusText = text
		}
		// 5. headers.
		if h := o.Get("headers"); !webidl.IsNullish(h) {
			a.fillHeaders(r.Headers, h)
		}
	} else if !webidl.IsNullish(init) {
		panic(webidl.TypeError(vm, "Response constructor: init must be an object"))
	}
	// 6. a body with a null body status is an error.
	if body != nil {
		if nullBodyStatus(r.Status) {
			panic(webidl.TypeError(vm, "Response constructor: Invalid response status code %d", r.Status))
		}
		r.Body = body.body
		if body.contentType != "" && !r.Headers.List.Has("content-type") {
			r.Headers.List.Append("content-type", body.contentType)
		}
	}
}

// ResponseOf returns the Go state of a JS Response (or subclass).
func (a *api) responseOf(v goja.Value) (*Response, bool) { return a.response.Unwrap(v) }

// unsignedShort is WebIDL's [unsigned short] conversion (§3.2.4): NaN and infinities are 0,
// otherwise truncate and wrap modulo 2^16.
func unsignedShort(f float64) int {
	if f != f || f > 1e300 || f < -1e300 {
		return 0
	}
	n := int64(f) % 65536
	if n < 0 {
		n += 65536
	}
	return int(n)
}
