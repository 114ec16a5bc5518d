package engine

import (
	"fmt"
	"math"
	"syscall"

	"github.com/dop251/goja"
)

// A single allocation larger than the machine can give ends a Go process with "fatal error: out
// of memory", which no recover catches: in goja `new ArrayBuffer(2 ** 40)`, `new Uint8Array({
// length: 2 ** 40 })` and `'x'.repeat(2 ** 40)` do exactly that (measured). One smaller than that but
// larger than the memory budget (`new Float64Array(2 ** 30)`: 8 GiB) is allocated whole before the
// budget's watcher (memory.go) can stop the handler, and a Go loop over it (`.fill(1)`) cannot be
// interrupted. So these are refused up front, before goja allocates, with the error Node throws
// (issue 13, item 3):
//
//   - ArrayBuffer and the typed-array constructors: more than 2^32 elements is Node's
//     `RangeError: Invalid typed array length: N` (V8's limit on a typed array's length); more bytes than
//     the budget is `RangeError: Array buffer allocation failed`, which V8 throws when its allocator
//     refuses (Node would allocate: the budget is jsroute's). Buffer (node:buffer's FastBuffer extends
//     Uint8Array) goes through the same check.
//   - String.prototype.repeat, padStart and padEnd: a result longer than V8's maximum string length,
//     2^29 − 24 code units, is Node's `RangeError: Invalid string length`.
//
// The constructors are replaced by native constructors that check and then construct the
// original (identity, instanceof, statics, species and subclassing keep working; a Proxy would
// be simpler, but goja's Proxy of a function fails `instanceof`); the string methods are goja's
// own native functions called directly. String concatenation (`s += s`) and Array growth are
// goja opcodes with no hook: the budget's watcher stops those (see the README's Security
// section). Measured in e2e/bench/README.md ("goja findings: hardening").

// maxStringLength is V8's String::kMaxLength on 64-bit hosts, Node 20's limit.
const maxStringLength = 1<<29 - 24

// maxTypedArrayLength is V8's limit on a typed array's length in Node 20.
const maxTypedArrayLength = 1 << 32

// allocLimit is the largest single buffer a handler may allocate: the memory budget, or without
// one the machine's memory.
func allocLimit(budget uint64) uint64 {
	if budget > 0 {
		return budget
	}
	var si syscall.Sysinfo_t
	if syscall.Sysinfo(&si) == nil && si.Totalram > 0 {
		return uint64(si.Totalram) * uint64(si.Unit)
	}
	return math.MaxInt64
}

var typedArrays = []struct {
	name string
	size uint64
}{
	{"Int8Array", 1}, {"Uint8Array", 1}, {"Uint8ClampedArray", 1}, {"Int16Array", 2}, {"Uint16Array", 2},
	{"Int32Array", 4}, {"Uint32Array", 4}, {"Float32Array", 4}, {"Float64Array", 8},
	{"BigInt64Array", 8}, {"BigUint64Array", 8},
}

// installAllocGuard wraps the allocating constructors and string methods of vm (see above).
func installAllocGuard(vm *goja.Runtime, limit uint64) error {
	if err := guardConstructor(vm, "ArrayBuffer", 0, limit); err != nil {
		return err
	}
	for _, t := range typedArrays {
		if err := guardConstructor(vm, t.name, t.size, limit); err != nil {
			return err
		}
	}
	return guardStrings(vm)
}

