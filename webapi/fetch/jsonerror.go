package fetch

import (
	"strconv"

	"github.com/dop251/goja"
)

// jsonText is a JSON text as the UTF-16 code units ECMAScript strings are made of (goja.String is one).
type jsonText interface {
	CharAt(int) uint16
	Length() int
}

// v8JSONMessage is the message of the SyntaxError Node 20's JSON.parse throws for s (V8 11.3,
// src/json/json-parser.cc), or ok false when s is valid JSON. goja's own messages ("invalid character
// 'n' looking for beginning of object key string") reach answers whenever a route returns err.message for
// a bad body, so failed parses are explained again the way V8 does: the first error in document order,
// positions in UTF-16 code units, and for an unexpected token up to ten units of the text around it once
// the text is longer than twenty. The messages are checked against Node's in
// testdata/json-errors.json.
//
// It runs only after a parse failed, so it favours being a plain transcription of V8's decisions over
// speed. Nesting is kept on an explicit stack (a deep unbalanced text must not recurse).
func v8JSONMessage(s jsonText) (msg goja.String, ok bool) {
	p := v8JSONScan{s: s, n: s.Length()}
	if m := p.run(); m != nil {
		return m, true
	}
	return nil, false
}

type v8JSONScan struct {
	s    jsonText
	n, i int
}

func (p *v8JSONScan) at(i int) uint16 { return p.s.CharAt(i) }

