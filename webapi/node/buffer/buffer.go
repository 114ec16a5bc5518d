// Package buffer is node:buffer and the Buffer global (Node 20,
// https://nodejs.org/docs/latest-v20.x/api/buffer.html).
//
// Buffer is a real Uint8Array subclass laid out as Node lays it out: every Buffer is an instance of
// an internal class FastBuffer (extends Uint8Array) whose prototype is Buffer.prototype. The class
// shape and the argument checks are JavaScript (buffer.js, compiled once per process and run once
// per runtime, on first use); the byte work — encoding and decoding strings, searching, comparing,
// filling, copying — is Go, called through a small binding object, so Buffer.from(string) and
// toString never loop in JavaScript.
//
// Other node modules use New and Bytes to pass bytes to and from JavaScript without copies.
package buffer

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/internal/errs"
)

//go:embed buffer.js
var source string

var (
	programOnce sync.Once
	program     *goja.Program
	b64std      = base64.StdEncoding
	b64url      = base64.RawURLEncoding
)

func compiled() *goja.Program {
	programOnce.Do(func() {
		program = goja.MustCompile("node:buffer", source, true)
	})
	return program
}

type stateKey struct{}

// state is one runtime's buffer module.
type state struct {
	exports *goja.Object
	ctor    *goja.Object // FastBuffer
}

func init() {
	node.Register("buffer", func(r *webapi.Realm) goja.Value { return get(r).exports })
	node.RegisterGlobal("Buffer", func(r *webapi.Realm) goja.Value { return get(r).exports.Get("Buffer") })
}

// get builds the module in r on first use.
func get(r *webapi.Realm) *state {
	if s, ok := r.Get(stateKey{}).(*state); ok {
		return s
	}
	vm := r.VM
	s := &state{}
	r.Set(stateKey{}, s)
	fn, err := vm.RunProgram(compiled())
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	g := vm.GlobalObject()
	ex, err := call(goja.Undefined(), newBinding(r, s), g.Get("Blob"), g.Get("File"), g.Get("atob"), g.Get("btoa"))
	if err != nil {
		panic(err)
	}
	s.exports = ex.(*goja.Object)
	return s
}

