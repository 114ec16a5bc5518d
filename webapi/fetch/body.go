package fetch

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Body is a request's or response's body (Fetch §2.2.6 "body" and §5.3 "Body mixin"). It stays
// in Go — bytes, or a reader such as an incoming request body — until JS asks for a stream; a
// Response made from a string and returned unchanged is written to the wire from these bytes.
type Body struct {
	data   []byte
	known  bool          // data holds the whole body
	reader io.ReadCloser // not yet read; turned into a stream or read whole on demand
	stream *goja.Object  // the JS ReadableStream, once there is one
	// streamOf, when set, makes the stream of reader (fetch() responses: see client.go).
	streamOf func(io.ReadCloser) *goja.Object
	used     bool
	// Limit, when > 0, bounds how much of reader is read (413 is the engine's business).
	Limit int64
}

// BytesBody is a body known in Go.
func BytesBody(b []byte) *Body { return &Body{data: b, known: true} }

// ReaderBody is a body read from r on demand.
func ReaderBody(r io.ReadCloser) *Body { return &Body{reader: r} }

// Bytes returns the body when it is known in Go without running JS.
func (b *Body) Bytes() ([]byte, bool) {
	if b == nil {
		return nil, true
	}
	if b.stream == nil && b.known {
		return b.data, true
	}
	return nil, false
}

// Reader returns the Go reader of a body that JS never touched.
func (b *Body) Reader() (io.ReadCloser, bool) {
	if b == nil || b.stream != nil || b.reader == nil {
		return nil, false
	}
	return b.reader, true
}

// Stream returns the JS stream of the body, if it has become one.
func (b *Body) Stream() *goja.Object {
	if b == nil {
		return nil
	}
	return b.stream
}

// used reports whether the body was read (the spec's "disturbed").
func (a *api) used(b *Body) bool { return b != nil && (b.used || b.streamDisturbedIn(a)) }

// extracted is the result of Fetch §5.1 "extract a body": the body and its content type.
type extracted struct {
	body        *Body
	contentType string
}

// extractBody implements Fetch §5.1 "BodyInit" extraction for the kinds jsroute knows.
func (a *api) extractBody(v goja.Value) extracted {
	vm := a.r.VM
	if s, ok := v.(goja.String); ok { // a primitive string: its String is its Export, unboxed
		return extracted{BytesBody([]byte(s.String())), "text/plain;charset=UTF-8"}
	}
	if s, ok := v.Export().(string); ok {
		return extracted{BytesBody([]byte(s)), "text/plain;charset=UTF-8"}
	}
	if b, ok := webidl.Bytes(vm, v); ok {
		return extracted{BytesBody(append([]byte(nil), b...)), ""}
	}
	for _, k := range a.bodyKinds {
		if body, ct, ok := k(v); ok {
			return extracted{body, ct}
		}
	}
	// Any other value is stringified, as WebIDL's union conversion does for USVString.
	s := webidl.USVString(vm, v)
	return extracted{BytesBody([]byte(s)), "text/plain;charset=UTF-8"}
}

// consume implements Fetch §5.3 "consume body": it reads the whole body and hands the bytes to
// convert on the loop, resolving the returned promise with the result.
func (a *api) consume(b *Body, convert func([]byte) goja.Value) goja.Value {
	vm := a.r.VM
	p, resolve, reject := vm.NewPromise()
	if a.used(b) || (b != nil && b.stream != nil && a.streamLocked(b.stream)) {
		reject(webidl.TypeError(vm, "Body is unusable: Body has already been read"))
		return vm.ToValue(p)
	}
	settle := func(data []byte, err error) {
		if err != nil {
			reject(a.toJSError(err))
			return
		}
		func() {
			defer func() {
				if x := recover(); x != nil {
					if jv, ok := x.(goja.Value); ok {
						reject(jv)
						return
					}
					if ex, ok := x.(*goja.Exception); ok {
						reject(ex.Value())
						return
					}
					reject(webidl.TypeError(vm, "%v", x))
				}
			}()
			resolve(convert(data))
		}()
	}
	if b == nil {
		settle(nil, nil)
		return vm.ToValue(p)
	}
	b.used = true
	switch {
	case b.stream != nil:
		a.readStream(b.stream, settle)
	case b.known:
		settle(b.data, nil)
	case b.reader != nil:
		rd := b.reader
		b.reader = nil
		complete := a.r.Host.Reserve()
		go func() {
			var data []byte
			var err error
			if b.Limit > 0 {
				data, err = io.ReadAll(io.LimitReader(rd, b.Limit+1))
				if err == nil && int64(len(data)) > b.Limit {
					err = fmt.Errorf("body exceeds the %d byte limit", b.Limit)
				}
			} else {
				data, err = io.ReadAll(rd)
			}
			rd.Close()
			complete(func() {
				b.data, b.known = data, err == nil
				settle(data, err)
			})
		}()
	default:
		settle(nil, nil)
	}
	return vm.ToValue(p)
}

func (a *api) toJSError(err error) goja.Value {
	if je, ok := err.(jsError); ok {
		return je.jsValue(a)
	}
	if jv, ok := err.(*goja.Exception); ok {
		return jv.Value()
	}
	var se *streams.Error
	if errors.As(err, &se) {
		return se.Value
	}
	return webidl.TypeError(a.r.VM, "%s", err.Error())
}

// bodyMethods are the Body mixin's methods (Fetch §5.3), shared by Request and Response.
func bodyMethods[T any](a *api, body func(T) *Body, contentType func(T) string) []webidl.Method[T] {
	vm := a.r.VM
	return []webidl.Method[T]{
		{Name: "arrayBuffer", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			return a.consume(body(self), func(b []byte) goja.Value { return vm.ToValue(vm.NewArrayBuffer(append([]byte(nil), b...))) })
		}},
		{Name: "bytes", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			return a.consume(body(self), func(b []byte) goja.Value { return webidl.NewUint8Array(vm, b) })
		}},
		{Name: "text", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			return a.consume(body(self), func(b []byte) goja.Value { return vm.ToValue(decodeUTF8(b)) })
		}},
		{Name: "json", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			return a.consume(body(self), func(b []byte) goja.Value {
				v, err := parseJSON(vm, b)
				if err != nil {
					if je, ok := err.(*jsonError); ok {
						panic(je.v)
					}
					panic(err)
				}
				return v
			})
		}},
		{Name: "blob", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			// The blob's type is the parsed and serialized MIME type (Fetch §5.3 "blob").
			// Node 20 lowercases it all, parameter values included.
			ct, ok := parseMIMEType(contentType(self))
			if !ok {
				ct = ""
			}
			ct = strings.ToLower(ct)
			return a.consume(body(self), func(b []byte) goja.Value { return a.newBlob(b, ct) })
		}},
		{Name: "formData", Fn: func(self T, _ goja.FunctionCall) goja.Value {
			ct := contentType(self)
			return a.consume(body(self), func(b []byte) goja.Value { return a.parseFormData(b, ct) })
		}},
	}
}

// decodeUTF8 is "UTF-8 decode" (Encoding §4.1): a leading BOM is dropped, invalid bytes become U+FFFD.
func decodeUTF8(b []byte) string { return encoding.DecodeUTF8(b) }

// essence returns the MIME type essence of a Content-Type value ("" when unparsable).
func essence(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	return mt
}
