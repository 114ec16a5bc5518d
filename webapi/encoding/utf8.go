package encoding

import "unicode/utf8"

// utf8Decoder is the UTF-8 decoder of the Encoding Standard §8.1.1, fed chunk by chunk. Its
// error handling is the standard's ("maximal subpart"): a truncated sequence is one U+FFFD, and the
// byte that broke it is read again on its own, which Go's utf8.DecodeRune does not do.
type utf8Decoder struct {
	codePoint   rune
	bytesSeen   int
	bytesNeeded int
	lower       byte
	upper       byte
}

func (d *utf8Decoder) reset() { *d = utf8Decoder{} }

// decode appends the code points of in to out as UTF-8. flush processes end-of-queue: a sequence
// still open then is an error. With fatal, ok is false at the first error (out is then partial).
func (d *utf8Decoder) decode(out, in []byte, flush, fatal bool) (_ []byte, ok bool) {
	// Fast path: between sequences, a chunk that is valid UTF-8 is its own decoding. Go's notion of
	// valid (no surrogates, no overlongs, nothing above U+10FFFF) is the standard's.
	if d.bytesNeeded == 0 && utf8.Valid(in) {
		return append(out, in...), true
	}
	if d.lower == 0 {
		d.lower, d.upper = 0x80, 0xBF
	}
	for i := 0; i < len(in); i++ {
		b := in[i]
		if d.bytesNeeded == 0 {
			// Copy ASCII runs and whole valid sequences at once.
			if b < 0x80 {
				j := i + 1
				for j < len(in) && in[j] < 0x80 {
					j++
				}
				out = append(out, in[i:j]...)
				i = j - 1
				continue
			}
			if r, n := utf8.DecodeRune(in[i:]); r != utf8.RuneError || n > 1 {
				out = append(out, in[i:i+n]...)
				i += n - 1
				continue
			}
			// 3. The first byte of a sequence (or an invalid byte).
			switch {
			case b >= 0xC2 && b <= 0xDF:
				d.bytesNeeded, d.codePoint = 1, rune(b&0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					d.lower = 0xA0
				} else if b == 0xED {
					d.upper = 0x9F
				}
				d.bytesNeeded, d.codePoint = 2, rune(b&0x0F)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					d.lower = 0x90
				} else if b == 0xF4 {
					d.upper = 0x8F
				}
				d.bytesNeeded, d.codePoint = 3, rune(b&0x07)
			default:
				if fatal {
					return out, false
				}
				out = utf8.AppendRune(out, utf8.RuneError)
			}
			continue
		}
		// 4. A continuation byte outside the allowed range ends the sequence with an error, and
		// the byte is restored to the queue (read again).
		if b < d.lower || b > d.upper {
			d.codePoint, d.bytesNeeded, d.bytesSeen = 0, 0, 0
			d.lower, d.upper = 0x80, 0xBF
			if fatal {
				return out, false
			}
			out = utf8.AppendRune(out, utf8.RuneError)
			i--
			continue
		}
		// 5–9.
		d.lower, d.upper = 0x80, 0xBF
		d.codePoint = d.codePoint<<6 | rune(b&0x3F)
		d.bytesSeen++
		if d.bytesSeen != d.bytesNeeded {
			continue
		}
		out = utf8.AppendRune(out, d.codePoint)
		d.codePoint, d.bytesNeeded, d.bytesSeen = 0, 0, 0
	}
	// 1. End-of-queue inside a sequence is an error.
	if flush && d.bytesNeeded != 0 {
		d.reset()
		if fatal {
			return out, false
		}
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out, true
}

// DecodeUTF8 is "UTF-8 decode" (Encoding Standard §6): a leading BOM is dropped and invalid
// sequences become U+FFFD. It is what Body.text() and Response.json() read with.
func DecodeUTF8(b []byte) string {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	return DecodeUTF8NoBOM(b)
}

// DecodeUTF8NoBOM is "UTF-8 decode without BOM" (Encoding Standard §6), as the
// application/x-www-form-urlencoded parser uses it.
func DecodeUTF8NoBOM(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var d utf8Decoder
	out, _ := d.decode(make([]byte, 0, len(b)+8), b, true, false)
	return string(out)
}
