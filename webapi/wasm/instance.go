package wasm

import (
	"context"
	"crypto/rand"
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
	ref     *modRef
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
	ref := s.link(m, imports)
	return &instance{ref: ref, exports: s.exportsObject(m, ref)}
}

// source names the module that provides an import to a link shim.
type sources struct {
	names map[*modRef]string
	mods  map[string]api.Module
	refs  []any
}

func (src *sources) name(r *modRef) string {
	if n, ok := src.names[r]; ok {
		return n
	}
	n := fmt.Sprintf("s%d", len(src.names))
	src.names[r] = n
	src.mods[n] = r.mod
	src.refs = append(src.refs, r)
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
func (s *state) link(m *module, importObj goja.Value) *modRef {
	vm := s.vm
	ctx := s.callContext()
	imps := m.info.imports
	io, isObj := importObj.(*goja.Object)
	if len(imps) > 0 && !isObj {
		panic(webidl.TypeError(vm, "WebAssembly.Instance(): Imports argument must be present and must be an object"))
	}
	src := &sources{names: map[*modRef]string{}, mods: map[string]api.Module{}}
	host := &hostFuncs{}
	groups := map[string][]shimImport{}
	var order []string
	seen := map[[2]string]bool{}
	var hostB wazero.HostModuleBuilder
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
			if ef, _ := webidl.Slot[*exportedFunc](s.r, v); ef != nil && ef.export != "" {
				e.source, e.field = src.name(ef.owner), ef.export
				break
			}
			if hostB == nil {
				hostB = s.rt.NewHostModuleBuilder("js")
			}
			e.field = fmt.Sprintf("f%d", len(host.fns))
			hostB.NewFunctionBuilder().
				WithGoModuleFunction(weakHost(host, len(host.fns)), valueTypes(d.fn.params), valueTypes(d.fn.results)).
				Export(e.field)
			host.fns = append(host.fns, s.hostFunc(fn, d.fn))
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
			t.addTypes(m.info.types)
			e.source, e.field = src.name(t.src), t.field
		default:
			linkErr("tag imports are not supported by jsroute")
		}
		if _, ok := groups[d.module]; !ok {
			order = append(order, d.module)
		}
		groups[d.module] = append(groups[d.module], e)
	}
	if hostB != nil {
		c, err := hostB.Compile(ctx)
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", compileMessage(err)))
		}
		hm, err := s.rt.InstantiateModule(ctx, c, anonymous())
		if err != nil {
			panic(s.newError(s.linkError, "WebAssembly.Instance(): %s", compileMessage(err)))
		}
		c.Close(ctx) // the instance keeps its code; the compiled host module is not reused
		name := src.name(own(hm, host))
		for _, g := range groups {
			for i := range g {
				if g[i].imp.kind == kindFunc && g[i].source == "" {
					g[i].source = name
				}
			}
		}
	}
	shims := map[string]api.Module{}
	var deps []any
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
		deps = append(deps, own(sm, src.refs...))
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
	return own(mod, deps...)
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
// running a WASI "_start" (the module's own start section still runs, as the spec says). The
// random source is given so that wazero does not seed a fake one per instantiation (a sixth of
// the time of a small instantiation); no WASI is linked, so nothing reads it.
func anonymous() wazero.ModuleConfig { return anonymousConfig }

var anonymousConfig = wazero.NewModuleConfig().WithName("").WithStartFunctions().WithRandSource(rand.Reader)

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
func (s *state) exportsObject(m *module, ref *modRef) *goja.Object {
	mod := ref.mod
	vm := s.vm
	o := vm.NewObject()
	o.SetPrototype(nil)
	for _, e := range m.info.exports {
		var v goja.Value
		switch e.kind {
		case kindFunc:
			v = s.exportedFunction(ref, e.name)
		case kindMemory:
			v = s.memoryObject(mod.ExportedMemory(e.name), ref, e.name)
		case kindGlobal:
			v = s.globalObject(ref, e.name)
		case kindTable:
			v = s.tableObject(ref, e.name, m.info.types)
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
