package node

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
)

// Modules written in JavaScript (EventEmitter, assert, path...) are compiled once per process with
// goja.Compile; each program is one expression evaluating to a function `(host) => exports` that
// Eval calls in a runtime on first require. host is the small set of Go helpers they share (see
// hostOf).

// Eval runs prog, a compiled `(host) => exports` function expression, and returns the exports.
func Eval(r *webapi.Realm, prog *goja.Program) goja.Value {
	fn, err := r.VM.RunProgram(prog)
	if err != nil {
		panic(err)
	}
	call, ok := goja.AssertFunction(fn)
	if !ok {
		panic(r.VM.NewTypeError("node: %s is not a module function", prog))
	}
	v, err := call(goja.Undefined(), HostObject(r))
	if err != nil {
		panic(err)
	}
	return v
}

type hostKey struct{}

// hostFuncs are added to every realm's host object by the packages that own them (the util
// package adds inspect with options, for instance). Registered from init functions only.
var hostFuncs = map[string]func(r *webapi.Realm) goja.Value{}

// RegisterHostFunc adds a helper named name to the host object JS modules receive.
func RegisterHostFunc(name string, f func(r *webapi.Realm) goja.Value) {
	mu.Lock()
	defer mu.Unlock()
	hostFuncs[name] = f
}

// HostObject is the helper object handed to the JS modules, built once per realm:
//
//	require(name)                  another built-in's exports (Require)
//	nodeError(ctor, code, message) Node's internal error shape (console.NodeError)
//	invalidArgType(name, expected, value) ERR_INVALID_ARG_TYPE ("must be " + expected)
//	outOfRange(name, range, receivedText)  ERR_OUT_OF_RANGE
//	isBuiltin(name)                module.isBuiltin
//	builtinModules()               a new array of module.builtinModules
//	received(value)                the "Received ..." text of Node's argument errors
//	inspect(value, options)        util.inspect
//	format(...args)                util.format
//	formatWith(options, ...args)   util.formatWithOptions
//	kind(value)                    console.Kind: "Map", "Date", "Proxy"... ("" for primitives)
//	nativeError(value)             whether value has [[ErrorData]]
//	notSupported(module, export)   the ERR_NOT_SUPPORTED error
//	log(level, message)            a line in the server log ("info", "warn", "error")
func HostObject(r *webapi.Realm) *goja.Object {
	return r.State(hostKey{}, func() any {
		vm := r.VM
		h := vm.NewObject()
		h.Set("require", func(call goja.FunctionCall) goja.Value { return Require(r, call.Argument(0).String()) })
		h.Set("nodeError", func(call goja.FunctionCall) goja.Value {
			return console.NodeError(r, call.Argument(0).String(), call.Argument(1).String(), "%s", call.Argument(2).String())
		})
		h.Set("invalidArgType", func(call goja.FunctionCall) goja.Value {
			return InvalidArgType(r, call.Argument(0).String(), call.Argument(1).String(), call.Argument(2))
		})
		h.Set("outOfRange", func(call goja.FunctionCall) goja.Value {
			return console.NodeError(r, "RangeError", "ERR_OUT_OF_RANGE", "The value of \"%s\" is out of range. It must be %s. Received %s",
				call.Argument(0).String(), call.Argument(1).String(), call.Argument(2).String())
		})
		h.Set("builtinModules", func(goja.FunctionCall) goja.Value {
			out := make([]any, len(BuiltinModules))
			for i, b := range BuiltinModules {
				out[i] = b
			}
			return vm.NewArray(out...)
		})
		h.Set("isBuiltin", func(call goja.FunctionCall) goja.Value { return vm.ToValue(IsBuiltin(call.Argument(0).String())) })
		h.Set("received", func(call goja.FunctionCall) goja.Value { return vm.ToValue(console.Received(r, call.Argument(0))) })
		h.Set("inspect", func(call goja.FunctionCall) goja.Value {
			return vm.ToValue(console.InspectWith(r, call.Argument(0), call.Argument(1)))
		})
		h.Set("format", func(call goja.FunctionCall) goja.Value { return vm.ToValue(console.Format(r, call.Arguments)) })
		h.Set("formatWith", func(call goja.FunctionCall) goja.Value {
			if len(call.Arguments) == 0 {
				return vm.ToValue("")
			}
			return vm.ToValue(console.FormatWith(r, call.Arguments[0], call.Arguments[1:]))
		})
		h.Set("setInspect", func(call goja.FunctionCall) goja.Value {
			console.SetInspectFunction(r, call.Argument(0))
			return goja.Undefined()
		})
		h.Set("kind", func(call goja.FunctionCall) goja.Value { return vm.ToValue(console.Kind(r, call.Argument(0))) })
		h.Set("nativeError", func(call goja.FunctionCall) goja.Value { return vm.ToValue(console.NativeError(call.Argument(0))) })
		h.Set("notSupported", func(call goja.FunctionCall) goja.Value {
			return NotSupported(r, call.Argument(0).String(), call.Argument(1).String())
		})
		h.Set("log", func(call goja.FunctionCall) goja.Value {
			l := r.Host.Logger()
			switch msg := call.Argument(1).String(); call.Argument(0).String() {
			case "error":
				l.Error(msg)
			case "warn":
				l.Warn(msg)
			default:
				l.Info(msg)
			}
			return goja.Undefined()
		})
		mu.RLock()
		for name, f := range hostFuncs {
			h.Set(name, f(r))
		}
		mu.RUnlock()
		return h
	}).(*goja.Object)
}

// InvalidArgType is Node's ERR_INVALID_ARG_TYPE: `The "name" argument must be <expected>. Received
// ...`; a dotted name ("options.signal") is a "property", as in lib/internal/errors.js.
func InvalidArgType(r *webapi.Realm, name, expected string, v goja.Value) *goja.Object {
	var subject string
	switch {
	case strings.HasSuffix(name, " argument"):
		subject = "The " + name // "The last argument must be..."
	case strings.Contains(name, "."):
		subject = "The \"" + name + "\" property"
	default:
		subject = "The \"" + name + "\" argument"
	}
	return console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", "%s must be %s. Received %s", subject, expected, console.Received(r, v))
}
