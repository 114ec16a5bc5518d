// Package timers provides setTimeout, setInterval, clearTimeout, clearInterval and queueMicrotask,
// after the HTML standard §8.6 "Timers" (https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timers)
// and §8.7 "Microtask queuing".
//
// Timers run on the host's loop and keep the async context of the code that set them, so
// cookies() inside a timer callback still sees its own request.
package timers

import (
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// maxDelay is 2^31-1 ms: longer delays are treated as 0, as browsers and Node do.
const maxDelay = 1<<31 - 1

// table is the map of active timers of one realm ("map of active timers", HTML §8.6).
type table struct {
	realm  *webapi.Realm
	nextID int64
	active map[int64]func()
}

// Install defines the timer globals in the realm.
func Install(r *webapi.Realm) {
	t := &table{realm: r, active: map[int64]func(){}}
	vm := r.VM
	g := vm.GlobalObject()
	g.Set("setTimeout", webidl.Function(vm, "setTimeout", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(t.start(call, false))
	}))
	g.Set("setInterval", webidl.Function(vm, "setInterval", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(t.start(call, true))
	}))
	clear := func(call goja.FunctionCall) goja.Value {
		t.clear(call.Argument(0))
		return goja.Undefined()
	}
	g.Set("clearTimeout", webidl.Function(vm, "clearTimeout", 0, clear))
	g.Set("clearInterval", webidl.Function(vm, "clearInterval", 0, clear))
	g.Set("queueMicrotask", webidl.Function(vm, "queueMicrotask", 1, func(call goja.FunctionCall) goja.Value {
		cb, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(webidl.TypeError(vm, "Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'."))
		}
		// A resolved promise's reaction is a microtask; it also carries the async context.
		p, resolve, _ := vm.NewPromise()
		then, _ := goja.AssertFunction(vm.ToValue(p).(*goja.Object).Get("then"))
		then(vm.ToValue(p), vm.ToValue(func(goja.FunctionCall) goja.Value {
			if _, err := cb(goja.Undefined()); err != nil {
				// An exception in a microtask is reported, not propagated (HTML §8.1.7.3).
				r.Host.Logger().Error("uncaught exception in queueMicrotask callback", "error", err)
			}
			return goja.Undefined()
		}))
		resolve(goja.Undefined())
		return goja.Undefined()
	}))
}

// start implements the timer initialization steps (HTML §8.6, steps 1–12, simplified: there is
// no nesting clamp on a server).
func (t *table) start(call goja.FunctionCall, repeat bool) int64 {
	vm := t.realm.VM
	handler := call.Argument(0)
	cb, ok := goja.AssertFunction(handler)
	if !ok {
		// A string handler would be eval'd; a route handler has no business doing that.
		src := webidl.DOMString(vm, handler)
		cb = func(goja.Value, ...goja.Value) (goja.Value, error) { return vm.RunString(src) }
	}
	delay := call.Argument(1).ToFloat()
	if !(delay >= 0) || delay > maxDelay { // also catches NaN
		delay = 0
	}
	var args []goja.Value
	if len(call.Arguments) > 2 {
		args = append(args, call.Arguments[2:]...)
	}
	t.nextID++
	id := t.nextID
	d := time.Duration(delay * float64(time.Millisecond))
	var fire func()
	fire = func() {
		if _, live := t.active[id]; !live {
			return
		}
		if repeat {
			t.active[id] = t.realm.Host.AfterFunc(d, fire)
		} else {
			delete(t.active, id)
		}
		if _, err := cb(goja.Undefined(), args...); err != nil {
			t.realm.Host.Logger().Error("uncaught exception in timer callback", "error", err)
		}
	}
	t.active[id] = t.realm.Host.AfterFunc(d, fire)
	return id
}

// clear implements clearTimeout/clearInterval: unknown ids, and ids of the other kind, are
// harmless (HTML §8.6: "remove this's map of active timers[id]").
func (t *table) clear(v goja.Value) {
	if webidl.IsNullish(v) {
		return
	}
	id := v.ToInteger()
	if cancel, ok := t.active[id]; ok {
		cancel()
		delete(t.active, id)
	}
}
