package engine

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/next"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
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
	id       int
	loop     *loop
	vm       *goja.Runtime
	realm    *webapi.Realm
	log      *slog.Logger
	client   *http.Client
	env      map[string]string
	modules  []*goja.Object // per bundle route, the module namespace
	handlers [][len(methods)]goja.Callable
	inflight atomic.Int64
	started  bool
}

// preludeJS runs before any bundle: the well-known symbols goja lacks, as esbuild's helpers
// expect them (research/goja-esbuild.md §1).
const preludeJS = `
Symbol.asyncIterator = Symbol.for('Symbol.asyncIterator');
Symbol.dispose = Symbol.for('Symbol.dispose');
Symbol.asyncDispose = Symbol.for('Symbol.asyncDispose');
globalThis.self = globalThis;
`

var preludeProgram = goja.MustCompile("jsroute:prelude.js", preludeJS, true)

// installers are the Web API areas, in dependency order.
var installers = []func(*webapi.Realm){
	console.Install,
	timers.Install,
	dom.Install,
	encoding.Install,
	url.Install,
	streams.Install,
	file.Install,
	fetch.Install,
	installProcess,
	next.Install,
}

// newWorker makes a runtime, installs the Web APIs and runs the app's program on it. It runs on
// the caller's goroutine; the loop starts afterwards.
func newWorker(id int, prog *goja.Program, b *loader.Bundle, opts *Options, env map[string]string) (w *worker, err error) {
	w = &worker{id: id, log: opts.Logger, client: opts.HTTPClient, env: env}
	w.loop = newLoop(w.panicked)
	w.vm = goja.New()
	w.vm.SetMaxCallStackSize(10000)
	w.vm.SetAsyncContextTracker(w)
	w.realm = webapi.NewRealm(w.vm, w)
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("starting worker %d: %v\n%s", id, x, debug.Stack())
		}
	}()
	if _, err := w.vm.RunProgram(preludeProgram); err != nil {
		return nil, err
	}
	for _, install := range installers {
		install(w.realm)
	}
	if err := checkHostModules(w.vm); err != nil {
		return nil, err
	}
	if prog != nil {
		if _, err := w.vm.RunProgram(prog); err != nil {
			return nil, fmt.Errorf("running the app: %w", err)
		}
		routes, _ := w.vm.Get(loader.RoutesGlobal).(*goja.Object)
		w.modules = make([]*goja.Object, len(b.Routes))
		w.handlers = make([][len(methods)]goja.Callable, len(b.Routes))
		for i, file := range b.Routes {
			mod, _ := routes.Get(file).(*goja.Object)
			if mod == nil {
				return nil, fmt.Errorf("the bundle has no module for %s", file)
			}
			w.modules[i] = mod
			for j, m := range methods {
				if fn, ok := goja.AssertFunction(mod.Get(m)); ok {
					w.handlers[i][j] = fn
				}
			}
		}
	}
	return w, nil
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

// panicked reports a Go panic that escaped a job; the loop carries on.
func (w *worker) panicked(x any) {
	w.log.Error("internal error in worker", "worker", w.id, "panic", fmt.Sprint(x), "stack", string(debug.Stack()))
}

func (w *worker) start() {
	w.started = true
	go w.loop.run()
}

func (w *worker) close() {
	if w.started {
		w.loop.close()
	}
}

// --- webapi.Host ---

func (w *worker) Reserve() func(func())                       { return w.loop.reserve() }
func (w *worker) AfterFunc(d time.Duration, fn func()) func() { return w.loop.afterFunc(d, fn) }
func (w *worker) Context() any                                { return w.loop.ctx }
func (w *worker) Logger() *slog.Logger                        { return w.log }
func (w *worker) HTTPClient() *http.Client                    { return w.client }
func (w *worker) Env() map[string]string                      { return w.env }

// --- goja.AsyncContextTracker: the request follows its promise jobs ---

func (w *worker) Grab() any       { return w.loop.ctx }
func (w *worker) Resumed(ctx any) { w.loop.ctx = ctx }
func (w *worker) Exited()         { w.loop.ctx = nil }
