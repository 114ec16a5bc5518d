package loader

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func buildFixture(t *testing.T, name string, opts Options) (App, *Bundle) {
	t.Helper()
	app, err := FindApp(copyFixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Scan(app.AppDir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(app, Routes(files), opts)
	if err != nil {
		t.Fatal(err)
	}
	return app, b
}

// sourceMapSources decodes the inline source map of code and returns its "sources".
func sourceMapSources(t *testing.T, code string) []string {
	t.Helper()
	const marker = "//# sourceMappingURL=data:application/json;base64,"
	i := strings.LastIndex(code, marker)
	if i < 0 {
		t.Fatal("no inline source map")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[i+len(marker):]))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Sources []string }
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m.Sources
}

func TestBuildBasic(t *testing.T) {
	_, b := buildFixture(t, "basic", Options{Dev: true})
	wantRoutes := []string{
		"(shop)/items/[slug]/route.js",
		"api/boom/route.ts",
		"api/headers/route.ts",
		"api/hello/route.ts",
		"api/pkg/route.ts",
		"api/regex/route.ts",
		"api/stream/route.ts",
	}
	if !reflect.DeepEqual(b.Routes, wantRoutes) {
		t.Errorf("Routes = %q, want %q", b.Routes, wantRoutes)
	}
	if len(b.Failed) != 0 || len(b.Warnings) != 0 {
		t.Errorf("Failed = %v, Warnings = %v; want none", b.Failed, b.Warnings)
	}
	if b.Name != BundleName {
		t.Errorf("Name = %q", b.Name)
	}
	// What goja cannot parse must be gone: async generators and for await lowered, the d flag moved to a
	// runtime RegExp call.
	for _, bad := range []string{"async function*", "for await", "/b(c)/d"} {
		if strings.Contains(b.Code, bad) {
			t.Errorf("bundle still contains %q", bad)
		}
	}
	sources := sourceMapSources(t, b.Code)
	for _, want := range []string{"app/api/hello/route.ts", "app/api/hello/shout.ts", "lib/greet.ts",
		"node_modules/tiny-pkg/node.js", "app/api/boom/route.ts"} {
		if !slices.Contains(sources, want) {
			t.Errorf("source map sources %q lack %q", sources, want)
		}
	}
	if slices.Contains(sources, "node_modules/tiny-pkg/browser.js") {
		t.Errorf("tiny-pkg resolved its browser build, want the node one (the server build, as Next's)")
	}

	js := newJSRuntime(t, b)
	keys := js.vm.Get(RoutesGlobal).ToObject(js.vm).Keys()
	if !reflect.DeepEqual(keys, wantRoutes) {
		t.Errorf("%s keys = %q, want %q", RoutesGlobal, keys, wantRoutes)
	}
	tests := []struct {
		route, method string
		args          []any
		want          string
	}{
		{"api/hello/route.ts", "GET", nil, `{"message":"HELLO, JSROUTE!"}`},
		{"api/pkg/route.ts", "GET", nil, "42 nodefunction"},
		{"api/stream/route.ts", "GET", nil, "1,2,3"},
		{"api/headers/route.ts", "GET", nil, "tok:development:nodejs"},
		{"api/regex/route.ts", "POST", nil, "regex-free"},
		{"(shop)/items/[slug]/route.js", "GET", []any{nil, map[string]any{"params": map[string]any{"slug": "a"}}}, `{"slug":"a"}`},
	}
	for _, tt := range tests {
		got, err := js.call(tt.route, tt.method, tt.args...)
		if err != nil || got != tt.want {
			t.Errorf("%s %s = %q, %v; want %q", tt.method, tt.route, got, err, tt.want)
		}
	}
	if mod, err := js.module("api/hello/route.ts"); err != nil || mod.Get("dynamic").String() != "force-dynamic" {
		t.Errorf("segment config dynamic = %v, %v", mod, err)
	}
	// The regexp d flag fails where it runs, not for the whole bundle.
	if _, err := js.call("api/regex/route.ts", "GET"); err == nil || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("GET api/regex = %v, want a SyntaxError", err)
	}
	// Stack traces name the TypeScript source relative to the project root.
	_, err := js.call("api/boom/route.ts", "GET")
	if err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "app/api/boom/route.ts:13:") {
		t.Errorf("GET api/boom error = %v, want a stack at app/api/boom/route.ts:13", err)
	}
}

