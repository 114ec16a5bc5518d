package fetch

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Headers is the Go state of a JS Headers object (Fetch §5.2 "Headers class").
type Headers struct {
	List  *HeaderList
	Guard Guard
	obj   *goja.Object // the JS wrapper, made on first use
}

// NewHeaders makes Headers around list.
func NewHeaders(list *HeaderList, g Guard) *Headers { return &Headers{List: list, Guard: g} }

func (a *api) defineHeaders() {
	vm := a.r.VM
	a.headers = webidl.Define(a.r, webidl.Spec[*Headers]{
		Name: "Headers",
		New: func(call goja.ConstructorCall) *Headers {
			h := &Headers{List: &HeaderList{}}
			h.obj = call.This
			// undefined is "no init"; null is neither a sequence nor a record: TypeError.
			if init := call.Argument(0); !goja.IsUndefined(init) {
				a.fillHeaders(h, init)
			}
			return h
		},
		Methods: []webidl.Method[*Headers]{
			{Name: "append", Length: 2, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				a.appendHeader(h, call.Argument(0), call.Argument(1))
				return goja.Undefined()
			}},
			{Name: "delete", Length: 1, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				name := a.headerName(call.Argument(0), "delete")
				a.checkGuard(h)
				h.List.Delete(name)
				return goja.Undefined()
			}},
			{Name: "get", Length: 1, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				name := a.headerName(call.Argument(0), "get")
				if v, ok := h.List.Get(name); ok {
					return vm.ToValue(webidl.Latin1ToString(v))
				}
				return goja.Null()
			}},
			{Name: "getSetCookie", Length: 0, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				vs := h.List.Values("set-cookie")
				out := make([]any, len(vs))
				for i, v := range vs {
					out[i] = webidl.Latin1ToString(v)
				}
				return vm.NewArray(out...)
			}},
			{Name: "has", Length: 1, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				return vm.ToValue(h.List.Has(a.headerName(call.Argument(0), "has")))
			}},
			{Name: "set", Length: 2, Fn: func(h *Headers, call goja.FunctionCall) goja.Value {
				name := a.headerName(call.Argument(0), "set")
				value := a.headerValue(call.Argument(1), "set")
				a.checkGuard(h)
				h.List.Set(name, value)
				return goja.Undefined()
			}},
		},
		Iterable: func(h *Headers) [][2]goja.Value {
			fs := h.List.SortAndCombine()
			out := make([][2]goja.Value, len(fs))
			for i, f := range fs {
				out[i] = [2]goja.Value{vm.ToValue(f.Name), vm.ToValue(webidl.Latin1ToString(f.Value))}
			}
			return out
		},
		IterableVersion: func(h *Headers) uint64 { return h.List.Version() },
	}).Global()
}

// HeadersObject returns the JS object of h, making it on first use.
func (a *api) headersObject(h *Headers) *goja.Object {
	if h.obj == nil {
		h.obj = a.headers.Wrap(h)
	}
	return h.obj
}

// fillHeaders implements Fetch §5.2 "fill": a Headers, a sequence of pairs, or a record.
func (a *api) fillHeaders(h *Headers, init goja.Value) {
	vm := a.r.VM
	if other, ok := a.headers.Unwrap(init); ok {
		for _, f := range other.List.Fields() {
			h.List.Append(f.Name, f.Value)
		}
		return
	}
	o, ok := init.(*goja.Object)
	if !ok {
		panic(webidl.TypeError(vm, "Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'."))
	}
	if it := o.GetSymbol(goja.SymIterator); !webidl.IsNullish(it) {
		webidl.Iterate(vm, o, func(pair goja.Value) {
			var items []goja.Value
			if !webidl.Iterate(vm, pair, func(v goja.Value) { items = append(items, v) }) {
				panic(webidl.TypeError(vm, "Failed to construct 'Headers': The provided value cannot be converted to a sequence."))
			}
			if len(items) != 2 {
				panic(webidl.TypeError(vm, "Failed to construct 'Headers': Invalid value"))
			}
			a.appendHeader(h, items[0], items[1])
		})
		return
	}
	for _, k := range o.Keys() {
		a.appendHeader(h, vm.ToValue(k), o.Get(k))
	}
}

func (a *api) appendHeader(h *Headers, n, v goja.Value) {
	name := a.headerName(n, "append")
	value := a.headerValue(v, "append")
	a.checkGuard(h)
	h.List.Append(name, value)
}

func (a *api) headerName(v goja.Value, method string) string {
	name := webidl.ByteString(a.r.VM, v, "name")
	if !isHeaderName(name) {
		panic(webidl.TypeError(a.r.VM, "Headers.%s: %q is an invalid header name.", method, name))
	}
	return name
}

func (a *api) headerValue(v goja.Value, method string) string {
	value := normalizeValue(webidl.ByteString(a.r.VM, v, "value"))
	if !isHeaderValue(value) {
		panic(webidl.TypeError(a.r.VM, "Headers.%s: %q is an invalid header value.", method, value))
	}
	return value
}

func (a *api) checkGuard(h *Headers) {
	if h.Guard == GuardImmutable {
		panic(webidl.TypeError(a.r.VM, "immutable"))
	}
}

// HeadersOf returns the Go state of a JS Headers object.
func HeadersOf(r *webapi.Realm, v goja.Value) (*Headers, bool) {
	return of(r).headers.Unwrap(v)
}

// HeadersObject returns (making it on first use) the JS object of h.
func HeadersObject(r *webapi.Realm, h *Headers) *goja.Object { return of(r).headersObject(h) }

// NodeInspect is how Node.js (undici) shows a Headers object (console.NodeInspected): one entry
// per name, in the order names first appear and as first spelled, the values joined with ", "
// (Set-Cookie's too).
func (h *Headers) NodeInspect() ([]string, []any) {
	var names []string
	var values []any
	at := map[string]int{}
	for _, f := range h.List.Fields() {
		lower := strings.ToLower(f.Name)
		if i, ok := at[lower]; ok {
			values[i] = values[i].(string) + ", " + f.Value
			continue
		}
		at[lower] = len(names)
		names = append(names, f.Name)
		values = append(values, f.Value)
	}
	return names, values
}
