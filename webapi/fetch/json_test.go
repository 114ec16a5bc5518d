package fetch_test

import (
	"fmt"
	"runtime/debug"
	"strings"
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
		// The parser reuses the strings of keys it has read (up to 32 of them).
		{"repeated and escaped keys", `[{"a":1,"b":"x"},{"b":2,"a":-3},{"a\u0062":4,"\"q":5,"é":6}]`, `JSON.stringify(v) + ':' + Object.keys(v[2]).join('|')`, `[{"a":1,"b":"x"},{"b":2,"a":-3},{"ab":4,"\"q":5,"é":6}]:ab|"q|é`},
		{"more distinct keys than the parser keeps", manyKeys, `Object.keys(v).length + ':' + v.k0 + ':' + v.k39 + ':' + Object.keys(v).slice(-2).join()`, `40:-20:again:k38,k39`},
		{"integers", `[-1,-0,255,256,-123456789012345,999999999999999,1234567890123456]`, `v.map(String).join() + ',' + Object.is(v[1], -0)`, `-1,0,255,256,-123456789012345,999999999999999,1234567890123456,true`},
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

// manyKeys is {"k0":-20,…,"k39":19,"k39":"again"}: 40 distinct keys, the last one repeated.
var manyKeys = func() string {
	var b strings.Builder
	b.WriteString("{")
	for i := range 40 {
		fmt.Fprintf(&b, `"k%d":%d,`, i, i-20)
	}
	b.WriteString(`"k39":"again"}`)
	return b.String()
}()

// Deep nesting never overflows the Go stack: Node 20 parses 3,000,000 nested arrays with
// JSON.parse and Body.json() alike (its parser is iterative); so do we. The test runs 300,000
// levels with the goroutine stack capped at 32 MB, which a parser recursing on the Go stack
// (goja's: about 1 KB a level) overflows. A reviver on a deep text is a catchable RangeError;
// a deep text that is not JSON is a SyntaxError.
func TestDeepJSON(t *testing.T) {
	const depth = 300_000
	defer debug.SetMaxStack(debug.SetMaxStack(32 << 20))
	e := env(t)
	e.VM.Set("depth", depth)
	cases := []struct{ name, src, want string }{
		{"JSON.parse", `let v = JSON.parse('['.repeat(depth) + ']'.repeat(depth)); let n = 0; while (Array.isArray(v) && v.length) { v = v[0]; n++ } return n + 1`, "300000"},
		{"Body.json", `let v = await new Response('['.repeat(depth) + '1' + ']'.repeat(depth)).json(); let n = 0; while (Array.isArray(v)) { v = v[0]; n++ } return n + ':' + v`, "300000:1"},
		{"objects", `let v = JSON.parse('{"a":'.repeat(5000) + '"x"' + '}'.repeat(5000)); let n = 0; while (typeof v === 'object') { v = v.a; n++ } return n + v`, "5000x"},
		{"unbalanced", `try { JSON.parse('['.repeat(depth)); return 'parsed' } catch (e) { return e.name }`, "SyntaxError"},
		{"reviver", `try { JSON.parse('['.repeat(5000) + ']'.repeat(5000), (k, v) => v); return 'parsed' } catch (e) { return e.name + ': ' + e.message }`, "RangeError: Maximum call stack size exceeded"},
		{"brackets in strings do not count", `return JSON.parse(JSON.stringify({ s: '['.repeat(5000) })).s.length`, "5000"},
		{"shallow texts keep goja's parser", `try { JSON.parse('{"a":1,}') } catch (e) { return e.name }`, "SyntaxError"},
		{"JSON.parse itself", `return JSON.parse.name + JSON.parse.length + JSON.parse('[1,{"b":[2]}]', (k, v) => typeof v === 'number' ? v * 10 : v)[1].b[0]`, "parse220"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := e.Run(c.src).String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// JSON.stringify (and Response.json) throw Node's RangeError past 4,500 levels instead of
// running for minutes (or overflowing the Go stack) inside goja; shallower values, cycles,
// toJSON and replacers behave as before.
func TestDeepJSONStringify(t *testing.T) {
	e := env(t)
	cases := []struct{ name, src, want string }{
		{"4,000 levels serialize", `let o = {}; for (let i = 0; i < 4000; i++) o = { o }; return JSON.stringify(o).length`, "24002"},
		{"200,000 levels throw", `let o = {}; for (let i = 0; i < 200000; i++) o = { o }; try { JSON.stringify(o); return 'done' } catch (e) { return e.name + ': ' + e.message }`, "RangeError: Maximum call stack size exceeded"},
		{"arrays from request.json()", `const v = await new Response('['.repeat(100000) + ']'.repeat(100000)).json(); try { Response.json(v); return 'done' } catch (e) { return e.name }`, "RangeError"},
		{"a cycle is still a TypeError", `const o = {}; o.self = o; try { JSON.stringify(o) } catch (e) { return e.name }`, "TypeError"},
		{"a cycle 100 deep is a TypeError", `const top = {}; let o = top; for (let i = 0; i < 100; i++) o = o.o = {}; o.o = top; try { JSON.stringify(top) } catch (e) { return e.name }`, "TypeError"},
		{"a cycle 5,000 deep is a RangeError, as in Node", `const top = {}; let o = top; for (let i = 0; i < 5000; i++) o = o.o = {}; o.o = top; try { JSON.stringify(top) } catch (e) { return e.name }`, "RangeError"},
		{"toJSON, replacer and space", `return JSON.stringify({ a: { toJSON() { return 1 } }, b: [1, { c: 2 }] }, (k, v) => k === 'c' ? 3 : v, 1)`, "{\n \"a\": 1,\n \"b\": [\n  1,\n  {\n   \"c\": 3\n  }\n ]\n}"},
		// The guard rides along as goja's replacer: what user code sees does not change (answers
		// from Node 20).
		{"a getter runs once", `let n = 0; const o = { get g() { n++; return { x: 1 } } }; JSON.stringify(o); return String(n)`, "1"},
		{"JSON.stringify inside toJSON", `return JSON.stringify({ a: { toJSON() { return JSON.stringify({ b: [1, { c: 2 }] }) } }, d: [3] })`, `{"a":"{\"b\":[1,{\"c\":2}]}","d":[3]}`},
		{"a deep value from toJSON", `try { JSON.stringify({ a: { toJSON() { let o = {}; for (let i = 0; i < 200000; i++) o = { o }; return o } } }); return 'done' } catch (e) { return e.name }`, "RangeError"},
		{"a deep value with a replacer array", `let o = {}; for (let i = 0; i < 200000; i++) o = { o }; try { JSON.stringify(o, ['o']); return 'done' } catch (e) { return e.name }`, "RangeError"},
		{"one object at 3,000 places", `const x = { y: [1, 2] }; let o = { a: x }; for (let i = 0; i < 3000; i++) o = { o, x }; return String(JSON.stringify(o).length)`, "66017"},
		{"the caller's replacer sees its holders", `const seen = []; JSON.stringify({ a: { b: 1 } }, function (k, v) { seen.push(k + ':' + Object.keys(this).join('|')); return v }); return seen.join(',')`, ":,a:a,b:b"},
		{"arrays and objects 3,000 deep", `let o = [1]; for (let i = 0; i < 3000; i++) o = [i, 'x', o, { k: i }]; return String(JSON.stringify(o).length)`, "63783"},
		{"the function itself", `return JSON.stringify.name + JSON.stringify.length + JSON.stringify('x') + JSON.stringify(undefined)`, `stringify3"x"undefined`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := e.Run(c.src).String(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
