package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// ReadableByteStreamController is the state of a ReadableByteStreamController (§4.7): a queue of byte
// ranges and the pull-into descriptors of pending BYOB (and auto-allocated default) reads.
type ReadableByteStreamController struct {
	rt     *rt
	obj    *goja.Object
	stream *ReadableStream

	queue      []byteChunk
	queueTotal int

	autoAllocateChunkSize int // 0: none
	byobRequest           *ReadableStreamBYOBRequest
	pendingPullIntos      []*pullIntoDescriptor

	started, closeRequested, pullAgain, pulling bool

	strategyHWM     float64
	pullAlgorithm   func() *goja.Object
	cancelAlgorithm func(reason goja.Value) *goja.Object

	onPulled, onPullFailed goja.Value // reactions to the pull promise, made once
}

// byteChunk is a readable byte stream queue entry (§4.7.2).
type byteChunk struct {
	buffer                 goja.ArrayBuffer
	byteOffset, byteLength int
}

// pullIntoDescriptor is a pull-into descriptor (§4.7.2).
type pullIntoDescriptor struct {
	buffer           goja.ArrayBuffer
	bufferByteLength int
	byteOffset       int
	byteLength       int
	bytesFilled      int
	minimumFill      int
	elementSize      int
	viewConstructor  *goja.Object
	readerType       string // "default", "byob" or "none"
}

// ReadableStreamBYOBRequest is the state of a ReadableStreamBYOBRequest (§4.8).
type ReadableStreamBYOBRequest struct {
	controller *ReadableByteStreamController // nil once invalidated
	view       *goja.Object                  // nil once invalidated
	obj        *goja.Object
}

// readIntoRequest is a read-into request (§4.5.2).
type readIntoRequest struct {
	chunkSteps func(chunk goja.Value)
	closeSteps func(chunk goja.Value)
	errorSteps func(e goja.Value)
}

// arrayBufferView is a converted ArrayBufferView: its buffer and the view's geometry.
type arrayBufferView struct {
	obj         *goja.Object
	buffer      goja.ArrayBuffer
	bufferObj   *goja.Object
	byteOffset  int
	byteLength  int
	elementSize int
	ctor        *goja.Object // the intrinsic constructor ([[TypedArrayName]] or %DataView%)
}

var elementSizes = map[string]int{
	"Int8Array": 1, "Uint8Array": 1, "Uint8ClampedArray": 1, "Int16Array": 2, "Uint16Array": 2,
	"Int32Array": 4, "Uint32Array": 4, "Float32Array": 4, "Float64Array": 8, "BigInt64Array": 8, "BigUint64Array": 8,
}

// arrayBufferView converts v to an ArrayBufferView; a view over a detached buffer has byteLength 0.
func (s *rt) arrayBufferView(v goja.Value) (arrayBufferView, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return arrayBufferView{}, false
	}
	if r, err := s.isView(goja.Undefined(), o); err != nil || !r.ToBoolean() {
		return arrayBufferView{}, false
	}
	view := arrayBufferView{obj: o, elementSize: 1, ctor: s.dataView}
	if tag, err := s.typedArrayTag(o); err == nil && !isUndefined(tag) {
		view.ctor = s.typedArrays[tag.String()]
		view.elementSize = elementSizes[tag.String()]
	}
	view.bufferObj, _ = o.Get("buffer").(*goja.Object)
	if view.bufferObj != nil {
		view.buffer, _ = view.bufferObj.Export().(goja.ArrayBuffer)
	}
	if !view.buffer.Detached() {
		s.try(func() { // DataView getters throw on a detached buffer
			view.byteOffset = int(o.Get("byteOffset").ToInteger())
			view.byteLength = int(o.Get("byteLength").ToInteger())
		})
	}
	return view, true
}

// transferArrayBuffer is TransferArrayBuffer: a new buffer takes the bytes and the old one is detached.
func (s *rt) transferArrayBuffer(ab goja.ArrayBuffer) (goja.ArrayBuffer, goja.Value) {
	if ab.Detached() {
		return goja.ArrayBuffer{}, s.invalidState("ArrayBuffer is detached")
	}
	b := ab.Bytes()
	ab.Detach()
	return s.vm.NewArrayBuffer(b), nil
}

