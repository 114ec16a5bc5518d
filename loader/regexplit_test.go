package loader

import "testing"

func TestPropertyLiterals(t *testing.T) {
	tests := []struct{ in, want string }{
		{`var a = /[\n\r\p{Z}\p{P}]+/u;`, `var a = new RegExp("[\\n\\r\\p{Z}\\p{P}]+", "u");`},
		{`f(/[\p{L}\d]/giu.test(s), /[\P{L}]/u)`, `f(new RegExp("[\\p{L}\\d]", "giu").test(s), new RegExp("[\\P{L}]", "u"))`},
		{`return /^[\p{Lu}]$/u`, `return new RegExp("^[\\p{Lu}]$", "u")`},
		{`var b = /[\p{L}]/;`, `var b = /[\p{L}]/;`},             // no u flag: \p is "p" there, as in V8
		{`x = a / 2 + "\p{L}" / 3;`, `x = a / 2 + "\p{L}" / 3;`}, // divisions, no literal
		{`var c = /[a\/\p{N}]/u, d = 1;`, `var c = new RegExp("[a\\/\\p{N}]", "u"), d = 1;`},
		{`no property here`, `no property here`},
	}
	for _, tt := range tests {
		if got := propertyLiterals(tt.in); got != tt.want {
			t.Errorf("propertyLiterals(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
