package intl

import (
	"sort"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// pluralRules is an Intl.PluralRules (ECMA-402 §16): the number's digits as a NumberFormat with
// the same digit options would show them, then the CLDR rules.
type pluralRules struct {
	typ string
	nf  *numberOptions
}

func (e *env) newPluralRules(locales, options goja.Value) *pluralRules {
	op := e.options(options, "PluralRules")
	typ := op.str("type", []string{"cardinal", "ordinal"}, "cardinal")
	// The digit options are those of a decimal NumberFormat (§16.1.2 step 10).
	nf := e.newNumberFormat(locales, e.digitOptions(options))
	return &pluralRules{typ: typ, nf: nf}
}

// digitOptions copies the options a NumberFormat reads for digits, so PluralRules' own options
// ("type") never reach it.
func (e *env) digitOptions(options goja.Value) goja.Value {
	if goja.IsUndefined(options) {
		return options
	}
	src := options.ToObject(e.vm)
	dst := e.vm.NewObject()
	for _, k := range []string{"localeMatcher", "minimumIntegerDigits", "minimumFractionDigits", "maximumFractionDigits",
		"minimumSignificantDigits", "maximumSignificantDigits", "roundingPriority", "trailingZeroDisplay", "notation", "compactDisplay"} {
		if v := src.Get(k); v != nil && !goja.IsUndefined(v) {
			dst.Set(k, v)
		}
	}
	return dst
}

func (p *pluralRules) sel(x float64) string {
	d := decimalFromFloat(x)
	if d.nan || d.inf {
		return "other"
	}
	d.neg = false
	o := p.nf
	in, fr := o.roundDecimal(d, o.minFD, o.maxFD, o.minSD, o.maxSD, o.hasSD, o.hasFD, o.roundingPriority)
	return pluralSelect(o.loc.lang, p.typ == "ordinal", operands(in, fr, 0))
}

func (p *pluralRules) resolved(e *env) *goja.Object {
	o := p.nf
	r := e.vm.NewObject()
	r.Set("locale", o.loc.tag)
	r.Set("type", p.typ)
	r.Set("minimumIntegerDigits", o.minInt)
	if o.hasFD {
		r.Set("minimumFractionDigits", o.minFD)
		r.Set("maximumFractionDigits", o.maxFD)
	}
	if o.hasSD {
		r.Set("minimumSignificantDigits", o.minSD)
		r.Set("maximumSignificantDigits", o.maxSD)
	}
	// V8 11 lists the categories sorted, "other" last.
	cats := pluralCategoriesOf(o.loc.lang, p.typ == "ordinal")
	sort.Slice(cats, func(i, j int) bool {
		if cats[i] == "other" || cats[j] == "other" {
			return cats[j] == "other" && cats[i] != "other"
		}
		return cats[i] < cats[j]
	})
	r.Set("pluralCategories", cats)
	return r
}

func (e *env) pluralRulesClass() class {
	self := func(s any) *pluralRules { return s.(*pluralRules) }
	return class{
		name:  "PluralRules",
		newFn: func(l, o goja.Value) any { return e.newPluralRules(l, o) },
		methods: []classMethod{
			{"select", 1, func(s any, call goja.FunctionCall) goja.Value {
				return e.vm.ToValue(self(s).sel(call.Argument(0).ToFloat()))
			}},
			{"selectRange", 2, func(s any, call goja.FunctionCall) goja.Value {
				return e.vm.ToValue(self(s).selectRange(e, call.Argument(0), call.Argument(1)))
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				return self(s).resolved(e)
			}},
		},
	}
}

// selectRange is ResolvePluralRange (ECMA-402 §16.5.5): the categories of both ends, then CLDR's
// pluralRanges for the language ("other" for a pair it does not list).
func (p *pluralRules) selectRange(e *env, a, b goja.Value) string {
	if goja.IsUndefined(a) || goja.IsUndefined(b) {
		panic(webidl.TypeError(e.vm, "start or end is undefined"))
	}
	x, y := a.ToFloat(), b.ToFloat()
	if x != x || y != y {
		panic(webidl.RangeError(e.vm, "Invalid start : NaN"))
	}
	start, end := p.sel(x), p.sel(y)
	if p.typ == "ordinal" {
		return end
	}
	if r, ok := supplemental().PluralRanges[p.nf.loc.lang][start+"+"+end]; ok {
		return r
	}
	return "other" // ICU's answer for a pair CLDR does not list
}
