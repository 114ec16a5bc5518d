package wasm

import (
	"context"
	"strconv"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// Functions read out of a table (Table.prototype.get of a funcref, JS API §Table "get"): Emscripten's
// embind looks every bound function up so (wasmTable.get(ptr)), yoga among them. wazero has no Go call
// of a function reference, so the function is reached the way wasm reaches it: a small caller module
// imports the table and exports call(args..., index), whose body is call_indirect with the function's
// type. The type comes from the module's element segments, which fill the table when it is instantiated
// (tableTypes); an entry placed in the table later, by table.set or a segment whose offset is a global,
// has no known type and still throws.

// elemFunc is a function an element segment puts in a table: its index in the module and its type.
type elemFunc struct {
	index uint32
	typ   funcType
}

// elemTypes maps table indices of a module's first table to the functions its active element segments
// put there.
type elemTypes map[uint32]elemFunc

// tableTypes reads the type, import, function and element sections of a valid module binary.
func tableTypes(b []byte) elemTypes {
	r := &reader{b: b}
	r.bytes(8)
	var types []funcType
	var funcs []uint32 // type index per function index
	out := elemTypes{}
	for r.err == nil && r.pos < len(b) {
		id := r.byte()
		body := r.bytes(int(r.u32()))
		if r.err != nil {
			break
		}
		s := &reader{b: body}
		switch id {
		case 1:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				s.byte()
				var t funcType
				t.params = append([]byte(nil), s.bytes(int(s.u32()))...)
				t.results = append([]byte(nil), s.bytes(int(s.u32()))...)
				types = append(types, t)
			}
		case 2:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				s.name()
				s.name()
				switch s.byte() {
				case kindFunc:
					funcs = append(funcs, s.u32())
				case kindTable:
					s.byte()
					s.limits()
				case kindMemory:
					s.limits()
				case kindGlobal:
					s.byte()
					s.byte()
				case kindTag:
					s.byte()
					s.u32()
				}
			}
		case 3:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				funcs = append(funcs, s.u32())
			}
		case 9:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				flags := s.u32()
				table := uint32(0)
				if flags&2 != 0 && flags&1 == 0 {
					table = s.u32()
				}
				offset, known := uint32(0), false
				if flags&1 == 0 { // active: an offset expression
					offset, known = constExpr(s)
				}
				if flags&3 != 0 { // elemkind or reftype
					s.byte()
				}
				count := s.u32()
				for i := uint32(0); i < count && s.err == nil; i++ {
					f, ok := uint32(0), true
					if flags&4 == 0 {
						f = s.u32()
					} else {
						f, ok = refFuncExpr(s)
					}
					if ok && known && table == 0 && flags&1 == 0 && int(f) < len(funcs) && int(funcs[f]) < len(types) {
						out[offset+i] = elemFunc{index: f, typ: types[funcs[f]]}
					}
				}
			}
		}
	}
	return out
}

// constExpr reads an i32.const offset expression; any other expression reads as unknown.
func constExpr(s *reader) (uint32, bool) {
	op := s.byte()
	var v uint32
	known := false
	switch op {
	case 0x41: // i32.const: a signed LEB128
		v, known = uint32(s32(s)), true
	case 0x23: // global.get
		s.u32()
	}
	for s.err == nil && s.byte() != 0x0b {
	}
	return v, known
}

func s32(s *reader) int32 {
	var v int64
	shift := 0
	for {
		c := s.byte()
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return int32(v)
		}
		if s.err != nil || shift > 35 {
			return 0
		}
	}
}

// refFuncExpr reads an element expression: ref.func f, or ref.null.
func refFuncExpr(s *reader) (uint32, bool) {
	switch s.byte() {
	case 0xd2:
		f := s.u32()
		s.byte() // end
		return f, true
	case 0xd0:
		s.byte()
		s.byte()
	}
	return 0, false
}

