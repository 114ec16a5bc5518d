package router

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the byte-level URL helpers Resolve needs: the WHATWG path
// normalisation Next.js gets from `new URL(req.url, base)`, JS decodeURIComponent for
// params, and the query re-serialisation of Next's trailing-slash redirect. All were
// checked against `next start` (Next.js 16.4.6, Node 20); see resolve_test.go.

const upperHex = "0123456789ABCDEF"

// inPathEncodeSet reports whether the WHATWG URL parser percent-encodes c in a path
// (https://url.spec.whatwg.org/#path-percent-encode-set, as Node 20 implements it: `^`
// and `|` stay). Control bytes and bytes >= 0x80 never reach it: Resolve rejects them
// first, as Node's HTTP parser does.
func inPathEncodeSet(c byte) bool {
	switch c {
	case ' ', '"', '#', '<', '>', '?', '`', '{', '}':
		return true
	}
	return c < 0x20 || c >= 0x7f
}

// inQueryEncodeSet is the special-query percent-encode set (http is a special scheme):
// the parser turns `'` into %27 and `"<>` into %22 %3C %3E.
func inQueryEncodeSet(c byte) bool {
	switch c {
	case ' ', '"', '#', '<', '>', '\'':
		return true
	}
	return c < 0x20 || c >= 0x7f
}

// encodeSet percent-encodes the bytes of s selected by set, or returns s unchanged
// (without allocating) when there are none.
func encodeSet(s string, set func(byte) bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if set(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; set(c) {
			b = append(b, '%', upperHex[c>>4], upperHex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// isSingleDot and isDoubleDot are the WHATWG "single-dot / double-dot URL path segment"
// tests: `.`, `%2e`, `..`, `.%2E`, `%2e.`, `%2E%2e` (hex case-insensitive).
func isSingleDot(s string) bool {
	return s == "." || (len(s) == 3 && s[0] == '%' && s[1] == '2' && (s[2] == 'e' || s[2] == 'E'))
}

func isDoubleDot(s string) bool {
	switch len(s) {
	case 2:
		return s == ".."
	case 4:
		return (s[0] == '.' && isSingleDot(s[1:])) || (isSingleDot(s[:3]) && s[3] == '.')
	case 6:
		return isSingleDot(s[:3]) && isSingleDot(s[3:])
	}
	return false
}

// Byte classes for scanTarget; 0 is "nothing to note".
const (
	clBad       = 1 + iota // control, DEL, >= 0x80: Node's parser answers 400
	clEncode               // in the path percent-encode set
	clSlash                // '/'
	clBackslash            // '\\'
	clHash                 // '#'
)

var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c <= ' ' || c >= 0x7f:
			t[c] = clBad
		case c == '/':
			t[c] = clSlash
		case c == '\\':
			t[c] = clBackslash
		case c == '#':
			t[c] = clHash
		case inPathEncodeSet(byte(c)):
			t[c] = clEncode
		}
	}
	return
}()

// pathScan is what one pass over a raw path finds.
type pathScan struct {
	bad       bool // a byte Node's HTTP parser refuses
	end       int  // where the path ends: len(p), or the index of a '#'
	slashes   bool // a `\` or `//`: Next redirects
	normalize bool // normalizePath would change p[:end]
}

// scanTarget is Resolve's one pass over the raw path p, which starts with '/'.
func scanTarget(p string) (s pathScan) {
	s.end = len(p)
	start := 1 // of the current segment
	for i := 1; i < len(p); i++ {
		cl := byteClass[p[i]]
		switch {
		case cl == 0:
			continue
		case cl == clBad:
			s.bad = true
			return
		case i > s.end: // after '#', only bad bytes matter
			continue
		}
		switch cl {
		case clEncode:
			s.normalize = true
		case clBackslash:
			s.slashes = true
		case clHash:
			s.end = i
		case clSlash:
			if p[i-1] == '/' {
				s.slashes = true
			}
			s.normalize = s.normalize || isDotSegment(p[start:i])
			start = i + 1
		}
	}
	if start <= s.end {
		s.normalize = s.normalize || isDotSegment(p[start:s.end])
	}
	return
}

func isDotSegment(seg string) bool {
	return len(seg) > 0 && len(seg) <= 6 && (seg[0] == '.' || seg[0] == '%') && (isSingleDot(seg) || isDoubleDot(seg))
}

// normalizePath runs the WHATWG path state over p (which starts with '/' and has no
// backslashes): dot segments are resolved ("/a/./b/../c" → "/a/c", "/api/." → "/api/",
// "/items/%2e%2e" → "/") and path-encode-set bytes are percent-encoded. This is the
// pathname Next.js routes on.
func normalizePath(p string) string {
	var segs []string
	rest := p[1:]
	for {
		seg, tail, more := strings.Cut(rest, "/")
		switch {
		case isDoubleDot(seg):
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
			if !more {
				segs = append(segs, "")
			}
		case isSingleDot(seg):
			if !more {
				segs = append(segs, "")
			}
		default:
			segs = append(segs, encodeSet(seg, inPathEncodeSet))
		}
		if !more {
			break
		}
		rest = tail
	}
	return "/" + strings.Join(segs, "/")
}

// collapseSlashes is Next's normalizeRepeatedSlashes on the path part: every `\`
// becomes `/`, then runs of `/` become one.
func collapseSlashes(p string) string {
	b := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\\' {
			c = '/'
		}
		if c == '/' && len(b) > 0 && b[len(b)-1] == '/' {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeComponent is JS decodeURIComponent: every `%` must start a two-digit escape and
// the escaped bytes must form valid UTF-8 (no overlongs, no surrogates), else ok is
// false (a URIError in JS; Next turns it into a DecodeError). Input without `%` is
// returned as is, without allocating.
func decodeComponent(s string) (string, bool) {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s, true
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) {
				return "", false
			}
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if !ok1 || !ok2 {
				return "", false
			}
			c = hi<<4 | lo
			i += 2
		}
		b = append(b, c)
	}
	// The raw path is ASCII (Resolve rejects other bytes), so every byte >= 0x80 came
	// from an escape, and valid UTF-8 here is exactly what decodeURIComponent accepts.
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// formDecode is the WHATWG application/x-www-form-urlencoded value decoding that
// URLSearchParams applies: `+` is a space, bad escapes stay literal, and invalid UTF-8
// becomes U+FFFD per maximal subpart.
func formDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '+':
			c = ' '
		case '%':
			if i+2 < len(s) {
				hi, ok1 := unhex(s[i+1])
				lo, ok2 := unhex(s[i+2])
				if ok1 && ok2 {
					c = hi<<4 | lo
					i += 2
				}
			}
		}
		b = append(b, c)
	}
	return utf8Replace(b)
}

