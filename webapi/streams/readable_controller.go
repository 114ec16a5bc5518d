package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// ReadableStreamDefaultController is the state of a ReadableStreamDefaultController (§4.6).
type ReadableStreamDefaultController struct {
	rt     *rt
	obj    *goja.Object
	stream *ReadableStream
	queue  sizedQueue

	started, closeRequested, pullAgain, pulling bool

	strategyHWM     float64
	strategySize    sizeAlgorithm // nil: every chunk has size 1
	pullAlgorithm   func() *goja.Object
	cancelAlgorithm func(reason goja.Value) *goja.Object

	onPulled, onPullFailed goja.Value // reactions to the pull promise, made once
}

func (c *ReadableStreamDefaultController) object() *goja.Object {
	if c.obj == nil {
		c.obj = c.rt.defaultController.Wrap(c)
	}
	return c.obj
}

func (s *rt) defineDefaultController() {
	vm := s.vm
	s.defaultController = webidl.Define(s.realm, webidl.Spec[*ReadableStreamDefaultController]{Name: "ReadableStreamDefaultController"})
	c := s.defaultController
	getter(s, c, "desiredSize", func(c *ReadableStreamDefaultController) goja.Value {
		d, ok := defaultControllerGetDesiredSize(c)
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(d)
	})
	method(s, c, "close", 0, func(c *ReadableStreamDefaultController, call goja.FunctionCall) goja.Value {
		if !defaultControllerCanCloseOrEnqueue(c) {
			throw(s.invalidState("Controller is already closed"))
		}
		defaultControllerClose(c)
		return nil
	})
	method(s, c, "enqueue", 0, func(c *ReadableStreamDefaultController, call goja.FunctionCall) goja.Value {
		if !defaultControllerCanCloseOrEnqueue(c) {
			throw(s.invalidState("Controller is already closed"))
		}
		if thrown := defaultControllerEnqueue(c, call.Argument(0)); thrown != nil {
			throw(thrown)
		}
		return nil
	})
	method(s, c, "error", 0, func(c *ReadableStreamDefaultController, call goja.FunctionCall) goja.Value {
		defaultControllerError(c, call.Argument(0))
		return nil
	})
}

// setUpDefaultControllerFromSource is SetUpReadableStreamDefaultControllerFromUnderlyingSource (§4.9.4).
func setUpDefaultControllerFromSource(rs *ReadableStream, d underlyingSource, hwm float64, size sizeAlgorithm) {
	c := &ReadableStreamDefaultController{rt: rs.rt}
	start, pull, cancel := rs.rt.sourceAlgorithms(d, c.object)
	setUpDefaultController(rs, c, start, pull, cancel, hwm, size)
}

// setUpDefaultController is SetUpReadableStreamDefaultController (§4.9.4).
func setUpDefaultController(rs *ReadableStream, c *ReadableStreamDefaultController, start func() goja.Value, pull func() *goja.Object, cancel func(goja.Value) *goja.Object, hwm float64, size sizeAlgorithm) {
	s := rs.rt
	// 2–8. Initialise the slots and attach the controller.
	c.stream = rs
	c.strategyHWM, c.strategySize = hwm, size
	c.pullAlgorithm, c.cancelAlgorithm = pull, cancel
	rs.controller = c
	// 9. Let startResult be the result of performing startAlgorithm (may throw).
	var startResult goja.Value = goja.Undefined()
	if start != nil {
		startResult = start()
	}
	// 10–12. Once started, pull if needed; a failed start errors the stream.
	s.upon(s.resolved(startResult), func(goja.Value) {
		c.started = true
		defaultControllerCallPullIfNeeded(c)
	}, func(r goja.Value) {
		defaultControllerError(c, r)
	})
}

// defaultControllerCallPullIfNeeded is ReadableStreamDefaultControllerCallPullIfNeeded: pull is never
// called again before the promise of the previous call settles.
func defaultControllerCallPullIfNeeded(c *ReadableStreamDefaultController) {
	if !defaultControllerShouldCallPull(c) {
		return
	}
	if c.pulling {
		c.pullAgain = true
		return
	}
	c.pulling = true
	var pullPromise *goja.Object
	if c.pullAlgorithm != nil {
		pullPromise = c.pullAlgorithm()
	} else {
		pullPromise = c.rt.undefPromise
	}
	if c.onPulled == nil {
		c.onPulled = c.rt.handler(func(goja.Value) goja.Value {
			c.pulling = false
			if c.pullAgain {
				c.pullAgain = false
				defaultControllerCallPullIfNeeded(c)
			}
			return nil
		})
		c.onPullFailed = c.rt.handler(func(e goja.Value) goja.Value {
			defaultControllerError(c, e)
			return nil
		})
	}
	c.rt.attach(pullPromise, c.onPulled, c.onPullFailed)
}

