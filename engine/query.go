package engine

import "strings"

// nextQuery is the query of request.url behind `next start`: Next rebuilds the URL from its parsed
// query, so the raw query comes out as URLSearchParams serialises it (recorded: `?query=a%20b`
// reads `?query=a+b`, `?b` reads `?b=`; e2e/testdata/nextjs/metadata-app.json "raw-query"). It is
// the application/x-www-form-urlencoded parser and serializer of the URL Standard (§5.1, §5.2).
// A query that serialises to itself (the usual case) is returned without allocating.
func nextQuery(raw string) string {
	if formCanonical(raw) {
		return raw
	}
	var b strings.Builder
	first := true
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		if !first {
			b.WriteByte('&')
		}
		first = false
		formEncode(&b, formDecode(name))
		b.WriteByte('=')
		formEncode(&b, formDecode(value))
	}
	return b.String()
}

// formCanonical reports whether raw is already what nextQuery would make of it: non-empty pairs
// of name=value made of bytes the serializer leaves alone.
func formCanonical(raw string) bool {
	start, eq := 0, false
	for i := 0; i <= len(raw); i++ {
		if i == len(raw) || raw[i] == '&' {
			if i == start || !eq {
				return false
			}
			start, eq = i+1, false
			continue
		}
		c := raw[i]
		switch {
		case c == '=':
			if eq {
				return false
			}
			eq = true
		case formSafe(c):
		default:
			return false
		}
	}
	return true
}

// formSafe: the bytes the urlencoded serializer writes as they are.
func formSafe(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '*' || c == '-' || c == '.' || c == '_'
}

// formDecode replaces + with a space and percent-decodes, leaving malformed escapes as they are.
func formDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			out = append(out, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

// formEncode writes s as the urlencoded serializer does: space as +, safe bytes as they are,
// every other byte of its UTF-8 as %XX. (Invalid UTF-8 from a decoded escape stays bytes, where
// JS would have replaced it with U+FFFD first.)
func formEncode(b *strings.Builder, s string) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case formSafe(c):
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
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
	}
	return c - 'A' + 10
}