// New returns a Buffer over b, sharing its memory (no copy).
func New(r *webapi.Realm, b []byte) *goja.Object {
	s := get(r)
	if b == nil {
		b = []byte{}
	}
	o, err := r.VM.New(s.ctor, r.VM.ToValue(r.VM.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return o
}

// Bytes returns the bytes of a Buffer, any TypedArray, a DataView or an ArrayBuffer, sharing
// their memory. ok is false for anything else.
func Bytes(r *webapi.Realm, v goja.Value) ([]byte, bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	switch x := o.Export().(type) {
	case []byte:
		return x, true
	case goja.ArrayBuffer:
		return x.Bytes(), true
	}
	var b []byte
	if err := r.VM.ExportTo(o, &b); err != nil {
		return nil, false
	}
	// ExportTo also turns plain arrays into a fresh []byte: accept only views.
	if _, isView := o.Export().([]byte); isView || isArrayBufferView(r, o) {
		return b, true
	}
	return nil, false
}

func isArrayBufferView(r *webapi.Realm, o *goja.Object) bool {
	isView, _ := goja.AssertFunction(r.VM.Get("ArrayBuffer").(*goja.Object).Get("isView"))
	res, err := isView(goja.Undefined(), o)
	return err == nil && res.ToBoolean()
}

// newBinding is the object buffer.js calls for the byte work. Its arguments are already checked
// by the JavaScript side; views arrive as Uint8Arrays unless a function says otherwise.
func newBinding(r *webapi.Realm, s *state) *goja.Object {
	vm := r.VM
	b := vm.NewObject()
	bytesOf := func(v goja.Value) []byte {
		if bs, ok := Bytes(r, v); ok {
			return bs
		}
		panic(vm.NewTypeError("buffer: not a view"))
	}
	encOf := func(v goja.Value) int {
		e, ok := encNames[v.String()]
		if !ok {
			panic(vm.NewTypeError("buffer: unknown encoding " + v.String()))
		}
		return e
	}
	str := func(v goja.Value) goja.String {
		if s, ok := v.(goja.String); ok {
			return s
		}
		return v.ToString().(goja.String)
	}
	// A Go panic that is not a JavaScript value becomes a JavaScript Error, never escaping.
	set := func(name string, fn func(call goja.FunctionCall) goja.Value) {
		b.Set(name, errs.Guard(vm, "buffer", name, fn))
	}

	set("setClass", func(call goja.FunctionCall) goja.Value {
		s.ctor = call.Argument(0).(*goja.Object)
		return goja.Undefined()
	})
	set("error", func(call goja.FunctionCall) goja.Value {
		return console.NodeError(r, call.Argument(0).String(), call.Argument(1).String(), "%s", call.Argument(2).String())
	})
	set("received", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(console.Received(r, call.Argument(0)))
	})
	set("inspect", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(console.Inspect(r, call.Argument(0)))
	})
	// fromString(string, enc) → a new Buffer.
	set("fromString", func(call goja.FunctionCall) goja.Value {
		return New(r, encodeString(str(call.Argument(0)), encOf(call.Argument(1))))
	})
	set("byteLength", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(byteLength(str(call.Argument(0)), encOf(call.Argument(1))))
	})
	// slice(buf, enc, start, end) → string; start and end are clamped here.
	set("slice", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		start, end := clamp(call.Argument(2).ToInteger(), len(bs)), clamp(call.Argument(3).ToInteger(), len(bs))
		if end < start {
			end = start
		}
		return decodeBytes(vm, bs[start:end], encOf(call.Argument(1)))
	})
	// write(buf, string, offset, length, enc) → bytes written.
	set("write", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		off := clamp(call.Argument(2).ToInteger(), len(bs))
		end := clamp(int64(off)+call.Argument(3).ToInteger(), len(bs))
		return vm.ToValue(writeString(bs[off:end], str(call.Argument(1)), encOf(call.Argument(4))))
	})
	// compare(a, aStart, aEnd, b, bStart, bEnd) → -1, 0, 1.
	set("compare", func(call goja.FunctionCall) goja.Value {
		a, c := bytesOf(call.Argument(0)), bytesOf(call.Argument(3))
		a = a[clamp(call.Argument(1).ToInteger(), len(a)):clamp(call.Argument(2).ToInteger(), len(a))]
		c = c[clamp(call.Argument(4).ToInteger(), len(c)):clamp(call.Argument(5).ToInteger(), len(c))]
		return vm.ToValue(bytes.Compare(a, c))
	})
	// copy(source, target, targetStart, sourceStart, n) → n; overlapping ranges are fine (memmove).
	set("copy", func(call goja.FunctionCall) goja.Value {
		src, dst := bytesOf(call.Argument(0)), bytesOf(call.Argument(1))
		ts, ss := clamp(call.Argument(2).ToInteger(), len(dst)), clamp(call.Argument(3).ToInteger(), len(src))
		n := clamp(call.Argument(4).ToInteger(), len(src)-ss)
		return vm.ToValue(copy(dst[ts:], src[ss:ss+n]))
	})
	// fill(buf, pattern, start, end): repeat pattern over buf[start:end].
	set("fill", func(call goja.FunctionCall) goja.Value {
		bs, pat := bytesOf(call.Argument(0)), bytesOf(call.Argument(1))
		pat = append([]byte(nil), pat...) // pattern and target may share memory
		start, end := clamp(call.Argument(2).ToInteger(), len(bs)), clamp(call.Argument(3).ToInteger(), len(bs))
		if start < end && len(pat) > 0 {
			dst := bs[start:end]
			n := copy(dst, pat)
			for n < len(dst) {
				n += copy(dst[n:], dst[:n])
			}
		}
		return goja.Undefined()
	})
	set("indexOfNumber", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		needle := byte(call.Argument(1).ToInteger())
		fwd := call.Argument(3).ToBoolean()
		off := indexOfOffset(len(bs), call.Argument(2).ToFloat(), 1, fwd)
		if off < 0 || len(bs) == 0 {
			return vm.ToValue(-1)
		}
		if fwd {
			i := bytes.IndexByte(bs[off:], needle)
			if i >= 0 {
				i += off
			}
			return vm.ToValue(i)
		}
		return vm.ToValue(bytes.LastIndexByte(bs[:min(off+1, len(bs))], needle))
	})
	set("indexOfString", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		enc := encOf(call.Argument(3))
		needle := encodeString(str(call.Argument(1)), enc)
		return vm.ToValue(indexOf(bs, needle, call.Argument(2).ToFloat(), enc, call.Argument(4).ToBoolean()))
	})
	set("indexOfBuffer", func(call goja.FunctionCall) goja.Value {
		bs, needle := bytesOf(call.Argument(0)), bytesOf(call.Argument(1))
		return vm.ToValue(indexOf(bs, needle, call.Argument(2).ToFloat(), encOf(call.Argument(3)), call.Argument(4).ToBoolean()))
	})
	set("swap", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		n := int(call.Argument(1).ToInteger())
		for i := 0; i+n <= len(bs); i += n {
			for j, k := i, i+n-1; j < k; j, k = j+1, k-1 {
				bs[j], bs[k] = bs[k], bs[j]
			}
		}
		return goja.Undefined()
	})
	set("hexPairs", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		bs = bs[:clamp(call.Argument(1).ToInteger(), len(bs))]
		var sb strings.Builder
		const digits = "0123456789abcdef"
		for i, c := range bs {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteByte(digits[c>>4])
			sb.WriteByte(digits[c&15])
		}
		return vm.ToValue(sb.String())
	})
	set("isUtf8", func(call goja.FunctionCall) goja.Value { return vm.ToValue(isUTF8(bytesOf(call.Argument(0)))) })
	set("isAscii", func(call goja.FunctionCall) goja.Value { return vm.ToValue(isASCII(bytesOf(call.Argument(0)))) })
	set("transcode", func(call goja.FunctionCall) goja.Value {
		bs := bytesOf(call.Argument(0))
		text := decodeBytes(vm, bs, encOf(call.Argument(1))).(goja.String)
		to := encOf(call.Argument(2))
		if to == encLatin1 || to == encASCII {
			limit := uint16(0xFF)
			if to == encASCII {
				limit = 0x7F
			}
			n := text.Length()
			out := make([]byte, 0, n)
			for i := 0; i < n; i++ {
				c := text.CharAt(i)
				if c >= 0xD800 && c <= 0xDBFF && i+1 < n && text.CharAt(i+1) >= 0xDC00 && text.CharAt(i+1) <= 0xDFFF {
					i++ // a pair is one character, one "?"
					c = 0xFFFF
				}
				if c > limit {
					out = append(out, '?')
				} else {
					out = append(out, byte(c))
				}
			}
			return New(r, out)
		}
		return New(r, encodeString(text, to))
	})
	return b
}

