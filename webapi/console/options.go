package console

import (
	"math"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// InspectWith is util.inspect(v, opts): opts is the options object (or undefined) whose depth,
// breakLength, compact, maxArrayLength, maxStringLength, showHidden and customInspect are
// honoured, and sorted (true, or a comparator, taken as true: default string order)
// (https://nodejs.org/docs/latest-v20.x/api/util.html#utilinspectobject-options); colors and
// getters are accepted and ignored. Like Inspect it never throws.
func InspectWith(r *webapi.Realm, v goja.Value, opts goja.Value) (s string) {
	o := parseOptions(opts)
	if ex := r.VM.Try(func() { s = newInspector(r, o).value(v, 0, false) }); ex != nil {
		return "<inspection threw " + ex.Value().String() + ">"
	}
	return s
}

// FormatWith is util.formatWithOptions(opts, ...args).
func FormatWith(r *webapi.Realm, opts goja.Value, args []goja.Value) (s string) {
	o := parseOptions(opts)
	if ex := r.VM.Try(func() { s = format(r, o, args) }); ex != nil {
		return "<inspection threw " + ex.Value().String() + ">"
	}
	return s
}

// The getters option: which accessors util.inspect calls to show their value.
const (
	gettersNone = iota
	gettersAll
	gettersGet // getters without a setter
	gettersSet // getters with a setter
)

// parseOptions reads an inspect options object over the defaults. Infinity and null mean no
// limit for the numeric ones, as in Node.
func parseOptions(v goja.Value) options {
	o := defaultOptions
	obj, ok := v.(*goja.Object)
	if !ok {
		return o
	}
	limit := func(name string, dst *int) {
		x := obj.Get(name)
		if x == nil || goja.IsUndefined(x) {
			return
		}
		if goja.IsNull(x) {
			*dst = math.MaxInt
			return
		}
		f := x.ToFloat()
		switch {
		case math.IsInf(f, 1) || f > math.MaxInt32:
			*dst = math.MaxInt
		case math.IsNaN(f):
			*dst = 0
		default:
			*dst = int(f)
		}
	}
	limit("depth", &o.depth)
	limit("breakLength", &o.breakLength)
	limit("maxArrayLength", &o.maxArrayLength)
	limit("maxStringLength", &o.maxStringLength)
	if x := obj.Get("compact"); x != nil && !goja.IsUndefined(x) {
		if b, isBool := x.Export().(bool); isBool {
			o.compact, o.compactTrue = 0, b
		} else {
			o.compact = int(x.ToInteger())
		}
	}
	if x := obj.Get("getters"); x != nil {
		switch {
		case x.ExportType() == stringType && x.String() == "get":
			o.getters = gettersGet
		case x.ExportType() == stringType && x.String() == "set":
			o.getters = gettersSet
		case x.ToBoolean():
			o.getters = gettersAll
		}
	}
	if x := obj.Get("showProxy"); x != nil {
		o.showProxy = x.ToBoolean()
	}
	if x := obj.Get("numericSeparator"); x != nil {
		o.numericSep = x.ToBoolean()
	}
	if x := obj.Get("showHidden"); x != nil && !goja.IsUndefined(x) {
		o.showHidden = x.ToBoolean()
	}
	if x := obj.Get("sorted"); x != nil {
		o.sorted = x.ToBoolean()
	}
	if x := obj.Get("customInspect"); x != nil && !goja.IsUndefined(x) {
		o.customInspect = x.ToBoolean()
	}
	return o
}
