package fetch_test

import (
	"testing"
)

// Body.json() parses as JSON.parse does (Infra "parse JSON bytes to a JavaScript value"),
// checked against Node 20.
func TestBodyJSON(t *testing.T) {
	cases := []struct{ name, body, expr, want string }{
		{"object keys keep document order", `{"z":1,"a":2,"m":{"y":true,"b":null}}`, `JSON.stringify(v)`, `{"z":1,"a":2,"m":{"y":true,"b":null}}`},
		{"numbers", `[0,-0,1.5,-2e3,1E-2,12345678901234567890]`, `v.map(String).join() + ',' + Object.is(v[1], -0)`, `0,0,1.5,-2000,0.01,12345678901234567000,true`},
		{"escapes", `"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude80"`, `JSON.stringify(v)`, `"a\"b\\c/d\b\f\n\r\té🚀"`},
		{"lone surrogate kept", `{"lone":"\ud800"}`, `v.lone.length + ':' + v.lone.charCodeAt(0).toString(16) + ':' + JSON.stringify(v)`, `1:d800:{"lone":"\ud800"}`},
		{"raw unicode", `"Zoë 🚀"`, `v + ':' + v.length`, `Zoë 🚀:6`},
		{"BOM is skipped", "\ufeff[1]", `v[0]`, `1`},
		{"__proto__ is an own key", `{"__proto__":{"x":1}}`, `Object.keys(v).join() + ':' + (v.x === undefined) + ':' + (Object.getPrototypeOf(v) === Object.prototype)`, `__proto__:true:true`},
		{"whitespace", " \n\t{ \"a\" : [ 1 , 2 ] } \r\n", `v.a.length`, `2`},
		{"nested arrays", `[[],[[]],{}]`, `JSON.stringify(v)`, `[[],[[]],{}]`},
		{"true false null", `[true,false,null]`, `JSON.stringify(v)`, `[true,false,null]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := env(t)
			e.VM.Set("body", c.body)
			got := e.Run(`const v = await new Response(body).json(); return String(` + c.expr + `)`).String()
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	bad := []string{``, `{`, `{"a":}`, `[1,]`, `01`, `"\x"`, `{"a" 1}`, `tru`, `1 2`, "\"a\nb\"", `NaN`, `'a'`}
	for _, b := range bad {
		t.Run("rejects "+b, func(t *testing.T) {
			e := env(t)
			e.VM.Set("body", b)
			got := e.Run(`try { await new Response(body).json(); return 'parsed' } catch (err) { return err.name }`).String()
			if got != "SyntaxError" {
				t.Errorf("%q: got %q, want SyntaxError", b, got)
			}
		})
	}
}
