package intl

import (
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// listFormat is an Intl.ListFormat (ECMA-402 §13) over CLDR listPatterns.
type listFormat struct {
	loc        *locale
	typ, style string
	start, mid string
	end, two   string
}

func (e *env) newListFormat(locales, options goja.Value) *listFormat {
	req := e.canonicalizeList(locales)
	op := e.options(options, "ListFormat")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	f := &listFormat{loc: resolveLocale(req)}
	f.typ = op.str("type", []string{"conjunction", "disjunction", "unit"}, "conjunction")
	f.style = op.str("style", []string{"long", "short", "narrow"}, "long")
	key := "listPattern-type-" + map[string]string{"conjunction": "standard", "disjunction": "or", "unit": "unit"}[f.typ]
	if f.style != "long" {
		key += "-" + f.style
	}
	p := f.loc.d.Lists[key]
	f.start, f.mid, f.end, f.two = p["start"], p["middle"], p["end"], p["2"]
	return f
}

func (e *env) listItems(v goja.Value) []string {
	if goja.IsUndefined(v) {
		return nil
	}
	var out []string
	webidl.Iterate(e.vm, v, func(it goja.Value) {
		if _, ok := it.Export().(string); !ok {
			panic(webidl.TypeError(e.vm, "Iterable yielded %s which is not a string", it.String()))
		}
		out = append(out, it.String())
	})
	return out
}

// format is CreatePartsFromList (ECMA-402 §13.5.2).
func (f *listFormat) format(items []string) []part {
	switch len(items) {
	case 0:
		return nil
	case 1:
		return []part{{"element", items[0]}}
	}
	apply := func(p string, left []part, right string) []part {
		p = f.spanish(p, right)
		i0 := strings.Index(p, "{0}")
		i1 := strings.Index(p, "{1}")
		var out []part
		if i0 > 0 {
			out = append(out, part{"literal", p[:i0]})
		}
		out = append(out, left...)
		out = append(out, part{"literal", p[i0+3 : i1]})
		out = append(out, part{"element", right})
		if rest := p[i1+3:]; rest != "" {
			out = append(out, part{"literal", rest})
		}
		return out
	}
	if len(items) == 2 {
		return apply(f.two, []part{{"element", items[0]}}, items[1])
	}
	// Built from the right as CLDR specifies: start, middle..., end.
	n := len(items)
	acc := apply(f.end, []part{{"element", items[n-2]}}, items[n-1])
	for i := n - 3; i >= 0; i-- {
		p := f.mid
		if i == 0 {
			p = f.start
		}
		i0 := strings.Index(p, "{0}")
		i1 := strings.Index(p, "{1}")
		var out []part
		if i0 > 0 {
			out = append(out, part{"literal", p[:i0]})
		}
		out = append(out, part{"element", items[i]})
		out = append(out, part{"literal", p[i0+3 : i1]})
		out = append(out, acc...)
		if rest := p[i1+3:]; rest != "" {
			out = append(out, part{"literal", rest})
		}
		acc = out
	}
	return acc
}

// spanish applies the euphony rules ICU applies to Spanish lists: "y" becomes "e" before an
// /i/ sound and "o" becomes "u" before an /o/ sound.
func (f *listFormat) spanish(p, next string) string {
	if f.loc.lang != "es" {
		return p
	}
	low := strings.ToLower(next)
	if strings.Contains(p, " y ") && (strings.HasPrefix(low, "i") || strings.HasPrefix(low, "hi")) &&
		!strings.HasPrefix(low, "hia") && !strings.HasPrefix(low, "hie") && !strings.HasPrefix(low, "hio") && !strings.HasPrefix(low, "hiu") {
		return strings.Replace(p, " y ", " e ", 1)
	}
	if strings.Contains(p, " o ") && (strings.HasPrefix(low, "o") || strings.HasPrefix(low, "ho") || strings.HasPrefix(low, "8") || strings.HasPrefix(low, "11")) {
		return strings.Replace(p, " o ", " u ", 1)
	}
	return p
}

func (e *env) listFormatClass() class {
	self := func(s any) *listFormat { return s.(*listFormat) }
	return class{
		name:  "ListFormat",
		newFn: func(l, o goja.Value) any { return e.newListFormat(l, o) },
		methods: []classMethod{
			{"format", 1, func(s any, call goja.FunctionCall) goja.Value {
				return e.vm.ToValue(joinParts(self(s).format(e.listItems(call.Argument(0)))))
			}},
			{"formatToParts", 1, func(s any, call goja.FunctionCall) goja.Value {
				return e.partsArray(mergeLiterals(self(s).format(e.listItems(call.Argument(0)))), nil)
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				f := self(s)
				r := e.vm.NewObject()
				r.Set("locale", f.loc.tag)
				r.Set("type", f.typ)
				r.Set("style", f.style)
				return r
			}},
		},
	}
}
