// Package streams implements the WHATWG Streams Standard (https://streams.spec.whatwg.org/) for goja:
// ReadableStream (default and byte controllers, default and BYOB readers, async iteration, from, tee),
// WritableStream, TransformStream, pipeTo/pipeThrough and the two queuing strategies.
//
// The spec's state lives in plain Go structs (ReadableStream, WritableStream, TransformStream and their
// controllers and readers); the JS classes are thin wrappers made with webidl.Define. Abstract operations
// are Go functions named after the spec's (ReadableStreamCancel, WritableStreamAbort, ...). Promises are
// goja promises; reactions are attached with the realm's original Promise.prototype.then, so user code that
// patches `then` cannot see or break the internals.
//
// Error texts follow Node 20 (e.g. "Invalid state: ReadableStream is locked", with a `code` property), since
// Node is the runtime Next.js route handlers are written against.
//
// The Go-facing API (goapi.go) lets the engine and the fetch package read a JS stream from Go (GoReader,
// ReadAll), make streams from Go data (NewFromReader, NewFromBytes) and build transforms (NewTransform).
// Everything here runs on the realm's loop; only NewFromReader's reads happen on their own goroutine.
package streams

import (
	"math"
	"math/big"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type stateKey struct{}

// rt is the per-realm state of the package: the classes, the intrinsics it relies on, and helpers.
type rt struct {
	realm *webapi.Realm
	vm    *goja.Runtime

	promiseCtor   *goja.Object
	errorCtor     *goja.Object
	promiseThen   goja.Callable // %Promise.prototype.then%, captured before user code runs
	typedArrayTag goja.Callable // getter of %TypedArray%.prototype[@@toStringTag]: the [[TypedArrayName]]
	isView        goja.Callable // ArrayBuffer.isView
	arrayBuffer   *goja.Object
	typedArrays   map[string]*goja.Object // intrinsic typed array constructors by name
	dataView      *goja.Object
	asyncIterator *goja.Symbol
	noop          goja.Value
	undefPromise  *goja.Object // a promise resolved with undefined; immutable, so shared

	runner      goja.Callable // see run
	wrapHandler goja.Callable // makes a JS function that calls a Go one (see handler)
	job         func()

	readableStream         *webidl.Class[*ReadableStream]
	defaultReader          *webidl.Class[*ReadableStreamDefaultReader]
	byobReader             *webidl.Class[*ReadableStreamBYOBReader]
	defaultController      *webidl.Class[*ReadableStreamDefaultController]
	byteController         *webidl.Class[*ReadableByteStreamController]
	byobRequest            *webidl.Class[*ReadableStreamBYOBRequest]
	writableStream         *webidl.Class[*WritableStream]
	writer                 *webidl.Class[*WritableStreamDefaultWriter]
	writableController     *webidl.Class[*WritableStreamDefaultController]
	transformStream        *webidl.Class[*TransformStream]
	transformController    *webidl.Class[*TransformStreamDefaultController]
	countStrategy          *webidl.Class[*queuingStrategy]
	byteLengthStrategy     *webidl.Class[*queuingStrategy]
	asyncIteratorProto     *goja.Object
	countSize, byteLenSize goja.Value
}

// Install defines the stream classes as globals of the realm. The host must have defined
// Symbol.asyncIterator before (goja lacks it; the host sets it to Symbol.for('Symbol.asyncIterator')).
func Install(r *webapi.Realm) {
	s := state(r)
	s.readableStream.Global()
	s.defaultReader.Global()
	s.byobReader.Global()
	s.defaultController.Global()
	s.byteController.Global()
	s.byobRequest.Global()
	s.writableStream.Global()
	s.writer.Global()
	s.writableController.Global()
	s.transformStream.Global()
	s.transformController.Global()
	s.countStrategy.Global()
	s.byteLengthStrategy.Global()
}

// state returns the package state of the realm, defining the classes (not as globals) on first use, so
// the Go API works in a realm where Install was not called.
func state(r *webapi.Realm) *rt {
	return r.State(stateKey{}, func() any { return newRT(r) }).(*rt)
}

func newRT(r *webapi.Realm) *rt {
	vm := r.VM
	s := &rt{realm: r, vm: vm}
	s.promiseCtor = vm.Get("Promise").(*goja.Object)
	s.errorCtor = vm.Get("Error").(*goja.Object)
	s.promiseThen, _ = goja.AssertFunction(s.promiseCtor.Get("prototype").(*goja.Object).Get("then"))
	s.arrayBuffer = vm.Get("ArrayBuffer").(*goja.Object)
	s.isView, _ = goja.AssertFunction(s.arrayBuffer.Get("isView"))
	s.dataView = vm.Get("DataView").(*goja.Object)
	s.typedArrays = map[string]*goja.Object{}
	for _, name := range []string{"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
		"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"} {
		if c, ok := vm.Get(name).(*goja.Object); ok {
			s.typedArrays[name] = c
		}
	}
	tagGetter, _ := vm.RunString(`Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get`)
	s.typedArrayTag, _ = goja.AssertFunction(tagGetter)
	s.asyncIterator = lookupAsyncIterator(vm)
	s.noop = webidl.Function(vm, "", 0, func(goja.FunctionCall) goja.Value { return goja.Undefined() })
	// Go code that may call back into goja must run inside a JS frame: goja drains the promise job
	// queue whenever a call from Go returns with no JS frame left, which would run microtasks in the
	// middle of an algorithm (or, in a reaction job, ahead of older jobs). So the runner and every
	// reaction handler are small JS functions that call the Go code.
	glue, err := vm.RunString(`(function (run) {
		return [
			function () { return run() },
			function (f) { return function (v) { return f(v) } },
		]
	})`)
	if err != nil {
		panic(err)
	}
	mk, _ := goja.AssertFunction(glue)
	fns, err := mk(goja.Undefined(), vm.ToValue(func(goja.FunctionCall) goja.Value {
		job := s.job
		s.job = nil
		job()
		return goja.Undefined()
	}))
	if err != nil {
		panic(err)
	}
	arr := fns.(*goja.Object)
	s.runner, _ = goja.AssertFunction(arr.Get("0"))
	s.wrapHandler, _ = goja.AssertFunction(arr.Get("1"))
	s.run(func() {
		p := s.newPromise()
		p.resolve(goja.Undefined())
		s.undefPromise = p.obj
	})
	s.defineQueuingStrategies()
	s.defineReadable()
	s.defineWritable()
	s.defineTransform()
	return s
}

// lookupAsyncIterator finds Symbol.asyncIterator, which the host defines before anything runs; it falls
// back to the registered symbol esbuild's helpers use.
func lookupAsyncIterator(vm *goja.Runtime) *goja.Symbol {
	if sym, ok := vm.Get("Symbol").(*goja.Object); ok {
		if s, ok := sym.Get("asyncIterator").(*goja.Symbol); ok {
			return s
		}
	}
	v, _ := vm.RunString(`Symbol.for('Symbol.asyncIterator')`)
	return v.(*goja.Symbol)
}

// run runs fn inside one call into goja, so that promise jobs queued by fn run after it returns, in
// order, as they would at the end of a JS task. Go entry points that are called from outside JS (the
// engine writing a body, a completed read) go through it. It returns a JS exception thrown out of fn
// or an uncatchable error (interrupt).
func (s *rt) run(fn func()) error {
	prev := s.job
	s.job = fn
	_, err := s.runner(goja.Undefined())
	s.job = prev
	return err
}

// ---- errors --------------------------------------------------------------------------------------------

// nodeError makes an error of the given constructor with Node's `code` property.
func (s *rt) nodeError(ctor, code, msg string) *goja.Object {
	var e *goja.Object
	if ctor == "TypeError" {
		e = s.vm.NewTypeError("%s", msg)
	} else {
		c := s.vm.Get(ctor).(*goja.Object)
		o, err := s.vm.New(c, s.vm.ToValue(msg))
		if err != nil {
			panic(err)
		}
		e = o
	}
	if code != "" {
		e.Set("code", code)
	}
	return e
}

func (s *rt) typeError(code, msg string) *goja.Object { return s.nodeError("TypeError", code, msg) }

// invalidState is Node's ERR_INVALID_STATE TypeError.
func (s *rt) invalidState(msg string) *goja.Object {
	return s.typeError("ERR_INVALID_STATE", "Invalid state: "+msg)
}

func (s *rt) invalidThis(class string) *goja.Object {
	return s.typeError("ERR_INVALID_THIS", `Value of "this" must be of type `+class)
}

func (s *rt) invalidArgType(what, want string, v goja.Value) *goja.Object {
	return s.typeError("ERR_INVALID_ARG_TYPE", "The "+what+" must be "+want+". Received "+describe(v))
}

func (s *rt) invalidArgValue(ctor, what string, v goja.Value) *goja.Object {
	return s.nodeError(ctor, "ERR_INVALID_ARG_VALUE", "The "+what+" is invalid. Received "+inspect(v))
}

// describe renders a received value as Node's ERR_INVALID_ARG_TYPE does.
func describe(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, ok := goja.AssertFunction(o); ok {
			return "function " + o.Get("name").String()
		}
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return "an instance of " + n.String()
			}
		}
		return "an instance of Object"
	}
	return "type " + typeOf(v) + " (" + inspect(v) + ")"
}

