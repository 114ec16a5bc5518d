package console_test

import (
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// formatCase is one util.format call: setup (statements) then args (a JS argument list). With
// JSROUTE_NODE=1 the expectation is checked against the local Node.js too.
type formatCase struct {
	name, setup, args, want string
}

func checkFormat(t *testing.T, tests []formatCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *webapi.Realm
			env := webapitest.New(t, webapitest.Options{}, console.Install, func(realm *webapi.Realm) { r = realm })
			arr := env.Run(tt.setup + "\nreturn [" + tt.args + "]").(*goja.Object)
			var args []goja.Value
			for _, k := range arr.Keys() {
				args = append(args, arr.Get(k))
			}
			if got := console.Format(r, args); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if os.Getenv("JSROUTE_NODE") == "1" {
				out, err := exec.Command("node", "-e", tt.setup+"\nprocess.stdout.write(require('util').format("+tt.args+"))").Output()
				if err != nil {
					t.Fatalf("node: %v", err)
				}
				if string(out) != tt.want {
					t.Errorf("node gives\n%s", out)
				}
			}
		})
	}
}

func TestFormatPlaceholders(t *testing.T) {
	checkFormat(t, []formatCase{
		{name: "plain strings", args: `'a', 'b c'`, want: "a b c"},
		{name: "one string is returned as is", args: `'%s %d'`, want: "%s %d"},
		{name: "all placeholders", args: `'%s|%d|%i|%f|%j|%O|%c|%%|%x', 'str', '42.5', '42.5', '42.5', {a: 1}, {c: 2}, 'color:red'`,
			want: `str|42.5|42|42.5|{"a":1}|{ c: 2 }||%|%x`},
		{name: "%o shows hidden properties", args: `'%o', {b: [1]}`, want: "{ b: [ 1, [length]: 1 ] }"},
		{name: "%s inspects objects to depth 0", args: `'%s', {a: {b: {c: 1}}}, '%s', 'extra'`, want: "{ a: [Object] } %s extra"},
		{name: "%s with numbers and bigints", args: `'%s %s %s', 1.5, -0, 3n`, want: "1.5 -0 3n"},
		{name: "%s uses a custom toString", args: `'%s', {toString() { return 'custom' }}`, want: "custom"},
		{name: "%s with class instances, arrays, errors' messages", setup: `class A { constructor() { this.x = 1 } }`, args: `'%s %s %s', new A(), [1, [2, [3]]], new Error('es').message`,
			want: "A { x: 1 } [ 1, [Array] ] es"},
		{name: "%d and %i edge cases", args: `'%d %d %d %i %f', 5n, Symbol(), {}, '0x10', 'abc'`, want: "5n NaN NaN 16 NaN"},
		{name: "missing arguments leave the placeholder", args: `'%s and %s', 'one'`, want: "one and %s"},
		{name: "extra arguments are appended and inspected", args: `'a', 1, 'b', {c: 1}`, want: "a 1 b { c: 1 }"},
		{name: "null, undefined, booleans", args: `'%s', null, undefined, true`, want: "null undefined true"},
		{name: "a lone percent", args: `'100%', 5`, want: "100% 5"},
		{name: "%j of a circular structure", setup: `const c = {}; c.c = c`, args: `'%j', c`, want: "[Circular]"},
		{name: "%j of undefined", args: `'%j', undefined`, want: "undefined"},
		{name: "a non-string first argument", args: `{a: 1}, 'x'`, want: "{ a: 1 } x"},
		{name: "%c consumes its argument", args: `'%cred%c', 'color: red', ''`, want: "red"},
	})
}

