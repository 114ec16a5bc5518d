package file

import (
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// File is the state of a File (File API §4): a Blob with a name and a modification time in
// milliseconds since the epoch.
type File struct {
	Blob
	name         string
	lastModified int64
}

// Name is the file name.
func (f *File) Name() string { return f.name }

// LastModified is the modification time in milliseconds since the epoch.
func (f *File) LastModified() int64 { return f.lastModified }

// NewFileState makes a File without a JS object (ParseMultipart does, for example); the object is
// made when the file first reaches a script. data is owned by the file from then on.
func NewFileState(data []byte, name, typ string, lastModified time.Time) *File {
	return &File{Blob: Blob{data: data, typ: typ}, name: name, lastModified: lastModified.UnixMilli()}
}

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

// StructuredClone copies the file for structuredClone (File API §4: File is [Serializable]).
func (f *File) StructuredClone(r *webapi.Realm) *goja.Object {
	c := *f
	c.obj = nil
	return FileObject(r, &c)
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
			f := &File{Blob: Blob{data: data.bytes(native), typ: typ, obj: call.This}, name: name, lastModified: time.Now().UnixMilli()}
			if o, ok := call.Argument(2).(*goja.Object); ok {
				if lm := o.Get("lastModified"); lm != nil && !goja.IsUndefined(lm) {
					f.lastModified = longLong(lm.ToFloat())
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

// longLong is the WebIDL long long conversion (§3.2.4.5) for values in the safe range: NaN and
// infinities are 0, fractions are truncated.
func longLong(f float64) int64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int64(math.Trunc(f))
}