// Paths with route groups and dynamic segments are URL-escaped in the source map; goja unescapes them.
func TestStackNamesSegmentPath(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/(shop)/[slug]/route.ts", "export async function GET() {\n  throw new Error('x')\n}\n")
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(app, []string{"(shop)/[slug]/route.ts"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = newJSRuntime(t, b).call("(shop)/[slug]/route.ts", "GET")
	if err == nil || !strings.Contains(err.Error(), "(app/(shop)/[slug]/route.ts:2:") {
		t.Errorf("error = %v, want a stack at app/(shop)/[slug]/route.ts:2", err)
	}
}

func TestBuildDefines(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/route.ts", `export function GET() {
  return new Response([process.env.NODE_ENV, process.env.NEXT_RUNTIME, process.env.NEXT_PUBLIC_X].join())
}
`)
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{}, "production,nodejs,"},
		{Options{Dev: true, Define: map[string]string{"process.env.NEXT_PUBLIC_X": `"x"`}}, "development,nodejs,x"},
	} {
		b, err := Build(app, []string{"route.ts"}, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		js := newJSRuntime(t, b)
		js.vm.Set("process", map[string]any{"env": map[string]any{}})
		if got, err := js.call("route.ts", "GET"); got != tt.want || err != nil {
			t.Errorf("%+v: GET = %q, %v; want %q", tt.opts, got, err, tt.want)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	app := App{Root: t.TempDir()}
	app.AppDir = app.Root + "/app"
	b, err := Build(app, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	js := newJSRuntime(t, b)
	if keys := js.vm.Get(RoutesGlobal).ToObject(js.vm).Keys(); len(keys) != 0 {
		t.Errorf("keys = %q, want none", keys)
	}
}

// One broken route must not take the others down: each failing route is left out with its own diagnostics.
func TestBuildBroken(t *testing.T) {
	_, b := buildFixture(t, "broken", Options{Dev: true})
	if want := []string{"browserfield/route.ts", "fine/route.ts", "fs/route.ts", "good/route.ts"}; !reflect.DeepEqual(b.Routes, want) {
		t.Errorf("Routes = %q, want %q", b.Routes, want)
	}
	tests := []struct {
		route string
		want  []string // String() of each diagnostic, in order
	}{
		{"bad/route.ts", []string{"app/bad/route.ts:3:11: error: Expected \";\" but found \"b\"\n" +
			"    3 |   const a b = 2\n" +
			"      |           ^"}},
		{"unsupported/route.ts", []string{"app/unsupported/route.ts:1:19: error: next/image is not supported by jsroute\n" +
			"    1 | import Image from 'next/image'\n" +
			"      |                   ^\n" +
			"  note: jsroute provides next/cache, next/headers, next/navigation, next/og, next/server and server-only"}},
		{"shared/a/route.ts", []string{"lib/broken.ts:2:1: error: Unexpected end of file"}},
		{"shared/b/route.ts", []string{"lib/broken.ts:2:1: error: Unexpected end of file"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range b.Failed[tt.route] {
			got = append(got, d.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Failed[%q] =\n%s\nwant\n%s", tt.route, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
	if len(b.Failed) != len(tests) {
		t.Errorf("Failed has %d routes, want %d: %v", len(b.Failed), len(tests), b.Failed)
	}
	js := newJSRuntime(t, b)
	if got, err := js.call("good/route.ts", "GET"); got != "good" || err != nil {
		t.Errorf("GET good = %q, %v", got, err)
	}
	if got, err := js.call("fine/route.ts", "GET"); got != "42" || err != nil {
		t.Errorf("GET fine = %q, %v", got, err)
	}
	// Node built-ins resolve to the host's modules, bare or node:-prefixed, imported or required.
	if got, err := js.call("fs/route.ts", "GET"); got != "host fs|host fs" || err != nil {
		t.Errorf("GET fs = %q, %v", got, err)
	}
	// The server build ignores package.json "browser" ({"fs": false}): the package gets the host's fs.
	if got, err := js.call("browserfield/route.ts", "GET"); got != "true" || err != nil {
		t.Errorf("GET browserfield = %q, %v", got, err)
	}
}

// The import graph alone places every error of the broken fixture: no per-route builds are needed.
func TestAttribute(t *testing.T) {
	app, err := FindApp(copyFixture(t, "broken"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := Scan(app.AppDir)
	b := &builder{root: app.Root, appRel: "app"}
	var got []string
	for r := range b.attribute(Routes(files)) {
		got = append(got, r)
	}
	slices.Sort(got)
	want := []string{"bad/route.ts", "shared/a/route.ts", "shared/b/route.ts", "unsupported/route.ts"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("attribute = %q, want %q", got, want)
	}
}

// A route file that vanished between Scan and Build (dev: deleted while building) is not in the import graph;
// the per-route fallback finds it.
func TestBuildMissingRoute(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/ok/route.ts", "export const GET = () => new Response('ok')\n")
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(app, []string{"gone/route.ts", "ok/route.ts"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Routes, []string{"ok/route.ts"}) {
		t.Errorf("Routes = %q", b.Routes)
	}
	d := b.Failed["gone/route.ts"]
	if len(d) != 1 || !strings.Contains(d[0].Text, `Could not resolve "./app/gone/route.ts"`) {
		t.Errorf("Failed = %v", b.Failed)
	}
}

// Errors no route explains (here a bad define) fail the whole build.
func TestBuildGlobalError(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/route.ts", "export const GET = () => new Response('ok')\n")
	app, _ := FindApp(root)
	_, err := Build(app, []string{"route.ts"}, Options{Define: map[string]string{"process.env.X": "1 +"}})
	if err == nil || !strings.Contains(err.Error(), "Invalid define value") {
		t.Errorf("err = %v, want the define error", err)
	}
}

func TestBuildRejectsBadRoutePaths(t *testing.T) {
	app := App{Root: t.TempDir()}
	app.AppDir = app.Root + "/app"
	for _, routes := range [][]string{{"../x/route.ts"}, {"/abs/route.ts"}, {"a//route.ts"}, {"a/route.ts", "a/route.ts"}, {""}} {
		if _, err := Build(app, routes, Options{}); err == nil {
			t.Errorf("Build(%q) succeeded", routes)
		}
	}
}

// Each host module exports exactly its HostModules names, read from globalThis.__jsrouteModules; server-only
// is empty; client-only and any other `next` import fail at the import.
func TestHostModules(t *testing.T) {
	root := t.TempDir()
	var imports, names []string
	for i, mod := range []string{"next/server", "next/headers.js", "next/navigation", "next/cache", "next/og"} {
		imports = append(imports, fmt.Sprintf("import * as m%d from %q", i, mod))
		names = append(names, fmt.Sprintf("%q: Object.keys(m%d).sort()", strings.TrimSuffix(mod, ".js"), i))
	}
	writeFile(t, root, "app/ok/route.ts", strings.Join(imports, "\n")+`
import 'server-only'
export function GET() {
  return new Response(JSON.stringify({`+strings.Join(names, ", ")+`}))
}
`)
	writeFile(t, root, "app/client/route.ts", "import 'client-only'\nexport const GET = () => new Response('')\n")
	writeFile(t, root, "app/bare/route.ts", "import next from 'next'\nexport const GET = () => new Response(String(next))\n")
	writeFile(t, root, "app/deep/route.ts", "\nimport { NextRequest } from 'next/dist/server/web/spec-extension/request'\nexport const GET = () => new Response(String(NextRequest))\n")
	app, _ := FindApp(root)
	b, err := Build(app, []string{"bare/route.ts", "client/route.ts", "deep/route.ts", "ok/route.ts"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for route, want := range map[string]string{
		"bare/route.ts":   "app/bare/route.ts:1:18: error: next is not supported by jsroute",
		"client/route.ts": "app/client/route.ts:1:8: error: 'client-only' cannot be imported from a Server Component module",
		"deep/route.ts":   "app/deep/route.ts:2:29: error: next/dist/server/web/spec-extension/request is not supported by jsroute",
	} {
		if d := b.Failed[route]; len(d) != 1 || !strings.HasPrefix(d[0].String(), want+"\n") {
			t.Errorf("Failed[%s] = %v, want %q", route, d, want)
		}
	}
	got, err := newJSRuntime(t, b).call("ok/route.ts", "GET")
	if err != nil {
		t.Fatal(err)
	}
	var exports map[string][]string
	if err := json.Unmarshal([]byte(got), &exports); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for mod, names := range HostModules {
		want[mod] = slices.Sorted(slices.Values(names))
	}
	if !reflect.DeepEqual(exports, want) {
		t.Errorf("exports = %v, want %v", exports, want)
	}
}

func TestBuildWarnings(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/route.ts", "export function GET() {\n  return Response.json({ a: 1, a: 2 })\n}\n")
	app, _ := FindApp(root)
	b, err := Build(app, []string{"route.ts"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `app/route.ts:2:32: warning: Duplicate key "a" in object literal
    2 |   return Response.json({ a: 1, a: 2 })
      |                                ^
  note: app/route.ts:2:26: The original key "a" is here:`
	if len(b.Warnings) != 1 || !b.Warnings[0].Warning || b.Warnings[0].String() != want {
		t.Errorf("Warnings = %v, want\n%s", b.Warnings, want)
	}
}

// In dev the bundle lists the project files it was made from (the watcher reloads for those), never the
// virtual host modules; start does not pay for the list.
func TestBuildInputs(t *testing.T) {
	_, dev := buildFixture(t, "basic", Options{Dev: true})
	for _, want := range []string{"app/api/hello/route.ts", "lib/greet.ts", "node_modules/tiny-pkg/node.js"} {
		if !slices.Contains(dev.Inputs, want) {
			t.Errorf("Inputs %q lack %q", dev.Inputs, want)
		}
	}
	for _, in := range dev.Inputs {
		if strings.Contains(in, ":") || strings.HasPrefix(in, "<") {
			t.Errorf("Inputs hold a virtual module %q", in)
		}
	}
	if _, start := buildFixture(t, "basic", Options{}); start.Inputs != nil {
		t.Errorf("start: Inputs = %q, want none", start.Inputs)
	}
}
