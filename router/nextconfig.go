package router

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dlclark/regexp2/v2"
)

// This file holds next.config's declarative routing (basePath, trailingSlash,
// skipTrailingSlashRedirect, headers(), redirects(), rewrites()) and a middleware's
// `config.matcher`, compiled once at load, and applied per request in Next's order
// (packages/next/src/server/lib/router-utils/resolve-routes.ts): headers → redirects →
// middleware (the engine's) → beforeFiles rewrites → files → afterFiles → dynamic routes →
// fallback. Sources are prefixed with basePath and their regexes get Next's
// modifyRouteRegex (an optional trailing slash; redirects never match /_next), as
// lib/load-custom-routes.ts and server/lib/router-utils/filesystem.ts do.

// patternTimeout bounds one match of a user pattern (regexp2 backtracks).
const patternTimeout = 100 * time.Millisecond

// Config is the part of a resolved next.config the router applies, as JSON.
type Config struct {
	BasePath                  string         `json:"basePath"`
	TrailingSlash             bool           `json:"trailingSlash"`
	SkipTrailingSlashRedirect bool           `json:"skipTrailingSlashRedirect"`
	Headers                   []HeaderRule   `json:"headers"`
	Redirects                 []RedirectRule `json:"redirects"`
	Rewrites                  Rewrites       `json:"rewrites"`
}

