// Package stringdecoder is node:string_decoder (Node 20,
// https://nodejs.org/docs/latest-v20.x/api/string_decoder.html): StringDecoder turns a stream of
// byte chunks into text without splitting a character across chunks — a UTF-8 sequence, a UTF-16
// code unit or surrogate pair, a base64 group of three bytes is held back until it is complete.
package stringdecoder

import (
	"encoding/base64"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/node/internal/errs"
	"github.com/jsroute/jsroute/webapi/webidl"
)

func init() {
	node.Register("string_decoder", func(r *webapi.Realm) goja.Value {
		exports := r.VM.NewObject()
		exports.Set("StringDecoder", define(r).Ctor)
		return exports
	})
}

// decoder is a StringDecoder's state: the encoding and the bytes of an incomplete character
// (Node keeps them in a 4-byte buffer, exposed as lastChar).
type decoder struct {
	enc     string
	pending [4]byte
	have    int // bytes buffered (Node's kBufferedBytes)
	need    int // bytes still missing (lastNeed)
	total   int // bytes of the incomplete character (lastTotal)
}

// normalize maps an encoding label to the name Node's StringDecoder stores in .encoding.
func normalize(enc goja.Value) (string, bool) {
	if goja.IsUndefined(enc) || goja.IsNull(enc) {
		return "utf8", true
	}
	switch strings.ToLower(enc.String()) {
	case "utf8", "utf-8", "":
		return "utf8", true
	case "ucs2", "ucs-2", "utf16le", "utf-16le":
		return "utf16le", true
	case "latin1", "binary":
		return "latin1", true
	case "base64":
		return "base64", true
	case "base64url":
		return "base64url", true
	case "hex":
		return "hex", true
	case "ascii":
		return "ascii", true
	}
	return "", false
}

// utf8Len is the length of the UTF-8 sequence a lead byte starts (0 for a continuation or an
// invalid lead).
func utf8Len(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b >= 0xC2 && b <= 0xDF:
		return 2
	case b >= 0xE0 && b <= 0xEF:
		return 3
	case b >= 0xF0 && b <= 0xF4:
		return 4
	}
	return 0
}

// write decodes data (the buffered bytes are prepended) and keeps a trailing incomplete character.
func (d *decoder) write(r *webapi.Realm, in []byte) goja.Value {
	data := in
	if d.have > 0 {
		data = append(append([]byte(nil), d.pending[:d.have]...), in...)
	}
	d.have, d.need, d.total = 0, 0, 0
	keep := 0
	switch d.enc {
	case "utf8":
		// Look back at most three bytes for the lead byte of a sequence the data ends inside.
		for i := 1; i <= 3 && i <= len(data); i++ {
			c := data[len(data)-i]
			if c&0xC0 == 0x80 {
				continue
			}
			if n := utf8Len(c); n > i {
				keep, d.total = i, n
			}
			break
		}
	case "utf16le":
		keep = len(data) % 2
		d.total = 2
		// A lead surrogate waits for its trail only when the data ends on a code unit: Node
		// holds back just the odd byte otherwise.
		if keep == 0 && len(data) >= 2 {
			hi := data[len(data)-1]
			if hi >= 0xD8 && hi <= 0xDB {
				keep = 2
				d.total = 4
			}
		}
	case "base64", "base64url":
		keep = len(data) % 3
		d.total = 3
	}
	if keep > 0 {
		copy(d.pending[:], data[len(data)-keep:])
		d.have, d.need = keep, d.total-keep
	} else {
		d.total = 0
	}
	return d.decode(r, data[:len(data)-keep])
}

// decode converts complete bytes with the encoding (Buffer's toString does the work).
func (d *decoder) decode(r *webapi.Realm, b []byte) goja.Value { return d.toString(r, b) }

