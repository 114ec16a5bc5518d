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
	if !strings.Contains(code, `\p{`) && !strings.Contains(code, `\P{`) {
		return code
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(code); {
		j := strings.Index(code[i:], `{`)
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		if at < 2 || code[at-2] != '\\' || (code[at-1] != 'p' && code[at-1] != 'P') {
			continue
		}
		start, end, body, flags, ok := literalAround(code, at-2)
		if !ok || start < last {
			continue
		}
		pat, _ := json.Marshal(body)
		fl, _ := json.Marshal(flags)
		b.WriteString(code[last:start])
		b.WriteString("new RegExp(" + string(pat) + ", " + string(fl) + ")")
		last = end
		i = end
	}
	if last == 0 {
		return code
	}
	b.WriteString(code[last:])
	return b.String()
}

// literalAround finds a u-flag regular expression literal on pos's line that contains pos.
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
		flags = code[e+1 : f]
		if !strings.Contains(flags, "u") {
			return 0, 0, "", "", false
		}
		return s, f, code[s+1 : e], flags, true
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
