package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

type writableState uint8

const (
	writableWritable writableState = iota
	writableClosed
	writableErroring
	writableErrored
)

// WritableStream is the state of a WritableStream (§5.2).
type WritableStream struct {
	rt                   *rt
	obj                  *goja.Object
	state                writableState
	storedError          goja.Value
	writer               *WritableStreamDefaultWriter
	controller           *WritableStreamDefaultController
	inFlightWriteRequest *promise
	closeRequest         *promise
	inFlightCloseRequest *promise
	pendingAbortRequest  *pendingAbortRequest
	writeRequests        []*promise
	backpressure         bool
}

type pendingAbortRequest struct {
	promise            *promise
	reason             goja.Value
	wasAlreadyErroring bool
}

func (ws *WritableStream) object() *goja.Object {
	if ws.obj == nil {
		ws.obj = ws.rt.writableStream.Wrap(ws)
	}
	return ws.obj
}

func (ws *WritableStream) locked() bool { return ws.writer != nil }

func (s *rt) defineWritable() {
	s.writableStream = webidl.Define(s.realm, webidl.Spec[*WritableStream]{
		Name: "WritableStream",
		New: func(call goja.ConstructorCall) *WritableStream {
			return s.constructWritableStream(call.This, call.Argument(0), call.Argument(1))
		},
	})
	c := s.writableStream
	getter(s, c, "locked", func(ws *WritableStream) goja.Value { return s.vm.ToValue(ws.locked()) })
	promiseMethod(s, c, "abort", 0, func(ws *WritableStream, call goja.FunctionCall) *goja.Object {
		if ws.locked() {
			return s.rejected(s.invalidState("WritableStream is locked"))
		}
		return writableStreamAbort(ws, call.Argument(0))
	})
	promiseMethod(s, c, "close", 0, func(ws *WritableStream, call goja.FunctionCall) *goja.Object {
		if ws.locked() {
			return s.rejected(s.invalidState("WritableStream is locked"))
		}
		if writableStreamCloseQueuedOrInFlight(ws) {
			return s.rejected(s.invalidState("Failure closing WritableStream"))
		}
		return writableStreamClose(ws)
	})
	method(s, c, "getWriter", 0, func(ws *WritableStream, call goja.FunctionCall) goja.Value {
		return acquireWriter(ws).object()
	})
	s.defineWriter()
	s.defineWritableController()
}

// constructWritableStream is the WritableStream constructor (§5.2.4).
func (s *rt) constructWritableStream(this *goja.Object, sink, strategyArg goja.Value) *WritableStream {
	ws := &WritableStream{rt: s, obj: this}
	st := s.convertStrategy(strategyArg)
	var o *goja.Object
	if !isUndefined(sink) {
		var ok bool
		if o, ok = sink.(*goja.Object); !ok {
			throw(s.invalidArgType(`"sink" argument`, "of type object", sink))
		}
	}
	// 2. Convert underlyingSink to an UnderlyingSink dictionary (abort, close, start, type, write).
	abort := s.callbackMember(o, "sink", "abort")
	closeFn := s.callbackMember(o, "sink", "close")
	start := s.callbackMember(o, "sink", "start")
	typ := member(o, "type")
	write := s.callbackMember(o, "sink", "write")
	// 3. No sink type is defined yet.
	if typ != nil {
		throw(s.invalidArgValue("RangeError", "argument 'type'", typ))
	}
	// 5–7.
	size := s.extractSizeAlgorithm(st)
	hwm := s.extractHighWaterMark(st, 1)
	c := &WritableStreamDefaultController{rt: s}
	this2 := goja.Value(goja.Undefined())
	if o != nil {
		this2 = o
	}
	var startAlg func() goja.Value
	var writeAlg func(goja.Value) *goja.Object
	var closeAlg func() *goja.Object
	var abortAlg func(goja.Value) *goja.Object
	if start != nil {
		startAlg = func() goja.Value {
			v, thrown, ok := s.call(start, this2, c.object())
			if !ok {
				throw(thrown)
			}
			return v
		}
	}
	if write != nil {
		writeAlg = func(chunk goja.Value) *goja.Object { return s.promiseCall(write, this2, chunk, c.object()) }
	}
	if closeFn != nil {
		closeAlg = func() *goja.Object { return s.promiseCall(closeFn, this2) }
	}
	if abort != nil {
		abortAlg = func(reason goja.Value) *goja.Object { return s.promiseCall(abort, this2, reason) }
	}
	setUpWritableController(ws, c, startAlg, writeAlg, closeAlg, abortAlg, hwm, size)
	return ws
}

