package router

import "strings"

// nodeMethod reports whether Node 20's HTTP parser accepts m (http.METHODS). Next never
// sees other methods, lowercase ones included: the parser answers 400 and closes.
func nodeMethod(m string) bool {
	switch m {
	case "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK",
		"M-SEARCH", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS",
		"PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY", "REBIND", "REPORT",
		"SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE":
		return true
	}
	return false
}

// targetOK reports whether Node's HTTP parser accepts every byte of a request-target
// part: no controls, no DEL, no bytes >= 0x80 (raw UTF-8 gets 400; browsers send %XX).
func targetOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// Resolve decides what to do with one request, in Next's order:
//
//  1. Node's HTTP parser: a method outside http.METHODS, a control or non-ASCII byte
//     in the target, or a target that is not a path → 400, Connection: close.
//  2. A `\` or `//` in the path → 308 to the path with `\` → `/` and runs of `/`
//     collapsed, dot segments resolved, the query kept (Next's normalizeRepeatedSlashes
//     in resolve-routes.js). "/api//" → "/api/", "//?q" → "/?q".
//  3. The path is normalised as `new URL()` does: "/./api" is "/api", "/api/." is
//     "/api/".
//  4. A trailing slash (path not "/") → 308 to the path without it, the query rebuilt by
//     Next's redirect code ("/api/?x=1&y" → "/api?x=1&y="), for any method.
//  5. No route → 404. Static segments compare with the path as sent (`/ap%69` is not
//     `/api`); dynamic segments take any non-empty segment.
//  6. Params are decoded per segment with decodeURIComponent (`a%2Fb` → "a/b"); a
//     failure → 500.
//  7. The method: an export is called; HEAD falls back to GET; OPTIONS falls back to
//     204 + Allow; another of the seven → 405; TRACE → 500 (undici refuses it); any
//     other method → 400.
//
// rawPath is the path of the request-target exactly as received: the part of
// r.RequestURI before the first '?'. Not r.URL.EscapedPath(), which re-encodes `\`,
// `#`, `"`, `{` and raw UTF-8 and so hides what Next reacts to. rawQuery is the rest
// after that '?' (r.URL.RawQuery). Note that net/http itself answers 400 to a path with
// a malformed escape (`/items/%zz`) before any handler runs.
func (t *Table) Resolve(method, rawPath, rawQuery string) Decision {
	d, path, rawQuery, done := prelude(method, rawPath, rawQuery)
	if done {
		return d
	}
	if len(path) > 1 && path[len(path)-1] == '/' {
		return redirect(d, path[:len(path)-1]+redirectSearch(rawQuery))
	}
	return t.dispatch(d, method, path)
}

// prelude is steps 1–3 of Resolve: it answers what Node's parser and Next's slash
// normalisation answer (done), or gives the normalised path and the query to route on.
func prelude(method, rawPath, rawQuery string) (d Decision, path, query string, done bool) {
	d = Decision{HeadOnly: method == "HEAD"}
	if rawPath == "*" { // `OPTIONS * HTTP/1.1`: Next fails to parse it as a URL
		d.Kind, d.Status = InternalError, 500
		return d, "", "", true
	}
	var scan pathScan
	if rawPath != "" && rawPath[0] == '/' {
		scan = scanTarget(rawPath)
	}
	if !nodeMethod(method) || rawPath == "" || rawPath[0] != '/' || scan.bad || !targetOK(rawQuery) {
		d.Kind, d.Status, d.Close = BadRequest, 400, true
		return d, "", "", true
	}
	if scan.end < len(rawPath) { // a fragment
		rawPath, rawQuery = rawPath[:scan.end], ""
	} else if i := strings.IndexByte(rawQuery, '#'); i >= 0 {
		rawQuery = rawQuery[:i]
	}

	if scan.slashes {
		loc := normalizePath(collapseSlashes(rawPath))
		if rawQuery != "" {
			loc += "?" + encodeSet(rawQuery, inQueryEncodeSet)
		}
		return redirect(d, loc), "", "", true
	}
	path = rawPath
	if scan.normalize {
		path = normalizePath(path)
	}
	return d, path, rawQuery, false
}

// dispatch is steps 5–7 of Resolve for a normalised path without a trailing slash.
func (t *Table) dispatch(d Decision, method, path string) Decision {
	var c captures
	l := t.root.match(path[1:], &c)
	if l == nil || l.route == nil {
		d.Kind, d.Status = NotFound, 404
		return d
	}
	r := l.route
	d.Route = r
	if len(r.params) > 0 {
		params, ok := decodeParams(r.params, c.v[:c.n])
		if !ok {
			d.Kind, d.Status, d.ErrorPage = InternalError, 500, true
			return d
		}
		d.Params = params
	}

	bit := methodBit(method)
	switch {
	case bit != 0 && r.methods&bit != 0:
		d.Kind, d.Method = Call, method
	case bit == mHEAD && r.methods&mGET != 0:
		d.Kind, d.Method = Call, "GET"
	case bit == mOPTIONS:
		d.Kind, d.Status, d.Allow = AutoOptions, 204, r.Allow
	case bit != 0:
		d.Kind, d.Status = MethodNotAllowed, 405
	case method == "TRACE":
		d.Kind, d.Status = InternalError, 500
	default:
		d.Kind, d.Status = BadRequest, 400
	}
	if d.Kind != Call {
		d.Params = nil
	}
	return d
}

func redirect(d Decision, loc string) Decision {
	d.Kind, d.Status, d.Location = Redirect, 308, loc
	return d
}

// decodeParams pairs the raw captures with the route's param specs. An optional
// catch-all that matched nothing is left out, as Next leaves it out of `params`.
func decodeParams(specs []paramSpec, raw []string) ([]Param, bool) {
	n := len(raw) // one short of specs when an optional catch-all matched nothing
	if n == 0 {
		return nil, true
	}
	out := make([]Param, n)
	for i := range out {
		s := specs[i]
		out[i].Name = s.name
		if s.kind == segParam {
			v, ok := decodeComponent(raw[i])
			if !ok {
				return nil, false
			}
			out[i].Value = v
			continue
		}
		out[i].CatchAll = true
		parts := strings.Split(raw[i], "/")
		for j, p := range parts {
			v, ok := decodeComponent(p)
			if !ok {
				return nil, false
			}
			parts[j] = v
		}
		out[i].Values = parts
	}
	return out, true
}