// typeOf is the JS typeof of a primitive (objects are "object").
func typeOf(v goja.Value) string {
	if _, ok := v.(*goja.Symbol); ok {
		return "symbol"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	case *big.Int:
		return "bigint"
	}
	return "object"
}

func inspect(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if typeOf(v) == "string" {
		return "'" + v.String() + "'"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, ok := goja.AssertFunction(o); ok {
			return "[Function: " + o.Get("name").String() + "]"
		}
		return "[object Object]"
	}
	return v.String()
}

// ---- calls into JS -------------------------------------------------------------------------------------

// call invokes a JS function. A JS exception comes back as thrown (ok false); an uncatchable error
// (interrupt) is re-panicked so that goja unwinds the whole call.
func (s *rt) call(fn goja.Callable, this goja.Value, args ...goja.Value) (result goja.Value, thrown goja.Value, ok bool) {
	v, err := fn(this, args...)
	if err != nil {
		return nil, exceptionValue(err), false
	}
	return v, nil, true
}

func exceptionValue(err error) goja.Value {
	if ex, ok := err.(*goja.Exception); ok {
		return ex.Value()
	}
	panic(err)
}

// promiseCall invokes a callback whose IDL return type is a promise (WebIDL "invoke a callback
// function"): a throw becomes a rejected promise, any other result "a promise resolved with" it.
func (s *rt) promiseCall(fn goja.Callable, this goja.Value, args ...goja.Value) *goja.Object {
	v, thrown, ok := s.call(fn, this, args...)
	if !ok {
		return s.rejected(thrown)
	}
	return s.resolved(v)
}

