package encoding

import (
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// TextEncoderStream is the state of a TextEncoderStream (Encoding §5.2): a TransformStream that
// UTF-8 encodes strings, keeping a high surrogate that ends one chunk for the next.
type TextEncoderStream struct {
	pending            uint16 // a high surrogate the last chunk ended with, or 0
	readable, writable *goja.Object
}

// TextDecoderStream is the state of a TextDecoderStream (Encoding §5.3).
type TextDecoderStream struct {
	dec                *TextDecoder
	readable, writable *goja.Object
}

func defineStreams(r *webapi.Realm) {
	vm := r.VM
	enc := webidl.Define(r, webidl.Spec[*TextEncoderStream]{
		Name: "TextEncoderStream",
		New: func(call goja.ConstructorCall) *TextEncoderStream {
			s := &TextEncoderStream{}
			_, s.readable, s.writable = streams.NewTransform(r,
				func(chunk goja.Value, c *streams.TransformStreamDefaultController) error {
					str, err := jsString(vm, chunk)
					if err != nil {
						return err
					}
					if b := s.encode(str); len(b) > 0 {
						return c.Enqueue(webidl.NewUint8Array(vm, b))
					}
					return nil
				},
				func(c *streams.TransformStreamDefaultController) error {
					// §5.2 "encode and flush": a dangling high surrogate becomes U+FFFD.
					if s.pending != 0 {
						s.pending = 0
						return c.Enqueue(webidl.NewUint8Array(vm, []byte("\uFFFD")))
					}
					return nil
				})
			return s
		},
		Accessors: []webidl.Accessor[*TextEncoderStream]{
			{Name: "encoding", Get: func(*TextEncoderStream) goja.Value { return vm.ToValue("utf-8") }},
			{Name: "readable", Get: func(s *TextEncoderStream) goja.Value { return s.readable }},
			{Name: "writable", Get: func(s *TextEncoderStream) goja.Value { return s.writable }},
		},
	})
	dec := webidl.Define(r, webidl.Spec[*TextDecoderStream]{
		Name: "TextDecoderStream",
		New: func(call goja.ConstructorCall) *TextDecoderStream {
			s := &TextDecoderStream{dec: newDecoderFromArgs(vm, call.Argument(0), call.Argument(1))}
			_, s.readable, s.writable = streams.NewTransform(r,
				func(chunk goja.Value, c *streams.TransformStreamDefaultController) error {
					b, ok := webidl.Bytes(vm, chunk)
					if !ok {
						return errType("TextDecoderStream: chunk is not an ArrayBuffer or ArrayBufferView")
					}
					out, err := s.dec.Decode(b, true)
					if err != nil {
						return errType("The encoded data was not valid for encoding " + s.dec.Encoding())
					}
					if out != "" {
						return c.Enqueue(vm.ToValue(out))
					}
					return nil
				},
				func(c *streams.TransformStreamDefaultController) error {
					out, err := s.dec.Decode(nil, false)
					if err != nil {
						return errType("The encoded data was not valid for encoding " + s.dec.Encoding())
					}
					if out != "" {
						return c.Enqueue(vm.ToValue(out))
					}
					return nil
				})
			return s
		},
		Accessors: []webidl.Accessor[*TextDecoderStream]{
			{Name: "encoding", Get: func(s *TextDecoderStream) goja.Value { return vm.ToValue(s.dec.Encoding()) }},
			{Name: "fatal", Get: func(s *TextDecoderStream) goja.Value { return vm.ToValue(s.dec.Fatal()) }},
			{Name: "ignoreBOM", Get: func(s *TextDecoderStream) goja.Value { return vm.ToValue(s.dec.IgnoreBOM()) }},
			{Name: "readable", Get: func(s *TextDecoderStream) goja.Value { return s.readable }},
			{Name: "writable", Get: func(s *TextDecoderStream) goja.Value { return s.writable }},
		},
	})
	// Node.js 20's stream classes have no Symbol.toStringTag ("[object Object]").
	for _, c := range []*goja.Object{enc.Proto, dec.Proto} {
		c.DeleteSymbol(goja.SymToStringTag)
	}
	enc.Global()
	dec.Global()
}

// errType is an error the transform turns into a TypeError.
type errType string

func (e errType) Error() string { return string(e) }

// encode is §5.2 "encode and enqueue a chunk": UTF-16 code units to UTF-8, pairing a
// surrogate split across chunks and replacing lone ones with U+FFFD.
func (s *TextEncoderStream) encode(str goja.String) []byte {
	n := str.Length()
	out := make([]byte, 0, n+3)
	i := 0
	if s.pending != 0 {
		hi := s.pending
		s.pending = 0
		if n > 0 && isLow(str.CharAt(0)) {
			out = utf8.AppendRune(out, 0x10000+(rune(hi)-0xD800)<<10+(rune(str.CharAt(0))-0xDC00))
			i = 1
		} else {
			out = utf8.AppendRune(out, utf8.RuneError)
		}
	}
	for ; i < n; i++ {
		cu := str.CharAt(i)
		switch {
		case cu >= 0xD800 && cu <= 0xDBFF:
			if i+1 == n {
				s.pending = cu
				continue
			}
			if next := str.CharAt(i + 1); isLow(next) {
				out = utf8.AppendRune(out, 0x10000+(rune(cu)-0xD800)<<10+(rune(next)-0xDC00))
				i++
				continue
			}
			out = utf8.AppendRune(out, utf8.RuneError)
		case isLow(cu):
			out = utf8.AppendRune(out, utf8.RuneError)
		default:
			out = utf8.AppendRune(out, rune(cu))
		}
	}
	return out
}

func isLow(cu uint16) bool { return cu >= 0xDC00 && cu <= 0xDFFF }

// jsString is the chunk converted as Node.js's TextEncoderStream does, with String(chunk): 12
// is "12", null is "null", a Symbol is its description ("Symbol(s)"), and an object whose
// toString throws errors the stream. The result keeps its UTF-16 code units (lone surrogates
// included). goja's ToString of a number, boolean, null or undefined returns the value itself
// rather than a goja.String; their text is ASCII, so going through Go's string loses nothing.
func jsString(vm *goja.Runtime, v goja.Value) (goja.String, error) {
	if s, ok := v.(goja.String); ok {
		return s, nil
	}
	if sym, ok := v.(*goja.Symbol); ok {
		return vm.ToValue("Symbol(" + sym.String() + ")").(goja.String), nil
	}
	var p goja.Value
	if ex := vm.Try(func() { p = v.ToString() }); ex != nil {
		return nil, ex
	}
	if s, ok := p.(goja.String); ok {
		return s, nil
	}
	if _, ok := p.(*goja.Symbol); ok { // an object whose toString returns a Symbol
		return nil, errType("Cannot convert a Symbol value to a string")
	}
	return vm.ToValue(p.String()).(goja.String), nil
}
