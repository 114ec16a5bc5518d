package webidl

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// TypeError makes a TypeError to panic with; goja turns the panic into a JS throw.
func TypeError(vm *goja.Runtime, format string, args ...any) *goja.Object {
	return vm.NewTypeError(fmt.Sprintf(format, args...))
}

// RangeError makes a RangeError to panic with.
func RangeError(vm *goja.Runtime, format string, args ...any) *goja.Object {
	ctor := vm.Get("RangeError").(*goja.Object)
	o, err := vm.New(ctor, vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(err)
	}
	return o
}

// Throw panics with a JS value so that goja throws it.
func Throw(v goja.Value) { panic(v) }

// IsNullish reports undefined or null (or a missing argument).
func IsNullish(v goja.Value) bool {
	return v == nil || goja.IsUndefined(v) || goja.IsNull(v)
}

// DOMString converts with ToString (WebIDL §3.2.10); symbols throw a TypeError.
func DOMString(vm *goja.Runtime, v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, ok := v.(*goja.Symbol); ok {
		panic(TypeError(vm, "Cannot convert a Symbol value to a string"))
	}
	return v.String()
}

// USVString converts with ToString and replaces lone surrogates with U+FFFD (WebIDL §3.2.12).
// goja hands Go strings with lone surrogates already encoded as U+FFFD, so a valid-UTF-8 check
// is all that is left.
func USVString(vm *goja.Runtime, v goja.Value) string {
	s := DOMString(vm, v)
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// ByteString converts with ToString and rejects code units above 0xFF (WebIDL §3.2.11). The
// result holds one byte per code unit (Latin-1), as header values do on the wire.
func ByteString(vm *goja.Runtime, v goja.Value, what string) string {
	s := DOMString(vm, v)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0xFF {
			panic(TypeError(vm, "Cannot convert argument to a ByteString because the character at index %d has a value of %d which is greater than 255.", utf16Index(s, r), r))
		}
		b.WriteByte(byte(r))
	}
	return b.String()
}

func utf16Index(s string, target rune) int {
	n := 0
	for _, r := range s {
		if r == target {
			return n
		}
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// Latin1ToString turns a ByteString back into a JS string (each byte one code unit).
func Latin1ToString(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			r := make([]rune, len(s))
			for j := 0; j < len(s); j++ {
				r[j] = rune(s[j])
			}
			return string(r)
		}
	}
	return s
}

// Bytes returns the bytes of a BufferSource (ArrayBuffer or an ArrayBufferView), sharing memory
// with it. ok is false for anything else.
func Bytes(vm *goja.Runtime, v goja.Value) (b []byte, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	switch x := o.Export().(type) {
	case goja.ArrayBuffer:
		return x.Bytes(), true
	case []byte:
		return x, true
	}
	buf, isBuf := o.Get("buffer").(*goja.Object)
	if !isBuf {
		return nil, false
	}
	ab, isAB := buf.Export().(goja.ArrayBuffer)
	if !isAB {
		return nil, false
	}
	if !IsArrayBufferView(vm, o) {
		return nil, false
	}
	off := o.Get("byteOffset").ToInteger()
	n := o.Get("byteLength").ToInteger()
	all := ab.Bytes()
	return all[off : off+n], true
}

// IsArrayBufferView reports a typed array or a DataView.
func IsArrayBufferView(vm *goja.Runtime, o *goja.Object) bool {
	isView := vm.Get("ArrayBuffer").(*goja.Object).Get("isView")
	f, _ := goja.AssertFunction(isView)
	r, err := f(goja.Undefined(), o)
	return err == nil && r.ToBoolean()
}

// NewUint8Array makes a Uint8Array over a copy of b.
func NewUint8Array(vm *goja.Runtime, b []byte) goja.Value {
	buf := vm.NewArrayBuffer(append([]byte(nil), b...))
	u8, err := vm.New(vm.Get("Uint8Array").(*goja.Object), vm.ToValue(buf))
	if err != nil {
		panic(err)
	}
	return u8
}

// Iterate walks an iterable (anything with @@iterator), WebIDL sequence<T> conversion.
func Iterate(vm *goja.Runtime, v goja.Value, fn func(item goja.Value)) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	m := o.GetSymbol(goja.SymIterator)
	if IsNullish(m) {
		return false
	}
	if _, ok := goja.AssertFunction(m); !ok {
		return false
	}
	vm.ForOf(o, func(item goja.Value) bool {
		fn(item)
		return true
	})
	return true
}
