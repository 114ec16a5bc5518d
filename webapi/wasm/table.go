package wasm

import (
	"context"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// table is a WebAssembly.Table. wazero has no Go API for tables, so each Table object gets a
// little ops module that imports the table and exports size, grow, get and set (the table.*
// instructions); JS's methods call those.
//
// A funcref element read from JS (get of a non-null entry) is callable when an element segment of
// the module put it there (tablefunc.go: a caller module does call_indirect, since wazero gives no
// way to call a function reference from Go); any other one throws a TypeError saying so. length,
// grow, set(null) and externref tables work fully.
type table struct {
	s     *state
	elem  byte
	src   api.Module
	field string
	ops   api.Module

	// types are the function types the module's element segments put in the table (tablefunc.go);
	// funcs and callers cache what get made of them.
	types   elemTypes
	funcs   map[uint32]goja.Value
	callers map[string]api.Function
}

// tableOpsModule imports table field from module "src" and exports size, grow, get and set.
func tableOpsModule(elem byte, field string) []byte {
	w := newModuleWriter()
	w.section(1, func(s *writer) {
		s.u32(4)
		s.b = append(s.b, 0x60, 0, 1, valI32)               // size: [] → [i32]
		s.b = append(s.b, 0x60, 2, valI32, elem, 1, valI32) // grow: [i32 ref] → [i32]
		s.b = append(s.b, 0x60, 1, valI32, 1, elem)         // get: [i32] → [ref]
		s.b = append(s.b, 0x60, 2, valI32, elem, 0)         // set: [i32 ref] → []
	})
	w.section(2, func(s *writer) {
		s.u32(1)
		s.name("src")
		s.name(field)
		s.b = append(s.b, kindTable, elem)
		s.limits(limits{})
	})
	w.section(3, func(s *writer) { s.u32(4); s.b = append(s.b, 0, 1, 2, 3) })
	w.section(7, func(s *writer) {
		s.u32(4)
		for i, n := range []string{"size", "grow", "get", "set"} {
			s.name(n)
			s.b = append(s.b, kindFunc, byte(i))
		}
	})
	w.section(10, func(s *writer) {
		bodies := [][]byte{
			{0xfc, 16, 0},                   // table.size 0
			{0x20, 1, 0x20, 0, 0xfc, 15, 0}, // local.get 1; local.get 0; table.grow 0
			{0x20, 0, 0x25, 0},              // local.get 0; table.get 0
			{0x20, 0, 0x20, 1, 0x26, 0},     // local.get 0; local.get 1; table.set 0
		}
		s.u32(4)
		for _, b := range bodies {
			s.u32(uint32(len(b) + 2))
			s.b = append(s.b, 0) // no locals
			s.b = append(s.b, b...)
			s.b = append(s.b, 0x0b)
		}
	})
	return w.b
}

func (s *state) newTableState(elem byte, src api.Module, field string) *table {
	t := &table{s: s, elem: elem, src: src, field: field}
	c, err := s.rt.CompileModule(context.Background(), tableOpsModule(elem, field))
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table: %s", compileMessage(err)))
	}
	ctx := withResolver(context.Background(), map[string]api.Module{"src": src})
	ops, err := s.rt.InstantiateModule(ctx, c, anonymous())
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table: %s", compileMessage(err)))
	}
	t.ops = ops
	return t
}

// tableObject wraps an exported table. Its element type is read by trying both ops modules.
func (s *state) tableObject(mod api.Module, name string) goja.Value {
	for _, elem := range []byte{valFuncref, valExternref} {
		if t, ok := s.tryTable(elem, mod, name); ok {
			return s.table.Wrap(t)
		}
	}
	return goja.Undefined()
}

func (s *state) tryTable(elem byte, src api.Module, field string) (t *table, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return s.newTableState(elem, src, field), true
}

func (t *table) call(name string, args ...uint64) []uint64 {
	r, err := t.ops.ExportedFunction(name).Call(t.s.callContext(), args...)
	if err != nil {
		t.s.throwCallError(err)
	}
	return r
}

func (t *table) length() uint32 { return uint32(t.call("size")[0]) }

// toRef converts a JS value to an element of the table.
func (t *table) toRef(v goja.Value) uint64 {
	if t.elem == valExternref {
		return t.s.externRef(v)
	}
	if goja.IsNull(v) || goja.IsUndefined(v) {
		return 0
	}
	panic(webidl.TypeError(t.s.vm, "WebAssembly.Table.set(): storing a function in a table from JS is not supported by jsroute"))
}

