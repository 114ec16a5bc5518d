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
		ctor.DefineDataPropertySymbol(goja.SymHasInstance, vm.ToValue(func(goja.FunctionCall) goja.Value { return vm.ToValue(false) }),
			goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return ctor
	})
}
