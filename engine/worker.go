package engine

import (
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/intl"
	"github.com/jsroute/jsroute/webapi/next"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all" // every node:* module jsroute provides
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/wasm"
	"github.com/jsroute/jsroute/webapi/websocket"
)

// methods are the seven exports a route file may define, in the order handlers are indexed.
var methods = [...]string{"GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"}

func methodIndex(m string) int {
	for i, x := range methods {
		if x == m {
			return i
		}
	}
	return -1
}

// worker is one goroutine owning one goja runtime, its event loop and the app's modules, as
// one Node process does. It serves many requests at once; nothing outside its loop touches vm.
type worker struct {
	id     int
	dev    bool // next dev: draft-mode cookie attributes
	loop   *loop
	log    *slog.Logger
	client *http.Client
	env    map[string]string
	opts   *Options
	root   string // process.cwd() (engine/process.go)
	prog   *goja.Program
	bundle *loader.Bundle
	// tryHelper: the app's program or its middleware calls loader.TryHelper or ErrHelper (trycatch.go).
	tryHelper bool
	// uriWrap: a program names a global URI function, which installURIWrappers rewords (errmsg.go).
	uriWrap  bool
	inflight atomic.Int64
	started  bool

	// interruptRequested is set (from any goroutine, under the loop's stopMu: stopJob) when a
	// job is stopped — past a request's time limit, or growing the heap past the memory budget;
	// the loop recovers once the job has ended (afterStop).
	interruptRequested atomic.Bool
	// interruptFor is the request the interrupt was aimed at (nil: none in particular).
	interruptFor atomic.Pointer[next.Scope]
	// current is the runtime, for Interrupt from other goroutines.
	current atomic.Pointer[goja.Runtime]
	// stop is cancelled with an interrupt, for wasm code (interrupt.go).
	stop atomic.Pointer[stopCtx]
	// running is the request whose code the loop runs now (nil between requests).
	running atomic.Pointer[next.Scope]

	// Loop-owned from here on.
	vm       *goja.Runtime
	realm    *webapi.Realm
	modules  []*goja.Object // per bundle route, the module namespace
	handlers [][len(methods)]goja.Callable
	epoch    uint64             // bumped by every rebuild of the runtime
	calls    map[*call]struct{} // requests whose handler has not answered yet
	thenShim goja.Callable
	// settledOK and settledErr are the reactions to handler promises (see await).
	settledOK, settledErr goja.Value
	waiting               map[int64]*call
	nextWait              int64
	unhandled             map[*goja.Promise]struct{}
	mods                  []modState  // per bundle route (modinit.go)
	stoppedScope          *next.Scope // the request of the job a stop landed on, for afterStop
	pendingMods           int
	appRel                string // the app directory from the project root ("app", "src/app")

	// The middleware (middleware.go): its program, and on the loop its function.
	mw         *mwProgram
	mwFn       goja.Callable
	mwNS       *goja.Object
	basePathFn goja.Callable
}

