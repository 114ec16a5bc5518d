// Package perfhooks provides node:perf_hooks and the performance global (and the Performance*
// globals) as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/perf_hooks.html), written in
// JavaScript over a Go clock that starts with the server process.
package perfhooks

import (
	_ "embed"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed perf_hooks.js
var source string

var (
	program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:perf_hooks", source, true) })
	origin  = time.Now()
)

type key struct{}

func exports(r *webapi.Realm) *goja.Object {
	return r.State(key{}, func() any {
		vm := r.VM
		n := vm.NewObject()
		n.Set("timeOrigin", float64(origin.UnixMicro())/1000)
		n.Set("now", func(goja.FunctionCall) goja.Value {
			return vm.ToValue(float64(time.Since(origin).Nanoseconds()) / 1e6)
		})
		fn, err := vm.RunProgram(program())
		if err != nil {
			panic(err)
		}
		call, _ := goja.AssertFunction(fn)
		v, err := call(goja.Undefined(), node.HostObject(r), n)
		if err != nil {
			panic(err)
		}
		return v.(*goja.Object)
	}).(*goja.Object)
}

func init() {
	node.Register("perf_hooks", func(r *webapi.Realm) goja.Value { return exports(r) })
	node.RegisterGlobal("performance", func(r *webapi.Realm) goja.Value { return exports(r).Get("performance") })
	for _, name := range []string{"Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver", "PerformanceObserverEntryList"} {
		node.RegisterGlobal(name, func(r *webapi.Realm) goja.Value { return exports(r).Get(name) })
	}
}