func (p *v8JSONScan) space() {
	for p.i < p.n {
		switch p.at(p.i) {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// expected is one of V8's "Expected ... in JSON at position N" messages (MessageTemplate
// kJsonParseExpected*), which V8 gives even at the end of the text.
func (p *v8JSONScan) expected(what string) goja.String {
	return ascii(what + " in JSON at position " + strconv.Itoa(p.i))
}

func ascii(s string) goja.String { return goja.StringFromUTF16(utf16Units(s)) }

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			u = append(u, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		u = append(u, uint16(r))
	}
	return u
}

// unexpected is JsonParser::ReportUnexpectedToken without a specific message: the end of the text, a
// number or a string where none may be, or any other character, quoted with its context.
func (p *v8JSONScan) unexpected() goja.String {
	if p.i >= p.n {
		return ascii("Unexpected end of JSON input")
	}
	c := p.at(p.i)
	switch {
	case c == '-' || (c >= '0' && c <= '9'):
		return ascii("Unexpected number in JSON at position " + strconv.Itoa(p.i))
	case c == '"':
		return ascii("Unexpected string in JSON at position " + strconv.Itoa(p.i))
	}
	// kMaxContextCharacters = 10; texts of up to 20 units are quoted whole.
	const ctx = 10
	head := ascii("Unexpected token '").Concat(goja.StringFromUTF16([]uint16{c})).Concat(ascii("', "))
	switch {
	case p.n <= 2*ctx:
		whole := goja.StringFromUTF16(p.units(0, p.n))
		// IsSpecialString: what String(x) gives for the values people pass to JSON.parse by mistake.
		switch whole.String() {
		case "NaN", "Infinity", "undefined", "[object Object]":
			return ascii(`"`).Concat(whole).Concat(ascii(`" is not valid JSON`))
		}
		return head.Concat(ascii(`"`)).Concat(whole).Concat(ascii(`" is not valid JSON`))
	case p.i < ctx:
		return head.Concat(ascii(`"`)).Concat(goja.StringFromUTF16(p.units(0, p.i+ctx))).Concat(ascii(`"... is not valid JSON`))
	case p.i < p.n-ctx:
		return head.Concat(ascii(`..."`)).Concat(goja.StringFromUTF16(p.units(p.i-ctx, p.i+ctx))).Concat(ascii(`"... is not valid JSON`))
	default:
		return head.Concat(ascii(`..."`)).Concat(goja.StringFromUTF16(p.units(p.i-ctx, p.n))).Concat(ascii(`" is not valid JSON`))
	}
}

func (p *v8JSONScan) units(from, to int) []uint16 {
	u := make([]uint16, 0, to-from)
	for i := from; i < to; i++ {
		u = append(u, p.at(i))
	}
	return u
}

// container is an array or object being scanned.
type container byte

const (
	inArray container = iota
	inObject
)

// run scans the whole text as V8's JsonParser::ParseJsonValue does and returns the first error's message.
func (p *v8JSONScan) run() goja.String {
	var stack []container
	for {
		// A value.
		p.space()
		if p.i >= p.n {
			return p.unexpected()
		}
		switch c := p.at(p.i); {
		case c == '"':
			if m := p.str(); m != nil {
				return m
			}
		case c == '-' || (c >= '0' && c <= '9'):
			if m := p.number(); m != nil {
				return m
			}
		case c == 't':
			if m := p.literal("true"); m != nil {
				return m
			}
		case c == 'f':
			if m := p.literal("false"); m != nil {
				return m
			}
		case c == 'n':
			if m := p.literal("null"); m != nil {
				return m
			}
		case c == '[':
			p.i++
			p.space()
			if p.i < p.n && p.at(p.i) == ']' {
				p.i++
				break
			}
			stack = append(stack, inArray)
			continue
		case c == '{':
			p.i++
			p.space()
			if p.i < p.n && p.at(p.i) == '}' {
				p.i++
				break
			}
			if m := p.key("Expected property name or '}'"); m != nil {
				return m
			}
			stack = append(stack, inObject)
			continue
		default:
			return p.unexpected()
		}
		// After a value: close containers, or go on to the next item.
		for {
			if len(stack) == 0 {
				p.space()
				if p.i < p.n {
					return ascii("Unexpected non-whitespace character after JSON at position " + strconv.Itoa(p.i))
				}
				return nil
			}
			p.space()
			top := stack[len(stack)-1]
			var c uint16
			if p.i < p.n {
				c = p.at(p.i)
			}
			if top == inArray {
				switch {
				case p.i < p.n && c == ',':
					p.i++
				case p.i < p.n && c == ']':
					p.i++
					stack = stack[:len(stack)-1]
					continue
				default:
					return p.expected("Expected ',' or ']' after array element")
				}
			} else {
				switch {
				case p.i < p.n && c == ',':
					p.i++
					p.space()
					if m := p.key("Expected double-quoted property name"); m != nil {
						return m
					}
				case p.i < p.n && c == '}':
					p.i++
					stack = stack[:len(stack)-1]
					continue
				default:
					return p.expected("Expected ',' or '}' after property value")
				}
			}
			break
		}
	}
}

// key scans `"name" :` at the cursor (whitespace before it skipped), with V8's message when no name starts.
func (p *v8JSONScan) key(noName string) goja.String {
	if p.i >= p.n || p.at(p.i) != '"' {
		return p.expected(noName)
	}
	if m := p.str(); m != nil {
		return m
	}
	p.space()
	if p.i >= p.n || p.at(p.i) != ':' {
		return p.expected("Expected ':' after property name")
	}
	p.i++
	return nil
}

// str scans a string from its opening quote (JsonParser::ScanJsonString).
func (p *v8JSONScan) str() goja.String {
	p.i++
	for {
		if p.i >= p.n {
			return p.expected("Unterminated string")
		}
		c := p.at(p.i)
		switch {
		case c == '"':
			p.i++
			return nil
		case c < 0x20:
			return p.expected("Bad control character in string literal")
		case c == '\\':
			p.i++
			if p.i >= p.n {
				return p.unexpected()
			}
			switch p.at(p.i) {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				p.i++
				for k := 0; k < 4; k++ {
					if p.i >= p.n || !isHexUnit(p.at(p.i)) {
						return p.expected("Bad Unicode escape")
					}
					p.i++
				}
			default:
				return p.expected("Bad escaped character")
			}
		default:
			p.i++
		}
	}
}

func isHexUnit(c uint16) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func (p *v8JSONScan) digit() bool { return p.i < p.n && p.at(p.i) >= '0' && p.at(p.i) <= '9' }

// number scans a number (JsonParser::ParseJsonNumber).
func (p *v8JSONScan) number() goja.String {
	if p.at(p.i) == '-' {
		p.i++
		if !p.digit() {
			return p.expected("No number after minus sign")
		}
	}
	if p.at(p.i) == '0' {
		p.i++
		if p.digit() {
			return p.unexpected()
		}
	} else {
		for p.digit() {
			p.i++
		}
	}
	if p.i < p.n && p.at(p.i) == '.' {
		p.i++
		if !p.digit() {
			return p.expected("Unterminated fractional number")
		}
		for p.digit() {
			p.i++
		}
	}
	if p.i < p.n && (p.at(p.i) == 'e' || p.at(p.i) == 'E') {
		p.i++
		if p.i < p.n && (p.at(p.i) == '+' || p.at(p.i) == '-') {
			p.i++
		}
		if !p.digit() {
			return p.expected("Exponent part is missing a number")
		}
		for p.digit() {
			p.i++
		}
	}
	return nil
}

// literal scans true, false or null (JsonParser::ScanLiteral): the first character that differs is the
// unexpected token, or the end of the text.
func (p *v8JSONScan) literal(word string) goja.String {
	p.i++
	for k := 1; k < len(word); k++ {
		if p.i >= p.n || p.at(p.i) != uint16(word[k]) {
			return p.unexpected()
		}
		p.i++
	}
	return nil
}
