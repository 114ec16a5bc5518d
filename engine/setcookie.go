package engine

import "strings"

// splitSetCookies splits each Set-Cookie value that holds several cookies joined with commas
// (`'a=1; Path=/, b=2'`) into one value per cookie, as Next's sendResponse does before writing
// the lines (splitCookiesString in next/dist/server/web/utils.js, after set-cookie-parser): a comma
// separates cookies when, after optional whitespace, the characters up to the next `=`, `;` or `,`
// end at an `=`. The comma of an Expires date (`Wed, 21 Oct ...;`) does not. Values without a
// comma come back as they are, in the same slice.
func splitSetCookies(vs []string) []string {
	split := false
	for _, v := range vs {
		if strings.IndexByte(v, ',') >= 0 {
			split = true
			break
		}
	}
	if !split {
		return vs
	}
	out := make([]string, 0, len(vs)+1)
	for _, v := range vs {
		out = append(out, splitCookiesString(v)...)
	}
	return out
}

// splitCookiesString is Next's function of that name, transcribed.
func splitCookiesString(s string) []string {
	var out []string
	pos, start := 0, 0
	skipSpace := func() bool {
		for pos < len(s) && isJSSpace(s[pos]) {
			pos++
		}
		return pos < len(s)
	}
	for pos < len(s) {
		start = pos
		found := false
		for skipSpace() {
			if s[pos] != ',' {
				pos++
				continue
			}
			lastComma := pos
			pos++
			skipSpace()
			nextStart := pos
			for pos < len(s) && s[pos] != '=' && s[pos] != ';' && s[pos] != ',' {
				pos++
			}
			if pos < len(s) && s[pos] == '=' {
				found = true
				pos = nextStart
				out = append(out, s[start:lastComma])
				start = pos
			} else {
				pos = lastComma + 1
			}
		}
		if !found || pos >= len(s) {
			out = append(out, s[start:])
		}
	}
	return out
}

// isJSSpace is /\s/ on one byte of a header value: Node reads header values as latin-1, so the
// byte 0xA0 is U+00A0, which \s matches too.
func isJSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0xA0
}
