package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// TransformStream is the state of a TransformStream (§6.2).
type TransformStream struct {
	rt                        *rt
	obj                       *goja.Object
	readable                  *ReadableStream
	writable                  *WritableStream
	backpressure              bool
	backpressureChangePromise *promise
	controller                *TransformStreamDefaultController
}

// TransformStreamDefaultController is the state of a TransformStreamDefaultController (§6.3). Go
// transforms (NewTransform) get it to enqueue, error and terminate.
type TransformStreamDefaultController struct {
	rt                 *rt
	obj                *goja.Object
	stream             *TransformStream
	finishPromise      *promise
	transformAlgorithm func(chunk goja.Value) *goja.Object
	flushAlgorithm     func() *goja.Object
	cancelAlgorithm    func(reason goja.Value) *goja.Object
	onTransformFailed  goja.Value // made once
}

func (ts *TransformStream) object() *goja.Object {
	if ts.obj == nil {
		ts.obj = ts.rt.transformStream.Wrap(ts)
	}
	return ts.obj
}

func (c *TransformStreamDefaultController) object() *goja.Object {
	if c.obj == nil {
		c.obj = c.rt.transformController.Wrap(c)
	}
	return c.obj
}

func (s *rt) defineTransform() {
	vm := s.vm
	s.transformStream = webidl.Define(s.realm, webidl.Spec[*TransformStream]{
		Name: "TransformStream",
		New: func(call goja.ConstructorCall) *TransformStream {
			return s.constructTransformStream(call.This, call.Argument(0), call.Argument(1), call.Argument(2))
		},
	})
	getter(s, s.transformStream, "readable", func(ts *TransformStream) goja.Value { return ts.readable.object() })
	getter(s, s.transformStream, "writable", func(ts *TransformStream) goja.Value { return ts.writable.object() })

	s.transformController = webidl.Define(s.realm, webidl.Spec[*TransformStreamDefaultController]{Name: "TransformStreamDefaultController"})
	c := s.transformController
	getter(s, c, "desiredSize", func(c *TransformStreamDefaultController) goja.Value {
		d, ok := defaultControllerGetDesiredSize(c.stream.readable.controller.(*ReadableStreamDefaultController))
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(d)
	})
	method(s, c, "enqueue", 0, func(c *TransformStreamDefaultController, call goja.FunctionCall) goja.Value {
		if thrown := transformControllerEnqueue(c, call.Argument(0)); thrown != nil {
			throw(thrown)
		}
		return nil
	})
	method(s, c, "error", 0, func(c *TransformStreamDefaultController, call goja.FunctionCall) goja.Value {
		transformStreamError(c.stream, call.Argument(0))
		return nil
	})
	method(s, c, "terminate", 0, func(c *TransformStreamDefaultController, call goja.FunctionCall) goja.Value {
		transformControllerTerminate(c)
		return nil
	})
}

