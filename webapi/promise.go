package webapi

import (
	"reflect"

	"github.com/dop251/goja"
)

var promiseType = reflect.TypeFor[*goja.Promise]()

// AsPromise returns the promise v is, if it is a native promise. It asks the object's export
// type first: Export of an ordinary object (a Response, a stream chunk) builds a Go map of its
// own properties, running their getters, only for the answer "not a promise".
func AsPromise(v goja.Value) (*goja.Promise, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil || o.ExportType() != promiseType {
		return nil, false
	}
	p, ok := o.Export().(*goja.Promise)
	return p, ok
}
