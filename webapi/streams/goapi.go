package streams

import (
	"errors"
	"io"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// This file is the Go-facing API used by the engine (writing a Response body to the wire) and by the
// fetch package (request and response bodies, the Body mixin, Response.clone). Every function and
// method must be called on the realm's loop; callbacks also run on the loop. Each entry point runs its
// steps inside one call into goja (rt.run), so it is safe from loop tasks and from JS alike.

// Error is a JS value a stream failed with, seen from Go. Error() is the JS String(value), e.g.
// "TypeError: Received non-Uint8Array chunk".
type Error struct {
	Value goja.Value
}

func (e *Error) Error() string {
	if e.Value == nil {
		return "undefined"
	}
	return e.Value.String()
}

// Unwrap returns the stream behind v when v is a ReadableStream of this realm.
func Unwrap(r *webapi.Realm, v goja.Value) (*ReadableStream, bool) {
	return state(r).readableStream.Unwrap(v)
}

// Object returns the JS ReadableStream object.
func (rs *ReadableStream) Object() *goja.Object { return rs.object() }

// Locked reports IsReadableStreamLocked (§4.9.1).
func (rs *ReadableStream) Locked() bool { return rs.locked() }

// Disturbed reports IsReadableStreamDisturbed: whether the stream was ever read or cancelled.
func (rs *ReadableStream) Disturbed() bool { return rs.disturbed }

// Cancel cancels an unlocked stream (ReadableStreamCancel, §4.9.2) with a JS Error whose message is
// reason; it does nothing to a locked stream.
func (rs *ReadableStream) Cancel(reason string) {
	if rs.locked() {
		return
	}
	s := rs.rt
	s.run(func() { readableStreamCancel(rs, s.goError(reason)) })
}

// goError makes a JS Error with the given message.
func (s *rt) goError(msg string) goja.Value {
	e, err := s.vm.New(s.errorCtor, s.vm.ToValue(msg))
	if err != nil {
		return s.vm.ToValue(msg)
	}
	return e
}

// GoReader reads a ReadableStream from Go, one chunk at a time: the stream's pull is called only as
// fast as Read is. It holds the stream's lock (a default reader) until Release.
type GoReader struct {
	rt     *rt
	reader *ReadableStreamDefaultReader
	err    error
	done   bool
	// AcceptStrings lets string chunks through as their UTF-8 bytes. A Response body written
	// to the wire by Next.js on Node goes through res.write, which takes strings too.
	AcceptStrings bool
}

// NewGoReader locks s for reading from Go. It fails with a TypeError when s is already locked.
func NewGoReader(r *webapi.Realm, rs *ReadableStream) (*GoReader, error) {
	s := state(r)
	if rs.locked() {
		return nil, &Error{Value: s.invalidState("ReadableStream is locked")}
	}
	g := &GoReader{rt: s}
	if err := s.run(func() { g.reader = acquireDefaultReader(rs) }); err != nil {
		return nil, err
	}
	return g, nil
}

// Read asks for the next chunk. cb runs once, on the loop, when the chunk, the end (done) or an error is
// there; it may run before Read returns (the chunk was queued) or later inside whatever JS enqueues it,
// so it must not block. chunk is a copy that the caller owns. Chunks must be Uint8Arrays (as in Node's
// Response): anything else ends reading with "TypeError: Received non-Uint8Array chunk" and cancels the
// stream with that error. After done or an error, Read answers the same again without reading.
func (g *GoReader) Read(cb func(chunk []byte, done bool, err error)) {
	if g.err != nil || g.done {
		cb(nil, g.done, g.err)
		return
	}
	if g.reader.stream == nil {
		g.err = &Error{Value: g.rt.invalidState("The reader is not attached to a stream")}
		cb(nil, false, g.err)
		return
	}
	s := g.rt
	err := s.run(func() {
		defaultReaderRead(g.reader, &readRequest{
			chunkSteps: func(chunk goja.Value) {
				b, ok := s.uint8ArrayBytes(chunk)
				if !ok && g.AcceptStrings {
					if str, isStr := chunk.Export().(string); isStr {
						b, ok = []byte(str), true
					}
				}
				if !ok {
					e := s.vm.NewTypeError("Received non-Uint8Array chunk")
					g.err = &Error{Value: e}
					if g.reader.stream != nil {
						readableStreamCancel(g.reader.stream, e)
					}
					cb(nil, false, g.err)
					return
				}
				cb(append([]byte(nil), b...), false, nil)
			},
			closeSteps: func() {
				g.done = true
				cb(nil, true, nil)
			},
			errorSteps: func(e goja.Value) {
				g.err = &Error{Value: e}
				cb(nil, false, g.err)
			},
		})
	})
	if err != nil && g.err == nil && !g.done {
		g.err = err
		cb(nil, false, err)
	}
}

// Cancel cancels the stream (the client went away): the source's cancel runs with a JS Error whose
// message is reason, and a pending Read ends with done.
func (g *GoReader) Cancel(reason string) {
	if g.reader.stream == nil {
		return
	}
	s := g.rt
	s.run(func() { readableStreamCancel(g.reader.stream, s.goError(reason)) })
}

// Release releases the lock without cancelling; pending reads fail.
func (g *GoReader) Release() {
	if g.reader.stream == nil {
		return
	}
	g.rt.run(func() { defaultReaderRelease(g.reader) })
}

// ReadAll reads s to the end and calls cb with all its bytes (the Body mixin's "fully read", Fetch
// "body"). A locked stream fails at once with a TypeError.
func ReadAll(r *webapi.Realm, rs *ReadableStream, cb func([]byte, error)) {
	g, err := NewGoReader(r, rs)
	if err != nil {
		cb(nil, err)
		return
	}
	var buf []byte
	// Chunks that are already queued arrive synchronously: loop instead of recursing.
	var step func()
	inRead, again := false, false
	step = func() {
		for {
			again = false
			inRead = true
			g.Read(func(chunk []byte, done bool, err error) {
				switch {
				case err != nil:
					cb(nil, err)
				case done:
					cb(buf, nil)
				default:
					buf = append(buf, chunk...)
					if inRead {
						again = true
					} else {
						step()
					}
				}
			})
			inRead = false
			if !again {
				return
			}
		}
	}
	step()
}

// Tee tees s (ReadableStreamTee, §4.9.1), as Response.clone does. It fails when s is locked.
func Tee(r *webapi.Realm, rs *ReadableStream) (*ReadableStream, *ReadableStream, error) {
	s := state(r)
	if rs.locked() {
		return nil, nil, &Error{Value: s.invalidState("ReadableStream is locked")}
	}
	var a, b *ReadableStream
	if err := s.run(func() { a, b = readableStreamTee(rs, false) }); err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

// NewFromBytes makes a readable byte stream of b, like a Response body made from a string or bytes in
// Node: one Uint8Array chunk over b (made when first read, without copying: the stream owns b), then the
// end. An empty b gives an empty stream. BYOB readers work.
func NewFromBytes(r *webapi.Realm, b []byte) *goja.Object {
	s := state(r)
	var rs *ReadableStream
	pull := func() *goja.Object {
		c := rs.controller.(*ReadableByteStreamController)
		if len(b) > 0 {
			byteControllerEnqueueBuffer(c, s.vm.NewArrayBuffer(b), 0, len(b))
			b = nil
		}
		byteSourceClose(c)
		return s.undefPromise
	}
	s.run(func() {
		rs = s.createReadableByteStream(pull, func(goja.Value) *goja.Object { b = nil; return s.undefPromise })
	})
	return rs.object()
}

// NewFromReader makes a readable byte stream (as Node's request and fetch bodies are) that reads rc on
// its own goroutine, only when pulled: its high water mark is 0, so nothing is read ahead of the reader.
// Chunks are Uint8Arrays of at most chunkSize bytes (a BYOB read gets them copied into its view). At EOF
// the stream closes and rc is closed; a read error errors the stream with a TypeError carrying the
// error text and closes rc; cancelling the stream closes rc (which also unblocks a pending Read). A
// stream that is never read never touches rc: its owner closes it.
func NewFromReader(r *webapi.Realm, rc io.ReadCloser, chunkSize int) *goja.Object {
	s := state(r)
	if chunkSize <= 0 {
		chunkSize = 16 << 10
	}
	var closeOnce sync.Once
	closeRC := func() { closeOnce.Do(func() { rc.Close() }) }
	var rs *ReadableStream
	pull := func() *goja.Object {
		rs.goSource = nil
		p := s.newPromise()
		complete := s.realm.Host.Reserve()
		go func() {
			buf := make([]byte, chunkSize)
			var n int
			var err error
			for n == 0 && err == nil {
				n, err = rc.Read(buf)
			}
			complete(func() {
				s.run(func() {
					c := rs.controller.(*ReadableByteStreamController)
					if n > 0 {
						byteControllerEnqueueBuffer(c, s.vm.NewArrayBuffer(buf[:n]), 0, n)
					}
					switch {
					case errors.Is(err, io.EOF):
						closeRC()
						byteSourceClose(c)
					case err != nil:
						closeRC()
						byteControllerError(c, s.vm.NewTypeError("%s", err.Error()))
					}
					p.resolve(goja.Undefined())
				})
			})
		}()
		return p.obj
	}
	cancel := func(goja.Value) *goja.Object {
		closeRC()
		return s.undefPromise
	}
	s.run(func() { rs = s.createReadableByteStream(pull, cancel) })
	rs.goSource = rc
	return rs.object()
}

// TakeReader hands over the Go reader behind a stream made by NewFromReader, when nothing has
// read from the stream yet (not locked, not disturbed, never pulled). The stream is then
// locked and disturbed, as if a reader had taken it. The engine uses this to pass a request
// body through to the response without copying it through JS.
func (rs *ReadableStream) TakeReader() (io.ReadCloser, bool) {
	if rs.goSource == nil || rs.locked() || rs.disturbed || rs.state != readableReadable {
		return nil, false
	}
	rc := rs.goSource
	rs.goSource = nil
	if err := rs.rt.run(func() { acquireDefaultReader(rs) }); err != nil {
		return nil, false
	}
	rs.disturbed = true
	return rc, true
}

// byteSourceClose closes a byte stream from its source and, as a byte source must after close(), ends a
// pending BYOB read with respond(0) (§4.8, ReadableStreamBYOBRequest respond()).
func byteSourceClose(c *ReadableByteStreamController) {
	if c.closeRequested || c.stream.state != readableReadable {
		return
	}
	if byteControllerClose(c) != nil {
		return
	}
	if c.stream.state == readableClosed && len(c.pendingPullIntos) > 0 {
		byteControllerRespond(c, 0)
	}
}

// newUint8Array makes a Uint8Array over b (no copy).
func (s *rt) newUint8Array(b []byte) goja.Value {
	ab := s.vm.NewArrayBuffer(b)
	u8, err := s.vm.New(s.typedArrays["Uint8Array"], s.vm.ToValue(ab))
	if err != nil {
		panic(err)
	}
	return u8
}

// uint8ArrayBytes returns the bytes of a Uint8Array (sharing memory), or false for anything else.
func (s *rt) uint8ArrayBytes(v goja.Value) ([]byte, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if tag, err := s.typedArrayTag(o); err != nil || tag.String() != "Uint8Array" {
		return nil, false
	}
	b, ok := o.Export().([]byte)
	return b, ok
}

// NewTransform makes a TransformStream (§6.2) whose transformer is Go code, for classes such as
// TextEncoderStream and TextDecoderStream: transform runs for each chunk written (nil: pass chunks
// through), flush once when the writable side closes (nil: nothing). A returned error errors the
// stream: an *Error with its JS value, any other error as a TypeError with its text. Strategies are the
// defaults (writable highWaterMark 1, readable 0). ts is the TransformStream object itself.
func NewTransform(r *webapi.Realm, transform func(chunk goja.Value, c *TransformStreamDefaultController) error, flush func(c *TransformStreamDefaultController) error) (ts, readable, writable *goja.Object) {
	s := state(r)
	t := &TransformStream{rt: s}
	c := &TransformStreamDefaultController{rt: s}
	var transformAlg func(goja.Value) *goja.Object
	var flushAlg func() *goja.Object
	if transform != nil {
		transformAlg = func(chunk goja.Value) *goja.Object {
			if err := transform(chunk, c); err != nil {
				return s.rejected(s.errorValue(err))
			}
			return s.undefPromise
		}
	}
	if flush != nil {
		flushAlg = func() *goja.Object {
			if err := flush(c); err != nil {
				return s.rejected(s.errorValue(err))
			}
			return s.undefPromise
		}
	}
	s.run(func() {
		initializeTransformStream(t, s.resolvedPromise(goja.Undefined()), 1, nil, 0, nil)
		setUpTransformController(t, c, transformAlg, flushAlg, nil)
	})
	return t.object(), t.readable.object(), t.writable.object()
}

// errorValue turns a Go error into the JS value to reject or throw with.
func (s *rt) errorValue(err error) goja.Value {
	var e *Error
	if errors.As(err, &e) {
		return e.Value
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	return s.vm.NewTypeError("%s", err.Error())
}

// Enqueue is TransformStreamDefaultControllerEnqueue: it fails (with an *Error) when the readable side
// is closed or errored, or its size function throws.
func (c *TransformStreamDefaultController) Enqueue(chunk goja.Value) error {
	var thrown goja.Value
	c.rt.run(func() { thrown = transformControllerEnqueue(c, chunk) })
	if thrown != nil {
		return &Error{Value: thrown}
	}
	return nil
}

// Error is TransformStreamDefaultControllerError: it errors both sides with reason.
func (c *TransformStreamDefaultController) Error(reason goja.Value) {
	c.rt.run(func() { transformStreamError(c.stream, reason) })
}

// Terminate is TransformStreamDefaultControllerTerminate: the readable side closes, the writable errors.
func (c *TransformStreamDefaultController) Terminate() {
	c.rt.run(func() { transformControllerTerminate(c) })
}

// DesiredSize is the readable side's desired size; ok is false when it is errored.
func (c *TransformStreamDefaultController) DesiredSize() (size float64, ok bool) {
	return defaultControllerGetDesiredSize(c.stream.readableController())
}
