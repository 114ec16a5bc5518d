package streams

import (
	"github.com/dop251/goja"
)

// pipeOptions is the converted StreamPipeOptions dictionary (§4.2.1).
type pipeOptions struct {
	preventAbort, preventCancel, preventClose bool
	signal                                    *goja.Object
}

// convertPipeOptions reads preventAbort, preventCancel, preventClose and signal, in that order. The signal
// is any object with `aborted`, `reason` and `addEventListener` (an AbortSignal, from the dom package).
func (s *rt) convertPipeOptions(v goja.Value) pipeOptions {
	o := s.dictionary(v, "options")
	var opts pipeOptions
	opts.preventAbort = boolMember(o, "preventAbort")
	opts.preventCancel = boolMember(o, "preventCancel")
	opts.preventClose = boolMember(o, "preventClose")
	if sig := member(o, "signal"); sig != nil {
		so, ok := sig.(*goja.Object)
		if !ok {
			throw(s.invalidArgType(`"options.signal" property`, "an instance of AbortSignal", sig))
		}
		if _, ok := goja.AssertFunction(so.Get("addEventListener")); !ok {
			throw(s.invalidArgType(`"options.signal" property`, "an instance of AbortSignal", sig))
		}
		opts.signal = so
	}
	return opts
}

// pipeToMethod is ReadableStream.prototype.pipeTo (§4.2.4).
func (s *rt) pipeToMethod(rs *ReadableStream, destination, options goja.Value) *goja.Object {
	dest, ok := s.writableStream.Unwrap(destination)
	if !ok {
		return s.rejected(s.invalidArgType(`"destination" argument`, "an instance of WritableStream", destination))
	}
	opts := s.convertPipeOptions(options)
	if rs.locked() {
		return s.rejected(s.invalidState("The ReadableStream is locked"))
	}
	if dest.locked() {
		return s.rejected(s.invalidState("The WritableStream is locked"))
	}
	return readableStreamPipeTo(rs, dest, opts)
}

// pipeThrough is ReadableStream.prototype.pipeThrough (§4.2.4).
func (s *rt) pipeThrough(rs *ReadableStream, transform, options goja.Value) goja.Value {
	// ReadableWritablePair: readable, then writable, both required.
	o := s.dictionary(transform, "transform")
	readableV := member(o, "readable")
	readable, ok := s.readableStream.Unwrap(readableV)
	if !ok {
		throw(s.invalidArgType(`"transform.readable" property`, "an instance of ReadableStream", readableV))
	}
	writableV := member(o, "writable")
	writable, ok := s.writableStream.Unwrap(writableV)
	if !ok {
		throw(s.invalidArgType(`"transform.writable" property`, "an instance of WritableStream", writableV))
	}
	opts := s.convertPipeOptions(options)
	if rs.locked() {
		throw(s.invalidState("The ReadableStream is locked"))
	}
	if writable.locked() {
		throw(s.invalidState("The WritableStream is locked"))
	}
	s.markHandled(readableStreamPipeTo(rs, writable, opts))
	return readable.object()
}

