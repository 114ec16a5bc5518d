package streams

import (
	"github.com/dop251/goja"
)

// readableStreamTee is ReadableStreamTee (§4.9.1).
func readableStreamTee(rs *ReadableStream, cloneForBranch2 bool) (*ReadableStream, *ReadableStream) {
	if _, ok := rs.controller.(*ReadableByteStreamController); ok {
		return readableByteStreamTee(rs)
	}
	return readableStreamDefaultTee(rs, cloneForBranch2)
}

// queueMicrotask runs fn in a microtask (a reaction to a settled promise).
func (s *rt) queueMicrotask(fn func()) {
	s.upon(s.undefPromise, func(goja.Value) { fn() }, nil)
}

// readableStreamDefaultTee is ReadableStreamDefaultTee (§4.9.1). Chunks are shared, not cloned:
// structured cloning is not available to route handlers (cloneForBranch2 is always false here).
func readableStreamDefaultTee(rs *ReadableStream, _ bool) (*ReadableStream, *ReadableStream) {
	s := rs.rt
	// 1–2. Lock the stream.
	reader := acquireDefaultReader(rs)
	var (
		reading, readAgain   bool
		canceled1, canceled2 bool
		reason1, reason2     goja.Value
		branch1, branch2     *ReadableStream
		cancelPromise        = s.newPromise()
		pullAlgorithm        func() *goja.Object
		branchController     = func(b *ReadableStream) *ReadableStreamDefaultController {
			return b.controller.(*ReadableStreamDefaultController)
		}
	)
	// 13. pullAlgorithm
	pullAlgorithm = func() *goja.Object {
		if reading {
			readAgain = true
			return s.undefPromise
		}
		reading = true
		defaultReaderRead(reader, &readRequest{
			chunkSteps: func(chunk goja.Value) {
				// Delay a microtask so that an error of the source, noticed through reader.closed,
				// errors both branches before a synchronously available chunk gets ahead of it.
				s.queueMicrotask(func() {
					readAgain = false
					if !canceled1 {
						defaultControllerEnqueue(branchController(branch1), chunk)
					}
					if !canceled2 {
						defaultControllerEnqueue(branchController(branch2), chunk)
					}
					reading = false
					if readAgain {
						pullAlgorithm()
					}
				})
			},
			closeSteps: func() {
				reading = false
				if !canceled1 {
					defaultControllerClose(branchController(branch1))
				}
				if !canceled2 {
					defaultControllerClose(branchController(branch2))
				}
				if !canceled1 || !canceled2 {
					cancelPromise.resolve(goja.Undefined())
				}
			},
			errorSteps: func(goja.Value) { reading = false },
		})
		return s.undefPromise
	}
	// 14–15. Cancelling both branches cancels the source with both reasons.
	cancelBoth := func() {
		composite := s.vm.NewArray(reason1, reason2)
		cancelPromise.resolve(readableStreamCancel(rs, composite))
	}
	cancel1 := func(reason goja.Value) *goja.Object {
		canceled1, reason1 = true, reason
		if canceled2 {
			cancelBoth()
		}
		return cancelPromise.obj
	}
	cancel2 := func(reason goja.Value) *goja.Object {
		canceled2, reason2 = true, reason
		if canceled1 {
			cancelBoth()
		}
		return cancelPromise.obj
	}
	// 17–18.
	branch1 = s.createReadableStream(nil, pullAlgorithm, cancel1, 1, nil)
	branch2 = s.createReadableStream(nil, pullAlgorithm, cancel2, 1, nil)
	// 19. An error of the source errors both branches.
	s.upon(reader.closed.obj, nil, func(r goja.Value) {
		defaultControllerError(branchController(branch1), r)
		defaultControllerError(branchController(branch2), r)
		if !canceled1 || !canceled2 {
			cancelPromise.resolve(goja.Undefined())
		}
	})
	return branch1, branch2
}

// cloneAsUint8Array is CloneAsUint8Array (§8.3): a Uint8Array over a copy of the view's bytes.
func (s *rt) cloneAsUint8Array(chunk goja.Value) (goja.Value, goja.Value) {
	view, ok := s.arrayBufferView(chunk)
	if !ok || view.buffer.Detached() {
		return nil, s.invalidState("ArrayBuffer is detached")
	}
	b := view.buffer.Bytes()[view.byteOffset : view.byteOffset+view.byteLength]
	return s.newUint8Array(append([]byte(nil), b...)), nil
}

