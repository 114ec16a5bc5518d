package url

import (
	"strings"
	"unicode/utf8"

	"github.com/jsroute/jsroute/webapi/encoding"
)

// ParseForm is the application/x-www-form-urlencoded parser (URL Standard §5.1): the input is
// split on "&", each piece on its first "=", "+" is a space, percent-escapes are decoded (a "%"
// not followed by two hex digits stays as it is) and the bytes are read as UTF-8 with U+FFFD for
// errors. Empty pieces are skipped.
func ParseForm(input string) [][2]string {
	if input == "" {
		return nil
	}
	list := make([][2]string, 0, strings.Count(input, "&")+1)
	for len(input) > 0 {
		var seq string
		if i := strings.IndexByte(input, '&'); i >= 0 {
			seq, input = input[:i], input[i+1:]
		} else {
			seq, input = input, ""
		}
		if seq == "" {
			continue
		}
		name, value := seq, ""
		if i := strings.IndexByte(seq, '='); i >= 0 {
			name, value = seq[:i], seq[i+1:]
		}
		list = append(list, [2]string{formDecode(name), formDecode(value)})
	}
	return list
}

// formDecode replaces "+" by a space, percent-decodes and UTF-8 decodes without BOM.
func formDecode(s string) string {
	if !strings.ContainsAny(s, "+%") && utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return encoding.DecodeUTF8NoBOM(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// SerializeForm is the application/x-www-form-urlencoded serializer (URL Standard §5.2): names
// and values are UTF-8 percent-encoded with the application/x-www-form-urlencoded percent-encode
// set, a space becoming "+", joined as name=value pairs with "&".
func SerializeForm(list [][2]string) string {
	n := 0
	for _, p := range list {
		n += len(p[0]) + len(p[1]) + 2
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range list {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, p[0])
		b.WriteByte('=')
		formEncode(&b, p[1])
	}
	return b.String()
}

// formEncode writes s percent-encoded: only ASCII alphanumerics and *-._ are outside the
// application/x-www-form-urlencoded percent-encode set (§1.3).
func formEncode(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '*' || c == '-' || c == '.' || c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}