// throw panics with a JS value, which goja turns into a JS throw out of the current native function.
func throw(v goja.Value) { panic(v) }

// ---- promises ------------------------------------------------------------------------------------------

// promise is a WebIDL promise we settle from Go.
type promise struct {
	obj      *goja.Object
	p        *goja.Promise
	res, rej func(any) error
}

func (s *rt) newPromise() *promise {
	p, res, rej := s.vm.NewPromise()
	return &promise{obj: s.vm.ToValue(p).(*goja.Object), p: p, res: res, rej: rej}
}

func (p *promise) resolve(v goja.Value) {
	if v == nil {
		v = goja.Undefined()
	}
	if err := p.res(v); err != nil {
		panic(err)
	}
}

func (p *promise) reject(v goja.Value) {
	if v == nil {
		v = goja.Undefined()
	}
	if err := p.rej(v); err != nil {
		panic(err)
	}
}

func (p *promise) pending() bool { return p.p.State() == goja.PromiseStatePending }

// resolved is WebIDL "a promise resolved with v": PromiseResolve(%Promise%, v), which returns v itself
// when it is already a native promise.
func (s *rt) resolved(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) {
		return s.undefPromise
	}
	if _, isPromise := webapi.AsPromise(v); isPromise {
		if o := v.(*goja.Object); o.Get("constructor") == s.promiseCtor {
			return o
		}
	}
	p := s.newPromise()
	p.resolve(v)
	return p.obj
}

