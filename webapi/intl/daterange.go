package intl

import (
	"encoding/json"
	"strings"
	"time"
)

// canonicalOrder is the order of fields in CLDR skeletons.
const canonicalOrder = "GyQMLwWEcdDFabBhHKkmsSzvO"

// formatRange is FormatDateTimeRange (ECMA-402 §11.5.9) as ICU's DateIntervalFormat decides it:
// the greatest calendar field that differs picks the answer. Not shown by the format and
// smaller than its fields: one date. Shown: the CLDR interval pattern of the format's skeleton
// (for a date-and-time format on one day, the date then the time interval). Greater than every
// field shown (a time-only format across days): both ends in full, the date added, joined by
// the fallback pattern.
func (f *dateTimeFormat) formatRange(a, b float64) []part {
	ta := time.UnixMilli(int64(a)).In(f.zone)
	tb := time.UnixMilli(int64(b)).In(f.zone)
	diff := greatestDiff(ta, tb)
	// V8 hands ICU the skeleton of the resolved pattern, not the requested one: ja's
	// "y年M月d日" is yMd, so its interval is ja's yMd one (2024/03/05～2024/03/06).
	sk := patternSkeleton(f.pattern)
	for i := range sk {
		if k := fieldKind(sk[i].c); k == 'm' || k == 's' {
			sk[i].n = 1 // as ICU's interval skeletons: the patterns pad minutes and seconds anyway
		}
	}
	var date, tm []skField
	for _, fl := range sk {
		if isDateKind(fieldKind(fl.c)) {
			date = append(date, fl)
		} else if k := fieldKind(fl.c); k == 'h' || k == 'm' || k == 's' || k == 'S' {
			tm = append(tm, fl)
		}
	}
	dateDiff := diff == 'y' || diff == 'M' || diff == 'd'
	switch {
	case diff == 0:
		return withSource(f.format(a), "shared")
	case dateDiff && len(date) == 0:
		// A time-only format across days: add the date to both ends.
		withDate := append([]skField{{'y', 1}, {'M', 1}, {'d', 1}}, sk...)
		g := &dateTimeFormat{loc: f.loc, zoneID: f.zoneID, zone: f.zone, num: f.num, pattern: f.loc.bestPattern(withDate)}
		return g.fallback(a, b)
	case dateDiff && len(tm) > 0:
		// Both ends in full, in the pattern ICU generates for the skeleton (zh's medium date
		// "y年M月d日" comes back as yMd's "y/M/d").
		g := &dateTimeFormat{loc: f.loc, zoneID: f.zoneID, zone: f.zone, num: f.num, pattern: f.loc.bestPattern(sk)}
		return g.fallback(a, b)
	case dateDiff:
		if ps, ok := f.interval(date, diff, a, b); ok {
			return ps
		}
	case len(tm) == 0:
		return withSource(f.format(a), "shared")
	case len(date) > 0:
		// One day, two times: the date once, then the time interval, in the date-time glue.
		tp, ok := f.intervalPattern(tm, diff)
		if !ok {
			return f.fallback(a, b)
		}
		dp := f.loc.bestPattern(date)
		// ICU's interval formatter glues with the plain dateTimeFormat, not the "at" one.
		glued := f.loc.d.Dates.DateTimeFormats[f.loc.glueStyle(date)]
		glued = strings.Replace(strings.Replace(glued, "{1}", "\x01", 1), "{0}", "\x02", 1)
		i1, i2 := strings.Index(glued, "\x01"), strings.Index(glued, "\x02")
		var out []part
		piece := func(p string) []part {
			g := &dateTimeFormat{loc: f.loc, zoneID: f.zoneID, zone: f.zone, num: f.num, pattern: p}
			return g.format(a)
		}
		lit := func(s string) {
			if s != "" {
				out = append(out, part{"literal\x00shared", s})
			}
		}
		ordered := []struct {
			at    int
			parts func() []part
		}{{i1, func() []part { return withSource(piece(dp), "shared") }}, {i2, func() []part { return f.splitInterval(tp, a, b) }}}
		if i2 < i1 {
			ordered[0], ordered[1] = ordered[1], ordered[0]
		}
		pos := 0
		for _, o := range ordered {
			lit(glued[pos:o.at])
			out = append(out, o.parts()...)
			pos = o.at + 1
		}
		lit(glued[pos:])
		return mergeLiterals(out)
	default:
		if ps, ok := f.interval(tm, diff, a, b); ok {
			return ps
		}
	}
	return f.fallback(a, b)
}

// greatestDiff is the greatest field that differs: y, M, d, a (AM/PM), h, m, s, or 0.
func greatestDiff(ta, tb time.Time) byte {
	switch {
	case ta.Year() != tb.Year():
		return 'y'
	case ta.Month() != tb.Month():
		return 'M'
	case ta.Day() != tb.Day():
		return 'd'
	case (ta.Hour() < 12) != (tb.Hour() < 12):
		return 'a'
	case ta.Hour() != tb.Hour():
		return 'h'
	case ta.Minute() != tb.Minute():
		return 'm'
	case ta.Second() != tb.Second():
		return 's'
	}
	return 0
}

