package webidl_test

import (
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webapitest"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type counter struct{ n int }

func install(r *webapi.Realm) {
	vm := r.VM
	webidl.Define(r, webidl.Spec[*counter]{
		Name: "Counter",
		New:  func(call goja.ConstructorCall) *counter { return &counter{n: int(call.Argument(0).ToInteger())} },
		Methods: []webidl.Method[*counter]{
			{Name: "inc", Fn: func(c *counter, _ goja.FunctionCall) goja.Value { c.n++; return vm.ToValue(c.n) }},
			{Name: "bug", Fn: func(c *counter, _ goja.FunctionCall) goja.Value {
				var m map[string]int
				m["x"] = 1 // a nil-map write: a Go runtime panic
				return nil
			}},
			{Name: "throws", Fn: func(c *counter, _ goja.FunctionCall) goja.Value {
				panic(webidl.TypeError(vm, "a JS TypeError"))
			}},
		},
		Accessors: []webidl.Accessor[*counter]{{Name: "value", Get: func(c *counter) goja.Value { return vm.ToValue(c.n) }}},
	}).Global()
}

func TestClass(t *testing.T) {
	cases := []struct{ name, script, want string }{
		{"construct and call", `const c = new Counter(1); c.inc(); return c.value`, "2"},
		{"call without new", `try { Counter(1) } catch (e) { return e instanceof TypeError }`, "true"},
		{"brand check", `try { Counter.prototype.inc.call({}) } catch (e) { return e.message }`, "Illegal invocation"},
		{"subclass", `class D extends Counter { twice() { this.inc(); return this.inc() } }; return new D(0).twice()`, "2"},
		{"toStringTag", `return Object.prototype.toString.call(new Counter(0))`, "[object Counter]"},
		{"JS throw passes through", `try { new Counter(0).throws() } catch (e) { return e instanceof TypeError && e.message }`, "a JS TypeError"},
		{"Go panic becomes a JS Error", `try { new Counter(0).bug(); return 'no throw' } catch (e) { return e instanceof Error && e.message.startsWith('internal error in bug') }`, "true"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, install)
			if got := env.Run(c.script).String(); got != c.want && !strings.HasPrefix(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
