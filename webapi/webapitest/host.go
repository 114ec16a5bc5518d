// Package webapitest runs JavaScript against the Web API bindings without the engine: a realm on a
// small single-goroutine loop that runs until the script's promise settles. For tests only.
package webapitest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// Env is a runtime with bindings installed, driven by the test's goroutine.
type Env struct {
	T     testing.TB
	VM    *goja.Runtime
	Realm *webapi.Realm
	host  *host
}

// Options tune the test host.
type Options struct {
	Client *http.Client
	Env    map[string]string
	Log    io.Writer
	// FS is what node:fs may touch; nil means fs is off.
	FS *webapi.FSConfig
	// Dial opens node:net's connections; nil means a plain net.Dialer.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// New makes a runtime and runs each install function on it.
func New(t testing.TB, opts Options, install ...func(*webapi.Realm)) *Env {
	vm := goja.New()
	vm.SetFieldNameMapper(goja.UncapFieldNameMapper())
	h := &host{wake: make(chan struct{}, 1), client: opts.Client, env: opts.Env, fs: opts.FS, dial: opts.Dial}
	if h.client == nil {
		h.client = http.DefaultClient
	}
	w := opts.Log
	if w == nil {
		w = io.Discard
	}
	h.log = slog.New(slog.NewTextHandler(w, nil))
	vm.SetAsyncContextTracker(h)
	vm.RunString(`Symbol.asyncIterator = Symbol.for('Symbol.asyncIterator'); Symbol.dispose = Symbol.for('Symbol.dispose'); Symbol.asyncDispose = Symbol.for('Symbol.asyncDispose')`)
	r := webapi.NewRealm(vm, h)
	for _, f := range install {
		f(r)
	}
	return &Env{T: t, VM: vm, Realm: r, host: h}
}

// Run evaluates script (wrapped in an async function, so it may `await` and `return`), runs the
// loop until the result settles and returns the value. A rejection fails the test.
func (e *Env) Run(script string) goja.Value {
	e.T.Helper()
	v, err := e.Try(script)
	if err != nil {
		e.T.Fatalf("script failed: %v\n--- script:\n%s", err, script)
	}
	return v
}

// Try is Run that returns the rejection as an error instead of failing.
func (e *Env) Try(script string) (goja.Value, error) {
	fn, err := e.VM.RunString("(async () => {\n" + script + "\n})")
	if err != nil {
		return nil, err
	}
	call, _ := goja.AssertFunction(fn)
	res, err := call(goja.Undefined())
	if err != nil {
		return nil, err
	}
	p := res.Export().(*goja.Promise)
	deadline := time.Now().Add(10 * time.Second)
	for p.State() == goja.PromiseStatePending {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("promise still pending after 10s")
		}
		e.host.step(e.VM)
	}
	if p.State() == goja.PromiseStateRejected {
		r := p.Result()
		if o, ok := r.(*goja.Object); ok {
			if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
				return nil, fmt.Errorf("%s", st.String())
			}
		}
		return nil, fmt.Errorf("rejected: %v", r)
	}
	return p.Result(), nil
}

// Settle runs the loop until nothing is pending or d has passed.
func (e *Env) Settle(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) && e.host.busy() {
		e.host.step(e.VM)
	}
}

// SetContext sets the async context object Host.Context returns (as the engine does per request).
func (e *Env) SetContext(ctx any) { e.host.ctx = ctx }

type host struct {
	mu      sync.Mutex
	queue   []func()
	pending int
	wake    chan struct{}
	timers  webapi.TimerQueue
	ctx     any
	client  *http.Client
	env     map[string]string
	log     *slog.Logger
	fs      *webapi.FSConfig
	dial    func(ctx context.Context, network, addr string) (net.Conn, error)
}

func (h *host) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if h.dial != nil {
		return h.dial(ctx, network, addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

func (h *host) FSConfig() webapi.FSConfig {
	if h.fs == nil {
		return webapi.FSConfig{Off: true}
	}
	return *h.fs
}

func (h *host) Grab() any                { return h.ctx }
func (h *host) Resumed(ctx any)          { h.ctx = ctx }
func (h *host) Exited()                  { h.ctx = nil }
func (h *host) Context() any             { return webapi.ScopeOf(h.ctx) }
func (h *host) AsyncContext() any        { return h.ctx }
func (h *host) SetAsyncContext(ctx any)  { h.ctx = ctx }
func (h *host) Logger() *slog.Logger     { return h.log }
func (h *host) HTTPClient() *http.Client { return h.client }
func (h *host) Env() map[string]string   { return h.env }

func (h *host) Reserve() func(func()) {
	ctx := h.ctx
	h.mu.Lock()
	h.pending++
	h.mu.Unlock()
	var once sync.Once
	return func(fn func()) {
		once.Do(func() {
			h.mu.Lock()
			h.pending--
			h.queue = append(h.queue, func() {
				prev := h.ctx
				h.ctx = ctx
				defer func() { h.ctx = prev }()
				fn()
			})
			h.mu.Unlock()
			select {
			case h.wake <- struct{}{}:
			default:
			}
		})
	}
}

func (h *host) AfterFunc(d time.Duration, fn func()) func() {
	return h.timers.Add(time.Now().Add(d), fn, h.ctx)
}

func (h *host) busy() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.pending > 0 || len(h.queue) > 0 || h.timers.Len() > 0
}

// step runs queued jobs, or the next due timer, or waits a little for either.
func (h *host) step(vm *goja.Runtime) {
	h.mu.Lock()
	q := h.queue
	h.queue = nil
	h.mu.Unlock()
	if len(q) > 0 {
		for _, fn := range q {
			fn()
		}
		return
	}
	wait := 20 * time.Millisecond
	if t, ok := h.timers.PopDue(time.Now()); ok {
		prev := h.ctx
		h.ctx = t.Ctx
		t.Fn()
		h.ctx = prev
		return
	}
	if next, ok := h.timers.Next(); ok {
		if d := time.Until(next); d < wait {
			wait = d
		}
	}
	select {
	case <-h.wake:
	case <-time.After(wait):
	}
}
