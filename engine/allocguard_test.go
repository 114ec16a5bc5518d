package engine

import (
	"testing"

	"github.com/dop251/goja"
)

// allocGuarded is a runtime with the allocation guard and a budget of 1 GiB.
func allocGuarded(t testing.TB) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	if err := installAllocGuard(vm, 1<<30); err != nil {
		t.Fatal(err)
	}
	return vm
}

// TestAllocGuardAsNode: the guarded constructors and string methods answer as Node 20 does, for
// refused sizes (the goja answer was "fatal error: out of memory" or minutes of work) and for
// ordinary use (identity, instanceof, statics, subclassing, species, conversions once). The
// expectations were printed by Node 20 with:
//
//	node -e 'for (const e of [...]) { let r; try { r = String(eval(e)) } catch (x) { r = x.name + ": " + x.message } console.log(JSON.stringify(e) + ": " + JSON.stringify(r) + ",") }'
func TestAllocGuardAsNode(t *testing.T) {
	vm := allocGuarded(t)
	for expr, want := range map[string]string{
		"new ArrayBuffer(16).byteLength":                                     "16",
		"new Uint8Array(2**33).length":                                       "RangeError: Invalid typed array length: 8589934592",
		"new Uint8Array({length: 2**40}).length":                             "RangeError: Invalid typed array length: 1099511627776",
		"Uint8Array.from({length: 2**40}).length":                            "RangeError: Invalid typed array length: 1099511627776",
		"new Uint8Array(new ArrayBuffer(8), 2, 3).length":                    "3",
		"new Uint8Array(4).slice(1).constructor === Uint8Array":              "true",
		"new Uint8Array(4) instanceof Uint8Array":                            "true",
		"Uint8Array.name + Uint8Array.length + Uint8Array.BYTES_PER_ELEMENT": "Uint8Array31",
		"new (class X extends Uint8Array {})(3).length":                      "3",
		"'x'.repeat(2**40).length":                                           "RangeError: Invalid string length",
		"'x'.repeat(2**29-23).length":                                        "RangeError: Invalid string length",
		"''.repeat(2**40).length":                                            "0",
		"'ab'.repeat(3)":                                                     "ababab",
		"'x'.repeat({valueOf(){return 2}})":                                  "xx",
		"'x'.padStart(2**40).length":                                         "RangeError: Invalid string length",
		"'x'.padStart(2**40, '').length":                                     "1",
		"'x'.padEnd(5, 'ab')":                                                "xabab",
		"String.prototype.repeat.call(12, 2)":                                "1212",
		"ArrayBuffer.isView(new Uint8Array(1))":                              "true",
	} {
		v, err := vm.RunString(`try { String(` + expr + `) } catch (x) { x.name + ': ' + x.message }`)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if v.String() != want {
			t.Errorf("%s = %q, want %q (Node 20)", expr, v, want)
		}
	}
}

// TestAllocGuardBudget: past the memory budget (1 GiB here) a buffer is refused with V8's
// allocation failure, which Node would allocate (lazily); within it, allocated. The goja
// answers were a 16 GiB allocation that the budget's watcher then stopped as a 500, and
// "fatal error: out of memory" for 2 ** 40.
func TestAllocGuardBudget(t *testing.T) {
	vm := allocGuarded(t)
	for expr, want := range map[string]string{
		"new ArrayBuffer(2**34).byteLength":                 "RangeError: Array buffer allocation failed",
		"new ArrayBuffer(2**40).byteLength":                 "RangeError: Array buffer allocation failed",
		"new Uint8Array(2**31).length":                      "RangeError: Array buffer allocation failed",
		"new Float64Array(2**28).length":                    "RangeError: Array buffer allocation failed",
		"new (class B extends Uint8Array {})(2**31).length": "RangeError: Array buffer allocation failed",
		"new Uint8Array(2**20).length":                      "1048576",
		"new Float64Array(2**20).length":                    "1048576",
	} {
		v, err := vm.RunString(`try { String(` + expr + `) } catch (x) { x.name + ': ' + x.message }`)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if v.String() != want {
			t.Errorf("%s = %q, want %q", expr, v, want)
		}
	}
}

// BenchmarkAllocGuard: what the guard costs an ordinary construction or string method.
func BenchmarkAllocGuard(b *testing.B) {
	for _, guarded := range []bool{false, true} {
		vm := goja.New()
		if guarded {
			vm = allocGuarded(b)
		}
		vm.RunString(`var ab = new ArrayBuffer(64)`)
		for _, c := range []struct{ name, src string }{
			{"Uint8Array(16)", `new Uint8Array(16)`},
			{"Uint8Array(buffer,off,len)", `new Uint8Array(ab, 8, 16)`},
			{"subarray", `new Uint8Array(ab).subarray(4, 8)`},
			{"repeat", `'ab'.repeat(4)`},
			{"padStart", `'7'.padStart(3, '0')`},
		} {
			fn, err := vm.RunString(`(function () { return ` + c.src + ` })`)
			if err != nil {
				b.Fatal(err)
			}
			call, _ := goja.AssertFunction(fn)
			b.Run(c.name+map[bool]string{false: "/native", true: "/guarded"}[guarded], func(b *testing.B) {
				cpu := processCPU()
				for b.Loop() {
					call(goja.Undefined())
				}
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