// createWritableStream is CreateWritableStream (§5.5.1), for sinks written in Go.
func (s *rt) createWritableStream(start func() goja.Value, write func(goja.Value) *goja.Object, closeAlg func() *goja.Object, abort func(goja.Value) *goja.Object, hwm float64, size sizeAlgorithm) *WritableStream {
	ws := &WritableStream{rt: s}
	setUpWritableController(ws, &WritableStreamDefaultController{rt: s}, start, write, closeAlg, abort, hwm, size)
	return ws
}

// ---- §5.5.2 abstract operations ------------------------------------------------------------------------

// writableStreamAbort is WritableStreamAbort.
func writableStreamAbort(ws *WritableStream, reason goja.Value) *goja.Object {
	s := ws.rt
	// 1.
	if ws.state == writableClosed || ws.state == writableErrored {
		return s.undefPromise
	}
	// 2. Signal abort on the controller's AbortController (user listeners may run).
	ws.controller.signalAbort(reason)
	// 3–4.
	state := ws.state
	if state == writableClosed || state == writableErrored {
		return s.undefPromise
	}
	// 5.
	if ws.pendingAbortRequest != nil {
		return ws.pendingAbortRequest.promise.obj
	}
	// 7–8.
	wasAlreadyErroring := false
	if state == writableErroring {
		wasAlreadyErroring = true
		reason = goja.Undefined()
	}
	// 9–12.
	p := s.newPromise()
	ws.pendingAbortRequest = &pendingAbortRequest{promise: p, reason: reason, wasAlreadyErroring: wasAlreadyErroring}
	if !wasAlreadyErroring {
		writableStreamStartErroring(ws, reason)
	}
	return p.obj
}

// writableStreamClose is WritableStreamClose.
func writableStreamClose(ws *WritableStream) *goja.Object {
	s := ws.rt
	if ws.state == writableClosed || ws.state == writableErrored {
		return s.rejected(s.invalidState("WritableStream is closed"))
	}
	p := s.newPromise()
	ws.closeRequest = p
	if w := ws.writer; w != nil && ws.backpressure && ws.state == writableWritable {
		w.ready.resolve(goja.Undefined())
	}
	writableControllerClose(ws.controller)
	return p.obj
}

// writableStreamAddWriteRequest is WritableStreamAddWriteRequest.
func writableStreamAddWriteRequest(ws *WritableStream) *promise {
	p := ws.rt.newPromise()
	ws.writeRequests = append(ws.writeRequests, p)
	return p
}

// writableStreamCloseQueuedOrInFlight is WritableStreamCloseQueuedOrInFlight.
func writableStreamCloseQueuedOrInFlight(ws *WritableStream) bool {
	return ws.closeRequest != nil || ws.inFlightCloseRequest != nil
}

// writableStreamDealWithRejection is WritableStreamDealWithRejection.
func writableStreamDealWithRejection(ws *WritableStream, e goja.Value) {
	if ws.state == writableWritable {
		writableStreamStartErroring(ws, e)
		return
	}
	writableStreamFinishErroring(ws)
}

// writableStreamFinishErroring is WritableStreamFinishErroring.
func writableStreamFinishErroring(ws *WritableStream) {
	s := ws.rt
	ws.state = writableErrored
	ws.controller.errorSteps()
	storedError := ws.storedError
	reqs := ws.writeRequests
	ws.writeRequests = nil
	for _, p := range reqs {
		p.reject(storedError)
	}
	if ws.pendingAbortRequest == nil {
		writableStreamRejectCloseAndClosedPromiseIfNeeded(ws)
		return
	}
	abortRequest := ws.pendingAbortRequest
	ws.pendingAbortRequest = nil
	if abortRequest.wasAlreadyErroring {
		abortRequest.promise.reject(storedError)
		writableStreamRejectCloseAndClosedPromiseIfNeeded(ws)
		return
	}
	p := ws.controller.abortSteps(abortRequest.reason)
	s.upon(p, func(goja.Value) {
		abortRequest.promise.resolve(goja.Undefined())
		writableStreamRejectCloseAndClosedPromiseIfNeeded(ws)
	}, func(reason goja.Value) {
		abortRequest.promise.reject(reason)
		writableStreamRejectCloseAndClosedPromiseIfNeeded(ws)
	})
}

