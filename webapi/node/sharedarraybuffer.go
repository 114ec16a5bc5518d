package node

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
)

// SharedArrayBuffer exists in Node (https://nodejs.org/docs/latest-v20.x/api/globals.html), and
// libraries test values against it (`v instanceof SharedArrayBuffer` in Prisma's raw-query
// parameters, in buffer and encoding helpers). goja has no shared memory, so jsroute's global is a
// class no value is an instance of, whose constructor throws ERR_NOT_SUPPORTED: a check answers
// false, as it would for every buffer a route can make, and a construction fails by name.
func init() {
	RegisterGlobal("SharedArrayBuffer", func(r *webapi.Realm) goja.Value {
		vm := r.VM
		ctor := vm.ToValue(func(goja.ConstructorCall) *goja.Object {
			panic(console.NodeError(r, "TypeError", "ERR_NOT_SUPPORTED", "SharedArrayBuffer is not supported by jsroute (its JavaScript engine has no shared memory)"))
		}).(*goja.Object)
		ctor.DefineDataProperty("name", vm.ToValue("SharedArrayBuffer"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		// The prototype has the accessors and methods of ES2024 §25.2.5, for code that reads them
		// without an instance (webidl-conversions, loaded by jsdom and whatwg-url, takes the
		// byteLength and growable getters at load time); with no instance, each throws.
		proto := vm.NewObject()
		incompatible := func(name string) func(goja.FunctionCall) goja.Value {
			return func(goja.FunctionCall) goja.Value {
				panic(vm.NewTypeError("Method SharedArrayBuffer.prototype." + name + " called on incompatible receiver"))
			}
		}
		for _, name := range []string{"byteLength", "growable", "maxByteLength"} {
			proto.DefineAccessorProperty(name, vm.ToValue(incompatible(name)), nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
		for _, name := range []string{"grow", "slice"} {
			proto.DefineDataProperty(name, vm.ToValue(incompatible(name)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
		proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("SharedArrayBuffer"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		ctor.DefineDataPropertySymbol(goja.SymHasInstance, vm.ToValue(func(goja.FunctionCall) goja.Value { return vm.ToValue(false) }),
			goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return ctor
	})
}
