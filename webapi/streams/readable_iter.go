package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// asyncIterator is a ReadableStream async iterator (§4.2.5 "Asynchronous iteration") with the WebIDL
// bookkeeping of a default asynchronous iterator object (WebIDL "default asynchronous iterator objects"): calls to next() and return()
// run one after the other, each starting once the previous one settled.
type asyncIterator struct {
	reader        *ReadableStreamDefaultReader
	preventCancel bool
	ongoing       *goja.Object // the ongoing promise, or nil
	finished      bool
}

// endOfIteration is the value the next-iteration promise fulfils with at the end; it never reaches
// user code.
var endOfIteration = goja.NewSymbol("end of iteration")

func (s *rt) defineAsyncIterator() {
	vm := s.vm
	// %AsyncIteratorPrototype%: goja has no async generators, so make its one method here.
	base := vm.NewObject()
	base.DefineDataPropertySymbol(s.asyncIterator, webidl.Function(vm, "[Symbol.asyncIterator]", 0, func(call goja.FunctionCall) goja.Value {
		return call.This
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	proto := vm.NewObject()
	proto.SetPrototype(base)
	this := func(v goja.Value) (*asyncIterator, bool) { return webidl.Slot[*asyncIterator](s.realm, v) }
	proto.DefineDataProperty("next", webidl.Function(vm, "next", 0, func(call goja.FunctionCall) goja.Value {
		it, ok := this(call.This)
		if !ok {
			return s.rejected(s.invalidThis("ReadableStreamAsyncIterator"))
		}
		return s.asyncIteratorNext(it)
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	proto.DefineDataProperty("return", webidl.Function(vm, "return", 1, func(call goja.FunctionCall) goja.Value {
		it, ok := this(call.This)
		if !ok {
			return s.rejected(s.invalidThis("ReadableStreamAsyncIterator"))
		}
		return s.asyncIteratorReturn(it, call.Argument(0))
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	s.asyncIteratorProto = proto
}

// newAsyncIterator runs the asynchronous iterator initialization steps (§4.2.5): it locks the stream.
func (s *rt) newAsyncIterator(rs *ReadableStream, preventCancel bool) *goja.Object {
	it := &asyncIterator{reader: acquireDefaultReader(rs), preventCancel: preventCancel}
	o := s.vm.NewObject()
	o.SetPrototype(s.asyncIteratorProto)
	webidl.SetSlot(s.realm, o, it)
	return o
}

// iterResult is CreateIteratorResultObject; like Node, a final result lists done first.
func (s *rt) iterResult(value goja.Value, done bool) *goja.Object {
	o := s.vm.NewObject()
	if done {
		o.Set("done", true)
		o.Set("value", value)
		return o
	}
	o.Set("value", value)
	o.Set("done", false)
	return o
}

// asyncIteratorNext is %AsyncIteratorPrototype%.next of WebIDL "asynchronous iterator prototype object".
func (s *rt) asyncIteratorNext(it *asyncIterator) *goja.Object {
	nextSteps := func() *goja.Object {
		if it.finished {
			return s.resolved(s.iterResult(goja.Undefined(), true))
		}
		return s.then(s.getNextIterationResult(it), func(next goja.Value) goja.Value {
			it.ongoing = nil
			if next == endOfIteration {
				it.finished = true
				return s.iterResult(goja.Undefined(), true)
			}
			return s.iterResult(next, false)
		}, func(reason goja.Value) goja.Value {
			it.ongoing = nil
			it.finished = true
			throw(reason)
			return nil
		})
	}
	if it.ongoing != nil {
		after := func(goja.Value) goja.Value { return nextSteps() }
		it.ongoing = s.then(it.ongoing, after, after)
	} else {
		it.ongoing = nextSteps()
	}
	return it.ongoing
}

// asyncIteratorReturn is %AsyncIteratorPrototype%.return of WebIDL "asynchronous iterator prototype object".
func (s *rt) asyncIteratorReturn(it *asyncIterator, value goja.Value) *goja.Object {
	returnSteps := func() *goja.Object {
		if it.finished {
			return s.resolved(s.iterResult(value, true))
		}
		it.finished = true
		return s.asyncIteratorReturnAlgorithm(it, value)
	}
	if it.ongoing != nil {
		after := func(goja.Value) goja.Value { return returnSteps() }
		it.ongoing = s.then(it.ongoing, after, after)
	} else {
		it.ongoing = returnSteps()
	}
	return s.then(it.ongoing, func(goja.Value) goja.Value { return s.iterResult(value, true) }, nil)
}

// getNextIterationResult is ReadableStream's "get the next iteration result" (§4.2.5).
func (s *rt) getNextIterationResult(it *asyncIterator) *goja.Object {
	r := it.reader
	if r.stream == nil {
		return s.rejected(s.invalidState("The reader is not attached to a stream"))
	}
	p := s.newPromise()
	defaultReaderRead(r, &readRequest{
		chunkSteps: func(chunk goja.Value) { p.resolve(chunk) },
		closeSteps: func() {
			defaultReaderRelease(r)
			p.resolve(endOfIteration)
		},
		errorSteps: func(e goja.Value) {
			defaultReaderRelease(r)
			p.reject(e)
		},
	})
	return p.obj
}

// asyncIteratorReturnAlgorithm is ReadableStream's "asynchronous iterator return" (§4.2.5).
func (s *rt) asyncIteratorReturnAlgorithm(it *asyncIterator, arg goja.Value) *goja.Object {
	r := it.reader
	if r.stream == nil {
		return s.undefPromise
	}
	if !it.preventCancel {
		result := readableStreamCancel(r.stream, arg)
		defaultReaderRelease(r)
		return result
	}
	defaultReaderRelease(r)
	return s.undefPromise
}

// ---- ReadableStream.from (§4.2.4, ReadableStreamFromIterable §4.9.1) -----------------------------------

// iteratorRecord is an Iterator Record; sync marks a sync iterator used through
// CreateAsyncFromSyncIterator (ECMA-262 §27.1.4).
type iteratorRecord struct {
	iterator *goja.Object
	next     goja.Callable
	sync     bool
}

// getAsyncIterator is GetIterator(obj, async) (ECMA-262 §7.4.3).
func (s *rt) getAsyncIterator(obj goja.Value) iteratorRecord {
	method := s.getMethodSym(obj, s.asyncIterator)
	sync := false
	if method == nil {
		method = s.getMethodSym(obj, goja.SymIterator)
		if method == nil {
			throw(s.typeError("ERR_ARG_NOT_ITERABLE", inspectIterable(obj)+" must be iterable"))
		}
		sync = true
	}
	it, thrown, ok := s.call(method, obj)
	if !ok {
		throw(thrown)
	}
	o, isObj := it.(*goja.Object)
	if !isObj {
		throw(s.vm.NewTypeError("Result of the Symbol.asyncIterator method is not an object"))
	}
	next, _ := goja.AssertFunction(o.Get("next"))
	return iteratorRecord{iterator: o, next: next, sync: sync}
}

func inspectIterable(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Object" {
		return "{}"
	}
	return inspect(v)
}

// getMethodSym is GetMethod(V, P) for a symbol key: undefined and null give nil, non-callables throw.
func (s *rt) getMethodSym(v goja.Value, key *goja.Symbol) goja.Callable {
	if webidl.IsNullish(v) {
		throw(s.vm.NewTypeError("Cannot read properties of %s (reading '%s')", v.String(), key.String()))
	}
	f := v.ToObject(s.vm).GetSymbol(key)
	if webidl.IsNullish(f) {
		return nil
	}
	fn, ok := goja.AssertFunction(f)
	if !ok {
		throw(s.vm.NewTypeError("%s is not a function", key.String()))
	}
	return fn
}

// iteratorNext calls next(); for a sync iterator it is %AsyncFromSyncIteratorPrototype%.next, which
// awaits the value. It returns the (async) result, or what was thrown.
func (s *rt) iteratorNext(rec iteratorRecord) (goja.Value, goja.Value) {
	if rec.next == nil {
		return nil, s.vm.NewTypeError("iterator.next is not a function")
	}
	result, thrown, ok := s.call(rec.next, rec.iterator)
	if !ok {
		return nil, thrown
	}
	if !rec.sync {
		return result, nil
	}
	return s.asyncFromSyncContinuation(result), nil
}

// asyncFromSyncContinuation is AsyncFromSyncIteratorContinuation (ECMA-262 §27.1.4.4): a promise of
// { value: await result.value, done: result.done }.
func (s *rt) asyncFromSyncContinuation(result goja.Value) *goja.Object {
	o, ok := result.(*goja.Object)
	if !ok {
		return s.rejected(s.vm.NewTypeError("Iterator result %s is not an object", inspect(result)))
	}
	var done bool
	var value goja.Value
	var wrapper *goja.Object
	if thrown := s.try(func() {
		done = o.Get("done").ToBoolean()
		value = o.Get("value")
		wrapper = s.resolved(value)
	}); thrown != nil {
		return s.rejected(thrown)
	}
	return s.then(wrapper, func(v goja.Value) goja.Value { return s.iterResult(v, done) }, nil)
}

// readableStreamFromIterable is ReadableStreamFromIterable (§4.9.1).
func readableStreamFromIterable(s *rt, asyncIterable goja.Value) *ReadableStream {
	var rs *ReadableStream
	rec := s.getAsyncIterator(asyncIterable)
	pull := func() *goja.Object {
		nextResult, thrown := s.iteratorNext(rec)
		if thrown != nil {
			return s.rejected(thrown)
		}
		return s.then(s.resolved(nextResult), func(iterResult goja.Value) goja.Value {
			o, ok := iterResult.(*goja.Object)
			if !ok {
				throw(s.typeError("ERR_INVALID_STATE", "The promise returned by the iterator.next() method must fulfill with an object"))
			}
			c := rs.controller.(*ReadableStreamDefaultController)
			if o.Get("done").ToBoolean() {
				defaultControllerClose(c)
			} else if thrown := defaultControllerEnqueue(c, o.Get("value")); thrown != nil {
				throw(thrown)
			}
			return nil
		}, nil)
	}
	cancel := func(reason goja.Value) *goja.Object {
		var ret goja.Value
		if thrown := s.try(func() { ret = rec.iterator.Get("return") }); thrown != nil {
			return s.rejected(thrown)
		}
		if webidl.IsNullish(ret) {
			return s.undefPromise
		}
		fn, ok := goja.AssertFunction(ret)
		if !ok {
			return s.rejected(s.vm.NewTypeError("iterator.return is not a function"))
		}
		result, thrown, ok := s.call(fn, rec.iterator, reason)
		if !ok {
			return s.rejected(thrown)
		}
		var returnPromise *goja.Object
		if rec.sync {
			returnPromise = s.asyncFromSyncContinuation(result)
		} else {
			returnPromise = s.resolved(result)
		}
		return s.then(returnPromise, func(iterResult goja.Value) goja.Value {
			if _, ok := iterResult.(*goja.Object); !ok {
				throw(s.typeError("ERR_INVALID_STATE", "The promise returned by the iterator.return() method must fulfill with an object"))
			}
			return nil
		}, nil)
	}
	rs = s.createReadableStream(nil, pull, cancel, 0, nil)
	return rs
}
