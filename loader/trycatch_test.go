package loader

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// Only the project's own files are transformed, with Options.CatchOverflow: a package in node_modules
// keeps its try statements as they are, and so does a build without the option (next.config).
func TestCatchOverflowOwnFilesOnly(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/route.ts", `import { parse } from '../lib/parse'
import { pkg } from 'pkg'
export function GET() {
  try { return new Response(parse('1') + pkg()) } catch { return new Response('no') }
}
`)
	writeFile(t, root, "lib/parse.ts", "export function parse(s: string): string {\n  try { return String(JSON.parse(s)) } catch { return 'bad' }\n}\n")
	writeFile(t, root, "node_modules/pkg/package.json", `{"name": "pkg", "main": "index.js"}`)
	writeFile(t, root, "node_modules/pkg/index.js", "exports.pkg = function () { try { return 'p' } catch (e) { return 'q' } }\n")
	builds := buildBothWays(t, root)
	for _, on := range []bool{true, false} {
		b := builds[on]
		for _, m := range []struct {
			file string
			want bool
		}{{"app/route.ts", on}, {"lib/parse.ts", on}, {"node_modules/pkg/index.js", false}} {
			i := strings.Index(b.Code, "// "+m.file+"\n")
			if i < 0 {
				t.Fatalf("no %s in the bundle:\n%s", m.file, b.Code)
			}
			rest := b.Code[i+1:]
			if j := strings.Index(rest, "\n// "); j >= 0 {
				rest = rest[:j]
			}
			if got := strings.Contains(rest, TryHelper+"("); got != m.want {
				t.Errorf("CatchOverflow %v: %s transformed: %v, want %v:\n%s", on, m.file, got, m.want, rest)
			}
		}
	}
}

// Files the rewriter does not understand are left whole.
func TestCatchOverflowLeavesFiles(t *testing.T) {
	for _, src := range []string{
		"function f() { try { g() } catch {} }\nconst __jsroute_x = 1;\n", // its own names would clash
		"class A { get = 1; f() { try { g() } catch {} } }\n",             // goja's parser rejects a field named get
		"function f() { for (;;) { try { g() } catch {} } }\n",            // an ordinary one is changed
	} {
		out, n := CatchOverflow(src)
		if strings.Contains(src, "get =") || strings.Contains(src, "__jsroute_x") {
			if n != 0 || out != src {
				t.Errorf("%q changed (%d): %q", src, n, out)
			}
		} else if n != 1 {
			t.Errorf("%q: %d try statements changed, want 1: %q", src, n, out)
		}
	}
	// Module syntax is kept, and does not stop the analysis.
	res := api.Transform("import { a } from 'a'\nimport * as b from 'b'\nexport default function () { try { a() } catch {} }\nexport const c = () => { try { return b.x() } catch {} }\nexport { a }\nconst m = import.meta.url, d = import('d')\n", api.TransformOptions{Loader: api.LoaderTS, Target: api.ESNext})
	out, n := CatchOverflow(string(res.Code))
	if n != 2 || !strings.HasPrefix(out, `import { a } from "a";`) || !strings.Contains(out, "export default function") {
		t.Errorf("module: %d try statements changed:\n%s", n, out)
	}
}

// Every mapping of the transformed file points at the same text as before the edits: the source map is
// shifted with them (UTF-16 columns: the emoji counts two).
func TestCatchOverflowSourceMap(t *testing.T) {
	src := "function f(s: string): string {\n  try { return '😀é' + g(s) + h(s) } catch { return 'x' }\n}\n" +
		"function g(s: string): string { for (const c of s) { try { if (c === 'a') break; if (c) continue; return '😀' + k(c) } finally { k() } } return '' }\n"
	res := api.Transform(src, api.TransformOptions{Loader: api.LoaderTS, Target: api.ESNext, Sourcemap: api.SourceMapInline, Sourcefile: "f.ts"})
	code := string(res.Code)
	out, n := CatchOverflow(code)
	if n != 2 {
		t.Fatalf("%d try statements changed:\n%s", n, out)
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
		old, now := textAt(code, b.line, b.col), textAt(out, a.line, a.col)
		if old != now && !strings.HasPrefix(old, "break") && !strings.HasPrefix(old, "continue") {
			t.Errorf("line %d: %q at column %d, now %q at %d", b.line, old, b.col, now, a.col)
		}
	}
}

type segment struct {
	line, col int
	src       [3]int
}

func mapSegments(t *testing.T, code string) []segment {
	t.Helper()
	i := strings.LastIndex(code, inlineMapPrefix)
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[i+len(inlineMapPrefix):]))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Mappings string }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	var out []segment
	var src [3]int
	for line, l := range strings.Split(m.Mappings, ";") {
		col := 0
		for _, seg := range strings.Split(l, ",") {
			if seg == "" {
				continue
			}
			v, ok := vlqDecode(seg)
			if !ok {
				t.Fatalf("bad segment %q", seg)
			}
			col += v[0]
			for k := 1; k < len(v) && k < 4; k++ {
				src[k-1] += v[k]
			}
			out = append(out, segment{line, col, src})
		}
	}
	return out
}

// textAt returns the token of code at a 0-based line and UTF-16 column: an identifier, or one character.
func textAt(code string, line, col int) string {
	l := strings.Split(code, "\n")[line]
	u := 0
	for i, r := range l {
		if u >= col {
			j := i + len(string(r))
			for isIdent(l[i]) && j < len(l) && isIdent(l[j]) {
				j++
			}
			return l[i:j]
		}
		u += utf16Len(string(r))
	}
	return ""
}

// A transformed file is compiled with the project's tsconfig.json, as the bundle compiles the others:
// experimentalDecorators gives TypeScript's decorators (three arguments for a method), not JavaScript's.
func TestCatchOverflowTsconfig(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "tsconfig.json", "{\n  // comments and trailing commas, as tsc reads them\n  \"compilerOptions\": { \"experimentalDecorators\": true, },\n}\n")
	writeFile(t, root, "app/route.ts", `const seen: number[] = []
function d(...a: any[]): any { seen.push(a.length) }
class A { @d m() {} }
export function GET() {
  try { return new Response(String(seen) + JSON.parse('1')) } catch { return new Response('x') }
}
`)
	builds := buildBothWays(t, root)
	for _, on := range []bool{false, true} {
		b := builds[on]
		if strings.Contains(b.Code, TryHelper+"(") != on {
			t.Fatalf("CatchOverflow %v: transformed %v", on, !on)
		}
		js := newJSRuntime(t, b)
		js.vm.Set(TryHelper, func(f func() any) any { return f() })
		if got, err := js.call("route.ts", "GET"); got != "31" || err != nil {
			t.Errorf("CatchOverflow %v: GET = %q, %v; want 31", on, got, err)
		}
	}
}

// Every catch clause with a plain identifier binding starts with the ErrHelper call, whether its try block
// is wrapped or not; a pattern binding and no binding are left.
func TestCatchOverflowErrHelper(t *testing.T) {
	src := "function f() {\n  try { g() } catch (err) { return err.message }\n  try { x } catch (e2) { h(e2) }\n  try { y } catch ({ message }) { h(message) }\n  try { z } catch { h() }\n}\n"
	out, n := CatchOverflow(src)
	if n != 3 { // one try wrapped, two catch clauses
		t.Errorf("%d statements changed, want 3:\n%s", n, out)
	}
	for _, want := range []string{"catch (err) { " + ErrHelper + "(err);", "catch (e2) { " + ErrHelper + "(e2);", "catch ({ message }) { h(message) }", "catch { h() }"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}

// A file with `for await` (which goja's parser lacks) is transformed too: a try block holding one stays
// unwrapped, as one holding an await does.
func TestCatchOverflowForAwait(t *testing.T) {
	src := "async function f(s) {\n  for await (const c of s) g(c);\n  try { for await (const c of s) g(c); } catch (e) { h(e) }\n  try { g(); } catch (e) { h(e) }\n}\n"
	out, n := CatchOverflow(src)
	if n != 3 || strings.Count(out, TryHelper+"(") != 1 || strings.Count(out, ErrHelper+"(") != 2 || !strings.Contains(out, "try { for await (const c of s) g(c); }") {
		t.Errorf("%d statements changed:\n%s", n, out)
	}
}

// buildBothWays builds root's app/route.ts with Options.CatchOverflow off and on.
func buildBothWays(t *testing.T, root string) map[bool]*Bundle {
	t.Helper()
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	out := map[bool]*Bundle{}
	for _, on := range []bool{false, true} {
		b, err := Build(app, []string{"route.ts"}, Options{CatchOverflow: on})
		if err != nil {
			t.Fatal(err)
		}
		out[on] = b
	}
	return out
}