// newView constructs ctor(buffer, byteOffset, length).
func (s *rt) newView(ctor *goja.Object, ab goja.ArrayBuffer, byteOffset, length int) *goja.Object {
	o, err := s.vm.New(ctor, s.vm.ToValue(ab), s.vm.ToValue(byteOffset), s.vm.ToValue(length))
	if err != nil {
		throw(exceptionValue(err))
	}
	return o
}

func (c *ReadableByteStreamController) object() *goja.Object {
	if c.obj == nil {
		c.obj = c.rt.byteController.Wrap(c)
	}
	return c.obj
}

func (s *rt) defineByteController() {
	vm := s.vm
	s.byteController = webidl.Define(s.realm, webidl.Spec[*ReadableByteStreamController]{Name: "ReadableByteStreamController"})
	c := s.byteController
	getter(s, c, "byobRequest", func(c *ReadableByteStreamController) goja.Value {
		if r := byteControllerGetBYOBRequest(c); r != nil {
			return r.obj
		}
		return goja.Null()
	})
	getter(s, c, "desiredSize", func(c *ReadableByteStreamController) goja.Value {
		d, ok := byteControllerGetDesiredSize(c)
		if !ok {
			return goja.Null()
		}
		return vm.ToValue(d)
	})
	method(s, c, "close", 0, func(c *ReadableByteStreamController, call goja.FunctionCall) goja.Value {
		if c.closeRequested || c.stream.state != readableReadable {
			throw(s.invalidState("ReadableStream is already closed"))
		}
		if thrown := byteControllerClose(c); thrown != nil {
			throw(thrown)
		}
		return nil
	})
	method(s, c, "enqueue", 1, func(c *ReadableByteStreamController, call goja.FunctionCall) goja.Value {
		chunk, ok := s.arrayBufferView(call.Argument(0))
		if !ok {
			throw(s.invalidArgType(`"chunk" argument`, "an instance of ArrayBufferView", call.Argument(0)))
		}
		if chunk.byteLength == 0 || chunk.buffer.Detached() || len(chunk.buffer.Bytes()) == 0 {
			throw(s.invalidState("chunk ArrayBuffer is zero-length or detached"))
		}
		if c.closeRequested || c.stream.state != readableReadable {
			throw(s.invalidState("ReadableStream is already closed"))
		}
		if thrown := byteControllerEnqueue(c, chunk); thrown != nil {
			throw(thrown)
		}
		return nil
	})
	method(s, c, "error", 0, func(c *ReadableByteStreamController, call goja.FunctionCall) goja.Value {
		byteControllerError(c, call.Argument(0))
		return nil
	})

	s.byobRequest = webidl.Define(s.realm, webidl.Spec[*ReadableStreamBYOBRequest]{Name: "ReadableStreamBYOBRequest"})
	b := s.byobRequest
	getter(s, b, "view", func(r *ReadableStreamBYOBRequest) goja.Value {
		if r.view == nil {
			return goja.Null()
		}
		return r.view
	})
	method(s, b, "respond", 1, func(r *ReadableStreamBYOBRequest, call goja.FunctionCall) goja.Value {
		f := call.Argument(0).ToFloat() // [EnforceRange] unsigned long long
		if f != f || f < 0 || f > 1<<53-1 {
			throw(s.invalidArgValue("TypeError", "argument 'bytesWritten'", call.Argument(0)))
		}
		if r.controller == nil {
			throw(s.invalidState("This BYOB request has been invalidated"))
		}
		if view, _ := s.arrayBufferView(r.view); view.buffer.Detached() {
			throw(s.invalidState("Viewed ArrayBuffer is detached"))
		}
		if thrown := byteControllerRespond(r.controller, int(f)); thrown != nil {
			throw(thrown)
		}
		return nil
	})
	method(s, b, "respondWithNewView", 1, func(r *ReadableStreamBYOBRequest, call goja.FunctionCall) goja.Value {
		view, ok := s.arrayBufferView(call.Argument(0))
		if !ok {
			throw(s.invalidArgType(`"view" argument`, "an instance of ArrayBufferView", call.Argument(0)))
		}
		if r.controller == nil {
			throw(s.invalidState("This BYOB request has been invalidated"))
		}
		if view.buffer.Detached() {
			throw(s.invalidState("Viewed ArrayBuffer is detached"))
		}
		if thrown := byteControllerRespondWithNewView(r.controller, view); thrown != nil {
			throw(thrown)
		}
		return nil
	})
}

