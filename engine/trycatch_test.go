package engine

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/jsroute/jsroute/loader"
)

// tryCases reads testdata/trycatch/cases.js: name → body of a strict function.
func tryCases(t testing.TB) map[string]string { return nodeCases(t, "testdata/trycatch") }

// nodeCases reads dir/cases.js, a table of cases each opened by a `// case: name` line: name → body.
func nodeCases(t testing.TB, dir string) map[string]string {
	src, err := os.ReadFile(dir + "/cases.js")
	if err != nil {
		t.Fatal(err)
	}
	parts := regexp.MustCompile(`(?m)^// case: `).Split(string(src), -1)[1:]
	cases := map[string]string{}
	for _, p := range parts {
		name, body, _ := strings.Cut(p, "\n")
		cases[name] = body
	}
	return cases
}

// nodeResults reads dir/expected.json, Node's answers to dir/cases.js (recorded by dir/record.mjs).
func nodeResults(t testing.TB, dir string, cases map[string]string) map[string]string {
	raw, err := os.ReadFile(dir + "/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct{ Results map[string]string }
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if len(cases) != len(want.Results) {
		t.Fatalf("%d cases, %d recorded: run node engine/%s/record.mjs", len(cases), len(want.Results), dir)
	}
	return want.Results
}

// caseResult is a case's completion value as the record scripts print it: a promise's result once
// settled, an uncaught error as "uncaught …".
func caseResult(v goja.Value, err error) string {
	if err != nil {
		return "uncaught " + err.Error()
	}
	if p, ok := v.Export().(*goja.Promise); ok {
		if p.State() != goja.PromiseStateFulfilled {
			return fmt.Sprintf("promise %v %v", p.State(), p.Result())
		}
		v = p.Result()
	}
	return v.String()
}

// runTryCase transforms one case as the loader transforms a project file and runs it on a runtime with the
// engine's stack limit and helpers, as a worker does; changed counts the try blocks wrapped.
func runTryCase(t *testing.T, body string) (result string, changed int) {
	// esbuild prints the file first, as the loader's plugin has it do (loader/importmeta.go).
	res := api.Transform("(function () {'use strict';\n"+body+"\n})()", api.TransformOptions{
		Loader: api.LoaderJS, Target: api.ESNext, Sourcemap: api.SourceMapInline, LogLevel: api.LogLevelSilent})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0].Text)
	}
	code, _ := loader.CatchOverflow(string(res.Code))
	n := strings.Count(code, loader.TryHelper+"(")
	vm := goja.New()
	vm.SetMaxCallStackSize(maxCallStack)
	installTryHelpers(vm, "")
	return caseResult(vm.RunScript("case.js", code)), n
}

// TestTryTransformAsNode runs every case of testdata/trycatch/cases.js transformed under goja and compares
// its result with Node 20's (expected.json, recorded by record.mjs).
func TestTryTransformAsNode(t *testing.T) {
	cases := tryCases(t)
	want := nodeResults(t, "testdata/trycatch", cases)
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			got, n := runTryCase(t, body)
			if got != want[name] {
				t.Errorf("goja: %q\nnode: %q", got, want[name])
			}
			if skip := strings.HasPrefix(name, "skip "); skip != (n == 0) {
				t.Errorf("%d try statements transformed (skip case: %v)", n, skip)
			}
		})
	}
}

// The middleware is the project's code too: its try blocks catch deep recursion, and its runtime gets
// the helper even when no route calls it. next.config runs in a runtime of its own without the helper,
// so its try blocks are left as they are.
func TestTryHelperMiddlewareAndConfig(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, dir, "app/route.ts", "export function GET() { return new Response('route') }\n")
	writeTestFile(t, dir, "proxy.ts", `function down(n: number): number { return down(n + 1) + 1 }
export function proxy() {
  try { return new Response(String(down(0))) } catch (e: any) { return new Response('proxy caught ' + e.name) }
}
`)
	writeTestFile(t, dir, "next.config.mjs", "let basePath = ''\ntry { basePath = String('') } catch {}\nexport default { basePath }\n")
	rec := getOnce(t, dir, "/")
	if rec.Code != 200 || rec.Body.String() != "proxy caught RangeError" {
		t.Errorf("GET / = %d %q, want the proxy's catch", rec.Code, rec.Body.String())
	}
}
