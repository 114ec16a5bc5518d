package engine

import (
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
)

// Error messages as V8 words them, where a route handler reads them.
//
// goja words its built-in errors differently from V8 (`Malformed URI` for `URI malformed`, `No initial
// value` for `Reduce of empty array with no initial value`…), so a handler answering
// `Response.json({ error: e.message })` would answer another body than under Node. goja has no hook where it
// makes these errors, so they are reworded where a handler sees them: the loader starts every
// `catch (e) { … }` of the project's own files with a call to loader.ErrHelper (loader/trycatch.go), and
// the global URI functions are wrapped (installURIWrappers). The expected words are Node 20's, recorded by
// testdata/errmsg/record.mjs.
//
// A message that carries all V8 says is reworded (v8Message). Calling what is not a function is reworded
// when the callee's source text is certain (calleeText): V8 prints it, `o.items.map is not a function`.
// The others stay goja's: reading a property of null or undefined (goja says "of undefined" for both, and
// the value is gone), `'x'.repeat(-1)` (V8 adds the count). A user's own `new TypeError('No initial value')`
// is reworded too: it cannot be told from goja's.

// installErrHelper defines loader.ErrHelper: given a TypeError, RangeError or URIError of this runtime
// whose message is goja's wording of a V8 message, it sets V8's as its message, and as the first line of its
// stack. Anything else is left as it is. It returns undefined. root is the project's directory, where the
// source of a call that threw is read (calleeText); "" reads none.
func installErrHelper(vm *goja.Runtime, root string) {
	kinds := errorKinds(vm)
	src := &sourceFiles{root: root}
	helper := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if o, ok := call.Argument(0).(*goja.Object); ok {
			reword(vm, o, kinds, src)
		}
		return goja.Undefined()
	})
	_ = helper.(*goja.Object).DefineDataProperty("name", vm.ToValue(loader.ErrHelper), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = vm.GlobalObject().DefineDataProperty(loader.ErrHelper, helper, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// errorKinds maps the prototypes of the runtime's error constructors whose messages v8Message knows to
// their names.
func errorKinds(vm *goja.Runtime) map[*goja.Object]string {
	kinds := map[*goja.Object]string{}
	for _, name := range []string{"TypeError", "RangeError", "URIError"} {
		if c, ok := vm.Get(name).(*goja.Object); ok {
			if p, ok := c.Get("prototype").(*goja.Object); ok {
				kinds[p] = name
			}
		}
	}
	return kinds
}

// reword gives o V8's message when o is an error of one of kinds with a message v8Message knows, or, with
// src, a call's that calleeText finds the callee of. What the error's own code throws while it is read (a
// message getter) is dropped: the catch block runs on with the error as it was thrown.
func reword(vm *goja.Runtime, o *goja.Object, kinds map[*goja.Object]string, src *sourceFiles) {
	if o.ClassName() != "Error" {
		return
	}
	_ = vm.Try(func() { rewordError(o, kinds, src) })
}

func rewordError(o *goja.Object, kinds map[*goja.Object]string, src *sourceFiles) {
	kind, ok := kinds[o.Prototype()]
	if !ok {
		return
	}
	m, ok := o.Get("message").Export().(string)
	if !ok {
		return
	}
	v8, ok := v8Message(kind, m)
	if !ok && src != nil && kind == "TypeError" {
		v8, ok = src.notAFunction(m, o)
	}
	if !ok {
		return
	}
	name := kind
	if n, ok := o.Get("name").Export().(string); ok {
		name = n
	}
	_ = o.Set("message", v8)
	// goja formats the stack on first read, from the message then: one read before has the old words.
	if s, ok := o.Get("stack").Export().(string); ok {
		if rest, found := strings.CutPrefix(s, name+": "+m+"\n"); found {
			_ = o.Set("stack", name+": "+v8+"\n"+rest)
		}
	}
}

// v8Message returns V8's message for goja's message m of an error of kind (a constructor's name), when
// m holds all V8's holds.
func v8Message(kind, m string) (string, bool) {
	switch kind {
	case "URIError":
		if m == "Malformed URI" { // builtin_global.go: decodeURI*, encodeURI*
			return "URI malformed", true
		}
	case "TypeError":
		if m == "No initial value" { // builtin_array.go: reduce, reduceRight of an empty array
			return "Reduce of empty array with no initial value", true
		}
	case "RangeError":
		// builtin_bigint.go numberToBigInt: BigInt(1.5), BigInt(NaN); the number as JS prints it.
		if n, ok := strings.CutPrefix(m, "Cannot convert "); ok {
			if n, ok := strings.CutSuffix(n, " to a BigInt"); ok && isNumberText(n) {
				return "The number " + n + " cannot be converted to a BigInt because it is not an integer", true
			}
		}
		switch m { // builtin_number.go
		case "toFixed() precision must be between 0 and 100":
			return "toFixed() digits argument must be between 0 and 100", true
		case "toExponential() precision must be between 0 and 100":
			return "toExponential() argument must be between 0 and 100", true
		case "toPrecision() precision must be between 1 and 100":
			return "toPrecision() argument must be between 1 and 100", true
		}
	}
	return "", false
}

// isNumberText reports whether s is a number as JS's ToString prints it (1.5, -2e+21, NaN, Infinity).
func isNumberText(s string) bool {
	switch s {
	case "NaN", "Infinity", "-Infinity":
		return true
	}
	f, err := strconv.ParseFloat(s, 64)
	return err == nil && !math.IsInf(f, 0) && !strings.ContainsAny(s, "_xXpP") && s == strings.TrimSpace(s)
}

// uriFunctions are the global functions whose URIError goja words `Malformed URI`.
var uriFunctions = []string{"decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent"}

// installURIWrappers replaces the global URI functions by host functions that run goja's and reword the
// URIError it throws (`URI malformed`), so that the message is V8's wherever it is read: in a package, in
// a promise's .catch. goja's own Go function is called (Export of a built-in gives it), so a call that
// succeeds pays one more Go call and Runtime.Try, and a stack has one frame for the call, as Node's. The
// wrappers keep the name, length and property attributes of the built-ins.
func installURIWrappers(vm *goja.Runtime) {
	kinds := errorKinds(vm)
	for _, name := range uriFunctions {
		orig, ok := vm.Get(name).Export().(func(goja.FunctionCall) goja.Value)
		if !ok {
			continue
		}
		w := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			var v goja.Value
			if ex := vm.Try(func() { v = orig(call) }); ex != nil {
				if o, ok := ex.Value().(*goja.Object); ok {
					reword(vm, o, kinds, nil)
				}
				panic(ex)
			}
			return v
		}).(*goja.Object)
		// As the built-ins': name and length read-only and configurable, the global writable and configurable.
		_ = w.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = w.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		_ = vm.GlobalObject().DefineDataProperty(name, w, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
}

// usesURIFunctions reports whether a program's code names one of uriFunctions.
func usesURIFunctions(code string) bool {
	return strings.Contains(code, "decodeURI") || strings.Contains(code, "encodeURI")
}
