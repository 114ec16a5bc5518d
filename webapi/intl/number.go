package intl

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// part is one piece of a formatToParts answer.
type part struct{ typ, value string }

func joinParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.value)
	}
	return b.String()
}

// numberOptions is the resolved state of an Intl.NumberFormat (ECMA-402 §15.1.2 and §15.1.3).
type numberOptions struct {
	loc                       *locale
	style                     string // decimal, percent, currency, unit
	currency, currencyDisplay string
	currencySign              string
	unit, unitDisplay         string
	minInt                    int
	minFD, maxFD              int
	minSD, maxSD              int
	hasSD, hasFD              bool
	roundingPriority          string // auto, morePrecision, lessPrecision
	useGrouping               string // auto, always, min2, false
	notation, compactDisplay  string
	signDisplay               string
	trailingZeroDisplay       string
	roundingMode              string // halfExpand when ""
	roundingIncrement         int    // 1 when 0

	patterns map[string]numPattern // parsed on first use; a formatter belongs to one runtime
}

// numPattern is a parsed CLDR number pattern (UTS #35 Part 3 §3).
type numPattern struct {
	prefix, suffix       string // raw affixes, special characters unresolved
	negPrefix, negSuffix string
	hasNeg               bool
	primary, secondary   int
}

func parseNumPattern(p string) numPattern {
	var np numPattern
	pos, neg, hasNeg := cutUnquoted(p, ';')
	np.prefix, np.suffix, np.primary, np.secondary = splitAffixes(pos)
	if hasNeg {
		np.hasNeg = true
		np.negPrefix, np.negSuffix, _, _ = splitAffixes(neg)
	}
	return np
}

