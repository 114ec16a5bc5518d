package file

import (
	"math"
	"math/big"
	"reflect"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// File is the state of a File (File API §4): a Blob with a name and a modification time in
// milliseconds since the epoch. The time is a float64 because Node.js 20 keeps what the script
// gave as a number (1.5, -0, Infinity), where the standard's long long would truncate it.
type File struct {
	Blob
	name         string
	lastModified float64
}

// Name is the file name.
func (f *File) Name() string { return f.name }

// LastModified is the modification time in milliseconds since the epoch (truncated to an
// integer; 0 when it is not finite).
func (f *File) LastModified() int64 {
	if math.IsInf(f.lastModified, 0) || math.IsNaN(f.lastModified) {
		return 0
	}
	return int64(f.lastModified)
}

// NewFileState makes a File without a JS object (ParseMultipart does, for example); the object is
// made when the file first reaches a script. data is owned by the file from then on.
func NewFileState(data []byte, name, typ string, lastModified time.Time) *File {
	return &File{Blob: Blob{data: data, typ: typ}, name: name, lastModified: float64(lastModified.UnixMilli())}
}

// now is the lastModified of a File made without one: Date.now().
func now() float64 { return float64(time.Now().UnixMilli()) }

// NewFile makes a File object over data, which the file then owns.
func NewFile(r *webapi.Realm, data []byte, name, typ string, lastModified time.Time) *goja.Object {
	return FileObject(r, NewFileState(data, name, typ, lastModified))
}

// FileOf returns the state of a File object.
func FileOf(r *webapi.Realm, v goja.Value) (*File, bool) {
	return classes(r).file.Unwrap(v)
}

// FileObject returns f's JS object, making it on first use.
func FileObject(r *webapi.Realm, f *File) *goja.Object {
	if f.obj == nil {
		f.obj = classes(r).file.Wrap(f)
	}
	return f.obj
}

// StructuredClone copies the file for structuredClone as Node.js 20 does: the copy is a Blob with
// the file's bytes and type; name and lastModified are lost (File API §4 makes File [Serializable]
// and keeps them).
func (f *File) StructuredClone(r *webapi.Realm) *goja.Object {
	return f.Blob.StructuredClone(r)
}

func defineFile(s *realmState) *webidl.Class[*File] {
	vm := s.r.VM
	return webidl.Define(s.r, webidl.Spec[*File]{
		Name:   "File",
		Length: 2,
		Parent: s.blob.Ctor,
		New: func(call goja.ConstructorCall) *File {
			if len(call.Arguments) < 2 {
				panic(webidl.TypeError(vm, "Failed to construct 'File': 2 arguments required, but only %d present.", len(call.Arguments)))
			}
			data := s.blobParts(call.Argument(0), "File")
			name := webidl.USVString(vm, call.Argument(1))
			typ, native := s.blobPropertyBag(call.Argument(2), "File")
			f := &File{Blob: Blob{data: data.bytes(native), typ: typ, obj: call.This}, name: name, lastModified: now()}
			if o, ok := call.Argument(2).(*goja.Object); ok {
				if lm := o.Get("lastModified"); lm != nil && !goja.IsUndefined(lm) {
					f.lastModified = lastModified(vm, lm)
				}
			}
			return f
		},
		Accessors: []webidl.Accessor[*File]{
			{Name: "name", Get: func(f *File) goja.Value { return vm.ToValue(f.name) }},
			{Name: "lastModified", Get: func(f *File) goja.Value { return vm.ToValue(f.lastModified) }},
		},
	})
}

// lastModified converts the lastModified option as Node.js 20 does (+value, NaN → 0): fractions,
// -0 and infinities are kept, and a BigInt is a TypeError. The standard's long long conversion
// would truncate (WebIDL §3.2.4.5).
func lastModified(vm *goja.Runtime, v goja.Value) float64 {
	if v.ExportType() == bigIntType {
		panic(webidl.TypeError(vm, "Cannot convert a BigInt value to a number"))
	}
	f := v.ToFloat()
	if math.IsNaN(f) {
		return 0
	}
	return f
}

var bigIntType = reflect.TypeOf((*big.Int)(nil))
