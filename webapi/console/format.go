package console

import (
	"math"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// Format is Node.js's util.format, which console.log prints: when the first argument is a
// string, its %s %d %i %f %j %o %O %c placeholders take the next arguments (%% is a percent
// sign); the remaining arguments follow, separated by spaces, strings as they are and anything
// else as util.inspect shows it.
//
// Format never throws: should inspecting run script code that throws (a getter inside %j, a
// custom inspect method), the message says so instead.
func Format(r *webapi.Realm, args []goja.Value) (s string) {
	if ex := r.VM.Try(func() { s = format(r, defaultOptions, args) }); ex != nil {
		return "<inspection threw " + ex.Value().String() + ">"
	}
	return s
}

func format(r *webapi.Realm, opts options, args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	in := intrinsicsOf(r)
	var b strings.Builder
	a := 0
	join := ""
	if isString(args[0]) {
		first := args[0].String()
		if len(args) == 1 {
			return first
		}
		lastPos := 0
		for i := 0; i < len(first)-1; i++ {
			if first[i] != '%' {
				continue
			}
			i++
			next := first[i]
			if a+1 == len(args) {
				if next == '%' {
					b.WriteString(first[lastPos:i])
					lastPos = i + 1
				}
				continue
			}
			var s string
			switch next {
			case 's':
				a++
				s = formatString(r, opts, args[a])
			case 'j':
				a++
				s = stringify(r, in, args[a])
			case 'd':
				a++
				s = formatNumeric(r, args[a], func(v goja.Value) goja.Value { return v.ToNumber() })
			case 'i':
				a++
				s = formatNumeric(r, args[a], func(v goja.Value) goja.Value {
					n := callIntrinsic(in.parseInt, v)
					// goja's parseInt('-0.5') is +0; V8 keeps the sign (-0), which %i prints
					if f := n.ToFloat(); f == 0 && !math.Signbit(f) && strings.HasPrefix(strings.TrimSpace(v.String()), "-") {
						return r.VM.ToValue(math.Copysign(0, -1))
					}
					return n
				})
			case 'f':
				a++
				if _, sym := args[a].(*goja.Symbol); sym {
					s = "NaN"
				} else {
					s = formatNumber(callIntrinsic(in.parseFloat, args[a]))
				}
			case 'O':
				a++
				s = newInspector(r, opts).value(args[a], 0, false)
			case 'o':
				a++
				o := opts
				o.showHidden, o.depth = true, 4
				s = newInspector(r, o).value(args[a], 0, false)
			case 'c':
				a++
				s = ""
			case '%':
				b.WriteString(first[lastPos:i])
				lastPos = i + 1
				continue
			default:
				continue
			}
			if lastPos != i-1 {
				b.WriteString(first[lastPos : i-1])
			}
			b.WriteString(s)
			lastPos = i + 1
		}
		if lastPos != 0 {
			a++
			join = " "
			if lastPos < len(first) {
				b.WriteString(first[lastPos:])
			}
		}
	}
	for ; a < len(args); a++ {
		b.WriteString(join)
		if isString(args[a]) {
			b.WriteString(args[a].String())
			join = " "
			continue
		}
		b.WriteString(newInspector(r, opts).value(args[a], 0, false))
		join = " "
	}
	return b.String()
}

// isString reports a string primitive.
func isString(v goja.Value) bool {
	switch v.(type) {
	case *goja.Object, *goja.Symbol:
		return false
	}
	return v != nil && v.ExportType() == stringType
}

func callIntrinsic(f goja.Callable, v goja.Value) goja.Value {
	res, err := f(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	return res
}

// formatString is %s: numbers and bigints as inspect shows them, objects without a toString of
// their own inspected to depth 0, anything else through String(). (Node gives a function's source
// text; jsroute inspects it, as its source is esbuild's rewrite of the app's.)
func formatString(r *webapi.Realm, opts options, v goja.Value) string {
	o, isObj := v.(*goja.Object)
	if !isObj {
		if _, sym := v.(*goja.Symbol); sym {
			return newInspector(r, opts).primitive(v)
		}
		switch v.Export().(type) {
		case int64, float64:
			return formatNumber(v)
		}
		if v.ExportType() == bigIntType {
			return v.String() + "n"
		}
		return v.String()
	}
	if hasBuiltInToString(r, o) {
		o := opts
		o.depth = 0
		return newInspector(r, o).value(v, 0, false)
	}
	return v.String()
}

// builtIns are the constructors whose toString counts as built-in for %s.
var builtIns = map[string]bool{
	"Object": true, "Error": true, "EvalError": true, "RangeError": true, "ReferenceError": true,
	"SyntaxError": true, "TypeError": true, "URIError": true, "AggregateError": true, "Array": true,
	"Date": true, "RegExp": true, "Function": true, "Map": true, "Set": true, "WeakMap": true,
	"WeakSet": true, "Promise": true, "Number": true, "String": true, "Boolean": true, "Symbol": true,
	"BigInt": true, "ArrayBuffer": true, "DataView": true, "Int8Array": true, "Uint8Array": true,
	"Uint8ClampedArray": true, "Int16Array": true, "Uint16Array": true, "Int32Array": true,
	"Uint32Array": true, "Float32Array": true, "Float64Array": true, "BigInt64Array": true,
	"BigUint64Array": true, "Proxy": true,
}

// hasBuiltInToString reports whether o's toString is a built-in one (then %s inspects it).
func hasBuiltInToString(r *webapi.Realm, o *goja.Object) bool {
	in := intrinsicsOf(r)
	if in.kindOf(r.VM, o) == kindProxy {
		return true
	}
	if _, ok := goja.AssertFunction(o.Get("toString")); !ok {
		return true
	}
	own := func(p *goja.Object, name string) *goja.Object {
		d, _ := in.getOwnPropertyDescriptor(goja.Undefined(), p, r.VM.ToValue(name))
		desc, _ := d.(*goja.Object)
		return desc
	}
	if own(o, "toString") != nil {
		return false
	}
	p := o
	for {
		p = p.Prototype()
		if p == nil {
			return true
		}
		if own(p, "toString") != nil {
			break
		}
	}
	d := own(p, "constructor")
	if d == nil {
		return false
	}
	ctor, ok := d.Get("value").(*goja.Object)
	if !ok {
		return false
	}
	return builtIns[ctor.Get("name").String()]
}

// formatNumeric is %d and %i: bigints keep their n, symbols are NaN.
func formatNumeric(r *webapi.Realm, v goja.Value, conv func(goja.Value) goja.Value) string {
	if _, sym := v.(*goja.Symbol); sym {
		return "NaN"
	}
	if _, isObj := v.(*goja.Object); !isObj && v.ExportType() == bigIntType {
		return v.String() + "n"
	}
	return formatNumber(conv(v))
}

// stringify is %j: JSON.stringify, with "[Circular]" for circular structures.
func stringify(r *webapi.Realm, in *intrinsics, v goja.Value) string {
	var out goja.Value
	if ex := r.VM.Try(func() { out = callIntrinsic(in.jsonStringify, v) }); ex != nil {
		if strings.Contains(ex.Error(), "ircular") {
			return "[Circular]"
		}
		panic(ex)
	}
	if goja.IsUndefined(out) {
		return "undefined"
	}
	return out.String()
}