// Condition is one `has` / `missing` item.
type Condition struct {
	Type  string `json:"type"` // header, cookie, query, host
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Header is one header of a headers() rule.
type Header struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// HeaderRule is one entry of headers().
type HeaderRule struct {
	Source   string      `json:"source"`
	Headers  []Header    `json:"headers"`
	Has      []Condition `json:"has"`
	Missing  []Condition `json:"missing"`
	BasePath *bool       `json:"basePath"`
}

// RedirectRule is one entry of redirects().
type RedirectRule struct {
	Source      string      `json:"source"`
	Destination string      `json:"destination"`
	Permanent   *bool       `json:"permanent"`
	StatusCode  int         `json:"statusCode"`
	Has         []Condition `json:"has"`
	Missing     []Condition `json:"missing"`
	BasePath    *bool       `json:"basePath"`
	internal    bool
}

// RewriteRule is one entry of rewrites().
type RewriteRule struct {
	Source      string      `json:"source"`
	Destination string      `json:"destination"`
	Has         []Condition `json:"has"`
	Missing     []Condition `json:"missing"`
	BasePath    *bool       `json:"basePath"`
}

// Rewrites is rewrites() in its object form (the array form is AfterFiles).
type Rewrites struct {
	BeforeFiles []RewriteRule `json:"beforeFiles"`
	AfterFiles  []RewriteRule `json:"afterFiles"`
	Fallback    []RewriteRule `json:"fallback"`
}

// Matcher is one middleware `config.matcher` entry (a string is {Source}).
type Matcher struct {
	Source  string      `json:"source"`
	Has     []Condition `json:"has"`
	Missing []Condition `json:"missing"`
	Locale  *bool       `json:"locale"`
}

type condition struct {
	typ, key string
	value    *regexp2.Regexp // nil: any non-empty value
}

type rule struct {
	source      *pathPattern
	has         []condition
	missing     []condition
	headers     []Header
	destination string
	status      int // redirects
}

// Rules are a compiled next.config (and middleware matchers). The zero value (or nil)
// applies nothing.
type Rules struct {
	basePath      string
	trailingSlash bool
	skipSlash     bool
	headers       []rule
	redirects     []rule
	before        []rule
	after         []rule
	fallback      []rule
	// middleware: nil when there is no middleware; empty matchers mean every path.
	middleware []rule
	hasMW      bool
}

// BasePath is the configured basePath ("" for none).
func (rs *Rules) BasePath() string {
	if rs == nil {
		return ""
	}
	return rs.basePath
}

func compileConditions(cs []Condition) ([]condition, error) {
	var out []condition
	for _, c := range cs {
		switch c.Type {
		case "header", "cookie", "query", "host":
		default:
			return nil, fmt.Errorf("invalid `type` %q in has/missing (header, cookie, query or host)", c.Type)
		}
		if c.Type != "host" && c.Key == "" {
			return nil, fmt.Errorf("has/missing item of type %q needs a `key`", c.Type)
		}
		k := condition{typ: c.Type, key: c.Key}
		if c.Value != "" {
			re, err := regexp2.Compile("^" + c.Value + "$")
			if err != nil {
				return nil, fmt.Errorf("invalid has/missing value %q: %v", c.Value, err)
			}
			re.MatchTimeout = patternTimeout
			k.value = re
		}
		out = append(out, k)
	}
	return out, nil
}

// withBase prefixes a source or internal destination with basePath as processRoutes does.
func withBase(base, p string) string {
	if base == "" {
		return p
	}
	if p == "/" {
		return base
	}
	return base + p
}

// modifySource is Next's modifyRouteRegex: an optional trailing slash for user rules, and no
// match under /_next for redirects.
func modifySource(src string, restricted string) string {
	if restricted != "" {
		src = strings.Replace(src, "^", "^(?!"+strings.ReplaceAll(restricted, "/", `\/`)+")", 1)
	}
	return strings.TrimSuffix(src, "$") + `(?:\/)?$`
}

func (rs *Rules) compileRule(kind, source, destination string, basePath *bool, has, missing []Condition, internal bool) (rule, error) {
	base := rs.basePath
	if basePath != nil && !*basePath {
		base = ""
	}
	if !strings.HasPrefix(source, "/") {
		return rule{}, fmt.Errorf("`source` %q does not start with /", source)
	}
	src := withBase(base, source)
	toks, err := parsePattern(src)
	if err != nil {
		return rule{}, fmt.Errorf("invalid `source` %q: %v", source, err)
	}
	re := patternSource(toks)
	if !internal {
		restricted := ""
		if kind == "redirect" {
			restricted = rs.basePath + "/_next"
		}
		re = modifySource(re, restricted)
	}
	cre, err := regexp2.Compile(re, regexp2.IgnoreCase)
	if err != nil {
		return rule{}, fmt.Errorf("invalid `source` %q: %v", source, err)
	}
	cre.MatchTimeout = patternTimeout
	p := &pathPattern{source: src, re: cre}
	for _, t := range toks {
		if t.param && t.pattern != "" {
			p.keys = append(p.keys, t)
		}
	}
	r := rule{source: p}
	if r.has, err = compileConditions(has); err != nil {
		return rule{}, err
	}
	if r.missing, err = compileConditions(missing); err != nil {
		return rule{}, err
	}
	if destination != "" {
		if strings.HasPrefix(destination, "/") {
			destination = withBase(base, destination)
		}
		r.destination = destination
	}
	return r, nil
}

// Compile checks and compiles a next.config's routing (cfg may be nil) and a middleware's
// matchers (mw nil: no middleware; an empty list: every path). Each error names the rule.
func Compile(cfg *Config, mw []Matcher, hasMiddleware bool) (*Rules, error) {
	rs := &Rules{}
	var errs []error
	if cfg == nil {
		cfg = &Config{}
	}
	if b := cfg.BasePath; b != "" {
		if !strings.HasPrefix(b, "/") || strings.HasSuffix(b, "/") {
			errs = append(errs, fmt.Errorf("basePath %q must start with / and not end with /", b))
		} else {
			rs.basePath = b
		}
	}
	rs.trailingSlash, rs.skipSlash = cfg.TrailingSlash, cfg.SkipTrailingSlashRedirect
	for i, h := range cfg.Headers {
		r, err := rs.compileRule("header", h.Source, "", h.BasePath, h.Has, h.Missing, false)
		if err != nil {
			errs = append(errs, fmt.Errorf("headers()[%d]: %w", i, err))
			continue
		}
		r.headers = h.Headers
		rs.headers = append(rs.headers, r)
	}
	f := false
	var redirects []RedirectRule
	if !rs.skipSlash {
		// load-custom-routes.ts: the trailing-slash redirects come before the user's.
		if rs.trailingSlash {
			if rs.basePath != "" {
				redirects = append(redirects, RedirectRule{Source: rs.basePath, Destination: rs.basePath + "/", StatusCode: 308, BasePath: &f, internal: true})
			}
			redirects = append(redirects,
				RedirectRule{Source: `/:file((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/]+\.\w+)/`, Destination: "/:file", StatusCode: 308, internal: true},
				RedirectRule{Source: `/:notfile((?!\.well-known(?:/.*)?)(?:[^/]+/)*[^/\.]+)`, Destination: "/:notfile/", StatusCode: 308, internal: true})
		} else {
			if rs.basePath != "" {
				redirects = append(redirects, RedirectRule{Source: rs.basePath + "/", Destination: rs.basePath, StatusCode: 308, BasePath: &f, internal: true})
			}
			redirects = append(redirects, RedirectRule{Source: "/:path+/", Destination: "/:path+", StatusCode: 308, internal: true})
		}
	}
	internal := len(redirects)
	redirects = append(redirects, cfg.Redirects...)
	for j, red := range redirects {
		i := j - internal // the user's index
		r, err := rs.compileRule("redirect", red.Source, red.Destination, red.BasePath, red.Has, red.Missing, red.internal)
		if err == nil && red.Destination == "" {
			err = errors.New("`destination` is missing")
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("redirects()[%d]: %w", i, err))
			continue
		}
		switch {
		case red.StatusCode != 0:
			switch red.StatusCode {
			case 301, 302, 303, 307, 308:
			default:
				errs = append(errs, fmt.Errorf("redirects()[%d]: `statusCode` %d is not one of 301, 302, 303, 307, 308", i, red.StatusCode))
				continue
			}
			r.status = red.StatusCode
		case red.Permanent != nil && *red.Permanent:
			r.status = 308
		case red.Permanent != nil:
			r.status = 307
		default:
			errs = append(errs, fmt.Errorf("redirects()[%d]: `permanent` or `statusCode` is required", i))
			continue
		}
		rs.redirects = append(rs.redirects, r)
	}
	for _, set := range []struct {
		name  string
		rules []RewriteRule
		out   *[]rule
	}{{"beforeFiles", cfg.Rewrites.BeforeFiles, &rs.before}, {"afterFiles", cfg.Rewrites.AfterFiles, &rs.after}, {"fallback", cfg.Rewrites.Fallback, &rs.fallback}} {
		for i, rw := range set.rules {
			r, err := rs.compileRule("rewrite", rw.Source, rw.Destination, rw.BasePath, rw.Has, rw.Missing, false)
			if err == nil && rw.Destination == "" {
				err = errors.New("`destination` is missing")
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("rewrites().%s[%d]: %w", set.name, i, err))
				continue
			}
			*set.out = append(*set.out, r)
		}
	}
	if hasMiddleware {
		rs.hasMW = true
		for i, m := range mw {
			r, err := rs.compileMatcher(m)
			if err != nil {
				errs = append(errs, fmt.Errorf("config.matcher[%d]: %w", i, err))
				continue
			}
			rs.middleware = append(rs.middleware, r)
		}
	}
	return rs, errors.Join(errs...)
}

