package wasm

import (
	"context"
	"runtime"
	"sync/atomic"
	"weak"

	"github.com/tetratelabs/wazero/api"
)

// Instances are closed when JS can no longer reach them, as V8 collects them: a route that
// instantiates a module per request must not keep every instance (and its memory) for the life
// of the worker.
//
// Each wazero module instance this package makes is owned by a modRef. The Go state of every JS
// object made from the instance (Instance, its exported functions, Memory, Global, Table)
// points to that modRef, and a modRef points to the modRefs of the modules it imports from, so
// a module is closed (runtime.AddCleanup) only once neither JS nor a module importing from it
// can reach it. Nothing else may hold these objects strongly: wazero's store holds the host
// functions, so they reach the JS functions they call through a weak pointer (hostFuncs), and
// the realm's maps of memories and function references hold weak pointers.
//
// A cleanup (its function and its argument) is a GC root until its object is collected, and
// must not reach the realm's state or any goja value: the state reaches every object of the
// realm, so such a cleanup would keep the whole runtime after the realm is closed (memory.go
// forgetMemory; leak_test.go).

// modRef owns one wazero module instance.
type modRef struct {
	mod  api.Module
	deps []any // what must live as long as the module: the modRefs it imports from, its hostFuncs
}

// closedModules counts the modules closed because JS dropped them (tests read it).
var closedModules atomic.Int64

// own makes the modRef of mod.
func own(mod api.Module, deps ...any) *modRef {
	ref := &modRef{mod: mod, deps: deps}
	runtime.AddCleanup(ref, closeModule, mod)
	return ref
}

// closeModule runs on the runtime's cleanup goroutine; wazero's store is safe for that, and
// nothing can call into the module any more.
func closeModule(m api.Module) {
	m.Close(context.Background())
	closedModules.Add(1)
}

// hostFuncs holds the host functions (calling JS) of one instantiation; its wazero host module
// reaches them through a weak pointer (weakHost), the instance strongly.
type hostFuncs struct {
	fns []api.GoModuleFunc
}

// weakHost is the function wazero calls for host function i of h.
func weakHost(h *hostFuncs, i int) api.GoModuleFunc {
	wp := weak.Make(h)
	return func(ctx context.Context, mod api.Module, stack []uint64) {
		hf := wp.Value()
		if hf == nil {
			panic("jsroute: a WebAssembly import was called after its instance was collected")
		}
		hf.fns[i](ctx, mod, stack)
	}
}