// setUpByteControllerFromSource is SetUpReadableByteStreamControllerFromUnderlyingSource (§4.9.5).
func setUpByteControllerFromSource(rs *ReadableStream, d underlyingSource, hwm float64) {
	c := &ReadableByteStreamController{rt: rs.rt}
	start, pull, cancel := rs.rt.sourceAlgorithms(d, c.object)
	setUpByteController(rs, c, start, pull, cancel, hwm, int(d.autoAllocateChunkSize))
}

// setUpByteController is SetUpReadableByteStreamController.
func setUpByteController(rs *ReadableStream, c *ReadableByteStreamController, start func() goja.Value, pull func() *goja.Object, cancel func(goja.Value) *goja.Object, hwm float64, autoAllocateChunkSize int) {
	s := rs.rt
	c.stream = rs
	c.strategyHWM = hwm
	c.pullAlgorithm, c.cancelAlgorithm = pull, cancel
	c.autoAllocateChunkSize = autoAllocateChunkSize
	rs.controller = c
	var startResult goja.Value = goja.Undefined()
	if start != nil {
		startResult = start()
	}
	s.upon(s.resolved(startResult), func(goja.Value) {
		c.started = true
		byteControllerCallPullIfNeeded(c)
	}, func(r goja.Value) {
		byteControllerError(c, r)
	})
}

// createReadableByteStream is CreateReadableByteStream (§4.9.1).
func (s *rt) createReadableByteStream(pull func() *goja.Object, cancel func(goja.Value) *goja.Object) *ReadableStream {
	rs := &ReadableStream{rt: s}
	setUpByteController(rs, &ReadableByteStreamController{rt: s}, nil, pull, cancel, 0, 0)
	return rs
}

// cancelSteps is [[CancelSteps]] (§4.7.4).
func (c *ReadableByteStreamController) cancelSteps(reason goja.Value) *goja.Object {
	byteControllerClearPendingPullIntos(c)
	c.resetQueue()
	result := c.rt.undefPromise
	if c.cancelAlgorithm != nil {
		result = c.cancelAlgorithm(reason)
	}
	byteControllerClearAlgorithms(c)
	return result
}

// pullSteps is [[PullSteps]] (§4.7.4).
func (c *ReadableByteStreamController) pullSteps(req *readRequest) {
	s, rs := c.rt, c.stream
	if c.queueTotal > 0 {
		byteControllerFillReadRequestFromQueue(c, req)
		return
	}
	if n := c.autoAllocateChunkSize; n > 0 {
		ab := s.vm.NewArrayBuffer(make([]byte, n))
		c.pendingPullIntos = append(c.pendingPullIntos, &pullIntoDescriptor{
			buffer: ab, bufferByteLength: n, byteLength: n, minimumFill: 1, elementSize: 1,
			viewConstructor: s.typedArrays["Uint8Array"], readerType: "default",
		})
	}
	readableStreamAddReadRequest(rs, req)
	byteControllerCallPullIfNeeded(c)
}

// releaseSteps is [[ReleaseSteps]] (§4.7.4): a pending pull-into outlives the reader as "none".
func (c *ReadableByteStreamController) releaseSteps() {
	if len(c.pendingPullIntos) > 0 {
		first := c.pendingPullIntos[0]
		first.readerType = "none"
		c.pendingPullIntos = []*pullIntoDescriptor{first}
	}
}

func (c *ReadableByteStreamController) resetQueue() {
	c.queue, c.queueTotal = nil, 0
}

