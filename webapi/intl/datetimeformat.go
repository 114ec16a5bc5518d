package intl

import (
	"math"

	"github.com/dop251/goja"
)

func (e *env) dateTimeFormatClass() class {
	self := func(s any) *dateTimeFormat { return s.(*dateTimeFormat) }
	return class{
		name:  "DateTimeFormat",
		newFn: func(l, o goja.Value) any { return e.newDateTimeFormat(l, o, "any", "date") },
		getters: []classMethod{{"format", 1, func(s any, call goja.FunctionCall) goja.Value {
			return e.vm.ToValue(self(s).formatString(e.dateValue(call.Argument(0))))
		}}},
		methods: []classMethod{
			{"formatToParts", 1, func(s any, call goja.FunctionCall) goja.Value {
				return e.partsArray(self(s).format(e.dateValue(call.Argument(0))), nil)
			}},
			{"formatRange", 2, func(s any, call goja.FunctionCall) goja.Value {
				return e.vm.ToValue(joinParts(self(s).formatRange(e.rangeArgs(call))))
			}},
			{"formatRangeToParts", 2, func(s any, call goja.FunctionCall) goja.Value {
				return e.sourcedParts(self(s).formatRange(e.rangeArgs(call)))
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				return self(s).resolved(e)
			}},
		},
	}
}

func (e *env) rangeArgs(call goja.FunctionCall) (float64, float64) {
	if goja.IsUndefined(call.Argument(0)) || goja.IsUndefined(call.Argument(1)) {
		panic(e.vm.NewTypeError("startDate or endDate is undefined"))
	}
	return e.dateValue(call.Argument(0)), e.dateValue(call.Argument(1))
}

// installDateBuiltins is Date.prototype.toLocaleString, toLocaleDateString and
// toLocaleTimeString (ECMA-402 §20.4).
func (e *env) installDateBuiltins(proto *goja.Object, def func(*goja.Object, string, int, func(goja.FunctionCall) goja.Value)) {
	for _, m := range []struct{ name, required, defaults string }{
		{"toLocaleString", "any", "all"},
		{"toLocaleDateString", "date", "date"},
		{"toLocaleTimeString", "time", "time"},
	} {
		def(proto, m.name, 0, func(call goja.FunctionCall) goja.Value {
			o, ok := call.This.(*goja.Object)
			if !ok || o.ClassName() != "Date" {
				panic(e.vm.NewTypeError("this is not a Date object."))
			}
			x := o.ToFloat()
			if math.IsNaN(x) {
				return e.vm.ToValue("Invalid Date")
			}
			f := e.cachedDate(m.name, m.required, m.defaults, call.Argument(0), call.Argument(1))
			return e.vm.ToValue(f.formatString(x))
		})
	}
}

func (e *env) cachedDate(kind, required, defaults string, locales, options goja.Value) *dateTimeFormat {
	key, ok := cacheKey(kind, locales, options)
	if ok {
		if f, ok := e.cache[key].(*dateTimeFormat); ok {
			return f
		}
	}
	f := e.newDateTimeFormat(locales, options, required, defaults)
	if ok {
		e.remember(key, f)
	}
	return f
}
