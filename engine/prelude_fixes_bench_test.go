package engine

import (
	"testing"

	"github.com/dop251/goja"
)

// BenchmarkPreludeFixes: what the RegExp and Proxy wrappers of prelude_fixes.go cost, against
// goja's own constructors (native): new RegExp, split (species fast path kept), replace with a
// literal, and a call through a Proxy apply trap (the wrapper copies the arguments).
func BenchmarkPreludeFixes(b *testing.B) {
	for _, fixed := range []bool{false, true} {
		vm := goja.New()
		if fixed {
			installPreludeFixes(vm)
		}
		for name, src := range map[string]string{
			"new":     `new RegExp('^[a-z]+(\\d+)$', 'g')`,
			"split":   `'a,b;c d'.split(/[,; ]/)`,
			"replace": `'a,b;c d'.replace(/[,; ]/g, '-')`,
			"proxy":   `p(1)`,
		} {
			vm.RunString(`var p = new Proxy(function(){}, { apply(t, s, a) { return a[0] } })`)
			fn, _ := vm.RunString(`(function () { ` + src + ` })`)
			call, _ := goja.AssertFunction(fn)
			b.Run(name+map[bool]string{false: "/native", true: "/fixed"}[fixed], func(b *testing.B) {
				for b.Loop() {
					call(goja.Undefined())
				}
			})
		}
	}
}
