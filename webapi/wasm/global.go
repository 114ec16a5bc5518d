package wasm

import (
	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// global is a WebAssembly.Global: a wazero global and the module that exports it.
type global struct {
	s       *state
	g       api.Global
	t       api.ValueType
	mutable bool
	src     api.Module
	field   string
}

// valueTypeNames maps the JS API's ValueType strings to wasm value types.
var valueTypeNames = map[string]api.ValueType{
	"i32": api.ValueTypeI32, "i64": api.ValueTypeI64, "f32": api.ValueTypeF32, "f64": api.ValueTypeF64,
	"externref": api.ValueTypeExternref, "anyfunc": valFuncref,
}

// newGlobal makes a global holding the raw value x in a module of its own.
func (s *state) newGlobal(t api.ValueType, mutable bool, x uint64) *global {
	mod := s.holder(globalModule(t, mutable, x), "WebAssembly.Global()")
	g := &global{s: s, g: mod.ExportedGlobal("g"), t: t, mutable: mutable, src: mod, field: "g"}
	if t == api.ValueTypeExternref && x != 0 {
		g.g.(api.MutableGlobal).Set(x)
	}
	return g
}

func (s *state) globalObject(mod api.Module, name string) goja.Value {
	g := mod.ExportedGlobal(name)
	_, mutable := g.(api.MutableGlobal)
	return s.global.Wrap(&global{s: s, g: g, t: g.Type(), mutable: mutable, src: mod, field: name})
}

func (s *state) defineGlobal() {
	vm := s.vm
	get := func(g *global) goja.Value { return s.toJS(g.g.Get(), g.t) }
	s.global = webidl.Define(s.r, webidl.Spec[*global]{
		Name:   "Global",
		Length: 1,
		New: func(call goja.ConstructorCall) *global {
			d, ok := call.Argument(0).(*goja.Object)
			if !ok {
				panic(webidl.TypeError(vm, "WebAssembly.Global(): Argument 0 must be a global descriptor"))
			}
			mutable := false
			if m := d.Get("mutable"); m != nil {
				mutable = m.ToBoolean()
			}
			tv := d.Get("value")
			name := ""
			if tv != nil && !goja.IsUndefined(tv) {
				name = tv.String()
			}
			t, ok := valueTypeNames[name]
			if !ok || t == valFuncref {
				panic(webidl.TypeError(vm, "WebAssembly.Global(): Descriptor property 'value' must be a WebAssembly type"))
			}
			v := call.Argument(1)
			var x uint64
			if !goja.IsUndefined(v) {
				x = s.toWasm(v, t)
			} else if t == api.ValueTypeExternref {
				x = s.externRef(goja.Undefined())
			}
			return s.newGlobal(t, mutable, x)
		},
		Methods: []webidl.Method[*global]{
			{Name: "valueOf", Fn: func(g *global, _ goja.FunctionCall) goja.Value { return get(g) }},
		},
		Accessors: []webidl.Accessor[*global]{
			{Name: "value", Get: get, Set: func(g *global, v goja.Value) {
				mg, ok := g.g.(api.MutableGlobal)
				if !ok || !g.mutable {
					panic(webidl.TypeError(vm, "set WebAssembly.Global.value: Can't set the value of an immutable global."))
				}
				mg.Set(s.toWasm(v, g.t))
			}},
		},
	})
}