// rejected is WebIDL "a promise rejected with r".
func (s *rt) rejected(r goja.Value) *goja.Object {
	p := s.newPromise()
	p.reject(r)
	return p.obj
}

func (s *rt) resolvedPromise(v goja.Value) *promise {
	p := s.newPromise()
	p.resolve(v)
	return p
}

func (s *rt) rejectedPromise(r goja.Value) *promise {
	p := s.newPromise()
	p.reject(r)
	s.markHandled(p.obj)
	return p
}

// then is PerformPromiseThen with the original %Promise.prototype.then%. A nil handler passes the
// value (or reason) through. Handlers may throw with throw(v). It returns the derived promise.
func (s *rt) then(p *goja.Object, onFulfilled, onRejected func(goja.Value) goja.Value) *goja.Object {
	var f, r goja.Value = goja.Undefined(), goja.Undefined()
	if onFulfilled != nil {
		f = s.handler(onFulfilled)
	}
	if onRejected != nil {
		r = s.handler(onRejected)
	}
	return s.attach(p, f, r)
}

// handler makes the JS function for a Go reaction handler. Hot paths make theirs once and attach them
// again and again with attach.
func (s *rt) handler(fn func(goja.Value) goja.Value) goja.Value {
	native := s.vm.ToValue(func(call goja.FunctionCall) goja.Value { return orUndefined(fn(call.Argument(0))) })
	v, err := s.wrapHandler(goja.Undefined(), native)
	if err != nil {
		panic(exceptionValue(err))
	}
	return v
}

// attach is PerformPromiseThen with handlers made by handler (or undefined).
func (s *rt) attach(p *goja.Object, onFulfilled, onRejected goja.Value) *goja.Object {
	v, err := s.promiseThen(p, onFulfilled, onRejected)
	if err != nil {
		panic(exceptionValue(err))
	}
	return v.(*goja.Object)
}

func orUndefined(v goja.Value) goja.Value {
	if v == nil {
		return goja.Undefined()
	}
	return v
}

// upon is WebIDL "upon fulfillment / upon rejection": run steps when p settles. The derived promise is
// marked handled so nothing is reported.
func (s *rt) upon(p *goja.Object, onFulfilled, onRejected func(goja.Value)) {
	var f, r func(goja.Value) goja.Value
	if onFulfilled != nil {
		f = func(v goja.Value) goja.Value { onFulfilled(v); return nil }
	}
	if onRejected != nil {
		r = func(v goja.Value) goja.Value { onRejected(v); return nil }
	} else {
		// Keep a rejection from being reported as unhandled on the derived promise.
		r = func(v goja.Value) goja.Value { return nil }
	}
	s.then(p, f, r)
}

// markHandled sets p.[[PromiseIsHandled]] to true.
func (s *rt) markHandled(p *goja.Object) {
	if _, err := s.promiseThen(p, goja.Undefined(), s.noop); err != nil {
		panic(exceptionValue(err))
	}
}

// waitForAll is WebIDL "wait for all": success gets the values in order, failure the first reason.
func (s *rt) waitForAll(ps []*goja.Object, success func(), failure func(goja.Value)) {
	if len(ps) == 0 {
		s.upon(s.undefPromise, func(goja.Value) { success() }, nil)
		return
	}
	rejected := false
	left := len(ps)
	for _, p := range ps {
		s.upon(p, func(goja.Value) {
			left--
			if left == 0 {
				success()
			}
		}, func(r goja.Value) {
			if !rejected {
				rejected = true
				failure(r)
			}
		})
	}
}

// ---- conversions ---------------------------------------------------------------------------------------

