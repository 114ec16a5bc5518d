package intl

import (
	"unicode"

	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// collator is an Intl.Collator (ECMA-402 §10) over golang.org/x/text/collate (the CLDR root
// collation with the locale's tailoring).
type collator struct {
	loc                *locale
	usage, sensitivity string
	ignorePunctuation  bool
	numeric            bool
	caseFirst          string
	collation          string // a -u-co- type ("phonebk"), or "" for the default
	c                  *collate.Collator
	base               *collate.Collator // case-blind, for caseFirst
}

func (e *env) newCollator(locales, options goja.Value) *collator {
	req := e.canonicalizeList(locales)
	op := e.options(options, "Collator")
	c := &collator{}
	c.usage = op.str("usage", []string{"sort", "search"}, "sort")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	co := op.str("collation", nil, "")
	c.loc = resolveLocale(req)
	if co == "" {
		co = c.loc.ext["co"]
	} else {
		delete(c.loc.ext, "co")
	}
	if co != "" && co != "standard" && co != "search" {
		c.collation = co
	} else {
		delete(c.loc.ext, "co")
	}
	switch op.boolean("numeric") {
	case 0:
		c.numeric = c.loc.ext["kn"] == "true"
	case 2:
		c.numeric = true
	}
	c.caseFirst = op.str("caseFirst", []string{"upper", "lower", "false"}, "")
	if c.caseFirst == "" {
		c.caseFirst = c.loc.ext["kf"]
		if c.caseFirst == "" {
			c.caseFirst = "false"
		}
	}
	c.sensitivity = op.str("sensitivity", []string{"base", "accent", "case", "variant"}, "variant")
	c.ignorePunctuation = op.boolean("ignorePunctuation") == 2
	u := ""
	if c.collation != "" {
		u += "-co-" + c.collation
	}
	if c.caseFirst != "false" {
		u += "-kf-" + c.caseFirst
	}
	tag := language.Make(c.loc.tag)
	if u != "" {
		tag = language.Make(c.loc.tag + "-u" + u)
	}
	var os []collate.Option
	os = append(os, collate.OptionsFromTag(tag))
	if c.numeric {
		os = append(os, collate.Numeric)
	}
	switch c.sensitivity {
	case "base":
		os = append(os, collate.IgnoreCase, collate.IgnoreDiacritics, collate.IgnoreWidth)
	case "accent":
		os = append(os, collate.IgnoreCase, collate.IgnoreWidth)
	case "case":
		os = append(os, collate.IgnoreWidth)
	}
	c.c = collate.New(tag, os...)
	if c.caseFirst != "false" {
		c.base = collate.New(tag, collate.IgnoreCase)
	}
	return c
}

// compare is the collator's CompareStrings (ECMA-402 §10.3.3.1).
func (c *collator) compare(a, b string) int {
	if c.ignorePunctuation {
		a, b = stripPunct(a), stripPunct(b)
	}
	if c.sensitivity == "case" {
		// x/text's IgnoreDiacritics does not drop accents here: compare without the marks.
		a, b = stripMarks(a), stripMarks(b)
	}
	if c.loc.lang == "zh" {
		// CLDR's zh collation reorders Han (and Bopomofo) before the other scripts; x/text does
		// not implement Reorder, so compare the script groups of the first letters first.
		if ga, gb := zhGroup(a), zhGroup(b); ga != gb && ga != 0 && gb != 0 {
			if ga < gb {
				return -1
			}
			return 1
		}
	}
	r := c.c.CompareString(a, b)
	if c.base != nil && r != 0 && c.base.CompareString(a, b) == 0 {
		// Equal but for case: caseFirst decides (x/text ignores -u-kf-).
		ra, rb := []rune(a), []rune(b)
		for i := 0; i < len(ra) && i < len(rb); i++ {
			ua, ub := unicode.IsUpper(ra[i]), unicode.IsUpper(rb[i])
			if ua != ub {
				if ua == (c.caseFirst == "upper") {
					return -1
				}
				return 1
			}
		}
	}
	return r
}

func stripMarks(s string) string {
	d := norm.NFD.String(s)
	out := make([]rune, 0, len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			out = append(out, r)
		}
	}
	return norm.NFC.String(string(out))
}

func stripPunct(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if !isPunctOrSpace(r) {
			out = append(out, r)
		}
	}
	return string(out)
}

func (c *collator) resolved(e *env) *goja.Object {
	r := e.vm.NewObject()
	r.Set("locale", c.loc.withExt("co", "kf", "kn"))
	r.Set("usage", c.usage)
	r.Set("sensitivity", c.sensitivity)
	r.Set("ignorePunctuation", c.ignorePunctuation)
	if c.collation != "" {
		r.Set("collation", c.collation)
	} else {
		r.Set("collation", "default")
	}
	r.Set("numeric", c.numeric)
	r.Set("caseFirst", c.caseFirst)
	return r
}

func (e *env) collatorClass() class {
	self := func(s any) *collator { return s.(*collator) }
	return class{
		name:  "Collator",
		newFn: func(l, o goja.Value) any { return e.newCollator(l, o) },
		getters: []classMethod{{"compare", 2, func(s any, call goja.FunctionCall) goja.Value {
			return e.vm.ToValue(self(s).compare(call.Argument(0).String(), call.Argument(1).String()))
		}}},
		methods: []classMethod{{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
			return self(s).resolved(e)
		}}},
	}
}

func (e *env) cachedCollator(locales, options goja.Value) *collator {
	key, ok := cacheKey("collator", locales, options)
	if ok {
		if c, ok := e.cache[key].(*collator); ok {
			return c
		}
	}
	c := e.newCollator(locales, options)
	if ok {
		e.remember(key, c)
	}
	return c
}

// zhGroup is the reordering group of a string's first letter in zh collation: 1 Han/Bopomofo,
// 2 any other script, 0 none (digits, spaces and punctuation sort first, unreordered).
func zhGroup(s string) int {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Bopomofo):
			return 1
		case unicode.IsLetter(r):
			return 2
		case unicode.IsDigit(r):
			return 0
		}
	}
	return 0
}