// byteControllerCallPullIfNeeded is ReadableByteStreamControllerCallPullIfNeeded.
func byteControllerCallPullIfNeeded(c *ReadableByteStreamController) {
	if !byteControllerShouldCallPull(c) {
		return
	}
	if c.pulling {
		c.pullAgain = true
		return
	}
	c.pulling = true
	pullPromise := c.rt.undefPromise
	if c.pullAlgorithm != nil {
		pullPromise = c.pullAlgorithm()
	}
	if c.onPulled == nil {
		c.onPulled = c.rt.handler(func(goja.Value) goja.Value {
			c.pulling = false
			if c.pullAgain {
				c.pullAgain = false
				byteControllerCallPullIfNeeded(c)
			}
			return nil
		})
		c.onPullFailed = c.rt.handler(func(e goja.Value) goja.Value {
			byteControllerError(c, e)
			return nil
		})
	}
	c.rt.attach(pullPromise, c.onPulled, c.onPullFailed)
}

// byteControllerShouldCallPull is ReadableByteStreamControllerShouldCallPull.
func byteControllerShouldCallPull(c *ReadableByteStreamController) bool {
	rs := c.stream
	if rs.state != readableReadable || c.closeRequested || !c.started {
		return false
	}
	if readableStreamHasDefaultReader(rs) && readableStreamGetNumReadRequests(rs) > 0 {
		return true
	}
	if r, ok := rs.reader.(*ReadableStreamBYOBReader); ok && len(r.readIntoRequests) > 0 {
		return true
	}
	d, _ := byteControllerGetDesiredSize(c)
	return d > 0
}

// byteControllerClearAlgorithms is ReadableByteStreamControllerClearAlgorithms.
func byteControllerClearAlgorithms(c *ReadableByteStreamController) {
	c.pullAlgorithm, c.cancelAlgorithm = nil, nil
}

// byteControllerClearPendingPullIntos is ReadableByteStreamControllerClearPendingPullIntos.
func byteControllerClearPendingPullIntos(c *ReadableByteStreamController) {
	byteControllerInvalidateBYOBRequest(c)
	c.pendingPullIntos = nil
}

// byteControllerClose is ReadableByteStreamControllerClose; it returns what to throw.
func byteControllerClose(c *ReadableByteStreamController) goja.Value {
	rs := c.stream
	if c.closeRequested || rs.state != readableReadable {
		return nil
	}
	if c.queueTotal > 0 {
		c.closeRequested = true
		return nil
	}
	if len(c.pendingPullIntos) > 0 {
		first := c.pendingPullIntos[0]
		if first.bytesFilled%first.elementSize != 0 {
			e := c.rt.invalidState("Partial read")
			byteControllerError(c, e)
			return e
		}
	}
	byteControllerClearAlgorithms(c)
	readableStreamClose(rs)
	return nil
}

// byteControllerCommitPullIntoDescriptor is ReadableByteStreamControllerCommitPullIntoDescriptor.
func byteControllerCommitPullIntoDescriptor(rs *ReadableStream, d *pullIntoDescriptor) {
	done := rs.state == readableClosed
	filledView := byteControllerConvertPullIntoDescriptor(rs.rt, d)
	if d.readerType == "default" {
		readableStreamFulfillReadRequest(rs, filledView, done)
	} else {
		readableStreamFulfillReadIntoRequest(rs, filledView, done)
	}
}

// byteControllerConvertPullIntoDescriptor is ReadableByteStreamControllerConvertPullIntoDescriptor.
func byteControllerConvertPullIntoDescriptor(s *rt, d *pullIntoDescriptor) *goja.Object {
	buffer, _ := s.transferArrayBuffer(d.buffer)
	return s.newView(d.viewConstructor, buffer, d.byteOffset, d.bytesFilled/d.elementSize)
}

// byteControllerEnqueue is ReadableByteStreamControllerEnqueue; it returns what to throw.
func byteControllerEnqueue(c *ReadableByteStreamController, chunk arrayBufferView) goja.Value {
	s, rs := c.rt, c.stream
	if c.closeRequested || rs.state != readableReadable {
		return nil
	}
	// 3–5. Take the chunk's buffer.
	if chunk.buffer.Detached() {
		return s.invalidState("chunk ArrayBuffer is zero-length or detached")
	}
	transferred, thrown := s.transferArrayBuffer(chunk.buffer)
	if thrown != nil {
		return thrown
	}
	return byteControllerEnqueueBuffer(c, transferred, chunk.byteOffset, chunk.byteLength)
}

