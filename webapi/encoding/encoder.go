package encoding

import (
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// TextEncoder is the (empty) state of a TextEncoder object: its encoder is always UTF-8
// (Encoding Standard §7.4).
type TextEncoder struct{}

// EncodeInto is the UTF-8 encoder loop of TextEncoder.prototype.encodeInto (§7.4): it writes the
// code points of the UTF-16 string s into dst until the next one would not fit, and returns the
// UTF-16 code units read and the bytes written. A lone surrogate is read as U+FFFD (the source is
// a USVString).
func EncodeInto(s goja.String, dst []byte) (read, written int) {
	n := s.Length()
	for read < n {
		cu := s.CharAt(read)
		if cu < 0x80 {
			if written >= len(dst) {
				break
			}
			dst[written] = byte(cu)
			written++
			read++
			continue
		}
		r, units := rune(cu), 1
		if utf16IsSurrogate(cu) {
			r = utf8.RuneError
			if cu < 0xDC00 && read+1 < n {
				if next := s.CharAt(read + 1); next >= 0xDC00 && next <= 0xDFFF {
					r, units = 0x10000+(rune(cu)-0xD800)<<10+(rune(next)-0xDC00), 2
				}
			}
		}
		size := utf8.RuneLen(r)
		if written+size > len(dst) {
			break
		}
		utf8.EncodeRune(dst[written:], r)
		written += size
		read += units
	}
	return read, written
}

func utf16IsSurrogate(cu uint16) bool { return cu >= 0xD800 && cu <= 0xDFFF }

// defineTextEncoder installs TextEncoder (§7.4).
func defineTextEncoder(r *webapi.Realm) *webidl.Class[*TextEncoder] {
	vm := r.VM
	u8 := vm.Get("Uint8Array").(*goja.Object)
	u8proto := u8.Get("prototype").(*goja.Object)
	newU8 := func(b []byte) goja.Value {
		o, err := vm.New(u8, vm.ToValue(vm.NewArrayBuffer(b)))
		if err != nil {
			panic(err)
		}
		return o
	}
	return webidl.Define(r, webidl.Spec[*TextEncoder]{
		Name:   "TextEncoder",
		Length: 0,
		New:    func(goja.ConstructorCall) *TextEncoder { return &TextEncoder{} },
		Methods: []webidl.Method[*TextEncoder]{
			// encode(optional USVString input = ""): lone surrogates become EF BF BD. goja's
			// UTF-8 export of a string already replaces them with U+FFFD, so the DOMString is
			// the USVString here and needs no second validation pass.
			{Name: "encode", Length: 0, Fn: func(_ *TextEncoder, call goja.FunctionCall) goja.Value {
				v := call.Argument(0)
				if goja.IsUndefined(v) {
					return newU8([]byte{})
				}
				return newU8([]byte(webidl.DOMString(vm, v)))
			}},
			// encodeInto(USVString source, Uint8Array destination) → {read, written}. Node.js
			// validates instead of converting: a source that is not a string primitive is a
			// TypeError ERR_INVALID_ARG_TYPE (checked before the destination), as in Next.js.
			{Name: "encodeInto", Length: 2, Fn: func(_ *TextEncoder, call goja.FunctionCall) goja.Value {
				src, ok := call.Argument(0).(goja.String)
				if !ok {
					panic(console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "src" argument must be of type string. Received %s`, console.Received(r, call.Argument(0))))
				}
				dst, ok := call.Argument(1).(*goja.Object)
				if !ok || !hasProto(dst, u8proto) {
					panic(console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "dest" argument must be an instance of Uint8Array. Received %s`, console.Received(r, call.Argument(1))))
				}
				b, _ := webidl.Bytes(vm, dst)
				read, written := EncodeInto(src, b)
				res := vm.NewObject()
				res.Set("read", read)
				res.Set("written", written)
				return res
			}},
		},
		Accessors: []webidl.Accessor[*TextEncoder]{
			{Name: "encoding", Get: func(*TextEncoder) goja.Value { return vm.ToValue("utf-8") }},
		},
	})
}

// hasProto reports whether proto is on o's prototype chain (o instanceof the class, without
// running user code).
func hasProto(o, proto *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p.SameAs(proto) {
			return true
		}
	}
	return false
}
