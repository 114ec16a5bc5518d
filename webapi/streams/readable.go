package streams

import (
	"io"
	"math"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

type readableState uint8

const (
	readableReadable readableState = iota
	readableClosed
	readableErrored
)

// ReadableStream is the state of a ReadableStream (§4.2). Its methods are for Go callers on the
// realm's loop; the JS class is a thin wrapper around it.
type ReadableStream struct {
	rt          *rt
	obj         *goja.Object
	state       readableState
	reader      streamReader // nil when unlocked
	storedError goja.Value
	disturbed   bool
	controller  readableController
	// goSource is the Go reader of a stream made by NewFromReader that nothing has pulled
	// from yet: TakeReader hands it over whole, so a body passed through is never copied
	// into JS and back.
	goSource io.ReadCloser
}

// readableController is what a stream needs from its controller: the spec's [[CancelSteps]],
// [[PullSteps]] and [[ReleaseSteps]] (§4.9.2 "Interfacing with controllers").
type readableController interface {
	cancelSteps(reason goja.Value) *goja.Object
	pullSteps(req *readRequest)
	releaseSteps()
}

// readRequest is a read request (§4.4.2): what to do with the next chunk, the end, or an error.
type readRequest struct {
	chunkSteps func(chunk goja.Value)
	closeSteps func()
	errorSteps func(e goja.Value)
}

// object returns the JS ReadableStream, making it for streams created from Go.
func (rs *ReadableStream) object() *goja.Object {
	if rs.obj == nil {
		rs.obj = rs.rt.readableStream.Wrap(rs)
	}
	return rs.obj
}

// underlyingSource is the converted UnderlyingSource dictionary (§4.2.3).
type underlyingSource struct {
	obj                   *goja.Object
	autoAllocateChunkSize uint64
	start, pull, cancel   goja.Callable
	bytes                 bool
}

func (s *rt) defineReadable() {
	vm := s.vm
	s.readableStream = webidl.Define(s.realm, webidl.Spec[*ReadableStream]{
		Name: "ReadableStream",
		New: func(call goja.ConstructorCall) *ReadableStream {
			return s.constructReadableStream(call.This, call.Argument(0), call.Argument(1))
		},
	})
	c := s.readableStream
	getter(s, c, "locked", func(rs *ReadableStream) goja.Value { return vm.ToValue(rs.locked()) })
	promiseMethod(s, c, "cancel", 0, func(rs *ReadableStream, call goja.FunctionCall) *goja.Object {
		if rs.locked() {
			return s.rejected(s.invalidState("ReadableStream is locked"))
		}
		return readableStreamCancel(rs, call.Argument(0))
	})
	method(s, c, "getReader", 0, func(rs *ReadableStream, call goja.FunctionCall) goja.Value {
		opts := s.dictionary(call.Argument(0), "options")
		if mode := member(opts, "mode"); mode != nil {
			if webidl.DOMString(vm, mode) != "byob" {
				throw(s.invalidArgValue("TypeError", "property 'options.mode'", mode))
			}
			return acquireBYOBReader(rs).object()
		}
		return acquireDefaultReader(rs).object()
	})
	method(s, c, "pipeThrough", 1, func(rs *ReadableStream, call goja.FunctionCall) goja.Value {
		return s.pipeThrough(rs, call.Argument(0), call.Argument(1))
	})
	promiseMethod(s, c, "pipeTo", 1, func(rs *ReadableStream, call goja.FunctionCall) *goja.Object {
		return s.rejectThrown(func() *goja.Object { return s.pipeToMethod(rs, call.Argument(0), call.Argument(1)) })
	})
	method(s, c, "tee", 0, func(rs *ReadableStream, call goja.FunctionCall) goja.Value {
		if rs.locked() {
			throw(s.invalidState("ReadableStream is locked"))
		}
		a, b := readableStreamTee(rs, false)
		return vm.NewArray(a.object(), b.object())
	})
	method(s, c, "values", 0, func(rs *ReadableStream, call goja.FunctionCall) goja.Value {
		opts := s.dictionary(call.Argument(0), "options")
		return s.newAsyncIterator(rs, boolMember(opts, "preventCancel"))
	})
	// @@asyncIterator is the same function object as values (WebIDL "asynchronously iterable declarations").
	c.Proto.DefineDataPropertySymbol(s.asyncIterator, c.Proto.Get("values"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Ctor.DefineDataProperty("from", webidl.Function(vm, "from", 1, func(call goja.FunctionCall) goja.Value {
		return readableStreamFromIterable(s, call.Argument(0)).object()
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)

	s.defineDefaultController()
	s.defineByteController()
	s.defineReaders()
	s.defineAsyncIterator()
}

// constructReadableStream is the ReadableStream constructor (§4.2.4).
func (s *rt) constructReadableStream(this *goja.Object, source, strategyArg goja.Value) *ReadableStream {
	rs := &ReadableStream{rt: s, obj: this}
	// WebIDL converts the arguments first: the strategy dictionary, then the source object.
	st := s.convertStrategy(strategyArg)
	var src *goja.Object
	if !isUndefined(source) {
		o, ok := source.(*goja.Object)
		if !ok {
			throw(s.invalidArgType(`"source" argument`, "of type object", source))
		}
		src = o
	}
	// 1–2. Convert underlyingSource to an UnderlyingSource dictionary.
	d := s.convertUnderlyingSource(src)
	// 3. InitializeReadableStream(this): the zero value.
	if d.bytes {
		// 4. A byte stream.
		if st.hasSize {
			throw(s.invalidArgValue("RangeError", "property 'strategy.size'", s.vm.ToValue(st.size)))
		}
		hwm := s.extractHighWaterMark(st, 0)
		setUpByteControllerFromSource(rs, d, hwm)
	} else {
		// 5. A default stream.
		size := s.extractSizeAlgorithm(st)
		hwm := s.extractHighWaterMark(st, 1)
		setUpDefaultControllerFromSource(rs, d, hwm, size)
	}
	return rs
}

// convertUnderlyingSource converts the dictionary, reading members in lexicographic order.
func (s *rt) convertUnderlyingSource(o *goja.Object) underlyingSource {
	d := underlyingSource{obj: o}
	if v := member(o, "autoAllocateChunkSize"); v != nil {
		// [EnforceRange] unsigned long long
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Trunc(f) < 0 || math.Trunc(f) > 1<<53-1 {
			throw(s.invalidArgValue("TypeError", "property 'source.autoAllocateChunkSize'", v))
		}
		d.autoAllocateChunkSize = uint64(math.Trunc(f))
		if d.autoAllocateChunkSize == 0 {
			throw(s.invalidArgValue("TypeError", "property 'source.autoAllocateChunkSize'", v))
		}
	}
	d.cancel = s.callbackMember(o, "source", "cancel")
	d.pull = s.callbackMember(o, "source", "pull")
	d.start = s.callbackMember(o, "source", "start")
	if v := member(o, "type"); v != nil {
		if webidl.DOMString(s.vm, v) != "bytes" {
			throw(s.invalidArgValue("TypeError", "property 'source.type'", v))
		}
		d.bytes = true
	}
	return d
}

// sourceAlgorithms turns the dictionary's callbacks into the start, pull and cancel algorithms
// (shared by the default and byte controllers, §4.9.4 and §4.9.5).
func (s *rt) sourceAlgorithms(d underlyingSource, controller func() *goja.Object) (start func() goja.Value, pull func() *goja.Object, cancel func(goja.Value) *goja.Object) {
	this := goja.Value(goja.Undefined())
	if d.obj != nil {
		this = d.obj
	}
	if d.start != nil {
		fn := d.start
		start = func() goja.Value {
			v, thrown, ok := s.call(fn, this, controller())
			if !ok {
				throw(thrown) // the constructor rethrows
			}
			return v
		}
	}
	if d.pull != nil {
		fn := d.pull
		pull = func() *goja.Object { return s.promiseCall(fn, this, controller()) }
	}
	if d.cancel != nil {
		fn := d.cancel
		cancel = func(reason goja.Value) *goja.Object { return s.promiseCall(fn, this, reason) }
	}
	return
}

// createReadableStream is CreateReadableStream (§4.9.1), for streams whose source is Go code.
// nil algorithms do nothing (start returns undefined, pull and cancel a promise resolved with it).
func (s *rt) createReadableStream(start func() goja.Value, pull func() *goja.Object, cancel func(goja.Value) *goja.Object, hwm float64, size sizeAlgorithm) *ReadableStream {
	rs := &ReadableStream{rt: s}
	c := &ReadableStreamDefaultController{rt: s}
	setUpDefaultController(rs, c, start, pull, cancel, hwm, size)
	return rs
}

func (rs *ReadableStream) locked() bool { return rs.reader != nil }

// ---- §4.9.2 interfacing with controllers ---------------------------------------------------------------

// readableStreamCancel is ReadableStreamCancel.
func readableStreamCancel(rs *ReadableStream, reason goja.Value) *goja.Object {
	s := rs.rt
	// 1. Set stream.[[disturbed]] to true.
	rs.disturbed = true
	// 2–3. Closed or errored streams answer at once.
	switch rs.state {
	case readableClosed:
		return s.undefPromise
	case readableErrored:
		return s.rejected(rs.storedError)
	}
	// 4. Perform ! ReadableStreamClose(stream).
	readableStreamClose(rs)
	// 5. Pending BYOB reads end with an undefined chunk.
	if r, ok := rs.reader.(*ReadableStreamBYOBReader); ok {
		reqs := r.readIntoRequests
		r.readIntoRequests = nil
		for _, req := range reqs {
			req.closeSteps(goja.Undefined())
		}
	}
	// 6–7. Cancel the source; the result fulfils with undefined.
	sourceCancelPromise := rs.controller.cancelSteps(reason)
	return s.then(sourceCancelPromise, func(goja.Value) goja.Value { return nil }, nil)
}

// readableStreamClose is ReadableStreamClose.
func readableStreamClose(rs *ReadableStream) {
	rs.state = readableClosed
	if rs.reader == nil {
		return
	}
	g := rs.reader.generic()
	g.closed.resolve(goja.Undefined())
	if r, ok := rs.reader.(*ReadableStreamDefaultReader); ok {
		reqs := r.readRequests
		r.readRequests = nil
		for _, req := range reqs {
			req.closeSteps()
		}
	}
}

// readableStreamError is ReadableStreamError.
func readableStreamError(rs *ReadableStream, e goja.Value) {
	rs.state = readableErrored
	rs.storedError = e
	if rs.reader == nil {
		return
	}
	g := rs.reader.generic()
	g.closed.reject(e)
	rs.rt.markHandled(g.closed.obj)
	switch r := rs.reader.(type) {
	case *ReadableStreamDefaultReader:
		defaultReaderErrorReadRequests(r, e)
	case *ReadableStreamBYOBReader:
		byobReaderErrorReadIntoRequests(r, e)
	}
}

// readableStreamAddReadRequest is ReadableStreamAddReadRequest.
func readableStreamAddReadRequest(rs *ReadableStream, req *readRequest) {
	r := rs.reader.(*ReadableStreamDefaultReader)
	r.readRequests = append(r.readRequests, req)
}

// readableStreamFulfillReadRequest is ReadableStreamFulfillReadRequest.
func readableStreamFulfillReadRequest(rs *ReadableStream, chunk goja.Value, done bool) {
	r := rs.reader.(*ReadableStreamDefaultReader)
	req := r.readRequests[0]
	r.readRequests[0] = nil
	r.readRequests = r.readRequests[1:]
	if done {
		req.closeSteps()
	} else {
		req.chunkSteps(chunk)
	}
}

// readableStreamGetNumReadRequests is ReadableStreamGetNumReadRequests.
func readableStreamGetNumReadRequests(rs *ReadableStream) int {
	if r, ok := rs.reader.(*ReadableStreamDefaultReader); ok {
		return len(r.readRequests)
	}
	return 0
}

// readableStreamHasDefaultReader is ReadableStreamHasDefaultReader.
func readableStreamHasDefaultReader(rs *ReadableStream) bool {
	_, ok := rs.reader.(*ReadableStreamDefaultReader)
	return ok
}

// readableStreamHasBYOBReader is ReadableStreamHasBYOBReader.
func readableStreamHasBYOBReader(rs *ReadableStream) bool {
	_, ok := rs.reader.(*ReadableStreamBYOBReader)
	return ok
}

// NodeInspect is how Node.js shows a ReadableStream (lib/internal/webstreams/readablestream.js):
// locked, its state, and whether it is a byte stream (console.NodeInspected).
func (rs *ReadableStream) NodeInspect() ([]string, []any) {
	state := "readable"
	switch rs.state {
	case readableClosed:
		state = "closed"
	case readableErrored:
		state = "errored"
	}
	_, bytes := rs.controller.(*ReadableByteStreamController)
	return []string{"locked", "state", "supportsBYOB"}, []any{rs.reader != nil, state, bytes}
}
