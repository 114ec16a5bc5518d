package intl

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// dateTimeFormat is the resolved state of an Intl.DateTimeFormat (ECMA-402 §11).
type dateTimeFormat struct {
	loc                  *locale
	zoneID               string
	zone                 *time.Location
	hc                   string // h11, h12, h23, h24, or "" without an hour
	dateStyle, timeStyle string
	pattern              string
	skeleton             []skField
	num                  *numberOptions // digits of the numbering system
}

// dtComponents are the component options in resolvedOptions order, with their values and
// skeleton letters.
var dtComponents = []struct {
	name   string
	values []string
}{
	{"weekday", []string{"narrow", "short", "long"}},
	{"era", []string{"narrow", "short", "long"}},
	{"year", []string{"2-digit", "numeric"}},
	{"month", []string{"2-digit", "numeric", "narrow", "short", "long"}},
	{"day", []string{"2-digit", "numeric"}},
	{"dayPeriod", []string{"narrow", "short", "long"}},
	{"hour", []string{"2-digit", "numeric"}},
	{"minute", []string{"2-digit", "numeric"}},
	{"second", []string{"2-digit", "numeric"}},
	{"fractionalSecondDigits", nil},
	{"timeZoneName", []string{"short", "long", "shortOffset", "longOffset", "shortGeneric", "longGeneric"}},
}

func skeletonLetter(name, v string, hc byte) skField {
	numeric := func(c byte) skField {
		if v == "2-digit" {
			return skField{c, 2}
		}
		return skField{c, 1}
	}
	text := map[string]int{"short": 3, "long": 4, "narrow": 5}
	switch name {
	case "weekday":
		return skField{'E', text[v]}
	case "era":
		return skField{'G', map[string]int{"short": 1, "long": 4, "narrow": 5}[v]}
	case "year":
		return numeric('y')
	case "month":
		if n, ok := text[v]; ok {
			return skField{'M', n}
		}
		return numeric('M')
	case "day":
		return numeric('d')
	case "dayPeriod":
		return skField{'B', map[string]int{"short": 1, "long": 4, "narrow": 5}[v]}
	case "hour":
		return numeric(hc)
	case "minute":
		return numeric('m')
	case "second":
		return numeric('s')
	case "timeZoneName":
		switch v {
		case "short":
			return skField{'z', 1}
		case "long":
			return skField{'z', 4}
		case "shortOffset":
			return skField{'O', 1}
		case "longOffset":
			return skField{'O', 4}
		case "shortGeneric":
			return skField{'v', 1}
		case "longGeneric":
			return skField{'v', 4}
		}
	}
	return skField{}
}

var styles = []string{"full", "long", "medium", "short"}

