package dom

import (
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Serializable is implemented by the Go state of platform objects that structuredClone copies
// (HTML §2.7.3, [Serializable] interfaces): DOMException here, Blob and File in the file package.
// Other platform objects are copied as plain objects, as Node.js does.
type Serializable interface {
	StructuredClone(r *webapi.Realm) *goja.Object
}

// What goja's ExportType gives for some built-ins (for a Map and a Set, a cheap filter before the
// brand check).
var (
	mapExportType   = reflect.TypeOf([][2]any(nil))
	setExportType   = reflect.TypeOf([]any(nil))
	proxyType       = reflect.TypeOf(goja.Proxy{})
	promiseType     = reflect.TypeOf((*goja.Promise)(nil))
	arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})
	bigIntType      = reflect.TypeOf((*big.Int)(nil))
	stringType      = reflect.TypeOf("")
)

// transferOnly are the Go types of the platform objects that can only be transferred (the
// streams; HTML §2.7.3 would throw a "DataCloneError" for them), named by type because the
// streams package imports this one. Node.js 20 throws its own TypeError for them when they are
// not in the transfer list (transferring them is not supported here).
var transferOnly = map[string]bool{"*streams.ReadableStream": true, "*streams.WritableStream": true, "*streams.TransformStream": true}

// intrinsics are the built-ins structuredClone uses, taken when the realm's classes are defined
// so that scripts replacing globals do not change what cloning does.
type intrinsics struct {
	date, regexp, mapCtor, setCtor, dataView *goja.Object
	errorCtors                               map[string]*goja.Object
	typedArrayCtors                          map[string]*goja.Object

	mapSet, mapForEach, setAdd, setForEach, mapSize, setSize                 goja.Callable
	dateGetTime, numberValueOf, stringValueOf, booleanValueOf, bigintValueOf goja.Callable
	isView, typedArrayTag, getOwnPropertyDescriptor, functionToString        goja.Callable
	object, symbolToString                                                   goja.Callable
	objectKeys, hasOwnProperty, reflectGet, defineProperty                   goja.Callable // keys with lone surrogates
}

func newIntrinsics(vm *goja.Runtime) *intrinsics {
	global := func(name string) *goja.Object { return vm.Get(name).(*goja.Object) }
	method := func(o *goja.Object, name string) goja.Callable {
		f, _ := goja.AssertFunction(o.Get(name))
		return f
	}
	proto := func(name string) *goja.Object { return global(name).Get("prototype").(*goja.Object) }
	in := &intrinsics{
		date: global("Date"), regexp: global("RegExp"),
		mapCtor: global("Map"), setCtor: global("Set"), dataView: global("DataView"),
		errorCtors:      map[string]*goja.Object{},
		typedArrayCtors: map[string]*goja.Object{},
	}
	for _, n := range []string{"Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError"} {
		in.errorCtors[n] = global(n)
	}
	for _, n := range []string{"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"} {
		in.typedArrayCtors[n] = global(n)
	}
	in.mapSet, in.mapForEach = method(proto("Map"), "set"), method(proto("Map"), "forEach")
	in.setAdd, in.setForEach = method(proto("Set"), "add"), method(proto("Set"), "forEach")
	in.dateGetTime = method(proto("Date"), "getTime")
	in.numberValueOf, in.stringValueOf = method(proto("Number"), "valueOf"), method(proto("String"), "valueOf")
	in.booleanValueOf, in.bigintValueOf = method(proto("Boolean"), "valueOf"), method(proto("BigInt"), "valueOf")
	in.isView = method(global("ArrayBuffer"), "isView")
	in.object, _ = goja.AssertFunction(global("Object"))
	in.getOwnPropertyDescriptor = method(global("Object"), "getOwnPropertyDescriptor")
	in.objectKeys, in.defineProperty = method(global("Object"), "keys"), method(global("Object"), "defineProperty")
	in.hasOwnProperty = method(proto("Object"), "hasOwnProperty")
	in.reflectGet = method(global("Reflect"), "get")
	in.functionToString = method(proto("Function"), "toString")
	in.symbolToString = method(proto("Symbol"), "toString")
	getter := func(o *goja.Object, name string) goja.Callable {
		d, _ := in.getOwnPropertyDescriptor(goja.Undefined(), o, vm.ToValue(name))
		f, _ := goja.AssertFunction(d.(*goja.Object).Get("get"))
		return f
	}
	in.mapSize, in.setSize = getter(proto("Map"), "size"), getter(proto("Set"), "size")
	typedArrayProto := proto("Uint8Array").Prototype()
	d, _ := in.getOwnPropertyDescriptor(goja.Undefined(), typedArrayProto, goja.SymToStringTag)
	in.typedArrayTag, _ = goja.AssertFunction(d.(*goja.Object).Get("get"))
	return in
}