// defaultControllerShouldCallPull is ReadableStreamDefaultControllerShouldCallPull.
func defaultControllerShouldCallPull(c *ReadableStreamDefaultController) bool {
	if !defaultControllerCanCloseOrEnqueue(c) || !c.started {
		return false
	}
	if c.stream.locked() && readableStreamGetNumReadRequests(c.stream) > 0 {
		return true
	}
	d, _ := defaultControllerGetDesiredSize(c)
	return d > 0
}

// defaultControllerClearAlgorithms is ReadableStreamDefaultControllerClearAlgorithms.
func defaultControllerClearAlgorithms(c *ReadableStreamDefaultController) {
	c.pullAlgorithm, c.cancelAlgorithm, c.strategySize = nil, nil, nil
}

// defaultControllerClose is ReadableStreamDefaultControllerClose.
func defaultControllerClose(c *ReadableStreamDefaultController) {
	if !defaultControllerCanCloseOrEnqueue(c) {
		return
	}
	c.closeRequested = true
	if c.queue.len() == 0 {
		defaultControllerClearAlgorithms(c)
		readableStreamClose(c.stream)
	}
}

// defaultControllerEnqueue is ReadableStreamDefaultControllerEnqueue. It returns what the size
// algorithm or the queue threw, after erroring the stream with it.
func defaultControllerEnqueue(c *ReadableStreamDefaultController, chunk goja.Value) (thrown goja.Value) {
	if !defaultControllerCanCloseOrEnqueue(c) {
		return nil
	}
	rs := c.stream
	if rs.locked() && readableStreamGetNumReadRequests(rs) > 0 {
		readableStreamFulfillReadRequest(rs, chunk, false)
	} else {
		size := 1.0
		if c.strategySize != nil {
			var e goja.Value
			if size, e = c.strategySize(chunk); e != nil {
				defaultControllerError(c, e)
				return e
			}
		}
		if e := c.rt.enqueueValueWithSize(&c.queue, chunk, size); e != nil {
			defaultControllerError(c, e)
			return e
		}
	}
	defaultControllerCallPullIfNeeded(c)
	return nil
}

// defaultControllerError is ReadableStreamDefaultControllerError.
func defaultControllerError(c *ReadableStreamDefaultController, e goja.Value) {
	if c.stream.state != readableReadable {
		return
	}
	c.queue.reset()
	defaultControllerClearAlgorithms(c)
	readableStreamError(c.stream, e)
}

// defaultControllerGetDesiredSize is ReadableStreamDefaultControllerGetDesiredSize; ok is false for
// null (an errored stream).
func defaultControllerGetDesiredSize(c *ReadableStreamDefaultController) (float64, bool) {
	switch c.stream.state {
	case readableErrored:
		return 0, false
	case readableClosed:
		return 0, true
	}
	return c.strategyHWM - c.queue.total, true
}

// defaultControllerHasBackpressure is ReadableStreamDefaultControllerHasBackpressure.
func defaultControllerHasBackpressure(c *ReadableStreamDefaultController) bool {
	return !defaultControllerShouldCallPull(c)
}

// defaultControllerCanCloseOrEnqueue is ReadableStreamDefaultControllerCanCloseOrEnqueue.
func defaultControllerCanCloseOrEnqueue(c *ReadableStreamDefaultController) bool {
	return !c.closeRequested && c.stream.state == readableReadable
}

// cancelSteps is [[CancelSteps]] (§4.6.4).
func (c *ReadableStreamDefaultController) cancelSteps(reason goja.Value) *goja.Object {
	c.queue.reset()
	result := c.rt.undefPromise
	if c.cancelAlgorithm != nil {
		result = c.cancelAlgorithm(reason)
	}
	defaultControllerClearAlgorithms(c)
	return result
}

// pullSteps is [[PullSteps]] (§4.6.4).
func (c *ReadableStreamDefaultController) pullSteps(req *readRequest) {
	rs := c.stream
	if c.queue.len() > 0 {
		chunk := c.queue.dequeueValue().value
		if c.closeRequested && c.queue.len() == 0 {
			defaultControllerClearAlgorithms(c)
			readableStreamClose(rs)
		} else {
			defaultControllerCallPullIfNeeded(c)
		}
		req.chunkSteps(chunk)
		return
	}
	readableStreamAddReadRequest(rs, req)
	defaultControllerCallPullIfNeeded(c)
}

// releaseSteps is [[ReleaseSteps]] (§4.6.4): nothing for a default controller.
func (c *ReadableStreamDefaultController) releaseSteps() {}
