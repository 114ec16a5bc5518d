package wasm_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/jsroute/jsroute/webapi/wasm"
)

// TestDroppedInstancesAreClosed: a route that instantiates per request must not keep every
// instance. 200 instantiations with imports (an instance, its shim and host modules each) are
// dropped; after a GC their wazero modules are closed, while one still held keeps working.
func TestDroppedInstancesAreClosed(t *testing.T) {
	e := newEnv(t)
	before := wasm.ClosedModules()
	e.Run(`
		const m = new WebAssembly.Module(load('imports'))
		const imports = () => ({ env: { log() {}, twice: (x) => x, memory: new WebAssembly.Memory({ initial: 1 }), base: 1, mut: new WebAssembly.Global({ value: 'i32', mutable: true }, 0) }, math: { pick: () => [1, 2] } })
		for (let i = 0; i < 200; i++) new WebAssembly.Instance(m, imports()).exports.run(i)
		globalThis.kept = new WebAssembly.Instance(m, imports()).exports
	`)
	deadline := time.Now().Add(5 * time.Second)
	for wasm.ClosedModules()-before < 200*3 && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := wasm.ClosedModules() - before; n < 200*3 {
		t.Fatalf("only %d modules closed after dropping 200 instances", n)
	}
	if got := e.Run(`return kept.run(41)`).ToInteger(); got != 42 {
		t.Fatalf("the kept instance answers %d, want 42", got)
	}
}