// byteControllerEnqueueBuffer is ReadableByteStreamControllerEnqueue from step 6, for a buffer that is
// already the stream's (transferred, or made by a Go source).
func byteControllerEnqueueBuffer(c *ReadableByteStreamController, transferred goja.ArrayBuffer, byteOffset, byteLength int) goja.Value {
	s, rs := c.rt, c.stream
	if c.closeRequested || rs.state != readableReadable {
		return nil
	}
	// 6. The first pending pull-into gets a fresh buffer; one left by a released reader is queued.
	if len(c.pendingPullIntos) > 0 {
		first := c.pendingPullIntos[0]
		if first.buffer.Detached() {
			return s.invalidState("The BYOB request's buffer has been detached")
		}
		byteControllerInvalidateBYOBRequest(c)
		first.buffer, _ = s.transferArrayBuffer(first.buffer)
		if first.readerType == "none" {
			if thrown := byteControllerEnqueueDetachedPullIntoToQueue(c, first); thrown != nil {
				return thrown
			}
		}
	}
	switch {
	case readableStreamHasDefaultReader(rs):
		byteControllerProcessReadRequestsUsingQueue(c)
		if readableStreamGetNumReadRequests(rs) == 0 {
			c.enqueueChunkToQueue(transferred, byteOffset, byteLength)
		} else {
			if len(c.pendingPullIntos) > 0 {
				byteControllerShiftPendingPullInto(c)
			}
			view := s.newView(s.typedArrays["Uint8Array"], transferred, byteOffset, byteLength)
			readableStreamFulfillReadRequest(rs, view, false)
		}
	case readableStreamHasBYOBReader(rs):
		c.enqueueChunkToQueue(transferred, byteOffset, byteLength)
		for _, d := range byteControllerProcessPullIntoDescriptorsUsingQueue(c) {
			byteControllerCommitPullIntoDescriptor(rs, d)
		}
	default:
		c.enqueueChunkToQueue(transferred, byteOffset, byteLength)
	}
	byteControllerCallPullIfNeeded(c)
	return nil
}

// enqueueChunkToQueue is ReadableByteStreamControllerEnqueueChunkToQueue.
func (c *ReadableByteStreamController) enqueueChunkToQueue(buffer goja.ArrayBuffer, byteOffset, byteLength int) {
	c.queue = append(c.queue, byteChunk{buffer: buffer, byteOffset: byteOffset, byteLength: byteLength})
	c.queueTotal += byteLength
}

// byteControllerEnqueueClonedChunkToQueue is ReadableByteStreamControllerEnqueueClonedChunkToQueue.
func byteControllerEnqueueClonedChunkToQueue(c *ReadableByteStreamController, buffer goja.ArrayBuffer, byteOffset, byteLength int) goja.Value {
	if buffer.Detached() {
		e := c.rt.invalidState("ArrayBuffer is detached")
		byteControllerError(c, e)
		return e
	}
	clone := append([]byte(nil), buffer.Bytes()[byteOffset:byteOffset+byteLength]...)
	c.enqueueChunkToQueue(c.rt.vm.NewArrayBuffer(clone), 0, byteLength)
	return nil
}

// byteControllerEnqueueDetachedPullIntoToQueue is ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue.
func byteControllerEnqueueDetachedPullIntoToQueue(c *ReadableByteStreamController, d *pullIntoDescriptor) goja.Value {
	if d.bytesFilled > 0 {
		if thrown := byteControllerEnqueueClonedChunkToQueue(c, d.buffer, d.byteOffset, d.bytesFilled); thrown != nil {
			return thrown
		}
	}
	byteControllerShiftPendingPullInto(c)
	return nil
}

// byteControllerError is ReadableByteStreamControllerError.
func byteControllerError(c *ReadableByteStreamController, e goja.Value) {
	if c.stream.state != readableReadable {
		return
	}
	byteControllerClearPendingPullIntos(c)
	c.resetQueue()
	byteControllerClearAlgorithms(c)
	readableStreamError(c.stream, e)
}