// newDateTimeFormat is CreateDateTimeFormat (ECMA-402 §11.1.2) with ToDateTimeOptions' defaults:
// required "date", "time" or "any"; defaults "date", "time" or "all".
func (e *env) newDateTimeFormat(locales, options goja.Value, required, defaults string) *dateTimeFormat {
	vm := e.vm
	req := e.canonicalizeList(locales)
	op := e.options(options, "DateTimeFormat")
	op.str("localeMatcher", []string{"lookup", "best fit"}, "best fit")
	op.str("calendar", nil, "")
	nu := op.str("numberingSystem", nil, "")
	hour12 := op.boolean("hour12")
	hourCycle := op.str("hourCycle", []string{"h11", "h12", "h23", "h24"}, "")
	f := &dateTimeFormat{loc: resolveLocale(req)}
	if nu == "" {
		nu = f.loc.ext["nu"]
	}
	if _, ok := nativeDigits[nu]; ok || nu == "latn" {
		f.loc.ns = nu
	} else {
		delete(f.loc.ext, "nu")
	}
	if hour12 != 0 {
		hourCycle = ""
	} else if hourCycle == "" {
		hourCycle = f.loc.ext["hc"]
	}
	tzv := op.raw("timeZone")
	if goja.IsUndefined(tzv) {
		f.zoneID, f.zone = defaultZone()
	} else {
		id, loc, ok := canonicalZone(tzv.String())
		if !ok {
			panic(webidl.RangeError(vm, "Invalid time zone specified: %s", tzv.String()))
		}
		f.zoneID, f.zone = id, loc
	}
	vals := map[string]string{}
	for _, c := range dtComponents {
		if c.name == "fractionalSecondDigits" {
			if n, ok := op.number(c.name, 1, 3); ok {
				vals[c.name] = strconv.Itoa(n)
			}
			continue
		}
		if v := op.str(c.name, c.values, ""); v != "" {
			vals[c.name] = v
		}
	}
	op.str("formatMatcher", []string{"basic", "best fit"}, "best fit")
	f.dateStyle = op.str("dateStyle", styles, "")
	f.timeStyle = op.str("timeStyle", styles, "")
	// The locale's hour cycle, then the options' (ECMA-402 §11.1.2 steps 36–37).
	hcDefault := f.loc.defaultHourCycle()
	hc := hcDefault
	if hourCycle != "" {
		hc = hourCycle
	}
	switch hour12 {
	case 2:
		if hcDefault == "h11" || hcDefault == "h23" {
			hc = "h11"
		} else {
			hc = "h12"
		}
	case 1:
		if hcDefault == "h11" || hcDefault == "h23" {
			hc = "h23"
		} else {
			hc = "h24"
		}
	}
	hcLetter := map[string]byte{"h11": 'K', "h12": 'h', "h23": 'H', "h24": 'k'}[hc]
	if f.dateStyle != "" || f.timeStyle != "" {
		if len(vals) > 0 {
			name := ""
			for _, c := range dtComponents {
				if _, ok := vals[c.name]; ok {
					name = c.name
					break
				}
			}
			panic(webidl.TypeError(vm, "Can't set option %s when %s is used", name, map[bool]string{true: "dateStyle", false: "timeStyle"}[f.dateStyle != ""]))
		}
		if (required == "date" && f.dateStyle == "") || (required == "time" && f.timeStyle == "") {
			panic(webidl.TypeError(vm, "Invalid option : %s", map[bool]string{true: "dateStyle", false: "timeStyle"}[required == "time"]))
		}
		fromExt := hour12 == 0 && hourCycle != "" && hourCycle == f.loc.ext["hc"]
		f.pattern = f.stylePattern(hc, hourCycle != "" || hour12 != 0, fromExt, hcLetter)
		if f.timeStyle != "" {
			f.hc = hc
		}
		f.num = &numberOptions{loc: f.loc}
		return f
	}
	need := true
	for _, c := range dtComponents {
		if _, ok := vals[c.name]; !ok {
			continue
		}
		switch c.name {
		case "weekday", "year", "month", "day":
			if required != "time" {
				need = false
			}
		case "dayPeriod", "hour", "minute", "second", "fractionalSecondDigits":
			if required != "date" {
				need = false
			}
		case "era", "timeZoneName":
			if required == "any" {
				// ToDateTimeOptions looks only at the fields above.
			}
		}
	}
	if need && (defaults == "date" || defaults == "all") {
		vals["year"], vals["month"], vals["day"] = "numeric", "numeric", "numeric"
	}
	if need && (defaults == "time" || defaults == "all") {
		vals["hour"], vals["minute"], vals["second"] = "numeric", "numeric", "numeric"
	}
	var skel []skField
	for _, c := range dtComponents {
		v, ok := vals[c.name]
		if !ok {
			continue
		}
		if _, hour := vals["hour"]; c.name == "dayPeriod" && hour && (hcLetter == 'H' || hcLetter == 'k') {
			continue // a 24-hour clock shows no day period
		}
		if c.name == "fractionalSecondDigits" {
			n, _ := strconv.Atoi(v)
			skel = append(skel, skField{'S', n})
			continue
		}
		skel = append(skel, skeletonLetter(c.name, v, hcLetter))
	}
	if _, ok := vals["hour"]; ok {
		f.hc = hc
	}
	f.skeleton = skel
	f.pattern = f.loc.bestPattern(skel)
	f.num = &numberOptions{loc: f.loc}
	return f
}

// defaultHourCycle is the locale's preferred hour cycle: the hour letter of its short time
// pattern, as ICU's DateTimePatternGenerator takes it (fr-CA is 24-hour though Canada's timeData
// prefers 12), else CLDR timeData for its region.
func (l *locale) defaultHourCycle() string {
	if hc := l.ext["hc"]; hc != "" {
		return hc
	}
	var letter byte
	forEachField(l.d.Dates.TimeFormats["short"], func(lit string, f skField) {
		if f.n > 0 && fieldKind(f.c) == 'h' && letter == 0 {
			letter = f.c
		}
	})
	switch letter {
	case 'h':
		return "h12"
	case 'H':
		return "h23"
	case 'K':
		return "h11"
	case 'k':
		return "h24"
	}
	td := supplemental().TimeData
	pref, ok := td[l.lang+"_"+l.region()]
	if !ok {
		if pref, ok = td[l.region()]; !ok {
			pref = td["001"]
		}
	}
	switch pref[:1] {
	case "h":
		return "h12"
	case "K":
		return "h11"
	case "k":
		return "h24"
	}
	return "h23"
}

