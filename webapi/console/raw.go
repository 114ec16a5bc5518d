package console

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// key is a property key: a string or a symbol.
type key struct {
	s   string
	sym *goja.Symbol
}

func (k key) value(vm *goja.Runtime) goja.Value {
	if k.sym != nil {
		return k.sym
	}
	return vm.ToValue(k.s)
}

// raw is formatRaw: the braces, base and entries of an object, then reduceToSingleString.
func (c *inspector) raw(o *goja.Object, recurseTimes int, typedArray bool) string {
	k := c.in.kindOf(c.vm, o)
	constructor, hasCtor := c.constructorName(o)
	tag := c.tag(o, constructor)
	var keys []key
	base := ""
	braces := [2]string{"{", "}"}
	var formatter func(recurseTimes int) []string
	extrasType := kObjectType
	size := func(n int64) string { return "(" + strconv.FormatInt(n, 10) + ")" }

	switch k {
	case kindArray:
		keys = c.nonIndexKeys(o)
		n := o.Get("length").ToInteger()
		prefix := ""
		if constructor != "Array" || !hasCtor || tag != "" {
			prefix = c.prefix(constructor, hasCtor, tag, "Array", size(n))
		}
		braces = [2]string{prefix + "[", "]"}
		if n == 0 && len(keys) == 0 {
			return braces[0] + "]"
		}
		extrasType = kArrayExtrasType
		formatter = func(rt int) []string { return c.array(o, n, rt) }
	case kindSet, kindMap:
		keys = c.keys(o)
		fallback, sizeGetter := "Set", c.in.setSize
		if k == kindMap {
			fallback, sizeGetter = "Map", c.in.mapSize
		}
		n := c.call(sizeGetter, o).ToInteger()
		prefix := c.prefix(constructor, hasCtor, tag, fallback, size(n))
		if n == 0 && len(keys) == 0 {
			return prefix + "{}"
		}
		braces = [2]string{prefix + "{", "}"}
		formatter = func(rt int) []string { return c.collection(o, k == kindMap, n, rt) }
	case kindTypedArray:
		keys = c.nonIndexKeys(o)
		n := o.Get("length").ToInteger()
		name := c.call(c.in.typedArrayTag, o).String()
		prefix := c.prefix(constructor, hasCtor, tag, name, size(n))
		braces = [2]string{prefix + "[", "]"}
		if n == 0 && len(keys) == 0 && !c.showHidden {
			return braces[0] + "]"
		}
		extrasType = kArrayExtrasType
		formatter = func(rt int) []string { return c.typedArray(o, n, rt) }
	default:
		keys = c.keys(o)
		switch {
		case k == kindObject && hasCtor && constructor == "Object":
			if tag != "" {
				braces[0] = c.prefix(constructor, hasCtor, tag, "Object", "") + "{"
			}
			if len(keys) == 0 {
				return braces[0] + "}"
			}
		case k == kindArguments:
			braces[0] = "[Arguments] {"
			if len(keys) == 0 {
				return braces[0] + "}"
			}
		case k == kindFunction:
			base = c.functionBase(o, constructor, hasCtor, tag)
			if len(keys) == 0 {
				return base
			}
		case k == kindRegExp:
			base = c.call(c.in.regexpToString, o).String()
			if p := c.prefix(constructor, hasCtor, tag, "RegExp", ""); p != "RegExp " {
				base = p + base
			}
			if len(keys) == 0 || recurseTimes > c.depth {
				return base
			}
		case k == kindDate:
			if t := c.call(c.in.dateGetTime, o).ToFloat(); math.IsNaN(t) {
				base = "Invalid Date"
			} else {
				base = c.call(c.in.dateToISOString, o).String()
			}
			if p := c.prefix(constructor, hasCtor, tag, "Date", ""); p != "Date " {
				base = p + base
			}
			if len(keys) == 0 {
				return base
			}
		case k == kindError:
			base = c.errorBase(o, constructor, hasCtor, tag, &keys)
			if len(keys) == 0 {
				return base
			}
		case k == kindArrayBuffer:
			prefix := c.prefix(constructor, hasCtor, tag, "ArrayBuffer", "")
			if typedArray && len(keys) == 0 {
				// a typed array's [buffer] under showHidden: its size only
				return prefix + "{ byteLength: " + formatNumber(o.Get("byteLength")) + " }"
			}
			braces[0] = prefix + "{"
			formatter = func(int) []string { return c.arrayBuffer(o) }
		case k == kindDataView:
			braces[0] = c.prefix(constructor, hasCtor, tag, "DataView", "") + "{"
			keys = append([]key{{s: "byteLength"}, {s: "byteOffset"}, {s: "buffer"}}, keys...)
		case k == kindPromise:
			braces[0] = c.prefix(constructor, hasCtor, tag, "Promise", "") + "{"
			formatter = func(rt int) []string { return c.promise(o, rt) }
		case k == kindWeakSet || k == kindWeakMap:
			name := "WeakSet"
			if k == kindWeakMap {
				name = "WeakMap"
			}
			braces[0] = c.prefix(constructor, hasCtor, tag, name, "") + "{"
			formatter = func(int) []string { return []string{"<items unknown>"} }
		case k >= kindNumber && k <= kindSymbol:
			base = c.boxedBase(o, k, constructor, hasCtor, tag, &keys)
			if len(keys) == 0 {
				return base
			}
		default:
			props := c.platformProperties(o)
			if props != nil && constructor == "URLSearchParams" {
				return c.searchParams(o, recurseTimes)
			}
			if props != nil {
				formatter = func(rt int) []string { return c.platform(o, props, rt) }
			} else if len(keys) == 0 {
				return c.ctxStyle(constructor, hasCtor, tag) + "{}"
			}
			braces[0] = c.ctxStyle(constructor, hasCtor, tag) + "{"
			if props != nil && constructor == "TextEncoder" {
				braces[0] = "{" // Node prints a TextEncoder as a plain { encoding: 'utf-8' }
			}
		}
	}

	if recurseTimes > c.depth {
		name := strings.TrimSuffix(c.ctxStyle(constructor, hasCtor, tag), " ")
		if hasCtor {
			name = "[" + name + "]"
		}
		return name
	}
	recurseTimes++
	c.seen = append(c.seen, o)
	c.currentDepth = recurseTimes
	var output []string
	if formatter != nil {
		output = formatter(recurseTimes)
	}
	for _, key := range keys {
		output = append(output, c.property(o, key, recurseTimes, extrasType))
	}
	if c.sorted { // the sorted option: entries in string order (all of them for objects, maps, sets)
		if extrasType == kObjectType {
			sort.Strings(output)
		} else if len(keys) > 1 {
			sort.Strings(output[len(output)-len(keys):])
		}
	}
	if idx, ok := c.circular[o]; ok {
		ref := fmt.Sprintf("<ref *%d>", idx)
		if base == "" {
			base = ref
		} else {
			base = ref + " " + base
		}
	}
	c.seen = c.seen[:len(c.seen)-1]
	if len(output) == 0 {
		if base != "" {
			base += " "
		}
		return base + braces[0] + braces[1]
	}
	var arr *goja.Object
	if extrasType == kArrayExtrasType {
		arr = o
	}
	return c.reduceToSingleString(output, base, braces, extrasType, recurseTimes, arr)
}

