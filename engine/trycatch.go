package engine

import (
	"errors"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// installTryHelper defines loader.TryHelper, through which the project's own try blocks run
// (loader/trycatch.go): it calls its argument and returns what it returns. A stack overflow in it, which
// goja makes an uncatchable *goja.StackOverflowError that would skip every JS catch and finally up to
// the nearest Go boundary, stops here, at this host call, and is thrown on as Node's catchable
// `RangeError: Maximum call stack size exceeded` (its stack the one of the try statement), so the
// block's own catch and finally run as in Node. Any other exception is rethrown as it is; an interrupt
// (time limit, memory budget, shutdown) stays uncatchable.
//
// A stack trace through such a block has two more frames than Node's: the block's arrow function (named by
// its place) and "__jsroute_try (native)". It is installed only on runtimes whose program calls it:
// hello-world never pays for it.
func installTryHelper(vm *goja.Runtime) {
	helper := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("%s: not a function", loader.TryHelper))
		}
		v, err := fn(goja.Undefined())
		if err == nil {
			return v
		}
		if _, so := errors.AsType[*goja.StackOverflowError](err); so {
			panic(webidl.RangeError(vm, "Maximum call stack size exceeded"))
		}
		panic(err)
	})
	// Its stack frame reads "at __jsroute_try (native)", not the Go function's name.
	_ = helper.(*goja.Object).DefineDataProperty("name", vm.ToValue(loader.TryHelper), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = vm.GlobalObject().DefineDataProperty(loader.TryHelper, helper, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
}

// callsTryHelper reports whether a program's code calls loader.TryHelper or loader.ErrHelper, the helpers
// of the try transform (installed together by installTryHelpers).
func callsTryHelper(code string) bool {
	return code != "" && (strings.Contains(code, loader.TryHelper+"(") || strings.Contains(code, loader.ErrHelper+"("))
}

// installTryHelpers defines the helpers the project's transformed try statements call: loader.TryHelper
// and loader.ErrHelper (errmsg.go).
func installTryHelpers(vm *goja.Runtime, root string) {
	installTryHelper(vm)
	installErrHelper(vm, root)
}