func cutUnquoted(s string, c byte) (string, string, bool) {
	q := false
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			q = !q
		} else if s[i] == c && !q {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func splitAffixes(p string) (prefix, suffix string, primary, secondary int) {
	start, end := -1, -1
	q := false
	for i := 0; i < len(p); i++ {
		ch := p[i]
		if ch == '\'' {
			q = !q
			continue
		}
		if !q && strings.IndexByte("#0,.@E123456789", ch) >= 0 {
			if ch == 'E' && start < 0 {
				continue
			}
			if start < 0 {
				start = i
			}
			end = i + 1
		}
	}
	if start < 0 {
		return p, "", 3, 3
	}
	num := p[start:end]
	intPart, _, _ := strings.Cut(num, ".")
	intPart, _, _ = strings.Cut(intPart, "E")
	groups := strings.Split(intPart, ",")
	primary, secondary = 0, 0
	if len(groups) > 1 {
		primary = len(groups[len(groups)-1])
		secondary = primary
		if len(groups) > 2 {
			secondary = len(groups[len(groups)-2])
		}
	}
	return p[:start], p[end:], primary, secondary
}

var nativeDigits = map[string]string{
	"arab":     "٠١٢٣٤٥٦٧٨٩",
	"arabext":  "۰۱۲۳۴۵۶۷۸۹",
	"hanidec":  "〇一二三四五六七八九",
	"deva":     "०१२३४५६७८९",
	"beng":     "০১২৩৪৫৬৭৮৯",
	"thai":     "๐๑๒๓๔๕๖๗๘๙",
	"fullwide": "０１２３４５６７８９",
}

func (o *numberOptions) symbols() map[string]string {
	n := &o.loc.d.Numbers
	switch {
	case o.loc.ns == "arab" && n.ArabSym != nil:
		return n.ArabSym
	case o.loc.ns == "arab":
		return data("ar").Numbers.ArabSym // a locale without its own Arabic-digit symbols
	case o.loc.ns == "latn" && n.LatnSym != nil:
		return n.LatnSym
	}
	return n.Sym
}

func (o *numberOptions) digits(s string) string {
	nd, ok := nativeDigits[o.loc.ns]
	if !ok {
		return s
	}
	ds := []rune(nd)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(ds[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// roundDecimal applies the digit options (ECMA-402 §15.5.3 FormatNumericToString) and returns the
// integer and fraction digits.
func (o *numberOptions) roundDecimal(d decimal, minFD, maxFD, minSD, maxSD int, hasSD, hasFD bool, priority string) (string, string) {
	useSD, useFD := hasSD, hasFD || !hasSD
	if priority == "auto" && hasSD {
		useFD = false
	}
	mSD := d.magnitude() + 1 - maxSD
	mFD := -maxFD
	var m int
	sig := false
	switch {
	case useSD && useFD:
		if priority == "morePrecision" {
			m, sig = min(mSD, mFD), mSD <= mFD
		} else {
			m, sig = max(mSD, mFD), mSD >= mFD
		}
	case useSD:
		m, sig = mSD, true
	default:
		m = mFD
	}
	mode := o.roundingMode
	if mode == "" {
		mode = "halfExpand"
	}
	var r decimal
	if !sig && o.roundingIncrement > 1 {
		r = d.roundIncrement(m, o.roundingIncrement, mode)
	} else {
		r = d.roundMode(m, mode)
	}
	if sig && r.magnitude() != d.magnitude() && !r.isZero() {
		// Rounding carried into a new digit (9.99 → 10.0): one fewer fraction place is significant.
		r = d.roundMode(r.magnitude()+1-maxSD, mode)
	}
	in, fr := r.intFrac()
	minFrac := minFD
	if sig {
		intDigits := len(in)
		if in == "0" {
			intDigits = 0
			// leading fraction zeros are not significant
			lead := len(fr) - len(strings.TrimLeft(fr, "0"))
			if fr == "" {
				lead = 0
			}
			minFrac = lead + minSD
			if r.isZero() {
				minFrac = minSD - 1
			}
		} else {
			minFrac = minSD - intDigits
		}
		if useFD && priority == "morePrecision" {
			minFrac = max(minFrac, minFD)
		}
	}
	for len(fr) < minFrac {
		fr += "0"
	}
	if o.trailingZeroDisplay == "stripIfInteger" && strings.Trim(fr, "0") == "" {
		fr = ""
	}
	return in, fr
}

// format is PartitionNumberPattern (ECMA-402 §15.5.4).
func (o *numberOptions) format(x decimal) []part {
	sym := o.symbols()
	n := &o.loc.d.Numbers
	if o.style == "percent" {
		x = x.shift(2)
	}
	// The pattern and the scaled number.
	pats := numberPatterns{Decimal: n.Decimal, Percent: n.Percent, Currency: n.Currency, Accounting: n.Accounting}
	if o.loc.ns == "arab" && n.Arab != nil {
		pats = *n.Arab
	}
	pattern := pats.Decimal
	switch {
	case o.notation == "compact" && o.style == "percent":
		// ICU formats a compact percentage as the unit "percent" ("123 Mio. %"): see below.
	case o.notation == "compact" && o.style == "currency" && o.currencyDisplay != "name":
		// The compact currency pattern ("¤0K") places the currency itself.
	case o.style == "percent":
		pattern = pats.Percent
	case o.style == "currency":
		if o.currencyDisplay == "name" {
			pattern = pats.Decimal
		} else if o.currencySign == "accounting" && pats.Accounting != "" {
			pattern = pats.Accounting
		} else {
			pattern = pats.Currency
		}
	}
	exponent := 0
	compact := ""
	var in, fr string
	switch {
	case x.nan || x.inf:
	case o.notation == "scientific" || o.notation == "engineering":
		exponent = x.magnitude()
		if o.notation == "engineering" {
			exponent = floorDiv(exponent, 3) * 3
		}
		m := x.shift(-exponent)
		in, fr = o.roundDecimal(m, o.minFD, o.maxFD, o.minSD, o.maxSD, o.hasSD, o.hasFD, o.roundingPriority)
		if len(in) > 1 && (o.notation == "scientific" || len(in) > 3) {
			// 9.9995 → 10.000: renormalise.
			step := 1
			if o.notation == "engineering" {
				step = 3
			}
			exponent += step
			in, fr = o.roundDecimal(x.shift(-exponent), o.minFD, o.maxFD, o.minSD, o.maxSD, o.hasSD, o.hasFD, o.roundingPriority)
		}
	case o.notation == "compact":
		mag := x.magnitude()
		for range 2 {
			pat, scale := o.compactPattern(mag)
			in, fr = o.roundDecimal(x.shift(-scale), o.minFD, o.maxFD, o.minSD, o.maxSD, o.hasSD, o.hasFD, o.roundingPriority)
			compact = pat
			if len(in)+scale-1 > mag && in != "0" {
				mag = len(in) + scale - 1
				continue
			}
			exponent = scale
			break
		}
	default:
		in, fr = o.roundDecimal(x, o.minFD, o.maxFD, o.minSD, o.maxSD, o.hasSD, o.hasFD, o.roundingPriority)
	}
	for len(in) < o.minInt {
		in = "0" + in
	}
	// Plural category of the shown number, for names and compact patterns.
	count, nameCount := "other", "other"
	needCount := compact != "" || o.style == "unit" || (o.style == "currency" && o.currencyDisplay == "name")
	if needCount && !x.nan && !x.inf {
		e := 0
		if o.notation == "compact" {
			e = exponent
		}
		// The compact pattern goes by the shown digits with the exponent; a currency name or
		// unit by the whole value (UTS #35 §5.1.1: 1.2c6 has i = 1200000), as ICU does.
		count = pluralSelect(o.loc.lang, false, operands(in, fr, e))
		nameCount = count
		if o.notation == "compact" && exponent > 0 && (o.style == "currency" || o.style == "unit") {
			d := decimal{digits: []byte(in + fr), exp: len(in)}
			d.trim()
			pi, pf := d.shift(exponent).intFrac()
			nameCount = pluralSelect(o.loc.lang, false, operands(pi, pf, e))
		}
	}
	if compact != "" {
		if p, ok := o.compactMap()[compact+"-count-"+count]; ok {
			compact = p
		} else {
			compact = o.compactMap()[compact+"-count-other"]
		}
	}
	// The sign.
	isZero := x.isZero() || (strings.Trim(in, "0") == "" && strings.Trim(fr, "0") == "" && !x.nan && !x.inf)
	neg := x.neg && !x.nan
	sign := ""
	switch o.signDisplay {
	case "auto":
		if neg {
			sign = "-"
		}
	case "always":
		sign = "+"
		if neg {
			sign = "-"
		}
	case "exceptZero":
		if !isZero {
			sign = "+"
			if neg {
				sign = "-"
			}
		}
	case "negative":
		if neg && !isZero {
			sign = "-"
		}
	}
	np, ok := o.patterns[pattern]
	if !ok {
		np = parseNumPattern(pattern)
		if o.patterns == nil {
			o.patterns = map[string]numPattern{}
		}
		o.patterns[pattern] = np
	}
	prefix, suffix := np.prefix, np.suffix
	if sign == "-" && np.hasNeg {
		prefix, suffix = np.negPrefix, np.negSuffix
	} else if sign == "+" && np.hasNeg && strings.ContainsRune(np.negPrefix+np.negSuffix, '-') {
		// The plus sign goes where the negative subpattern puts the minus (de-CH "¤-#,##0.00").
		prefix, suffix = strings.Replace(np.negPrefix, "-", "+", 1), strings.Replace(np.negSuffix, "-", "+", 1)
	} else if sign != "" {
		prefix = sign + prefix
		if sign == "-" && o.style == "currency" && o.currencySign == "accounting" {
			prefix = "-" + np.prefix
		}
	}
	// The number itself.
	var num []part
	switch {
	case x.nan:
		num = []part{{"nan", sym["nan"]}}
	case x.inf:
		num = []part{{"infinity", sym["infinity"]}}
	default:
		num = o.numberParts(in, fr, np, sym)
		if o.notation == "scientific" || o.notation == "engineering" {
			num = append(num, part{"exponentSeparator", sym["exponential"]})
			if exponent < 0 {
				num = append(num, part{"exponentMinusSign", sym["minusSign"]})
				exponent = -exponent
			}
			num = append(num, part{"exponentInteger", o.digits(strconv.Itoa(exponent))})
		}
	}
	if compact != "" && compact != "0" {
		num = o.applyCompact(compact, num, sym)
	}
	var out []part
	o.affix(&out, prefix, sym, true, num)
	out = append(out, num...)
	o.affix(&out, suffix, sym, false, num)
	switch {
	case o.style == "currency" && o.currencyDisplay == "name":
		out = o.around(n.UnitPattern["unitPattern-count-"+nameCount], n.UnitPattern["unitPattern-count-other"], out, "currency", o.currencyName(nameCount))
	case o.style == "unit":
		out = o.unitParts(out, nameCount)
	case o.style == "percent" && o.notation == "compact":
		u := *o
		u.unit, u.unitDisplay = "percent", "short"
		out = u.unitParts(out, count)
	}
	return mergeLiterals(out)
}

func mergeLiterals(ps []part) []part {
	out := ps[:0:0]
	for _, p := range ps {
		if p.value == "" && p.typ == "literal" {
			continue
		}
		if n := len(out); n > 0 && p.typ == "literal" && out[n-1].typ == "literal" {
			out[n-1].value += p.value
			continue
		}
		out = append(out, p)
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func (o *numberOptions) compactMap() map[string]string {
	n := &o.loc.d.Numbers
	if o.style == "currency" && o.currencyDisplay != "name" {
		return n.CurrencyShort
	}
	if o.compactDisplay == "long" {
		return n.CompactLong
	}
	return n.CompactShort
}

// compactPattern picks the compact pattern key for a magnitude and the power of ten it divides by.
func (o *numberOptions) compactPattern(mag int) (string, int) {
	if mag < 3 {
		return "", 0
	}
	m := o.compactMap()
	for e := mag; e >= 3; e-- {
		key := "1" + strings.Repeat("0", e)
		p, ok := m[key+"-count-other"]
		if !ok {
			continue
		}
		if p == "0" {
			return "", 0
		}
		zeros := strings.Count(p, "0")
		return key, e - (zeros - 1)
	}
	return "", 0
}

// applyCompact puts the number parts into a compact pattern ("0K", "0 thousand", "¤0K").
func (o *numberOptions) applyCompact(p string, num []part, sym map[string]string) []part {
	i := strings.Index(p, "0")
	j := strings.LastIndex(p, "0") + 1
	var out []part
	side := func(s string, isPrefix bool) {
		before, after, hasCur := strings.Cut(s, "¤")
		if !hasCur {
			out = append(out, compactText(unquote(s))...)
			return
		}
		out = append(out, compactText(unquote(before))...)
		if (isPrefix && after == "") || (!isPrefix && before == "") {
			o.affix(&out, "¤", sym, isPrefix, num) // touches the number: currency spacing applies
		} else {
			out = append(out, part{"currency", o.currencySymbol()})
		}
		out = append(out, compactText(unquote(after))...)
	}
	side(p[:i], true)
	out = append(out, num...)
	side(p[j:], false)
	return out
}

func unquote(s string) string {
	if !strings.Contains(s, "'") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "''", "\x00"), "'", "")
}

// compactText splits a compact affix into its spacing (literal) and its word (compact).
func compactText(s string) []part {
	if s == "" {
		return nil
	}
	t := strings.TrimFunc(s, unicode.IsSpace)
	if t == "" {
		return []part{{"literal", s}}
	}
	var out []part
	lead := s[:strings.Index(s, t)]
	if lead != "" {
		out = append(out, part{"literal", lead})
	}
	out = append(out, part{"compact", t})
	if tail := s[len(lead)+len(t):]; tail != "" {
		out = append(out, part{"literal", tail})
	}
	return out
}

func (o *numberOptions) numberParts(in, fr string, np numPattern, sym map[string]string) []part {
	var out []part
	primary, secondary := np.primary, np.secondary
	minGroup := o.loc.d.Numbers.MinGroup
	switch o.useGrouping {
	case "false":
		primary = 0
	case "always":
		minGroup = 1
	case "min2":
		minGroup = 2
	}
	if o.notation == "compact" && o.useGrouping == "min2" {
		minGroup = 2
	}
	group := sym["group"]
	if o.style == "currency" && sym["currencyGroup"] != "" {
		group = sym["currencyGroup"]
	}
	if primary > 0 && len(in) >= primary+minGroup {
		var groups []string
		rest := in
		size := primary
		for len(rest) > size {
			groups = append([]string{rest[len(rest)-size:]}, groups...)
			rest = rest[:len(rest)-size]
			size = secondary
		}
		groups = append([]string{rest}, groups...)
		for i, g := range groups {
			if i > 0 {
				out = append(out, part{"group", group})
			}
			out = append(out, part{"integer", o.digits(g)})
		}
	} else {
		out = append(out, part{"integer", o.digits(in)})
	}
	if fr != "" {
		dec := sym["decimal"]
		if o.style == "currency" && sym["currencyDecimal"] != "" {
			dec = sym["currencyDecimal"]
		}
		out = append(out, part{"decimal", dec}, part{"fraction", o.digits(fr)})
	}
	return out
}

// affix resolves a pattern prefix or suffix into parts; the currency sign gets the currency's
// spacing (UTS #35 Part 3 §4.3 currencySpacing) when it touches the number.
func (o *numberOptions) affix(out *[]part, s string, sym map[string]string, isPrefix bool, num []part) {
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			*out = append(*out, part{"literal", lit.String()})
			lit.Reset()
		}
	}
	q := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\'' {
			if i+1 < len(rs) && rs[i+1] == '\'' {
				lit.WriteRune('\'')
				i++
				continue
			}
			q = !q
			continue
		}
		if q {
			lit.WriteRune(r)
			continue
		}
		switch r {
		case '-':
			flush()
			*out = append(*out, signParts("minusSign", sym["minusSign"])...)
		case '+':
			flush()
			*out = append(*out, signParts("plusSign", sym["plusSign"])...)
		case '%':
			flush()
			*out = append(*out, part{"percentSign", sym["percentSign"]})
		case '‰':
			flush()
			*out = append(*out, part{"perMille", sym["perMille"]})
		case '¤':
			for i+1 < len(rs) && rs[i+1] == '¤' {
				i++
			}
			flush()
			c := o.currencySymbol()
			touches := (isPrefix && i == len(rs)-1) || (!isPrefix && i == 0)
			if touches && c != "" {
				var edge rune
				if isPrefix {
					edge, _ = utf8.DecodeLastRuneInString(c)
				} else {
					edge, _ = utf8.DecodeRuneInString(c)
				}
				if !unicode.IsSymbol(edge) && !unicode.IsSpace(edge) && !unicode.Is(unicode.Zs, edge) {
					if isPrefix {
						*out = append(*out, part{"currency", c}, part{"literal", "\u00a0"})
					} else {
						*out = append(*out, part{"literal", "\u00a0"}, part{"currency", c})
					}
					continue
				}
			}
			*out = append(*out, part{"currency", c})
		default:
			lit.WriteRune(r)
		}
	}
	flush()
}

func (o *numberOptions) currencySymbol() string {
	c, ok := o.loc.d.Currencies[o.currency]
	switch o.currencyDisplay {
	case "code":
		return o.currency
	case "narrowSymbol":
		if ok && c.Narrow != "" {
			return c.Narrow
		}
		if ok && c.Symbol != "" {
			return c.Symbol
		}
	default:
		if ok && c.Symbol != "" {
			return c.Symbol
		}
	}
	return o.currency
}

func (o *numberOptions) currencyName(count string) string {
	c, ok := o.loc.d.Currencies[o.currency]
	if !ok {
		return o.currency
	}
	if s, ok := c.Counts[count]; ok {
		return s
	}
	if s, ok := c.Counts["other"]; ok {
		return s
	}
	return c.Name
}

// around substitutes parts for {0} and a name for {1} in a CLDR pattern such as "{0} {1}".
func (o *numberOptions) around(p, fallback string, num []part, typ, name string) []part {
	if p == "" {
		p = fallback
	}
	var out []part
	for p != "" {
		i := strings.IndexByte(p, '{')
		if i < 0 || i+2 >= len(p) {
			out = append(out, part{"literal", p})
			break
		}
		if i > 0 {
			out = append(out, part{"literal", p[:i]})
		}
		switch p[i+1] {
		case '0':
			out = append(out, num...)
		case '1':
			out = append(out, part{typ, name})
		}
		p = p[i+3:]
	}
	return splitNamed(out, typ)
}

// splitNamed moves the spaces at the edges of literal text next to a named part, as ICU reports
// " km" as a literal " " and a unit "km".
func splitNamed(ps []part, typ string) []part {
	var out []part
	for _, p := range ps {
		if p.typ != "literal" || typ == "currency" {
			out = append(out, p)
			continue
		}
		t := strings.TrimFunc(p.value, unicode.IsSpace)
		if t == "" {
			out = append(out, p)
			continue
		}
		lead := p.value[:strings.Index(p.value, t)]
		if lead != "" {
			out = append(out, part{"literal", lead})
		}
		out = append(out, part{typ, t})
		if tail := p.value[len(lead)+len(t):]; tail != "" {
			out = append(out, part{"literal", tail})
		}
	}
	return out
}

func (o *numberOptions) unitParts(num []part, count string) []part {
	width := o.unitDisplay
	units := o.loc.d.Units[width]
	if u, ok := units[o.unit]; ok {
		p := u[count]
		if p == "" {
			p = u["other"]
		}
		return o.around(p, "{0}", num, "unit", "")
	}
	// A compound "x-per-y" CLDR lacks: x's pattern, then y's per pattern or the generic per.
	a, b, ok := strings.Cut(o.unit, "-per-")
	if ok {
		ua, okA := units[a]
		ub, okB := units[b]
		if okA && okB {
			p := ua[count]
			if p == "" {
				p = ua["other"]
			}
			if per := ub["per"]; per != "" {
				p = strings.Replace(per, "{0}", p, 1)
			} else {
				one := strings.TrimSpace(strings.ReplaceAll(ub["one"], "{0}", ""))
				p = strings.Replace(strings.Replace(units["per"]["pattern"], "{0}", p, 1), "{1}", one, 1)
			}
			return o.around(p, "{0}", num, "unit", "")
		}
	}
	return num
}

// signParts reports the bidi marks of a sign symbol ("\u061c-" in Arabic) as a literal, as ICU does.
func signParts(typ, s string) []part {
	t := strings.TrimLeft(s, "\u200e\u200f\u061c")
	if t == s || t == "" {
		return []part{{typ, s}}
	}
	return []part{{"literal", s[:len(s)-len(t)]}, {typ, t}}
}
