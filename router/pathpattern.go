package router

import (
	"fmt"
	"strings"

	"github.com/dlclark/regexp2/v2"
)

// This file reads the path patterns of next.config (headers, redirects, rewrites) and of a
// middleware's `config.matcher`: the syntax of the path-to-regexp 6 package Next compiles them
// with (`:name`, `:name(regex)`, `:name?`, `:name*`, `:name+`, unnamed `(regex)` groups and
// `{...}` groups), turned into a regexp2 pattern (lookaheads work, as in JS). Next's options
// are delimiter "/", strict, anchored at both ends; next.config sources also match case-
// insensitively (experimental.caseSensitiveRoutes off), middleware matchers do not.

// patToken is one piece of a parsed pattern: literal text, or a parameter with its
// prefix/suffix and modifier.
type patToken struct {
	literal  string // a literal piece (when name == "" and !param)
	param    bool
	name     string // param name; unnamed groups are "0", "1", ...
	prefix   string
	suffix   string
	pattern  string // the param's regex
	modifier string // "", "?", "*", "+"
}

type lexKind int

const (
	lexOpen lexKind = iota
	lexClose
	lexPattern
	lexName
	lexChar
	lexEscaped
	lexModifier
	lexEnd
)

type lexToken struct {
	kind  lexKind
	index int
	value string
}

func isNameChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// lexPatternString splits a pattern into path-to-regexp's lexical tokens.
func lexPatternString(s string) ([]lexToken, error) {
	var out []lexToken
	i := 0
	for i < len(s) {
		c := s[i]
		switch c {
		case '*', '+', '?':
			out = append(out, lexToken{lexModifier, i, s[i : i+1]})
			i++
		case '\\':
			if i+1 >= len(s) {
				return nil, fmt.Errorf("a pattern may not end with \\")
			}
			out = append(out, lexToken{lexEscaped, i, s[i+1 : i+2]})
			i += 2
		case '{':
			out = append(out, lexToken{lexOpen, i, "{"})
			i++
		case '}':
			out = append(out, lexToken{lexClose, i, "}"})
			i++
		case ':':
			j := i + 1
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			if j == i+1 {
				return nil, fmt.Errorf("missing parameter name at %d", i)
			}
			out = append(out, lexToken{lexName, i, s[i+1 : j]})
			i = j
		case '(':
			count, j := 1, i+1
			if j < len(s) && s[j] == '?' {
				return nil, fmt.Errorf("pattern cannot start with \"?\" at %d", j)
			}
			var pat strings.Builder
			for j < len(s) {
				if s[j] == '\\' && j+1 < len(s) {
					pat.WriteString(s[j : j+2])
					j += 2
					continue
				}
				if s[j] == ')' {
					count--
					if count == 0 {
						j++
						break
					}
				} else if s[j] == '(' {
					count++
					if j+1 >= len(s) || s[j+1] != '?' {
						return nil, fmt.Errorf("capturing groups are not allowed at %d", j)
					}
				}
				pat.WriteByte(s[j])
				j++
			}
			if count != 0 {
				return nil, fmt.Errorf("unbalanced pattern at %d", i)
			}
			if pat.Len() == 0 {
				return nil, fmt.Errorf("missing pattern at %d", i)
			}
			out = append(out, lexToken{lexPattern, i, pat.String()})
			i = j
		default:
			out = append(out, lexToken{lexChar, i, s[i : i+1]})
			i++
		}
	}
	return append(out, lexToken{lexEnd, i, ""}), nil
}

// parsePattern is path-to-regexp's parse with prefixes "./" and delimiter "/" (custom
// routes, destinations).
func parsePattern(s string) ([]patToken, error) { return parsePatternWith(s, "/") }

