package wasm_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	_ "github.com/jsroute/jsroute/webapi/wasm"
	"github.com/jsroute/jsroute/webapi/webapitest"
	"github.com/jsroute/jsroute/webapi/webidl"
)

//go:generate ./testdata/gen.sh
//go:generate node testdata/record.mjs

var installers = []func(*webapi.Realm){console.Install, timers.Install, dom.Install, encoding.Install, url.Install, streams.Install, file.Install, fetch.Install, node.Install}

// newEnv is a realm with the Web APIs and WebAssembly, where load(name) gives the bytes of
// testdata/<name>.wasm and cases/show are those of testdata/cases.js.
func newEnv(t testing.TB) *webapitest.Env {
	e := webapitest.New(t, webapitest.Options{}, installers...)
	e.VM.Set("load", func(name string) goja.Value {
		b, err := os.ReadFile(filepath.Join("testdata", name+".wasm"))
		if err != nil {
			panic(e.VM.NewGoError(err))
		}
		return webidl.NewUint8Array(e.VM, b)
	})
	src, err := os.ReadFile("testdata/cases.js")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.VM.RunString("(function () {\n" + string(src) + "\nglobalThis.cases = cases; globalThis.show = show })()"); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCases runs testdata/cases.js and compares each answer with Node 20's
// (testdata/cases.golden.json, recorded by testdata/record.mjs).
func TestCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/cases.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]json.RawMessage
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	for name, want := range golden {
		t.Run(name, func(t *testing.T) {
			e.T = t
			v, err := e.Try("try { return JSON.stringify(show(await cases[" + jsString(name) + "]())) } catch (e) { return JSON.stringify({ uncaught: String(e) }) }")
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, v.String(), string(want)) {
				t.Errorf("%s:\n got  %s\n want %s", name, v.String(), compact(want))
			}
		})
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func compact(b []byte) string {
	var v any
	json.Unmarshal(b, &v)
	out, _ := json.Marshal(v)
	return string(out)
}

func sameJSON(t *testing.T, a, b string) bool {
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("bad JSON %q: %v", a, err)
	}
	json.Unmarshal([]byte(b), &y)
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func asFunc(v goja.Value) (func(goja.Value, ...goja.Value) (goja.Value, error), bool) {
	f, ok := goja.AssertFunction(v)
	return func(this goja.Value, args ...goja.Value) (goja.Value, error) {
		if this == nil {
			this = goja.Undefined()
		}
		return f(this, args...)
	}, ok
}