// readableStreamPipeTo is ReadableStreamPipeTo (§4.9.1). The loop reads a chunk whenever the writer is
// ready (that is the backpressure), and shutdown follows the spec's four propagation rules.
func readableStreamPipeTo(source *ReadableStream, dest *WritableStream, opts pipeOptions) *goja.Object {
	s := source.rt
	// 7–9. Lock both streams.
	reader := acquireDefaultReader(source)
	writer := acquireWriter(dest)
	source.disturbed = true
	// 10–13.
	shuttingDown := false
	currentWrite := s.undefPromise
	result := s.newPromise()
	var abortListener goja.Value

	finalize := func(isError bool, e goja.Value) {
		writerRelease(writer)
		defaultReaderRelease(reader)
		if abortListener != nil {
			if remove, ok := goja.AssertFunction(opts.signal.Get("removeEventListener")); ok {
				remove(opts.signal, s.vm.ToValue("abort"), abortListener)
			}
		}
		if isError {
			result.reject(e)
		} else {
			result.resolve(goja.Undefined())
		}
	}
	var waitForWritesToFinish func() *goja.Object
	waitForWritesToFinish = func() *goja.Object {
		old := currentWrite
		return s.then(currentWrite, func(goja.Value) goja.Value {
			if old != currentWrite {
				return waitForWritesToFinish()
			}
			return nil
		}, nil)
	}
	// shutdownWithAction and shutdown (§4.9.1): wait for writes in flight, then act, then
	// finalize.
	shutdownWithAction := func(action func() *goja.Object, originalIsError bool, originalError goja.Value) {
		if shuttingDown {
			return
		}
		shuttingDown = true
		doTheRest := func() {
			s.upon(action(), func(goja.Value) {
				finalize(originalIsError, originalError)
			}, func(newError goja.Value) {
				finalize(true, newError)
			})
		}
		if dest.state == writableWritable && !writableStreamCloseQueuedOrInFlight(dest) {
			s.upon(waitForWritesToFinish(), func(goja.Value) { doTheRest() }, nil)
		} else {
			doTheRest()
		}
	}
	shutdown := func(isError bool, e goja.Value) {
		if shuttingDown {
			return
		}
		shuttingDown = true
		if dest.state == writableWritable && !writableStreamCloseQueuedOrInFlight(dest) {
			s.upon(waitForWritesToFinish(), func(goja.Value) { finalize(isError, e) }, nil)
		} else {
			finalize(isError, e)
		}
	}

	// 14. The abort signal.
	if sig := opts.signal; sig != nil {
		abortAlgorithm := func() {
			e := sig.Get("reason")
			var actions []func() *goja.Object
			if !opts.preventAbort {
				actions = append(actions, func() *goja.Object {
					if dest.state == writableWritable {
						return writableStreamAbort(dest, e)
					}
					return s.undefPromise
				})
			}
			if !opts.preventCancel {
				actions = append(actions, func() *goja.Object {
					if source.state == readableReadable {
						return readableStreamCancel(source, e)
					}
					return s.undefPromise
				})
			}
			shutdownWithAction(func() *goja.Object {
				ps := make([]*goja.Object, len(actions))
				for i, a := range actions {
					ps[i] = a()
				}
				all := s.newPromise()
				s.waitForAll(ps, func() { all.resolve(goja.Undefined()) }, func(r goja.Value) { all.reject(r) })
				return all.obj
			}, true, e)
		}
		if sig.Get("aborted").ToBoolean() {
			abortAlgorithm()
			return result.obj
		}
		abortListener = s.vm.ToValue(func(goja.FunctionCall) goja.Value { abortAlgorithm(); return goja.Undefined() })
		add, _ := goja.AssertFunction(sig.Get("addEventListener"))
		if _, err := add(sig, s.vm.ToValue("abort"), abortListener); err != nil {
			throw(exceptionValue(err))
		}
	}

	// 15. The loop: read whenever the writer is ready, until shutdown.
	var step func()
	var onReady goja.Value
	pipeRead := &readRequest{
		chunkSteps: func(chunk goja.Value) {
			currentWrite = s.attach(writerWrite(writer, chunk), goja.Undefined(), s.noop)
			step()
		},
		closeSteps: func() {},
		errorSteps: func(goja.Value) {},
	}
	onReady = s.handler(func(goja.Value) goja.Value {
		if shuttingDown || dest.state != writableWritable || writableStreamCloseQueuedOrInFlight(dest) {
			return nil
		}
		defaultReaderRead(reader, pipeRead)
		return nil
	})
	step = func() {
		if !shuttingDown {
			s.attach(writer.ready.obj, onReady, s.noop)
		}
	}

	// Errors must be propagated forward.
	if source.state == readableErrored {
		forwardError(source.storedError, opts.preventAbort, dest, shutdownWithAction, shutdown)
	} else {
		s.upon(reader.closed.obj, nil, func(e goja.Value) {
			forwardError(e, opts.preventAbort, dest, shutdownWithAction, shutdown)
		})
	}
	// Errors must be propagated backward.
	backward := func() {
		e := dest.storedError
		if !opts.preventCancel {
			shutdownWithAction(func() *goja.Object { return readableStreamCancel(source, e) }, true, e)
		} else {
			shutdown(true, e)
		}
	}
	if dest.state == writableErrored {
		backward()
	} else {
		s.upon(writer.closed.obj, nil, func(goja.Value) {
			if dest.state == writableErrored {
				backward()
			}
		})
	}
	// Closing must be propagated forward.
	forwardClose := func() {
		if !opts.preventClose {
			shutdownWithAction(func() *goja.Object { return writerCloseWithErrorPropagation(writer) }, false, nil)
		} else {
			shutdown(false, nil)
		}
	}
	if source.state == readableClosed {
		forwardClose()
	} else {
		s.upon(reader.closed.obj, func(goja.Value) { forwardClose() }, nil)
	}
	// Closing must be propagated backward.
	if writableStreamCloseQueuedOrInFlight(dest) || dest.state == writableClosed {
		destClosed := s.invalidState("Destination WritableStream is closed")
		if !opts.preventCancel {
			shutdownWithAction(func() *goja.Object { return readableStreamCancel(source, destClosed) }, true, destClosed)
		} else {
			shutdown(true, destClosed)
		}
	}
	step()
	return result.obj
}

func forwardError(e goja.Value, preventAbort bool, dest *WritableStream, shutdownWithAction func(func() *goja.Object, bool, goja.Value), shutdown func(bool, goja.Value)) {
	if !preventAbort {
		shutdownWithAction(func() *goja.Object { return writableStreamAbort(dest, e) }, true, e)
	} else {
		shutdown(true, e)
	}
}
