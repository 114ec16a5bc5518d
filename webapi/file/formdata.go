package file

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Entry is one entry of a FormData's entry list (XHR §5): a name and either a string value or a
// File.
type Entry struct {
	Name  string
	Value string // when File is nil
	File  *File
}

// FormData is the state of a FormData (XHR §5): its entry list, in order.
type FormData struct {
	entries []Entry
	gen     uint64 // moves at every change, for iterators
}

// Entries returns the entry list. It is the form data's own slice: do not modify it.
func (f *FormData) Entries() []Entry { return f.entries }

// FormDataOf returns the state of a FormData object.
func FormDataOf(r *webapi.Realm, v goja.Value) (*FormData, bool) {
	return classes(r).formData.Unwrap(v)
}

// NewFormData makes a FormData object with a copy of entries (request.formData() makes one from
// ParseMultipart's result, for example).
func NewFormData(r *webapi.Realm, entries []Entry) *goja.Object {
	return classes(r).formData.Wrap(&FormData{entries: append([]Entry(nil), entries...)})
}

func defineFormData(s *realmState) *webidl.Class[*FormData] {
	vm := s.r.VM
	name := func(call goja.FunctionCall, method string, n int) string {
		if len(call.Arguments) < n {
			plural := "s"
			if n == 1 {
				plural = ""
			}
			panic(webidl.TypeError(vm, "Failed to execute '%s' on 'FormData': %d argument%s required, but only %d present.", method, n, plural, len(call.Arguments)))
		}
		return webidl.USVString(vm, call.Argument(0))
	}
	return webidl.Define(s.r, webidl.Spec[*FormData]{
		Name: "FormData",
		// Node.js 20 (undici) says 1; the standard's arguments are optional, so 0.
		Length: 1,
		// The form element argument has no meaning on a server: anything but undefined throws.
		New: func(call goja.ConstructorCall) *FormData {
			if !goja.IsUndefined(call.Argument(0)) {
				panic(webidl.TypeError(vm, "Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'."))
			}
			return &FormData{}
		},
		Methods: []webidl.Method[*FormData]{
			{Name: "append", Length: 2, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "append", 2)
				f.entries = append(f.entries, s.createEntry(n, call, "append"))
				f.gen++
				return goja.Undefined()
			}},
			{Name: "delete", Length: 1, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "delete", 1)
				kept := f.entries[:0:0]
				for _, e := range f.entries {
					if e.Name != n {
						kept = append(kept, e)
					}
				}
				f.entries = kept
				f.gen++
				return goja.Undefined()
			}},
			{Name: "get", Length: 1, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "get", 1)
				for _, e := range f.entries {
					if e.Name == n {
						return s.entryValue(e)
					}
				}
				return goja.Null()
			}},
			{Name: "getAll", Length: 1, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "getAll", 1)
				var out []any
				for _, e := range f.entries {
					if e.Name == n {
						out = append(out, s.entryValue(e))
					}
				}
				return vm.NewArray(out...)
			}},
			{Name: "has", Length: 1, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "has", 1)
				for _, e := range f.entries {
					if e.Name == n {
						return vm.ToValue(true)
					}
				}
				return vm.ToValue(false)
			}},
			// set replaces the first entry with the name and removes the others, or appends.
			{Name: "set", Length: 2, Fn: func(f *FormData, call goja.FunctionCall) goja.Value {
				n := name(call, "set", 2)
				entry := s.createEntry(n, call, "set")
				out := f.entries[:0:0]
				replaced := false
				for _, e := range f.entries {
					switch {
					case e.Name != n:
						out = append(out, e)
					case !replaced:
						out = append(out, entry)
						replaced = true
					}
				}
				if !replaced {
					out = append(out, entry)
				}
				f.entries = out
				f.gen++
				return goja.Undefined()
			}},
		},
		Iterable: func(f *FormData) [][2]goja.Value {
			pairs := make([][2]goja.Value, len(f.entries))
			for i, e := range f.entries {
				pairs[i] = [2]goja.Value{vm.ToValue(e.Name), s.entryValue(e)}
			}
			return pairs
		},
		IterableVersion: func(f *FormData) uint64 { return f.gen },
	})
}

func (s *realmState) entryValue(e Entry) goja.Value {
	if e.File != nil {
		return FileObject(s.r, e.File)
	}
	return s.r.VM.ToValue(e.Value)
}

// createEntry is XHR §5.1 "create an entry" from the value and filename arguments: strings are
// kept as USVStrings; a Blob that is not a File becomes a File named "blob"; a filename makes a
// new File with that name. With three arguments the value must be a Blob (the overload).
func (s *realmState) createEntry(name string, call goja.FunctionCall, method string) Entry {
	vm := s.r.VM
	value := call.Argument(1)
	b, isBlob := s.blob.Unwrap(value)
	if !isBlob {
		if len(call.Arguments) >= 3 {
			panic(webidl.TypeError(vm, "Failed to execute '%s' on 'FormData': parameter 2 is not of type 'Blob'.", method))
		}
		return Entry{Name: name, Value: webidl.USVString(vm, value)}
	}
	f, isFile := b.(*File)
	if !isFile {
		bl := b.blob()
		f = &File{Blob: Blob{data: bl.data, typ: bl.typ}, name: "blob", lastModified: now()}
	}
	// A third argument names the file even when undefined ("undefined"), as in Node.js 20 (undici
	// checks arguments.length; WebIDL would treat undefined as missing).
	if filename := call.Argument(2); len(call.Arguments) >= 3 {
		f = &File{Blob: Blob{data: f.data, typ: f.typ}, name: webidl.USVString(vm, filename), lastModified: f.lastModified}
	}
	return Entry{Name: name, File: f}
}
