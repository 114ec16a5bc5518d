// Package webapi holds the Web platform and Next.js objects that route handlers see, implemented in Go
// on top of goja. Each spec area lives in its own sub-package (webidl, url, encoding, streams, fetch,
// file, dom, timers, console, crypto, next); this root package only defines what they share: the Host
// they run on and the Realm that holds one runtime's classes.
//
// webapi never imports the engine. The engine implements Host and calls each area's Install.
package webapi

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/dop251/goja"
)

// Host is what the bindings need from the engine that owns the runtime.
//
// Every method is called from the runtime's own goroutine unless it says otherwise.
type Host interface {
	// Reserve keeps the loop alive for one asynchronous completion and returns the function that
	// completes it. complete may be called from any goroutine, exactly once; fn then runs on the
	// loop, in the async context that was current when Reserve was called.
	Reserve() (complete func(fn func()))

	// AfterFunc runs fn on the loop after d, in the async context current now. Timers with the
	// same deadline run in the order they were set. cancel is safe to call more than once, and
	// only from the loop.
	AfterFunc(d time.Duration, fn func()) (cancel func())

	// Context is the current request's context object (see the next package), or nil outside any
	// request.
	Context() any

	// Logger is the server log.
	Logger() *slog.Logger

	// HTTPClient is the client fetch uses.
	HTTPClient() *http.Client

	// Env is the process.env visible to handlers.
	Env() map[string]string
}

// Realm is one runtime with the Web classes installed in it. Packages keep their per-runtime
// state (prototypes, constructors) in it under a key of their own.
type Realm struct {
	VM   *goja.Runtime
	Host Host

	state   map[any]any
	slot    *goja.Symbol
	closers []func()
}

// NewRealm wraps a runtime. Install the areas next.
func NewRealm(vm *goja.Runtime, host Host) *Realm {
	return &Realm{VM: vm, Host: host, state: map[any]any{}, slot: goja.NewSymbol("[[jsroute internal]]")}
}

// State returns the value a package stored under key, creating it with init on first use.
func (r *Realm) State(key any, init func() any) any {
	v, ok := r.state[key]
	if !ok {
		v = init()
		r.state[key] = v
	}
	return v
}

// Set stores v under key.
func (r *Realm) Set(key, v any) { r.state[key] = v }

// Get returns what is stored under key, or nil.
func (r *Realm) Get(key any) any { return r.state[key] }

// Slot is the symbol under which objects implemented in Go keep their Go state.
func (r *Realm) Slot() *goja.Symbol { return r.slot }

// OnClose registers fn to run when the runtime is thrown away (a rebuild after an interrupt, the
// engine's shutdown): what a binding holds outside the runtime — a socket, a goroutine — is
// released there. fn runs after the runtime's last job, on its loop or once the loop has stopped.
func (r *Realm) OnClose(fn func()) { r.closers = append(r.closers, fn) }

// Close runs the OnClose functions, last registered first; the engine calls it once per runtime.
func (r *Realm) Close() {
	for i := len(r.closers) - 1; i >= 0; i-- {
		r.closers[i]()
	}
	r.closers = nil
}

// DefineLazyGlobal puts name on globalThis as Node's globals are (writable, configurable, not
// enumerable), built by build on first read, so a runtime whose code never reads it pays nothing
// but the accessor. A write before any read just stores the written value.
func (r *Realm) DefineLazyGlobal(name string, build func() goja.Value) {
	r.defineLazyGlobal(name, goja.FLAG_FALSE, build)
}

// DefineLazyEnumerableGlobal is DefineLazyGlobal for a global a program assigned (`globalThis.x =
// ...`), which Object.keys(globalThis) lists.
func (r *Realm) DefineLazyEnumerableGlobal(name string, build func() goja.Value) {
	r.defineLazyGlobal(name, goja.FLAG_TRUE, build)
}

func (r *Realm) defineLazyGlobal(name string, enumerable goja.Flag, build func() goja.Value) {
	vm := r.VM
	global := vm.GlobalObject()
	settle := func(v goja.Value) {
		global.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, enumerable)
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		v := build()
		settle(v)
		return v
	})
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		settle(call.Argument(0))
		return goja.Undefined()
	})
	global.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, enumerable)
}
