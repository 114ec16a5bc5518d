package engine

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Unicode property escapes (ECMA-262 §22.2.2.9 CharacterClassEscape :: p{ UnicodePropertyValueExpression })
// are not understood by goja: /\p{L}/u matches the text "p{L}" (research/goja-esbuild.md §1), a silently wrong
// answer. esbuild turns such literals into `new RegExp("\\p{L}", "u")`; the prelude's RegExp constructor hands
// a pattern holding \p{…} or \P{…} under the u flag to expandProperties, which replaces each escape with the
// equivalent class built from Go's Unicode tables. A property Go has no table for is a SyntaxError naming it,
// never a wrong match.

// gcLongNames maps General_Category long names (Unicode PropertyValueAliases.txt) to Go's short ones.
var gcLongNames = map[string]string{
	"Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll", "Titlecase_Letter": "Lt",
	"Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Combining_Mark": "M", "Nonspacing_Mark": "Mn",
	"Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N", "Decimal_Number": "Nd", "digit": "Nd",
	"Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc",
	"Dash_Punctuation": "Pd", "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
	"Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc",
	"Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z", "Space_Separator": "Zs", "Line_Separator": "Zl",
	"Paragraph_Separator": "Zp", "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs",
	"Private_Use": "Co", "Unassigned": "Cn",
}

// propertyRanges returns the code point ranges (inclusive pairs, sorted) of one property expression: a
// General_Category value (L, Letter, gc=L, General_Category=Letter), a script (Script=Greek, sc=Grek is not
// supported: Go keys scripts by long name), or a binary property Go has (White_Space, ASCII, Any, ...).
func propertyRanges(expr string) ([][2]rune, error) {
	if long, ok := nodePropertyAliases[expr]; ok {
		expr = long
	}
	if rs, ok := nodeProperties[expr]; ok { // emoji, Math, ID_Start..., some Script_Extensions: regexpprops_node.go
		return rs, nil
	}
	name, value, hasValue := strings.Cut(expr, "=")
	var tables []*unicode.RangeTable
	switch {
	case hasValue && (name == "General_Category" || name == "gc"):
		tables = categoryTables(value)
	case hasValue && (name == "Script" || name == "sc" || name == "Script_Extensions" || name == "scx"):
		if t := unicode.Scripts[value]; t != nil {
			tables = []*unicode.RangeTable{t}
		}
	case hasValue:
	case expr == "Any":
		return [][2]rune{{0, unicode.MaxRune}}, nil
	case expr == "ASCII":
		return [][2]rune{{0, 0x7f}}, nil
	case expr == "Assigned":
		return complement(rangesOf(categoryTables("Cn"))), nil
	default:
		tables = categoryTables(expr)
		if tables == nil {
			if t := unicode.Properties[expr]; t != nil {
				tables = []*unicode.RangeTable{t}
			}
		}
	}
	if tables == nil {
		return nil, fmt.Errorf("Invalid regular expression: /\\p{%s}/: Invalid property name (jsroute knows General_Category, Script and Go's binary properties)", expr)
	}
	return rangesOf(tables), nil
}

// categoryTables finds a General_Category by short or long name; Cn (unassigned) and LC are derived.
func categoryTables(v string) []*unicode.RangeTable {
	if short, ok := gcLongNames[v]; ok {
		v = short
	}
	switch v {
	case "LC":
		return []*unicode.RangeTable{unicode.Lu, unicode.Ll, unicode.Lt}
	case "Cn":
		var all []*unicode.RangeTable
		for k, t := range unicode.Categories {
			if len(k) == 1 {
				all = append(all, t)
			}
		}
		return []*unicode.RangeTable{rangeTable(complement(rangesOf(all)))}
	case "C":
		return []*unicode.RangeTable{unicode.C, rangeTable(complement(rangesOf(categoryTablesAll())))}
	}
	if t := unicode.Categories[v]; t != nil {
		return []*unicode.RangeTable{t}
	}
	return nil
}

func categoryTablesAll() []*unicode.RangeTable {
	var all []*unicode.RangeTable
	for k, t := range unicode.Categories {
		if len(k) == 1 {
			all = append(all, t)
		}
	}
	return all
}

func rangeTable(rs [][2]rune) *unicode.RangeTable {
	t := &unicode.RangeTable{}
	for _, r := range rs {
		t.R32 = append(t.R32, unicode.Range32{Lo: uint32(r[0]), Hi: uint32(r[1]), Stride: 1})
	}
	return t
}

// rangesOf merges tables into sorted, disjoint, inclusive ranges.
func rangesOf(tables []*unicode.RangeTable) [][2]rune {
	var rs [][2]rune
	add := func(lo, hi, stride uint32) {
		if stride == 1 {
			rs = append(rs, [2]rune{rune(lo), rune(hi)})
			return
		}
		for c := lo; c <= hi; c += stride {
			rs = append(rs, [2]rune{rune(c), rune(c)})
		}
	}
	for _, t := range tables {
		for _, r := range t.R16 {
			add(uint32(r.Lo), uint32(r.Hi), uint32(r.Stride))
		}
		for _, r := range t.R32 {
			add(r.Lo, r.Hi, r.Stride)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	var out [][2]rune
	for _, r := range rs {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			if r[1] > out[n-1][1] {
				out[n-1][1] = r[1]
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// complement returns the code points outside rs (sorted, disjoint).
func complement(rs [][2]rune) [][2]rune {
	var out [][2]rune
	next := rune(0)
	for _, r := range rs {
		if r[0] > next {
			out = append(out, [2]rune{next, r[0] - 1})
		}
		next = r[1] + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, [2]rune{next, unicode.MaxRune})
	}
	return out
}

// classBody writes ranges as the inside of a u-mode character class.
func classBody(b *strings.Builder, rs [][2]rune) {
	for _, r := range rs {
		fmt.Fprintf(b, `\u{%X}`, r[0])
		if r[1] != r[0] {
			fmt.Fprintf(b, `-\u{%X}`, r[1])
		}
	}
}

// expandProperties rewrites every \p{…} and \P{…} of a u-mode pattern as a character class. Inside a class, \p
// adds its ranges and \P its complement's.
func expandProperties(src string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && (src[i+1] == 'p' || src[i+1] == 'P') && i+2 < len(src) && src[i+2] == '{':
			end := strings.IndexByte(src[i+3:], '}')
			if end < 0 {
				return "", fmt.Errorf("Invalid regular expression: /%s/: Invalid property name", src)
			}
			rs, err := propertyRanges(src[i+3 : i+3+end])
			if err != nil {
				return "", err
			}
			negate := src[i+1] == 'P'
			switch {
			case inClass && negate:
				classBody(&b, complement(rs))
			case inClass:
				classBody(&b, rs)
			case negate:
				b.WriteString("[^")
				classBody(&b, rs)
				b.WriteByte(']')
			default:
				b.WriteByte('[')
				classBody(&b, rs)
				b.WriteByte(']')
			}
			i += 3 + end
		case c == '\\' && i+1 < len(src):
			b.WriteByte(c)
			b.WriteByte(src[i+1])
			i++
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
		case c == ']' && inClass:
			inClass = false
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
