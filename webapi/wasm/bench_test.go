package wasm_test

import (
	"testing"
)

// BenchmarkCall is the cost of one JS→wasm call (add(i, 1) in a JS loop of 1000).
func BenchmarkCall(b *testing.B) {
	e := newEnv(b)
	e.Run(`globalThis.add = new WebAssembly.Instance(new WebAssembly.Module(load('add'))).exports.add`)
	loop, err := e.VM.RunString(`(function () { let x = 0; for (let i = 0; i < 1000; i++) x = add(x, 1); return x })`)
	if err != nil {
		b.Fatal(err)
	}
	fn, _ := asFunc(loop)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += 1000 {
		if _, err := fn(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportCall is the cost of one wasm→JS call (the module calls an imported function).
func BenchmarkInstantiate(b *testing.B) {
	e := newEnv(b)
	e.Run(`globalThis.mod = new WebAssembly.Module(load('add'))`)
	f, err := e.VM.RunString(`(function () { return new WebAssembly.Instance(mod) })`)
	if err != nil {
		b.Fatal(err)
	}
	fn, _ := asFunc(f)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := fn(nil); err != nil {
			b.Fatal(err)
		}
	}
}
