package wasm

import (
	"context"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// instance is a WebAssembly.Instance.
type instance struct {
	mod     api.Module
	exports *goja.Object
}

func (s *state) defineInstance() {
	s.inst = webidl.Define(s.r, webidl.Spec[*instance]{
		Name:   "Instance",
		Length: 1,
		New: func(call goja.ConstructorCall) *instance {
			m := s.moduleArg(call.Argument(0), "WebAssembly.Instance()")
			return s.newInstance(m, call.Argument(1))
		},
		Accessors: []webidl.Accessor[*instance]{
			{Name: "exports", Get: func(i *instance) goja.Value { return i.exports }},
		},
	})
}

// instantiate is JS API §"instantiate the core of a WebAssembly module" and returns the
// Instance object.
func (s *state) instantiate(m *module, imports goja.Value) goja.Value {
	return s.inst.Wrap(s.newInstance(m, imports))
}

func (s *state) newInstance(m *module, imports goja.Value) *instance {
	mod := s.link(m, imports)
	return &instance{mod: mod, exports: s.exportsObject(m, mod)}
}

// source names the module that provides an import to a link shim.
type sources struct {
	names map[api.Module]string
	mods  map[string]api.Module
}

func (src *sources) name(m api.Module) string {
	if n, ok := src.names[m]; ok {
		return n
	}
	n := fmt.Sprintf("s%d", len(src.names))
	src.names[m] = n
	src.mods[n] = m
	return n
}

// link reads the imports a module needs from the import object (JS API §"read the imports")
// and instantiates it.
//
// wazero links a module's imports against other instantiated modules by name. So each import
// module name ("env") becomes a shim module (shimModule) that imports each field from where it
// lives — JS functions from one host module made for this instantiation, a Memory, Global or
// Table from the module that holds it, a function another instance exported from that
// instance — and re-exports it under the name asked for; the module is then instantiated with
// an import resolver that maps each import module name to its shim.
func (s *state) link(m *module, importObj goja.Value) api.Module {
	vm := s.vm
	ctx := s.callContext()
	imps := m.info.imports
	io, isObj := importObj.(*goja.Object)
	if len(imps) > 0 && !isObj {
		panic(webidl.TypeError(vm, "WebAssembly.Instance(): Imports argument must be present and must be an object"))
	}
	src := &sources{names: map[api.Module]string{}, mods: map[string]api.Module{}}
	groups := map[string][]shimImport{}
	var order []string
	seen := map[[2]string]bool{}
	var host wazero.HostModuleBuilder
	nhost := 0
	// V8 looks every import up before it links any (a missing module object is a TypeError
	// even when an earlier import would be a LinkError).
	values := make([]goja.Value, len(imps))
	for i, d := range imps {
		mo, ok := io.Get(d.module).(*goja.Object)
		if !ok {
			panic(webidl.TypeError(vm, "WebAssembly.Instance(): Import #%d \"%s\": module is not an object or function", i, d.module))
		}
		if values[i] = mo.Get(d.name); values[i] == nil {
			values[i] = goja.Undefined()
		}
	}
	for i, d := range imps {
		v := values[i]
		linkErr := func(what string) {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): Import #%d \"%s\" \"%s\": %s", i, d.module, d.name, what))
		}
		key := [2]string{d.module, d.name}
		if seen[key] {
			continue // one export of the shim serves every import of that name
		}
		seen[key] = true
		e := shimImport{imp: d}
		switch d.kind {
		case kindFunc:
			fn, ok := goja.AssertFunction(v)
			if !ok {
				linkErr("function import requires a callable")
			}
			if ef := s.funcs[v.(*goja.Object)]; ef != nil {
				e.source, e.field = src.name(ef.owner), ef.export
				break
			}
			if host == nil {
				host = s.rt.NewHostModuleBuilder("js")
			}
			e.field = fmt.Sprintf("f%d", nhost)
			nhost++
			host.NewFunctionBuilder().
				WithGoModuleFunction(s.hostFunc(fn, d.fn), valueTypes(d.fn.params), valueTypes(d.fn.results)).
				Export(e.field)
			e.source = "" // filled in below, once the host module exists
		case kindMemory:
			mem, ok := s.memory.Unwrap(v)
			if !ok {
				linkErr("memory import must be a WebAssembly.Memory object")
			}
			e.source, e.field = src.name(mem.src), mem.field
		case kindGlobal:
			g, ok := s.global.Unwrap(v)
			if !ok {
				if d.mutable {
					linkErr("imported mutable global must be a WebAssembly.Global object")
				}
				if d.val == valI64 && !goja.IsBigInt(v) || d.val != valI64 && !isNumber(v) {
					linkErr("global import must be a number, valid Wasm reference, or WebAssembly.Global object")
				}
				g = s.newGlobal(d.val, false, s.toWasm(v, d.val))
			}
			e.source, e.field = src.name(g.src), g.field
		case kindTable:
			t, ok := s.table.Unwrap(v)
			if !ok {
				linkErr("table import requires a WebAssembly.Table")
			}
			e.source, e.field = src.name(t.src), t.field
		default:
			linkErr("tag imports are not supported by jsroute")
		}
		if _, ok := groups[d.module]; !ok {
			order = append(order, d.module)
		}
		groups[d.module] = append(groups[d.module], e)
	}
	if host != nil {
		c, err := host.Compile(ctx)
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", compileMessage(err)))
		}
		hm, err := s.rt.InstantiateModule(ctx, c, anonymous())
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", compileMessage(err)))
		}
		name := src.name(hm)
		for _, g := range groups {
			for i := range g {
				if g[i].imp.kind == kindFunc && g[i].source == "" {
					g[i].source = name
				}
			}
		}
	}
	shims := map[string]api.Module{}
	shimCtx := experimental.WithImportResolver(ctx, func(name string) api.Module { return src.mods[name] })
	for _, name := range order {
		c, err := s.rt.CompileModule(ctx, shimModule(groups[name]))
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): linking %q: %s", name, compileMessage(err)))
		}
		sm, err := s.rt.InstantiateModule(shimCtx, c, anonymous())
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", linkMessage(err)))
		}
		shims[name] = sm
	}
	instCtx := experimental.WithImportResolver(ctx, func(name string) api.Module { return shims[name] })
	mod, err := s.rt.InstantiateModule(instCtx, m.compiled, anonymous())
	s.refreshBuffers()
	if err != nil {
		if strings.Contains(err.Error(), "import") {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", linkMessage(err)))
		}
		s.throwInstantiateError(err)
	}
	return mod
}