// stylePattern is the pattern of dateStyle/timeStyle; a time with another hour cycle than the
// locale's is regenerated from its skeleton.
func (f *dateTimeFormat) stylePattern(hc string, forced, fromExt bool, hcLetter byte) string {
	d := &f.loc.d.Dates
	var dp, tp string
	if f.dateStyle != "" {
		dp = d.DateFormats[f.dateStyle]
	}
	if f.timeStyle != "" {
		tp = d.TimeFormats[f.timeStyle]
		if forced {
			sk := patternSkeleton(tp)
			for i := range sk {
				k := fieldKind(sk[i].c)
				if fromExt && (k == 'h' || k == 'm' || k == 's') {
					// A -u-hc- locale: ICU regenerates from the CLDR time skeleton ("jmm"),
					// numeric widths, the pattern then decides; the option keeps the widths.
					sk[i].n = 1
				}
				if k == 'h' {
					sk[i].c = hcLetter
				}
			}
			tp = f.loc.bestPattern(sk)
		}
	}
	switch {
	case dp == "":
		return tp
	case tp == "":
		return dp
	}
	return f.loc.join(f.dateStyle, dp, tp)
}

// dateValue is the time value of a format argument (ECMA-402 §11.5.x: undefined → now).
func (e *env) dateValue(v goja.Value) float64 {
	if goja.IsUndefined(v) {
		return float64(time.Now().UnixMilli())
	}
	x := v.ToFloat()
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 8.64e15 {
		panic(webidl.RangeError(e.vm, "Invalid time value"))
	}
	return math.Trunc(x)
}

// format is FormatDateTimePattern (ECMA-402 §11.5.5).
func (f *dateTimeFormat) format(ms float64) []part {
	t := time.UnixMilli(int64(ms)).In(f.zone)
	d := &f.loc.d.Dates
	sym := f.num.symbols()
	var out []part
	num := func(n, width int) string {
		s := strconv.Itoa(n)
		for len(s) < width {
			s = "0" + s
		}
		return f.num.digits(s)
	}
	name := func(set widths, ctx string, n int, key string) string {
		w := map[int]string{1: "abbreviated", 2: "abbreviated", 3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}[n]
		if m := set[ctx][w]; m != nil && m[key] != "" {
			return m[key]
		}
		if m := set["format"][w]; m != nil {
			return m[key]
		}
		return ""
	}
	forEachField(f.pattern, func(lit string, fl skField) {
		if fl.n == 0 {
			if lit == "{decimal}" {
				lit = sym["decimal"]
			}
			out = append(out, part{"literal", lit})
			return
		}
		switch fl.c {
		case 'G':
			key := map[int]string{4: "eraNames", 5: "eraNarrow"}[fl.n]
			if key == "" {
				key = "eraAbbr"
			}
			era := "1"
			if t.Year() <= 0 {
				era = "0"
			}
			out = append(out, part{"era", d.Eras[key][era]})
		case 'y':
			y := t.Year()
			if y <= 0 && strings.Contains(f.pattern, "G") {
				y = 1 - y
			}
			if fl.n == 2 {
				out = append(out, part{"year", num(y%100, 2)})
			} else {
				out = append(out, part{"year", num(y, fl.n)})
			}
		case 'M', 'L':
			ctx := "format"
			if fl.c == 'L' {
				ctx = "stand-alone"
			}
			if fl.n <= 2 {
				out = append(out, part{"month", num(int(t.Month()), fl.n)})
			} else {
				out = append(out, part{"month", name(d.Months, ctx, fl.n, strconv.Itoa(int(t.Month())))})
			}
		case 'd':
			out = append(out, part{"day", num(t.Day(), fl.n)})
		case 'E', 'c', 'e':
			ctx := "format"
			if fl.c == 'c' {
				ctx = "stand-alone"
			}
			key := [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}[t.Weekday()]
			out = append(out, part{"weekday", name(d.Days, ctx, fl.n, key)})
		case 'a', 'b', 'B':
			key := "am"
			if t.Hour() >= 12 {
				key = "pm"
			}
			if fl.c == 'B' {
				key = flexibleDayPeriod(f.loc.lang, t.Hour(), t.Minute())
			}
			s := name(d.DayPeriods, "format", fl.n, key)
			if s == "" {
				s = name(d.DayPeriods, "format", fl.n, map[bool]string{true: "pm", false: "am"}[t.Hour() >= 12])
			}
			out = append(out, part{"dayPeriod", s})
		case 'h':
			h := t.Hour() % 12
			if h == 0 {
				h = 12
			}
			out = append(out, part{"hour", num(h, fl.n)})
		case 'H':
			out = append(out, part{"hour", num(t.Hour(), fl.n)})
		case 'K':
			out = append(out, part{"hour", num(t.Hour()%12, fl.n)})
		case 'k':
			h := t.Hour()
			if h == 0 {
				h = 24
			}
			out = append(out, part{"hour", num(h, fl.n)})
		case 'm':
			out = append(out, part{"minute", num(t.Minute(), fl.n)})
		case 's':
			out = append(out, part{"second", num(t.Second(), fl.n)})
		case 'S':
			frac := strconv.Itoa(1000 + t.Nanosecond()/1e6)[1 : 1+fl.n]
			out = append(out, part{"fractionalSecond", f.num.digits(frac)})
		case 'z', 'v', 'O':
			out = append(out, part{"timeZoneName", f.num.digits(f.loc.zoneName(f.zoneID, t, fl.c, fl.n))})
		default:
			out = append(out, part{"literal", strings.Repeat(string(fl.c), fl.n)})
		}
	})
	return mergeLiterals(out)
}

