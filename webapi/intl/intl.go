// Package intl is ECMA-402 (the ECMAScript Internationalization API, https://tc39.es/ecma402/) for
// goja: the Intl namespace and the locale-aware builtins (Number/BigInt/Date.prototype.toLocale*,
// String.prototype.localeCompare, Array.prototype.toLocaleString), answering as Node 20 with full
// ICU does for the locales gen.mjs carries.
//
// Nothing is paid until used: Intl is an accessor on the global object that builds the namespace
// on first access, and the prototype methods are Go functions that load the CLDR data (shared by
// all runtimes, decoded once per process) on their first call.
package intl

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type realmKey struct{}

// env is one realm's Intl: the runtime and the classes once built.
type env struct {
	r       *webapi.Realm
	vm      *goja.Runtime
	slot    *goja.Symbol
	ns      *goja.Object
	protos  map[string]*goja.Object
	cache   map[string]any        // default formatters of the toLocale* methods, by kind+locales
	joining map[*goja.Object]bool // arrays inside Array.prototype.toLocaleString, for cycles
}

func envOf(r *webapi.Realm) *env {
	return r.State(realmKey{}, func() any {
		return &env{r: r, vm: r.VM, slot: goja.NewSymbol("[[intl]]"), protos: map[string]*goja.Object{}, cache: map[string]any{}}
	}).(*env)
}

// Install puts the lazy Intl global and the locale-aware prototype methods into the realm.
func Install(r *webapi.Realm) {
	vm := r.VM
	e := envOf(r)
	g := vm.GlobalObject()
	get := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		ns := e.namespace()
		g.DefineDataProperty("Intl", ns, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return ns
	})
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		g.DefineDataProperty("Intl", call.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return goja.Undefined()
	})
	g.DefineAccessorProperty("Intl", get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
	e.installBuiltins()
}

// namespace builds the Intl object (ECMA-402 §8).
func (e *env) namespace() *goja.Object {
	if e.ns != nil {
		return e.ns
	}
	vm := e.vm
	ns := vm.NewObject()
	e.ns = ns
	ns.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	e.method(ns, "getCanonicalLocales", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(e.canonicalizeList(call.Argument(0)))
	})
	e.method(ns, "supportedValuesOf", 1, func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(e.supportedValuesOf(call.Argument(0).String()))
	})
	for _, c := range e.classes() {
		e.defineClass(ns, c)
	}
	return ns
}

func (e *env) method(o *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) {
	f := e.fn(name, length, fn)
	o.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (e *env) fn(name string, length int, fn func(goja.FunctionCall) goja.Value) *goja.Object {
	f := e.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		defer webidl.Guard(e.vm, name)
		return fn(call)
	}).(*goja.Object)
	f.DefineDataProperty("name", e.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	f.DefineDataProperty("length", e.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

// class is one Intl constructor in one table.
type class struct {
	name    string
	newFn   func(locales, options goja.Value) any // the Go state
	methods []classMethod
	getters []classMethod // bound-function getters (format, compare)
	props   []classMethod // plain getters (Intl.Locale's fields)
}

type classMethod struct {
	name   string
	length int
	fn     func(self any, call goja.FunctionCall) goja.Value
}

func (e *env) defineClass(ns *goja.Object, c class) {
	vm := e.vm
	proto := vm.NewObject()
	ctor := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		defer webidl.Guard(vm, c.name)
		st := c.newFn(call.Argument(0), call.Argument(1))
		obj := call.This
		if call.NewTarget == nil {
			obj = vm.NewObject()
			obj.SetPrototype(proto)
		}
		obj.DefineDataPropertySymbol(e.slot, vm.ToValue(st), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return obj
	}).(*goja.Object)
	ctor.DefineDataProperty("prototype", proto, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	proto.DefineDataProperty("constructor", ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	ctor.DefineDataProperty("name", vm.ToValue(c.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	ctor.DefineDataProperty("length", vm.ToValue(0), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("Intl."+c.name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	this := func(name string, v goja.Value) any {
		if o, ok := v.(*goja.Object); ok {
			if s := o.GetSymbol(e.slot); s != nil {
				return s.Export()
			}
		}
		panic(webidl.TypeError(vm, "Method Intl.%s.prototype.%s called on incompatible receiver %s", c.name, name, v.String()))
	}
	for _, m := range c.methods {
		e.method(proto, m.name, m.length, func(call goja.FunctionCall) goja.Value {
			return m.fn(this(m.name, call.This), call)
		})
	}
	for _, m := range c.getters {
		key := goja.NewSymbol("bound " + m.name)
		get := e.fn("get "+m.name, 0, func(call goja.FunctionCall) goja.Value {
			self := this(m.name, call.This)
			o := call.This.(*goja.Object)
			if b := o.GetSymbol(key); b != nil {
				return b
			}
			b := e.fn("", m.length, func(inner goja.FunctionCall) goja.Value { return m.fn(self, inner) })
			o.DefineDataPropertySymbol(key, b, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
			return b
		})
		proto.DefineAccessorProperty(m.name, get, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	for _, m := range c.props {
		get := e.fn("get "+m.name, 0, func(call goja.FunctionCall) goja.Value {
			return m.fn(this(m.name, call.This), call)
		})
		proto.DefineAccessorProperty(m.name, get, nil, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	e.method(ctor, "supportedLocalesOf", 1, func(call goja.FunctionCall) goja.Value {
		var out []string
		for _, s := range e.canonicalizeList(call.Argument(0)) {
			if _, ok := dataIDOf(s); ok {
				out = append(out, s)
			}
		}
		if out == nil {
			out = []string{}
		}
		return vm.ToValue(out)
	})
	e.protos[c.name] = proto
	ns.DefineDataProperty(c.name, ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (e *env) classes() []class {
	return []class{
		e.numberFormatClass(),
		e.collatorClass(),
		e.dateTimeFormatClass(),
		e.pluralRulesClass(),
		e.relativeTimeFormatClass(),
		e.listFormatClass(),
		e.displayNamesClass(),
		e.segmenterClass(),
		e.localeClass(),
	}
}