func (t *table) fromRef(x uint64) goja.Value {
	if t.elem == valExternref {
		return t.s.externValue(x)
	}
	if x == 0 {
		return goja.Null()
	}
	panic(webidl.TypeError(t.s.vm, "WebAssembly.Table.get(): reading a function reference from JS is not supported by jsroute (wazero cannot call it from Go)"))
}

func (s *state) defineTable() {
	vm := s.vm
	s.table = webidl.Define(s.r, webidl.Spec[*table]{
		Name:   "Table",
		Length: 1,
		New: func(call goja.ConstructorCall) *table {
			d, ok := call.Argument(0).(*goja.Object)
			if !ok {
				panic(webidl.TypeError(vm, "WebAssembly.Table(): Argument 0 must be a table descriptor"))
			}
			var elem byte
			switch e := d.Get("element"); {
			case e != nil && (e.String() == "anyfunc" || e.String() == "funcref"):
				elem = valFuncref
			case e != nil && e.String() == "externref":
				elem = valExternref
			default:
				panic(webidl.TypeError(vm, "WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type"))
			}
			l := limits{min: s.descriptorIndex(d, "initial", "WebAssembly.Table()", 10000000, true)}
			if mx := d.Get("maximum"); mx != nil && !goja.IsUndefined(mx) {
				l.max, l.hasMax = s.descriptorIndex(d, "maximum", "WebAssembly.Table()", 0xffffffff, false), true
				if l.max < l.min {
					panic(webidl.RangeError(vm, "WebAssembly.Table(): Property 'maximum': value %d is below the lower bound %d.", l.max, l.min))
				}
			}
			mod := s.holder(tableModule(elem, l), "WebAssembly.Table()")
			t := s.newTableState(elem, mod, "t")
			if len(call.Arguments) > 1 && elem == valExternref {
				v := t.toRef(call.Arguments[1])
				for i := uint32(0); i < l.min; i++ {
					t.call("set", uint64(i), v)
				}
			}
			return t
		},
		Methods: []webidl.Method[*table]{
			{Name: "grow", Length: 1, Fn: func(t *table, call goja.FunctionCall) goja.Value {
				delta := s.enforceRange(call.Argument(0), "WebAssembly.Table.grow(): Argument 0")
				init := uint64(0)
				if len(call.Arguments) > 1 {
					init = t.toRef(call.Arguments[1])
				} else if t.elem == valExternref {
					init = s.externRef(goja.Undefined())
				}
				r := int32(t.call("grow", uint64(delta), init)[0])
				if r < 0 {
					panic(webidl.RangeError(vm, "WebAssembly.Table.grow(): failed to grow table by %d", delta))
				}
				return vm.ToValue(r)
			}},
			{Name: "get", Length: 1, Fn: func(t *table, call goja.FunctionCall) goja.Value {
				i := s.enforceRange(call.Argument(0), "WebAssembly.Table.get(): Argument 0")
				if i >= t.length() {
					panic(webidl.RangeError(vm, "WebAssembly.Table.get(): invalid address %d in %s table of size %d", i, refName(t.elem), t.length()))
				}
				ref := t.call("get", uint64(i))[0]
				if ref != 0 && t.elem == valFuncref {
					if f := t.tableFunction(i); f != nil {
						return f
					}
				}
				return t.fromRef(ref)
			}},
			{Name: "set", Length: 1, Fn: func(t *table, call goja.FunctionCall) goja.Value {
				i := s.enforceRange(call.Argument(0), "WebAssembly.Table.set(): Argument 0")
				if i >= t.length() {
					panic(webidl.RangeError(vm, "WebAssembly.Table.set(): invalid address %d in %s table of size %d", i, refName(t.elem), t.length()))
				}
				v := goja.Undefined()
				if len(call.Arguments) > 1 {
					v = call.Arguments[1]
				} else if t.elem == valFuncref {
					v = goja.Null()
				}
				t.call("set", uint64(i), t.toRef(v))
				return goja.Undefined()
			}},
		},
		Accessors: []webidl.Accessor[*table]{
			{Name: "length", Get: func(t *table) goja.Value { return vm.ToValue(t.length()) }},
		},
	})
}

func refName(elem byte) string {
	if elem == valExternref {
		return "externref"
	}
	return "funcref"
}
