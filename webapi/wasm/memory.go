package wasm

import (
	"context"
	"math"
	"runtime"
	"weak"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// maxPages is the most pages a memory may have (wazero's limit and V8's: 4 GiB).
const maxPages = 65536

// memory is a WebAssembly.Memory: a wazero memory and the module that exports it (for linking
// it as an import), with the ArrayBuffer JS holds over it.
type memory struct {
	s     *state
	mem   api.Memory
	src   *modRef
	field string
	obj   *goja.Object // the Memory object

	buf    *goja.Object // the ArrayBuffer over mem, until it is detached
	ab     goja.ArrayBuffer
	bufLen uint32
}

// memoryObject is the one Memory object of mem in this realm.
func (s *state) memoryObject(mem api.Memory, src *modRef, field string) goja.Value {
	s.memMu.Lock()
	w, ok := s.memories[mem]
	s.memMu.Unlock()
	if ok {
		if m := w.Value(); m != nil {
			return s.memoryWrap(m)
		}
	}
	m := &memory{s: s, mem: mem, src: src, field: field}
	s.remember(m)
	return s.memoryWrap(m)
}

// remember makes m the Memory of its wazero memory, until m is collected.
//
// The cleanup reaches the realm's state only weakly: a cleanup function is a GC root until its
// object is collected, and m is reachable from the state (state → goja runtime → Memory object →
// m), so a cleanup holding the state would keep m, the state and the whole goja runtime alive
// forever, even after the realm is closed (leak_test.go).
func (s *state) remember(m *memory) {
	s.memMu.Lock()
	s.memories[m.mem] = weak.Make(m)
	s.memMu.Unlock()
	runtime.AddCleanup(m, forgetMemory, memoryKey{weak.Make(s), m.mem})
}

// memoryKey is what forgetMemory needs: the state, weakly, and the wazero memory.
type memoryKey struct {
	s   weak.Pointer[state]
	mem api.Memory
}

// forgetMemory removes a collected Memory from its realm's map.
func forgetMemory(k memoryKey) {
	s := k.s.Value()
	if s == nil {
		return
	}
	s.memMu.Lock()
	if w, ok := s.memories[k.mem]; ok && w.Value() == nil {
		delete(s.memories, k.mem)
	}
	s.memMu.Unlock()
}

func (s *state) memoryWrap(m *memory) goja.Value {
	if m.obj == nil {
		m.obj = s.memory.Wrap(m)
	}
	return m.obj
}

// buffer is JS API §Memory "get buffer": an ArrayBuffer over the memory's bytes, the same one
// until the memory grows.
func (m *memory) buffer() goja.Value {
	if m.buf != nil && m.mem.Size() == m.bufLen {
		return m.buf
	}
	if m.buf != nil {
		m.detach()
	}
	size := m.mem.Size()
	data, _ := m.mem.Read(0, size)
	m.ab = m.s.vm.NewArrayBuffer(data)
	m.buf = m.s.vm.ToValue(m.ab).(*goja.Object)
	m.bufLen = size
	m.s.live = append(m.s.live, weak.Make(m))
	return m.buf
}

// detach is JS API §"refresh the memory buffer": the old ArrayBuffer is detached, so views over
// it read as empty, and the next .buffer is a new one.
func (m *memory) detach() {
	if m.buf != nil {
		m.ab.Detach()
		m.buf = nil
	}
}

func (s *state) defineMemory() {
	vm := s.vm
	s.memory = webidl.Define(s.r, webidl.Spec[*memory]{
		Name:   "Memory",
		Length: 1,
		New: func(call goja.ConstructorCall) *memory {
			d, ok := call.Argument(0).(*goja.Object)
			if !ok {
				panic(webidl.TypeError(vm, "WebAssembly.Memory(): Argument 0 must be a memory descriptor"))
			}
			l := limits{}
			l.min = s.descriptorIndex(d, "initial", "WebAssembly.Memory()", maxPages, true)
			if mx := d.Get("maximum"); mx != nil && !goja.IsUndefined(mx) {
				l.max, l.hasMax = s.descriptorIndex(d, "maximum", "WebAssembly.Memory()", maxPages, false), true
				if l.max < l.min {
					panic(webidl.RangeError(vm, "WebAssembly.Memory(): Property 'maximum': value %d is below the lower bound %d.", l.max, l.min))
				}
			}
			if sh := d.Get("shared"); sh != nil && sh.ToBoolean() {
				panic(webidl.TypeError(vm, "WebAssembly.Memory(): shared memory is not supported by jsroute"))
			}
			mod := s.holder(memoryModule(l), "WebAssembly.Memory()")
			m := &memory{s: s, mem: mod.mod.ExportedMemory("m"), src: mod, field: "m", obj: call.This}
			s.remember(m)
			return m
		},
		Methods: []webidl.Method[*memory]{
			{Name: "grow", Length: 1, Fn: func(m *memory, call goja.FunctionCall) goja.Value {
				delta := s.enforceRange(call.Argument(0), "WebAssembly.Memory.grow(): Argument 0")
				old, ok := m.mem.Grow(delta)
				if !ok {
					panic(webidl.RangeError(vm, "WebAssembly.Memory.grow(): Maximum memory size exceeded"))
				}
				m.detach()
				return vm.ToValue(old)
			}},
		},
		Accessors: []webidl.Accessor[*memory]{
			{Name: "buffer", Get: func(m *memory) goja.Value { return m.buffer() }},
		},
	})
}

// holder compiles and instantiates one of the little modules that hold what JS creates.
//
// The compiled module is closed once instantiated (the instance keeps its code): compiled
// modules live in the engine of the process-wide compilation cache until closed, and a
// Global's bytes hold its initial value, so every distinct `new WebAssembly.Global(d, v)`
// would otherwise stay compiled for the life of the process, its realm long gone.
func (s *state) holder(bin []byte, what string) *modRef {
	ctx := context.Background()
	c, err := s.rt.CompileModule(ctx, bin)
	if err != nil {
		panic(webidl.RangeError(s.vm, "%s: %s", what, compileMessage(err)))
	}
	defer c.Close(ctx)
	mod, err := s.rt.InstantiateModule(ctx, c, anonymous())
	if err != nil {
		panic(webidl.RangeError(s.vm, "%s: %s", what, compileMessage(err)))
	}
	return own(mod)
}

// descriptorIndex reads a descriptor's integer property ([EnforceRange] unsigned long, at most
// max).
func (s *state) descriptorIndex(d *goja.Object, name, what string, max uint32, required bool) uint32 {
	v := d.Get(name)
	if v == nil || goja.IsUndefined(v) {
		if required {
			panic(webidl.TypeError(s.vm, "%s: Property '%s' is required", what, name))
		}
		return 0
	}
	n := s.enforceRange(v, what+": Property '"+name+"'")
	if n > max {
		panic(webidl.RangeError(s.vm, "%s: Property '%s': value %d is above the upper bound %d.", what, name, n, max))
	}
	return n
}

// enforceRange is WebIDL [EnforceRange] unsigned long.
func (s *state) enforceRange(v goja.Value, what string) uint32 {
	f := s.toNumber(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		panic(webidl.TypeError(s.vm, "%s must be convertible to a valid number", what))
	}
	f = math.Trunc(f)
	if f < 0 || f > math.MaxUint32 {
		panic(webidl.TypeError(s.vm, "%s must be in the unsigned long range", what))
	}
	return uint32(f)
}
