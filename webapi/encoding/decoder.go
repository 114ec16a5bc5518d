package encoding

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
	xencoding "golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/transform"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// ErrInvalidData is what a fatal TextDecoder returns for malformed input.
var ErrInvalidData = errors.New("the encoded data was not valid")

// LabelError is returned for a label that names no encoding the TextDecoder supports.
type LabelError struct{ Label string }

func (e *LabelError) Error() string { return `The "` + e.Label + `" encoding is not supported` }

// decoder is one encoding's decoder with its state (Encoding Standard §4.1), fed chunk by chunk.
type decoder interface {
	// decode appends the code points of in to out as UTF-8; flush processes end-of-queue. With
	// fatal, ok is false at the first error.
	decode(out, in []byte, flush, fatal bool) (_ []byte, ok bool)
	reset()
}

// Lookup is "get an encoding" (Encoding Standard §4.2): label, with ASCII whitespace trimmed and
// ASCII case ignored, is looked up in the table of labels, which x/text's htmlindex implements.
// It returns the encoding's name in lower case ("utf-8", "windows-1252", "shift_jis").
func Lookup(label string) (name string, ok bool) {
	name, _, ok = lookup(label)
	return name, ok
}

func lookup(label string) (string, xencoding.Encoding, bool) {
	// Only ASCII whitespace is trimmed and only ASCII is folded; htmlindex would also trim
	// U+00A0 and fold U+212A (Kelvin sign) to "k".
	start, end := 0, len(label)
	for start < end && isASCIIWhitespace(label[start]) {
		start++
	}
	for end > start && isASCIIWhitespace(label[end-1]) {
		end--
	}
	label = label[start:end]
	for i := 0; i < len(label); i++ {
		// Non-ASCII never matches; nor may a vertical tab at either end, which htmlindex's
		// strings.TrimSpace would drop.
		if c := label[i]; c >= 0x80 || c == '\v' {
			return "", nil, false
		}
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return "", nil, false
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return "", nil, false
	}
	return name, enc, true
}