// byteControllerFillPullIntoDescriptorFromQueue is ReadableByteStreamControllerFillPullIntoDescriptorFromQueue.
func byteControllerFillPullIntoDescriptorFromQueue(c *ReadableByteStreamController, d *pullIntoDescriptor) bool {
	maxBytesToCopy := min(c.queueTotal, d.byteLength-d.bytesFilled)
	maxBytesFilled := d.bytesFilled + maxBytesToCopy
	totalBytesToCopyRemaining := maxBytesToCopy
	ready := false
	maxAlignedBytes := maxBytesFilled - maxBytesFilled%d.elementSize
	if maxAlignedBytes >= d.minimumFill {
		totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled
		ready = true
	}
	dst := d.buffer.Bytes()
	for totalBytesToCopyRemaining > 0 {
		head := &c.queue[0]
		bytesToCopy := min(totalBytesToCopyRemaining, head.byteLength)
		destStart := d.byteOffset + d.bytesFilled
		copy(dst[destStart:destStart+bytesToCopy], head.buffer.Bytes()[head.byteOffset:head.byteOffset+bytesToCopy])
		if head.byteLength == bytesToCopy {
			c.queue[0] = byteChunk{}
			c.queue = c.queue[1:]
		} else {
			head.byteOffset += bytesToCopy
			head.byteLength -= bytesToCopy
		}
		c.queueTotal -= bytesToCopy
		d.bytesFilled += bytesToCopy // ReadableByteStreamControllerFillHeadPullIntoDescriptor
		totalBytesToCopyRemaining -= bytesToCopy
	}
	return ready
}

// byteControllerFillReadRequestFromQueue is ReadableByteStreamControllerFillReadRequestFromQueue.
func byteControllerFillReadRequestFromQueue(c *ReadableByteStreamController, req *readRequest) {
	entry := c.queue[0]
	c.queue[0] = byteChunk{}
	c.queue = c.queue[1:]
	c.queueTotal -= entry.byteLength
	byteControllerHandleQueueDrain(c)
	view := c.rt.newView(c.rt.typedArrays["Uint8Array"], entry.buffer, entry.byteOffset, entry.byteLength)
	req.chunkSteps(view)
}

// byteControllerGetBYOBRequest is ReadableByteStreamControllerGetBYOBRequest.
func byteControllerGetBYOBRequest(c *ReadableByteStreamController) *ReadableStreamBYOBRequest {
	if c.byobRequest == nil && len(c.pendingPullIntos) > 0 {
		d := c.pendingPullIntos[0]
		s := c.rt
		view := s.newView(s.typedArrays["Uint8Array"], d.buffer, d.byteOffset+d.bytesFilled, d.byteLength-d.bytesFilled)
		r := &ReadableStreamBYOBRequest{controller: c, view: view}
		r.obj = s.byobRequest.Wrap(r)
		c.byobRequest = r
	}
	return c.byobRequest
}

// byteControllerGetDesiredSize is ReadableByteStreamControllerGetDesiredSize; ok is false for null.
func byteControllerGetDesiredSize(c *ReadableByteStreamController) (float64, bool) {
	switch c.stream.state {
	case readableErrored:
		return 0, false
	case readableClosed:
		return 0, true
	}
	return c.strategyHWM - float64(c.queueTotal), true
}

// byteControllerHandleQueueDrain is ReadableByteStreamControllerHandleQueueDrain.
func byteControllerHandleQueueDrain(c *ReadableByteStreamController) {
	if c.queueTotal == 0 && c.closeRequested {
		byteControllerClearAlgorithms(c)
		readableStreamClose(c.stream)
	} else {
		byteControllerCallPullIfNeeded(c)
	}
}

// byteControllerInvalidateBYOBRequest is ReadableByteStreamControllerInvalidateBYOBRequest.
func byteControllerInvalidateBYOBRequest(c *ReadableByteStreamController) {
	if c.byobRequest == nil {
		return
	}
	c.byobRequest.controller = nil
	c.byobRequest.view = nil
	c.byobRequest = nil
}

// byteControllerProcessPullIntoDescriptorsUsingQueue is
// ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue: it returns the filled descriptors.
func byteControllerProcessPullIntoDescriptorsUsingQueue(c *ReadableByteStreamController) []*pullIntoDescriptor {
	var filled []*pullIntoDescriptor
	for len(c.pendingPullIntos) > 0 && c.queueTotal > 0 {
		d := c.pendingPullIntos[0]
		if byteControllerFillPullIntoDescriptorFromQueue(c, d) {
			byteControllerShiftPendingPullInto(c)
			filled = append(filled, d)
		}
	}
	return filled
}

