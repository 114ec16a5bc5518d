package buffer

import (
	"encoding/hex"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/encoding"
)

// The encodings of Buffer (https://nodejs.org/docs/latest-v20.x/api/buffer.html#buffers-and-character-encodings),
// by the canonical name normalizeEncoding gives them in buffer.js.
const (
	encUTF8 = iota
	encUTF16LE
	encLatin1
	encASCII
	encBase64
	encBase64URL
	encHex
)

var encNames = map[string]int{
	"utf8": encUTF8, "utf16le": encUTF16LE, "latin1": encLatin1, "ascii": encASCII,
	"base64": encBase64, "base64url": encBase64URL, "hex": encHex,
}

// units returns the UTF-16 code units of a JS string (a copy).
func units(s goja.String) []uint16 {
	n := s.Length()
	out := make([]uint16, n)
	for i := 0; i < n; i++ {
		out[i] = s.CharAt(i)
	}
	return out
}

// isASCIIString reports whether every code unit of s is below 0x80; goja keeps such strings as
// Go strings, so String() is then free and exact.
func isASCIIString(s goja.String) (string, bool) {
	str := s.String()
	if len(str) != s.Length() {
		return "", false
	}
	for i := 0; i < len(str); i++ {
		if str[i] >= 0x80 {
			return "", false
		}
	}
	return str, true
}

// encodeString converts a JS string to bytes in enc, as Buffer.from(string, enc) does.
//   - utf8: lone surrogates become U+FFFD (EF BF BD);
//   - utf16le: each code unit, little-endian;
//   - latin1 and ascii: the low byte of each code unit (Node writes "ascii" as latin1);
//   - base64 and base64url: both alphabets accepted, other characters skipped, "=" ends the data;
//   - hex: pairs of hex digits up to the first pair that is not one.
func encodeString(s goja.String, enc int) []byte {
	switch enc {
	case encUTF8:
		if a, ok := isASCIIString(s); ok {
			return []byte(a)
		}
		return []byte(s.String()) // goja's export already replaces lone surrogates with U+FFFD
	case encUTF16LE:
		n := s.Length()
		out := make([]byte, 2*n)
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			out[2*i], out[2*i+1] = byte(c), byte(c>>8)
		}
		return out
	case encLatin1, encASCII:
		if a, ok := isASCIIString(s); ok {
			return []byte(a)
		}
		n := s.Length()
		out := make([]byte, n)
		for i := 0; i < n; i++ {
			out[i] = byte(s.CharAt(i))
		}
		return out
	case encBase64, encBase64URL:
		return decodeBase64(encodeString(s, encLatin1), base64ByteLength(s))
	case encHex:
		return decodeHex(encodeString(s, encLatin1))
	}
	panic("buffer: unknown encoding")
}

func hexVal(c uint16) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return byte(c - '0'), true
	case c >= 'a' && c <= 'f':
		return byte(c - 'a' + 10), true
	case c >= 'A' && c <= 'F':
		return byte(c - 'A' + 10), true
	}
	return 0, false
}

var base64Val [256]byte

