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

// splitCookiesString splits one Set-Cookie value at every comma that begins another cookie: one
// followed, after optional whitespace, by a name that ends at `=` before any `;` or `,`. The
// whitespace after such a comma is dropped; everything else stays in its piece. An empty value
// gives no cookie.
func splitCookiesString(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		next := i + 1
		for next < len(s) && isJSSpace(s[next]) {
			next++
		}
		if startsCookie(s[next:]) {
			out = append(out, s[start:i])
			start = next
		}
	}
	return append(out, s[start:])
}

// startsCookie reports whether s begins with a cookie name followed by `=`.
func startsCookie(s string) bool {
	end := strings.IndexAny(s, "=;,")
	return end >= 0 && s[end] == '='
}

// isJSSpace is /\s/ on one byte of a header value: Node reads header values as latin-1, so the
// byte 0xA0 is U+00A0, which \s matches too.
func isJSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0xA0
}
