package wasm

import (
	"context"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"
	wtable "github.com/tetratelabs/wazero/experimental/table"
	"weak"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// table is a WebAssembly.Table. wazero has no Go API for tables, so each Table object gets a
// little ops module that imports the table and exports size, grow, get and set (the table.*
// instructions); JS's methods call those.
//
// A funcref read from JS (get) becomes an exported function through wazero's
// experimental/table.LookupFunction, which needs the function's type: the table tries the
// signatures of the modules that export or import it (their type sections), which is where every
// function an element segment puts there comes from. A funcref stored from JS (set, grow) is an
// exported function, turned into a reference by a module that imports it and returns ref.func.
type table struct {
	s      *state
	elem   byte
	src    *modRef
	field  string
	ops    api.Module
	opsRef *modRef
	// types are the signatures a function in the table may have.
	types []funcType
}

// addTypes adds the signatures of a module that uses the table.
func (t *table) addTypes(types []funcType) {
	for _, n := range types {
		dup := false
		for _, o := range t.types {
			if string(o.params) == string(n.params) && string(o.results) == string(n.results) {
				dup = true
				break
			}
		}
		if !dup {
			t.types = append(t.types, n)
		}
	}
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

func (s *state) newTableState(elem byte, src *modRef, field string) *table {
	t := &table{s: s, elem: elem, src: src, field: field}
	c, err := s.rt.CompileModule(context.Background(), tableOpsModule(elem, field))
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table: %s", compileMessage(err)))
	}
	ctx := withResolver(context.Background(), map[string]api.Module{"src": src.mod})
	ops, err := s.rt.InstantiateModule(ctx, c, anonymous())
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table: %s", compileMessage(err)))
	}
	t.ops, t.opsRef = ops, own(ops, src)
	return t
}

// tableObject wraps an exported table of a module whose signatures are types. Its element type
// is found by trying both ops modules.
func (s *state) tableObject(mod *modRef, name string, types []funcType) goja.Value {
	for _, elem := range []byte{valFuncref, valExternref} {
		if t, ok := s.tryTable(elem, mod, name); ok {
			t.addTypes(types)
			return s.table.Wrap(t)
		}
	}
	return goja.Undefined()
}

func (s *state) tryTable(elem byte, src *modRef, field string) (t *table, ok bool) {
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
	if goja.IsNull(v) {
		return 0
	}
	if o, ok := v.(*goja.Object); ok {
		if ef, _ := webidl.Slot[*exportedFunc](t.s.r, o); ef != nil {
			return t.s.funcRef(ef)
		}
	}
	panic(webidl.TypeError(t.s.vm, "WebAssembly.Table.set(): Argument 1 is invalid for table: function-typed object expected"))
}

// fromRef is ToJSValue for a table element: for funcref, the exported function of the
// reference (the same object for the same function, as the spec's function cache keeps it).
func (t *table) fromRef(i uint32, x uint64) goja.Value {
	if t.elem == valExternref {
		return t.s.externValue(x)
	}
	if x == 0 {
		return goja.Null()
	}
	if w, ok := t.s.funcrefs[x]; ok {
		if o := w.Value(); o != nil {
			return o
		}
	}
	for _, ft := range t.types {
		if f := lookupFunction(t.ops, i, ft); f != nil {
			ef := &exportedFunc{f: f, owner: t.opsRef, params: ft.params, results: ft.results, funcref: x}
			o := t.s.wrapFunction(ef, f.Definition().Index())
			t.s.funcrefs[x] = weak.Make(o)
			return o
		}
	}
	panic(webidl.TypeError(t.s.vm, "WebAssembly.Table.get(): the function at index %d has a signature none of the table's modules declares (jsroute looks functions up by signature)", i))
}

// lookupFunction is the function at index i of the ops module's table if it has type ft.
func lookupFunction(ops api.Module, i uint32, ft funcType) (f api.Function) {
	defer func() {
		if recover() != nil {
			f = nil
		}
	}()
	return wtable.LookupFunction(ops, 0, i, ft.params, ft.results)
}

// funcRef is a funcref to an exported function: its reference when it came from a table, else
// one made by a module that imports it and returns ref.func.
func (s *state) funcRef(ef *exportedFunc) uint64 {
	if ef.funcref != 0 {
		return ef.funcref
	}
	if ef.export == "" {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): this function cannot be stored in a table by jsroute"))
	}
	c, err := s.rt.CompileModule(context.Background(), funcRefModule(funcType{params: ef.params, results: ef.results}))
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): %s", compileMessage(err)))
	}
	shim := shimModule([]shimImport{{source: "owner", field: ef.export, imp: importDesc{name: "f", kind: kindFunc, fn: funcType{params: ef.params, results: ef.results}}}})
	sc, err := s.rt.CompileModule(context.Background(), shim)
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): %s", compileMessage(err)))
	}
	sm, err := s.rt.InstantiateModule(withResolver(context.Background(), map[string]api.Module{"owner": ef.owner.mod}), sc, anonymous())
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): %s", compileMessage(err)))
	}
	rm, err := s.rt.InstantiateModule(withResolver(context.Background(), map[string]api.Module{"src": sm}), c, anonymous())
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): %s", compileMessage(err)))
	}
	r, err := rm.ExportedFunction("ref").Call(context.Background())
	if err != nil {
		panic(webidl.TypeError(s.vm, "WebAssembly.Table.set(): %s", compileMessage(err)))
	}
	x := r[0]
	// The function must outlive every table that holds it: it is kept with the realm (tables
	// are rarely written from JS).
	s.keep = append(s.keep, own(rm, own(sm, ef.owner)))
	ef.funcref = x
	if w, ok := s.funcrefs[x]; !ok || w.Value() == nil {
		s.funcrefs[x] = weak.Make(ef.obj)
	}
	return x
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
				return t.fromRef(i, t.call("get", uint64(i))[0])
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
