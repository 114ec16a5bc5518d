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
func tryCases(t testing.TB) map[string]string {
	src, err := os.ReadFile("testdata/trycatch/cases.js")
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
// engine's stack limit and TryHelper, as a worker does.
func runTryCase(t *testing.T, body string) (result string, changed int) {
	// esbuild prints the file first, as the loader's plugin has it do (loader/importmeta.go).
	res := api.Transform("(function () {'use strict';\n"+body+"\n})()", api.TransformOptions{
		Loader: api.LoaderJS, Target: api.ESNext, Sourcemap: api.SourceMapInline, LogLevel: api.LogLevelSilent})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0].Text)
	}
	code, n := loader.CatchOverflow(string(res.Code))
	vm := goja.New()
	vm.SetMaxCallStackSize(maxCallStack)
	installTryHelper(vm)
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
	raw, err := os.ReadFile("testdata/trycatch/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct{ Results map[string]string }
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	cases := tryCases(t)
	if len(cases) != len(want.Results) {
		t.Fatalf("%d cases, %d recorded: run node engine/testdata/trycatch/record.mjs", len(cases), len(want.Results))
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			got, n := runTryCase(t, body)
			if got != want.Results[name] {
				t.Errorf("goja: %q\nnode: %q", got, want.Results[name])
			}
			if skip := strings.HasPrefix(name, "skip "); skip != (n == 0) {
				t.Errorf("%d try statements transformed (skip case: %v)", n, skip)
			}
		})
	}
}