// preludeJS runs before any bundle: the well-known symbols goja lacks, as esbuild's helpers
// expect them (research/goja-esbuild.md §1).
const preludeJS = `
for (const n of ['asyncIterator', 'dispose', 'asyncDispose']) {
  // non-enumerable, like the well-known symbols the engine has (util.inspect(Symbol) shows none)
  if (!Object.getOwnPropertyDescriptor(Symbol, n)) Object.defineProperty(Symbol, n, { value: Symbol.for('Symbol.' + n) });
}
globalThis.self = globalThis;
delete globalThis.GoError; // goja's own error type; Node has no such global
(function () {
  'use strict';
  const define = (o, name, value) => Object.defineProperty(o, name, { value, writable: true, configurable: true, enumerable: false });
  // goja's %TypedArray%.from rejects a string source (Uint8Array.from(atob(s), c => c.charCodeAt(0))).
  const TA = Object.getPrototypeOf(Uint8Array);
  const taFrom = TA.from;
  define(TA, 'from', { from(source, ...rest) { return taFrom.call(this, typeof source === 'string' ? Array.from(source) : source, ...rest) } }.from);
  if (!Promise.withResolvers) {
    define(Promise, 'withResolvers', function withResolvers() {
      let resolve, reject;
      const promise = new this((a, b) => { resolve = a; reject = b });
      return { promise, resolve, reject };
    });
  }
  const group = (items, key, make, add) => {
    const out = make(); let i = 0;
    for (const item of items) add(out, key(item, i++), item);
    return out;
  };
  if (!Object.groupBy) {
    define(Object, 'groupBy', function groupBy(items, key) {
      return group(items, key, () => Object.create(null), (o, k, v) => { (o[k] ||= []).push(v) });
    });
  }
  if (!Map.groupBy) {
    define(Map, 'groupBy', function groupBy(items, key) {
      return group(items, key, () => new Map(), (m, k, v) => { m.has(k) ? m.get(k).push(v) : m.set(k, [v]) });
    });
  }
  // Resizable ArrayBuffers (ES2024, in Node 20): goja has none, and webidl-conversions (jsdom,
  // whatwg-url) reads the accessors' getters at load time. Every buffer here is fixed-length, as
  // one made without maxByteLength is in Node: resizable is false, maxByteLength is byteLength,
  // and resize throws the TypeError V8 throws for a fixed-length buffer.
  if (!Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'resizable')) {
    const abLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
    Object.defineProperty(ArrayBuffer.prototype, 'resizable', { get() { abLength.call(this); return false }, configurable: true });
    Object.defineProperty(ArrayBuffer.prototype, 'maxByteLength', { get() { return abLength.call(this) }, configurable: true });
    define(ArrayBuffer.prototype, 'resize', { resize(n) {
      abLength.call(this);
      throw new TypeError('Method ArrayBuffer.prototype.resize called on incompatible receiver #<ArrayBuffer>');
    } }.resize);
  }
  if (!Error.captureStackTrace) {
    // V8's API, used by many libraries: give the object a stack, as an Error made here has.
    define(Error, 'captureStackTrace', function captureStackTrace(target) {
      if (target !== null && typeof target === 'object') {
        const stack = new Error().stack;
        define(target, 'stack', stack);
      }
    });
  }
  if (typeof WeakRef === 'undefined') {
    // goja has no weak references: this WeakRef holds its target strongly (deref never returns
    // undefined), which is what code that only caches through WeakRef needs.
    class WeakRef {
      #target;
      constructor(target) {
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('WeakRef: target must be an object');
        this.#target = target;
      }
      deref() { return this.#target }
      get [Symbol.toStringTag]() { return 'WeakRef' }
    }
    class FinalizationRegistry {
      constructor(callback) { if (typeof callback !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable') }
      register() {}
      unregister() { return false }
      get [Symbol.toStringTag]() { return 'FinalizationRegistry' }
    }
    define(globalThis, 'WeakRef', WeakRef);
    define(globalThis, 'FinalizationRegistry', FinalizationRegistry);
  }
})();
`

var preludeProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:prelude.js", preludeJS, true) })
var thenShimProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("jsroute:then.js", `(function (p, ok, err, id) { p.then(function (v) { ok(v, id) }, function (e) { err(e, id) }) })`, true)
})

// installers are the Web API areas, in dependency order.
var installers = []func(*webapi.Realm){
	console.Install,
	timers.Install,
	dom.Install,
	crypto.Install,
	encoding.Install,
	url.Install,
	streams.Install,
	file.Install,
	fetch.Install,
	websocket.Install,
	installProcess,
	node.Install,
	next.Install,
	intl.Install,
}

// newWorker makes a worker and boots its runtime on the caller's goroutine; the loop starts
// afterwards.
func newWorker(id int, prog *goja.Program, b *loader.Bundle, opts *Options, env map[string]string, mw *mwProgram) (*worker, error) {
	w := &worker{id: id, opts: opts, dev: opts.Dev, root: projectRoot(opts.Dir), log: opts.Logger, client: opts.HTTPClient, env: env, prog: prog, bundle: b, calls: map[*call]struct{}{}, unhandled: map[*goja.Promise]struct{}{}, mw: mw}
	w.tryHelper = b != nil && callsTryHelper(b.Code) || mw != nil && mw.tryHelper
	w.uriWrap = b != nil && (usesURIFunctions(b.Code) || b.Vendor != nil && usesURIFunctions(b.Vendor.Code)) || mw != nil && mw.uri
	w.loop = newLoop(w.panicked, w.afterJob)
	w.loop.publish = w.publishCtx
	w.loop.begin = w.begin
	w.loop.stopped, w.loop.afterStop = w.takeStop, w.afterStop
	if err := w.boot(); err != nil {
		return nil, err
	}
	// Modules with top-level await: run the loop until they settle, before the server is ready.
	w.awaitModules(time.Now().Add(moduleWait))
	return w, nil
}

