package loader

import (
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// Every mapping of the fixed file points at the same text as before the insertions: the source map is
// shifted with them (UTF-16 columns: the emoji counts two), and "use strict" stays first.
func TestFixArrowArgumentsSourceMap(t *testing.T) {
	src := "function f(s: string) { 'use strict'; return [1].map(() => '😀é' + arguments[0] + s) }\n" +
		"function g(s: string, h = () => '😀' + arguments.length + s) { return h() + k(s) }\n" +
		"const o = { m(x: number) { return (() => x + arguments[1])() } }\n"
	res := api.Transform(src, api.TransformOptions{Loader: api.LoaderTS, Target: api.ESNext, Sourcemap: api.SourceMapInline, Sourcefile: "f.ts"})
	code := string(res.Code)
	out, n := FixArrowArguments(code)
	if n != 3 {
		t.Fatalf("%d functions changed:\n%s", n, out)
	}
	if !strings.Contains(out, "\"use strict\";arguments; ") || !strings.Contains(out, "h = (arguments, () =>") {
		t.Errorf("not the expected insertions:\n%s", out)
	}
	before, after := mapSegments(t, code), mapSegments(t, out)
	if len(before) != len(after) {
		t.Fatalf("%d segments, then %d", len(before), len(after))
	}
	for i := range before {
		b, a := before[i], after[i]
		if b.line != a.line || b.src != a.src {
			t.Fatalf("segment %d: %+v then %+v", i, b, a)
		}
		if old, now := textAt(code, b.line, b.col), textAt(out, a.line, a.col); old != now {
			t.Errorf("line %d: %q at column %d, now %q at %d", b.line, old, b.col, now, a.col)
		}
	}
}

// Files without both substrings are not parsed, files goja's parser rejects are left whole, and so is a
// function whose inserted read would be wrong.
func TestFixArrowArgumentsLeavesFiles(t *testing.T) {
	for _, src := range []string{
		"function f() { return arguments[0] }\n",                                // no arrow
		"function f() { return () => 1 }\n",                                     // no arguments
		"class A { get = 1; f() { return () => arguments[0] } }\n",              // goja's parser rejects a field named get
		"function f() { let arguments = 1; return () => arguments }\n",          // its own binding, in its TDZ at the top
		"function f(a = arguments[0], g = () => arguments[1]) { return g() }\n", // the parameters name it first
		"const g = () => arguments[0]\n",                                        // the module wrapper's
		"function f() { return { m() { return 1 }, g: (x) => x.arguments } }\n", // a property name
	} {
		if out, n := FixArrowArguments(src); n != 0 || out != src {
			t.Errorf("%q changed (%d): %q", src, n, out)
		}
	}
}

// Every file of the bundle is fixed, the project's and its packages', with or without CatchOverflow.
func TestFixArrowArgumentsInBundle(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/route.ts", `import { debounce } from 'deb'
import { last } from 'esm-deb'
function first(..._: unknown[]) { return [0].map(() => arguments[0])[0] }
export async function GET() {
  return new Response(String(debounce((a: number, b: number) => a + b)(1, 2)) + first('x') + await last('y', 'z'))
}
`)
	// ESM with an async generator, which goja's parser reads once lowered as the bundle lowers it.
	writeFile(t, root, "node_modules/esm-deb/package.json", `{"name": "esm-deb", "type": "module", "exports": "./index.mjs"}`)
	writeFile(t, root, "node_modules/esm-deb/index.mjs", "async function* each(a) { yield* a }\n"+
		"export async function last() { let r; for await (const x of each([...arguments])) r = (() => x + arguments.length)(); return r }\n")
	writeFile(t, root, "node_modules/deb/package.json", `{"name": "deb", "main": "index.js"}`)
	writeFile(t, root, "node_modules/deb/index.js", "'use strict'\nexports.debounce = function (fn) { return function () { return (() => fn.apply(this, arguments))() } }\n")
	builds := buildBothWays(t, root)
	for _, on := range []bool{false, true} {
		b := builds[on]
		if got := strings.Count(b.Code, "arguments;\n"); got != 3 {
			t.Errorf("CatchOverflow %v: %d reads inserted, want 3:\n%s", on, got, b.Code)
		}
		js := newJSRuntime(t, b)
		if got, err := js.call("route.ts", "GET"); got != "3xz2" || err != nil {
			t.Errorf("CatchOverflow %v: GET = %q, %v; want 3xz2", on, got, err)
		}
	}
}

// A source as written is analysed without esbuild's transform only when its import and export statements
// are ones analysisCopy blanks exactly.
func TestAnalysableAsWritten(t *testing.T) {
	for src, want := range map[string]bool{
		"const a = require('a');\nexports.f = () => a;\n":                          true,
		"import { a } from 'a';\nexport { a };\nexport * from 'b'; // re-export\n": true,
		"import {\n  a\n} from 'a';\n":                                             false, // over lines
		"import a from 'a'\nconst b = 1;\n":                                        false, // no `;`: the blank would reach the next one
		"import a from 'a'; /*\n*/\n":                                              false,
		"import a from 'a' // x; y\n":                                              false,
		"export default function () {}\nexport const x = 1\n":                      true, // not blanked to a `;`
	} {
		if got := analysableAsWritten([]byte(src)); got != want {
			t.Errorf("%q: %v, want %v", src, got, want)
		}
	}
}