func init() {
	for i := range base64Val {
		base64Val[i] = 0xFF
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(std); i++ {
		base64Val[std[i]] = byte(i)
	}
	base64Val['-'] = 62
	base64Val['_'] = 63
}

// decodeBase64 is Node's lenient base64 decoder over the low bytes of the string's code units
// (Node reads a string with code units above 0xFF that way): both alphabets, characters outside
// them (whitespace included) skipped, the first "=" ends the input, a last group of one character
// yields nothing; at most max bytes (Buffer.byteLength's estimate, which Buffer.from allocates).
func decodeBase64(in []byte, max int) []byte {
	out := make([]byte, 0, len(in)*3/4+2)
	var acc uint32
	k := 0
	for _, c := range in {
		if c == '=' {
			break
		}
		v := base64Val[c]
		if v == 0xFF {
			continue
		}
		acc = acc<<6 | uint32(v)
		k++
		if k == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, k = 0, 0
		}
	}
	switch k {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// decodeHex reads pairs of hex digits up to the first pair that is not one; an odd last digit
// is dropped.
func decodeHex(in []byte) []byte {
	out := make([]byte, 0, len(in)/2)
	for i := 0; i+1 < len(in); i += 2 {
		hi, ok1 := hexVal(uint16(in[i]))
		lo, ok2 := hexVal(uint16(in[i+1]))
		if !ok1 || !ok2 {
			break
		}
		out = append(out, hi<<4|lo)
	}
	return out
}

// base64ByteLength is Buffer.byteLength(s, "base64"): the length without up to two trailing "=",
// times 3/4 (rounded down).
func base64ByteLength(s goja.String) int {
	n := s.Length()
	if n > 0 && s.CharAt(n-1) == '=' {
		n--
		if n > 0 && s.CharAt(n-1) == '=' {
			n--
		}
	}
	return n * 3 >> 2
}

// byteLength is Buffer.byteLength(string, enc).
func byteLength(s goja.String, enc int) int {
	switch enc {
	case encUTF8:
		if a, ok := isASCIIString(s); ok {
			return len(a)
		}
		n, size := s.Length(), 0
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			switch {
			case c < 0x80:
				size++
			case c < 0x800:
				size += 2
			case c >= 0xD800 && c <= 0xDBFF && i+1 < n && s.CharAt(i+1) >= 0xDC00 && s.CharAt(i+1) <= 0xDFFF:
				size += 4
				i++
			default:
				size += 3
			}
		}
		return size
	case encUTF16LE:
		return 2 * s.Length()
	case encLatin1, encASCII:
		return s.Length()
	case encBase64, encBase64URL:
		return base64ByteLength(s)
	case encHex:
		return s.Length() >> 1
	}
	return 0
}

// decodeBytes is buf.toString(enc): the JS string the bytes b stand for.
func decodeBytes(vm *goja.Runtime, b []byte, enc int) goja.Value {
	switch enc {
	case encUTF8:
		if isASCII(b) {
			return vm.ToValue(string(b))
		}
		return vm.ToValue(encoding.DecodeUTF8NoBOM(b))
	case encUTF16LE:
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		}
		return goja.StringFromUTF16(u)
	case encLatin1:
		if isASCII(b) {
			return vm.ToValue(string(b))
		}
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return vm.ToValue(string(r))
	case encASCII:
		out := make([]byte, len(b))
		for i, c := range b {
			out[i] = c & 0x7F
		}
		return vm.ToValue(string(out))
	case encBase64:
		return vm.ToValue(b64std.EncodeToString(b))
	case encBase64URL:
		return vm.ToValue(b64url.EncodeToString(b))
	case encHex:
		return vm.ToValue(hex.EncodeToString(b))
	}
	panic("buffer: unknown encoding")
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// writeString is buf.write(string, offset, length, enc) on dst (already cut to offset and
// length): it writes what fits and returns the byte count. UTF-8 never writes part of a
// character, UTF-16LE never half a code unit.
func writeString(dst []byte, s goja.String, enc int) int {
	switch enc {
	case encUTF8:
		if a, ok := isASCIIString(s); ok {
			return copy(dst, a)
		}
		str := s.String()
		if len(str) <= len(dst) {
			return copy(dst, str)
		}
		n := 0
		for n < len(str) {
			_, size := utf8.DecodeRuneInString(str[n:])
			if n+size > len(dst) {
				break
			}
			n += size
		}
		return copy(dst, str[:n])
	case encUTF16LE:
		n := min(s.Length(), len(dst)/2)
		for i := 0; i < n; i++ {
			c := s.CharAt(i)
			dst[2*i], dst[2*i+1] = byte(c), byte(c>>8)
		}
		return 2 * n
	}
	return copy(dst, encodeString(s, enc))
}

// isUTF8 is buffer.isUtf8: b is well-formed UTF-8 (no surrogates, no overlongs).
func isUTF8(b []byte) bool { return utf8.Valid(b) }