func TestInspect(t *testing.T) {
	checkFormat(t, []formatCase{
		{name: "primitives", args: `[1, -0, 1.5, 4e21, NaN, Infinity, 10n, true, null, undefined, Symbol('s')]`,
			want: "[\n  1,         -0,\n  1.5,       4e+21,\n  NaN,       Infinity,\n  10n,       true,\n  null,      undefined,\n  Symbol(s)\n]"},
		{name: "string quoting and escapes", args: `['\u0001\x7f\x9f\'"\\ \t\n', "it's", 'a"b\'c', 'a"b\'c` + "`" + `d']`,
			want: "[ `\\x01\\x7F\\x9F'\"\\\\ \\t\\n`, \"it's\", `a\"b'c`, 'a\"b\\'c`d' ]"},
		{name: "nested objects to depth 2", args: `{a: 1, b: 'x', c: [1, 2, {d: {e: {f: 1}}}], g: null, h: undefined, i: -0, j: 10n, k: Symbol('s'), 'l-m': 1, [Symbol('n')]: 2}`,
			want: "{\n  a: 1,\n  b: 'x',\n  c: [ 1, 2, { d: [Object] } ],\n  g: null,\n  h: undefined,\n  i: -0,\n  j: 10n,\n  k: Symbol(s),\n  'l-m': 1,\n  [Symbol(n)]: 2\n}"},
		{name: "depth limit", args: `[[1, [2, [3, [4]]]]], {a: {b: {c: {d: {}}}}}`, want: "[ [ 1, [ 2, [Array] ] ] ] { a: { b: { c: [Object] } } }"},
		{name: "key quoting", args: `{ 'a b': 1, 1: 2, _ok: 3, $no: 4, 'é': 5 }`, want: "{ '1': 2, 'a b': 1, _ok: 3, '$no': 4, 'é': 5 }"},
		{name: "functions and classes", args: `function f() {}, () => {}, async function g() {}, function* h() {}, class A {}, class B extends Array {}, Math.max`,
			want: "[Function: f] [Function (anonymous)] [AsyncFunction: g] [GeneratorFunction: h] [class A] [class B extends Array] [Function: max]"},
		{name: "functions with properties", args: `Object.assign(() => {}, {p: 1}), Object.assign(function named() {}, {p: 1})`,
			want: "[Function (anonymous)] { p: 1 } [Function: named] { p: 1 }"},
		{name: "circular references", setup: `const o = {x: 1}; o.self = o; o.arr = [o]`, args: `o`, want: "<ref *1> { x: 1, self: [Circular *1], arr: [ [Circular *1] ] }"},
		{name: "Map and Set", args: `new Map([['a', 1], [{b: 2}, [3]]]), new Set([1, 'two']), new Map(), new Set()`,
			want: "Map(2) { 'a' => 1, { b: 2 } => [ 3 ] } Set(2) { 1, 'two' } Map(0) {} Set(0) {}"},
		{name: "Date, RegExp, boxed primitives", args: `new Date(0), new Date(NaN), /a+/gi, new Number(3), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('q'))`,
			want: "1970-01-01T00:00:00.000Z Invalid Date /a+/gi [Number: 3] [String: 'ab'] [Boolean: false] [BigInt: 1n] [Symbol: Symbol(q)]"},
		{name: "binary data", args: `new Uint8Array([1, 2, 3]), new ArrayBuffer(3), new DataView(new ArrayBuffer(2)), new Float64Array(0)`,
			want: "Uint8Array(3) [ 1, 2, 3 ] ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 } DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n} Float64Array(0) []"},
		{name: "promises and weak collections", args: `Promise.resolve(4), new Promise(() => {}), new WeakMap(), new WeakSet()`,
			want: "Promise { 4 } Promise { <pending> } WeakMap { <items unknown> } WeakSet { <items unknown> }"},
		{name: "class instances and null prototypes", setup: `class Foo { constructor() { this.a = 1 } }; class Bar {}`, args: `new Foo(), new Bar(), Object.create(null), Object.assign(Object.create(null), {a: 1})`,
			want: "Foo { a: 1 } Bar {} [Object: null prototype] {} [Object: null prototype] { a: 1 }"},
		{name: "accessors", args: `{get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {}}`, want: "{ a: [Getter], b: [Setter], c: [Getter/Setter] }"},
		{name: "holes", args: `[1, , 3, , , 6], [undefined, null], [, 1], new Array(3)`, want: "[ 1, <1 empty item>, 3, <2 empty items>, 6 ] [ undefined, null ] [ <1 empty item>, 1 ] [ <3 empty items> ]"},
		{name: "array extra properties", setup: `const a = [1, 2]; a.x = 'y'`, args: `a`, want: "[ 1, 2, x: 'y' ]"},
		{name: "numbers are grouped in columns", args: `Array.from({length: 30}, (_, i) => i)`,
			want: "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,\n   9, 10, 11, 12, 13, 14, 15, 16, 17,\n  18, 19, 20, 21, 22, 23, 24, 25, 26,\n  27, 28, 29\n]"},
		{name: "strings are grouped and left-aligned", args: `Array.from({length: 8}, (_, i) => 'x'.repeat(i))`,
			want: "[\n  '',       'x',\n  'xx',     'xxx',\n  'xxxx',   'xxxxx',\n  'xxxxxx', 'xxxxxxx'\n]"},
		{name: "more than 100 items", args: `Array.from({length: 120}, (_, i) => i)`,
			want: "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]"},
		{name: "long entries break the line", args: `{ a: 'x'.repeat(20), b: 'y'.repeat(20), c: 'z'.repeat(20), d: 1 }`,
			want: "{\n  a: 'xxxxxxxxxxxxxxxxxxxx',\n  b: 'yyyyyyyyyyyyyyyyyyyy',\n  c: 'zzzzzzzzzzzzzzzzzzzz',\n  d: 1\n}"},
		{name: "long multi-line strings are split", args: `{ s: 'line1\nline2\nline3 that is a bit longer so that it goes over the line limit of eighty chars' }`,
			want: "{\n  s: 'line1\\n' +\n    'line2\\n' +\n    'line3 that is a bit longer so that it goes over the line limit of eighty chars'\n}"},
		{name: "toStringTag", args: `{ [Symbol.toStringTag]: 'Tag', a: 1 }, new (class Q { get [Symbol.toStringTag]() { return 'TT' } })()`, want: "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tag' } Q [TT] {}"},
		{name: "nested arrays of objects", args: `[['a', 1], ['b', 2]], [{a: 1, b: 2}, {a: 3}]`, want: "[ [ 'a', 1 ], [ 'b', 2 ] ] [ { a: 1, b: 2 }, { a: 3 } ]"},
		{name: "mixed numbers", args: `[1.5, -2, 300, 4e21, NaN, Infinity, 7, 8]`, want: "[ 1.5, -2, 300, 4e+21, NaN, Infinity, 7, 8 ]"},
		{name: "custom inspect", setup: `class P { [Symbol.for('nodejs.util.inspect.custom')](depth, opts) { return 'P<' + depth + '>' } }`, args: `new P(), { p: new P() }`, want: "P<2> { p: P<1> }"},
		{name: "proxies show their target", args: `new Proxy({a: 1}, { get() { return 'trap' } })`, want: "{ a: 1 }"},
		{name: "arguments", setup: `const args = (function () { return arguments })(1, 'a')`, args: `args`, want: "[Arguments] { '0': 1, '1': 'a' }"},
		{name: "typed arrays group too", args: `new Uint16Array(10)`, want: "Uint16Array(10) [\n  0, 0, 0, 0, 0,\n  0, 0, 0, 0, 0\n]"},
	})
}