// clamp bounds i to [0, n].
func clamp(i int64, n int) int {
	if i < 0 {
		return 0
	}
	if i > int64(n) {
		return n
	}
	return int(i)
}

// indexOfOffset is where a search starts (node's src/node_buffer.cc IndexOfOffset): a negative
// offset counts from the end; out-of-range offsets search the whole buffer or nothing (-1).
func indexOfOffset(length int, offset float64, needleLen int, forward bool) int {
	off := int64(offset)
	n := int64(length)
	if off < 0 {
		if off+n >= 0 {
			return int(n + off)
		}
		if forward || needleLen == 0 {
			return 0
		}
		return -1
	}
	if off+int64(needleLen) <= n {
		return int(off)
	}
	if needleLen == 0 {
		return length
	}
	if forward {
		return -1
	}
	return length - 1
}

// indexOf is buf.indexOf/lastIndexOf for a byte needle. UTF-16LE needles match only at even
// offsets, as Node searches code units.
func indexOf(hay, needle []byte, offset float64, enc int, forward bool) int {
	off := indexOfOffset(len(hay), offset, len(needle), forward)
	if len(needle) == 0 {
		return off
	}
	if len(hay) == 0 || off < 0 || len(needle) > len(hay) || (forward && off+len(needle) > len(hay)) {
		return -1
	}
	if enc == encUTF16LE {
		return indexOfUnits(hay, needle, off, forward)
	}
	if forward {
		if i := bytes.Index(hay[off:], needle); i >= 0 {
			return off + i
		}
		return -1
	}
	return bytes.LastIndex(hay[:min(off+len(needle), len(hay))], needle)
}

// indexOfUnits searches UTF-16 code units: matches start at even byte offsets, and the byte
// offset off is rounded down to a code unit.
func indexOfUnits(hay, needle []byte, off int, forward bool) int {
	needle = needle[:len(needle)&^1]
	n := len(hay)/2 - len(needle)/2 // last unit a match can start at
	if len(hay) < 2 || len(needle) < 2 || n < 0 {
		return -1
	}
	at := func(i int) bool { return bytes.Equal(hay[2*i:2*i+len(needle)], needle) }
	if forward {
		for i := off / 2; i <= n; i++ {
			if at(i) {
				return 2 * i
			}
		}
		return -1
	}
	for i := min(off/2, n); i >= 0; i-- {
		if at(i) {
			return 2 * i
		}
	}
	return -1
}
