// Package wasm is the WebAssembly JavaScript Interface (https://webassembly.github.io/spec/js-api/)
// on github.com/tetratelabs/wazero: the WebAssembly namespace with Module, Instance, Memory, Table,
// Global, the CompileError/LinkError/RuntimeError classes, validate, compile, instantiate and the
// streaming variants.
//
// WebAssembly is a lazy global (node.RegisterGlobal): a runtime whose code never reads it builds
// nothing. The first read makes one wazero.Runtime for the realm; every compiled module goes
// through one CompilationCache shared by all realms of the process, so N workers compiling the
// same bytes compile them once.
//
// Everything runs on the realm's loop goroutine: a JS call of an exported function calls into
// wazero synchronously, and an imported JS function is a wazero host function that calls back into
// goja on the same goroutine. Compilation (which touches no runtime) runs on a goroutine of its
// own for the asynchronous compile/instantiate. A runaway wasm loop is stopped when the host
// interrupts the runtime (webapi.InterruptHost): wazero runs with WithCloseOnContextDone, each
// call carrying the host's interrupt context.
package wasm

import (
	"context"
	"os"
	"sync"
	"weak"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/webidl"
)

func init() {
	node.RegisterGlobal("WebAssembly", func(r *webapi.Realm) goja.Value { return stateOf(r).ns })
}

// cache is the compilation cache shared by every runtime of the process. With
// JSROUTE_WASM_CACHE_DIR set, compiled code is also kept in that directory, so a restarted
// server does not compile a big module again.
var cache = sync.OnceValue(func() wazero.CompilationCache {
	if dir := os.Getenv("JSROUTE_WASM_CACHE_DIR"); dir != "" {
		if c, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			return c
		}
	}
	return wazero.NewCompilationCache()
})

// newRuntimeConfig is the wazero configuration: the optimizing compiler where wazero has one
// (amd64, arm64), as it runs wasm code 5–15 times faster than the interpreter, and the shared
// cache pays its longer compilation once per process (README.md has the figures).
// JSROUTE_WASM_ENGINE=interpreter picks the interpreter (a big module compiles about 15 times
// faster; it runs slower).
func newRuntimeConfig() wazero.RuntimeConfig {
	cfg := wazero.NewRuntimeConfig()
	if os.Getenv("JSROUTE_WASM_ENGINE") == "interpreter" {
		cfg = wazero.NewRuntimeConfigInterpreter()
	}
	return cfg.
		WithCompilationCache(cache()).
		WithCloseOnContextDone(true).
		WithCoreFeatures(api.CoreFeaturesV2)
}

type stateKey struct{}

// state is one realm's WebAssembly: its wazero runtime, classes and live memories.
type state struct {
	r   *webapi.Realm
	vm  *goja.Runtime
	rt  wazero.Runtime
	ns  *goja.Object
	ctx context.Context

	module *webidl.Class[*module]
	inst   *webidl.Class[*instance]
	memory *webidl.Class[*memory]
	global *webidl.Class[*global]
	table  *webidl.Class[*table]

	compileError, linkError, runtimeError *goja.Object

	// memories gives each wazero memory one Memory object, so an exported memory is the same
	// object as the one imported (weakly: gc.go; a cleanup removes entries, hence memMu).
	memMu    sync.Mutex
	memories map[api.Memory]weak.Pointer[memory]
	// live are the memories whose buffer JS holds: after wasm ran, a grown one is detached.
	live []weak.Pointer[memory]
	// funcrefs maps a function reference read from a table to its function object.
	funcrefs map[uint64]weak.Pointer[goja.Object]
	// keep holds the modules that made function references for Table.set.
	keep []*modRef
	// externs holds the JS values passed to wasm as externref.
	externs *externTable
	closed  bool
}

func stateOf(r *webapi.Realm) *state {
	return r.State(stateKey{}, func() any { return newState(r) }).(*state)
}

// Used reports whether code in the realm has reached WebAssembly (read the global): a host that
// interrupts the runtime then throws it away rather than go on with modules stopped mid-call.
func Used(r *webapi.Realm) bool { return r.Get(stateKey{}) != nil }

func newState(r *webapi.Realm) *state {
	s := &state{r: r, vm: r.VM, ctx: context.Background(), memories: map[api.Memory]weak.Pointer[memory]{}, funcrefs: map[uint64]weak.Pointer[goja.Object]{}}
	s.rt = wazero.NewRuntimeWithConfig(s.ctx, newRuntimeConfig())
	r.OnClose(func() {
		s.closed = true
		s.rt.Close(context.Background())
	})
	s.defineErrors()
	s.defineClasses()
	for _, c := range []*goja.Object{s.module.Proto, s.inst.Proto, s.memory.Proto, s.table.Proto, s.global.Proto} {
		name := c.Get("constructor").(*goja.Object).Get("name").String()
		c.DefineDataPropertySymbol(goja.SymToStringTag, s.vm.ToValue("WebAssembly."+name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	s.defineNamespace()
	return s
}

// callContext is the context of a call into wasm: the host's interrupt context, when it has one,
// so that interrupting the runtime also stops wasm code.
func (s *state) callContext() context.Context {
	if h, ok := s.r.Host.(webapi.InterruptHost); ok {
		if ctx := h.Interrupted(); ctx != nil {
			return ctx
		}
	}
	return s.ctx
}

// refreshBuffers detaches the buffer of every memory that grew while wasm ran (JS API §"refresh
// the memory buffer": a grow by the wasm code detaches the ArrayBuffer JS holds).
func (s *state) refreshBuffers() {
	if len(s.live) == 0 {
		return
	}
	keep := s.live[:0]
	for _, w := range s.live {
		m := w.Value()
		if m == nil || m.buf == nil {
			continue
		}
		if m.mem.Size() != m.bufLen {
			m.detach()
			continue
		}
		keep = append(keep, w)
	}
	s.live = keep
}
