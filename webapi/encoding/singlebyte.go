package encoding

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// singleByteDecoder is the single-byte decoder of the Encoding Standard §9.1: ASCII bytes are
// themselves, the others are looked up in the encoding's index, and an unmapped byte is an error.
type singleByteDecoder struct {
	table *[128]rune // bytes 0x80–0xFF; utf8.RuneError where the index has no code point
}

func (d *singleByteDecoder) reset() {}

func (d *singleByteDecoder) decode(out, in []byte, _, fatal bool) ([]byte, bool) {
	for _, b := range in {
		if b < 0x80 {
			out = append(out, b)
			continue
		}
		r := d.table[b-0x80]
		if r == utf8.RuneError && fatal {
			return out, false
		}
		out = utf8.AppendRune(out, r)
	}
	return out, true
}

var singleByteTables sync.Map // encoding name → *[128]rune

// nodeSingleByte are the bytes Node.js 20's ICU tables decode unlike the standard's indexes, and
// Node's answer (utf8.RuneError: an error): koi8-u keeps the old KOI8-U box drawing characters
// where the index has Ў and ў, windows-874 maps its unassigned bytes to private use characters,
// windows-1253 has ª at 0xAA, and windows-1255 has no U+05BA at 0xCA.
var nodeSingleByte = map[string]map[byte]rune{
	"koi8-u":       {0xAE: 0x255D, 0xBE: 0x256C},
	"windows-874":  {0xDB: 0xF8C1, 0xDC: 0xF8C2, 0xDD: 0xF8C3, 0xDE: 0xF8C4, 0xFC: 0xF8C5, 0xFD: 0xF8C6, 0xFE: 0xF8C7, 0xFF: 0xF8C8},
	"windows-1253": {0xAA: 0xAA},
	"windows-1255": {0xCA: utf8.RuneError},
}

// singleByteTable builds the index of a single-byte encoding from x/text's charmap. Those tables
// predate the standard's change that maps the bytes 0x80–0x9F that have no other code point to the
// C1 control of the same value (windows-1252 0x81 is U+0081, iso-8859-2 0x80 is U+0080): x/text
// still has U+FFFD there, and the standard's indexes have no unmapped byte in that range, so every
// U+FFFD there becomes the C1 control.
func singleByteTable(name string, cm *charmap.Charmap) *[128]rune {
	if t, ok := singleByteTables.Load(name); ok {
		return t.(*[128]rune)
	}
	t := new([128]rune)
	for i := range t {
		b := byte(0x80 + i)
		r := cm.DecodeByte(b)
		if r == utf8.RuneError && b <= 0x9F {
			r = rune(b)
		}
		t[i] = r
	}
	for b, r := range nodeSingleByte[name] {
		t[b-0x80] = r
	}
	singleByteTables.Store(name, t)
	return t
}