// structuredClone is the global structuredClone(value, {transfer}) (HTML §2.7.11): serialize with
// transfer, then deserialize, done here as one deep copy with a memory of the objects already
// copied, so cycles and shared references survive. Transferred ArrayBuffers are detached once the
// copy succeeded.
func (s *realmState) structuredClone(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) == 0 {
		panic(console.NodeError(s.r, "TypeError", "ERR_MISSING_ARGS", "The value argument must be specified")) // Node's
	}
	c := &cloner{s: s, in: s.intrinsics, memory: map[*goja.Object]goja.Value{}}
	transfer := c.transferList(call.Argument(1))
	out := c.clone(call.Argument(0))
	for _, ab := range transfer {
		ab.Detach()
	}
	return out
}

// Clone is structuredClone from Go: it returns the copy, or throws a "DataCloneError" into the
// running script.
func Clone(r *webapi.Realm, v goja.Value) goja.Value {
	s := classes(r)
	c := &cloner{s: s, in: s.intrinsics, memory: map[*goja.Object]goja.Value{}}
	return c.clone(v)
}

type cloner struct {
	s      *realmState
	in     *intrinsics
	memory map[*goja.Object]goja.Value
}

// transferList reads options.transfer: ArrayBuffers only, each once, none detached. Their copies
// are made now and put in the memory, so references to them in the value find the copy. The
// error types follow Node.js.
func (c *cloner) transferList(opts goja.Value) []goja.ArrayBuffer {
	vm := c.s.r.VM
	if webidl.IsNullish(opts) {
		return nil
	}
	o, ok := opts.(*goja.Object)
	if !ok {
		panic(webidl.TypeError(vm, "The options argument must be either an object or undefined"))
	}
	list := o.Get("transfer")
	if webidl.IsNullish(list) {
		return nil
	}
	var out []goja.ArrayBuffer
	ok = webidl.Iterate(vm, list, func(item goja.Value) {
		io, isObj := item.(*goja.Object)
		ab, isAB := goja.ArrayBuffer{}, false
		if isObj && io.ExportType() == arrayBufferType {
			ab, isAB = io.Export().(goja.ArrayBuffer)
		}
		if !isAB {
			panic(webidl.TypeError(vm, "Found invalid object in transferList"))
		}
		if _, dup := c.memory[io]; dup {
			c.fail("Transfer list contains duplicate ArrayBuffer")
		}
		if ab.Detached() {
			c.fail("An ArrayBuffer is detached and could not be transferred.")
		}
		c.memory[io] = vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), ab.Bytes()...)))
		out = append(out, ab)
	})
	if !ok {
		panic(webidl.TypeError(vm, "Optional transferList argument must be an iterable"))
	}
	return out
}

func (c *cloner) fail(message string) {
	Throw(c.s.r, message, "DataCloneError")
}

