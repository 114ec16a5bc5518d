// Package timers provides setTimeout, setInterval, clearTimeout, clearInterval and queueMicrotask,
// after the HTML standard §8.6 "Timers" (https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timers)
// and §8.7 "Microtask queuing", shaped as Node.js 20 has them, since Next.js route handlers run on
// Node: the handle is a Timeout object (ref, unref, hasRef, refresh, close, and a number through
// Symbol.toPrimitive), the callback runs with the handle as this, delays are at least 1 ms, and a
// callback that is not a function is a TypeError ERR_INVALID_ARG_TYPE.
//
// Timers run on the host's loop and keep the async context of the code that set them, so
// cookies() inside a timer callback still sees its own request.
package timers

import (
	"math"
	"math/big"
	"reflect"
	"strconv"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// maxDelay is 2^31-1 ms (Node's TIMEOUT_MAX): a longer delay, like one under 1 ms or NaN, is 1 ms.
const maxDelay = 1<<31 - 1

// table is the map of active timers of one realm ("map of active timers", HTML §8.6).
type table struct {
	realm   *webapi.Realm
	class   *webidl.Class[*timer]
	nextID  int64
	active  map[int64]*timer
	byValue map[int64]*timer // timers whose handle was converted to a number (Node's knownTimersById)
}

// timer is one setTimeout or setInterval: the state behind its Timeout object.
type timer struct {
	t        *table
	id       int64
	obj      *goja.Object
	cb       goja.Callable
	fn       goja.Value // cb as a value, for a callback runner
	args     []goja.Value
	d        time.Duration
	repeat   bool
	unref    bool
	cleared  bool   // by clearTimeout or close: refresh does nothing then
	cancel   func() // the pending host timer, nil when none
	asNumber bool   // Symbol.toPrimitive was called: clearTimeout accepts the number too
}

// Install defines the timer globals in the realm.
func Install(r *webapi.Realm) {
	t := &table{realm: r, active: map[int64]*timer{}, byValue: map[int64]*timer{}}
	t.class = defineTimeout(r)
	vm := r.VM
	g := vm.GlobalObject()
	// The lengths are Node.js 20's (setTimeout(callback, after, arg1, arg2, arg3)).
	g.Set("setTimeout", webidl.Function(vm, "setTimeout", 5, func(call goja.FunctionCall) goja.Value {
		return t.start(call, false)
	}))
	g.Set("setInterval", webidl.Function(vm, "setInterval", 5, func(call goja.FunctionCall) goja.Value {
		return t.start(call, true)
	}))
	clear := func(call goja.FunctionCall) goja.Value {
		t.clear(call.Argument(0))
		return goja.Undefined()
	}
	g.Set("clearTimeout", webidl.Function(vm, "clearTimeout", 1, clear))
	g.Set("clearInterval", webidl.Function(vm, "clearInterval", 1, clear))
	g.Set("queueMicrotask", newQueueMicrotask(r))
}

// queueMicrotaskJS is queueMicrotask in JavaScript: a reaction to an already resolved promise
// (which also carries the async context). It must not be Go: goja drains its job queue at the
// end of a call from Go into JS made with no script frame below it, so a Go queueMicrotask called
// from a microtask that Go itself called ran every queued job right there, ahead of the jobs
// queued before it (HTML §8.7 queues at the end).
const queueMicrotaskJS = `(function (check, report) {
  const resolved = Promise.resolve();
  const then = Promise.prototype.then;
  return function queueMicrotask(callback) {
    check(callback);
    then.call(resolved, () => {
      try {
        callback();
      } catch (e) {
        report(e);
      }
    });
  };
})`

var queueMicrotaskProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("jsroute:queueMicrotask", queueMicrotaskJS, true)
})

