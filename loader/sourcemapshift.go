package loader

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// shiftSourceMap moves the generated columns of the inline source map at the end of code (the old text,
// whose edits within lines made out) so they point at the same tokens in out. Edits never add or remove a
// line. Columns are UTF-16 code units, as in esbuild's maps (Source Map Revision 3: "zero-based column").
// Code without an inline map is fine; it reports false when code has one it cannot read.
func shiftSourceMap(out, code string, edits []edit) (string, bool) {
	i := strings.LastIndex(out, inlineMapPrefix)
	j := strings.LastIndex(code, inlineMapPrefix)
	if i < 0 && j < 0 {
		return out, true
	}
	if i < 0 || j < 0 {
		return out, false
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[j+len(inlineMapPrefix):]))
	if err != nil {
		return out, false
	}
	var m map[string]json.RawMessage
	var mappings string
	if json.Unmarshal(raw, &m) != nil || json.Unmarshal(m["mappings"], &mappings) != nil {
		return out, false
	}
	// Per line of code: (UTF-16 column of the edit's end in the old line, shift) pairs.
	type shift struct{ col, by int }
	shifts := map[int][]shift{}
	line, lineStart, at := 0, 0, 0
	for _, e := range edits {
		for ; at < e.at; at++ {
			if code[at] == '\n' {
				line++
				lineStart = at + 1
			}
		}
		end := utf16Len(code[lineStart:e.at]) + utf16Len(code[e.at:e.at+e.del])
		shifts[line] = append(shifts[line], shift{end, len(e.text) - utf16Len(code[e.at:e.at+e.del])})
	}
	var b strings.Builder
	for n, l := range strings.Split(mappings, ";") {
		if n > 0 {
			b.WriteByte(';')
		}
		sh := shifts[n]
		if len(sh) == 0 || l == "" {
			b.WriteString(l)
			continue
		}
		col, prevOut := 0, 0
		for k, seg := range strings.Split(l, ",") {
			vals, ok := vlqDecode(seg)
			if !ok || len(vals) == 0 {
				return out, false
			}
			col += vals[0]
			newCol := col
			for _, s := range sh {
				if col >= s.col {
					newCol += s.by
				}
			}
			if k > 0 {
				b.WriteByte(',')
			}
			vals[0] = newCol - prevOut
			prevOut = newCol
			for _, v := range vals {
				vlqEncode(&b, v)
			}
		}
	}
	enc, _ := json.Marshal(b.String())
	m["mappings"] = enc
	raw, err = json.Marshal(m)
	if err != nil {
		return out, false
	}
	return out[:i] + inlineMapPrefix + base64.StdEncoding.EncodeToString(raw) + "\n", true
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r != utf8.RuneError {
			n += 2
		} else {
			n++
		}
	}
	return n
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// vlqDecode reads one mapping segment: base64 VLQ numbers (Source Map Revision 3, "mappings").
func vlqDecode(seg string) ([]int, bool) {
	var vals []int
	shiftBits, acc := 0, 0
	for i := 0; i < len(seg); i++ {
		d := strings.IndexByte(vlqChars, seg[i])
		if d < 0 {
			return nil, false
		}
		acc |= (d & 31) << shiftBits
		if d&32 != 0 {
			shiftBits += 5
			continue
		}
		v := acc >> 1
		if acc&1 != 0 {
			v = -v
		}
		vals = append(vals, v)
		shiftBits, acc = 0, 0
	}
	return vals, shiftBits == 0
}

func vlqEncode(b *strings.Builder, v int) {
	u := v << 1
	if v < 0 {
		u = (-v)<<1 | 1
	}
	for {
		d := u & 31
		u >>= 5
		if u > 0 {
			d |= 32
		}
		b.WriteByte(vlqChars[d])
		if u == 0 {
			return
		}
	}
}