func (c *cloner) call(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

func (c *cloner) construct(ctor *goja.Object, args ...goja.Value) *goja.Object {
	o, err := c.s.r.VM.New(ctor, args...)
	if err != nil {
		panic(err)
	}
	return o
}

// clone is StructuredSerializeInternal (HTML §2.7.3) followed by StructuredDeserialize.
func (c *cloner) clone(v goja.Value) goja.Value {
	vm := c.s.r.VM
	o, ok := v.(*goja.Object)
	if !ok {
		if sym, isSym := v.(*goja.Symbol); isSym {
			c.fail(c.call(c.in.symbolToString, sym).String() + " could not be cloned.")
		}
		return v // undefined, null, booleans, numbers, bigints, strings
	}
	if done, seen := c.memory[o]; seen {
		return done
	}
	if st, ok := webidl.State(c.s.r, o); ok {
		if ser, ok := st.(Serializable); ok {
			out := ser.StructuredClone(c.s.r)
			c.memory[o] = out
			return out
		}
		if transferOnly[reflect.TypeOf(st).String()] {
			panic(console.NodeError(c.s.r, "TypeError", "ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST", "Object that needs transfer was found in message but not listed in transferList"))
		}
	}
	if _, callable := goja.AssertFunction(o); callable {
		c.fail(c.call(c.in.functionToString, o).String() + " could not be cloned.")
	}
	switch o.ExportType() { // cheap, unlike Export, which copies the whole object
	case proxyType:
		c.fail("#<Object> could not be cloned.")
	case promiseType:
		c.fail("#<Promise> could not be cloned.")
	case arrayBufferType:
		x := o.Export().(goja.ArrayBuffer)
		if x.Detached() {
			c.fail("An ArrayBuffer is detached and could not be cloned.")
		}
		out := vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), x.Bytes()...)))
		c.memory[o] = out
		return out
	case bigIntType:
		return c.remember(o, c.boxed(c.in.bigintValueOf, o))
	case stringType:
		if o.ClassName() == "Object" { // a Symbol wrapper exports its description
			c.fail("[object Symbol] could not be cloned.")
		}
	}
	switch o.ClassName() {
	case "Number":
		return c.remember(o, c.boxed(c.in.numberValueOf, o))
	case "String":
		return c.remember(o, c.boxed(c.in.stringValueOf, o))
	case "Boolean":
		return c.remember(o, c.boxed(c.in.booleanValueOf, o))
	case "Date":
		return c.remember(o, c.construct(c.in.date, c.call(c.in.dateGetTime, o)))
	case "RegExp":
		// lastIndex is not kept (HTML §2.7.3 step 12).
		return c.remember(o, c.construct(c.in.regexp, o.Get("source"), o.Get("flags")))
	case "Error":
		return c.cloneError(o)
	case "Array":
		out := vm.NewArray()
		out.Set("length", o.Get("length"))
		c.memory[o] = out
		c.copyProperties(o, out)
		return out
	}
	if c.call(c.in.isView, goja.Undefined(), o).ToBoolean() {
		return c.cloneView(o)
	}
	if tag := c.uncloneableTag(o); tag != "" {
		c.fail("#<" + tag + "> could not be cloned.")
	}
	if t := o.ExportType(); t == mapExportType && c.isA(c.in.mapSize, o) {
		out := c.construct(c.in.mapCtor)
		c.memory[o] = out
		var keys, values []goja.Value // copy the entries first, then clone them (step 26)
		c.call(c.in.mapForEach, o, vm.ToValue(func(call goja.FunctionCall) goja.Value {
			values = append(values, call.Argument(0))
			keys = append(keys, call.Argument(1))
			return goja.Undefined()
		}))
		for i := range keys {
			c.call(c.in.mapSet, out, c.clone(keys[i]), c.clone(values[i]))
		}
		return out
	}
	if t := o.ExportType(); t == setExportType && c.isA(c.in.setSize, o) {
		out := c.construct(c.in.setCtor)
		c.memory[o] = out
		var items []goja.Value
		c.call(c.in.setForEach, o, vm.ToValue(func(call goja.FunctionCall) goja.Value {
			items = append(items, call.Argument(0))
			return goja.Undefined()
		}))
		for _, item := range items {
			c.call(c.in.setAdd, out, c.clone(item))
		}
		return out
	}
	// Any other object, class instances included, becomes a plain object with copies of its own
	// enumerable string-keyed properties (getters are run).
	out := vm.NewObject()
	c.memory[o] = out
	c.copyProperties(o, out)
	return out
}

func (c *cloner) remember(o *goja.Object, out *goja.Object) goja.Value {
	c.memory[o] = out
	return out
}

// boxed copies a primitive wrapper object: Object(valueOf(o)).
func (c *cloner) boxed(valueOf goja.Callable, o *goja.Object) *goja.Object {
	return c.call(c.in.object, goja.Undefined(), c.call(valueOf, o)).(*goja.Object)
}

// isA brand-checks o with a built-in getter (Map.prototype.size, Set.prototype.size).
func (c *cloner) isA(getter goja.Callable, o *goja.Object) bool {
	_, err := getter(o)
	return err == nil
}