// boot makes a fresh runtime, installs the Web APIs and runs the app's program on it.
func (w *worker) boot() (err error) {
	vm := goja.New()
	w.renewStop()
	vm.SetMaxCallStackSize(maxCallStack)
	vm.SetAsyncContextTracker(w)
	vm.SetPromiseRejectionTracker(w.trackRejection)
	realm := webapi.NewRealm(vm, w)
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("starting worker %d: %v\n%s", w.id, x, debug.Stack())
		}
	}()
	if _, err := vm.RunProgram(preludeProgram()); err != nil {
		return err
	}
	if err := installPreludeFixes(vm); err != nil {
		return err
	}
	if err := installRegexpGuard(vm, regexpTimeout, w.reportRegexpTimeout); err != nil {
		return err
	}
	for _, install := range installers {
		install(realm)
	}
	// After the Web APIs, which keep the original constructors for the buffers they size
	// themselves; node:buffer, installed on import, subclasses the guarded Uint8Array.
	var budget uint64
	if w.opts != nil {
		budget = w.opts.MaxMemory
	}
	if err := installAllocGuard(vm, allocLimit(budget)); err != nil {
		return err
	}
	if w.opts != nil && w.opts.Cache != nil {
		fetch.SetDataCache(realm, w.opts.Cache) // Next's data cache for fetch (webapi/fetch/datacache.go)
	}
	if w.opts != nil && len(w.opts.Bindings) > 0 {
		w.installBindings(realm) // only when the Go program gives bindings (bindings.go)
	}
	if w.tryHelper {
		installTryHelpers(vm, w.root)
	}
	if w.uriWrap {
		installURIWrappers(vm)
	}
	if err := checkHostModules(vm); err != nil {
		return err
	}
	var routes *goja.Object
	if w.bundle != nil && w.bundle.Vendor != nil && w.prog != nil {
		v := w.bundle.Vendor
		// dev: the app's packages, bundled apart (loader/vendor.go)
		if _, err := vm.RunProgram(v.Program.(*goja.Program)); err != nil {
			return fmt.Errorf("running the app's packages: %w", err)
		}
	}
	if w.prog != nil {
		if _, err := vm.RunProgram(w.prog); err != nil {
			return fmt.Errorf("running the app: %w", err)
		}
		routes, _ = vm.Get(loader.RoutesGlobal).(*goja.Object)
		if routes == nil {
			return fmt.Errorf("the bundle did not register its routes")
		}
	}
	if err := w.bootMiddleware(vm); err != nil {
		return err
	}
	shim, err := vm.RunProgram(thenShimProgram())
	if err != nil {
		return err
	}
	w.thenShim, _ = goja.AssertFunction(shim)
	w.settledOK = vm.ToValue(func(call goja.FunctionCall) goja.Value { return w.settle(call, true) })
	w.settledErr = vm.ToValue(func(call goja.FunctionCall) goja.Value { return w.settle(call, false) })
	w.waiting = map[int64]*call{}
	w.vm, w.realm, w.modules, w.handlers, w.mods, w.pendingMods = vm, realm, nil, nil, nil, 0
	w.current.Store(vm)
	w.epoch++
	if routes != nil {
		w.initModules(routes)
	}
	w.drainTicks() // process.nextTick calls of the app's top level
	return nil
}

// maxCallStack bounds JS recursion: past it a call fails with a RangeError-like
// StackOverflowError instead of growing the Go heap without bound. A recursion through a try
// statement of the project's own code takes three frames a level (the function, __jsroute_try and
// the block's arrow: trycatch.go), so the bound is three times the 10,000 levels Node 20 reaches
// that way (10,263 here, engine/testdata/trycatch "deep recursion through a try"); plain recursion
// goes deeper than Node's ~11,000 frames.
const maxCallStack = 30000

// afterJob runs on the loop after every job, as part of it: the nextTick queue, then the
// rejections nobody handled.
func (w *worker) afterJob() {
	w.drainTicks()
	if len(w.unhandled) > 0 {
		w.reportUnhandled()
	}
}

// stopJob interrupts the job in hand if it is still job (loop.interruptJob), for reason; found,
// when set, is told the request that job runs (nil: none) before the interrupt. Any goroutine.
func (w *worker) stopJob(job uint64, reason any, found func(s *next.Scope)) bool {
	return w.loop.interruptJob(job, func() {
		s := w.running.Load()
		if found != nil {
			found(s)
		}
		w.interruptFor.Store(s)
		w.interruptRequested.Store(true)
		w.vmInterrupt(reason)
	})
}

// takeStop reports (and clears) a stop that landed on the job just ended; under the loop's
// stopMu, so no stop can land between it and the job's end.
func (w *worker) takeStop() bool {
	if !w.interruptRequested.Load() {
		return false
	}
	w.interruptRequested.Store(false)
	w.stoppedScope = w.interruptFor.Swap(nil)
	return true
}

