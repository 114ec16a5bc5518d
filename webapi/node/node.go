// Package node is the registry of the Node.js built-in modules a route bundle may import
// (`node:fs`, `crypto`, `node:stream/promises`...) and of the Node globals (`Buffer`, `global`,
// `setImmediate`...), installed lazily: a module is built in a runtime the first time the bundle
// requires it, a global the first time code reads it, so an app that uses neither pays nothing.
//
// The loader resolves every built-in name to a tiny CommonJS module whose body is
// `module.exports = globalThis.__jsrouteRequire("fs")` (loader/nodebuiltins.go); Install defines
// that function. Each module lives in its own package under webapi/node/ and registers itself from
// an init function; webapi/node/all imports them all.
//
// A built-in that no package registers still resolves, so packages that merely import it load:
// reading any of its exports gives a function that throws Node's ERR_NOT_SUPPORTED-style error
// naming the module (Node's module list: https://nodejs.org/docs/latest-v20.x/api/modules.html#built-in-modules).
package node

import (
	"sort"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
)

// RequireGlobal is the function the loader's virtual modules call.
const RequireGlobal = "__jsrouteRequire"

// Module builds one built-in module in a realm and returns its exports (module.exports).
type Module func(r *webapi.Realm) goja.Value

// Global builds the value of one lazily installed global.
type Global func(r *webapi.Realm) goja.Value

var (
	mu      sync.RWMutex
	modules = map[string]Module{}
	globals = map[string]lazyGlobal{}
)

type lazyGlobal struct {
	build      Global
	enumerable bool
}

// Register makes name ("fs", "fs/promises", "stream/web"; never with the node: prefix) available.
// Call it from an init function; registering a name twice panics.
func Register(name string, m Module) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := modules[name]; dup {
		panic("node: module " + name + " registered twice")
	}
	modules[name] = m
}

// RegisterGlobal makes name a global of every runtime, built on first read. Writing the global
// before reading it replaces it, as for any global.
func RegisterGlobal(name string, g Global) { registerGlobal(name, lazyGlobal{build: g}) }

// RegisterEnumerableGlobal is RegisterGlobal for a global that a program assigns rather than one
// Node defines, so Object.keys(globalThis) lists it (Next's server globals, webapi/node/httpconst).
func RegisterEnumerableGlobal(name string, g Global) {
	registerGlobal(name, lazyGlobal{build: g, enumerable: true})
}

func registerGlobal(name string, g lazyGlobal) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := globals[name]; dup {
		panic("node: global " + name + " registered twice")
	}
	globals[name] = g
}

// Registered lists the module names registered, sorted.
func Registered() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(modules))
	for n := range modules {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

type cacheKey struct{}

// Require returns the exports of a built-in module in r, building them on first use. name may
// carry the node: prefix. An unknown or unprovided name gives the not-supported stand-in.
func Require(r *webapi.Realm, name string) goja.Value {
	name = strings.TrimPrefix(name, "node:")
	cache := r.State(cacheKey{}, func() any { return map[string]goja.Value{} }).(map[string]goja.Value)
	if v, ok := cache[name]; ok {
		return v
	}
	mu.RLock()
	m := modules[name]
	mu.RUnlock()
	var v goja.Value
	if m != nil {
		v = m(r)
	} else {
		v = unsupported(r, name)
	}
	cache[name] = v
	return v
}

// Install defines __jsrouteRequire and the lazy globals in r.
func Install(r *webapi.Realm) {
	vm := r.VM
	req := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		return Require(r, call.Argument(0).String())
	})
	vm.GlobalObject().DefineDataProperty(RequireGlobal, req, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	mu.RLock()
	defer mu.RUnlock()
	for name, g := range globals {
		build := func() goja.Value { return g.build(r) }
		if g.enumerable {
			r.DefineLazyEnumerableGlobal(name, build)
		} else {
			r.DefineLazyGlobal(name, build)
		}
	}
}

// NotSupported is the error a built-in jsroute does not provide throws when used: an Error with
// code ERR_NOT_SUPPORTED whose message names the module and the export.
func NotSupported(r *webapi.Realm, module, export string) *goja.Object {
	what := "node:" + module
	if export != "" {
		what += " " + export + "()"
	}
	return console.NodeError(r, "Error", "ERR_NOT_SUPPORTED", "%s is not supported by jsroute", what)
}

// unsupported is the stand-in exports object of a module nobody registered: an empty object whose
// prototype answers every property with a function that throws NotSupported. Own properties are
// none, so bundlers' namespace copies keep the prototype chain (esbuild's __toESM creates the
// namespace from the module's prototype).
func unsupported(r *webapi.Realm, module string) goja.Value {
	vm := r.VM
	fns := map[string]goja.Value{}
	proto := vm.NewProxy(vm.NewObject(), &goja.ProxyTrapConfig{
		Get: func(_ *goja.Object, key string, _ goja.Value) goja.Value {
			if key == "then" || key == "__esModule" {
				return goja.Undefined() // not a thenable, not an ES module namespace
			}
			f, ok := fns[key]
			if !ok {
				fo := vm.ToValue(func(goja.FunctionCall) goja.Value { panic(NotSupported(r, module, key)) }).(*goja.Object)
				// A prototype, so that a package subclassing the stand-in at load time
				// (`Object.create(require('stream').Stream.prototype)`) still loads.
				fo.DefineDataProperty("prototype", vm.NewObject(), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_FALSE)
				f = fo
				fns[key] = f
			}
			return f
		},
		GetSym: func(*goja.Object, *goja.Symbol, goja.Value) goja.Value { return goja.Undefined() },
	})
	exports := vm.NewObject()
	exports.SetPrototype(vm.ToValue(proto).(*goja.Object))
	return exports
}

// node:process and node:console are the globals of the same names.
func init() {
	for _, name := range []string{"process", "console"} {
		Register(name, func(r *webapi.Realm) goja.Value { return r.VM.Get(name) })
	}
}