// parsePatternWith parses with the given delimiters: "/#?" is path-to-regexp's own default,
// which middleware matchers get.
func parsePatternWith(s, delimiter string) ([]patToken, error) {
	toks, err := lexPatternString(s)
	if err != nil {
		return nil, err
	}
	const prefixes = "./"
	var out []patToken
	// safePattern is path-to-regexp 6.3's default param pattern: after text that holds no
	// delimiter, the param may not contain that text (so "/:name.:ext" cannot backtrack).
	safePattern := func(prefix string) (string, error) {
		prevText := prefix
		if prevText == "" && len(out) > 0 && !out[len(out)-1].param {
			prevText = out[len(out)-1].literal
		}
		if len(out) > 0 && prevText == "" {
			return "", fmt.Errorf("must have text between two parameters, missing text after %q", out[len(out)-1].name)
		}
		if prevText == "" || strings.ContainsAny(prevText, delimiter) {
			return "[^" + regexpEscape(delimiter) + "]+?", nil
		}
		return "(?:(?!" + regexpEscape(prevText) + ")[^" + regexpEscape(delimiter) + "])+?", nil
	}
	key, i := 0, 0
	var path strings.Builder
	try := func(k lexKind) (string, bool) {
		if i < len(toks) && toks[i].kind == k {
			i++
			return toks[i-1].value, true
		}
		return "", false
	}
	must := func(k lexKind) (string, error) {
		if v, ok := try(k); ok {
			return v, nil
		}
		return "", fmt.Errorf("unexpected token at %d", toks[i].index)
	}
	consumeText := func() string {
		var b strings.Builder
		for {
			if v, ok := try(lexChar); ok {
				b.WriteString(v)
			} else if v, ok := try(lexEscaped); ok {
				b.WriteString(v)
			} else {
				return b.String()
			}
		}
	}
	for i < len(toks) {
		char, _ := try(lexChar)
		name, hasName := try(lexName)
		pattern, hasPattern := try(lexPattern)
		if hasName || hasPattern {
			prefix := char
			if !strings.Contains(prefixes, prefix) || prefix == "" {
				path.WriteString(prefix)
				prefix = ""
			}
			if path.Len() > 0 {
				out = append(out, patToken{literal: path.String()})
				path.Reset()
			}
			if !hasName {
				name = fmt.Sprint(key)
				key++
			}
			if !hasPattern {
				if pattern, err = safePattern(prefix); err != nil {
					return nil, err
				}
			}
			mod, _ := try(lexModifier)
			out = append(out, patToken{param: true, name: name, prefix: prefix, pattern: pattern, modifier: mod})
			continue
		}
		if char != "" {
			path.WriteString(char)
			continue
		}
		if v, ok := try(lexEscaped); ok {
			path.WriteString(v)
			continue
		}
		if path.Len() > 0 {
			out = append(out, patToken{literal: path.String()})
			path.Reset()
		}
		if _, ok := try(lexOpen); ok {
			prefix := consumeText()
			name, hasName := try(lexName)
			pattern, hasPattern := try(lexPattern)
			suffix := consumeText()
			if _, err := must(lexClose); err != nil {
				return nil, err
			}
			mod, _ := try(lexModifier)
			if !hasName && !hasPattern {
				// A group without a parameter is optional literal text; path-to-regexp keeps it
				// as a nameless token.
				out = append(out, patToken{param: true, name: "", prefix: prefix, modifier: mod})
				continue
			}
			if !hasName {
				name = fmt.Sprint(key)
				key++
			}
			if hasName && !hasPattern {
				if pattern, err = safePattern(prefix); err != nil {
					return nil, err
				}
			}
			out = append(out, patToken{param: true, name: name, prefix: prefix, suffix: suffix, pattern: pattern, modifier: mod})
			continue
		}
		if _, err := must(lexEnd); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// regexpSpecial escapes s for a regular expression (path-to-regexp's escapeString).
func regexpEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(`.+*?=^!:${}()[]|/\`, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// patternSource is path-to-regexp's tokensToRegexp with strict, start and end on.
func patternSource(toks []patToken) string { return patternSourceWith(toks, true) }

// patternSourceWith is tokensToRegexp with start and end on; not strict, a trailing
// delimiter (one of "/#?", path-to-regexp's default) may follow.
func patternSourceWith(toks []patToken, strict bool) string {
	var b strings.Builder
	b.WriteByte('^')
	for _, t := range toks {
		if !t.param {
			b.WriteString(regexpEscape(t.literal))
			continue
		}
		prefix, suffix := regexpEscape(t.prefix), regexpEscape(t.suffix)
		if t.pattern == "" {
			fmt.Fprintf(&b, "(?:%s%s)%s", prefix, suffix, t.modifier)
			continue
		}
		if prefix != "" || suffix != "" {
			if t.modifier == "+" || t.modifier == "*" {
				mod := ""
				if t.modifier == "*" {
					mod = "?"
				}
				fmt.Fprintf(&b, "(?:%s((?:%s)(?:%s%s(?:%s))*)%s)%s", prefix, t.pattern, suffix, prefix, t.pattern, suffix, mod)
			} else {
				fmt.Fprintf(&b, "(?:%s(%s)%s)%s", prefix, t.pattern, suffix, t.modifier)
			}
			continue
		}
		if t.modifier == "+" || t.modifier == "*" {
			fmt.Fprintf(&b, "((?:%s)%s)", t.pattern, t.modifier)
		} else {
			fmt.Fprintf(&b, "(%s)%s", t.pattern, t.modifier)
		}
	}
	if !strict {
		b.WriteString(`[\/#\?]?`)
	}
	b.WriteByte('$')
	return b.String()
}

// pathPattern is a compiled source pattern.
type pathPattern struct {
	source string
	re     *regexp2.Regexp
	keys   []patToken // the params, in capture order
}

// ParamValue is a matched parameter: one string, or several for `*` and `+` params.
type ParamValue struct {
	Value    string
	Values   []string
	Repeated bool
}

// compileMatcherPattern compiles a middleware matcher source as tryToParsePath does:
// path-to-regexp's defaults (delimiters "/#?", not strict), matched case-sensitively.
func compileMatcherPattern(src string) (*pathPattern, error) {
	toks, err := parsePatternWith(src, "/#?")
	if err != nil {
		return nil, fmt.Errorf("invalid source %q: %v", src, err)
	}
	re, err := regexp2.Compile(patternSourceWith(toks, false))
	if err != nil {
		return nil, fmt.Errorf("invalid source %q: %v", src, err)
	}
	re.MatchTimeout = patternTimeout
	p := &pathPattern{source: src, re: re}
	for _, t := range toks {
		if t.param && t.pattern != "" {
			p.keys = append(p.keys, t)
		}
	}
	return p, nil
}

// match returns the params of path, or nil, false. Values are not decoded (Next's
// getPathMatch leaves them as they are in the URL); unnamed groups are left out.
func (p *pathPattern) match(path string) (map[string]ParamValue, bool) {
	m, err := p.re.FindStringMatch(path)
	if err != nil || m == nil {
		return nil, false
	}
	params := map[string]ParamValue{}
	groups := m.Groups()
	for i, k := range p.keys {
		if i+1 >= len(groups) {
			break
		}
		g := groups[i+1]
		if len(g.Captures) == 0 {
			continue
		}
		if k.name == "" || k.name[0] >= '0' && k.name[0] <= '9' {
			continue
		}
		if k.modifier == "*" || k.modifier == "+" {
			params[k.name] = ParamValue{Values: strings.Split(g.String(), k.prefix+k.suffix), Repeated: true}
		} else {
			params[k.name] = ParamValue{Value: g.String()}
		}
	}
	return params, true
}

// fill is path-to-regexp's compile with validate off and no encoding, as Next's
// prepareDestination runs it on a destination path: each param is replaced by its value
// (repeated values joined by their prefix), an absent optional param drops with its prefix.
func fill(toks []patToken, params map[string]ParamValue) (string, error) {
	var b strings.Builder
	for _, t := range toks {
		if !t.param {
			b.WriteString(t.literal)
			continue
		}
		if t.pattern == "" {
			continue
		}
		v, ok := params[t.name]
		optional := t.modifier == "?" || t.modifier == "*"
		if !ok {
			if optional {
				continue
			}
			return "", fmt.Errorf("expected %q to be a string", t.name)
		}
		if v.Repeated {
			if t.modifier != "*" && t.modifier != "+" {
				if len(v.Values) == 1 {
					b.WriteString(t.prefix + v.Values[0] + t.suffix)
					continue
				}
				return "", fmt.Errorf("to use a multi-match in the destination you must add `*` at the end of the param name to signify it should repeat (param %q)", t.name)
			}
			for _, s := range v.Values {
				b.WriteString(t.prefix + s + t.suffix)
			}
			continue
		}
		b.WriteString(t.prefix + v.Value + t.suffix)
	}
	return b.String(), nil
}

// fillText is Next's compileNonPath, for header keys and values and destination query
// values: `:name` (with an optional `*`, `?`, `+`) is replaced by the param's value,
// repeated values joined with "/"; anything else is kept as written.
func fillText(s string, params map[string]ParamValue) string {
	if !strings.Contains(s, ":") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != ':' {
			b.WriteByte(s[i])
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		v, ok := params[s[i+1:j]]
		if j == i+1 || !ok {
			b.WriteByte(':')
			i++
			continue
		}
		if j < len(s) && strings.IndexByte("*?+", s[j]) >= 0 {
			j++
		}
		if v.Repeated {
			b.WriteString(strings.Join(v.Values, "/"))
		} else {
			b.WriteString(v.Value)
		}
		i = j
	}
	return b.String()
}