// readableByteStreamTee is ReadableByteStreamTee (§4.9.1): the branches are byte streams; a BYOB read of
// one branch reads into its view, and the other branch gets a copy.
func readableByteStreamTee(rs *ReadableStream) (*ReadableStream, *ReadableStream) {
	s := rs.rt
	var reader streamReader = acquireDefaultReader(rs)
	var (
		reading, readAgainForBranch1, readAgainForBranch2 bool
		canceled1, canceled2                              bool
		reason1, reason2                                  goja.Value
		branch1, branch2                                  *ReadableStream
		cancelPromise                                     = s.newPromise()
		pull1, pull2                                      func() *goja.Object
	)
	ctl := func(b *ReadableStream) *ReadableByteStreamController {
		return b.controller.(*ReadableByteStreamController)
	}
	forwardReaderError := func(thisReader streamReader) {
		s.upon(thisReader.generic().closed.obj, nil, func(r goja.Value) {
			if thisReader != reader {
				return
			}
			byteControllerError(ctl(branch1), r)
			byteControllerError(ctl(branch2), r)
			if !canceled1 || !canceled2 {
				cancelPromise.resolve(goja.Undefined())
			}
		})
	}
	errorBoth := func(e goja.Value) {
		byteControllerError(ctl(branch1), e)
		byteControllerError(ctl(branch2), e)
		cancelPromise.resolve(readableStreamCancel(rs, e))
	}
	readAgain := func() {
		if readAgainForBranch1 {
			pull1()
		} else if readAgainForBranch2 {
			pull2()
		}
	}
	pullWithDefaultReader := func() {
		if br, ok := reader.(*ReadableStreamBYOBReader); ok {
			byobReaderRelease(br)
			reader = acquireDefaultReader(rs)
			forwardReaderError(reader)
		}
		defaultReaderRead(reader.(*ReadableStreamDefaultReader), &readRequest{
			chunkSteps: func(chunk goja.Value) {
				s.queueMicrotask(func() {
					readAgainForBranch1, readAgainForBranch2 = false, false
					chunk1, chunk2 := chunk, chunk
					if !canceled1 && !canceled2 {
						clone, thrown := s.cloneAsUint8Array(chunk)
						if thrown != nil {
							errorBoth(thrown)
							return
						}
						chunk2 = clone
					}
					if !canceled1 {
						v, _ := s.arrayBufferView(chunk1)
						byteControllerEnqueue(ctl(branch1), v)
					}
					if !canceled2 {
						v, _ := s.arrayBufferView(chunk2)
						byteControllerEnqueue(ctl(branch2), v)
					}
					reading = false
					readAgain()
				})
			},
			closeSteps: func() {
				reading = false
				if !canceled1 {
					byteControllerClose(ctl(branch1))
				}
				if !canceled2 {
					byteControllerClose(ctl(branch2))
				}
				if len(ctl(branch1).pendingPullIntos) > 0 {
					byteControllerRespond(ctl(branch1), 0)
				}
				if len(ctl(branch2).pendingPullIntos) > 0 {
					byteControllerRespond(ctl(branch2), 0)
				}
				if !canceled1 || !canceled2 {
					cancelPromise.resolve(goja.Undefined())
				}
			},
			errorSteps: func(goja.Value) { reading = false },
		})
	}
	pullWithBYOBReader := func(view *goja.Object, forBranch2 bool) {
		if dr, ok := reader.(*ReadableStreamDefaultReader); ok {
			defaultReaderRelease(dr)
			reader = acquireBYOBReader(rs)
			forwardReaderError(reader)
		}
		byobBranch, otherBranch := branch1, branch2
		if forBranch2 {
			byobBranch, otherBranch = branch2, branch1
		}
		canceled := func() (byobCanceled, otherCanceled bool) {
			if forBranch2 {
				return canceled2, canceled1
			}
			return canceled1, canceled2
		}
		v, _ := s.arrayBufferView(view)
		byobReaderRead(reader.(*ReadableStreamBYOBReader), v, 1, &readIntoRequest{
			chunkSteps: func(chunk goja.Value) {
				s.queueMicrotask(func() {
					readAgainForBranch1, readAgainForBranch2 = false, false
					byobCanceled, otherCanceled := canceled()
					cv, _ := s.arrayBufferView(chunk)
					if !otherCanceled {
						clone, thrown := s.cloneAsUint8Array(chunk)
						if thrown != nil {
							errorBoth(thrown)
							return
						}
						if !byobCanceled {
							byteControllerRespondWithNewView(ctl(byobBranch), cv)
						}
						clv, _ := s.arrayBufferView(clone)
						byteControllerEnqueue(ctl(otherBranch), clv)
					} else if !byobCanceled {
						byteControllerRespondWithNewView(ctl(byobBranch), cv)
					}
					reading = false
					readAgain()
				})
			},
			closeSteps: func(chunk goja.Value) {
				reading = false
				byobCanceled, otherCanceled := canceled()
				if !byobCanceled {
					byteControllerClose(ctl(byobBranch))
				}
				if !otherCanceled {
					byteControllerClose(ctl(otherBranch))
				}
				if !isUndefined(chunk) {
					if !byobCanceled {
						cv, _ := s.arrayBufferView(chunk)
						byteControllerRespondWithNewView(ctl(byobBranch), cv)
					}
					if !otherCanceled && len(ctl(otherBranch).pendingPullIntos) > 0 {
						byteControllerRespond(ctl(otherBranch), 0)
					}
				}
				if !byobCanceled || !otherCanceled {
					cancelPromise.resolve(goja.Undefined())
				}
			},
			errorSteps: func(goja.Value) { reading = false },
		})
	}
	pull := func(forBranch2 bool) *goja.Object {
		if reading {
			if forBranch2 {
				readAgainForBranch2 = true
			} else {
				readAgainForBranch1 = true
			}
			return s.undefPromise
		}
		reading = true
		branch := branch1
		if forBranch2 {
			branch = branch2
		}
		if req := byteControllerGetBYOBRequest(ctl(branch)); req == nil {
			pullWithDefaultReader()
		} else {
			pullWithBYOBReader(req.view, forBranch2)
		}
		return s.undefPromise
	}
	pull1 = func() *goja.Object { return pull(false) }
	pull2 = func() *goja.Object { return pull(true) }
	cancelBoth := func() {
		cancelPromise.resolve(readableStreamCancel(rs, s.vm.NewArray(reason1, reason2)))
	}
	cancel1 := func(reason goja.Value) *goja.Object {
		canceled1, reason1 = true, reason
		if canceled2 {
			cancelBoth()
		}
		return cancelPromise.obj
	}
	cancel2 := func(reason goja.Value) *goja.Object {
		canceled2, reason2 = true, reason
		if canceled1 {
			cancelBoth()
		}
		return cancelPromise.obj
	}
	branch1 = s.createReadableByteStream(pull1, cancel1)
	branch2 = s.createReadableByteStream(pull2, cancel2)
	forwardReaderError(reader)
	return branch1, branch2
}