// writableStreamFinishInFlightClose is WritableStreamFinishInFlightClose.
func writableStreamFinishInFlightClose(ws *WritableStream) {
	ws.inFlightCloseRequest.resolve(goja.Undefined())
	ws.inFlightCloseRequest = nil
	if ws.state == writableErroring {
		ws.storedError = nil
		if ws.pendingAbortRequest != nil {
			ws.pendingAbortRequest.promise.resolve(goja.Undefined())
			ws.pendingAbortRequest = nil
		}
	}
	ws.state = writableClosed
	if ws.writer != nil {
		ws.writer.closed.resolve(goja.Undefined())
	}
}

// writableStreamFinishInFlightCloseWithError is WritableStreamFinishInFlightCloseWithError.
func writableStreamFinishInFlightCloseWithError(ws *WritableStream, e goja.Value) {
	ws.inFlightCloseRequest.reject(e)
	ws.inFlightCloseRequest = nil
	if ws.pendingAbortRequest != nil {
		ws.pendingAbortRequest.promise.reject(e)
		ws.pendingAbortRequest = nil
	}
	writableStreamDealWithRejection(ws, e)
}

// writableStreamFinishInFlightWrite is WritableStreamFinishInFlightWrite.
func writableStreamFinishInFlightWrite(ws *WritableStream) {
	ws.inFlightWriteRequest.resolve(goja.Undefined())
	ws.inFlightWriteRequest = nil
}

// writableStreamFinishInFlightWriteWithError is WritableStreamFinishInFlightWriteWithError.
func writableStreamFinishInFlightWriteWithError(ws *WritableStream, e goja.Value) {
	ws.inFlightWriteRequest.reject(e)
	ws.inFlightWriteRequest = nil
	writableStreamDealWithRejection(ws, e)
}

// writableStreamHasOperationMarkedInFlight is WritableStreamHasOperationMarkedInFlight.
func writableStreamHasOperationMarkedInFlight(ws *WritableStream) bool {
	return ws.inFlightWriteRequest != nil || ws.inFlightCloseRequest != nil
}

// writableStreamMarkCloseRequestInFlight is WritableStreamMarkCloseRequestInFlight.
func writableStreamMarkCloseRequestInFlight(ws *WritableStream) {
	ws.inFlightCloseRequest = ws.closeRequest
	ws.closeRequest = nil
}

// writableStreamMarkFirstWriteRequestInFlight is WritableStreamMarkFirstWriteRequestInFlight.
func writableStreamMarkFirstWriteRequestInFlight(ws *WritableStream) {
	ws.inFlightWriteRequest = ws.writeRequests[0]
	ws.writeRequests[0] = nil
	ws.writeRequests = ws.writeRequests[1:]
}

// writableStreamRejectCloseAndClosedPromiseIfNeeded is WritableStreamRejectCloseAndClosedPromiseIfNeeded.
func writableStreamRejectCloseAndClosedPromiseIfNeeded(ws *WritableStream) {
	if ws.closeRequest != nil {
		ws.closeRequest.reject(ws.storedError)
		ws.closeRequest = nil
	}
	if w := ws.writer; w != nil {
		w.closed.reject(ws.storedError)
		ws.rt.markHandled(w.closed.obj)
	}
}

// writableStreamStartErroring is WritableStreamStartErroring.
func writableStreamStartErroring(ws *WritableStream, reason goja.Value) {
	ws.state = writableErroring
	ws.storedError = reason
	if w := ws.writer; w != nil {
		writerEnsureReadyPromiseRejected(w, reason)
	}
	if !writableStreamHasOperationMarkedInFlight(ws) && ws.controller.started {
		writableStreamFinishErroring(ws)
	}
}

// writableStreamUpdateBackpressure is WritableStreamUpdateBackpressure.
func writableStreamUpdateBackpressure(ws *WritableStream, backpressure bool) {
	if w := ws.writer; w != nil && backpressure != ws.backpressure {
		if backpressure {
			w.ready = ws.rt.newPromise()
		} else {
			w.ready.resolve(goja.Undefined())
		}
	}
	ws.backpressure = backpressure
}

// NodeInspect is how Node.js shows a WritableStream: locked and its state (console.NodeInspected).
func (ws *WritableStream) NodeInspect() ([]string, []any) {
	state := [...]string{writableWritable: "writable", writableClosed: "closed", writableErroring: "erroring", writableErrored: "errored"}[ws.state]
	return []string{"locked", "state"}, []any{ws.writer != nil, state}
}
