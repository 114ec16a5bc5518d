package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// WritableStreamDefaultController is the state of a WritableStreamDefaultController (§5.4).
type WritableStreamDefaultController struct {
	rt     *rt
	obj    *goja.Object
	stream *WritableStream
	queue  sizedQueue

	started        bool
	strategyHWM    float64
	strategySize   sizeAlgorithm // nil: size 1
	writeAlgorithm func(chunk goja.Value) *goja.Object
	closeAlgorithm func() *goja.Object
	abortAlgorithm func(reason goja.Value) *goja.Object

	// [[abortController]]: made when the signal is first asked for (the AbortController class belongs
	// to the dom package); until then an abort is only recorded.
	abortController *goja.Object
	aborted         bool
	abortReason     goja.Value

	onWritten, onWriteFailed goja.Value // reactions to the sink's write promise, made once
}

func (c *WritableStreamDefaultController) object() *goja.Object {
	if c.obj == nil {
		c.obj = c.rt.writableController.Wrap(c)
	}
	return c.obj
}

func (s *rt) defineWritableController() {
	s.writableController = webidl.Define(s.realm, webidl.Spec[*WritableStreamDefaultController]{Name: "WritableStreamDefaultController"})
	c := s.writableController
	getter(s, c, "signal", func(c *WritableStreamDefaultController) goja.Value { return c.signal() })
	method(s, c, "error", 0, func(c *WritableStreamDefaultController, call goja.FunctionCall) goja.Value {
		if c.stream.state == writableWritable {
			writableControllerError(c, call.Argument(0))
		}
		return nil
	})
}

// signal returns the controller's AbortSignal, or undefined when the realm has no AbortController.
func (c *WritableStreamDefaultController) signal() goja.Value {
	if c.abortController == nil {
		ctor, ok := c.rt.vm.Get("AbortController").(*goja.Object)
		if !ok {
			return goja.Undefined()
		}
		ac, err := c.rt.vm.New(ctor)
		if err != nil {
			throw(exceptionValue(err))
		}
		c.abortController = ac
		if c.aborted {
			c.callAbort()
		}
	}
	return c.abortController.Get("signal")
}

// signalAbort is "signal abort on controller.[[abortController]] with reason".
func (c *WritableStreamDefaultController) signalAbort(reason goja.Value) {
	if c.aborted {
		return
	}
	c.aborted, c.abortReason = true, reason
	if c.abortController != nil {
		c.callAbort()
	}
}

func (c *WritableStreamDefaultController) callAbort() {
	if abort, ok := goja.AssertFunction(c.abortController.Get("abort")); ok {
		if _, err := abort(c.abortController, c.abortReason); err != nil {
			c.rt.realm.Host.Logger().Error("exception in an abort listener", "error", err)
		}
	}
}

// abortSteps is [[AbortSteps]] (§5.4.4).
func (c *WritableStreamDefaultController) abortSteps(reason goja.Value) *goja.Object {
	result := c.rt.undefPromise
	if c.abortAlgorithm != nil {
		result = c.abortAlgorithm(reason)
	}
	writableControllerClearAlgorithms(c)
	return result
}

// errorSteps is [[ErrorSteps]] (§5.4.4).
func (c *WritableStreamDefaultController) errorSteps() { c.queue.reset() }

// setUpWritableController is SetUpWritableStreamDefaultController (§5.5.4).
func setUpWritableController(ws *WritableStream, c *WritableStreamDefaultController, start func() goja.Value, write func(goja.Value) *goja.Object, closeAlg func() *goja.Object, abort func(goja.Value) *goja.Object, hwm float64, size sizeAlgorithm) {
	s := ws.rt
	c.stream = ws
	ws.controller = c
	c.strategySize, c.strategyHWM = size, hwm
	c.writeAlgorithm, c.closeAlgorithm, c.abortAlgorithm = write, closeAlg, abort
	writableStreamUpdateBackpressure(ws, writableControllerGetBackpressure(c))
	var startResult goja.Value = goja.Undefined()
	if start != nil {
		startResult = start()
	}
	s.upon(s.resolved(startResult), func(goja.Value) {
		c.started = true
		writableControllerAdvanceQueueIfNeeded(c)
	}, func(r goja.Value) {
		c.started = true
		writableStreamDealWithRejection(ws, r)
	})
}

// writableControllerAdvanceQueueIfNeeded is WritableStreamDefaultControllerAdvanceQueueIfNeeded.
func writableControllerAdvanceQueueIfNeeded(c *WritableStreamDefaultController) {
	ws := c.stream
	if !c.started || ws.inFlightWriteRequest != nil {
		return
	}
	if ws.state == writableErroring {
		writableStreamFinishErroring(ws)
		return
	}
	if c.queue.len() == 0 {
		return
	}
	if rec := c.queue.peekQueueValue(); rec.close {
		writableControllerProcessClose(c)
	} else {
		writableControllerProcessWrite(c, rec.value)
	}
}

