package engine

import "testing"

// TestNodeProperties: the \p{…} expressions Go's tables lack (satori's in next/og among them) expand to
// Node's ranges (regexpprops_node.go, generated from Node 20's RegExp).
func TestNodeProperties(t *testing.T) {
	tests := []struct {
		expr    string
		in, out []rune
	}{
		{"Emoji", []rune{'😀', '#', '9', '©'}, []rune{'a', 'é'}},
		{"EMod", []rune{0x1F3FB, 0x1F3FF}, []rune{'😀'}},
		{"RI", []rune{0x1F1E6, 0x1F1FF}, []rune{'A'}},
		{"Math", []rune{'+', '∑', '^'}, []rune{'a', '-'}},
		{"scx=Hira", []rune{'あ', 'ー'}, []rune{'ア' + 0x60, 'a'}},
		{"scx=Kana", []rune{'ア', 'ー'}, []rune{'あ'}},
		{"scx=Han", []rune{'漢', '、'}, []rune{'a'}},
		{"ID_Start", []rune{'a', 'é', '漢', 'ǅ'}, []rune{'1', '$', '_', ' '}},
		{"IDC", []rune{'a', '1', '_', 0x300}, []rune{'$', '-', ' '}},
		{"Alpha", []rune{'a', 'Ω', 0x345}, []rune{'1', '_'}},
		{"Lowercase", []rune{'a', 'ª'}, []rune{'A', '1'}},
	}
	has := func(rs [][2]rune, c rune) bool {
		for _, r := range rs {
			if r[0] <= c && c <= r[1] {
				return true
			}
		}
		return false
	}
	for _, tt := range tests {
		rs, err := propertyRanges(tt.expr)
		if err != nil {
			t.Errorf("propertyRanges(%q): %v", tt.expr, err)
			continue
		}
		for _, c := range tt.in {
			if !has(rs, c) {
				t.Errorf("\\p{%s} does not match %U", tt.expr, c)
			}
		}
		for _, c := range tt.out {
			if has(rs, c) {
				t.Errorf("\\p{%s} matches %U", tt.expr, c)
			}
		}
	}
	// urlpattern-polyfill's identifier classes (graphql-yoga loads it through @whatwg-node/fetch).
	if _, err := expandProperties(`[$_\u200C\u200D\p{ID_Continue}]`); err != nil {
		t.Errorf("expandProperties: %v", err)
	}
	if _, err := expandProperties(`\p{RI}\p{RI}|\p{Emoji}(\p{EMod}|\u{FE0F})?`); err != nil {
		t.Errorf("expandProperties: %v", err)
	}
}
