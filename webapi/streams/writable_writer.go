package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// WritableStreamDefaultWriter is the state of a WritableStreamDefaultWriter (§5.3).
type WritableStreamDefaultWriter struct {
	rt     *rt
	obj    *goja.Object
	stream *WritableStream // nil once released
	ready  *promise
	closed *promise
}

func (w *WritableStreamDefaultWriter) object() *goja.Object {
	if w.obj == nil {
		w.obj = w.rt.writer.Wrap(w)
	}
	return w.obj
}

func (s *rt) defineWriter() {
	vm := s.vm
	s.writer = webidl.Define(s.realm, webidl.Spec[*WritableStreamDefaultWriter]{
		Name: "WritableStreamDefaultWriter", Length: 1,
		New: func(call goja.ConstructorCall) *WritableStreamDefaultWriter {
			ws, ok := s.writableStream.Unwrap(call.Argument(0))
			if !ok {
				throw(s.invalidArgType(`"stream" argument`, "an instance of WritableStream", call.Argument(0)))
			}
			w := &WritableStreamDefaultWriter{rt: s, obj: call.This}
			setUpWriter(w, ws)
			return w
		},
	})
	c := s.writer
	notBound := func() *goja.Object { return s.invalidState("Writer is not bound to a WritableStream") }
	promiseGetter(s, c, "closed", func(w *WritableStreamDefaultWriter) *goja.Object { return w.closed.obj })
	getter(s, c, "desiredSize", func(w *WritableStreamDefaultWriter) goja.Value {
		if w.stream == nil {
			throw(notBound())
		}
		d, ok := writerGetDesiredSize(w)
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(d)
	})
	promiseGetter(s, c, "ready", func(w *WritableStreamDefaultWriter) *goja.Object { return w.ready.obj })
	promiseMethod(s, c, "abort", 0, func(w *WritableStreamDefaultWriter, call goja.FunctionCall) *goja.Object {
		if w.stream == nil {
			return s.rejected(notBound())
		}
		return writableStreamAbort(w.stream, call.Argument(0))
	})
	promiseMethod(s, c, "close", 0, func(w *WritableStreamDefaultWriter, call goja.FunctionCall) *goja.Object {
		if w.stream == nil {
			return s.rejected(notBound())
		}
		if writableStreamCloseQueuedOrInFlight(w.stream) {
			return s.rejected(s.invalidState("Failure to close WritableStream"))
		}
		return writableStreamClose(w.stream)
	})
	method(s, c, "releaseLock", 0, func(w *WritableStreamDefaultWriter, call goja.FunctionCall) goja.Value {
		if w.stream != nil {
			writerRelease(w)
		}
		return nil
	})
	promiseMethod(s, c, "write", 0, func(w *WritableStreamDefaultWriter, call goja.FunctionCall) *goja.Object {
		if w.stream == nil {
			return s.rejected(notBound())
		}
		return writerWrite(w, call.Argument(0))
	})
}

// acquireWriter is AcquireWritableStreamDefaultWriter (§5.5.1).
func acquireWriter(ws *WritableStream) *WritableStreamDefaultWriter {
	w := &WritableStreamDefaultWriter{rt: ws.rt}
	setUpWriter(w, ws)
	return w
}

// setUpWriter is SetUpWritableStreamDefaultWriter (§5.5.3).
func setUpWriter(w *WritableStreamDefaultWriter, ws *WritableStream) {
	s := ws.rt
	if ws.locked() {
		throw(s.invalidState("WritableStream is locked"))
	}
	w.stream = ws
	ws.writer = w
	switch ws.state {
	case writableWritable:
		if !writableStreamCloseQueuedOrInFlight(ws) && ws.backpressure {
			w.ready = s.newPromise()
		} else {
			w.ready = s.resolvedPromise(goja.Undefined())
		}
		w.closed = s.newPromise()
	case writableErroring:
		w.ready = s.rejectedPromise(ws.storedError)
		w.closed = s.newPromise()
	case writableClosed:
		w.ready = s.resolvedPromise(goja.Undefined())
		w.closed = s.resolvedPromise(goja.Undefined())
	default:
		w.ready = s.rejectedPromise(ws.storedError)
		w.closed = s.rejectedPromise(ws.storedError)
	}
}

// writerCloseWithErrorPropagation is WritableStreamDefaultWriterCloseWithErrorPropagation (§5.5.3).
func writerCloseWithErrorPropagation(w *WritableStreamDefaultWriter) *goja.Object {
	ws := w.stream
	if writableStreamCloseQueuedOrInFlight(ws) || ws.state == writableClosed {
		return w.rt.undefPromise
	}
	if ws.state == writableErrored {
		return w.rt.rejected(ws.storedError)
	}
	return writableStreamClose(ws)
}

// writerEnsureClosedPromiseRejected is WritableStreamDefaultWriterEnsureClosedPromiseRejected.
func writerEnsureClosedPromiseRejected(w *WritableStreamDefaultWriter, e goja.Value) {
	if w.closed.pending() {
		w.closed.reject(e)
		w.rt.markHandled(w.closed.obj)
	} else {
		w.closed = w.rt.rejectedPromise(e)
	}
}

// writerEnsureReadyPromiseRejected is WritableStreamDefaultWriterEnsureReadyPromiseRejected.
func writerEnsureReadyPromiseRejected(w *WritableStreamDefaultWriter, e goja.Value) {
	if w.ready.pending() {
		w.ready.reject(e)
		w.rt.markHandled(w.ready.obj)
	} else {
		w.ready = w.rt.rejectedPromise(e)
	}
}

// writerGetDesiredSize is WritableStreamDefaultWriterGetDesiredSize; ok is false for null.
func writerGetDesiredSize(w *WritableStreamDefaultWriter) (float64, bool) {
	switch w.stream.state {
	case writableErrored, writableErroring:
		return 0, false
	case writableClosed:
		return 0, true
	}
	return writableControllerGetDesiredSize(w.stream.controller), true
}

// writerRelease is WritableStreamDefaultWriterRelease.
func writerRelease(w *WritableStreamDefaultWriter) {
	releasedError := w.rt.invalidState("Writer has been released")
	writerEnsureReadyPromiseRejected(w, releasedError)
	writerEnsureClosedPromiseRejected(w, releasedError)
	w.stream.writer = nil
	w.stream = nil
}

// writerWrite is WritableStreamDefaultWriterWrite.
func writerWrite(w *WritableStreamDefaultWriter, chunk goja.Value) *goja.Object {
	s := w.rt
	ws := w.stream
	c := ws.controller
	chunkSize := writableControllerGetChunkSize(c, chunk)
	if ws != w.stream {
		return s.rejected(s.invalidState("Writer is not bound to a WritableStream"))
	}
	switch {
	case ws.state == writableErrored:
		return s.rejected(ws.storedError)
	case writableStreamCloseQueuedOrInFlight(ws) || ws.state == writableClosed:
		return s.rejected(s.invalidState("WritableStream is closed"))
	case ws.state == writableErroring:
		return s.rejected(ws.storedError)
	}
	p := writableStreamAddWriteRequest(ws)
	writableControllerWrite(c, chunk, chunkSize)
	return p.obj
}
