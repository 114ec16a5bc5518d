package intl

import (
	"math"
	"strconv"
	"strings"
)

// pluralCategories in CLDR order.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// pluralSelect evaluates the CLDR plural rules (UTS #35 Part 3 §5.1, from supplemental
// plurals.json / ordinals.json) of lang for the operands.
func pluralSelect(lang string, ordinal bool, p pluralOperands) string {
	sup := supplemental()
	rules := sup.Plurals[lang]
	if ordinal {
		rules = sup.Ordinals[lang]
	}
	for _, c := range pluralCategories {
		r, ok := rules[c]
		if !ok || c == "other" {
			continue
		}
		if evalCondition(r, p) {
			return c
		}
	}
	return "other"
}

// pluralCategoriesOf lists the categories lang uses, in CLDR order.
func pluralCategoriesOf(lang string, ordinal bool) []string {
	sup := supplemental()
	rules := sup.Plurals[lang]
	if ordinal {
		rules = sup.Ordinals[lang]
	}
	var out []string
	for _, c := range pluralCategories {
		if _, ok := rules[c]; ok {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = []string{"other"}
	}
	return out
}

func evalCondition(cond string, p pluralOperands) bool {
	for _, and := range strings.Split(cond, " or ") {
		ok := true
		for _, rel := range strings.Split(and, " and ") {
			if !evalRelation(strings.TrimSpace(rel), p) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func evalRelation(rel string, p pluralOperands) bool {
	neg := false
	lhs, rhs, found := strings.Cut(rel, "!=")
	if found {
		neg = true
	} else {
		lhs, rhs, _ = strings.Cut(rel, "=")
	}
	lhs = strings.TrimSpace(lhs)
	op, mod, hasMod := strings.Cut(lhs, "%")
	var x float64
	switch strings.TrimSpace(op) {
	case "n":
		x = p.n
	case "i":
		x = float64(p.i)
	case "v":
		x = float64(p.v)
	case "w":
		x = float64(p.w)
	case "f":
		x = float64(p.f)
	case "t":
		x = float64(p.t)
	case "e", "c":
		x = float64(p.e)
	}
	if hasMod {
		m, _ := strconv.Atoi(strings.TrimSpace(mod))
		x = math.Mod(x, float64(m))
	}
	in := false
	for _, r := range strings.Split(strings.TrimSpace(rhs), ",") {
		lo, hi, isRange := strings.Cut(r, "..")
		a, _ := strconv.ParseFloat(lo, 64)
		b := a
		if isRange {
			b, _ = strconv.ParseFloat(hi, 64)
		}
		if x == math.Trunc(x) && x >= a && x <= b {
			in = true
			break
		}
	}
	return in != neg
}
