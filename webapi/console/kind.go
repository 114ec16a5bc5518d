package console

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

var kindNames = map[kind]string{
	kindObject: "Object", kindFunction: "Function", kindArray: "Array", kindArguments: "Arguments",
	kindError: "Error", kindDate: "Date", kindRegExp: "RegExp", kindMap: "Map", kindSet: "Set",
	kindWeakMap: "WeakMap", kindWeakSet: "WeakSet", kindPromise: "Promise", kindProxy: "Proxy",
	kindArrayBuffer: "ArrayBuffer", kindTypedArray: "TypedArray", kindDataView: "DataView",
	kindNumber: "Number", kindString: "String", kindBoolean: "Boolean", kindBigInt: "BigInt",
	kindSymbol: "Symbol",
}

// Kind names what v is by its internal slots, without running any of its code — the checks
// behind util.types (https://nodejs.org/docs/latest-v20.x/api/util.html#utiltypes): "Map",
// "Set", "Date", "RegExp", "Promise", "Proxy", "ArrayBuffer", "TypedArray", "DataView", "Error"
// (anything inheriting Error.prototype; NativeError tells real ones), "Arguments", "Array",
// "Function", "WeakMap", "WeakSet", boxed "Number"/"String"/"Boolean"/"BigInt"/"Symbol", else
// "Object"; "" for a primitive.
func Kind(r *webapi.Realm, v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return ""
	}
	return kindNames[intrinsicsOf(r).kindOf(r.VM, o)]
}

// NativeError reports whether v is an Error object proper (has [[ErrorData]]), not merely an
// object inheriting Error.prototype.
func NativeError(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == "Error"
}

type inspectFnKey struct{}

// SetInspectFunction makes fn (node:util's inspect) the third argument custom inspect methods
// receive, as in Node, where it is util.inspect itself.
func SetInspectFunction(r *webapi.Realm, fn goja.Value) { r.Set(inspectFnKey{}, fn) }