// fallback joins the two formatted ends with the locale's intervalFormatFallback ("{0} – {1}").
func (f *dateTimeFormat) fallback(a, b float64) []part {
	var fb string
	_ = json.Unmarshal(f.loc.d.Dates.Interval["intervalFormatFallback"], &fb)
	if fb == "" {
		fb = "{0} – {1}"
	}
	i0 := strings.Index(fb, "{0}")
	i1 := strings.Index(fb, "{1}")
	out := []part{{"literal\x00shared", fb[:i0]}}
	out = append(out, withSource(f.format(a), "startRange")...)
	out = append(out, part{"literal\x00shared", fb[i0+3 : i1]})
	out = append(out, withSource(f.format(b), "endRange")...)
	out = append(out, part{"literal\x00shared", fb[i1+3:]})
	return mergeLiterals(out)
}

// interval formats with the interval pattern of skeleton sk for the differing field; a field
// the skeleton does not show, smaller than its own, gives one date.
func (f *dateTimeFormat) interval(sk []skField, diff byte, a, b float64) ([]part, bool) {
	shown := false
	for _, fl := range sk {
		k := fieldKind(fl.c)
		if k == diff || (diff == 'a' && k == 'h') || (diff == 'h' && k == 'h') {
			shown = true
		}
	}
	if !shown {
		pa, pb := f.format(a), f.format(b)
		if joinParts(pa) == joinParts(pb) {
			return withSource(pa, "shared"), true
		}
		return nil, false
	}
	p, ok := f.intervalPattern(sk, diff)
	if !ok {
		return nil, false
	}
	return f.splitInterval(p, a, b), true
}

// intervalPattern is the CLDR interval pattern for skeleton sk and the greatest differing field,
// from the intervalFormats entry whose skeleton matches best, its widths set to sk's.
func (f *dateTimeFormat) intervalPattern(sk []skField, diff byte) (string, bool) {
	want := map[byte]skField{}
	var period skField
	for _, fl := range sk {
		if fieldKind(fl.c) == 'a' {
			period = fl
			continue
		}
		want[fieldKind(fl.c)] = fl
	}
	twelve := false
	if h, ok := want['h']; ok {
		twelve = h.c == 'h' || h.c == 'K'
	}
	bestKey, bestD := "", 1<<30
	for key := range f.loc.d.Dates.Interval {
		if key == "intervalFormatFallback" || strings.ContainsAny(key, "vB") {
			continue
		}
		got := map[byte]skField{}
		for _, fl := range parseSkeleton(key) {
			if fieldKind(fl.c) != 'a' {
				got[fieldKind(fl.c)] = fl
			}
		}
		if len(got) != len(want) {
			continue
		}
		d, ok := 0, true
		for k, w := range want {
			g, has := got[k]
			if !has || (k == 'h' && (g.c == 'h' || g.c == 'K') != twelve) {
				ok = false
				break
			}
			if isText(g) != isText(w) {
				d += 0x100
			}
			d += abs(textWidth(g) - textWidth(w))
		}
		if ok && (d < bestD || d == bestD && key < bestKey) {
			bestKey, bestD = key, d
		}
	}
	if bestKey == "" {
		return "", false
	}
	var byDiff map[string]string
	if json.Unmarshal(f.loc.d.Dates.Interval[bestKey], &byDiff) != nil {
		return "", false
	}
	var cands []string
	switch diff {
	case 'a':
		cands = []string{"a", "h", "H"}
	case 'h':
		cands = []string{"h", "H"}
	default:
		cands = []string{string(diff)}
	}
	for _, c := range cands {
		if p, ok := byDiff[c]; ok {
			return adjustPattern(p, want, skField{}, period, skField{}, bestD == 0), true
		}
	}
	return "", false
}

// splitInterval formats an interval pattern: its first half (up to the first repeated field)
// with a, the rest with b. A field whose kind is in both halves belongs to its date; the others,
// and the literals not between two such fields, are shared (as ICU's FormattedDateInterval
// reports them).
func (f *dateTimeFormat) splitInterval(p string, a, b float64) []part {
	seen := map[byte]bool{}
	split, pos := -1, 0
	forEachField(p, func(lit string, fl skField) {
		if fl.n == 0 {
			return
		}
		k := fieldKind(fl.c)
		if seen[k] && split < 0 {
			split = pos
		}
		seen[k] = true
		pos++
	})
	cut := len(p)
	if split >= 0 {
		cut = cutAtField(p, split)
	}
	first := &dateTimeFormat{loc: f.loc, zoneID: f.zoneID, zone: f.zone, num: f.num, pattern: p[:cut]}
	second := &dateTimeFormat{loc: f.loc, zoneID: f.zoneID, zone: f.zone, num: f.num, pattern: p[cut:]}
	ps1, ps2 := first.format(a), second.format(b)
	kinds := func(ps []part) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			if p.typ != "literal" {
				m[p.typ] = true
			}
		}
		return m
	}
	k1, k2 := kinds(ps1), kinds(ps2)
	mark := func(ps []part, other map[string]bool, src string) []part {
		out := make([]part, len(ps))
		first, last := -1, -1
		for i, p := range ps {
			if p.typ != "literal" && other[p.typ] {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		for i, p := range ps {
			s := "shared"
			if first >= 0 && i >= first && i <= last && (p.typ == "literal" || other[p.typ]) {
				s = src
			}
			out[i] = part{p.typ + "\x00" + s, p.value}
		}
		return out
	}
	return mergeLiterals(append(mark(ps1, k2, "startRange"), mark(ps2, k1, "endRange")...))
}