// formatString is what format() answers: V8 puts U+0020 where CLDR 42+ patterns have U+202F (before
// AM/PM) for web compatibility, in format and toLocale*String only (formatToParts keeps U+202F).
func (f *dateTimeFormat) formatString(ms float64) string {
	return strings.ReplaceAll(joinParts(f.format(ms)), "\u202f", " ")
}

// flexibleDayPeriod picks the day period (pattern letter B) from the CLDR dayPeriods rule set of the
// language (supplemental dayPeriods.json): an exact "at" time first, then the "from"–"before" span.
func flexibleDayPeriod(lang string, h, m int) string {
	rules := supplemental().DayPeriods[lang]
	now := h*60 + m
	minutes := func(s string) int {
		var hh, mm int
		fmt.Sscanf(s, "%d:%d", &hh, &mm)
		return hh*60 + mm
	}
	for name, r := range rules {
		if at, ok := r["_at"]; ok && minutes(at) == now && name != "midnight" {
			return name
		}
	}
	for name, r := range rules {
		from, ok1 := r["_from"]
		before, ok2 := r["_before"]
		if !ok1 || !ok2 {
			continue
		}
		a, b := minutes(from), minutes(before)
		if (a < b && now >= a && now < b) || (a > b && (now >= a || now < b)) {
			return name
		}
	}
	if h >= 12 {
		return "pm"
	}
	return "am"
}

func (f *dateTimeFormat) resolved(e *env) *goja.Object {
	r := e.vm.NewObject()
	r.Set("locale", f.loc.withExt("nu", "hc"))
	r.Set("calendar", "gregory")
	r.Set("numberingSystem", f.loc.ns)
	r.Set("timeZone", f.zoneID)
	if f.hc != "" {
		r.Set("hourCycle", f.hc)
		r.Set("hour12", f.hc == "h11" || f.hc == "h12")
	}
	if f.dateStyle != "" || f.timeStyle != "" {
		if f.dateStyle != "" {
			r.Set("dateStyle", f.dateStyle)
		}
		if f.timeStyle != "" {
			r.Set("timeStyle", f.timeStyle)
		}
		return r
	}
	// The components as the pattern shows them.
	got := map[string]string{}
	forEachField(f.pattern, func(lit string, fl skField) {
		if fl.n == 0 {
			return
		}
		numeric := map[bool]string{true: "2-digit", false: "numeric"}[fl.n == 2]
		text := map[int]string{4: "long", 5: "narrow"}[fl.n]
		if text == "" {
			text = "short"
		}
		switch fieldKind(fl.c) {
		case 'E':
			got["weekday"] = text
		case 'G':
			got["era"] = text
		case 'y':
			got["year"] = numeric
		case 'M':
			if fl.n >= 3 {
				got["month"] = text
			} else {
				got["month"] = numeric
			}
		case 'd':
			got["day"] = numeric
		case 'h':
			got["hour"] = numeric
		case 'm':
			got["minute"] = numeric
		case 's':
			got["second"] = numeric
		case 'S':
			got["fractionalSecondDigits"] = strconv.Itoa(fl.n)
		case 'a':
			if fl.c == 'B' {
				got["dayPeriod"] = text
			}
		}
	})
	for _, s := range f.skeleton {
		if fieldKind(s.c) == 'z' {
			for _, c := range dtComponents {
				if c.name == "timeZoneName" {
					for _, v := range c.values {
						if skeletonLetter("timeZoneName", v, 'h') == s {
							got["timeZoneName"] = v
						}
					}
				}
			}
		}
	}
	for _, c := range dtComponents {
		if v, ok := got[c.name]; ok {
			if c.name == "fractionalSecondDigits" {
				n, _ := strconv.Atoi(v)
				r.Set(c.name, n)
			} else {
				r.Set(c.name, v)
			}
		}
	}
	return r
}

// cutAtField is the byte offset of the n-th (0-based) letter field of a pattern, quotes skipped.
func cutAtField(p string, n int) int {
	count := 0
	q := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '\'' {
			q = !q
			continue
		}
		if q || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			continue
		}
		if count == n {
			return i
		}
		j := i
		for j < len(p) && p[j] == c {
			j++
		}
		count++
		i = j - 1
	}
	return len(p)
}
