package loader

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// This file runs bundles in goja, for tests only: the package itself never imports goja.

// testPrelude stands in for the engine's Web APIs and host modules, just enough for the fixtures.
const testPrelude = `
globalThis.Symbol.asyncIterator = Symbol.asyncIterator || Symbol.for('Symbol.asyncIterator');
class Response {
  constructor(body, init) { this.body = body; this.status = (init && init.status) || 200 }
  static json(x) { return new Response(JSON.stringify(x)) }
}
globalThis.Response = Response;
const jar = { get: (n) => n === 'token' ? 'tok' : undefined };
globalThis.__jsrouteModules = {
  'next/server': { NextRequest: class {}, NextResponse: class {}, after() {}, connection() {}, userAgent() {} },
  'next/headers': { cookies: async () => jar, headers: async () => ({ get: () => 'yes' }), draftMode() {} },
  'next/navigation': { redirect() { throw new Error('redirect') }, permanentRedirect() {}, notFound() {},
    forbidden() {}, unauthorized() {}, unstable_rethrow() {}, RedirectType: {} },
  'next/cache': { revalidatePath() {}, revalidateTag() {}, unstable_cache() {}, unstable_noStore() {},
    cacheLife() {}, cacheTag() {}, updateTag() {} },
  'next/og': { ImageResponse: class {} },
};
// The host's node:* modules: each answers with its own name.
globalThis.__jsrouteRequire = (name) => ({ readFileSync: () => 'host ' + name });
`

// jsRuntime is a goja runtime with the test prelude, a setTimeout whose callbacks run when the test drains
// them, and one bundle loaded.
type jsRuntime struct {
	vm     *goja.Runtime
	timers []goja.Callable
}

func newJSRuntime(t *testing.T, b *Bundle) *jsRuntime {
	t.Helper()
	r := &jsRuntime{vm: goja.New()}
	r.vm.Set("setTimeout", func(fn goja.Callable, _ int) {
		r.timers = append(r.timers, fn)
	})
	if _, err := r.vm.RunString(testPrelude); err != nil {
		t.Fatal(err)
	}
	if b.Vendor != nil { // dev: the packages first (vendor.go)
		if _, err := r.vm.RunString(b.Vendor.Code); err != nil {
			t.Fatalf("run vendor bundle: %v", err)
		}
	}
	// As the engine will: parse under the bundle's name, inline maps only, never read a map from disk.
	ast, err := goja.Parse(b.Name, b.Code, parser.WithSourceMapLoader(func(p string) ([]byte, error) {
		return nil, fmt.Errorf("no source map files: %s", p)
	}))
	if err != nil {
		t.Fatalf("parse bundle: %v", err)
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		t.Fatalf("compile bundle: %v", err)
	}
	if _, err := r.vm.RunProgram(prg); err != nil {
		t.Fatalf("run bundle: %v", err)
	}
	return r
}

// call calls export method of route, runs timers until the returned promise settles and returns the
// resolved value's body, or the rejection.
func (r *jsRuntime) call(route, method string, args ...any) (string, error) {
	mod, err := r.module(route)
	if err != nil {
		return "", err
	}
	fn, ok := goja.AssertFunction(mod.Get(method))
	if !ok {
		return "", fmt.Errorf("route %q exports no %s", route, method)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = r.vm.ToValue(a)
	}
	v, err := fn(goja.Undefined(), vals...)
	if err != nil {
		return "", err
	}
	v, err = r.settle(v)
	if err != nil {
		return "", err
	}
	return v.ToObject(r.vm).Get("body").String(), nil
}

// module calls the bundle's loader of route (moduleInit) and returns the module namespace once it settles.
func (r *jsRuntime) module(route string) (*goja.Object, error) {
	load, ok := goja.AssertFunction(r.vm.Get(RoutesGlobal).ToObject(r.vm).Get(route))
	if !ok {
		return nil, fmt.Errorf("no route %q", route)
	}
	v, err := load(goja.Undefined())
	if err != nil {
		return nil, err
	}
	if v, err = r.settle(v); err != nil {
		return nil, err
	}
	return v.ToObject(r.vm), nil
}

// settle runs timers until v, when a promise, settles, and returns its value or its rejection.
func (r *jsRuntime) settle(v goja.Value) (goja.Value, error) {
	p, isPromise := v.Export().(*goja.Promise)
	for isPromise && p.State() == goja.PromiseStatePending && len(r.timers) > 0 {
		next := r.timers[0]
		r.timers = r.timers[1:]
		if _, err := next(goja.Undefined()); err != nil {
			return nil, err
		}
	}
	if isPromise {
		switch p.State() {
		case goja.PromiseStateRejected:
			if obj, ok := p.Result().(*goja.Object); ok {
				return nil, errors.New(obj.Get("stack").String())
			}
			return nil, fmt.Errorf("rejected: %v", p.Result())
		case goja.PromiseStatePending:
			return nil, errors.New("promise never settled")
		}
		v = p.Result()
	}
	return v, nil
}
