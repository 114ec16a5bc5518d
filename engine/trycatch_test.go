package engine

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/jsroute/jsroute/loader"
)

// tryCases reads a cases.js of testdata (trycatch, errmsg): name → body of a strict function.
func tryCases(t testing.TB, path string) map[string]string {
	src, err := os.ReadFile(path)
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
	v, err := vm.RunScript("case.js", code)
	if err != nil {
		return "uncaught " + err.Error(), n
	}
	if p, ok := v.Export().(*goja.Promise); ok {
		if p.State() != goja.PromiseStateFulfilled {
			return fmt.Sprintf("promise %v %v", p.State(), p.Result()), n
		}
		v = p.Result()
	}
	return v.String(), n
}

// TestTryTransformAsNode runs every case of testdata/trycatch/cases.js transformed under goja and compares
// its result with Node 20's (expected.json, recorded by record.mjs).
func TestTryTransformAsNode(t *testing.T) {
	want := recordedResults(t, "testdata/trycatch/expected.json")
	cases := tryCases(t, "testdata/trycatch/cases.js")
	if len(cases) != len(want) {
		t.Fatalf("%d cases, %d recorded: run node engine/testdata/trycatch/record.mjs", len(cases), len(want))
	}
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