// constructTransformStream is the TransformStream constructor (§6.2.4).
func (s *rt) constructTransformStream(this *goja.Object, transformer, writableStrategy, readableStrategy goja.Value) *TransformStream {
	var o *goja.Object
	if !isUndefined(transformer) {
		var ok bool
		if o, ok = transformer.(*goja.Object); !ok {
			throw(s.invalidArgType(`"transformer" argument`, "of type object", transformer))
		}
	}
	ws := s.convertStrategy(writableStrategy)
	rsSt := s.convertStrategy(readableStrategy)
	// 2. Convert the Transformer dictionary: cancel, flush, readableType, start, transform, writableType.
	cancel := s.callbackMember(o, "transformer", "cancel")
	flush := s.callbackMember(o, "transformer", "flush")
	readableType := member(o, "readableType")
	start := s.callbackMember(o, "transformer", "start")
	transform := s.callbackMember(o, "transformer", "transform")
	writableType := member(o, "writableType")
	// 3–4. No stream types are defined yet.
	if readableType != nil {
		throw(s.invalidArgValue("RangeError", "property 'transformer.readableType'", readableType))
	}
	if writableType != nil {
		throw(s.invalidArgValue("RangeError", "property 'transformer.writableType'", writableType))
	}
	// 5–8.
	readableHWM := s.extractHighWaterMark(rsSt, 0)
	readableSize := s.extractSizeAlgorithm(rsSt)
	writableHWM := s.extractHighWaterMark(ws, 1)
	writableSize := s.extractSizeAlgorithm(ws)
	// 9–11.
	ts := &TransformStream{rt: s, obj: this}
	startPromise := s.newPromise()
	initializeTransformStream(ts, startPromise, writableHWM, writableSize, readableHWM, readableSize)
	c := &TransformStreamDefaultController{rt: s}
	var this2 goja.Value = goja.Undefined()
	if o != nil {
		this2 = o
	}
	var transformAlg func(goja.Value) *goja.Object
	var flushAlg func() *goja.Object
	var cancelAlg func(goja.Value) *goja.Object
	if transform != nil {
		transformAlg = func(chunk goja.Value) *goja.Object { return s.promiseCall(transform, this2, chunk, c.object()) }
	}
	if flush != nil {
		flushAlg = func() *goja.Object { return s.promiseCall(flush, this2, c.object()) }
	}
	if cancel != nil {
		cancelAlg = func(reason goja.Value) *goja.Object { return s.promiseCall(cancel, this2, reason) }
	}
	setUpTransformController(ts, c, transformAlg, flushAlg, cancelAlg)
	// 12–13. Resolve startPromise with start's result (a throw propagates out of the constructor).
	if start != nil {
		v, thrown, ok := s.call(start, this2, c.object())
		if !ok {
			throw(thrown)
		}
		startPromise.resolve(v)
	} else {
		startPromise.resolve(goja.Undefined())
	}
	return ts
}

// initializeTransformStream is InitializeTransformStream (§6.4.1).
func initializeTransformStream(ts *TransformStream, startPromise *promise, writableHWM float64, writableSize sizeAlgorithm, readableHWM float64, readableSize sizeAlgorithm) {
	s := ts.rt
	start := func() goja.Value { return startPromise.obj }
	ts.writable = s.createWritableStream(start,
		func(chunk goja.Value) *goja.Object { return transformStreamDefaultSinkWriteAlgorithm(ts, chunk) },
		func() *goja.Object { return transformStreamDefaultSinkCloseAlgorithm(ts) },
		func(reason goja.Value) *goja.Object { return transformStreamDefaultSinkAbortAlgorithm(ts, reason) },
		writableHWM, writableSize)
	ts.readable = s.createReadableStream(start,
		func() *goja.Object { return transformStreamDefaultSourcePullAlgorithm(ts) },
		func(reason goja.Value) *goja.Object { return transformStreamDefaultSourceCancelAlgorithm(ts, reason) },
		readableHWM, readableSize)
	// [[backpressure]] starts undefined, so the first set always takes.
	ts.backpressure = false
	transformStreamSetBackpressure(ts, true)
}

func (ts *TransformStream) readableController() *ReadableStreamDefaultController {
	return ts.readable.controller.(*ReadableStreamDefaultController)
}

// transformStreamError is TransformStreamError (§6.4.1).
func transformStreamError(ts *TransformStream, e goja.Value) {
	defaultControllerError(ts.readableController(), e)
	transformStreamErrorWritableAndUnblockWrite(ts, e)
}

// transformStreamErrorWritableAndUnblockWrite is TransformStreamErrorWritableAndUnblockWrite (§6.4.1).
func transformStreamErrorWritableAndUnblockWrite(ts *TransformStream, e goja.Value) {
	transformControllerClearAlgorithms(ts.controller)
	writableControllerErrorIfNeeded(ts.writable.controller, e)
	transformStreamUnblockWrite(ts)
}