func isASCIIWhitespace(c byte) bool {
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// TextDecoder is the state of a TextDecoder object (Encoding Standard §7.2): its encoding, its
// decoder and the streaming flags. It is usable from Go (TextDecoderStream will build on it).
type TextDecoder struct {
	name       string
	fatal      bool
	ignoreBOM  bool
	dec        decoder
	doNotFlush bool
	bomSeen    bool
	latin1     bool // Node 20's windows-1252 fast path is on (see Decode)
}

// nodeUnsupported are the encodings of the label table that Node.js 20's TextDecoder refuses with
// a RangeError: "replacement" (as the standard says), and the two its ICU build has no converter
// for.
var nodeUnsupported = map[string]bool{"replacement": true, "x-user-defined": true, "iso-8859-16": true}

// decodeLatin1 reads each byte as the code point of the same value.
func decodeLatin1(in []byte) string {
	out := make([]byte, 0, len(in)+len(in)/4)
	for _, b := range in {
		out = utf8.AppendRune(out, rune(b))
	}
	return string(out)
}

// NewTextDecoder is the TextDecoder constructor (§7.2 steps 1–5) as Node.js 20 runs it: the label
// must name an encoding other than "replacement" that Node's ICU build has, so "x-user-defined"
// and "iso-8859-16" fail too. Node lowercases the label with String.prototype.toLowerCase before
// the table lookup, so U+212A KELVIN SIGN counts as "k" ("\u212Aoi8-r" is koi8-r).
func NewTextDecoder(label string, fatal, ignoreBOM bool) (*TextDecoder, error) {
	name, enc, ok := lookup(strings.ReplaceAll(label, "\u212A", "k"))
	if !ok || nodeUnsupported[name] {
		return nil, &LabelError{Label: label}
	}
	d := &TextDecoder{name: name, fatal: fatal, ignoreBOM: ignoreBOM, latin1: name == "windows-1252"}
	switch name {
	case "utf-8":
		d.dec = &utf8Decoder{}
	case "utf-16le":
		d.dec = newUTF16Decoder(false)
	case "utf-16be":
		d.dec = newUTF16Decoder(true)
	default:
		if name == "iso-8859-8-i" {
			enc = charmap.ISO8859_8 // the same index (x/text wraps it in another type)
		}
		if cm, ok := enc.(*charmap.Charmap); ok {
			d.dec = &singleByteDecoder{table: singleByteTable(name, cm)}
		} else {
			d.dec = &legacyDecoder{t: enc.NewDecoder()}
		}
	}
	return d, nil
}

// Encoding is the encoding's name, in lower case.
func (d *TextDecoder) Encoding() string { return d.name }

// Fatal reports the error mode "fatal".
func (d *TextDecoder) Fatal() bool { return d.fatal }

// IgnoreBOM reports whether a leading BOM is kept.
func (d *TextDecoder) IgnoreBOM() bool { return d.ignoreBOM }

// Decode is TextDecoder.prototype.decode (§7.2): with stream, an incomplete sequence at the end of
// in is kept for the next call. A fatal decoder returns ErrInvalidData for malformed input.
//
// windows-1252 is decoded as Node.js 20 does: its non-streaming fast path reads every byte as the
// code point of the same value (ISO-8859-1, so 0x80 is U+0080, not U+20AC), until the first call
// with stream; from then on the decoder uses the windows-1252 index (Node's ICU converter).
func (d *TextDecoder) Decode(in []byte, stream bool) (string, error) {
	if stream {
		d.latin1 = false
	}
	if d.latin1 {
		return decodeLatin1(in), nil
	}
	// 1. A call after a flushing one starts a new stream.
	if !d.doNotFlush {
		d.dec.reset()
		d.bomSeen = false
	}
	// 2.
	d.doNotFlush = stream
	// 3–5.
	out, ok := d.dec.decode(make([]byte, 0, len(in)+4), in, !stream, d.fatal)
	if !ok {
		d.dec.reset()
		d.doNotFlush = false
		return "", ErrInvalidData
	}
	// Serialize I/O queue: drop the BOM of a UTF encoding, once, at the start of the stream.
	if !d.ignoreBOM && !d.bomSeen && len(out) > 0 && (d.name == "utf-8" || d.name == "utf-16le" || d.name == "utf-16be") {
		d.bomSeen = true
		if bytes.HasPrefix(out, bom) {
			out = out[len(bom):]
		}
	}
	return string(out), nil
}

var bom = []byte("\uFEFF")

// legacyDecoder runs one of x/text's decoders (the legacy multi-byte encodings of the Encoding
// Standard §10–§13), keeping the bytes of an incomplete sequence between chunks.
type legacyDecoder struct {
	t       transform.Transformer
	pending []byte
	buf     [1024]byte
}

func (d *legacyDecoder) reset() {
	d.t.Reset()
	d.pending = nil
}

func (d *legacyDecoder) decode(out, in []byte, flush, fatal bool) ([]byte, bool) {
	src := in
	if len(d.pending) > 0 {
		src = append(d.pending, in...)
		d.pending = nil
	}
	start := len(out)
	for {
		nDst, nSrc, err := d.t.Transform(d.buf[:], src, flush)
		out = append(out, d.buf[:nDst]...)
		src = src[nSrc:]
		if err == transform.ErrShortDst && (nDst > 0 || nSrc > 0) {
			continue
		}
		if err == transform.ErrShortSrc && !flush {
			d.pending = append([]byte(nil), src...)
		}
		break
	}
	if flush {
		d.reset()
	}
	// x/text writes U+FFFD where the standard's decoder returns error.
	if fatal && bytes.Contains(out[start:], []byte("\uFFFD")) {
		return out, false
	}
	return out, true
}

// defineTextDecoder installs TextDecoder (§7.2).
func defineTextDecoder(r *webapi.Realm) *webidl.Class[*TextDecoder] {
	vm := r.VM
	return webidl.Define(r, webidl.Spec[*TextDecoder]{
		Name:   "TextDecoder",
		Length: 0,
		New: func(call goja.ConstructorCall) *TextDecoder {
			return newDecoderFromArgs(vm, call.Argument(0), call.Argument(1))
		},
		Methods: []webidl.Method[*TextDecoder]{
			{Name: "decode", Length: 0, Fn: func(d *TextDecoder, call goja.FunctionCall) goja.Value {
				var in []byte
				if v := call.Argument(0); !goja.IsUndefined(v) {
					b, ok := webidl.Bytes(vm, v)
					if !ok {
						panic(withCode(vm, webidl.TypeError(vm, `The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.`), "ERR_INVALID_ARG_TYPE")) // Node's words
					}
					in = b
				}
				stream := false
				// Node ignores an options argument that is not an object; so do we.
				if o, ok := call.Argument(1).(*goja.Object); ok {
					stream = boolMember(o, "stream")
				}
				s, err := d.Decode(in, stream)
				if err != nil {
					panic(withCode(vm, webidl.TypeError(vm, "The encoded data was not valid for encoding %s", d.name), "ERR_ENCODING_INVALID_ENCODED_DATA"))
				}
				return vm.ToValue(s)
			}},
		},
		Accessors: []webidl.Accessor[*TextDecoder]{
			{Name: "encoding", Get: func(d *TextDecoder) goja.Value { return vm.ToValue(d.name) }},
			{Name: "fatal", Get: func(d *TextDecoder) goja.Value { return vm.ToValue(d.fatal) }},
			{Name: "ignoreBOM", Get: func(d *TextDecoder) goja.Value { return vm.ToValue(d.ignoreBOM) }},
		},
	})
}

// dictionary converts a WebIDL dictionary argument: undefined and null are the empty dictionary
// (nil), other non-objects a TypeError.
func dictionary(vm *goja.Runtime, v goja.Value, what string) *goja.Object {
	if webidl.IsNullish(v) {
		return nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		panic(withCode(vm, webidl.TypeError(vm, "The %q argument must be of type object.", what), "ERR_INVALID_ARG_TYPE"))
	}
	return o
}

// boolMember reads a boolean dictionary member (absent: false).
// newDecoderFromArgs reads TextDecoder's (label, options) arguments, as TextDecoderStream's too.
func newDecoderFromArgs(vm *goja.Runtime, labelArg, optsArg goja.Value) *TextDecoder {
	label := "utf-8"
	if !goja.IsUndefined(labelArg) {
		label = webidl.DOMString(vm, labelArg)
	}
	fatal, ignoreBOM := false, false
	if opts := dictionary(vm, optsArg, "options"); opts != nil {
		fatal = boolMember(opts, "fatal")
		ignoreBOM = boolMember(opts, "ignoreBOM")
	}
	d, err := NewTextDecoder(label, fatal, ignoreBOM)
	if err != nil {
		panic(withCode(vm, webidl.RangeError(vm, "%s", err.Error()), "ERR_ENCODING_NOT_SUPPORTED"))
	}
	return d
}

func boolMember(o *goja.Object, name string) bool {
	v := o.Get(name)
	return v != nil && v.ToBoolean()
}

// withCode adds Node's error code to an error object.
func withCode(vm *goja.Runtime, e *goja.Object, code string) *goja.Object {
	e.Set("code", code)
	return e
}
