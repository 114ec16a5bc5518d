package router

import "strings"

// Step is one request on its way through next.config's phases: Before (headers,
// redirects), then the engine's middleware, then Route (rewrites and the route table).
type Step struct {
	// Path is the pathname being routed, as sent (normalised, basePath included).
	Path string
	// Query is the parsed query, destination queries merged in by rewrites.
	Query *Query
	// Headers are the response headers headers() set, in order; Set-Cookie may repeat.
	Headers []Header
	// External is set when a rewrite goes to another origin: the URL to proxy to.
	External string
	// initial holds the request's own query, for stringifyQuery's encoding rule.
	initial *Query
}

func (s *Step) setHeader(k, v string) {
	if !strings.EqualFold(k, "set-cookie") {
		for i := range s.Headers {
			if strings.EqualFold(s.Headers[i].Key, k) {
				s.Headers = append(s.Headers[:i], s.Headers[i+1:]...)
				break
			}
		}
	}
	s.Headers = append(s.Headers, Header{Key: k, Value: v})
}

// Before runs what Next runs before middleware: Node's parser checks and the `//`
// redirect (as Resolve), then headers() and redirects() (the trailing-slash redirects
// first). A Decision of Kind 0 means go on with the Step.
func (rs *Rules) Before(method, rawPath, rawQuery string, req *Request) (Decision, *Step) {
	d, path, query, done := prelude(method, rawPath, rawQuery)
	if done {
		return d, nil
	}
	st := &Step{Path: path, Query: ParseQuery(query)}
	st.initial = st.Query.Clone()
	req.Query = st.Query
	for i := range rs.headers {
		r := &rs.headers[i]
		params, ok := r.match(path, req)
		if !ok {
			continue
		}
		for _, h := range r.headers {
			k, v := h.Key, h.Value
			if len(params) > 0 {
				k, v = fillText(k, params), fillText(v, params)
			}
			st.setHeader(k, v)
		}
	}
	for i := range rs.redirects {
		r := &rs.redirects[i]
		params, ok := r.match(path, req)
		if !ok {
			continue
		}
		dest, q, err := r.prepare(params, st.Query, false)
		if err != nil {
			d.Kind, d.Status = InternalError, 500
			return d, nil
		}
		loc := dest.origin + normalizeRepeatedSlashes(dest.path)
		if s := q.encodeFor(st.initial); s != "" {
			loc += "?" + s
		}
		loc += dest.hash
		d.Kind, d.Status, d.Location = Redirect, r.status, loc
		return d, nil
	}
	return d, st
}

// MiddlewareMatches reports whether the middleware runs for the step (its matchers, or
// every path when it has none). False when there is no middleware.
func (rs *Rules) MiddlewareMatches(st *Step, req *Request) bool {
	if rs == nil || !rs.hasMW {
		return false
	}
	if len(rs.middleware) == 0 {
		return true
	}
	// resolve-routes.ts tries the pathname as sent, then decoded.
	decoded, ok := decodeComponent(st.Path)
	for i := range rs.middleware {
		if _, m := rs.middleware[i].match(st.Path, req); m {
			return true
		}
		if ok && decoded != st.Path {
			if _, m := rs.middleware[i].match(decoded, req); m {
				return true
			}
		}
	}
	return false
}

// Route runs what Next runs after middleware: beforeFiles rewrites, the exact (static)
// routes, afterFiles rewrites, dynamic routes, fallback rewrites. The Decision is the
// route table's for the path reached (or NotFound); st.External is set instead when a
// rewrite leaves the app.
func (rs *Rules) Route(t *Table, d Decision, method string, st *Step, req *Request) Decision {
	req.Query = st.Query
	for i := range rs.before {
		if rs.rewrite(&rs.before[i], st, req) && st.External != "" {
			return d
		}
	}
	if got, ok := rs.lookup(t, d, method, st.Path, true); ok {
		return got
	}
	for i := range rs.after {
		if rs.rewrite(&rs.after[i], st, req) {
			if st.External != "" {
				return d
			}
			if got, ok := rs.lookup(t, d, method, st.Path, false); ok {
				return got
			}
		}
	}
	if got, ok := rs.lookup(t, d, method, st.Path, false); ok {
		return got
	}
	for i := range rs.fallback {
		if rs.rewrite(&rs.fallback[i], st, req) {
			if st.External != "" {
				return d
			}
			if got, ok := rs.lookup(t, d, method, st.Path, false); ok {
				return got
			}
		}
	}
	d.Kind, d.Status = NotFound, 404
	return d
}

// rewrite applies one rewrite rule to the step when it matches.
func (rs *Rules) rewrite(r *rule, st *Step, req *Request) bool {
	params, ok := r.match(st.Path, req)
	if !ok {
		return false
	}
	dest, q, err := r.prepare(params, st.Query, true)
	if err != nil {
		return false
	}
	if dest.origin != "" {
		u := dest.origin + dest.path
		if s := q.encodeFor(st.initial); s != "" {
			u += "?" + s
		}
		st.External = u + dest.hash
		return true
	}
	st.Path = dest.path
	st.Query = q
	req.Query = q
	return true
}