// byteControllerProcessReadRequestsUsingQueue is ReadableByteStreamControllerProcessReadRequestsUsingQueue.
func byteControllerProcessReadRequestsUsingQueue(c *ReadableByteStreamController) {
	r := c.stream.reader.(*ReadableStreamDefaultReader)
	for len(r.readRequests) > 0 && c.queueTotal > 0 {
		req := r.readRequests[0]
		r.readRequests[0] = nil
		r.readRequests = r.readRequests[1:]
		byteControllerFillReadRequestFromQueue(c, req)
	}
}

// byteControllerPullInto is ReadableByteStreamControllerPullInto.
func byteControllerPullInto(c *ReadableByteStreamController, view arrayBufferView, min int, req *readIntoRequest) {
	s, rs := c.rt, c.stream
	// 2–8.
	minimumFill := min * view.elementSize
	// 9–11. Take the view's buffer.
	buffer, thrown := s.transferArrayBuffer(view.buffer)
	if thrown != nil {
		req.errorSteps(thrown)
		return
	}
	d := &pullIntoDescriptor{
		buffer: buffer, bufferByteLength: len(buffer.Bytes()), byteOffset: view.byteOffset, byteLength: view.byteLength,
		minimumFill: minimumFill, elementSize: view.elementSize, viewConstructor: view.ctor, readerType: "byob",
	}
	// 13.
	if len(c.pendingPullIntos) > 0 {
		c.pendingPullIntos = append(c.pendingPullIntos, d)
		readableStreamAddReadIntoRequest(rs, req)
		return
	}
	// 14.
	if rs.state == readableClosed {
		req.closeSteps(s.newView(view.ctor, buffer, d.byteOffset, 0))
		return
	}
	// 15.
	if c.queueTotal > 0 {
		if byteControllerFillPullIntoDescriptorFromQueue(c, d) {
			filledView := byteControllerConvertPullIntoDescriptor(s, d)
			byteControllerHandleQueueDrain(c)
			req.chunkSteps(filledView)
			return
		}
		if c.closeRequested {
			e := s.invalidState("Partial read")
			byteControllerError(c, e)
			req.errorSteps(e)
			return
		}
	}
	// 16–18.
	c.pendingPullIntos = append(c.pendingPullIntos, d)
	readableStreamAddReadIntoRequest(rs, req)
	byteControllerCallPullIfNeeded(c)
}

// byteControllerRespond is ReadableByteStreamControllerRespond; it returns what to throw.
func byteControllerRespond(c *ReadableByteStreamController, bytesWritten int) goja.Value {
	s := c.rt
	first := c.pendingPullIntos[0]
	if c.stream.state == readableClosed {
		if bytesWritten != 0 {
			return s.invalidArgValue("TypeError", "argument 'bytesWritten'", s.vm.ToValue(bytesWritten))
		}
	} else {
		if bytesWritten == 0 {
			return s.invalidArgValue("TypeError", "argument 'bytesWritten'", s.vm.ToValue(bytesWritten))
		}
		if first.bytesFilled+bytesWritten > first.byteLength {
			return s.invalidArgValue("RangeError", "argument 'bytesWritten'", s.vm.ToValue(bytesWritten))
		}
	}
	first.buffer, _ = s.transferArrayBuffer(first.buffer)
	byteControllerRespondInternal(c, bytesWritten)
	return nil
}

// byteControllerRespondInClosedState is ReadableByteStreamControllerRespondInClosedState.
func byteControllerRespondInClosedState(c *ReadableByteStreamController, first *pullIntoDescriptor) {
	if first.readerType == "none" {
		byteControllerShiftPendingPullInto(c)
	}
	rs := c.stream
	if r, ok := rs.reader.(*ReadableStreamBYOBReader); ok {
		var filled []*pullIntoDescriptor
		for len(filled) < len(r.readIntoRequests) {
			filled = append(filled, byteControllerShiftPendingPullInto(c))
		}
		for _, d := range filled {
			byteControllerCommitPullIntoDescriptor(rs, d)
		}
	}
}

