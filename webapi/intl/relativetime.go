package intl

import (
	"math"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// relativeTimeFormat is an Intl.RelativeTimeFormat (ECMA-402 §17) over CLDR dateFields.
type relativeTimeFormat struct {
	loc            *locale
	style, numeric string
	nf             *numberOptions
}

func (e *env) newRelativeTimeFormat(locales, options goja.Value) *relativeTimeFormat {
	req := e.canonicalizeList(locales)
	op := e.options(options, "RelativeTimeFormat")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu := op.str("numberingSystem", nil, "")
	f := &relativeTimeFormat{loc: resolveLocale(req)}
	if nu != "" {
		if _, ok := nativeDigits[nu]; ok || nu == "latn" {
			f.loc.ns = nu
		}
	}
	f.style = op.str("style", []string{"long", "short", "narrow"}, "long")
	f.numeric = op.str("numeric", []string{"always", "auto"}, "always")
	f.nf = &numberOptions{loc: f.loc, style: "decimal", minInt: 1, maxFD: 3, hasFD: true, roundingPriority: "auto",
		useGrouping: "auto", notation: "standard", signDisplay: "auto", trailingZeroDisplay: "auto"}
	return f
}

var relativeUnits = map[string]string{
	"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
	"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
	"quarter": "quarter", "quarters": "quarter", "year": "year", "years": "year",
}

// format is PartitionRelativeTimePattern (ECMA-402 §17.5.2).
func (f *relativeTimeFormat) format(e *env, value goja.Value, unitV goja.Value) []part {
	x := value.ToFloat()
	if math.IsNaN(x) || math.IsInf(x, 0) {
		panic(webidl.RangeError(e.vm, "Invalid value %s", value.String()))
	}
	unitS := unitV.String()
	unit, ok := relativeUnits[unitS]
	if !ok {
		panic(webidl.RangeError(e.vm, "Invalid unit argument for format() '%s'", unitS))
	}
	key := unit
	if f.style != "long" {
		key += "-" + f.style
	}
	fd := f.loc.d.Fields[key]
	if f.numeric == "auto" && x == math.Trunc(x) && x >= -2 && x <= 2 {
		s := map[float64]string{-2: fd.Minus2, -1: fd.Minus1, 0: fd.Zero, 1: fd.Plus1, 2: fd.Plus2}[x]
		if s != "" {
			return []part{{"literal", s}}
		}
	}
	past := x < 0 || (x == 0 && math.Signbit(x))
	d := decimalFromFloat(math.Abs(x))
	num := f.nf.format(d)
	in, fr := f.nf.roundDecimal(d, 0, 3, 0, 0, false, true, "auto")
	count := pluralSelect(f.loc.lang, false, operands(in, fr, 0))
	pats := fd.Future
	if past {
		pats = fd.Past
	}
	p := pats["relativeTimePattern-count-"+count]
	if p == "" {
		p = pats["relativeTimePattern-count-other"]
	}
	var out []part
	i := strings.Index(p, "{0}")
	if i < 0 {
		return []part{{"literal", p}}
	}
	if i > 0 {
		out = append(out, part{"literal", p[:i]})
	}
	for _, n := range num {
		out = append(out, part{n.typ + "\x00" + unit, n.value})
	}
	if rest := p[i+3:]; rest != "" {
		out = append(out, part{"literal", rest})
	}
	return out
}

func (e *env) relativeTimeFormatClass() class {
	self := func(s any) *relativeTimeFormat { return s.(*relativeTimeFormat) }
	return class{
		name:  "RelativeTimeFormat",
		newFn: func(l, o goja.Value) any { return e.newRelativeTimeFormat(l, o) },
		methods: []classMethod{
			{"format", 2, func(s any, call goja.FunctionCall) goja.Value {
				ps := self(s).format(e, call.Argument(0), call.Argument(1))
				var b strings.Builder
				for _, p := range ps {
					b.WriteString(p.value)
				}
				return e.vm.ToValue(b.String())
			}},
			{"formatToParts", 2, func(s any, call goja.FunctionCall) goja.Value {
				ps := self(s).format(e, call.Argument(0), call.Argument(1))
				arr := make([]any, len(ps))
				for i, p := range ps {
					o := e.vm.NewObject()
					typ, unit, hasUnit := strings.Cut(p.typ, "\x00")
					o.Set("type", typ)
					o.Set("value", p.value)
					if hasUnit {
						o.Set("unit", unit)
					}
					arr[i] = o
				}
				return e.vm.NewArray(arr...)
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				f := self(s)
				r := e.vm.NewObject()
				r.Set("locale", f.loc.withExt("nu"))
				r.Set("style", f.style)
				r.Set("numeric", f.numeric)
				r.Set("numberingSystem", f.loc.ns)
				return r
			}},
		},
	}
}