// compileMatcher is getMiddlewareMatchers of build/analysis/get-page-static-info.ts: the
// source gets an optional `/_next/data/<id>` prefix, an optional `.json` suffix (or
// `/index` for "/"), and basePath; it matches case-sensitively.
func (rs *Rules) compileMatcher(m Matcher) (rule, error) {
	if !strings.HasPrefix(m.Source, "/") {
		return rule{}, fmt.Errorf("source %q must start with /", m.Source)
	}
	// The transport forms of a route (Pages data routes, App Router .rsc and segment
	// requests) match too: get-page-static-info.ts OPTIONAL_MIDDLEWARE_NEXT_DATA_PREFIX and
	// MIDDLEWARE_DATA_SUFFIX_MATCHER.
	const transport = `\.rsc|\.segments\/.+\.segment\.rsc`
	src := m.Source
	if src == "/" {
		src = "/:nextData(_next/data/[^/]{1,})?" + `(/?index|/?index\.json|/?index(?:` + transport + `))?`
	} else {
		src = "/:nextData(_next/data/[^/]{1,})?" + src + `{(\.json|` + transport + `)}?`
	}
	src = rs.basePath + src
	p, err := compileMatcherPattern(src)
	if err != nil {
		return rule{}, err
	}
	r := rule{source: p}
	if r.has, err = compileConditions(m.Has); err != nil {
		return rule{}, err
	}
	if r.missing, err = compileConditions(m.Missing); err != nil {
		return rule{}, err
	}
	return r, nil
}