func isUndefined(v goja.Value) bool { return v == nil || goja.IsUndefined(v) }

// isNonNegativeNumber is the spec's IsNonNegativeNumber (§8.3 Miscellaneous).
func isNonNegativeNumber(f float64) bool { return !math.IsNaN(f) && f >= 0 }

// dictionary reads an optional dictionary argument: undefined and null are an empty dictionary, other
// non-objects throw (WebIDL "dictionary types").
func (s *rt) dictionary(v goja.Value, what string) *goja.Object {
	if webidl.IsNullish(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		throw(s.invalidArgType(`"`+what+`" argument`, "of type object", v))
	}
	return o
}

// member gets a dictionary member; nil when the dictionary is absent or the member undefined.
func member(o *goja.Object, name string) goja.Value {
	if o == nil {
		return nil
	}
	v := o.Get(name)
	if isUndefined(v) {
		return nil
	}
	return v
}

// callbackMember converts a member to a callback function (WebIDL "callback function types"), throwing a TypeError
// naming it when it is present but not callable.
func (s *rt) callbackMember(o *goja.Object, dict, name string) goja.Callable {
	v := member(o, name)
	if v == nil {
		return nil
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		throw(s.invalidArgType(`"`+dict+"."+name+`" property`, "of type function", v))
	}
	return fn
}

// boolMember converts a member to boolean (absent is false).
func boolMember(o *goja.Object, name string) bool {
	v := member(o, name)
	return v != nil && v.ToBoolean()
}

// ---- class members -------------------------------------------------------------------------------------

// method defines a prototype method whose `this` must be an instance of c (else Node's ERR_INVALID_THIS).
func method[T any](s *rt, c *webidl.Class[T], name string, length int, fn func(self T, call goja.FunctionCall) goja.Value) {
	f := webidl.Function(s.vm, name, length, func(call goja.FunctionCall) goja.Value {
		self, ok := c.Unwrap(call.This)
		if !ok {
			throw(s.invalidThis(c.Name))
		}
		return orUndefined(fn(self, call))
	})
	c.Proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// promiseMethod defines a method returning a promise: a failed brand check gives a rejected promise
// (WebIDL "operations returning promises"). Steps that can throw wrap themselves in s.rejectThrown.
func promiseMethod[T any](s *rt, c *webidl.Class[T], name string, length int, fn func(self T, call goja.FunctionCall) *goja.Object) {
	f := webidl.Function(s.vm, name, length, func(call goja.FunctionCall) goja.Value {
		self, ok := c.Unwrap(call.This)
		if !ok {
			return s.rejected(s.invalidThis(c.Name))
		}
		return fn(self, call)
	})
	c.Proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// rejectThrown runs the steps of a promise-returning operation, turning what they throw (argument
// conversions, user getters) into a rejected promise.
func (s *rt) rejectThrown(fn func() *goja.Object) *goja.Object {
	var p *goja.Object
	if thrown := s.try(func() { p = fn() }); thrown != nil {
		return s.rejected(thrown)
	}
	return p
}

// getter defines a read-only accessor.
func getter[T any](s *rt, c *webidl.Class[T], name string, fn func(self T) goja.Value) {
	get := webidl.Function(s.vm, "get "+name, 0, func(call goja.FunctionCall) goja.Value {
		self, ok := c.Unwrap(call.This)
		if !ok {
			throw(s.invalidThis(c.Name))
		}
		return orUndefined(fn(self))
	})
	c.Proto.DefineAccessorProperty(name, get, nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// promiseGetter defines an accessor returning a promise; a failed brand check gives a rejected one.
func promiseGetter[T any](s *rt, c *webidl.Class[T], name string, fn func(self T) *goja.Object) {
	get := webidl.Function(s.vm, "get "+name, 0, func(call goja.FunctionCall) goja.Value {
		self, ok := c.Unwrap(call.This)
		if !ok {
			return s.rejected(s.invalidThis(c.Name))
		}
		return fn(self)
	})
	c.Proto.DefineAccessorProperty(name, get, nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
}