// uncloneableTag names the built-in objects V8 refuses to serialize (weak collections,
// iterators, generators), after their Symbol.toStringTag.
func (c *cloner) uncloneableTag(o *goja.Object) string {
	v := o.GetSymbol(goja.SymToStringTag)
	if v == nil {
		return ""
	}
	if v.ExportType() != stringType {
		return ""
	}
	switch tag := v.String(); tag {
	case "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Generator", "AsyncGenerator",
		"Array Iterator", "Map Iterator", "Set Iterator", "String Iterator", "RegExp String Iterator":
		return tag
	}
	return ""
}

// copyProperties copies the own enumerable string-keyed properties (HTML §2.7.3 step 26.4), each
// defined on the copy with CreateDataProperty as the deserialize steps say: a "__proto__" key is
// an own property, not the prototype setter.
//
// goja's Keys gives Go strings, in which a lone surrogate is already U+FFFD, so a key holding one
// would neither be found on from nor kept on to: objects with such a key (any key holding U+FFFD
// may be one) are copied through the JS-level Object.keys and Reflect, which keep UTF-16 keys.
func (c *cloner) copyProperties(from, to *goja.Object) {
	keys := from.Keys()
	for _, k := range keys {
		if strings.ContainsRune(k, utf8.RuneError) {
			c.copyPropertiesUTF16(from, to)
			return
		}
	}
	for _, k := range keys {
		v := from.Get(k)
		if v == nil { // deleted by an earlier getter
			continue
		}
		if err := to.DefineDataProperty(k, c.clone(v), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			panic(err)
		}
	}
}

// copyPropertiesUTF16 is copyProperties with the keys as JS strings.
func (c *cloner) copyPropertiesUTF16(from, to *goja.Object) {
	vm := c.s.r.VM
	keys := c.call(c.in.objectKeys, goja.Undefined(), from).(*goja.Object)
	n := keys.Get("length").ToInteger()
	for i := int64(0); i < n; i++ {
		k := keys.Get(strconv.FormatInt(i, 10))
		if !c.call(c.in.hasOwnProperty, from, k).ToBoolean() { // deleted by an earlier getter
			continue
		}
		v := c.clone(c.call(c.in.reflectGet, goja.Undefined(), from, k))
		desc := vm.NewObject()
		desc.Set("value", v)
		desc.Set("writable", true)
		desc.Set("enumerable", true)
		desc.Set("configurable", true)
		c.call(c.in.defineProperty, goja.Undefined(), to, k, desc)
	}
}

// cloneView copies a typed array or DataView, sharing the copy of its buffer with any other view
// of the same buffer.
func (c *cloner) cloneView(o *goja.Object) goja.Value {
	buf := c.clone(o.Get("buffer"))
	name, isTyped := c.call(c.in.typedArrayTag, o).Export().(string)
	var out *goja.Object
	if isTyped {
		out = c.construct(c.in.typedArrayCtors[name], buf, o.Get("byteOffset"), o.Get("length"))
	} else {
		out = c.construct(c.in.dataView, buf, o.Get("byteOffset"), o.Get("byteLength"))
	}
	c.memory[o] = out
	return out
}

// cloneError copies an Error (HTML §2.7.3 step 17): the prototype is chosen by the name among
// the standard error types (else Error), message is kept when it is an own data property, and
// stack and cause are kept as V8 does.
func (c *cloner) cloneError(o *goja.Object) goja.Value {
	vm := c.s.r.VM
	name := "Error"
	if n := o.Get("name"); n != nil {
		if _, ok := c.in.errorCtors[n.String()]; ok {
			name = n.String()
		}
	}
	out := c.construct(c.in.errorCtors[name])
	c.memory[o] = out
	if msg, ok := c.ownData(o, "message"); ok {
		out.DefineDataProperty("message", vm.ToValue(webidl.DOMString(vm, msg)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if stack, ok := c.ownData(o, "stack"); ok {
		if _, isStr := stack.Export().(string); isStr {
			out.DefineDataProperty("stack", stack, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
	if cause, ok := c.ownData(o, "cause"); ok {
		out.DefineDataProperty("cause", c.clone(cause), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return out
}

// ownData returns an own data property's value.
func (c *cloner) ownData(o *goja.Object, key string) (goja.Value, bool) {
	d := c.call(c.in.getOwnPropertyDescriptor, goja.Undefined(), o, c.s.r.VM.ToValue(key))
	desc, ok := d.(*goja.Object)
	if !ok {
		return nil, false
	}
	v := desc.Get("value") // absent in an accessor descriptor
	return v, v != nil
}
