package intl

import (
	"math/big"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

var currencyCode = regexp.MustCompile(`^[A-Za-z]{3}$`)

// newNumberFormat is InitializeNumberFormat (ECMA-402 §15.1.2) with SetNumberFormatDigitOptions
// (§15.1.3).
func (e *env) newNumberFormat(locales, options goja.Value) *numberOptions {
	vm := e.vm
	req := e.canonicalizeList(locales)
	op := e.options(options, "NumberFormat")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	nu := op.str("numberingSystem", nil, "")
	o := &numberOptions{loc: resolveLocale(req)}
	if nu == "" {
		nu = o.loc.ext["nu"]
	} else {
		delete(o.loc.ext, "nu")
	}
	if _, ok := nativeDigits[nu]; ok || nu == "latn" {
		o.loc.ns = nu
	} else {
		delete(o.loc.ext, "nu") // not supported: not reported either
	}
	o.style = op.str("style", []string{"decimal", "percent", "currency", "unit"}, "decimal")
	cur := op.str("currency", nil, "")
	if cur != "" && !currencyCode.MatchString(cur) {
		panic(webidl.RangeError(vm, "Invalid currency code : %s", cur))
	}
	o.currency = strings.ToUpper(cur)
	o.currencyDisplay = op.str("currencyDisplay", []string{"code", "symbol", "narrowSymbol", "name"}, "symbol")
	o.currencySign = op.str("currencySign", []string{"standard", "accounting"}, "standard")
	o.unit = op.str("unit", nil, "")
	o.unitDisplay = op.str("unitDisplay", []string{"short", "narrow", "long"}, "short")
	if o.style == "currency" && o.currency == "" {
		panic(webidl.TypeError(vm, "Currency code is required with currency style."))
	}
	if o.style == "unit" {
		if o.unit == "" {
			panic(webidl.TypeError(vm, "Unit is required with unit style."))
		}
		if !e.knownUnit(o.unit) {
			panic(webidl.RangeError(vm, "Invalid unit argument for Intl.NumberFormat() '%s'", o.unit))
		}
	}
	o.notation = op.str("notation", []string{"standard", "scientific", "engineering", "compact"}, "standard")
	// Digit options.
	minFDDefault, maxFDDefault := 0, 3
	if o.style == "currency" && o.notation != "compact" {
		digits, ok := supplemental().CurrencyDigits[o.currency]
		if !ok {
			digits = 2
		}
		minFDDefault, maxFDDefault = digits, digits
	} else if o.style == "percent" {
		minFDDefault, maxFDDefault = 0, 0
	}
	o.minInt, _ = op.number("minimumIntegerDigits", 1, 21)
	if o.minInt == 0 {
		o.minInt = 1
	}
	mnfd, hasMnfd := op.number("minimumFractionDigits", 0, 100)
	mxfd, hasMxfd := op.number("maximumFractionDigits", 0, 100)
	mnsd, hasMnsd := op.number("minimumSignificantDigits", 1, 21)
	mxsd, hasMxsd := op.number("maximumSignificantDigits", 1, 21)
	inc, hasInc := op.number("roundingIncrement", 1, 5000)
	if hasInc && !slices.Contains([]int{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000}, inc) {
		panic(webidl.RangeError(vm, "roundingIncrement value is out of range."))
	}
	if !hasInc {
		inc = 1
	}
	o.roundingIncrement = inc
	o.roundingMode = op.str("roundingMode", []string{"ceil", "floor", "expand", "trunc", "halfCeil", "halfFloor", "halfExpand", "halfTrunc", "halfEven"}, "halfExpand")
	o.roundingPriority = op.str("roundingPriority", []string{"auto", "morePrecision", "lessPrecision"}, "auto")
	o.trailingZeroDisplay = op.str("trailingZeroDisplay", []string{"auto", "stripIfInteger"}, "auto")
	o.hasSD = hasMnsd || hasMxsd
	o.hasFD = hasMnfd || hasMxfd
	needSD, needFD := true, true
	if o.roundingPriority == "auto" {
		needSD = o.hasSD
		if needSD || (!o.hasFD && o.notation == "compact") {
			needFD = false
		}
	}
	if needSD {
		o.minSD, o.maxSD = 1, 21
		if hasMnsd {
			o.minSD = mnsd
		}
		if hasMxsd {
			o.maxSD = mxsd
		}
		if o.minSD > o.maxSD {
			panic(webidl.RangeError(vm, "maximumSignificantDigits value is out of range."))
		}
		o.hasSD = true
	}
	if needFD {
		if o.hasFD {
			switch {
			case !hasMnfd:
				mnfd = min(minFDDefault, mxfd)
			case !hasMxfd:
				mxfd = max(maxFDDefault, mnfd)
			case mnfd > mxfd:
				panic(webidl.RangeError(vm, "maximumFractionDigits value is out of range."))
			}
			o.minFD, o.maxFD = mnfd, mxfd
		} else {
			o.minFD, o.maxFD = minFDDefault, maxFDDefault
		}
		o.hasFD = true
	}
	if !needSD && !needFD {
		// compact without digit options: morePrecision between 1–2 significant and 0 fraction digits.
		o.minSD, o.maxSD, o.minFD, o.maxFD = 1, 2, 0, 0
		o.hasSD, o.hasFD = true, true
		o.roundingPriority = "morePrecision"
	}
	if inc != 1 {
		// §15.1.3 step 31: an increment needs fraction digits, and a fixed number of them.
		if o.hasSD && !o.hasFD || o.roundingPriority != "auto" && o.hasSD {
			panic(webidl.TypeError(vm, "RoundingType is not fractionDigits"))
		}
		if o.maxFD != o.minFD {
			panic(webidl.RangeError(vm, "maximumFractionDigits not equal to minimumFractionDigits"))
		}
	}
	o.compactDisplay = op.str("compactDisplay", []string{"short", "long"}, "short")
	grouping := "auto"
	if o.notation == "compact" {
		grouping = "min2"
	}
	switch v := op.raw("useGrouping"); {
	case goja.IsUndefined(v):
	case v.ExportType() != nil && v.ExportType().Kind().String() == "bool":
		if v.ToBoolean() {
			grouping = "always"
		} else {
			grouping = "false"
		}
	case !v.ToBoolean():
		grouping = "false"
	default:
		s := v.String()
		if s == "true" || s == "false" {
			// V8 maps the strings to the default.
		} else if !slices.Contains([]string{"min2", "auto", "always"}, s) {
			panic(webidl.RangeError(vm, "Value %s out of range for Intl.NumberFormat options property useGrouping", s))
		} else {
			grouping = s
		}
	}
	o.useGrouping = grouping
	o.signDisplay = op.str("signDisplay", []string{"auto", "never", "always", "exceptZero", "negative"}, "auto")
	return o
}

func (e *env) knownUnit(u string) bool {
	units := data("en").Units["long"]
	if _, ok := units[u]; ok && u != "per" {
		return true
	}
	a, b, ok := strings.Cut(u, "-per-")
	if !ok {
		return false
	}
	_, okA := units[a]
	_, okB := units[b]
	return okA && okB
}

// toDecimal is ToIntlMathematicalValue (ECMA-402 §15.5.16): BigInts exactly, the rest as Numbers.
func (e *env) toDecimal(v goja.Value) decimal {
	switch x := v.Export().(type) {
	case *big.Int:
		return decimalFromBig(x)
	case string:
		if d, ok := decimalFromString(x); ok {
			return d
		}
	}
	return decimalFromFloat(v.ToFloat())
}

func (e *env) partsArray(ps []part, extra func(o *goja.Object, p part)) goja.Value {
	vm := e.vm
	arr := make([]any, len(ps))
	for i, p := range ps {
		o := vm.NewObject()
		o.Set("type", p.typ)
		o.Set("value", p.value)
		if extra != nil {
			extra(o, p)
		}
		arr[i] = o
	}
	return vm.NewArray(arr...)
}

func (o *numberOptions) resolved(e *env) *goja.Object {
	r := e.vm.NewObject()
	r.Set("locale", o.loc.withExt("nu"))
	r.Set("numberingSystem", o.loc.ns)
	r.Set("style", o.style)
	if o.style == "currency" {
		r.Set("currency", o.currency)
		r.Set("currencyDisplay", o.currencyDisplay)
		r.Set("currencySign", o.currencySign)
	}
	if o.style == "unit" {
		r.Set("unit", o.unit)
		r.Set("unitDisplay", o.unitDisplay)
	}
	r.Set("minimumIntegerDigits", o.minInt)
	if o.hasSD {
		r.Set("minimumSignificantDigits", o.minSD)
		r.Set("maximumSignificantDigits", o.maxSD)
	}
	if o.hasFD {
		r.Set("minimumFractionDigits", o.minFD)
		r.Set("maximumFractionDigits", o.maxFD)
	}
	if o.useGrouping == "false" {
		r.Set("useGrouping", false)
	} else {
		r.Set("useGrouping", o.useGrouping)
	}
	r.Set("notation", o.notation)
	if o.notation == "compact" {
		r.Set("compactDisplay", o.compactDisplay)
	}
	r.Set("signDisplay", o.signDisplay)
	r.Set("roundingMode", o.roundingMode)
	r.Set("roundingIncrement", o.roundingIncrement)
	r.Set("trailingZeroDisplay", o.trailingZeroDisplay)
	r.Set("roundingPriority", o.roundingPriority)
	return r
}

func (e *env) numberFormatClass() class {
	self := func(s any) *numberOptions { return s.(*numberOptions) }
	return class{
		name:  "NumberFormat",
		newFn: func(l, o goja.Value) any { return e.newNumberFormat(l, o) },
		getters: []classMethod{{"format", 1, func(s any, call goja.FunctionCall) goja.Value {
			return e.vm.ToValue(joinParts(self(s).format(e.toDecimal(call.Argument(0)))))
		}}},
		methods: []classMethod{
			{"formatToParts", 1, func(s any, call goja.FunctionCall) goja.Value {
				return e.partsArray(self(s).format(e.toDecimal(call.Argument(0))), nil)
			}},
			{"formatRange", 2, func(s any, call goja.FunctionCall) goja.Value {
				return e.vm.ToValue(joinParts(self(s).formatRange(e.rangeDecimals(call))))
			}},
			{"formatRangeToParts", 2, func(s any, call goja.FunctionCall) goja.Value {
				return e.sourcedParts(self(s).formatRange(e.rangeDecimals(call)))
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				return self(s).resolved(e)
			}},
		},
	}
}

func (e *env) rangeDecimals(call goja.FunctionCall) (decimal, decimal) {
	if goja.IsUndefined(call.Argument(0)) || goja.IsUndefined(call.Argument(1)) {
		panic(webidl.TypeError(e.vm, "start or end is undefined"))
	}
	a, b := e.toDecimal(call.Argument(0)), e.toDecimal(call.Argument(1))
	if a.nan || b.nan {
		panic(webidl.RangeError(e.vm, "Invalid start : NaN"))
	}
	return a, b
}

// sourcedParts is the formatRangeToParts array: parts whose type carries "\x00source".
func (e *env) sourcedParts(ps []part) goja.Value {
	arr := make([]any, len(ps))
	for i, p := range ps {
		o := e.vm.NewObject()
		typ, src, _ := strings.Cut(p.typ, "\x00")
		o.Set("type", typ)
		o.Set("value", p.value)
		o.Set("source", src)
		arr[i] = o
	}
	return e.vm.NewArray(arr...)
}

func withSource(ps []part, src string) []part {
	out := make([]part, len(ps))
	for i, p := range ps {
		out[i] = part{p.typ + "\x00" + src, p.value}
	}
	return out
}

func isCore(typ string) bool {
	switch typ {
	case "integer", "group", "decimal", "fraction", "compact", "exponentSeparator", "exponentMinusSign", "exponentInteger", "nan", "infinity":
		return true
	}
	return false
}

// formatRange is PartitionNumberRangePattern (ECMA-402 §15.5.21) as ICU's NumberRangeFormatter
// answers it: equal results get the approximately sign; the affixes ("middle modifier") are
// written once when equal and longer than one code point; the range sign gets spaces unless
// nothing but the numbers repeats.
func (o *numberOptions) formatRange(a, b decimal) []part {
	pa, pb := o.format(a), o.format(b)
	if joinParts(pa) == joinParts(pb) {
		sym := o.symbols()
		out := []part{{"approximatelySign", sym["approximatelySign"]}}
		return withSource(append(out, pa...), "shared")
	}
	split := func(ps []part) (pre, core, post []part) {
		i, j := 0, len(ps)
		for i < len(ps) && !isCore(ps[i].typ) {
			i++
		}
		for j > i && !isCore(ps[j-1].typ) {
			j--
		}
		return ps[:i], ps[i:j], ps[j:]
	}
	preA, coreA, postA := split(pa)
	preB, coreB, postB := split(pb)
	mod := joinParts(preA) + joinParts(postA)
	collapse := joinParts(preA) == joinParts(preB) && joinParts(postA) == joinParts(postB) && utf8.RuneCountInString(mod) > 1
	if mod == "" && joinParts(preB)+joinParts(postB) == "" {
		collapse = true
	}
	// The inner modifier (the compact suffix with its space) collapses by the same heuristic.
	innerOf := func(core []part) ([]part, []part) {
		for i, p := range core {
			if p.typ == "compact" {
				j := i
				if j > 0 && core[j-1].typ == "literal" {
					j--
				}
				return core[:j], core[j:]
			}
		}
		return core, nil
	}
	numA, innerA := innerOf(coreA)
	numB, innerB := innerOf(coreB)
	inner := len(innerA) > 0
	for _, p := range coreA {
		if strings.HasPrefix(p.typ, "exponent") {
			inner = true
		}
	}
	if collapse && inner && joinParts(innerA) == joinParts(innerB) && utf8.RuneCountInString(joinParts(innerA)) > 1 {
		coreA, coreB = numA, numB
		postA = append(append([]part(nil), innerA...), postA...)
		inner = false
	}
	rng := o.loc.d.Numbers.Misc["range"]
	if rng == "" {
		rng = "{0}–{1}"
	}
	i0, i1 := strings.Index(rng, "{0}"), strings.Index(rng, "{1}")
	sep := rng[i0+3 : i1]
	if (!collapse && mod != "") || inner {
		if !strings.HasPrefix(sep, " ") {
			sep = " " + sep
		}
		if !strings.HasSuffix(sep, " ") {
			sep += " "
		}
	}
	var out []part
	if collapse {
		out = append(out, withSource(preA, "shared")...)
		out = append(out, withSource(coreA, "startRange")...)
		out = append(out, part{"literal\x00shared", sep})
		out = append(out, withSource(coreB, "endRange")...)
		out = append(out, withSource(postA, "shared")...)
		return out
	}
	out = append(out, withSource(pa, "startRange")...)
	out = append(out, part{"literal\x00shared", sep})
	out = append(out, withSource(pb, "endRange")...)
	return out
}
