package fetch

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/encoding"
)

// parseJSON implements Infra's "parse JSON bytes to a JavaScript value" for Body.json(): it
// builds goja values straight from the bytes. It is several times faster than JSON.parse on a
// decoded string, keeps object keys in document order, and — unlike goja's JSON.parse — keeps
// escaped lone surrogates ("\ud800") as the UTF-16 code units they are.
func parseJSON(vm *goja.Runtime, data []byte) (goja.Value, error) {
	v, err := parseJSONBytes(vm, data)
	if _, bad := err.(*jsonError); bad {
		// Body.json() is JSON.parse of the UTF-8 decoded text (BOM dropped): V8's message for that text.
		if msg, ok := v8JSONMessage(vm.ToValue(encoding.DecodeUTF8(data)).(goja.String)); ok {
			return nil, newSyntaxError(vm, msg)
		}
	}
	return v, err
}

func parseJSONBytes(vm *goja.Runtime, data []byte) (goja.Value, error) {
	p := jsonParser{vm: vm, s: data}
	// UTF-8 decode drops a leading BOM (Encoding §4.1 "UTF-8 decode").
	if len(p.s) >= 3 && p.s[0] == 0xEF && p.s[1] == 0xBB && p.s[2] == 0xBF {
		p.s = p.s[3:]
	}
	p.space()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.unexpected()
	}
	return v, nil
}

type jsonParser struct {
	vm  *goja.Runtime
	s   []byte
	i   int
	buf []uint16
	// keys are the plain object keys read so far, reused when a key comes again (the objects
	// of an array usually share theirs): a repeated key costs no allocation.
	keys  [32]string
	nkeys int
}

