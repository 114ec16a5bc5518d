// Package timers provides node:timers, node:timers/promises and the setImmediate and
// clearImmediate globals (https://nodejs.org/docs/latest-v20.x/api/timers.html); setTimeout and
// friends are the globals of webapi/timers. Written in JavaScript (timers.js) over one Go helper
// that queues a loop job.
package timers

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/process"
)

//go:embed timers.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:timers", source, true) })

type key struct{}

// parts is what timers.js returns: {timers, promises, setImmediate, clearImmediate}.
func parts(r *webapi.Realm) *goja.Object {
	return r.State(key{}, func() any {
		vm := r.VM
		native := vm.NewObject()
		native.Set("post", func(call goja.FunctionCall) goja.Value {
			fn, _ := goja.AssertFunction(call.Argument(0))
			complete := r.Host.Reserve()
			complete(func() {
				if _, err := fn(goja.Undefined()); err != nil {
					r.Host.Logger().Error("uncaught exception in setImmediate callback", "error", err)
				}
			})
			return goja.Undefined()
		})
		native.Set("drainTicks", func(goja.FunctionCall) goja.Value {
			process.Drain(r, nil) // nested in the immediate's call: before its promise jobs
			return goja.Undefined()
		})
		f, err := vm.RunProgram(program())
		if err != nil {
			panic(err)
		}
		build, _ := goja.AssertFunction(f)
		v, err := build(goja.Undefined(), node.HostObject(r), native)
		if err != nil {
			panic(err)
		}
		return v.(*goja.Object)
	}).(*goja.Object)
}

func init() {
	node.Register("timers", func(r *webapi.Realm) goja.Value { return parts(r).Get("timers") })
	node.Register("timers/promises", func(r *webapi.Realm) goja.Value { return parts(r).Get("promises") })
	node.RegisterGlobal("setImmediate", func(r *webapi.Realm) goja.Value { return parts(r).Get("setImmediate") })
	node.RegisterGlobal("clearImmediate", func(r *webapi.Realm) goja.Value { return parts(r).Get("clearImmediate") })
}