// TestReceived checks the "Received …" part of Node.js's argument errors against Node 20's
// determineSpecificType (lib/internal/errors.js), and the shape of NodeError.
func TestReceived(t *testing.T) {
	var r *webapi.Realm
	env := webapitest.New(t, webapitest.Options{}, func(realm *webapi.Realm) { r = realm })
	vals := env.Run(`return [undefined, null, 1, -0, NaN, 1.5, 1e21, -Infinity, true, 10n, Symbol('s'), Symbol(), 'abc', "it's", 'x'.repeat(29), 'x'.repeat(28), function f() {}, () => {}, {}, [], new (class Foo {})(), Object.create(null), new Map(), { constructor: { name: 'Fake' } }, Object.assign(Object.create(null), { a: 1 })]`).(*goja.Object)
	want := []string{"undefined", "null", "type number (1)", "type number (-0)", "type number (NaN)", "type number (1.5)", "type number (1e+21)", "type number (-Infinity)", "type boolean (true)", "type bigint (10n)", "type symbol (Symbol(s))", "type symbol (Symbol())", "type string ('abc')", `type string ("it's")`, "type string ('xxxxxxxxxxxxxxxxxxxxxxxxx...')", "type string ('xxxxxxxxxxxxxxxxxxxxxxxxxxxx')", "function f", "function ", "an instance of Object", "an instance of Array", "an instance of Foo", "[Object: null prototype] {}", "an instance of Map", "an instance of Fake", "[Object: null prototype]"}
	for i, w := range want {
		if got := console.Received(r, vals.Get(strconv.Itoa(i))); got != w {
			t.Errorf("value %d: got %q, want %q", i, got, w)
		}
	}
	env.VM.Set("nodeError", func(code, msg string) *goja.Object { return console.NodeError(r, "RangeError", code, "%s", msg) })
	got := env.Run(`const e = nodeError('ERR_X', 'm');
		return [String(e), e instanceof RangeError, e.name, e.code, e.message, Object.keys(e).join(), e.constructor === RangeError, Object.getPrototypeOf(e) !== RangeError.prototype].join('|')`).String()
	if want := "RangeError [ERR_X]: m|true|RangeError|ERR_X|m|code|true|true"; got != want {
		t.Errorf("NodeError: got %q, want %q", got, want)
	}
}