func newQueueMicrotask(r *webapi.Realm) goja.Value {
	vm := r.VM
	mk, err := vm.RunProgram(queueMicrotaskProgram())
	if err != nil {
		panic(err)
	}
	factory, _ := goja.AssertFunction(mk)
	check := func(call goja.FunctionCall) goja.Value {
		if _, ok := goja.AssertFunction(call.Argument(0)); !ok {
			panic(callbackError(r, call.Argument(0)))
		}
		return goja.Undefined()
	}
	report := func(call goja.FunctionCall) goja.Value {
		// An exception in a microtask is reported, not propagated (HTML §8.1.7.3).
		r.Host.Logger().Error("uncaught exception in queueMicrotask callback", "error", console.Inspect(r, call.Argument(0)))
		return goja.Undefined()
	}
	fn, err := factory(goja.Undefined(), vm.ToValue(check), vm.ToValue(report))
	if err != nil {
		panic(err)
	}
	return fn
}

// defineTimeout is Node.js's Timeout class (lib/internal/timers.js), not a global: what
// setTimeout and setInterval return.
func defineTimeout(r *webapi.Realm) *webidl.Class[*timer] {
	vm := r.VM
	self := func(call goja.FunctionCall) goja.Value { return call.This }
	c := webidl.Define(r, webidl.Spec[*timer]{
		Name: "Timeout",
		Methods: []webidl.Method[*timer]{
			// ref and unref only set the flag hasRef reports: a route handler's timers never
			// keep a process alive.
			{Name: "ref", Fn: func(tm *timer, call goja.FunctionCall) goja.Value { tm.unref = false; return self(call) }},
			{Name: "unref", Fn: func(tm *timer, call goja.FunctionCall) goja.Value { tm.unref = true; return self(call) }},
			{Name: "hasRef", Fn: func(tm *timer, _ goja.FunctionCall) goja.Value { return vm.ToValue(!tm.unref) }},
			// refresh starts the delay again from now, and brings back a timer that already ran
			// (not one that was cleared).
			{Name: "refresh", Fn: func(tm *timer, call goja.FunctionCall) goja.Value {
				if !tm.cleared {
					tm.t.arm(tm)
				}
				return self(call)
			}},
			{Name: "close", Fn: func(tm *timer, call goja.FunctionCall) goja.Value {
				tm.cleared = true
				tm.t.stop(tm)
				return self(call)
			}},
		},
	})
	// Node's Timeout has no Symbol.toStringTag; its Symbol.toPrimitive gives the id, which
	// clearTimeout then accepts.
	c.Proto.DeleteSymbol(goja.SymToStringTag)
	toPrimitive := webidl.Function(vm, "[Symbol.toPrimitive]", 0, func(call goja.FunctionCall) goja.Value {
		tm, ok := c.Unwrap(call.This)
		if !ok {
			panic(webidl.TypeError(vm, "Illegal invocation"))
		}
		if !tm.asNumber {
			tm.asNumber = true
			tm.t.byValue[tm.id] = tm
		}
		return vm.ToValue(tm.id)
	})
	c.Proto.DefineDataPropertySymbol(goja.SymToPrimitive, toPrimitive, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return c
}

// callbackError is the error Node.js throws for a callback that is not a function:
// TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received …
func callbackError(r *webapi.Realm, v goja.Value) *goja.Object {
	return console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "callback" argument must be of type function. Received %s`, console.Received(r, v))
}

var bigIntType = reflect.TypeOf((*big.Int)(nil))

// start implements the timer initialization steps (HTML §8.6, steps 1–12, simplified: there is
// no nesting clamp on a server), as Node.js does them. The handler must be a function: HTML would
// compile a string handler (setTimeout('1+1')), Node throws a TypeError ERR_INVALID_ARG_TYPE at
// the call for a string and for anything else but a function. The delay is ToNumber(after),
// and 1 ms when it is below 1, above 2^31-1 or NaN (HTML would make it 0), so setTimeout(f, 0)
// and setTimeout(g, 1) run in the order they were set.
func (t *table) start(call goja.FunctionCall, repeat bool) goja.Value {
	vm := t.realm.VM
	cb, ok := goja.AssertFunction(call.Argument(0))
	if !ok {
		panic(callbackError(t.realm, call.Argument(0)))
	}
	after := call.Argument(1)
	if _, isSym := after.(*goja.Symbol); isSym {
		panic(webidl.TypeError(vm, "Cannot convert a Symbol value to a number"))
	}
	if after.ExportType() == bigIntType {
		panic(webidl.TypeError(vm, "Cannot convert a BigInt value to a number"))
	}
	delay := after.ToFloat()
	if !(delay >= 1 && delay <= maxDelay) { // also catches NaN
		delay = 1
	}
	tm := &timer{t: t, cb: cb, fn: call.Argument(0), repeat: repeat, d: time.Duration(delay * float64(time.Millisecond))}
	if len(call.Arguments) > 2 {
		tm.args = append(tm.args, call.Arguments[2:]...)
	}
	t.nextID++
	tm.id = t.nextID
	tm.obj = t.class.Wrap(tm)
	t.arm(tm)
	return tm.obj
}

// arm (re)starts tm's delay from now and makes it active.
func (t *table) arm(tm *timer) {
	if tm.cancel != nil {
		tm.cancel()
	}
	t.active[tm.id] = tm
	tm.cancel = t.realm.Host.AfterFunc(tm.d, func() { t.fire(tm) })
}

// fire runs tm's callback with the handle as this; an interval is armed again afterwards, unless
// the callback cleared it (Node reschedules after the call).
func (t *table) fire(tm *timer) {
	if t.active[tm.id] != tm {
		return
	}
	tm.cancel = nil
	if !tm.repeat {
		t.stop(tm)
	}
	var err error
	if run, ok := t.realm.Get(callbackRunnerKey{}).(goja.Callable); ok {
		_, err = run(goja.Undefined(), append([]goja.Value{tm.fn, tm.obj}, tm.args...)...)
	} else {
		_, err = tm.cb(tm.obj, tm.args...)
	}
	if err != nil {
		t.realm.Host.Logger().Error("uncaught exception in timer callback", "error", err)
	}
	if tm.repeat && t.active[tm.id] == tm && tm.cancel == nil {
		t.arm(tm)
	}
}

// stop cancels tm and forgets it.
func (t *table) stop(tm *timer) {
	if tm.cancel != nil {
		tm.cancel()
		tm.cancel = nil
	}
	if t.active[tm.id] == tm {
		delete(t.active, tm.id)
	}
	if t.byValue[tm.id] == tm {
		delete(t.byValue, tm.id)
	}
	tm.asNumber = false
}

// clear implements clearTimeout/clearInterval: unknown handles, and handles of the other kind,
// are harmless (HTML §8.6: "remove this's map of active timers[id]"). As in Node.js 20 it takes a
// Timeout, or the number (or its decimal string) of one whose handle was converted to a number;
// nothing is converted, so a BigInt, a Symbol or an object whose toString throws is ignored.
func (t *table) clear(v goja.Value) {
	if v == nil {
		return
	}
	if tm, ok := t.class.Unwrap(v); ok {
		tm.cleared = true
		t.stop(tm)
		return
	}
	if _, isObj := v.(*goja.Object); isObj {
		return
	}
	var id int64
	switch x := v.Export().(type) {
	case int64:
		id = x
	case float64:
		if x != math.Trunc(x) {
			return
		}
		id = int64(x)
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil || strconv.FormatInt(n, 10) != x {
			return
		}
		id = n
	default:
		return
	}
	if tm, ok := t.byValue[id]; ok {
		tm.cleared = true
		t.stop(tm)
	}
}

type callbackRunnerKey struct{}

// SetCallbackRunner makes run(callback, thisArg, ...args) call every timer callback of r from now
// on: node:process sets one that runs the callback and then, in the same call, the
// process.nextTick callbacks it queued, so they run before its promise jobs as in Node.
func SetCallbackRunner(r *webapi.Realm, run goja.Callable) { r.Set(callbackRunnerKey{}, run) }
