package fetch

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// requestChunkSize is the size of the chunks an incoming body is read in when JS streams it.
const requestChunkSize = 64 << 10

func (a *api) streamLocked(s *goja.Object) bool {
	rs, ok := streams.Unwrap(a.r, s)
	return ok && rs.Locked()
}

// readStream reads a whole body stream into Go ("fully read" in Fetch §2.2.6).
func (a *api) readStream(s *goja.Object, settle func([]byte, error)) {
	rs, ok := streams.Unwrap(a.r, s)
	if !ok {
		settle(nil, errUnsupported("a body that is not a ReadableStream"))
		return
	}
	streams.ReadAll(a.r, rs, settle)
}

// bodyStream is the `body` getter (Fetch §5.3): the body as a ReadableStream, made on first use
// from the Go bytes or reader. From then on the body is read through the stream.
func (a *api) bodyStream(b *Body) goja.Value {
	if b == nil {
		return goja.Null()
	}
	if b.stream == nil {
		switch {
		case b.reader != nil && b.streamOf != nil:
			b.stream = b.streamOf(b.reader)
			b.reader = nil
		case b.reader != nil:
			b.stream = streams.NewFromReader(a.r, b.reader, requestChunkSize)
			b.reader = nil
		case b.used:
			// Already consumed from Go: a disturbed, empty stream.
			b.stream = streams.NewFromBytes(a.r, nil)
			if rs, ok := streams.Unwrap(a.r, b.stream); ok {
				streams.ReadAll(a.r, rs, func([]byte, error) {})
			}
		default:
			b.stream = streams.NewFromBytes(a.r, b.data)
		}
	}
	return b.stream
}

func (b *Body) streamDisturbedIn(a *api) bool {
	if b.stream == nil {
		return false
	}
	rs, ok := streams.Unwrap(a.r, b.stream)
	return ok && rs.Disturbed()
}

// cloneBody implements "clone a body" (Fetch §2.2.6): bytes are shared, a stream is teed.
func (a *api) cloneBody(b *Body) *Body {
	if b == nil {
		return nil
	}
	if data, ok := b.Bytes(); ok {
		return BytesBody(data)
	}
	s, ok := a.bodyStream(b).(*goja.Object)
	if !ok {
		return nil
	}
	rs, _ := streams.Unwrap(a.r, s)
	left, right, err := streams.Tee(a.r, rs)
	if err != nil {
		panic(webidl.TypeError(a.r.VM, "%s", err.Error()))
	}
	b.stream = left.Object()
	return &Body{stream: right.Object()}
}

// streamBody recognises a ReadableStream BodyInit (Fetch §5.1: no content type).
func (a *api) streamBody(v goja.Value) (*Body, string, bool) {
	rs, ok := streams.Unwrap(a.r, v)
	if !ok {
		return nil, "", false
	}
	if rs.Locked() || rs.Disturbed() {
		panic(webidl.TypeError(a.r.VM, "Response body object should not be disturbed or locked"))
	}
	return &Body{stream: rs.Object()}, "", true
}
