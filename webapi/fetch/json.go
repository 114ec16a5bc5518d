package fetch

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// parseJSON implements Infra's "parse JSON bytes to a JavaScript value" for Body.json(): it
// builds goja values straight from the bytes. It is several times faster than JSON.parse on a
// decoded string, keeps object keys in document order, and — unlike goja's JSON.parse — keeps
// escaped lone surrogates ("\ud800") as the UTF-16 code units they are.
func parseJSON(vm *goja.Runtime, data []byte) (goja.Value, error) {
	// UTF-8 decode drops a leading BOM (Encoding §4.1 "UTF-8 decode").
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	return parseJSONText(vm, data)
}

// parseJSONText is JSON.parse of a text (no BOM dropped), its errors worded as V8 11 (Node 20)
// words them (src/json/json-parser.cc): a message per expectation, or the unexpected character
// shown with the text around it, positions in UTF-16 code units.
func parseJSONText(vm *goja.Runtime, data []byte) (goja.Value, error) {
	p := jsonParser{vm: vm, s: data}
	p.space()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.syntaxError("Unexpected non-whitespace character after JSON at position " + strconv.Itoa(p.pos()))
	}
	return v, nil
}

type jsonParser struct {
	vm  *goja.Runtime
	s   []byte
	i   int
	buf []uint16
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

// unexpected is V8's error for a character no rule expects at p.i: the end of the input, the
// whole text when it is one of the strings V8 names, else the character with up to ten
// characters of context on each side (the whole text when it is shorter than 21).
func (p *jsonParser) unexpected() error {
	if p.i >= len(p.s) {
		return p.syntaxError("Unexpected end of JSON input")
	}
	switch string(p.s) {
	case "[object Object]", "undefined", "Infinity", "NaN":
		return p.syntaxError(fmt.Sprintf("%q is not valid JSON", string(p.s)))
	}
	const context = 10
	src := utf16.Encode([]rune(string(p.s)))
	pos := p.pos()
	token := string(utf16.Decode(src[pos : pos+1]))
	text := func(from, to int) string { return string(utf16.Decode(src[from:to])) }
	var shown string
	switch {
	case len(src) < 2*context+1:
		shown = `"` + string(p.s) + `"`
	case pos < context:
		shown = `"` + text(0, pos+context) + `"...`
	case pos < len(src)-context:
		shown = `..."` + text(pos-context, pos+context) + `"...`
	default:
		shown = `..."` + text(pos-context, len(src)) + `"`
	}
	return p.syntaxError(fmt.Sprintf("Unexpected token '%s', %s is not valid JSON", token, shown))
}

// expected is V8's error naming what should have come at p.i (the end of the input included).
func (p *jsonParser) expected(what string) error {
	return p.syntaxError(what + " in JSON at position " + strconv.Itoa(p.pos()))
}

// pos is p.i in UTF-16 code units, as JavaScript counts positions in the text.
func (p *jsonParser) pos() int {
	n := 0
	for _, r := range string(p.s[:p.i]) {
		n += utf16.RuneLen(r)
	}
	return n
}

func (p *jsonParser) syntaxError(msg string) error {
	ctor := p.vm.Get("SyntaxError").(*goja.Object)
	o, err := p.vm.New(ctor, p.vm.ToValue(msg))
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
			k, err := p.key("Expected property name or '}'")
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
				return nil, p.afterItem(f)
			}
			switch c := p.s[p.i]; {
			case c == ',':
				p.i++
				p.space()
				if f.obj != nil {
					k, err := p.key("Expected double-quoted property name")
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
				return nil, p.afterItem(f)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// afterItem is the error for what follows an array element or a property value in f.
func (p *jsonParser) afterItem(f *frame) error {
	if f.obj == nil {
		return p.expected("Expected ',' or ']' after array element")
	}
	return p.expected("Expected ',' or '}' after property value")
}

// key reads an object member's name and the colon after it, and the space after that; missing
// is the error when there is no name.
func (p *jsonParser) key(missing string) (string, error) {
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		return "", p.expected(missing)
	}
	k, err := p.str()
	if err != nil {
		return "", err
	}
	p.space()
	if p.i >= len(p.s) || p.s[p.i] != ':' {
		return "", p.expected("Expected ':' after property name")
	}
	p.i++
	p.space()
	return k.String(), nil
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
		if p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			return nil, p.expected("Unexpected number")
		}
	} else if digits() == 0 {
		return nil, p.expected("No number after minus sign")
	}
	isInt := true
	if p.i < len(p.s) && p.s[p.i] == '.' {
		isInt = false
		p.i++
		if digits() == 0 {
			return nil, p.expected("Unterminated fractional number")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		isInt = false
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.expected("Exponent part is missing a number")
		}
	}
	text := string(p.s[start:p.i])
	if isInt && len(text) < 16 && text != "-0" {
		n, _ := strconv.ParseInt(text, 10, 64)
		return p.vm.ToValue(n), nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil, p.expected("Invalid number")
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
			return nil, p.expected("Bad control character in string literal")
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
				n := 0
				for k := 0; k < 4; k++ {
					d := -1
					if p.i < len(p.s) {
						switch h := p.s[p.i]; {
						case h >= '0' && h <= '9':
							d = int(h - '0')
						case h >= 'a' && h <= 'f':
							d = int(h-'a') + 10
						case h >= 'A' && h <= 'F':
							d = int(h-'A') + 10
						}
					}
					if d < 0 {
						return nil, p.expected("Bad Unicode escape")
					}
					n = n<<4 | d
					p.i++
				}
				p.buf = append(p.buf, uint16(n))
			default:
				p.i--
				return nil, p.expected("Bad escaped character")
			}
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			p.i += size
			p.buf = utf16.AppendRune(p.buf, r)
		}
	}
	return nil, p.expected("Unterminated string")
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