// Request is what has/missing conditions read of a request.
type Request struct {
	Header http.Header
	Host   string // the Host header (r.Host)
	Query  *Query
}

// matchHas is prepare-destination.ts matchHas: every `has` must match and no `missing`;
// named groups of value regexes (and the value itself when no regex is given) become params.
func matchHas(req *Request, has, missing []condition, params map[string]ParamValue) bool {
	for _, c := range has {
		if !c.test(req, params) {
			return false
		}
	}
	for _, c := range missing {
		if c.test(req, nil) {
			return false
		}
	}
	return true
}

func (c condition) test(req *Request, params map[string]ParamValue) bool {
	var value string
	var ok bool
	key := c.key
	switch c.typ {
	case "header":
		key = strings.ToLower(key)
		if vs := req.Header.Values(key); len(vs) > 0 {
			value, ok = strings.Join(vs, ", "), true
		}
	case "cookie":
		for _, ck := range parseCookies(req.Header.Values("Cookie")) {
			if ck[0] == c.key {
				value, ok = ck[1], true
				break
			}
		}
	case "query":
		if req.Query != nil {
			value, ok = req.Query.Get(key)
		}
	case "host":
		h, _, _ := strings.Cut(req.Host, ":")
		value, ok = strings.ToLower(h), h != ""
	}
	if !ok || value == "" {
		return false
	}
	if c.value == nil {
		if params != nil {
			params[safeParamName(key)] = ParamValue{Value: value}
		}
		return true
	}
	m, err := c.value.FindStringMatch(value)
	if err != nil || m == nil {
		return false
	}
	if params != nil {
		named := false
		for _, g := range m.Groups()[1:] {
			if g.Name != "" && (g.Name[0] < '0' || g.Name[0] > '9') {
				named = true
				params[g.Name] = ParamValue{Value: g.String()}
			}
		}
		if !named && c.typ == "host" && m.String() != "" {
			params["host"] = ParamValue{Value: m.String()}
		}
	}
	return true
}

// safeParamName keeps only a-zA-Z, as getSafeParamName does.
func safeParamName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// parseCookies reads Cookie headers as the `cookie` package Next uses: name=value pairs
// split on ';', values unquoted and decoded with decodeURIComponent when they hold '%'.
// The first value of a name wins.
func parseCookies(lines []string) [][2]string {
	var out [][2]string
	seen := map[string]bool{}
	for _, line := range lines {
		for _, part := range strings.Split(line, ";") {
			k, v, ok := strings.Cut(part, "=")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if seen[k] {
				continue
			}
			seen[k] = true
			if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
				v = v[1 : len(v)-1]
			}
			if strings.Contains(v, "%") {
				if d, ok := decodeComponent(v); ok {
					v = d
				}
			}
			out = append(out, [2]string{k, v})
		}
	}
	return out
}

func (r *rule) match(path string, req *Request) (map[string]ParamValue, bool) {
	params, ok := r.source.match(path)
	if !ok {
		return nil, false
	}
	if len(r.has) > 0 || len(r.missing) > 0 {
		if !matchHas(req, r.has, r.missing, params) {
			return nil, false
		}
	}
	return params, true
}