// afterStop runs on the loop once a stopped job has ended. The runtime is kept: goja's
// Interrupt unwinds only the call it lands in (no catch or finally of it runs), and when it
// reaches the outermost call it drops the promise jobs queued since that call began — and goja
// runs queued jobs at the end of every outermost call, so those are jobs of the stopped job
// alone. The other requests on the runtime (awaiting a timer, a fetch, a body) carry on, and so
// does module state. The stopped request's own timers and pending I/O stay, as those of a
// request whose client left: its answer is already sent. (engine/isolation_test.go
// TestStopSparesCoTenants checks each of these.)
//
// A runtime that used WebAssembly is rebuilt instead: wazero closes a module whose call sees
// the interrupt's context cancelled (WithCloseOnContextDone), and a module unwound half-way
// through a call may hold inconsistent memory.
func (w *worker) afterStop() {
	s := w.stoppedScope
	w.stoppedScope = nil
	w.vm.ClearInterrupt() // a stop that landed in Go code, with no JS after it, is still pending
	if wasm.Used(w.realm) {
		w.rebuild("a handler was stopped (past its time limit or the memory budget) in a runtime that uses WebAssembly")
		return
	}
	w.renewStop() // the cancelled context stays with the stopped job
	if s != nil {
		if c, ok := s.Ext.(*call); ok && c.worker == w {
			delete(w.calls, c) // answered already (504 or 500)
			for id, x := range w.waiting {
				if x == c {
					delete(w.waiting, id)
				}
			}
		}
	}
	// goja keeps the unwound call's stack slots (an allocation loop's array among them) until a
	// call returns normally: one empty call lets the collector have them now.
	if _, err := w.vm.RunProgram(emptyProgram()); err != nil {
		w.rebuild("the runtime failed after a handler was stopped: " + err.Error())
	}
}

var emptyProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:empty.js", "", true) })

// vmInterrupt stops the JS running on the loop; any goroutine. reason is an interface value
// made beforehand: the memory watcher calls this while the heap is past its soft limit, when
// any allocation may park the caller until the collection in progress ends — and that
// collection may wait for the very copy (`s += s`) the interrupt is meant to stop.
func (w *worker) vmInterrupt(reason any) {
	if vm := w.current.Load(); vm != nil {
		vm.Interrupt(reason)
	}
	w.cancelStop()
}

// rebuild replaces the runtime after an interrupt or a Go panic: the requests still waiting
// for an answer get a 500 (they cannot go on without their JS state), streams of the old
// runtime end, timers are dropped; the modules start afresh, as after a Node process restart.
func (w *worker) rebuild(reason string) {
	w.log.Error(fmt.Sprintf("⨯ worker %d: %s; its runtime is rebuilt and %d other request(s) in flight fail", w.id, reason, len(w.calls)))
	w.observeRebuild()
	for c := range w.calls {
		c.complete(&outcome{status: http.StatusInternalServerError, header: http.Header{}})
	}
	clear(w.calls)
	clear(w.unhandled)
	w.loop.clearTimers()
	w.loop.ctx, w.loop.outer = nil, nil
	w.realm.Close()
	if err := w.boot(); err != nil {
		// The app ran before, so this is unexpected; keep the old runtime, cleared.
		w.log.Error("rebuilding the runtime failed", "worker", w.id, "error", err)
		w.vm.ClearInterrupt()
		w.renewStop()
	}
}

// trackRejection follows promises rejected with no handler; the ones still unhandled when the
// job ends are logged (as Node warns), never fatal.
func (w *worker) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	if op == goja.PromiseRejectionReject {
		w.unhandled[p] = struct{}{}
	} else {
		delete(w.unhandled, p)
	}
}

func (w *worker) reportUnhandled() {
	for p := range w.unhandled {
		if !w.rejectionHandled(p) {
			w.log.Error("⨯ unhandledRejection: " + describe(p.Result()))
		}
	}
	clear(w.unhandled)
}

// describe renders a thrown value for the log: an Error's stack (which names the .ts line
// through the source map), or the value itself.
func describe(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if o, ok := v.(*goja.Object); ok {
		if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
			return nodeStack(st.String())
		}
	}
	return v.String()
}

// goFrame is a source position in a goja stack: "file:line:col(pc)".
var goFrame = regexp.MustCompile(`(\.(?:[cm]?[jt]sx?)):(\d+):(\d+)\(\d+\)`)

