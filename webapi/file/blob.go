// Package file provides Blob and File (File API, https://w3c.github.io/FileAPI/) and FormData
// (XMLHttpRequest Standard §5, https://xhr.spec.whatwg.org/#interface-formdata), with the
// multipart/form-data encoding and parsing that Request and Response bodies use.
//
// The state of each class is a plain Go struct (Blob, File, FormData) usable without a runtime;
// the JS objects are thin wrappers made per realm. Node.js 20 (with its undici) is the reference
// where the standards leave room.
package file

import (
	"math"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Install defines the globals Blob, File and FormData.
func Install(r *webapi.Realm) {
	s := classes(r)
	s.blob.Global()
	s.file.Global()
	s.formData.Global()
}

type realmState struct {
	r        *webapi.Realm
	blob     *webidl.Class[blobber]
	file     *webidl.Class[*File]
	formData *webidl.Class[*FormData]
}

type stateKey struct{}

// classes returns the realm's classes, defining them on first use (so Go code can make blobs
// and form data in a realm where Install was not called).
func classes(r *webapi.Realm) *realmState {
	return r.State(stateKey{}, func() any {
		s := &realmState{r: r}
		s.blob = defineBlob(s)
		s.file = defineFile(s)
		s.formData = defineFormData(s)
		// Node.js 20's property order (Object.getOwnPropertyNames shows it).
		webidl.Reorder(r.VM, s.blob.Proto, "type", "size", "slice", "arrayBuffer", "text", "bytes", "stream")
		webidl.Reorder(r.VM, s.formData.Proto, "append", "delete", "get", "getAll", "has", "set", "keys", "values", "entries", "forEach")
		return s
	}).(*realmState)
}

// Blob is the state of a Blob (File API §3): immutable bytes and a type. Slices share the bytes.
type Blob struct {
	data []byte
	typ  string
	obj  *goja.Object // the JS object, once there is one
}

// blobber is implemented by the state of Blob and File, so the Blob prototype accepts both.
type blobber interface{ blob() *Blob }

func (b *Blob) blob() *Blob { return b }

// Bytes returns the blob's bytes. They are shared: do not modify them.
func (b *Blob) Bytes() []byte { return b.data }

// Type is the blob's type: lowercase printable ASCII, or "".
func (b *Blob) Type() string { return b.typ }

// Size is the number of bytes.
func (b *Blob) Size() int { return len(b.data) }

// StructuredClone copies the blob for structuredClone (File API §3: Blob is [Serializable]).
func (b *Blob) StructuredClone(r *webapi.Realm) *goja.Object {
	return classes(r).blobObject(&Blob{data: b.data, typ: b.typ})
}

// NewBlob makes a Blob object over data, which the blob then owns (do not modify it afterwards).
// typ is used as given; pass it through NormalizeType if it comes from a script.
func NewBlob(r *webapi.Realm, data []byte, typ string) *goja.Object {
	return classes(r).blobObject(&Blob{data: data, typ: typ})
}

// BlobOf returns the state of a Blob object, File objects included.
func BlobOf(r *webapi.Realm, v goja.Value) (*Blob, bool) {
	b, ok := classes(r).blob.Unwrap(v)
	if !ok {
		return nil, false
	}
	return b.blob(), true
}

func (s *realmState) blobObject(b *Blob) *goja.Object {
	if b.obj == nil {
		b.obj = s.blob.Wrap(b)
	}
	return b.obj
}

// NormalizeType is what the Blob constructor and slice do with a type (File API §3.1 step 3.1):
// anything outside printable ASCII (U+0020–U+007E) gives "", else it is lowercased.
func NormalizeType(t string) string {
	for i := 0; i < len(t); i++ {
		if t[i] < 0x20 || t[i] > 0x7E {
			return ""
		}
	}
	return strings.ToLower(t)
}

func defineBlob(s *realmState) *webidl.Class[blobber] {
	vm := s.r.VM
	c := webidl.Define(s.r, webidl.Spec[blobber]{
		Name: "Blob",
		New: func(call goja.ConstructorCall) blobber {
			data := s.blobParts(call.Argument(0), "Blob")
			typ, native := s.blobPropertyBag(call.Argument(1), "Blob")
			return &Blob{data: data.bytes(native), typ: typ, obj: call.This}
		},
		Accessors: []webidl.Accessor[blobber]{
			{Name: "size", Get: func(b blobber) goja.Value { return vm.ToValue(len(b.blob().data)) }},
			{Name: "type", Get: func(b blobber) goja.Value { return vm.ToValue(b.blob().typ) }},
		},
		Methods: []webidl.Method[blobber]{
			{Name: "slice", Fn: func(b blobber, call goja.FunctionCall) goja.Value {
				return s.blobObject(b.blob().slice(vm, call))
			}},
			// stream() is a ReadableStream of one Uint8Array chunk over a copy of the bytes.
			{Name: "stream", Fn: func(b blobber, _ goja.FunctionCall) goja.Value {
				return streams.NewFromBytes(s.r, append([]byte(nil), b.blob().data...))
			}},
		},
	})
	// The promise-returning methods reject (rather than throw) on a wrong this (WebIDL §3.7.6).
	s.promiseMethod(c, "text", func(b *Blob) goja.Value { return vm.ToValue(encoding.DecodeUTF8(b.data)) })
	s.promiseMethod(c, "arrayBuffer", func(b *Blob) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), b.data...)))
	})
	s.promiseMethod(c, "bytes", func(b *Blob) goja.Value { return webidl.NewUint8Array(vm, b.data) })
	// Node.js 20 added bytes() later than the others, as a non-enumerable method.
	c.Proto.DefineDataProperty("bytes", c.Proto.Get("bytes"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return c
}

func (s *realmState) promiseMethod(c *webidl.Class[blobber], name string, fn func(b *Blob) goja.Value) {
	vm := s.r.VM
	c.Proto.DefineDataProperty(name, webidl.Function(vm, name, 0, func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		if b, ok := c.Unwrap(call.This); ok {
			resolve(fn(b.blob()))
		} else {
			reject(webidl.TypeError(vm, "Illegal invocation"))
		}
		return vm.ToValue(p)
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// parts holds converted blob parts: strings (to which line endings apply) and bytes.
type parts []part

type part struct {
	s       string
	b       []byte
	isBytes bool
}

// blobParts converts the sequence<BlobPart> argument (File API §3.1): ArrayBuffers and views
// are copied now, Blobs give their bytes, anything else is converted to a USVString. undefined
// is the empty sequence.
func (s *realmState) blobParts(v goja.Value, ctor string) parts {
	vm := s.r.VM
	if goja.IsUndefined(v) {
		return nil
	}
	var out parts
	ok := webidl.Iterate(vm, v, func(item goja.Value) {
		if b, isBlob := s.blob.Unwrap(item); isBlob {
			out = append(out, part{b: b.blob().data, isBytes: true})
		} else if bytes, isBuf := webidl.Bytes(vm, item); isBuf {
			out = append(out, part{b: append([]byte(nil), bytes...), isBytes: true})
		} else {
			out = append(out, part{s: webidl.USVString(vm, item)})
		}
	})
	if !ok {
		panic(webidl.TypeError(vm, "Failed to construct '%s': The provided value cannot be converted to a sequence.", ctor))
	}
	return out
}

// bytes is "process blob parts" (File API §3.1.1): strings are UTF-8 encoded, after converting
// their line endings to "\n" when endings is "native" (as Node.js does it, see nativeLineEndings).
func (p parts) bytes(native bool) []byte {
	n := 0
	for _, x := range p {
		n += len(x.b) + len(x.s)
	}
	out := make([]byte, 0, n)
	for _, x := range p {
		if x.isBytes {
			out = append(out, x.b...)
		} else if native {
			out = append(out, nativeLineEndings(x.s)...)
		} else {
			out = append(out, x.s...)
		}
	}
	return out
}

// nativeLineEndings is "convert line endings to native" as Node.js 20 does it on a system whose
// native line ending is "\n" (lib/internal/blob.js: each string part's /\n|\r\n/g becomes EOL):
// "\r\n" becomes "\n" and a lone "\r" stays. File API §3.1.1 would turn a lone "\r" into "\n"
// too.
func nativeLineEndings(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// blobPropertyBag reads the options dictionary (members in WebIDL order: endings, type).
func (s *realmState) blobPropertyBag(v goja.Value, ctor string) (typ string, native bool) {
	vm := s.r.VM
	if webidl.IsNullish(v) {
		return "", false
	}
	o, ok := v.(*goja.Object)
	if !ok {
		panic(webidl.TypeError(vm, "Failed to construct '%s': The provided value is not of type '%sPropertyBag'.", ctor, ctor))
	}
	if e := o.Get("endings"); e != nil && !goja.IsUndefined(e) {
		switch webidl.DOMString(vm, e) {
		case "transparent":
		case "native":
			native = true
		default:
			panic(webidl.TypeError(vm, "Failed to construct '%s': Failed to read the 'endings' property from 'BlobPropertyBag': The provided value '%s' is not a valid enum value of type EndingType.", ctor, e.String()))
		}
	}
	if t := o.Get("type"); t != nil && !goja.IsUndefined(t) {
		typ = NormalizeType(webidl.DOMString(vm, t))
	}
	return typ, native
}

// slice is Blob.prototype.slice (File API §3.3.1): negative positions count from the end, both
// are clamped to the size, and the type is normalized (a missing one is "").
func (b *Blob) slice(vm *goja.Runtime, call goja.FunctionCall) *Blob {
	size := int64(len(b.data))
	pos := func(v goja.Value, missing int64) int64 {
		if goja.IsUndefined(v) {
			return missing
		}
		x := clampLongLong(v.ToFloat())
		if x < 0 {
			return max(size+x, 0)
		}
		return min(x, size)
	}
	start := pos(call.Argument(0), 0)
	end := pos(call.Argument(1), size)
	typ := ""
	if t := call.Argument(2); !goja.IsUndefined(t) {
		typ = NormalizeType(webidl.DOMString(vm, t))
	}
	if end < start {
		end = start
	}
	return &Blob{data: b.data[start:end:end], typ: typ}
}

// clampLongLong is the WebIDL [Clamp] long long conversion (§3.2.4.5): NaN is 0, values are
// clamped to the range and rounded half to even.
func clampLongLong(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.RoundToEven(f))
}
