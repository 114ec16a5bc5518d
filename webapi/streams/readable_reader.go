package streams

import (
	"math"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// streamReader is a default or BYOB reader.
type streamReader interface {
	generic() *genericReader
}

// genericReader holds the slots of ReadableStreamGenericReader (§4.3.1).
type genericReader struct {
	rt     *rt
	obj    *goja.Object
	stream *ReadableStream // nil once released
	closed *promise
}

func (g *genericReader) generic() *genericReader { return g }

// ReadableStreamDefaultReader is the state of a ReadableStreamDefaultReader (§4.4).
type ReadableStreamDefaultReader struct {
	genericReader
	readRequests []*readRequest
}

func (r *ReadableStreamDefaultReader) object() *goja.Object {
	if r.obj == nil {
		r.obj = r.rt.defaultReader.Wrap(r)
	}
	return r.obj
}

// ReadableStreamBYOBReader is the state of a ReadableStreamBYOBReader (§4.5).
type ReadableStreamBYOBReader struct {
	genericReader
	readIntoRequests []*readIntoRequest
}

func (r *ReadableStreamBYOBReader) object() *goja.Object {
	if r.obj == nil {
		r.obj = r.rt.byobReader.Wrap(r)
	}
	return r.obj
}

func (s *rt) defineReaders() {
	streamArg := func(v goja.Value) *ReadableStream {
		rs, ok := s.readableStream.Unwrap(v)
		if !ok {
			throw(s.invalidArgType(`"stream" argument`, "an instance of ReadableStream", v))
		}
		return rs
	}
	s.defaultReader = webidl.Define(s.realm, webidl.Spec[*ReadableStreamDefaultReader]{
		Name: "ReadableStreamDefaultReader", Length: 1,
		New: func(call goja.ConstructorCall) *ReadableStreamDefaultReader {
			r := &ReadableStreamDefaultReader{genericReader: genericReader{rt: s, obj: call.This}}
			setUpDefaultReader(r, streamArg(call.Argument(0)))
			return r
		},
	})
	d := s.defaultReader
	promiseMethod(s, d, "read", 0, func(r *ReadableStreamDefaultReader, call goja.FunctionCall) *goja.Object {
		if r.stream == nil {
			return s.rejected(s.invalidState("The reader is not attached to a stream"))
		}
		p := s.newPromise()
		defaultReaderRead(r, &readRequest{
			chunkSteps: func(chunk goja.Value) { p.resolve(s.readResult(chunk, false)) },
			closeSteps: func() { p.resolve(s.readResult(goja.Undefined(), true)) },
			errorSteps: func(e goja.Value) { p.reject(e) },
		})
		return p.obj
	})
	method(s, d, "releaseLock", 0, func(r *ReadableStreamDefaultReader, call goja.FunctionCall) goja.Value {
		if r.stream != nil {
			defaultReaderRelease(r)
		}
		return nil
	})
	defineGenericReader(s, d, func(r *ReadableStreamDefaultReader) *genericReader { return &r.genericReader })

	s.byobReader = webidl.Define(s.realm, webidl.Spec[*ReadableStreamBYOBReader]{
		Name: "ReadableStreamBYOBReader", Length: 1,
		New: func(call goja.ConstructorCall) *ReadableStreamBYOBReader {
			r := &ReadableStreamBYOBReader{genericReader: genericReader{rt: s, obj: call.This}}
			setUpBYOBReader(r, streamArg(call.Argument(0)))
			return r
		},
	})
	b := s.byobReader
	promiseMethod(s, b, "read", 1, func(r *ReadableStreamBYOBReader, call goja.FunctionCall) *goja.Object {
		return s.rejectThrown(func() *goja.Object { return byobReadMethod(s, r, call) })
	})
	method(s, b, "releaseLock", 0, func(r *ReadableStreamBYOBReader, call goja.FunctionCall) goja.Value {
		if r.stream != nil {
			byobReaderRelease(r)
		}
		return nil
	})
	defineGenericReader(s, b, func(r *ReadableStreamBYOBReader) *genericReader { return &r.genericReader })
}

// byobReadMethod is ReadableStreamBYOBReader.prototype.read(view, options) (§4.5.4).
func byobReadMethod(s *rt, r *ReadableStreamBYOBReader, call goja.FunctionCall) *goja.Object {
	view, ok := s.arrayBufferView(call.Argument(0))
	if !ok {
		return s.rejected(s.invalidArgType(`"view" argument`, "an instance of ArrayBufferView", call.Argument(0)))
	}
	min := uint64(1)
	if v := member(s.dictionary(call.Argument(1), "options"), "min"); v != nil {
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Trunc(f) < 0 || math.Trunc(f) > 1<<53-1 {
			return s.rejected(s.invalidArgValue("TypeError", "property 'options.min'", v))
		}
		min = uint64(math.Trunc(f))
	}
	// 1–6. Check the view and min.
	switch {
	case view.byteLength == 0:
		return s.rejected(s.invalidState("View or Viewed ArrayBuffer is zero-length or detached"))
	case view.buffer.Detached() || len(view.buffer.Bytes()) == 0:
		return s.rejected(s.invalidState("View or Viewed ArrayBuffer is zero-length or detached"))
	case min == 0:
		return s.rejected(s.invalidArgValue("TypeError", "property 'options.min'", s.vm.ToValue(0)))
	case min > uint64(view.byteLength/view.elementSize):
		return s.rejected(s.nodeError("RangeError", "ERR_OUT_OF_RANGE", "The value of \"options.min\" is out of range."))
	}
	// 7. A released reader cannot read.
	if r.stream == nil {
		return s.rejected(s.invalidState("The reader is not attached to a stream"))
	}
	// 8–11.
	p := s.newPromise()
	byobReaderRead(r, view, int(min), &readIntoRequest{
		chunkSteps: func(chunk goja.Value) { p.resolve(s.readResult(chunk, false)) },
		closeSteps: func(chunk goja.Value) { p.resolve(s.readResult(chunk, true)) },
		errorSteps: func(e goja.Value) { p.reject(e) },
	})
	return p.obj
}

// defineGenericReader adds the ReadableStreamGenericReader mixin members (§4.3.1): closed and cancel.
func defineGenericReader[T any](s *rt, c *webidl.Class[T], g func(T) *genericReader) {
	promiseGetter(s, c, "closed", func(r T) *goja.Object { return g(r).closed.obj })
	promiseMethod(s, c, "cancel", 0, func(r T, call goja.FunctionCall) *goja.Object {
		gr := g(r)
		if gr.stream == nil {
			return s.rejected(s.invalidState("The reader is not attached to a stream"))
		}
		return readableStreamCancel(gr.stream, call.Argument(0))
	})
}

// readResult makes a ReadableStreamReadResult; Node orders the keys value, done.
func (s *rt) readResult(value goja.Value, done bool) *goja.Object {
	o := s.vm.NewObject()
	o.Set("value", value)
	o.Set("done", done)
	return o
}

// acquireDefaultReader is AcquireReadableStreamDefaultReader (§4.9.1).
func acquireDefaultReader(rs *ReadableStream) *ReadableStreamDefaultReader {
	r := &ReadableStreamDefaultReader{genericReader: genericReader{rt: rs.rt}}
	setUpDefaultReader(r, rs)
	return r
}

// acquireBYOBReader is AcquireReadableStreamBYOBReader (§4.9.1).
func acquireBYOBReader(rs *ReadableStream) *ReadableStreamBYOBReader {
	r := &ReadableStreamBYOBReader{genericReader: genericReader{rt: rs.rt}}
	setUpBYOBReader(r, rs)
	return r
}

// setUpDefaultReader is SetUpReadableStreamDefaultReader (§4.9.3).
func setUpDefaultReader(r *ReadableStreamDefaultReader, rs *ReadableStream) {
	if rs.locked() {
		throw(rs.rt.invalidState("ReadableStream is locked"))
	}
	readerGenericInitialize(r, &r.genericReader, rs)
}

// setUpBYOBReader is SetUpReadableStreamBYOBReader (§4.9.3).
func setUpBYOBReader(r *ReadableStreamBYOBReader, rs *ReadableStream) {
	if rs.locked() {
		throw(rs.rt.invalidState("ReadableStream is locked"))
	}
	if _, ok := rs.controller.(*ReadableByteStreamController); !ok {
		throw(rs.rt.typeError("ERR_INVALID_ARG_VALUE", "The argument 'stream' must be a byte stream. Received ReadableStream"))
	}
	readerGenericInitialize(r, &r.genericReader, rs)
}

// readerGenericInitialize is ReadableStreamReaderGenericInitialize (§4.9.3).
func readerGenericInitialize(r streamReader, g *genericReader, rs *ReadableStream) {
	s := rs.rt
	g.stream = rs
	rs.reader = r
	switch rs.state {
	case readableReadable:
		g.closed = s.newPromise()
	case readableClosed:
		g.closed = s.resolvedPromise(goja.Undefined())
	default:
		g.closed = s.rejectedPromise(rs.storedError)
	}
}

// readerGenericRelease is ReadableStreamReaderGenericRelease (§4.9.3).
func readerGenericRelease(g *genericReader) {
	s, rs := g.rt, g.stream
	if rs.state == readableReadable {
		g.closed.reject(s.invalidState("Reader released"))
		s.markHandled(g.closed.obj)
	} else {
		g.closed = s.rejectedPromise(s.invalidState("Reader released"))
	}
	rs.controller.releaseSteps()
	rs.reader = nil
	g.stream = nil
}

// defaultReaderRead is ReadableStreamDefaultReaderRead (§4.9.3).
func defaultReaderRead(r *ReadableStreamDefaultReader, req *readRequest) {
	rs := r.stream
	rs.disturbed = true
	switch rs.state {
	case readableClosed:
		req.closeSteps()
	case readableErrored:
		req.errorSteps(rs.storedError)
	default:
		rs.controller.pullSteps(req)
	}
}

// defaultReaderRelease is ReadableStreamDefaultReaderRelease (§4.9.3).
func defaultReaderRelease(r *ReadableStreamDefaultReader) {
	readerGenericRelease(&r.genericReader)
	defaultReaderErrorReadRequests(r, r.rt.invalidState("Releasing reader"))
}

// defaultReaderErrorReadRequests is ReadableStreamDefaultReaderErrorReadRequests (§4.9.3).
func defaultReaderErrorReadRequests(r *ReadableStreamDefaultReader, e goja.Value) {
	reqs := r.readRequests
	r.readRequests = nil
	for _, req := range reqs {
		req.errorSteps(e)
	}
}

// byobReaderRelease is ReadableStreamBYOBReaderRelease (§4.9.3).
func byobReaderRelease(r *ReadableStreamBYOBReader) {
	readerGenericRelease(&r.genericReader)
	byobReaderErrorReadIntoRequests(r, r.rt.invalidState("Releasing reader"))
}

// byobReaderErrorReadIntoRequests is ReadableStreamBYOBReaderErrorReadIntoRequests (§4.9.3).
func byobReaderErrorReadIntoRequests(r *ReadableStreamBYOBReader, e goja.Value) {
	reqs := r.readIntoRequests
	r.readIntoRequests = nil
	for _, req := range reqs {
		req.errorSteps(e)
	}
}

// byobReaderRead is ReadableStreamBYOBReaderRead (§4.9.3).
func byobReaderRead(r *ReadableStreamBYOBReader, view arrayBufferView, min int, req *readIntoRequest) {
	rs := r.stream
	rs.disturbed = true
	if rs.state == readableErrored {
		req.errorSteps(rs.storedError)
		return
	}
	byteControllerPullInto(rs.controller.(*ReadableByteStreamController), view, min, req)
}
