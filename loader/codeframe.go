package loader

import (
	"fmt"
	"strings"
)

// CodeFrame renders the lines of src around line (1-based) as `next dev` prints the place of an error: each
// line numbered, the line itself marked with ">", a caret under column col (1-based; no caret when col is 0),
// up to before lines above it and after lines below. "" when src has no such line.
//
//	  1 | function helper(n: number): number {
//	  2 |   if (n > 1) {
//	> 3 |     throw new Error('boom at ' + n)
//	    |           ^
//	  4 |   }
func CodeFrame(src string, line, col, before, after int) string {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	first, last := max(1, line-before), min(len(lines), line+after)
	for last > line && strings.TrimSpace(lines[last-1]) == "" {
		last-- // no blank tail
	}
	width := len(fmt.Sprint(last))
	var b strings.Builder
	for n := first; n <= last; n++ {
		mark := " "
		if n == line {
			mark = ">"
		}
		text := strings.TrimRight(lines[n-1], " \t")
		fmt.Fprintf(&b, "%s %*d | %s\n", mark, width, n, text)
		if n == line && col > 0 {
			fmt.Fprintf(&b, "  %s | %s^\n", strings.Repeat(" ", width), caretIndent(lines[n-1], col))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}