// throwInstantiateError reports a failure of the start function or of a segment
// initialisation: a RuntimeError, or what an import threw.
func (s *state) throwInstantiateError(err error) {
	msg := err.Error()
	if strings.Contains(msg, "start function") || strings.Contains(msg, "recovered by wazero") || strings.HasPrefix(msg, "wasm error") {
		s.throwCallError(err)
	}
	panic(s.newError(s.runtimeError, "WebAssembly.Instance(): %s", compileMessage(err)))
}

func linkMessage(err error) string { return compileMessage(err) }

// anonymous instantiates without a name (so any number may live in one runtime) and without
// running a WASI "_start" (the module's own start section still runs, as the spec says).
func anonymous() wazero.ModuleConfig {
	return wazero.NewModuleConfig().WithName("").WithStartFunctions()
}

func valueTypes(b []byte) []api.ValueType { return b }

func isNumber(v goja.Value) bool {
	switch v.Export().(type) {
	case int64, float64:
		return true
	}
	return false
}

// exportsObject is JS API §"create an exports object": a frozen object with a null prototype,
// one property per export in module order.
func (s *state) exportsObject(m *module, mod api.Module) *goja.Object {
	vm := s.vm
	o := vm.NewObject()
	o.SetPrototype(nil)
	for _, e := range m.info.exports {
		var v goja.Value
		switch e.kind {
		case kindFunc:
			v = s.exportedFunction(mod, e.name)
		case kindMemory:
			v = s.memoryObject(mod.ExportedMemory(e.name), mod, e.name)
		case kindGlobal:
			v = s.globalObject(mod, e.name)
		case kindTable:
			v = s.tableObject(mod, e.name)
			if t, ok := s.table.Unwrap(v); ok && m.elems != nil {
				t.types = m.elems
			}
		default:
			v = goja.Undefined()
		}
		o.DefineDataProperty(e.name, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	s.freeze(o)
	return o
}

// withResolver makes wazero resolve import module names from mods.
func withResolver(ctx context.Context, mods map[string]api.Module) context.Context {
	return experimental.WithImportResolver(ctx, func(name string) api.Module { return mods[name] })
}

type freezeKey struct{}

// freeze is Object.freeze.
func (s *state) freeze(o *goja.Object) {
	f := s.r.State(freezeKey{}, func() any {
		fn, _ := goja.AssertFunction(s.vm.Get("Object").(*goja.Object).Get("freeze"))
		return fn
	}).(goja.Callable)
	if _, err := f(goja.Undefined(), o); err != nil {
		panic(err)
	}
}
