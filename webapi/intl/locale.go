package intl

import (
	"os"
	"regexp"
	"strings"

	"golang.org/x/text/language"
)

// defaultLocale is DefaultLocale (ECMA-402 §6.2.4) as Node takes it from the process environment:
// LC_ALL, else LC_MESSAGES, else LANG ("de_DE.UTF-8" is de-DE); "C", "POSIX", none or a language
// without data is en-US.
func defaultLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" {
			break
		}
		if c, ok := canonicalize(strings.ReplaceAll(v, "_", "-")); ok {
			if _, ok := dataIDOf(c); ok {
				return c
			}
		}
		break
	}
	return "en-US"
}

// locale is a resolved locale: the tag resolvedOptions reports and the CLDR data it uses.
type locale struct {
	tag  string // canonical BCP 47, without the Unicode extension
	lang string // language subtag, as the plural rules are keyed
	id   string // the carried CLDR locale (gen.mjs LOCALES)
	ns   string // numbering system: latn, arab, ...
	ext  map[string]string
	d    *localeData
}

// canonicalize is CanonicalizeUnicodeLocaleId (ECMA-402 §6.2.3) for one tag, or ok=false when the
// tag is not well formed.
func canonicalize(s string) (string, bool) {
	if s == "" || strings.ContainsAny(s, " _") {
		return "", false
	}
	t, err := language.Parse(s)
	if _, unknown := err.(language.ValueError); unknown && wellFormed.MatchString(s) {
		// Well formed but not in x/text's registry ("xx"): canonical case only.
		parts := strings.Split(strings.ToLower(s), "-")
		for i := 1; i < len(parts) && len(parts[i-1]) != 1; i++ {
			switch {
			case len(parts[i]) == 4 && i == 1:
				parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
			case len(parts[i]) == 2:
				parts[i] = strings.ToUpper(parts[i])
			}
		}
		return strings.Join(parts, "-"), true
	}
	if err != nil {
		return "", false
	}
	return t.String(), true
}

// wellFormed is the unicode_locale_id syntax (UTS #35 Part 1 §3.2), without the private-use-only
// and grandfathered forms.
var wellFormed = regexp.MustCompile(`(?i)^([a-z]{2,3}|[a-z]{5,8})(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$`)

// dataID picks the carried CLDR locale for a tag: the most specific of language-script-region,
// language-region, language-script (with the likely script: zh-TW is zh-Hant) and language.
func dataID(t language.Tag) (string, bool) {
	base, _ := t.Base()
	script, _ := t.Script() // exact or likely
	region, rconf := t.Region()
	lang := base.String()
	var cands []string
	if rconf == language.Exact {
		cands = append(cands, lang+"-"+script.String()+"-"+region.String(), lang+"-"+region.String())
	}
	cands = append(cands, lang+"-"+script.String(), lang)
	for _, c := range cands {
		if hasData(c) {
			if c == lang+"-Hans" && lang == "zh" {
				return "zh", true
			}
			return c, true
		}
	}
	return "", false
}

// resolveLocale is ResolveLocale (ECMA-402 §9.2.7) with the lookup matcher: the first requested
// locale whose language we carry wins, else the default.
func resolveLocale(requested []string) *locale {
	for _, s := range requested {
		t, err := language.Parse(s)
		if err != nil {
			continue
		}
		id, ok := dataID(t)
		if !ok {
			continue
		}
		return newLocale(t, id)
	}
	t := language.MustParse(defaultLocale())
	id, _ := dataID(t)
	return newLocale(t, id)
}

func newLocale(t language.Tag, id string) *locale {
	l := &locale{id: id, ext: map[string]string{}}
	if u, ok := t.Extension('u'); ok {
		parts := strings.Split(u.String(), "-")[1:]
		for i := 0; i < len(parts); i++ {
			if len(parts[i]) == 2 {
				k, v := parts[i], "true"
				if i+1 < len(parts) && len(parts[i+1]) > 2 {
					v = parts[i+1]
					i++
				}
				l.ext[k] = v
			}
		}
	}
	plain, _ := language.Compose(t.Raw())
	l.tag = plain.String()
	base, _ := t.Base()
	l.lang = base.String()
	l.d = data(id)
	l.ns = l.d.Numbers.NS
	if ns, ok := supplemental().NumberingSys[l.tag]; ok {
		l.ns = ns
	}
	return l
}

// withExt returns the tag with the Unicode extension keys that were used, as resolvedOptions
// reports them (e.g. "ar-EG-u-nu-latn").
func (l *locale) withExt(keys ...string) string {
	var b strings.Builder
	b.WriteString(l.tag)
	first := true
	for _, k := range keys {
		if v, ok := l.ext[k]; ok {
			if first {
				b.WriteString("-u")
				first = false
			}
			b.WriteString("-" + k)
			if v != "true" {
				b.WriteString("-" + v)
			}
		}
	}
	return b.String()
}

// region is the locale's region, or the likely one for its language (en → US).
func (l *locale) region() string {
	t := language.Make(l.tag)
	r, _ := t.Region()
	return r.String()
}

func dataIDOf(s string) (string, bool) {
	t, err := language.Parse(s)
	if err != nil {
		return "", false
	}
	return dataID(t)
}
