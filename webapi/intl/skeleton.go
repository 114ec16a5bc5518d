package intl

import (
	"sort"
	"strings"
)

// skField is one field of a date pattern or skeleton: a letter repeated n times.
type skField struct {
	c byte
	n int
}

// fieldKind groups the pattern letters that stand for the same field (UTS #35 Part 4 §8).
func fieldKind(c byte) byte {
	switch c {
	case 'L':
		return 'M'
	case 'c', 'e':
		return 'E'
	case 'H', 'K', 'k':
		return 'h'
	case 'b', 'B':
		return 'a'
	case 'v', 'O', 'V', 'Z':
		return 'z'
	case 'Y', 'u':
		return 'y'
	}
	return c
}

func isText(f skField) bool {
	switch fieldKind(f.c) {
	case 'M':
		return f.n >= 3
	case 'E', 'G', 'a', 'z':
		return true
	}
	return false
}

// parseSkeleton splits a skeleton ("yMMMd") into its fields.
func parseSkeleton(s string) []skField {
	var out []skField
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		out = append(out, skField{s[i], j - i})
		i = j
	}
	return out
}

func isDateKind(k byte) bool { return strings.IndexByte("GyQMEdwWD", k) >= 0 }

// bestPattern is a small DateTimePatternGenerator.getBestPattern (UTS #35 Part 4 §2.6.2.1): the
// availableFormats entry with the same fields and the nearest widths, adjusted to the requested
// widths; date and time matched apart and joined by the dateTimeFormat glue when no entry has
// both.
func (l *locale) bestPattern(skel []skField) string {
	if p, ok := l.matchSkeleton(skel); ok {
		return p
	}
	var date, tm []skField
	for _, f := range skel {
		if isDateKind(fieldKind(f.c)) {
			date = append(date, f)
		} else {
			tm = append(tm, f)
		}
	}
	if len(date) > 0 && len(tm) > 0 {
		dp := l.bestPattern(date)
		tp := l.bestPattern(tm)
		return l.glue(date, dp, tp)
	}
	// No entry has these fields: match what we can, one field at a time, in skeleton order
	// (ICU appends the missing fields with appendItems, "{0} {1}").
	skel = append([]skField(nil), skel...)
	sort.SliceStable(skel, func(i, j int) bool {
		return strings.IndexByte(canonicalOrder, skel[i].c) < strings.IndexByte(canonicalOrder, skel[j].c)
	})
	out := ""
	for _, f := range skel {
		if k := fieldKind(f.c); k == 'm' || k == 's' {
			f.n = 1
		}
		if f.c == 'S' && out != "" {
			out += "{decimal}" + strings.Repeat("S", f.n)
			continue
		}
		p, ok := l.matchSkeleton([]skField{f})
		if !ok {
			p = strings.Repeat(string(f.c), f.n)
		}
		if out == "" {
			out = p
			continue
		}
		// appendItems: "{0} {1}", or "{0} ({2}: {1})" with the field's display name.
		name, field := appendField(fieldKind(f.c))
		pat := l.d.Dates.AppendItems[name]
		if pat == "" {
			pat = "{0} {1}"
		}
		display := quoteLiteral(l.d.Fields[field].DisplayName)
		if display == l.d.Fields[field].DisplayName && display != "" {
			display = "'" + display + "'"
		}
		out = strings.NewReplacer("{0}", out, "{1}", p, "{2}", display).Replace(pat)
	}
	return out
}

// appendField is a field's appendItems key and its dateFields key.
func appendField(k byte) (string, string) {
	switch k {
	case 'G':
		return "Era", "era"
	case 'y':
		return "Year", "year"
	case 'Q':
		return "Quarter", "quarter"
	case 'M':
		return "Month", "month"
	case 'w':
		return "Week", "week"
	case 'E':
		return "Day-Of-Week", "weekday"
	case 'd':
		return "Day", "day"
	case 'h':
		return "Hour", "hour"
	case 'm':
		return "Minute", "minute"
	case 's':
		return "Second", "second"
	case 'z':
		return "Timezone", "zone"
	}
	return "", ""
}

// glue joins a date and a time pattern with the dateTimeFormat the date's month and weekday
// widths choose (full: long month and weekday, long: long month, medium: short month, else short).
func (l *locale) glue(date []skField, dp, tp string) string {
	return l.join(l.glueStyle(date), dp, tp)
}

// glueStyle is the dateTimeFormat width a date skeleton calls for.
func (l *locale) glueStyle(date []skField) string {
	style := "short"
	for _, f := range date {
		if fieldKind(f.c) == 'M' && f.n == 4 {
			style = "long"
		} else if fieldKind(f.c) == 'M' && f.n == 3 && style == "short" {
			style = "medium"
		}
	}
	if style == "long" {
		for _, f := range date {
			if fieldKind(f.c) == 'E' {
				style = "full"
			}
		}
	}
	return style
}

func (l *locale) join(style, dp, tp string) string {
	g := l.d.Dates.AtTime[style]
	if g == "" {
		g = l.d.Dates.DateTimeFormats[style]
	}
	return strings.Replace(strings.Replace(g, "{1}", dp, 1), "{0}", tp, 1)
}

