package intl

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// canonicalizeList is CanonicalizeLocaleList (ECMA-402 §9.2.1).
func (e *env) canonicalizeList(v goja.Value) []string {
	vm := e.vm
	out := []string{}
	if goja.IsUndefined(v) {
		return out
	}
	var items []goja.Value
	if s, ok := v.Export().(string); ok {
		items = []goja.Value{vm.ToValue(s)}
	} else if v == goja.Null() {
		panic(webidl.TypeError(vm, "Cannot convert undefined or null to object"))
	} else {
		o := v.ToObject(vm)
		if st := o.GetSymbol(e.slot); st != nil {
			if l, ok := st.Export().(*localeObject); ok {
				return []string{l.String()}
			}
		}
		n := o.Get("length")
		length := 0
		if n != nil {
			length = int(n.ToInteger())
		}
		for i := 0; i < length; i++ {
			if it := o.Get(itoa(i)); it != nil {
				items = append(items, it)
			}
		}
	}
	for _, it := range items {
		var s string
		if o, ok := it.(*goja.Object); ok {
			if st := o.GetSymbol(e.slot); st != nil {
				if l, ok := st.Export().(*localeObject); ok {
					s = l.String()
				}
			}
			if s == "" {
				s = it.String()
			}
		} else if _, ok := it.Export().(string); ok {
			s = it.String()
		} else {
			panic(webidl.TypeError(vm, "Language ID should be string or object."))
		}
		c, ok := canonicalize(s)
		if !ok {
			panic(webidl.RangeError(vm, "Incorrect locale information provided"))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

// opts wraps the options argument (GetOptionsObject / CoerceOptionsToObject, ECMA-402 §9.2.11).
type opts struct {
	e     *env
	o     *goja.Object
	class string
}

func (e *env) options(v goja.Value, class string) opts {
	if goja.IsUndefined(v) {
		return opts{e: e, class: class}
	}
	if v == goja.Null() {
		panic(webidl.TypeError(e.vm, "Cannot convert undefined or null to object"))
	}
	return opts{e: e, o: v.ToObject(e.vm), class: class}
}

func (o opts) raw(name string) goja.Value {
	if o.o == nil {
		return goja.Undefined()
	}
	v := o.o.Get(name)
	if v == nil {
		return goja.Undefined()
	}
	return v
}

// str is GetOption with type "string" (ECMA-402 §9.2.12); "" when absent and fallback is "".
func (o opts) str(name string, allowed []string, fallback string) string {
	v := o.raw(name)
	if goja.IsUndefined(v) {
		return fallback
	}
	s := v.String()
	if allowed != nil && !slices.Contains(allowed, s) {
		panic(webidl.RangeError(o.e.vm, "Value %s out of range for Intl.%s options property %s", s, o.class, name))
	}
	return s
}

// boolean is GetOption with type "boolean"; 0 absent, 1 false, 2 true.
func (o opts) boolean(name string) int {
	v := o.raw(name)
	if goja.IsUndefined(v) {
		return 0
	}
	if v.ToBoolean() {
		return 2
	}
	return 1
}

// number is GetNumberOption (ECMA-402 §9.2.14); ok=false when absent.
func (o opts) number(name string, lo, hi int) (int, bool) {
	v := o.raw(name)
	if goja.IsUndefined(v) {
		return 0, false
	}
	f := v.ToFloat()
	if math.IsNaN(f) || f < float64(lo) || f > float64(hi) {
		panic(webidl.RangeError(o.e.vm, "%s value is out of range.", name))
	}
	return int(math.Floor(f)), true
}

// supportedValuesOf is Intl.supportedValuesOf (ECMA-402 §8.3.2), for what this package implements.
func (e *env) supportedValuesOf(key string) []string {
	var out []string
	switch key {
	case "calendar":
		out = []string{"gregory"}
	case "collation":
		out = []string{"default"}
	case "currency":
		for c := range supplemental().CurrencyDigits {
			if c != "DEFAULT" {
				out = append(out, c)
			}
		}
		for c := range data("en").Currencies {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	case "numberingSystem":
		out = []string{"latn"}
		for k := range nativeDigits {
			out = append(out, k)
		}
	case "timeZone":
		out = timeZoneNames()
	case "unit":
		for u := range data("en").Units["long"] {
			if u != "per" && !strings.Contains(u, "-per-") {
				out = append(out, u)
			}
		}
	default:
		panic(webidl.RangeError(e.vm, "Invalid key : %s", key))
	}
	sort.Strings(out)
	return out
}
