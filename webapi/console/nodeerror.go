package console

import (
	"fmt"
	"math"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// Node.js's own argument errors (lib/internal/errors.js) are what a route handler sees in Next.js
// when it passes a Web API the wrong type: the bindings that follow Node there build them here,
// because the text names the received value the way util.inspect prints it.

// Received describes v as Node.js's argument errors do after "Received " (determineSpecificType in
// lib/internal/errors.js): "undefined", "null", "function f", "an instance of X" for an object
// whose constructor has a name, else its one-level inspection ("[Object: null prototype] {}"),
// and "type number (1)", "type string ('abc')" for primitives, a string cut to 25 characters
// and "..." when longer than 28 and JSON-quoted when it holds a "'".
func Received(r *webapi.Realm, v goja.Value) string {
	vm := r.VM
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch x := v.(type) {
	case *goja.Symbol:
		return "type symbol (Symbol(" + x.String() + "))"
	case goja.String:
		if x.Length() > 28 {
			x = x.Substring(0, 25).Concat(vm.ToValue("...").(goja.String))
		}
		if !strings.Contains(x.String(), "'") {
			return "type string ('" + x.String() + "')"
		}
		q, _ := intrinsicsOf(r).jsonStringify(goja.Undefined(), x)
		return "type string (" + q.String() + ")"
	case *goja.Object:
		var out string
		vm.Try(func() {
			if _, fn := goja.AssertFunction(x); fn {
				out = "function " + x.Get("name").String()
				return
			}
			if c, ok := x.Get("constructor").(*goja.Object); ok && c.Get("name") != nil {
				out = "an instance of " + c.Get("name").String()
			}
		})
		if out == "" {
			in := newInspector(r, defaultOptions)
			in.depth = -1
			out = in.value(v, 0, false)
		}
		return out
	}
	switch v.ExportType() {
	case boolType:
		return "type boolean (" + v.String() + ")"
	case bigIntType:
		return "type bigint (" + v.String() + "n)"
	}
	if f := v.ToFloat(); f == 0 && math.Signbit(f) {
		return "type number (-0)"
	}
	return "type number (" + v.String() + ")"
}

// NodeError makes an error shaped like Node.js's internal ones: an instance of the standard
// constructor named ctor ("Error", "TypeError", "RangeError", "URIError", "SyntaxError") with the
// message and an enumerable own code, whose prototype chain has one more object before
// ctor.prototype, holding a toString that prints "TypeError [CODE]: message" (Node's NodeError
// classes).
func NodeError(r *webapi.Realm, ctor, code, format string, args ...any) *goja.Object {
	vm := r.VM
	protos := r.State(nodeErrorKey{}, func() any { return map[string]*goja.Object{} }).(map[string]*goja.Object)
	in := intrinsicsOf(r)
	base := in.errorCtors[ctor]
	if base == nil {
		base = in.errorCtors["Error"]
	}
	e, err := vm.New(base, vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(err)
	}
	proto := protos[ctor]
	if proto == nil {
		proto = vm.NewObject()
		proto.SetPrototype(base.Get("prototype").(*goja.Object))
		proto.DefineDataProperty("constructor", base, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		toString := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			this := call.This.ToObject(vm)
			return vm.ToValue(this.Get("name").String() + " [" + this.Get("code").String() + "]: " + this.Get("message").String())
		})
		proto.DefineDataProperty("toString", toString, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		protos[ctor] = proto
	}
	e.SetPrototype(proto)
	e.Set("code", code)
	return e
}

type nodeErrorKey struct{}
