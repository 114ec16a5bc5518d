package loader

import (
	"encoding/json"
	"strings"
)

// esbuild lowers a regular expression literal with a Unicode property escape (/\p{L}/u) to
// `new RegExp("\\p{L}", "u")` — which the engine's RegExp wrapper expands, since goja's own
// \p{…} matches the literal text — but only when the escape stands outside a character class:
// /[\p{L}\p{N}]+/u (minisearch) is printed as it is. propertyLiterals rewrites such literals in
// the bundle the same way. It runs on esbuild's output, where a regex literal follows one of the
// punctuators or keywords below; only a literal with the u flag that holds \p{ or \P{ changes,
// and only columns after it on its line move in the source map.
func propertyLiterals(code string) string {
	if !strings.Contains(code, `\p{`) && !strings.Contains(code, `\P{`) && !strings.Contains(code, `[\uD`) && !strings.Contains(code, `[\ud`) {
		return code
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(code); {
		j := strings.IndexAny(code[i:], "{[")
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		var pos int
		switch {
		case code[at] == '{' && at >= 2 && code[at-2] == '\\' && (code[at-1] == 'p' || code[at-1] == 'P'):
			pos = at - 2
		case code[at] == '[' && strings.HasPrefix(strings.ToLower(code[at:min(at+4, len(code))]), `[\ud`):
			pos = at
		default:
			continue
		}
		start, end, body, flags, ok := literalAround(code, pos)
		if !ok || start < last {
			continue
		}
		var repl string
		if strings.Contains(flags, "u") {
			if !strings.Contains(body, `\p{`) && !strings.Contains(body, `\P{`) {
				continue
			}
			pat, _ := json.Marshal(body)
			fl, _ := json.Marshal(flags)
			repl = "new RegExp(" + string(pat) + ", " + string(fl) + ")"
		} else {
			fixed, changed := SurrogateClasses(body)
			if !changed {
				continue
			}
			repl = "/" + fixed + "/" + flags
		}
		b.WriteString(code[last:start])
		b.WriteString(repl)
		last = end
		i = end
	}
	if last == 0 {
		return code
	}
	b.WriteString(code[last:])
	return b.String()
}

// SurrogateClasses works around a regexp2 bug goja inherits (dlclark/regexp2, which goja uses for global
// matches and for patterns RE2 cannot take): in a pattern without the u flag, a character class made only of
// surrogate code units next to another (/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, the `he` package's astral
// symbol) never matches. A class holding one more character does, so each class of only surrogates,
// written with \u escapes, becomes (?:(?!\uE000)[…\uE000]): the same set, the extra character excluded by
// the lookahead. It reports whether it changed src.
func SurrogateClasses(src string) (string, bool) {
	var b strings.Builder
	changed := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\\' && i+1 < len(src) {
			b.WriteString(src[i : i+2])
			i++
			continue
		}
		if c != '[' {
			b.WriteByte(c)
			continue
		}
		end, ok := surrogateClassEnd(src, i+1)
		if !ok {
			// Copy the class as it is.
			e := classEnd(src, i+1)
			b.WriteString(src[i:e])
			i = e - 1
			continue
		}
		b.WriteString(`(?:(?!\uE000)[`)
		b.WriteString(src[i+1 : end])
		b.WriteString(`\uE000])`)
		changed = true
		i = end
	}
	return b.String(), changed
}

// surrogateClassEnd returns the index of the `]` closing a class body starting at i when every member is a
// \uXXXX escape of a surrogate (D800–DFFF) or a range of them.
func surrogateClassEnd(src string, i int) (int, bool) {
	n := 0
	for i < len(src) {
		switch {
		case src[i] == ']':
			return i, n > 0
		case src[i] == '-' && n > 0:
			i++
		case strings.HasPrefix(src[i:], `\u`) && i+6 <= len(src) && isSurrogateHex(src[i+2:i+6]):
			i += 6
			n++
		default:
			return 0, false
		}
	}
	return 0, false
}

func isSurrogateHex(h string) bool {
	h = strings.ToUpper(h)
	return h[0] == 'D' && h[1] >= '8' && h[1] <= 'F' && isHex(h[2]) && isHex(h[3])
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

// classEnd returns the index just past the `]` that closes a class whose body starts at i.
func classEnd(src string, i int) int {
	for ; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case ']':
			return i + 1
		}
	}
	return len(src)
}

// literalAround finds a regular expression literal on pos's line that contains pos.
func literalAround(code string, pos int) (start, end int, body, flags string, ok bool) {
	lineStart := strings.LastIndexByte(code[:pos], '\n') + 1
	for s := pos - 1; s >= lineStart; s-- {
		if code[s] != '/' || !regexCanStart(code[lineStart:s]) {
			continue
		}
		e, closed := scanRegexBody(code, s+1)
		if !closed || e <= pos {
			continue
		}
		f := e + 1
		for f < len(code) && code[f] >= 'a' && code[f] <= 'z' {
			f++
		}
		return s, f, code[s+1 : e], code[e+1 : f], true
	}
	return 0, 0, "", "", false
}

// regexCanStart reports whether a `/` after before starts a regex literal (rather than dividing).
func regexCanStart(before string) bool {
	t := strings.TrimRight(before, " \t")
	if t == "" {
		return true
	}
	if strings.ContainsRune("(,=:[!&|?{};+-*%<>~^", rune(t[len(t)-1])) {
		return true
	}
	for _, kw := range []string{"return", "typeof", "case", "in", "of", "void", "yield", "await", "else", "do"} {
		if strings.HasSuffix(t, kw) && (len(t) == len(kw) || !isIdent(t[len(t)-len(kw)-1])) {
			return true
		}
	}
	return false
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// scanRegexBody returns the index of the `/` closing a regex body that starts at i.
func scanRegexBody(code string, i int) (int, bool) {
	inClass := false
	for ; i < len(code); i++ {
		switch code[i] {
		case '\n':
			return 0, false
		case '\\':
			i++
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return i, true
			}
		}
	}
	return 0, false
}
