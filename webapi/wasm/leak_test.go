package wasm_test

import (
	"runtime"
	"strconv"
	"testing"
	"time"
	"weak"

	"github.com/dop251/goja"
)

// TestClosedRealmIsCollected: when the engine throws a runtime away (a rebuild after
// --max-duration or --max-memory), nothing process-wide may keep it. A realm that instantiated
// a module with JS function imports (next/og always does) used to stay reachable after
// Realm.Close, with every object its script made (the og helper saw 1.6 GB kept for minutes).
// Each case builds a realm, closes it, drops it and checks through a weak pointer that the goja
// runtime is collected.
func TestClosedRealmIsCollected(t *testing.T) {
	for _, c := range []struct{ name, script string }{
		{"no imports", `
			const i = new WebAssembly.Instance(new WebAssembly.Module(load('add')))
			globalThis.kept = i.exports
			if (i.exports.add(1, 2) !== 3) throw new Error('add')`},
		{"one JS function import", `
			const i = new WebAssembly.Instance(new WebAssembly.Module(load('jsimport')), { env: { f: (x) => x + 1 } })
			globalThis.kept = i.exports
			if (i.exports.run(1) !== 2) throw new Error('run')`},
		{"memory and global imports", `
			const memory = new WebAssembly.Memory({ initial: 1 })
			const g = new WebAssembly.Global({ value: 'i32', mutable: true }, 0)
			globalThis.kept = [memory, g, memory.buffer]`},
		{"exported memory (next/og's modules)", `
			const i = new WebAssembly.Instance(new WebAssembly.Module(load('memory')))
			globalThis.kept = [i.exports, new Uint8Array(i.exports.mem.buffer)]`},
		{"every case of cases.js", `
			const out = []
			for (const k of Object.keys(cases)) { try { out.push(await cases[k]()) } catch (e) { out.push(e) } }
			globalThis.kept = out`},
		{"JS function imports", `
			const m = new WebAssembly.Module(load('imports'))
			const i = new WebAssembly.Instance(m, { env: { log() {}, twice: (x) => x, memory: new WebAssembly.Memory({ initial: 1 }), base: 1, mut: new WebAssembly.Global({ value: 'i32', mutable: true }, 0) }, math: { pick: () => [1, 2] } })
			globalThis.kept = i.exports
			if (i.exports.run(41) !== 42) throw new Error('run')`},
		{"JS function imports, async instantiate", `
			const { instance } = await WebAssembly.instantiate(load('imports'), { env: { log() {}, twice: (x) => x, memory: new WebAssembly.Memory({ initial: 1 }), base: 1, mut: new WebAssembly.Global({ value: 'i32', mutable: true }, 0) }, math: { pick: () => [1, 2] } })
			globalThis.kept = instance.exports
			instance.exports.run(1)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			wp := closedRealm(t, c.script)
			deadline := time.Now().Add(5 * time.Second)
			for wp.Value() != nil && time.Now().Before(deadline) {
				runtime.GC()
				time.Sleep(20 * time.Millisecond)
			}
			if wp.Value() != nil {
				t.Fatal("the goja runtime of a closed realm is still reachable")
			}
		})
	}
}

// closedRealm runs script in a new realm, closes the realm and returns a weak pointer to its
// runtime; nothing else of the realm escapes.
func closedRealm(t *testing.T, script string) weak.Pointer[goja.Runtime] {
	e := newEnv(t)
	e.Run(script)
	e.Realm.Close()
	return weak.Make(e.VM)
}

// TestClosedRealmLeavesNoCompiledModules: the process-wide compilation cache must not keep
// what a closed realm compiled for the values its script made. A Global's holder module holds
// its initial value, so 8,000 distinct Globals were 8,000 modules kept compiled for ever (about
// 10 MB of heap here); now the heap the realms leave behind is a fraction of that.
func TestClosedRealmLeavesNoCompiledModules(t *testing.T) {
	base := heapKiB()
	for k := 0; k < 4; k++ {
		wp := closedRealm(t, `for (let i = 0; i < 2000; i++) { new WebAssembly.Global({ value: 'f64' }, Math.random()); new WebAssembly.Memory({ initial: 0, maximum: i + 2000 * `+strconv.Itoa(k)+` }) }`)
		for deadline := time.Now().Add(5 * time.Second); wp.Value() != nil && time.Now().Before(deadline); {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
		}
	}
	if grown := heapKiB() - base; grown > 2048 {
		t.Fatalf("8,000 Globals and 8,000 Memories of closed realms left %d KiB of heap", grown)
	}
}

func heapKiB() int64 {
	for range 3 {
		runtime.GC()
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc >> 10)
}