// flush returns what is buffered: an incomplete UTF-8 sequence decoded (U+FFFD for each maximal
// invalid part), an odd UTF-16 byte dropped (a lead surrogate kept as a lone one), a base64
// remainder encoded with padding.
func (d *decoder) flush(r *webapi.Realm) goja.Value {
	have := d.have
	pending := append([]byte(nil), d.pending[:have]...)
	d.have, d.need, d.total = 0, 0, 0
	switch d.enc {
	case "utf16le":
		pending = pending[:have&^1]
	case "base64":
		return r.VM.ToValue(base64.StdEncoding.EncodeToString(pending))
	case "base64url":
		return r.VM.ToValue(base64.RawURLEncoding.EncodeToString(pending))
	}
	return d.toString(r, pending)
}

func (d *decoder) toString(r *webapi.Realm, b []byte) goja.Value {
	if len(b) == 0 {
		return r.VM.ToValue("")
	}
	buf := buffer.New(r, b)
	f, _ := goja.AssertFunction(buf.Get("toString"))
	v, err := f(buf, r.VM.ToValue(d.enc))
	if err != nil {
		panic(err)
	}
	return v
}

func define(r *webapi.Realm) *webidl.Class[*decoder] {
	vm := r.VM
	bytesArg := func(v goja.Value) []byte {
		b, ok := buffer.Bytes(r, v)
		if !ok || isArrayBuffer(v) {
			panic(errs.InvalidArgType(r, "buf", []string{"Buffer", "TypedArray", "DataView"}, v))
		}
		return b
	}
	write := func(d *decoder, v goja.Value) goja.Value {
		if _, isStr := v.(goja.String); isStr {
			return v
		}
		return d.write(r, bytesArg(v))
	}
	c := webidl.Define(r, webidl.Spec[*decoder]{
		Name:   "StringDecoder",
		Length: 1,
		New: func(call goja.ConstructorCall) *decoder {
			enc, ok := normalize(call.Argument(0))
			if !ok {
				panic(errs.UnknownEncoding(r, call.Argument(0)))
			}
			call.This.Set("encoding", enc)
			return &decoder{enc: enc}
		},
		Methods: []webidl.Method[*decoder]{
			{Name: "write", Length: 1, Fn: func(d *decoder, call goja.FunctionCall) goja.Value {
				return write(d, call.Argument(0))
			}},
			{Name: "end", Length: 0, Fn: func(d *decoder, call goja.FunctionCall) goja.Value {
				out := vm.ToValue("")
				if v := call.Argument(0); !goja.IsUndefined(v) {
					out = write(d, v)
				}
				if d.have > 0 {
					return out.ToString().(goja.String).Concat(d.flush(r).ToString().(goja.String))
				}
				d.need, d.total = 0, 0
				return out
			}},
			// text(buf, offset) is the legacy entry point: the buffered bytes are dropped first.
			{Name: "text", Length: 0, Fn: func(d *decoder, call goja.FunctionCall) goja.Value {
				d.have, d.need, d.total = 0, 0, 0
				b := bytesArg(call.Argument(0))
				off := int(call.Argument(1).ToInteger())
				if off < 0 {
					off = 0
				}
				if off > len(b) {
					off = len(b)
				}
				return d.write(r, b[off:])
			}},
		},
		Accessors: []webidl.Accessor[*decoder]{
			{Name: "lastChar", Get: func(d *decoder) goja.Value {
				return buffer.New(r, append([]byte(nil), d.pending[:]...))
			}},
			{Name: "lastNeed", Get: func(d *decoder) goja.Value { return vm.ToValue(d.need) }},
			{Name: "lastTotal", Get: func(d *decoder) goja.Value { return vm.ToValue(d.total) }},
		},
	})
	// Node's lengths; webidl would make these arguments required.
	for name, n := range map[string]int{"end": 1, "text": 2} {
		c.Proto.Get(name).(*goja.Object).DefineDataProperty("length", vm.ToValue(n), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	return c
}

func isArrayBuffer(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	_, ab := o.Export().(goja.ArrayBuffer)
	return ab
}