// guardConstructor replaces globalThis[name] by a native constructor that refuses a buffer past
// limit and otherwise constructs the original. It shares the original's prototype (whose
// constructor it becomes), statics and [[Prototype]], so instanceof, species, Buffer's FastBuffer
// subclass and `x.constructor === Uint8Array` behave as before. elem is the element size; 0 for
// ArrayBuffer.
func guardConstructor(vm *goja.Runtime, name string, elem, limit uint64) error {
	orig, _ := vm.Get(name).(*goja.Object)
	if orig == nil {
		return fmt.Errorf("alloc guard: no %s", name)
	}
	construct, ok := goja.AssertConstructor(orig)
	if !ok {
		return fmt.Errorf("alloc guard: %s is not a constructor", name)
	}
	proto, _ := orig.Get("prototype").(*goja.Object)
	if proto == nil {
		return fmt.Errorf("alloc guard: %s has no prototype", name)
	}
	var w *goja.Object
	w = vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		// goja gives no NewTarget for `new C()` itself, nor tells it from a call without new
		// (which therefore constructs too, where Node throws a TypeError).
		target := call.NewTarget
		if target == nil {
			target = w
		}
		if len(call.Arguments) > 0 { // C(length) or C(arrayLike): the other arguments are then ignored
			checkAlloc(vm, call.Arguments[0], elem, limit)
		}
		o, err := construct(target, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return o
	}).(*goja.Object)
	// The original's own statics, name and length, and its [[Prototype]] (%TypedArray%: from,
	// of, @@species), set from Go: a JS copy (Reflect.ownKeys) cost more than the rest of the
	// guard's installation.
	length := 3
	if elem == 0 {
		length = 1
		if err := w.DefineDataProperty("isView", orig.Get("isView"), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
		species := vm.ToValue(func(call goja.FunctionCall) goja.Value { return call.This })
		if err := w.DefineAccessorPropertySymbol(goja.SymSpecies, species, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	} else if err := w.DefineDataProperty("BYTES_PER_ELEMENT", vm.ToValue(elem), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	w.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	w.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	if err := w.SetPrototype(orig.Prototype()); err != nil {
		return err
	}
	if err := w.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return err
	}
	if err := proto.DefineDataProperty("constructor", w, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
		return err
	}
	return vm.GlobalObject().DefineDataProperty(name, w, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// checkAlloc throws Node's RangeError when new C(arg) would allocate past limit: arg is a length,
// or an array-like object without an iterator (whose length is allocated at once; an iterable
// grows as it is read, which the budget's watcher can stop).
func checkAlloc(vm *goja.Runtime, arg goja.Value, elem, limit uint64) {
	var n float64
	if o, ok := arg.(*goja.Object); ok {
		if elem == 0 || o.ClassName() != "Object" {
			return // ArrayBuffer(object) is a length of 0 or NaN; typed arrays, buffers, arrays are bounded
		}
		if it := o.GetSymbol(goja.SymIterator); it != nil && !goja.IsUndefined(it) {
			return
		}
		l := o.Get("length") // nil for an ArrayBuffer (whose class goja names "Object")
		if l == nil {
			return
		}
		n = l.ToFloat()
	} else {
		n = arg.ToFloat()
	}
	if !(n > 0) || math.IsInf(n, 0) {
		return // goja's own checks answer NaN, negative and infinite lengths
	}
	if elem > 0 && n > maxTypedArrayLength {
		panic(rangeError(vm, fmt.Sprintf("Invalid typed array length: %d", uint64(n))))
	}
	bytes := n
	if elem > 0 {
		bytes *= float64(elem)
	}
	if bytes > float64(limit) {
		panic(rangeError(vm, "Array buffer allocation failed"))
	}
}

func rangeError(vm *goja.Runtime, msg string) *goja.Object {
	ctor, _ := vm.Get("RangeError").(*goja.Object)
	e, err := vm.New(ctor, vm.ToValue(msg))
	if err != nil {
		panic(err)
	}
	return e
}

// guardStrings wraps String.prototype.repeat, padStart and padEnd: a result past
// maxStringLength is Node's RangeError. Each argument is converted once, here, and handed on
// converted, so a valueOf runs once as in Node.
func guardStrings(vm *goja.Runtime) error {
	proto, _ := vm.Get("String").(*goja.Object).Get("prototype").(*goja.Object)
	tooLong := func() { panic(rangeError(vm, "Invalid string length")) }
	wrap := func(name string, length int, check func(call *goja.FunctionCall)) error {
		f, err := nativeOf(proto.Get(name), "String.prototype."+name)
		if err != nil {
			return err
		}
		fn := vm.ToValue(func(call goja.FunctionCall) goja.Value {
			check(&call)
			return f(call)
		}).(*goja.Object)
		fn.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		fn.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		return proto.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	// this as a string, converted once (null and undefined are left to goja's TypeError).
	self := func(call *goja.FunctionCall) (goja.String, bool) {
		if goja.IsUndefined(call.This) || goja.IsNull(call.This) {
			return nil, false
		}
		if s, ok := call.This.(goja.String); ok {
			return s, true
		}
		if s, ok := vm.ToValue(call.This.String()).(goja.String); ok {
			call.This = s
			return s, true
		}
		return nil, false
	}
	// number converts argument i once and stores the number back.
	number := func(call *goja.FunctionCall, i int) float64 {
		if i >= len(call.Arguments) {
			return 0
		}
		v := call.Arguments[i]
		if _, isObj := v.(*goja.Object); isObj {
			v = vm.ToValue(v.ToFloat())
			args := make([]goja.Value, len(call.Arguments))
			copy(args, call.Arguments)
			args[i] = v
			call.Arguments = args
		}
		return v.ToFloat()
	}
	if err := wrap("repeat", 1, func(call *goja.FunctionCall) {
		s, ok := self(call)
		if !ok {
			return
		}
		if n := number(call, 0); s.Length() > 0 && n > 0 && !math.IsInf(n, 0) && float64(s.Length())*math.Trunc(n) > maxStringLength {
			tooLong()
		}
	}); err != nil {
		return err
	}
	pad := func(call *goja.FunctionCall) {
		s, ok := self(call)
		if !ok {
			return
		}
		n := number(call, 0)
		if !(n > maxStringLength) || n <= float64(s.Length()) {
			return
		}
		if len(call.Arguments) > 1 && !goja.IsUndefined(call.Arguments[1]) {
			fill := call.Arguments[1]
			if _, isObj := fill.(*goja.Object); isObj {
				fill = fill.ToString()
				args := make([]goja.Value, len(call.Arguments))
				copy(args, call.Arguments)
				args[1] = fill
				call.Arguments = args
			}
			if fs, ok := fill.ToString().(goja.String); ok && fs.Length() == 0 {
				return // an empty filler leaves the string as it is
			}
		}
		tooLong()
	}
	if err := wrap("padStart", 1, pad); err != nil {
		return err
	}
	return wrap("padEnd", 1, pad)
}