// callerModule imports table field of "src" and exports call: [t.params..., i32] → t.results, a
// call_indirect of type t.
func callerModule(t funcType, field string) []byte {
	w := newModuleWriter()
	w.section(1, func(s *writer) {
		s.u32(2)
		s.b = append(s.b, 0x60)
		s.u32(uint32(len(t.params)))
		s.b = append(s.b, t.params...)
		s.u32(uint32(len(t.results)))
		s.b = append(s.b, t.results...)
		s.b = append(s.b, 0x60)
		s.u32(uint32(len(t.params) + 1))
		s.b = append(s.b, t.params...)
		s.b = append(s.b, valI32)
		s.u32(uint32(len(t.results)))
		s.b = append(s.b, t.results...)
	})
	w.section(2, func(s *writer) {
		s.u32(1)
		s.name("src")
		s.name(field)
		s.b = append(s.b, kindTable, valFuncref)
		s.limits(limits{})
	})
	w.section(3, func(s *writer) { s.u32(1); s.u32(1) })
	w.section(7, func(s *writer) {
		s.u32(1)
		s.name("call")
		s.b = append(s.b, kindFunc, 0)
	})
	w.section(10, func(s *writer) {
		var code writer
		code.u32(0) // no locals
		for i := 0; i <= len(t.params); i++ {
			code.b = append(code.b, 0x20)
			code.u32(uint32(i))
		}
		code.b = append(code.b, 0x11, 0, 0, 0x0b) // call_indirect (type 0) (table 0); end
		s.u32(1)
		s.u32(uint32(len(code.b)))
		s.b = append(s.b, code.b...)
	})
	return w.b
}

// tableFunction is the JS function for the funcref at index i of t, or nil when its type is unknown.
func (t *table) tableFunction(i uint32) goja.Value {
	ef, ok := t.types[i]
	if !ok {
		return nil
	}
	ft := ef.typ
	if f, ok := t.funcs[i]; ok {
		return f
	}
	key := string(ft.params) + "\x00" + string(ft.results)
	caller := t.callers[key]
	s := t.s
	if caller == nil {
		c, err := s.rt.CompileModule(context.Background(), callerModule(ft, t.field))
		if err != nil {
			panic(webidl.TypeError(s.vm, "WebAssembly.Table.get(): %s", compileMessage(err)))
		}
		ctx := withResolver(context.Background(), map[string]api.Module{"src": t.src})
		mod, err := s.rt.InstantiateModule(ctx, c, anonymous())
		if err != nil {
			panic(webidl.TypeError(s.vm, "WebAssembly.Table.get(): %s", compileMessage(err)))
		}
		caller = mod.ExportedFunction("call")
		if t.callers == nil {
			t.callers = map[string]api.Function{}
		}
		t.callers[key] = caller
	}
	params, results := valueTypes(ft.params), valueTypes(ft.results)
	n := max(len(params)+1, len(results))
	// Named by its function index and as long as its parameters, as an exported function (JS API
	// §"a new Exported Function").
	fo := webidl.Function(s.vm, strconv.Itoa(int(ef.index)), len(params), func(call goja.FunctionCall) goja.Value {
		stack := make([]uint64, n)
		for k, p := range params {
			stack[k] = s.toWasm(call.Argument(k), p)
		}
		stack[len(params)] = uint64(i)
		err := caller.CallWithStack(s.callContext(), stack)
		s.refreshBuffers()
		if err != nil {
			s.throwCallError(err)
		}
		switch len(results) {
		case 0:
			return goja.Undefined()
		case 1:
			return s.toJS(stack[0], results[0])
		}
		out := make([]any, len(results))
		for k, r := range results {
			out[k] = s.toJS(stack[k], r)
		}
		return s.vm.NewArray(out...)
	})
	if t.funcs == nil {
		t.funcs = map[uint32]goja.Value{}
	}
	t.funcs[i] = fo
	return fo
}