// byteControllerRespondInReadableState is ReadableByteStreamControllerRespondInReadableState.
func byteControllerRespondInReadableState(c *ReadableByteStreamController, bytesWritten int, d *pullIntoDescriptor) {
	d.bytesFilled += bytesWritten
	if d.readerType == "none" {
		byteControllerEnqueueDetachedPullIntoToQueue(c, d)
		for _, f := range byteControllerProcessPullIntoDescriptorsUsingQueue(c) {
			byteControllerCommitPullIntoDescriptor(c.stream, f)
		}
		return
	}
	if d.bytesFilled < d.minimumFill {
		return
	}
	byteControllerShiftPendingPullInto(c)
	if remainder := d.bytesFilled % d.elementSize; remainder > 0 {
		end := d.byteOffset + d.bytesFilled
		byteControllerEnqueueClonedChunkToQueue(c, d.buffer, end-remainder, remainder)
		d.bytesFilled -= remainder
	}
	filled := byteControllerProcessPullIntoDescriptorsUsingQueue(c)
	byteControllerCommitPullIntoDescriptor(c.stream, d)
	for _, f := range filled {
		byteControllerCommitPullIntoDescriptor(c.stream, f)
	}
}

// byteControllerRespondInternal is ReadableByteStreamControllerRespondInternal.
func byteControllerRespondInternal(c *ReadableByteStreamController, bytesWritten int) {
	first := c.pendingPullIntos[0]
	byteControllerInvalidateBYOBRequest(c)
	if c.stream.state == readableClosed {
		byteControllerRespondInClosedState(c, first)
	} else {
		byteControllerRespondInReadableState(c, bytesWritten, first)
	}
	byteControllerCallPullIfNeeded(c)
}

// byteControllerRespondWithNewView is ReadableByteStreamControllerRespondWithNewView.
func byteControllerRespondWithNewView(c *ReadableByteStreamController, view arrayBufferView) goja.Value {
	s := c.rt
	first := c.pendingPullIntos[0]
	if c.stream.state == readableClosed {
		if view.byteLength != 0 {
			return s.invalidArgValue("TypeError", "argument 'view'", view.obj)
		}
	} else if view.byteLength == 0 {
		return s.invalidArgValue("TypeError", "argument 'view'", view.obj)
	}
	if first.byteOffset+first.bytesFilled != view.byteOffset ||
		first.bufferByteLength != len(view.buffer.Bytes()) ||
		first.bytesFilled+view.byteLength > first.byteLength {
		return s.invalidArgValue("RangeError", "argument 'view'", view.obj)
	}
	buffer, thrown := s.transferArrayBuffer(view.buffer)
	if thrown != nil {
		return thrown
	}
	first.buffer = buffer
	byteControllerRespondInternal(c, view.byteLength)
	return nil
}

// byteControllerShiftPendingPullInto is ReadableByteStreamControllerShiftPendingPullInto.
func byteControllerShiftPendingPullInto(c *ReadableByteStreamController) *pullIntoDescriptor {
	d := c.pendingPullIntos[0]
	c.pendingPullIntos[0] = nil
	c.pendingPullIntos = c.pendingPullIntos[1:]
	return d
}

// readableStreamAddReadIntoRequest is ReadableStreamAddReadIntoRequest (§4.9.2).
func readableStreamAddReadIntoRequest(rs *ReadableStream, req *readIntoRequest) {
	r := rs.reader.(*ReadableStreamBYOBReader)
	r.readIntoRequests = append(r.readIntoRequests, req)
}

// readableStreamFulfillReadIntoRequest is ReadableStreamFulfillReadIntoRequest (§4.9.2).
func readableStreamFulfillReadIntoRequest(rs *ReadableStream, chunk goja.Value, done bool) {
	r := rs.reader.(*ReadableStreamBYOBReader)
	req := r.readIntoRequests[0]
	r.readIntoRequests[0] = nil
	r.readIntoRequests = r.readIntoRequests[1:]
	if done {
		req.closeSteps(chunk)
	} else {
		req.chunkSteps(chunk)
	}
}
