package encoding

import "unicode/utf8"

// utf16Decoder is the shared UTF-16 decoder of the Encoding Standard §14.2.1 (UTF-16BE when
// bigEndian, else UTF-16LE), fed chunk by chunk.
type utf16Decoder struct {
	bigEndian     bool
	leadByte      int  // -1: none
	leadSurrogate rune // 0: none
}

func newUTF16Decoder(bigEndian bool) *utf16Decoder {
	return &utf16Decoder{bigEndian: bigEndian, leadByte: -1}
}

func (d *utf16Decoder) reset() { d.leadByte, d.leadSurrogate = -1, 0 }

func (d *utf16Decoder) decode(out, in []byte, flush, fatal bool) (_ []byte, ok bool) {
	for _, b := range in {
		// 3. Keep the first byte of a code unit.
		if d.leadByte < 0 {
			d.leadByte = int(b)
			continue
		}
		// 4. Combine the two bytes.
		var cu rune
		if d.bigEndian {
			cu = rune(d.leadByte)<<8 | rune(b)
		} else {
			cu = rune(b)<<8 | rune(d.leadByte)
		}
		d.leadByte = -1
		// 5. After a lead surrogate: a trail surrogate completes the pair; anything else is an
		// error, and the code unit is read again (the standard restores its two bytes).
		if d.leadSurrogate != 0 {
			lead := d.leadSurrogate
			d.leadSurrogate = 0
			if cu >= 0xDC00 && cu <= 0xDFFF {
				out = utf8.AppendRune(out, 0x10000+(lead-0xD800)<<10+(cu-0xDC00))
				continue
			}
			if fatal {
				return out, false
			}
			out = utf8.AppendRune(out, utf8.RuneError)
		}
		switch {
		case cu >= 0xD800 && cu <= 0xDBFF: // 6.
			d.leadSurrogate = cu
		case cu >= 0xDC00 && cu <= 0xDFFF: // 7.
			if fatal {
				return out, false
			}
			out = utf8.AppendRune(out, utf8.RuneError)
		default: // 8.
			out = utf8.AppendRune(out, cu)
		}
	}
	// 1. End-of-queue with a byte or a lead surrogate pending is an error.
	if flush && (d.leadByte >= 0 || d.leadSurrogate != 0) {
		d.reset()
		if fatal {
			return out, false
		}
		out = utf8.AppendRune(out, utf8.RuneError)
	}
	return out, true
}
