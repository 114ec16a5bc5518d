package intl

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"golang.org/x/text/language"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// localeObject is an Intl.Locale (ECMA-402 §14): a language tag and its Unicode extension keywords.
type localeObject struct {
	lang, script, region string
	variants             []string
	keys                 map[string]string // ca, co, hc, kf, kn, nu
	other                string            // other extensions, kept as they were
}

func (l *localeObject) baseName() string {
	parts := []string{l.lang}
	if l.script != "" {
		parts = append(parts, l.script)
	}
	if l.region != "" {
		parts = append(parts, l.region)
	}
	parts = append(parts, l.variants...)
	return strings.Join(parts, "-")
}

func (l *localeObject) String() string {
	s := l.baseName()
	if len(l.keys) > 0 {
		ks := make([]string, 0, len(l.keys))
		for k := range l.keys {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		s += "-u"
		for _, k := range ks {
			s += "-" + k
			if v := l.keys[k]; v != "true" && v != "" {
				s += "-" + v
			}
		}
	}
	if l.other != "" {
		s += "-" + l.other
	}
	return s
}

func parseLocaleObject(tag string) (*localeObject, bool) {
	c, ok := canonicalize(tag)
	if !ok {
		return nil, false
	}
	t := language.Make(c)
	l := &localeObject{keys: map[string]string{}}
	base, _ := t.Base()
	l.lang = base.String()
	if s, conf := t.Script(); conf == language.Exact {
		l.script = s.String()
	}
	if r, conf := t.Region(); conf == language.Exact {
		l.region = r.String()
	}
	for _, v := range t.Variants() {
		l.variants = append(l.variants, v.String())
	}
	for _, ext := range t.Extensions() {
		if ext.Type() != 'u' {
			l.other = strings.TrimPrefix(l.other+"-"+ext.String(), "-")
			continue
		}
		parts := strings.Split(ext.String(), "-")[1:]
		for i := 0; i < len(parts); i++ {
			if len(parts[i]) == 2 {
				k, v := parts[i], "true"
				if i+1 < len(parts) && len(parts[i+1]) > 2 {
					v = parts[i+1]
					i++
				}
				l.keys[k] = v
			}
		}
	}
	return l, true
}

func (e *env) newLocale(tagV, options goja.Value) *localeObject {
	vm := e.vm
	var tag string
	switch {
	case goja.IsUndefined(tagV) || goja.IsNull(tagV):
		panic(webidl.TypeError(vm, "First argument to Intl.Locale constructor can't be empty or missing"))
	default:
		if o, ok := tagV.(*goja.Object); ok {
			if st := o.GetSymbol(e.slot); st != nil {
				if l, ok := st.Export().(*localeObject); ok {
					tag = l.String()
				}
			}
		}
		if tag == "" {
			tag = tagV.String()
		}
	}
	l, ok := parseLocaleObject(tag)
	if !ok {
		panic(webidl.RangeError(vm, "Incorrect locale information provided"))
	}
	op := e.options(options, "Locale")
	if s := op.str("language", nil, ""); s != "" {
		l.lang = strings.ToLower(s)
	}
	if s := op.str("script", nil, ""); s != "" {
		l.script = strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
	}
	if s := op.str("region", nil, ""); s != "" {
		l.region = strings.ToUpper(s)
	}
	for opt, key := range map[string]string{"calendar": "ca", "collation": "co", "hourCycle": "hc", "caseFirst": "kf", "numberingSystem": "nu"} {
		if s := op.str(opt, nil, ""); s != "" {
			l.keys[key] = s
		}
	}
	switch op.boolean("numeric") {
	case 1:
		l.keys["kn"] = "false"
	case 2:
		l.keys["kn"] = "true"
	}
	return l
}

// maximize is "Add Likely Subtags" (UTS #35 Part 1 §4.3), from x/text's likely-subtag data.
func (l *localeObject) maximize() *localeObject {
	t := language.Make(l.baseName())
	b, _ := t.Base()
	s, _ := t.Script()
	r, _ := t.Region()
	m := *l
	m.lang, m.script, m.region = b.String(), s.String(), r.String()
	return &m
}

// minimize is "Remove Likely Subtags": the shortest tag that maximizes to the same.
func (l *localeObject) minimize() *localeObject {
	max := l.maximize()
	for _, try := range []localeObject{{lang: max.lang}, {lang: max.lang, region: max.region}, {lang: max.lang, script: max.script}} {
		if mt := try.maximize(); mt.lang == max.lang && mt.script == max.script && mt.region == max.region {
			m := *l
			m.lang, m.script, m.region = try.lang, try.script, try.region
			return &m
		}
	}
	return l
}

func (e *env) localeClass() class {
	self := func(s any) *localeObject { return s.(*localeObject) }
	str := func(s string) goja.Value {
		if s == "" {
			return goja.Undefined()
		}
		return e.vm.ToValue(s)
	}
	key := func(k string) func(s any, call goja.FunctionCall) goja.Value {
		return func(s any, call goja.FunctionCall) goja.Value { return str(self(s).keys[k]) }
	}
	wrap := func(l *localeObject) goja.Value {
		o := e.vm.NewObject()
		o.SetPrototype(e.protos["Locale"])
		o.DefineDataPropertySymbol(e.slot, e.vm.ToValue(l), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return o
	}
	return class{
		name:  "Locale",
		newFn: func(l, o goja.Value) any { return e.newLocale(l, o) },
		methods: []classMethod{
			{"toString", 0, func(s any, call goja.FunctionCall) goja.Value { return e.vm.ToValue(self(s).String()) }},
			{"maximize", 0, func(s any, call goja.FunctionCall) goja.Value { return wrap(self(s).maximize()) }},
			{"minimize", 0, func(s any, call goja.FunctionCall) goja.Value { return wrap(self(s).minimize()) }},
		},
		props: []classMethod{
			{"baseName", 0, func(s any, call goja.FunctionCall) goja.Value { return e.vm.ToValue(self(s).baseName()) }},
			{"language", 0, func(s any, call goja.FunctionCall) goja.Value { return e.vm.ToValue(self(s).lang) }},
			{"script", 0, func(s any, call goja.FunctionCall) goja.Value { return str(self(s).script) }},
			{"region", 0, func(s any, call goja.FunctionCall) goja.Value { return str(self(s).region) }},
			{"calendar", 0, key("ca")},
			{"collation", 0, key("co")},
			{"hourCycle", 0, key("hc")},
			{"caseFirst", 0, key("kf")},
			{"numberingSystem", 0, key("nu")},
			{"numeric", 0, func(s any, call goja.FunctionCall) goja.Value { return e.vm.ToValue(self(s).keys["kn"] == "true") }},
			{"calendars", 0, func(s any, call goja.FunctionCall) goja.Value {
				l := self(s)
				if ca := l.keys["ca"]; ca != "" {
					return e.vm.ToValue([]string{ca})
				}
				prefs := supplemental().CalendarPrefs
				p, ok := prefs[l.maximize().region]
				if !ok {
					p = prefs["001"]
				}
				var out []string
				for _, c := range p {
					if id, ok := map[string]string{"gregorian": "gregory", "ethiopic-amete-alem": "ethioaa"}[c]; ok {
						c = id
					}
					out = append(out, c)
				}
				return e.vm.ToValue(out)
			}},
			{"numberingSystems", 0, func(s any, call goja.FunctionCall) goja.Value {
				l := self(s)
				if nu := l.keys["nu"]; nu != "" {
					return e.vm.ToValue([]string{nu})
				}
				if _, ok := dataIDOf(l.baseName()); ok {
					return e.vm.ToValue([]string{resolveLocale([]string{l.baseName()}).ns})
				}
				return e.vm.ToValue([]string{"latn"})
			}},
			{"weekInfo", 0, func(s any, call goja.FunctionCall) goja.Value { return self(s).weekInfo(e) }},
			{"textInfo", 0, func(s any, call goja.FunctionCall) goja.Value {
				o := e.vm.NewObject()
				o.Set("direction", self(s).direction())
				return o
			}},
			{"hourCycles", 0, func(s any, call goja.FunctionCall) goja.Value {
				l := self(s)
				if hc := l.keys["hc"]; hc != "" {
					return e.vm.ToValue([]string{hc})
				}
				if _, ok := dataIDOf(l.baseName()); ok {
					return e.vm.ToValue([]string{resolveLocale([]string{l.baseName()}).defaultHourCycle()})
				}
				// A language without data: CLDR timeData for its region.
				td := supplemental().TimeData
				pref, ok := td[l.lang+"_"+l.maximize().region]
				if !ok {
					if pref, ok = td[l.maximize().region]; !ok {
						pref = td["001"]
					}
				}
				return e.vm.ToValue([]string{map[byte]string{'h': "h12", 'H': "h23", 'K': "h11", 'k': "h24"}[pref[0]]})
			}},
		},
	}
}

var weekdayNumber = map[string]int{"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}

// weekInfo is Intl.Locale.prototype.weekInfo (Intl Locale Info proposal, in Node 20) from CLDR
// weekData for the locale's region (or its language's likely one).
func (l *localeObject) weekInfo(e *env) goja.Value {
	region := l.maximize().region
	wd := supplemental().WeekData
	get := func(k string) string {
		if v, ok := wd[k][region]; ok {
			return v
		}
		return wd[k]["001"]
	}
	first := weekdayNumber[get("firstDay")]
	ws, we := weekdayNumber[get("weekendStart")], weekdayNumber[get("weekendEnd")]
	var weekend []int
	for d := ws; ; d = d%7 + 1 {
		weekend = append(weekend, d)
		if d == we || len(weekend) == 7 {
			break
		}
	}
	min, _ := strconv.Atoi(get("minDays"))
	o := e.vm.NewObject()
	o.Set("firstDay", first)
	o.Set("weekend", weekend)
	o.Set("minimalDays", min)
	return o
}

// direction is the text direction of the locale's (likely) script.
func (l *localeObject) direction() string {
	switch l.maximize().script {
	case "Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend":
		return "rtl"
	}
	return "ltr"
}
