package intl

import (
	"math/big"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// installBuiltins replaces the locale-aware methods of the ECMAScript builtins with ECMA-402's
// (§20–§23 of ECMA-402: Number, BigInt, Date, String and Array prototypes). They are plain Go
// functions; the formatters behind them are built on first call.
func (e *env) installBuiltins() {
	vm := e.vm
	protoOf := func(name string) *goja.Object {
		c, _ := vm.Get(name).(*goja.Object)
		if c == nil {
			return nil
		}
		p, _ := c.Get("prototype").(*goja.Object)
		return p
	}
	def := func(proto *goja.Object, name string, length int, fn func(goja.FunctionCall) goja.Value) {
		if proto != nil {
			proto.DefineDataProperty(name, e.fn(name, length, fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
	def(protoOf("Number"), "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		x := thisNumber(vm, call.This, "Number.prototype.toLocaleString")
		f := e.cachedNumber(call.Argument(0), call.Argument(1))
		return vm.ToValue(joinParts(f.format(decimalFromFloat(x))))
	})
	def(protoOf("BigInt"), "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		var d decimal
		switch x := call.This.Export().(type) {
		case *big.Int:
			d = decimalFromBig(x) // a BigInt, or a BigInt object (Export unwraps it)
		default:
			panic(webidl.TypeError(vm, "BigInt.prototype.toLocaleString requires that 'this' be a BigInt"))
		}
		f := e.cachedNumber(call.Argument(0), call.Argument(1))
		return vm.ToValue(joinParts(f.format(d)))
	})
	def(protoOf("String"), "localeCompare", 1, func(call goja.FunctionCall) goja.Value {
		if goja.IsUndefined(call.This) || goja.IsNull(call.This) {
			panic(webidl.TypeError(vm, "String.prototype.localeCompare called on null or undefined"))
		}
		a := call.This.String()
		b := call.Argument(0).String()
		c := e.cachedCollator(call.Argument(1), call.Argument(2))
		return vm.ToValue(c.compare(a, b))
	})
	def(protoOf("Array"), "toLocaleString", 0, func(call goja.FunctionCall) goja.Value {
		o := call.This.ToObject(vm)
		// A cycle joins as the empty string, as the engines' Array.prototype.join does.
		if e.joining[o] {
			return vm.ToValue("")
		}
		if e.joining == nil {
			e.joining = map[*goja.Object]bool{}
		}
		e.joining[o] = true
		defer delete(e.joining, o)
		n := int(o.Get("length").ToInteger())
		parts := make([]string, n)
		for i := 0; i < n; i++ {
			el := o.Get(itoa(i))
			if el == nil || goja.IsUndefined(el) || goja.IsNull(el) {
				continue
			}
			eo := el.ToObject(vm)
			fn, ok := goja.AssertFunction(eo.Get("toLocaleString"))
			if !ok {
				panic(webidl.TypeError(vm, "toLocaleString is not a function"))
			}
			r, err := fn(el, call.Argument(0), call.Argument(1))
			if err != nil {
				panic(err)
			}
			parts[i] = r.String()
		}
		return vm.ToValue(strings.Join(parts, ","))
	})
	e.installDateBuiltins(protoOf("Date"), def)
}

func thisNumber(vm *goja.Runtime, v goja.Value, what string) float64 {
	switch x := v.Export().(type) {
	case int64:
		return float64(x)
	case float64:
		return x
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Number" {
		return o.ToFloat()
	}
	panic(webidl.TypeError(vm, "%s requires that 'this' be a Number", what))
}

// cacheKey is the key of a default formatter: only calls without options and with a string or no
// locale are cached (the common `x.toLocaleString('de-DE')`).
func cacheKey(kind string, locales, options goja.Value) (string, bool) {
	if !goja.IsUndefined(options) {
		return "", false
	}
	if goja.IsUndefined(locales) {
		return kind, true
	}
	if s, ok := locales.Export().(string); ok {
		return kind + "\x00" + s, true
	}
	return "", false
}

func (e *env) cachedNumber(locales, options goja.Value) *numberOptions {
	key, ok := cacheKey("number", locales, options)
	if ok {
		if f, ok := e.cache[key].(*numberOptions); ok {
			return f
		}
	}
	f := e.newNumberFormat(locales, options)
	if ok {
		e.remember(key, f)
	}
	return f
}

// maxCached bounds the default formatters one runtime keeps: the locale may come from a request
// (an Accept-Language header), so their number is not the app's to bound.
const maxCached = 128

func (e *env) remember(key string, f any) {
	if len(e.cache) >= maxCached {
		clear(e.cache)
	}
	e.cache[key] = f
}