// TestInspectWebObjects checks how Web API objects print against Node.js 20's util.inspect: a
// URLSearchParams as its pairs (lib/internal/url.js), a URL with it nested, a TextEncoder as a
// plain object.
func TestInspectWebObjects(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"URLSearchParams", `new URLSearchParams('a=1&b=2&a=3')`, `URLSearchParams { 'a' => '1', 'b' => '2', 'a' => '3' }`},
		{"empty URLSearchParams", `new URLSearchParams()`, `URLSearchParams {}`},
		{"quotes", `new URLSearchParams([["it's", 'a"b'], ['\n', '']])`, `URLSearchParams { "it's" => 'a"b', '\n' => '' }`},
		{"long URLSearchParams breaks after the brace", `{ x: { p: new URLSearchParams('alpha=aaaaaaaaaaaaaaaaaaaa&beta=bbbbbbbbbbbbbbbbbbbbbbbbbb&gamma=cccccccccccccccccccc&delta=ddd') } }`,
			"{\n  x: {\n    p: URLSearchParams {\n      'alpha' => 'aaaaaaaaaaaaaaaaaaaa',\n      'beta' => 'bbbbbbbbbbbbbbbbbbbbbbbbbb',\n      'gamma' => 'cccccccccccccccccccc',\n      'delta' => 'ddd' }\n  }\n}"},
		{"past the depth", `{ a: { b: { c: new URLSearchParams('a=1') } } }`, `{ a: { b: { c: [Object] } } }`},
		{"URL", `new URL('http://a/?q=1')`, "URL {\n  href: 'http://a/?q=1',\n  origin: 'http://a',\n  protocol: 'http:',\n  username: '',\n  password: '',\n  host: 'a',\n  hostname: 'a',\n  port: '',\n  pathname: '/',\n  search: '?q=1',\n  searchParams: URLSearchParams { 'q' => '1' },\n  hash: ''\n}"},
		{"TextEncoder", `[new TextEncoder()]`, `[ { encoding: 'utf-8' } ]`},
		{"TextDecoder", `new TextDecoder()`, `TextDecoder { encoding: 'utf-8', fatal: false, ignoreBOM: false }`},
		{"Response in undici's order", `new Response(null, {status: 204, statusText: 'No'})`, "Response {\n  status: 204,\n  statusText: 'No',\n  headers: Headers {},\n  body: null,\n  bodyUsed: false,\n  ok: true,\n  redirected: false,\n  type: 'default',\n  url: ''\n}"},
		{"Request in undici's order", `new Request('https://a/x')`, "Request {\n  method: 'GET',\n  url: 'https://a/x',\n  headers: Headers {},\n  destination: '',\n  referrer: 'about:client',\n  referrerPolicy: '',\n  mode: 'cors',\n  credentials: 'same-origin',\n  cache: 'default',\n  redirect: 'follow',\n  integrity: '',\n  keepalive: false,\n  isReloadNavigation: false,\n  isHistoryNavigation: false,\n  signal: AbortSignal { aborted: false }\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *webapi.Realm
			env := webapitest.New(t, webapitest.Options{}, console.Install, dom.Install, url.Install, encoding.Install, streams.Install, file.Install, fetch.Install, func(realm *webapi.Realm) { r = realm })
			if got := console.Inspect(r, env.Run("return "+tt.expr)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if os.Getenv("JSROUTE_NODE") == "1" {
				out, err := exec.Command("node", "-e", "process.stdout.write(require('util').inspect("+tt.expr+"))").Output()
				if err != nil {
					t.Fatalf("node: %v", err)
				}
				if string(out) != tt.want {
					t.Errorf("node gives\n%s", out)
				}
			}
		})
	}
}
