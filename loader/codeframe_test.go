package loader

import "testing"

func TestCodeFrame(t *testing.T) {
	src := "function helper(n: number): number {\n  if (n > 1) {\n    throw new Error('boom at ' + n)\n  }\n  return n\n}\n\n"
	for _, c := range []struct {
		line, col, before, after int
		want                     string
	}{
		{3, 11, 2, 3, "  1 | function helper(n: number): number {\n  2 |   if (n > 1) {\n> 3 |     throw new Error('boom at ' + n)\n    |           ^\n  4 |   }\n  5 |   return n\n  6 | }"},
		{1, 0, 2, 1, "> 1 | function helper(n: number): number {\n  2 |   if (n > 1) {"},
		{6, 1, 1, 3, "  5 |   return n\n> 6 | }\n    | ^"}, // the blank lines after the end are left out
		{8, 1, 2, 2, "  6 | }\n  7 | \n> 8 | \n    | ^"},
		{9, 1, 2, 2, ""},
		{0, 1, 2, 2, ""},
	} {
		if got := CodeFrame(src, c.line, c.col, c.before, c.after); got != c.want {
			t.Errorf("CodeFrame(line %d, col %d) =\n%s\nwant\n%s", c.line, c.col, got, c.want)
		}
	}
	// Numbers are right-aligned when the frame crosses a power of ten; tabs stay under the caret.
	src = "a\nb\nc\nd\ne\nf\ng\nh\n\tx := 1\nj\nk\n"
	want := "   8 | h\n>  9 | \tx := 1\n     | \t^\n  10 | j"
	if got := CodeFrame(src, 9, 2, 1, 1); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
