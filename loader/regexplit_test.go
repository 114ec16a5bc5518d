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

func TestSurrogateLiterals(t *testing.T) {
	tests := []struct{ in, want string }{
		{`var re = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;`, `var re = /(?:(?!\uE000)[\uD800-\uDBFF\uE000])(?:(?!\uE000)[\uDC00-\uDFFF\uE000])/g;`},
		{`x(/[\ud83c][\udffb-\udfff]|[^\uD800-\uDFFF]/)`, `x(/(?:(?!\uE000)[\ud83c\uE000])(?:(?!\uE000)[\udffb-\udfff\uE000])|[^\uD800-\uDFFF]/)`},
		{`var u = /[\uD800-\uDBFF][\uDC00-\uDFFF]/u;`, `var u = /[\uD800-\uDBFF][\uDC00-\uDFFF]/u;`}, // u: code points, left alone
		{`var m = /[a\uD800]/;`, `var m = /[a\uD800]/;`},
	}
	for _, tt := range tests {
		if got := propertyLiterals(tt.in); got != tt.want {
			t.Errorf("propertyLiterals(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