// utf8Replace decodes b as the WHATWG UTF-8 decoder does: each maximal subpart of an
// ill-formed sequence (Unicode Table 3-7) becomes one U+FFFD. Go's strings.ToValidUTF8
// differs: it merges adjacent bad bytes into one replacement.
func utf8Replace(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			sb.Write(b[i : i+n])
			i += n
			continue
		}
		sb.WriteString("\uFFFD")
		i += maximalSubpart(b[i:])
	}
	return sb.String()
}

// maximalSubpart returns the length of the ill-formed prefix starting at b[0] that the
// decoder replaces by one U+FFFD.
func maximalSubpart(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF)
	need := 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lo || b[n] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}

// encodeURIComponent is JS encodeURIComponent for valid UTF-8 input.
func encodeURIComponent(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			sb.WriteByte(c)
			continue
		}
		switch c {
		case '-', '_', '.', '!', '~', '*', '\'', '(', ')':
			sb.WriteByte(c)
		default:
			sb.WriteByte('%')
			sb.WriteByte(upperHex[c>>4])
			sb.WriteByte(upperHex[c&15])
		}
	}
}

// isArrayIndex reports whether a JS object orders key k as an integer index: a
// canonical decimal below 2^32-1. Such keys come first, ascending.
func isArrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || (k[0] == '0' && len(k) > 1) {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	if err != nil || n >= 1<<32-1 {
		return 0, false
	}
	return n, true
}

// objectProtoKeys are the keys a plain JS object already "has" through
// Object.prototype. Next builds the query with `query[key] === undefined ? value :
// [existing, value]`, so for these the inherited function becomes a first, empty value
// ("?toString=x" → "toString=&toString=x") and `__proto__` is dropped.
var objectProtoKeys = map[string]bool{
	"constructor": true, "hasOwnProperty": true, "isPrototypeOf": true,
	"propertyIsEnumerable": true, "toLocaleString": true, "toString": true, "valueOf": true,
	"__defineGetter__": true, "__defineSetter__": true, "__lookupGetter__": true,
	"__lookupSetter__": true,
}

// redirectSearch rebuilds the query of Next's trailing-slash redirect: the query is
// parsed with URLSearchParams into an object (searchParamsToUrlQuery: repeated keys
// grouped at the first one, integer keys first), then written back with Node's
// querystring.stringify and encodeURIComponent. "?x=1&y" → "?x=1&y=", "?a+b=%41" →
// "?a%20b=A". It returns "" when nothing is left.
func redirectSearch(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	type group struct {
		key    string
		values []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, pair := range strings.Split(rawQuery, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, v = formDecode(k), formDecode(v)
		if k == "__proto__" {
			continue
		}
		g := byKey[k]
		if g == nil {
			g = &group{key: k}
			if objectProtoKeys[k] {
				g.values = append(g.values, "")
			}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.values = append(g.values, v)
	}
	// Integer-index keys first in numeric order, then the rest in insertion order
	// (JS OrdinaryOwnPropertyKeys).
	ordered := make([]*group, 0, len(groups))
	var idx []*group
	for _, g := range groups {
		if _, ok := isArrayIndex(g.key); ok {
			idx = append(idx, g)
		}
	}
	for i := 1; i < len(idx); i++ { // insertion sort: few keys
		for j := i; j > 0; j-- {
			a, _ := isArrayIndex(idx[j-1].key)
			b, _ := isArrayIndex(idx[j].key)
			if a <= b {
				break
			}
			idx[j-1], idx[j] = idx[j], idx[j-1]
		}
	}
	ordered = append(ordered, idx...)
	for _, g := range groups {
		if _, ok := isArrayIndex(g.key); !ok {
			ordered = append(ordered, g)
		}
	}
	var sb strings.Builder
	for _, g := range ordered {
		for _, v := range g.values {
			if sb.Len() == 0 {
				sb.WriteByte('?')
			} else {
				sb.WriteByte('&')
			}
			encodeURIComponent(&sb, g.key)
			sb.WriteByte('=')
			encodeURIComponent(&sb, v)
		}
	}
	return sb.String()
}
