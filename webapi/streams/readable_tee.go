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