// lookup finds the route for a path inside the app: basePath removed (a path outside it
// has no route), a trailing slash dropped. staticOnly is Next's check_fs: only routes
// without dynamic segments match there.
func (rs *Rules) lookup(t *Table, d Decision, method, path string, staticOnly bool) (Decision, bool) {
	if b := rs.basePath; b != "" {
		if path != b && !strings.HasPrefix(path, b+"/") {
			return d, false
		}
		path = path[len(b):]
		if path == "" {
			path = "/"
		}
	}
	if len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1]
	}
	got := t.dispatch(d, method, path)
	if got.Kind == NotFound {
		return d, false
	}
	if staticOnly && got.Route != nil && len(got.Route.params) > 0 {
		return d, false
	}
	return got, true
}

// AppPath is the path a route handler sees in request.url: basePath removed (Next's app
// route module never shows it).
func (rs *Rules) AppPath(path string) string {
	if b := rs.BasePath(); b != "" && (path == b || strings.HasPrefix(path, b+"/")) {
		path = path[len(b):]
		if path == "" || path[0] == '?' {
			path = "/" + path
		}
	}
	return path
}

// destURL is a destination split into the parts prepareDestination fills.
type destURL struct {
	origin string // "https://example.com" for an external destination, else ""
	path   string
	hash   string
}

// prepare is prepare-destination.ts prepareDestination: params fill the destination path
// (path-to-regexp compile) and its query values (compileNonPath); for rewrites, params the
// destination does not use are added to the query; the request query is merged under the
// destination's.
func (r *rule) prepare(params map[string]ParamValue, query *Query, rewrite bool) (destURL, *Query, error) {
	dst := r.destination
	var out destURL
	if i := strings.Index(dst, "://"); i > 0 && !strings.HasPrefix(dst, "/") {
		rest := dst[i+3:]
		j := strings.IndexAny(rest, "/?#")
		if j < 0 {
			j = len(rest)
		}
		out.origin = strings.ToLower(dst[:i]) + "://" + fillText(rest[:j], params)
		dst = rest[j:]
	}
	if i := strings.IndexByte(dst, '#'); i >= 0 {
		out.hash, dst = dst[i:], dst[:i]
	}
	rawQuery := ""
	if i := strings.IndexByte(dst, '?'); i >= 0 {
		dst, rawQuery = dst[:i], dst[i+1:]
	}
	if dst == "" {
		dst = "/"
	}
	toks, err := parsePattern(dst)
	if err != nil {
		return out, nil, err
	}
	if out.path, err = fill(toks, params); err != nil {
		return out, nil, err
	}
	if out.path == "" {
		out.path = "/"
	}
	// Param values are URL text already; only what `new URL` would encode is encoded.
	out.path = encodeSet(out.path, inPathEncodeSet)
	dq := ParseQuery(rawQuery)
	for _, k := range dq.keys {
		vs := dq.vals[k]
		for i, v := range vs {
			vs[i] = fillText(v, params)
		}
	}
	if rewrite {
		used := false
		for _, t := range toks {
			if t.param {
				if _, ok := params[t.name]; ok {
					used = true
				}
			}
		}
		if !used {
			for _, k := range sortedKeys(params) {
				if dq.Has(k) {
					continue
				}
				v := params[k]
				if v.Repeated {
					dq.Set(k, v.Values)
				} else {
					dq.Set(k, []string{v.Value})
				}
			}
		}
	}
	q := query.Clone()
	q.Merge(dq)
	return out, q, nil
}

func sortedKeys(m map[string]ParamValue) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

// normalizeRepeatedSlashes turns `\` into `/` and collapses runs of `/`.
func normalizeRepeatedSlashes(p string) string {
	if !strings.Contains(p, "//") && !strings.Contains(p, `\`) {
		return p
	}
	return collapseSlashes(strings.ReplaceAll(p, `\`, "/"))
}

// encodeFor is server-route-utils.ts stringifyQuery: querystring.stringify where only keys
// and values that came with the request are percent-encoded; the destination's own are
// written as they are.
func (q *Query) encodeFor(initial *Query) string {
	inInitial := func(s string) bool {
		if initial == nil {
			return false
		}
		if initial.Has(s) {
			return true
		}
		for _, vs := range initial.vals {
			for _, v := range vs {
				if v == s {
					return true
				}
			}
		}
		return false
	}
	enc := func(sb *strings.Builder, s string) {
		if inInitial(s) {
			encodeURIComponent(sb, s)
		} else {
			sb.WriteString(s)
		}
	}
	var sb strings.Builder
	for _, k := range q.orderedKeys() {
		for _, v := range q.vals[k] {
			if sb.Len() > 0 {
				sb.WriteByte('&')
			}
			enc(&sb, k)
			sb.WriteByte('=')
			enc(&sb, v)
		}
	}
	return sb.String()
}
