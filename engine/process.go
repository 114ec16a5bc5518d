package engine

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// installProcess defines the small part of Node's `process` route handlers and libraries use:
// process.env (only the variables the host lets through: the app's .env files plus the real
// environment as loaded by the engine), process.env.NEXT_RUNTIME, process.version and nextTick.
func installProcess(r *webapi.Realm) {
	vm := r.VM
	env := vm.NewObject()
	for k, v := range r.Host.Env() {
		env.Set(k, v)
	}
	if v := env.Get("NEXT_RUNTIME"); v == nil {
		env.Set("NEXT_RUNTIME", "nodejs")
	}
	p := vm.NewObject()
	p.Set("env", env)
	p.Set("version", "v20.0.0")
	p.Set("versions", map[string]any{"node": "20.0.0"})
	p.Set("platform", "linux")
	p.Set("browser", false)
	p.Set("nextTick", func(call goja.FunctionCall) goja.Value {
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("The \"callback\" argument must be of type function"))
		}
		args := append([]goja.Value(nil), call.Arguments[1:]...)
		p, resolve, _ := vm.NewPromise()
		then, _ := goja.AssertFunction(vm.ToValue(p).(*goja.Object).Get("then"))
		then(vm.ToValue(p), vm.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := fn(goja.Undefined(), args...); err != nil {
				r.Host.Logger().Error("uncaught exception in process.nextTick callback", "error", err)
			}
			return goja.Undefined()
		}))
		resolve(goja.Undefined())
		return goja.Undefined()
	})
	vm.Set("process", p)
}