func (p *jsonParser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// unexpected makes the SyntaxError V8 gives, e.g. "Unexpected token } in JSON at position 5".
func (p *jsonParser) unexpected() error {
	if p.i >= len(p.s) {
		return p.syntaxError("Unexpected end of JSON input")
	}
	r, _ := utf8.DecodeRune(p.s[p.i:])
	return p.syntaxError(fmt.Sprintf("Unexpected token %c in JSON at position %d", r, p.i))
}

func (p *jsonParser) syntaxError(msg string) error {
	return newSyntaxError(p.vm, p.vm.ToValue(msg))
}

func newSyntaxError(vm *goja.Runtime, msg goja.Value) error {
	ctor := vm.Get("SyntaxError").(*goja.Object)
	o, err := vm.New(ctor, msg)
	if err != nil {
		return err
	}
	return &jsonError{o}
}

type jsonError struct{ v *goja.Object }

func (e *jsonError) Error() string { return e.v.String() }

// frame is an array or object being read: its items so far, or the object and the key whose
// value comes next.
type frame struct {
	items []any
	obj   *goja.Object
	key   string
}

// value reads one JSON value. Nesting is kept on an explicit stack, not the Go stack, so any
// depth parses (Node's parser is not recursive either: 3,000,000 nested arrays parse there) and
// a hostile body can never overflow the goroutine's stack.
func (p *jsonParser) value() (goja.Value, error) {
	var stack []frame
	for {
		if p.i >= len(p.s) {
			return nil, p.unexpected()
		}
		var v goja.Value
		switch c := p.s[p.i]; {
		case c == '[':
			p.i++
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				v = p.vm.NewArray()
				break
			}
			stack = append(stack, frame{})
			continue
		case c == '{':
			p.i++
			o := p.vm.NewObject()
			p.space()
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				v = o
				break
			}
			k, err := p.key()
			if err != nil {
				return nil, err
			}
			stack = append(stack, frame{obj: o, key: k})
			continue
		default:
			var err error
			if v, err = p.scalar(); err != nil {
				return nil, err
			}
		}
		// v is complete: add it to the array or object it is in, closing every one that ends here.
	attach:
		for {
			if len(stack) == 0 {
				return v, nil
			}
			f := &stack[len(stack)-1]
			if f.obj == nil {
				f.items = append(f.items, v)
			} else if f.key == "__proto__" {
				// CreateDataProperty: "__proto__" is an own key, never the prototype.
				f.obj.DefineDataProperty(f.key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			} else {
				f.obj.Set(f.key, v)
			}
			p.space()
			if p.i >= len(p.s) {
				return nil, p.unexpected()
			}
			switch c := p.s[p.i]; {
			case c == ',':
				p.i++
				p.space()
				if f.obj != nil {
					k, err := p.key()
					if err != nil {
						return nil, err
					}
					f.key = k
				}
				break attach
			case c == ']' && f.obj == nil:
				p.i++
				v = p.vm.NewArray(f.items...)
			case c == '}' && f.obj != nil:
				p.i++
				v = f.obj
			default:
				return nil, p.unexpected()
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// key reads an object member's name and the colon after it, and the space after that.
func (p *jsonParser) key() (string, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", p.unexpected()
	}
	var k string
	if raw, ok := p.plainStr(); ok {
		k = p.intern(raw)
	} else {
		v, err := p.str()
		if err != nil {
			return "", err
		}
		k = v.String()
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != ':' {
		return "", p.unexpected()
	}
	p.i++
	p.space()
	return k, nil
}

// plainStr reads a string literal with no escapes and valid UTF-8 (the usual key) and returns
// its bytes; otherwise it reads nothing and reports false.
func (p *jsonParser) plainStr() ([]byte, bool) {
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			raw := p.s[p.i+1 : j]
			if !utf8.Valid(raw) {
				return nil, false
			}
			p.i = j + 1
			return raw, true
		case c == '\\' || c < 0x20:
			return nil, false
		}
	}
	return nil, false
}

// intern returns raw as a string, the same one as for an equal key read before.
func (p *jsonParser) intern(raw []byte) string {
	for _, k := range p.keys[:p.nkeys] {
		if k == string(raw) {
			return k
		}
	}
	k := string(raw)
	if p.nkeys < len(p.keys) {
		p.keys[p.nkeys] = k
		p.nkeys++
	}
	return k
}

// scalar reads a string, number, true, false or null.
func (p *jsonParser) scalar() (goja.Value, error) {
	switch c := p.s[p.i]; {
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return p.vm.ToValue(s), nil
	case c == 't':
		return p.word("true", p.vm.ToValue(true))
	case c == 'f':
		return p.word("false", p.vm.ToValue(false))
	case c == 'n':
		return p.word("null", goja.Null())
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return nil, p.unexpected()
}

func (p *jsonParser) word(w string, v goja.Value) (goja.Value, error) {
	for j := 0; j < len(w); j++ {
		if p.i >= len(p.s) || p.s[p.i] != w[j] {
			return nil, p.unexpected()
		}
		p.i++
	}
	return v, nil
}

func (p *jsonParser) number() (goja.Value, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.unexpected()
	}
	isInt := true
	if p.i < len(p.s) && p.s[p.i] == '.' {
		isInt = false
		p.i++
		if digits() == 0 {
			return nil, p.unexpected()
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		isInt = false
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.unexpected()
		}
	}
	if digits := p.s[start:p.i]; isInt && len(digits) < 16 && string(digits) != "-0" {
		var n int64
		neg := digits[0] == '-'
		if neg {
			digits = digits[1:]
		}
		for _, d := range digits {
			n = n*10 + int64(d-'0')
		}
		if neg {
			n = -n
		}
		return p.vm.ToValue(n), nil
	}
	f, err := strconv.ParseFloat(string(p.s[start:p.i]), 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, p.syntaxError("Invalid number in JSON at position " + strconv.Itoa(start))
	}
	return p.vm.ToValue(f), nil
}

// str reads a string literal. Escaped surrogates that do not pair stay lone code units, which
// only a UTF-16 goja string can hold; everything else is a Go string.
func (p *jsonParser) str() (goja.Value, error) {
	p.i++ // opening quote
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			s := p.s[start:p.i]
			p.i++
			if utf8.Valid(s) {
				return p.vm.ToValue(string(s)), nil
			}
			return p.vm.ToValue(string([]rune(string(s)))), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	// Slow path: escapes. Collect UTF-16 code units.
	p.buf = p.buf[:0]
	for _, r := range string(p.s[start:p.i]) {
		p.buf = utf16.AppendRune(p.buf, r)
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			if !hasLoneSurrogate(p.buf) {
				return p.vm.ToValue(string(utf16.Decode(p.buf))), nil
			}
			return p.vm.ToValue(goja.StringFromUTF16(p.buf)), nil
		case c < 0x20:
			return nil, p.unexpected()
		case c == '\\':
			p.i++
			if p.i >= len(p.s) {
				return nil, p.unexpected()
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case '"', '\\', '/':
				p.buf = append(p.buf, uint16(e))
			case 'b':
				p.buf = append(p.buf, '\b')
			case 'f':
				p.buf = append(p.buf, '\f')
			case 'n':
				p.buf = append(p.buf, '\n')
			case 'r':
				p.buf = append(p.buf, '\r')
			case 't':
				p.buf = append(p.buf, '\t')
			case 'u':
				if p.i+4 > len(p.s) {
					p.i = len(p.s)
					return nil, p.unexpected()
				}
				n, err := strconv.ParseUint(string(p.s[p.i:p.i+4]), 16, 16)
				if err != nil {
					return nil, p.unexpected()
				}
				p.i += 4
				p.buf = append(p.buf, uint16(n))
			default:
				p.i--
				return nil, p.unexpected()
			}
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			p.i += size
			p.buf = utf16.AppendRune(p.buf, r)
		}
	}
	return nil, p.syntaxError("Unterminated string in JSON at position " + strconv.Itoa(p.i))
}

func hasLoneSurrogate(u []uint16) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c >= 0xD800 && c <= 0xDBFF {
			if i+1 < len(u) && u[i+1] >= 0xDC00 && u[i+1] <= 0xDFFF {
				i++
				continue
			}
			return true
		}
		if c >= 0xDC00 && c <= 0xDFFF {
			return true
		}
	}
	return false
}
