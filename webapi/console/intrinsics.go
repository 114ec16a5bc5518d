package console

import (
	"math/big"
	"reflect"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// intrinsics are the built-ins the inspector relies on, taken when the console is installed so
// that scripts replacing globals do not change how values print.
type intrinsics struct {
	getOwnPropertyDescriptor, getOwnPropertyNames, propertyIsEnumerable goja.Callable
	functionToString, symbolToString, errorToString, regexpToString     goja.Callable
	dateGetTime, dateToISOString                                        goja.Callable
	numberValueOf, stringValueOf, booleanValueOf, bigintValueOf         goja.Callable
	symbolValueOf                                                       goja.Callable
	mapForEach, setForEach, mapSize, setSize, weakMapHas, weakSetHas    goja.Callable
	isView, typedArrayTag, dataViewByteLength                           goja.Callable
	jsonStringify, parseInt, parseFloat                                 goja.Callable
	errorProto, objectProto                                             *goja.Object
	customInspect                                                       *goja.Symbol
	errorCtors                                                          map[string]*goja.Object // for NodeError
}

type intrinsicsKey struct{}

func intrinsicsOf(r *webapi.Realm) *intrinsics {
	return r.State(intrinsicsKey{}, func() any { return newIntrinsics(r.VM) }).(*intrinsics)
}

func newIntrinsics(vm *goja.Runtime) *intrinsics {
	global := func(name string) *goja.Object { return vm.Get(name).(*goja.Object) }
	proto := func(name string) *goja.Object { return global(name).Get("prototype").(*goja.Object) }
	fn := func(v goja.Value) goja.Callable {
		f, _ := goja.AssertFunction(v)
		return f
	}
	method := func(o *goja.Object, name string) goja.Callable { return fn(o.Get(name)) }
	in := &intrinsics{}
	object := global("Object")
	in.getOwnPropertyDescriptor = method(object, "getOwnPropertyDescriptor")
	in.getOwnPropertyNames = method(object, "getOwnPropertyNames")
	in.objectProto = proto("Object")
	in.propertyIsEnumerable = method(in.objectProto, "propertyIsEnumerable")
	getter := func(o *goja.Object, key goja.Value) goja.Callable {
		d, _ := in.getOwnPropertyDescriptor(goja.Undefined(), o, key)
		return fn(d.(*goja.Object).Get("get"))
	}
	in.functionToString = method(proto("Function"), "toString")
	in.symbolToString = method(proto("Symbol"), "toString")
	in.symbolValueOf = method(proto("Symbol"), "valueOf")
	in.errorProto = proto("Error")
	in.errorToString = method(in.errorProto, "toString")
	in.regexpToString = method(proto("RegExp"), "toString")
	in.dateGetTime = method(proto("Date"), "getTime")
	in.dateToISOString = method(proto("Date"), "toISOString")
	in.numberValueOf = method(proto("Number"), "valueOf")
	in.stringValueOf = method(proto("String"), "valueOf")
	in.booleanValueOf = method(proto("Boolean"), "valueOf")
	in.bigintValueOf = method(proto("BigInt"), "valueOf")
	in.mapForEach = method(proto("Map"), "forEach")
	in.setForEach = method(proto("Set"), "forEach")
	in.mapSize = getter(proto("Map"), vm.ToValue("size"))
	in.setSize = getter(proto("Set"), vm.ToValue("size"))
	in.weakMapHas = method(proto("WeakMap"), "has")
	in.weakSetHas = method(proto("WeakSet"), "has")
	in.isView = method(global("ArrayBuffer"), "isView")
	in.typedArrayTag = getter(proto("Uint8Array").Prototype(), goja.SymToStringTag)
	in.dataViewByteLength = getter(proto("DataView"), vm.ToValue("byteLength"))
	in.jsonStringify = method(global("JSON"), "stringify")
	in.parseInt = fn(global("parseInt"))
	in.parseFloat = fn(global("parseFloat"))
	sym, _ := method(global("Symbol"), "for")(goja.Undefined(), vm.ToValue("nodejs.util.inspect.custom"))
	in.customInspect = sym.(*goja.Symbol)
	in.errorCtors = map[string]*goja.Object{}
	for _, n := range []string{"Error", "TypeError", "RangeError", "URIError", "SyntaxError"} {
		in.errorCtors[n] = global(n)
	}
	return in
}

// kind is what an object is, as far as printing goes (Node.js's util.types checks).
type kind int

const (
	kindObject kind = iota
	kindFunction
	kindArray
	kindArguments
	kindError
	kindDate
	kindRegExp
	kindMap
	kindSet
	kindWeakMap
	kindWeakSet
	kindPromise
	kindProxy
	kindArrayBuffer
	kindTypedArray
	kindDataView
	kindNumber
	kindString
	kindBoolean
	kindBigInt
	kindSymbol
)

// What goja's ExportType gives for a Map and a Set: a cheap filter before the brand check.
var (
	mapExportType   = reflect.TypeOf([][2]any(nil))
	setExportType   = reflect.TypeOf([]any(nil))
	proxyType       = reflect.TypeOf(goja.Proxy{})
	promiseType     = reflect.TypeOf((*goja.Promise)(nil))
	arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})
	bigIntType      = reflect.TypeOf((*big.Int)(nil))
	stringType      = reflect.TypeOf("")
	boolType        = reflect.TypeOf(false)
)

func (in *intrinsics) ok(f goja.Callable, this goja.Value, args ...goja.Value) bool {
	_, err := f(this, args...)
	return err == nil
}

// kindOf classifies o without running any of its own code.
func (in *intrinsics) kindOf(vm *goja.Runtime, o *goja.Object) kind {
	if _, ok := goja.AssertFunction(o); ok {
		return kindFunction
	}
	t := o.ExportType() // cheap, unlike Export, which copies the whole object
	switch t {
	case proxyType:
		return kindProxy
	case promiseType:
		return kindPromise
	case arrayBufferType:
		return kindArrayBuffer
	case bigIntType:
		return kindBigInt
	}
	switch o.ClassName() {
	case "Array":
		return kindArray
	case "Arguments":
		return kindArguments
	case "Error":
		return kindError
	case "Date":
		return kindDate
	case "RegExp":
		return kindRegExp
	case "Number":
		return kindNumber
	case "String":
		return kindString
	case "Boolean":
		return kindBoolean
	}
	if v, _ := in.isView(goja.Undefined(), o); v != nil && v.ToBoolean() {
		if t, _ := in.typedArrayTag(o); t != nil && !goja.IsUndefined(t) {
			return kindTypedArray
		}
		return kindDataView
	}
	switch {
	case t == mapExportType && in.ok(in.mapSize, o):
		return kindMap
	case t == setExportType && in.ok(in.setSize, o):
		return kindSet
	}
	if t == stringType && o.ClassName() == "Object" {
		return kindSymbol // a Symbol wrapper exports its description
	}
	if tag := o.GetSymbol(goja.SymToStringTag); tag != nil {
		switch tag.String() {
		case "WeakMap":
			if in.ok(in.weakMapHas, o, vm.NewObject()) {
				return kindWeakMap
			}
		case "WeakSet":
			if in.ok(in.weakSetHas, o, vm.NewObject()) {
				return kindWeakSet
			}
		}
	}
	if in.isError(o) {
		return kindError
	}
	return kindObject
}

// isError is Node.js's isError: a native error, or anything inheriting from Error.prototype (a
// DOMException, say).
func (in *intrinsics) isError(o *goja.Object) bool {
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == in.errorProto {
			return true
		}
	}
	return false
}
