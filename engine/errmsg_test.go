package engine

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// recordedResults reads the results of an expected.json written by a record.mjs of testdata.
func recordedResults(t *testing.T, path string) map[string]string {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct{ Results map[string]string }
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	return rec.Results
}

// getOnce starts an engine with one worker on the project in dir, answers one GET of path and closes it.
func getOnce(t *testing.T, dir, path string) *httptest.ResponseRecorder {
	t.Helper()
	e, err := New(Options{Dir: dir, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

// TestErrorMessagesAsNode runs every case of testdata/errmsg/cases.js in a route's own file, built and
// served by the engine as `jsroute start` does, and compares its result with Node 20's (expected.json,
// recorded by record.mjs). A "differs" case is one jsroute leaves in goja's words: it must not match.
func TestErrorMessagesAsNode(t *testing.T) {
	want := recordedResults(t, "testdata/errmsg/expected.json")
	cases := nodeCases(t, "testdata/errmsg")
	if len(cases) != len(want) {
		t.Fatalf("%d cases, %d recorded: run node engine/testdata/errmsg/record.mjs", len(cases), len(want))
	}
	var route strings.Builder
	route.WriteString("const cases = {\n")
	for name, body := range cases {
		key, _ := json.Marshal(name)
		route.WriteString(string(key) + ": async () => {\n" + body + "\n},\n")
	}
	route.WriteString(`}
export async function GET() {
  const out = {}
  for (const [k, f] of Object.entries(cases)) {
    try { out[k] = String(await f()) } catch (e) { out[k] = 'uncaught ' + String(e) }
  }
  return Response.json(out)
}
`)
	dir := t.TempDir()
	writeTestFile(t, dir, "app/route.js", route.String())
	rec := getOnce(t, dir, "/")
	var got map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("GET / = %d %q: %v", rec.Code, rec.Body.String(), err)
	}
	for name, node := range want {
		if strings.HasPrefix(name, "differs ") {
			if got[name] == node {
				t.Errorf("%s: now as Node's (%q): make it a case of its own and update README's known differences", name, node)
			}
			continue
		}
		if got[name] != node {
			t.Errorf("%s:\njsroute: %q\nnode:    %q", name, got[name], node)
		}
	}
}

// The wording is for the project's own catch blocks: a package's catch sees goja's message, as it does
// everywhere but in the URI functions.
func TestErrorMessagesOwnFilesOnly(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, dir, "node_modules/pkg/package.json", `{"name": "pkg", "main": "index.js"}`)
	writeTestFile(t, dir, "node_modules/pkg/index.js", "exports.reduce = function () { try { [].reduce(function (a) { return a }) } catch (e) { return e.message } }\n")
	writeTestFile(t, dir, "app/route.ts", "import { reduce } from 'pkg'\nexport function GET() {\n  try { [].reduce((a) => a) } catch (e: any) { return new Response(reduce() + ' | ' + e.message) }\n}\n")
	rec := getOnce(t, dir, "/")
	if want := "No initial value | Reduce of empty array with no initial value"; rec.Body.String() != want {
		t.Errorf("GET / = %d %q, want %q", rec.Code, rec.Body.String(), want)
	}
}

// v8Message rewords only a number in the BigInt message: goja's other "Cannot convert … to a BigInt"
// are V8's words already.
func TestV8MessageBigInt(t *testing.T) {
	for m, want := range map[string]bool{"Cannot convert 1.5 to a BigInt": true, "Cannot convert NaN to a BigInt": true,
		"Cannot convert -1e-300 to a BigInt": true, "Cannot convert abc to a BigInt": false, "Cannot convert 0x10 to a BigInt": false,
		"Cannot convert  1 to a BigInt": false, "Cannot convert Infinityx to a BigInt": false} {
		if _, ok := v8Message("RangeError", m); ok != want {
			t.Errorf("v8Message(RangeError, %q) rewords: %v, want %v", m, ok, want)
		}
	}
	if _, ok := v8Message("TypeError", "Malformed URI"); ok {
		t.Error("a TypeError is reworded as a URIError")
	}
}

// The price of the URI wrappers on a call that succeeds: go test ./engine -run '^$' -bench URIWrapper
func BenchmarkURIWrapper(b *testing.B) {
	for _, wrap := range []bool{false, true} {
		b.Run(map[bool]string{false: "builtin", true: "wrapped"}[wrap], func(b *testing.B) {
			vm := goja.New()
			if wrap {
				installURIWrappers(vm)
			}
			// Called from JS, as a route calls it.
			call, err := vm.RunString("(s) => decodeURIComponent(s)")
			if err != nil {
				b.Fatal(err)
			}
			fn, _ := goja.AssertFunction(call)
			arg := vm.ToValue("a%20b%E2%82%AC")
			for b.Loop() {
				if _, err := fn(goja.Undefined(), arg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// calleeText finds the callee only where V8's words are certain; the column is the call's `(`, 1-based.
func TestCalleeText(t *testing.T) {
	for _, c := range []struct{ src, call, want string }{ // call: the text ending in the call's `(`
		{"  x = o.items.map(f)", "map(", "o.items.map"},
		{"return f()", "f(", "f"},
		{"this.g()", "g(", "this.g"},
		{"await $a._b  ()", "(", "$a._b"},
		{"[...o.f()]", "f(", ""},                // or its return value is not iterable
		{"for (const x of o.f()) {}", "f(", ""}, // likewise
		{"const [a] = o.f()", "f(", ""},         // likewise
		{"new C()", "C(", ""},                   // not a constructor
		{"o?.f()", "f(", ""},
		{"o!.f()", "f(", ""},
		{"super.f()", "f(", ""},
		{"a[0].f()", "f(", ""},
		{"#p.f()", "f(", ""},
		{"é; o.f()", "f(", ""}, // a column past a non-ASCII character
		{"1.f()", "f(", ""},
		{"o.f()", "o.", ""}, // not at a `(`
	} {
		col := strings.Index(c.src, c.call) + len(c.call)
		got, ok := calleeText(c.src, 1, col)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("calleeText(%q, 1, %d) = %q, %v; want %q", c.src, col, got, ok, c.want)
		}
	}
	// A name an import binds is renamed by Next's compiler: V8 prints `(0 , _mod.f)`.
	src := "import { helper,\n  other } from './h'\nimport * as ns from './n'\nother()\nns.f()\nlocal()\n"
	for line, want := range map[int]bool{4: false, 5: false, 6: true} {
		text := strings.Split(src, "\n")[line-1]
		if _, ok := calleeText(src, line, strings.Index(text, "(")+1); ok != want {
			t.Errorf("line %d %q: found %v, want %v", line, text, ok, want)
		}
	}
}

// The price of the ErrHelper call in a catch block that runs: go test ./engine -run '^$' -bench ErrHelper
// ("callee" reads the project's file once, then finds the callee on each error).
func BenchmarkErrHelper(b *testing.B) {
	dir := b.TempDir()
	const file = "function run() { const o = { items: {} }\n  try { o.items.map(String) } catch (e) { HELPER; return e.message }\n}\n"
	for _, c := range []struct{ name, helper, want string }{{"none", "", "Object has no member 'map'"}, {"callee", "__jsroute_err(e)", "o.items.map is not a function"}} {
		b.Run(c.name, func(b *testing.B) {
			writeTestFile(b, dir, "app/route.js", strings.Replace(file, "HELPER", c.helper, 1))
			vm := goja.New()
			installErrHelper(vm, dir)
			if _, err := vm.RunScript("app/route.js", strings.Replace(file, "HELPER", c.helper, 1)+"run"); err != nil {
				b.Fatal(err)
			}
			run, _ := goja.AssertFunction(vm.Get("run"))
			for b.Loop() {
				if _, err := run(goja.Undefined()); err != nil {
					b.Fatal(err)
				}
			}
			if v, _ := run(goja.Undefined()); v.String() != c.want {
				b.Fatalf("message %q, want %q", v, c.want)
			}
		})
	}
}