// writableControllerClearAlgorithms is WritableStreamDefaultControllerClearAlgorithms.
func writableControllerClearAlgorithms(c *WritableStreamDefaultController) {
	c.writeAlgorithm, c.closeAlgorithm, c.abortAlgorithm, c.strategySize = nil, nil, nil, nil
}

// writableControllerClose is WritableStreamDefaultControllerClose: the close sentinel goes in the queue.
func writableControllerClose(c *WritableStreamDefaultController) {
	c.queue.items = append(c.queue.items, queueItem{close: true})
	writableControllerAdvanceQueueIfNeeded(c)
}

// writableControllerError is WritableStreamDefaultControllerError.
func writableControllerError(c *WritableStreamDefaultController, e goja.Value) {
	writableControllerClearAlgorithms(c)
	writableStreamStartErroring(c.stream, e)
}

// writableControllerErrorIfNeeded is WritableStreamDefaultControllerErrorIfNeeded.
func writableControllerErrorIfNeeded(c *WritableStreamDefaultController, e goja.Value) {
	if c.stream.state == writableWritable {
		writableControllerError(c, e)
	}
}

// writableControllerGetBackpressure is WritableStreamDefaultControllerGetBackpressure.
func writableControllerGetBackpressure(c *WritableStreamDefaultController) bool {
	return writableControllerGetDesiredSize(c) <= 0
}

// writableControllerGetChunkSize is WritableStreamDefaultControllerGetChunkSize: a throwing size
// function errors the stream and counts as 1.
func writableControllerGetChunkSize(c *WritableStreamDefaultController, chunk goja.Value) float64 {
	if c.strategySize == nil {
		return 1
	}
	size, thrown := c.strategySize(chunk)
	if thrown != nil {
		writableControllerErrorIfNeeded(c, thrown)
		return 1
	}
	return size
}

// writableControllerGetDesiredSize is WritableStreamDefaultControllerGetDesiredSize.
func writableControllerGetDesiredSize(c *WritableStreamDefaultController) float64 {
	return c.strategyHWM - c.queue.total
}

// writableControllerProcessClose is WritableStreamDefaultControllerProcessClose.
func writableControllerProcessClose(c *WritableStreamDefaultController) {
	ws := c.stream
	writableStreamMarkCloseRequestInFlight(ws)
	c.queue.dequeueValue()
	sinkClosePromise := c.rt.undefPromise
	if c.closeAlgorithm != nil {
		sinkClosePromise = c.closeAlgorithm()
	}
	writableControllerClearAlgorithms(c)
	c.rt.upon(sinkClosePromise, func(goja.Value) {
		writableStreamFinishInFlightClose(ws)
	}, func(reason goja.Value) {
		writableStreamFinishInFlightCloseWithError(ws, reason)
	})
}

// writableControllerProcessWrite is WritableStreamDefaultControllerProcessWrite.
func writableControllerProcessWrite(c *WritableStreamDefaultController, chunk goja.Value) {
	ws := c.stream
	writableStreamMarkFirstWriteRequestInFlight(ws)
	sinkWritePromise := c.rt.undefPromise
	if c.writeAlgorithm != nil {
		sinkWritePromise = c.writeAlgorithm(chunk)
	}
	if c.onWritten == nil {
		c.onWritten = c.rt.handler(func(goja.Value) goja.Value {
			writableStreamFinishInFlightWrite(ws)
			state := ws.state
			c.queue.dequeueValue()
			if !writableStreamCloseQueuedOrInFlight(ws) && state == writableWritable {
				writableStreamUpdateBackpressure(ws, writableControllerGetBackpressure(c))
			}
			writableControllerAdvanceQueueIfNeeded(c)
			return nil
		})
		c.onWriteFailed = c.rt.handler(func(reason goja.Value) goja.Value {
			if ws.state == writableWritable {
				writableControllerClearAlgorithms(c)
			}
			writableStreamFinishInFlightWriteWithError(ws, reason)
			return nil
		})
	}
	c.rt.attach(sinkWritePromise, c.onWritten, c.onWriteFailed)
}

// writableControllerWrite is WritableStreamDefaultControllerWrite.
func writableControllerWrite(c *WritableStreamDefaultController, chunk goja.Value, chunkSize float64) {
	if e := c.rt.enqueueValueWithSize(&c.queue, chunk, chunkSize); e != nil {
		writableControllerErrorIfNeeded(c, e)
		return
	}
	ws := c.stream
	if !writableStreamCloseQueuedOrInFlight(ws) && ws.state == writableWritable {
		writableStreamUpdateBackpressure(ws, writableControllerGetBackpressure(c))
	}
	writableControllerAdvanceQueueIfNeeded(c)
}