func (c *inspector) call(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// descriptor returns an own property descriptor, or nil.
func (c *inspector) descriptor(o *goja.Object, k key) *goja.Object {
	d, err := c.in.getOwnPropertyDescriptor(goja.Undefined(), o, k.value(c.vm))
	if err != nil {
		panic(err)
	}
	desc, _ := d.(*goja.Object)
	return desc
}

// constructorName is getConstructorName: the name of the first "constructor" data property up
// the prototype chain. ok is false when there is none and the chain ends in null.
func (c *inspector) constructorName(o *goja.Object) (string, bool) {
	first := true
	var firstProto *goja.Object
	for p := o; p != nil; p = p.Prototype() {
		if d := c.descriptor(p, key{s: "constructor"}); d != nil {
			if f, ok := d.Get("value").(*goja.Object); ok {
				if _, callable := goja.AssertFunction(f); callable {
					if name := f.Get("name"); name != nil && name.ExportType() == stringType && name.String() != "" && c.instanceOf(o, f) {
						return name.String(), true
					}
				}
			}
		}
		if first {
			firstProto, first = p.Prototype(), false
		}
	}
	if firstProto == nil {
		return "", false
	}
	return "Object <Complex prototype>", true
}

// instanceOf is isInstanceof: o instanceof f, false when that throws.
func (c *inspector) instanceOf(o, f *goja.Object) (ok bool) {
	if ex := c.vm.Try(func() { ok = c.vm.InstanceOf(o, f) }); ex != nil {
		return false
	}
	return ok
}

// tag is the Symbol.toStringTag to show: a non-empty string that is not an own enumerable
// property (else it is printed as a property anyway).
func (c *inspector) tag(o *goja.Object, constructor string) string {
	v := o.GetSymbol(goja.SymToStringTag)
	if v == nil || v.ExportType() != stringType || v.String() == "" {
		return ""
	}
	if c.showHidden {
		if c.descriptor(o, key{sym: goja.SymToStringTag}) != nil {
			return ""
		}
	} else if e, _ := c.in.propertyIsEnumerable(o, goja.SymToStringTag); e != nil && e.ToBoolean() {
		return ""
	}
	return v.String()
}

// prefix is getPrefix.
func (c *inspector) prefix(constructor string, hasCtor bool, tag, fallback, size string) string {
	if !hasCtor {
		if tag != "" && fallback != tag {
			return "[" + fallback + size + ": null prototype] [" + tag + "] "
		}
		return "[" + fallback + size + ": null prototype] "
	}
	if tag != "" && constructor != tag {
		return constructor + size + " [" + tag + "] "
	}
	return constructor + size + " "
}

// ctxStyle is getCtxStyle.
func (c *inspector) ctxStyle(constructor string, hasCtor bool, tag string) string {
	fallback := ""
	if !hasCtor {
		fallback = "Object"
	}
	return c.prefix(constructor, hasCtor, tag, fallback, "")
}

// keys is getKeys: own enumerable string keys, then own enumerable symbols (all own keys with
// showHidden).
func (c *inspector) keys(o *goja.Object) []key {
	var out []key
	if c.showHidden {
		names, err := c.in.getOwnPropertyNames(goja.Undefined(), o)
		if err != nil {
			panic(err)
		}
		for _, n := range names.(*goja.Object).Keys() {
			out = append(out, key{s: names.(*goja.Object).Get(n).String()})
		}
		if _, fn := goja.AssertFunction(o); fn {
			// V8 creates a function's length and name before its prototype; goja the other way
			sort.SliceStable(out, func(i, j int) bool { return fnKeyRank(out[i].s) < fnKeyRank(out[j].s) })
		}
	} else {
		for _, s := range o.Keys() {
			out = append(out, key{s: s})
		}
	}
	for _, sym := range o.Symbols() {
		if sym == c.r.Slot() {
			continue // where the bindings keep an object's Go state: never shown
		}
		if !c.showHidden {
			if e, _ := c.in.propertyIsEnumerable(o, sym); e == nil || !e.ToBoolean() {
				continue
			}
		}
		out = append(out, key{sym: sym})
	}
	return out
}

func fnKeyRank(k string) int {
	switch k {
	case "length":
		return 0
	case "name":
		return 1
	}
	return 2
}

// nonIndexKeys is keys without the array indices.
func (c *inspector) nonIndexKeys(o *goja.Object) []key {
	all := c.keys(o)
	out := all[:0]
	for _, k := range all {
		if k.sym == nil && isIndex(k.s) {
			continue
		}
		if c.showHidden && k.s == "length" {
			continue
		}
		out = append(out, k)
	}
	if c.showHidden && c.in.kindOf(c.vm, o) == kindArray {
		out = append(out, key{s: "length"})
	}
	return out
}

func isIndex(s string) bool {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return false
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return err == nil && n < math.MaxUint32
}

// property is formatProperty.
func (c *inspector) property(o *goja.Object, k key, recurseTimes, typ int) string {
	desc := c.descriptor(o, k)
	var str string
	enumerable := true
	var value goja.Value
	if desc == nil {
		value = o.Get(k.s)
		if k.sym != nil {
			value = o.GetSymbol(k.sym)
		}
	} else {
		enumerable = desc.Get("enumerable").ToBoolean()
		value = desc.Get("value")
	}
	getter, setter := goja.Undefined(), goja.Value(goja.Undefined())
	if desc != nil {
		getter, setter = desc.Get("get"), desc.Get("set")
	}
	hasSetter := setter != nil && !goja.IsUndefined(setter)
	sep := " "
	switch {
	case value != nil && !goja.IsUndefined(value):
		diff := 2
		if c.compactTrue && typ == kObjectType {
			diff = 3
		}
		c.indentationLvl += diff
		str = c.value(value, recurseTimes, false)
		if diff == 3 && c.breakLength < width(str) {
			sep = "\n" + strings.Repeat(" ", c.indentationLvl)
		}
		c.indentationLvl -= diff
	case getter != nil && !goja.IsUndefined(getter):
		label := "Getter"
		if hasSetter {
			label = "Getter/Setter"
		}
		str = "[" + label + "]"
		if c.getters == gettersAll || c.getters == gettersGet && !hasSetter || c.getters == gettersSet && hasSetter {
			str = c.getterValue(o, getter, label, recurseTimes)
		}
	case setter != nil && !goja.IsUndefined(setter):
		str = "[Setter]"
	default:
		str = "undefined"
	}
	if typ == kArrayType {
		return str
	}
	return c.keyName(k, enumerable) + ":" + sep + str
}

// getterValue is formatProperty's getters option: the getter called on o and its value shown
// beside the label, or what it threw.
func (c *inspector) getterValue(o *goja.Object, getter goja.Value, label string, recurseTimes int) (str string) {
	fn, ok := goja.AssertFunction(getter)
	if !ok {
		return "[" + label + "]"
	}
	var v goja.Value
	if ex := c.vm.Try(func() {
		var err error
		if v, err = fn(o); err != nil {
			panic(err)
		}
	}); ex != nil {
		msg := ""
		if eo, ok := ex.Value().(*goja.Object); ok {
			if m := eo.Get("message"); m != nil {
				msg = m.String()
			}
		}
		return "[" + label + ": <Inspection threw (" + msg + ")>]"
	}
	c.indentationLvl += 2
	defer func() { c.indentationLvl -= 2 }()
	switch {
	case goja.IsNull(v):
		return "[" + label + ": null]"
	case isObject(v):
		return "[" + label + "] " + c.value(v, recurseTimes, false)
	}
	return "[" + label + ": " + c.primitive(v) + "]"
}

func isObject(v goja.Value) bool {
	_, ok := v.(*goja.Object)
	return ok
}

func (c *inspector) keyName(k key, enumerable bool) string {
	switch {
	case k.sym != nil:
		return "[" + c.symbol(k.sym) + "]"
	case k.s == "__proto__":
		return "['__proto__']"
	case !enumerable:
		return "[" + k.s + "]"
	case keyStrRegExp.MatchString(k.s):
		return k.s
	}
	return quote(k.s)
}