func (l *locale) matchSkeleton(skel []skField) (string, bool) {
	// What the entry must have: each field kind; the hour must also agree on 12 vs 24 hours.
	want := map[byte]skField{}
	var req []skField
	var zone, period, frac skField
	for _, f := range skel {
		switch fieldKind(f.c) {
		case 'z':
			zone = f
			continue
		case 'a':
			period = f
			continue
		case 'S':
			frac = f
			continue
		}
		want[fieldKind(f.c)] = f
		req = append(req, f)
	}
	twelve := false
	if h, ok := want['h']; ok {
		twelve = h.c == 'h' || h.c == 'K'
	}
	if len(req) == 0 {
		if zone.n > 0 {
			return strings.Repeat(string(zone.c), zone.n), true
		}
		return "", false
	}
	best, bestKey, bestD := "", "", 1<<30
	for key, pat := range l.d.Dates.Available {
		if strings.ContainsAny(key, "-") || strings.Contains(key, "B") != (period.c == 'B') {
			continue
		}
		fs := parseSkeleton(key)
		got := map[byte]skField{}
		hasZone := false
		for _, f := range fs {
			if fieldKind(f.c) == 'z' {
				hasZone = true
				continue
			}
			if fieldKind(f.c) == 'a' {
				continue
			}
			got[fieldKind(f.c)] = f
		}
		if len(got) != len(want) || hasZone != (zone.n > 0) {
			continue
		}
		d := 0
		ok := true
		for k, w := range want {
			g, has := got[k]
			if !has {
				ok = false
				break
			}
			if k == 'h' && (g.c == 'h' || g.c == 'K') != twelve {
				ok = false
				break
			}
			if k == 'a' && g.c != w.c {
				d += 0x10
			}
			if isText(g) != isText(w) {
				d += 0x100
			}
			d += abs(textWidth(g) - textWidth(w))
		}
		if ok && (d < bestD || d == bestD && key < bestKey) {
			best, bestKey, bestD = pat, key, d
		}
	}
	if bestD == 1<<30 {
		return "", false
	}
	return adjustPattern(best, want, zone, period, frac, bestD == 0), true
}

// textWidth treats the widths that mean the same as equal: E, EE and EEE are all abbreviated.
func textWidth(f skField) int {
	if isText(f) && f.n < 3 && fieldKind(f.c) != 'M' {
		return 3
	}
	return f.n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// adjustPattern sets the pattern's field widths to the requested ones (ICU's adjustFieldTypes, with
// V8's UDATPG_MATCH_HOUR_FIELD_LENGTH): an exact skeleton match keeps its widths; otherwise text
// fields and the hour take the requested width and other numbers only grow. It swaps h/K and H/k,
// puts the requested zone and day period in and appends fractional seconds to the seconds.
func adjustPattern(p string, want map[byte]skField, zone, period, frac skField, exact bool) string {
	var b strings.Builder
	forEachField(p, func(lit string, f skField) {
		if f.n == 0 {
			b.WriteString(quoteLiteral(lit))
			return
		}
		k := fieldKind(f.c)
		out := f
		if w, ok := want[k]; ok {
			if k == 'h' {
				out.c = w.c
			}
			switch {
			case exact:
			case isText(w) != isText(f):
			case isText(w) || k == 'h':
				out.n = w.n
			default:
				out.n = max(out.n, w.n)
			}
		}
		if k == 'z' && zone.n > 0 {
			out = zone
		}
		if k == 'a' && period.n > 0 {
			out = period
		}
		b.WriteString(strings.Repeat(string(out.c), out.n))
		if k == 's' && frac.n > 0 {
			b.WriteString("{decimal}" + strings.Repeat("S", frac.n))
		}
	})
	return b.String()
}

// quoteLiteral quotes pattern literal text that holds letters or quotes.
func quoteLiteral(s string) string {
	if s == "{decimal}" {
		return s
	}
	if !strings.ContainsFunc(s, func(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '\'' }) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// forEachField walks a date pattern: literal text (quotes resolved) and letter fields.
func forEachField(p string, fn func(lit string, f skField)) {
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			fn(lit.String(), skField{})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit.WriteByte('\'')
				i += 2
				continue
			}
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				lit.WriteString(p[i+1:])
				i = len(p)
				continue
			}
			lit.WriteString(p[i+1 : i+1+j])
			i += j + 2
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			flush()
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			fn("", skField{c, j - i})
			i = j
		case strings.HasPrefix(p[i:], "{decimal}"):
			flush()
			fn("{decimal}", skField{})
			i += len("{decimal}")
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
}

// patternSkeleton is the skeleton of a pattern (its fields, literals dropped), to regenerate a
// style pattern with another hour cycle.
func patternSkeleton(p string) []skField {
	var out []skField
	forEachField(p, func(lit string, f skField) {
		if f.n > 0 && fieldKind(f.c) != 'a' {
			out = append(out, f)
		}
	})
	return out
}
