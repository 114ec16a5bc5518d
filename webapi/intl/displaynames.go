package intl

import (
	"regexp"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// displayNames is an Intl.DisplayNames (ECMA-402 §12) over CLDR localeDisplayNames and currencies.
type displayNames struct {
	loc                          *locale
	style, typ, fallback, langDP string
}

func (e *env) newDisplayNames(locales, options goja.Value) *displayNames {
	vm := e.vm
	req := e.canonicalizeList(locales)
	if goja.IsUndefined(options) {
		panic(webidl.TypeError(vm, "Cannot convert undefined or null to object"))
	}
	op := e.options(options, "DisplayNames")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	d := &displayNames{loc: resolveLocale(req)}
	d.style = op.str("style", []string{"narrow", "short", "long"}, "long")
	d.typ = op.str("type", []string{"language", "region", "script", "currency", "calendar", "dateTimeField"}, "")
	if d.typ == "" {
		panic(webidl.TypeError(vm, "Required option 'type' is missing"))
	}
	d.fallback = op.str("fallback", []string{"code", "none"}, "code")
	d.langDP = op.str("languageDisplay", []string{"dialect", "standard"}, "dialect")
	return d
}

var (
	regionCode    = regexp.MustCompile(`^([A-Za-z]{2}|[0-9]{3})$`)
	scriptCode    = regexp.MustCompile(`^[A-Za-z]{4}$`)
	currencyCode3 = regexp.MustCompile(`^[A-Za-z]{3}$`)
	calendarCode  = regexp.MustCompile(`^[A-Za-z0-9]{3,8}(-[A-Za-z0-9]{3,8})*$`) // "Gregory" is well formed, just not named
)

// of is Intl.DisplayNames.prototype.of (ECMA-402 §12.3.3).
func (d *displayNames) of(e *env, code string) goja.Value {
	vm := e.vm
	invalid := func() { panic(webidl.RangeError(vm, "invalid_argument")) }
	name, canon := "", code
	ld := d.loc.d
	short := func(m map[string]string, k string) string {
		if d.style != "long" {
			if s, ok := m[k+"-alt-short"]; ok {
				return s
			}
		}
		return m[k]
	}
	switch d.typ {
	case "region":
		if !regionCode.MatchString(code) {
			invalid()
		}
		canon = strings.ToUpper(code)
		name = short(ld.Territories, canon)
	case "script":
		if !scriptCode.MatchString(code) {
			invalid()
		}
		// V8 names only the canonical spelling (Latn) and answers the code otherwise.
		name = short(ld.Scripts, code)
	case "currency":
		if !currencyCode3.MatchString(code) {
			invalid()
		}
		canon = strings.ToUpper(code)
		if c, ok := ld.Currencies[canon]; ok {
			name = c.Name
		}
	case "language":
		c, ok := canonicalize(code)
		if !ok {
			invalid()
		}
		canon = c
		name = d.languageName(c, short)
	case "calendar":
		if !calendarCode.MatchString(code) {
			invalid()
		}
		// BCP 47 calendar ids to CLDR's type names.
		key := map[string]string{"gregory": "gregorian", "ethioaa": "ethiopic-amete-alem", "islamicc": "islamic-civil"}[code]
		if key == "" {
			key = code
		}
		name = ld.Calendars[key]
	case "dateTimeField":
		key, ok := map[string]string{"era": "era", "year": "year", "quarter": "quarter", "month": "month", "weekOfYear": "week",
			"weekday": "weekday", "day": "day", "dayPeriod": "dayperiod", "hour": "hour", "minute": "minute", "second": "second", "timeZoneName": "zone"}[code]
		if !ok {
			invalid()
		}
		if d.style != "long" {
			if f, ok := ld.Fields[key+"-"+d.style]; ok {
				name = f.DisplayName
			}
		}
		if name == "" {
			name = ld.Fields[key].DisplayName
		}
	default:
		canon = code
	}
	if name == "" {
		if d.fallback == "none" {
			return goja.Undefined()
		}
		return vm.ToValue(canon)
	}
	return vm.ToValue(name)
}

// languageName names a language tag: the whole tag when CLDR names it (dialect), else the language
// with its script and region in the locale pattern ("English (United Kingdom)").
func (d *displayNames) languageName(tag string, short func(map[string]string, string) string) string {
	ld := d.loc.d
	if d.langDP == "dialect" {
		if s := short(ld.Languages, tag); s != "" {
			return s
		}
	}
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	base, _ := t.Base()
	script, sc := t.Script()
	region, rc := t.Region()
	lang := base.String()
	name := ""
	var extra []string
	if d.langDP == "dialect" && rc == language.Exact {
		if s := short(ld.Languages, lang+"-"+region.String()); s != "" {
			name = s
			rc = language.No
		}
	}
	if name == "" {
		name = short(ld.Languages, lang)
		if name == "" {
			return ""
		}
	}
	if sc == language.Exact {
		if s := ld.Scripts[script.String()]; s != "" {
			extra = append(extra, s)
		} else {
			extra = append(extra, script.String())
		}
	}
	if rc == language.Exact {
		if s := short(ld.Territories, region.String()); s != "" {
			extra = append(extra, s)
		} else {
			extra = append(extra, region.String())
		}
	}
	if len(extra) == 0 {
		return name
	}
	sep := ld.LocalePat["localeSeparator"]
	joined := extra[0]
	for _, x := range extra[1:] {
		joined = strings.Replace(strings.Replace(sep, "{0}", joined, 1), "{1}", x, 1)
	}
	return strings.Replace(strings.Replace(ld.LocalePat["localePattern"], "{0}", name, 1), "{1}", joined, 1)
}

func (e *env) displayNamesClass() class {
	self := func(s any) *displayNames { return s.(*displayNames) }
	return class{
		name:  "DisplayNames",
		newFn: func(l, o goja.Value) any { return e.newDisplayNames(l, o) },
		methods: []classMethod{
			{"of", 1, func(s any, call goja.FunctionCall) goja.Value {
				return self(s).of(e, call.Argument(0).String())
			}},
			{"resolvedOptions", 0, func(s any, call goja.FunctionCall) goja.Value {
				d := self(s)
				r := e.vm.NewObject()
				r.Set("locale", d.loc.tag)
				r.Set("style", d.style)
				r.Set("type", d.typ)
				r.Set("fallback", d.fallback)
				if d.typ == "language" {
					r.Set("languageDisplay", d.langDP)
				}
				return r
			}},
		},
	}
}