// nodeStack rewrites goja's frame positions as Node prints them: the source-mapped column goja
// gives is 0-based (Node's is 1-based) and goja appends the bytecode offset.
func nodeStack(s string) string {
	return goFrame.ReplaceAllStringFunc(s, func(m string) string {
		p := goFrame.FindStringSubmatch(m)
		col, _ := strconv.Atoi(p[3])
		return fmt.Sprintf("%s:%s:%d", p[1], p[2], col+1)
	})
}

// checkHostModules makes sure the realm provides every name the loader's next/* modules import.
func checkHostModules(vm *goja.Runtime) error {
	mods, _ := vm.Get("__jsrouteModules").(*goja.Object)
	if mods == nil {
		return fmt.Errorf("host modules are missing")
	}
	for name, exports := range loader.HostModules {
		m, _ := mods.Get(name).(*goja.Object)
		if m == nil {
			return fmt.Errorf("host module %s is missing", name)
		}
		for _, e := range exports {
			if v := m.Get(e); v == nil || goja.IsUndefined(v) {
				return fmt.Errorf("host module %s lacks %s", name, e)
			}
		}
	}
	return nil
}

// exportedMethods lists the methods route i exports, read from the module itself.
func (w *worker) exportedMethods(i int) []string {
	var out []string
	for j, m := range methods {
		if w.handlers[i][j] != nil {
			out = append(out, m)
		}
	}
	return out
}

// panicked handles a Go panic that escaped a job. The request it happened in (the async
// context of the moment) gets a 500; since a panic may have left the runtime half-way through
// an operation, the runtime is rebuilt. The loop carries on.
func (w *worker) panicked(x any, ctx any) {
	w.log.Error("⨯ internal error", "worker", w.id, "panic", fmt.Sprint(x), "stack", string(debug.Stack()))
	if s, ok := webapi.ScopeOf(ctx).(*next.Scope); ok {
		if c, ok := s.Ext.(*call); ok {
			delete(w.calls, c)
			c.complete(&outcome{status: http.StatusInternalServerError, header: http.Header{}})
		}
	}
	w.rebuild("a Go panic escaped a binding")
}

func (w *worker) start() {
	w.started = true
	go w.loop.run()
}

// close stops the loop. JS still running in it (a runaway handler when the grace period of a
// shutdown ends) is interrupted; a loop stuck inside a Go host call is waited for at most
// closeWait, then left behind.
func (w *worker) close() {
	if !w.started {
		return
	}
	w.loop.stop.Store(true)
	w.vmInterrupt("the server is shutting down")
	if !w.loop.closeWithin(closeWait) {
		w.log.Error(fmt.Sprintf("⨯ worker %d did not stop within %s", w.id, closeWait))
	}
	if w.realm != nil {
		w.realm.Close() // the loop has stopped: nothing else touches the realm now
	}
}

// closeWait bounds how long close waits for a loop to stop.
const closeWait = time.Second

// --- webapi.Host ---

func (w *worker) Reserve() func(func())                       { return w.loop.reserve() }
func (w *worker) AfterFunc(d time.Duration, fn func()) func() { return w.loop.afterFunc(d, fn) }
func (w *worker) Context() any                                { return webapi.ScopeOf(w.loop.ctx) }
func (w *worker) Logger() *slog.Logger                        { return w.log }
func (w *worker) HTTPClient() *http.Client                    { return w.fetchClient() }
func (w *worker) Env() map[string]string                      { return w.env }
func (w *worker) InterruptRequested() bool                    { return w.interruptRequested.Load() || w.loop.stop.Load() }
func (w *worker) FSConfig() webapi.FSConfig {
	return webapi.FSConfig{Off: w.opts.NoFS, Cwd: w.root, Root: w.opts.FSRoot}
}

// --- goja.AsyncContextTracker: the request follows its promise jobs ---

func (w *worker) Grab() any       { return w.loop.ctx }
func (w *worker) Resumed(ctx any) { w.loop.setCtx(ctx) }
func (w *worker) Exited()         { w.loop.setCtx(w.loop.outer) }

// --- webapi.AsyncContexts: AsyncLocalStorage replaces the tracked context ---

func (w *worker) AsyncContext() any       { return w.loop.ctx }
func (w *worker) SetAsyncContext(ctx any) { w.loop.setCtx(ctx) }

// publishCtx records the request the loop is running, for timedOut on other goroutines.
func (w *worker) publishCtx(ctx any) {
	s, _ := webapi.ScopeOf(ctx).(*next.Scope)
	w.running.Store(s)
}