// transformStreamSetBackpressure is TransformStreamSetBackpressure (§6.4.1).
func transformStreamSetBackpressure(ts *TransformStream, backpressure bool) {
	if ts.backpressureChangePromise != nil {
		ts.backpressureChangePromise.resolve(goja.Undefined())
	}
	ts.backpressureChangePromise = ts.rt.newPromise()
	ts.backpressure = backpressure
}

// transformStreamUnblockWrite is TransformStreamUnblockWrite (§6.4.1).
func transformStreamUnblockWrite(ts *TransformStream) {
	if ts.backpressure {
		transformStreamSetBackpressure(ts, false)
	}
}

// setUpTransformController is SetUpTransformStreamDefaultController (§6.4.2). nil algorithms get the
// defaults: identity transform, no-op flush and cancel.
func setUpTransformController(ts *TransformStream, c *TransformStreamDefaultController, transform func(goja.Value) *goja.Object, flush func() *goja.Object, cancel func(goja.Value) *goja.Object) {
	s := ts.rt
	c.stream = ts
	ts.controller = c
	if transform == nil {
		transform = func(chunk goja.Value) *goja.Object {
			if thrown := transformControllerEnqueue(c, chunk); thrown != nil {
				return s.rejected(thrown)
			}
			return s.undefPromise
		}
	}
	c.transformAlgorithm, c.flushAlgorithm, c.cancelAlgorithm = transform, flush, cancel
}

// transformControllerClearAlgorithms is TransformStreamDefaultControllerClearAlgorithms (§6.4.2).
func transformControllerClearAlgorithms(c *TransformStreamDefaultController) {
	c.transformAlgorithm, c.flushAlgorithm, c.cancelAlgorithm = nil, nil, nil
}

// transformControllerEnqueue is TransformStreamDefaultControllerEnqueue (§6.4.2); it returns what to throw.
func transformControllerEnqueue(c *TransformStreamDefaultController, chunk goja.Value) goja.Value {
	ts := c.stream
	rc := ts.readableController()
	if !defaultControllerCanCloseOrEnqueue(rc) {
		return c.rt.invalidState("Unable to enqueue")
	}
	if thrown := defaultControllerEnqueue(rc, chunk); thrown != nil {
		transformStreamErrorWritableAndUnblockWrite(ts, thrown)
		return ts.readable.storedError
	}
	if bp := defaultControllerHasBackpressure(rc); bp != ts.backpressure {
		transformStreamSetBackpressure(ts, true)
	}
	return nil
}

// transformControllerPerformTransform is TransformStreamDefaultControllerPerformTransform (§6.4.2).
func transformControllerPerformTransform(c *TransformStreamDefaultController, chunk goja.Value) *goja.Object {
	s := c.rt
	var p *goja.Object
	if c.transformAlgorithm != nil {
		p = c.transformAlgorithm(chunk)
	} else {
		p = s.undefPromise
	}
	if c.onTransformFailed == nil {
		c.onTransformFailed = s.handler(func(r goja.Value) goja.Value {
			transformStreamError(c.stream, r)
			throw(r)
			return nil
		})
	}
	return s.attach(p, goja.Undefined(), c.onTransformFailed)
}

// transformControllerTerminate is TransformStreamDefaultControllerTerminate (§6.4.2).
func transformControllerTerminate(c *TransformStreamDefaultController) {
	ts := c.stream
	defaultControllerClose(ts.readableController())
	transformStreamErrorWritableAndUnblockWrite(ts, c.rt.invalidState("TransformStream has been terminated"))
}

// transformStreamDefaultSinkWriteAlgorithm is TransformStreamDefaultSinkWriteAlgorithm (§6.4.3).
func transformStreamDefaultSinkWriteAlgorithm(ts *TransformStream, chunk goja.Value) *goja.Object {
	c := ts.controller
	if ts.backpressure {
		return ts.rt.then(ts.backpressureChangePromise.obj, func(goja.Value) goja.Value {
			if ts.writable.state == writableErroring {
				throw(ts.writable.storedError)
			}
			return transformControllerPerformTransform(c, chunk)
		}, nil)
	}
	return transformControllerPerformTransform(c, chunk)
}

// transformStreamDefaultSinkAbortAlgorithm is TransformStreamDefaultSinkAbortAlgorithm (§6.4.3).
func transformStreamDefaultSinkAbortAlgorithm(ts *TransformStream, reason goja.Value) *goja.Object {
	s, c := ts.rt, ts.controller
	if c.finishPromise != nil {
		return c.finishPromise.obj
	}
	readable := ts.readable
	c.finishPromise = s.newPromise()
	cancelPromise := s.undefPromise
	if c.cancelAlgorithm != nil {
		cancelPromise = c.cancelAlgorithm(reason)
	}
	transformControllerClearAlgorithms(c)
	finish := c.finishPromise
	s.upon(cancelPromise, func(goja.Value) {
		if readable.state == readableErrored {
			finish.reject(readable.storedError)
		} else {
			defaultControllerError(ts.readableController(), reason)
			finish.resolve(goja.Undefined())
		}
	}, func(r goja.Value) {
		defaultControllerError(ts.readableController(), r)
		finish.reject(r)
	})
	return finish.obj
}

// transformStreamDefaultSinkCloseAlgorithm is TransformStreamDefaultSinkCloseAlgorithm (§6.4.3).
func transformStreamDefaultSinkCloseAlgorithm(ts *TransformStream) *goja.Object {
	s, c := ts.rt, ts.controller
	if c.finishPromise != nil {
		return c.finishPromise.obj
	}
	readable := ts.readable
	c.finishPromise = s.newPromise()
	flushPromise := s.undefPromise
	if c.flushAlgorithm != nil {
		flushPromise = c.flushAlgorithm()
	}
	transformControllerClearAlgorithms(c)
	finish := c.finishPromise
	s.upon(flushPromise, func(goja.Value) {
		if readable.state == readableErrored {
			finish.reject(readable.storedError)
		} else {
			defaultControllerClose(ts.readableController())
			finish.resolve(goja.Undefined())
		}
	}, func(r goja.Value) {
		defaultControllerError(ts.readableController(), r)
		finish.reject(r)
	})
	return finish.obj
}

// transformStreamDefaultSourcePullAlgorithm is TransformStreamDefaultSourcePullAlgorithm (§6.4.4).
func transformStreamDefaultSourcePullAlgorithm(ts *TransformStream) *goja.Object {
	transformStreamSetBackpressure(ts, false)
	return ts.backpressureChangePromise.obj
}

// transformStreamDefaultSourceCancelAlgorithm is TransformStreamDefaultSourceCancelAlgorithm (§6.4.4).
func transformStreamDefaultSourceCancelAlgorithm(ts *TransformStream, reason goja.Value) *goja.Object {
	s, c := ts.rt, ts.controller
	if c.finishPromise != nil {
		return c.finishPromise.obj
	}
	writable := ts.writable
	c.finishPromise = s.newPromise()
	cancelPromise := s.undefPromise
	if c.cancelAlgorithm != nil {
		cancelPromise = c.cancelAlgorithm(reason)
	}
	transformControllerClearAlgorithms(c)
	finish := c.finishPromise
	s.upon(cancelPromise, func(goja.Value) {
		if writable.state == writableErrored {
			finish.reject(writable.storedError)
		} else {
			writableControllerErrorIfNeeded(writable.controller, reason)
			transformStreamUnblockWrite(ts)
			finish.resolve(goja.Undefined())
		}
	}, func(r goja.Value) {
		writableControllerErrorIfNeeded(writable.controller, r)
		transformStreamUnblockWrite(ts)
		finish.reject(r)
	})
	return finish.obj
}

// NodeInspect is how Node.js shows a TransformStream: its two sides and whether it is applying
// backpressure (console.NodeInspected).
func (ts *TransformStream) NodeInspect() ([]string, []any) {
	return []string{"readable", "writable", "backpressure"}, []any{ts.readable.object(), ts.writable.object(), ts.backpressure}
}
