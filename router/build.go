package router

import (
	"sort"
	"strconv"
	"strings"
)

type segKind uint8

const (
	segStatic   segKind = iota
	segParam            // [name]
	segCatchAll         // [...name]
	segOptional         // [[...name]]
)

type segment struct {
	kind segKind
	raw  string // the folder name (after %5F → _)
	name string // param name; for a static segment, raw
	key  string // static: raw percent-encoded as a request carries it
}

type paramSpec struct {
	name string
	kind segKind
}

// parsed is an Entry read into URL segments.
type parsed struct {
	idx     int
	file    string
	page    bool
	segs    []segment
	pattern string // "/items/[slug]"
	appPath string // "/(shop)/items/[slug]/route": how Next names the file in messages
	key     string // the pattern with static segments encoded: equal keys = same URL
	shape   string // key with param names replaced by * (Next's normalizeSegments)
	dead    bool
}

// interceptionMarkers are Next's INTERCEPTION_ROUTE_MARKERS.
var interceptionMarkers = []string{"(..)(..)", "(.)", "(..)", "(...)"}

// parseEntry reads one Entry. It returns nil, nil for files Next leaves out of routing:
// anything under a private `_folder`.
func parseEntry(i int, e Entry) (*parsed, *Diagnostic) {
	diag := func(msg string) (*parsed, *Diagnostic) {
		return nil, &Diagnostic{Files: []string{e.File}, Message: msg}
	}
	dir, base := "", e.File
	if j := strings.LastIndexByte(e.File, '/'); j >= 0 {
		dir, base = e.File[:j], e.File[j+1:]
	}
	stem := base
	if j := strings.LastIndexByte(base, '.'); j > 0 {
		stem = base[:j]
	}
	if stem == base || (stem != "route" && stem != "page") {
		return diag("not a route.* or page.* file")
	}
	p := &parsed{idx: i, file: e.File, page: stem == "page"}
	var pattern, app, key strings.Builder
	for _, f := range strings.Split(dir, "/") {
		if f == "" {
			continue
		}
		app.WriteString("/" + f)
		switch {
		case f[0] == '_':
			// Private folder: it and everything under it is not routable.
			return nil, nil
		case f[0] == '(' && f[len(f)-1] == ')', f[0] == '@':
			// Route group or parallel-route slot: not part of the URL.
			continue
		}
		// Next serves the folder %5Fname at /_name (normalizeAppPageEntryPathname).
		f = strings.ReplaceAll(f, "%5F", "_")
		s := segment{kind: segStatic, raw: f, name: f}
		switch {
		case strings.HasPrefix(f, "[[...") && strings.HasSuffix(f, "]]"):
			s.kind, s.name = segOptional, f[5:len(f)-2]
		case strings.HasPrefix(f, "[...") && strings.HasSuffix(f, "]"):
			s.kind, s.name = segCatchAll, f[4:len(f)-1]
		case f[0] == '[' && f[len(f)-1] == ']':
			s.kind, s.name = segParam, f[1:len(f)-1]
		default:
			for _, m := range interceptionMarkers {
				if rest, ok := strings.CutPrefix(f, m); ok && rest != "" && rest[0] == '[' && rest[len(rest)-1] == ']' {
					return diag("intercepting route segments (" + f + ") are not supported by jsroute route handlers")
				}
			}
			// Match the folder name the way a request spells it: a folder "café" is
			// served at /caf%C3%A9. (Next compares the raw request path with the
			// folder name, so it never serves such folders; jsroute does.)
			s.key = encodeSet(f, inPathEncodeSet)
		}
		p.segs = append(p.segs, s)
		pattern.WriteString("/" + f)
		if s.kind == segStatic {
			key.WriteString("/" + s.key)
		} else {
			key.WriteString("/" + f)
		}
	}
	p.pattern, p.key, p.shape = orSlash(pattern.String()), orSlash(key.String()), shapeOf(p.segs, false)
	p.appPath = app.String() + "/" + stem
	if msg := validate(p); msg != "" {
		return diag(msg)
	}
	return p, nil
}

func orSlash(s string) string {
	if s == "" {
		return "/"
	}
	return s
}

// validate applies Next's per-path checks (validateAppRoute and validateSegmentParam
// in next/dist/build/validate-app-paths.js) in the same order, with the same words.
func validate(p *parsed) string {
	in := ` in route "` + p.pattern + `".`
	var slugs []string
	catchAll := -1
	optional := false
	nparams := 0
	for i, s := range p.segs {
		if s.kind != segStatic {
			nparams++
			name := s.name
			switch {
			case name == "":
				return `Parameter names cannot be empty` + in
			case strings.Contains(name, "…"):
				return `Detected a three-dot character ('…') in parameter "` + name + `"` + in[:len(in)-1] + `. Did you mean ('...')?`
			case s.kind != segOptional && strings.HasPrefix(name, "[") && strings.HasSuffix(name, "]"):
				return `Optional route parameters are not yet supported ("[` + name + `]")` + in
			case strings.HasPrefix(name, "[") || strings.HasSuffix(name, "]"):
				return `Segment names may not start or end with extra brackets ('` + name + `')` + in
			case name[0] == '.':
				return `Segment names may not start with erroneous periods ('` + name + `')` + in
			}
			if s.kind != segParam {
				catchAll, optional = i, s.kind == segOptional
			}
			for _, prev := range slugs {
				if prev == name {
					return `You cannot have the same slug name "` + name + `" repeat within a single dynamic path` + in
				}
			}
			for _, prev := range slugs {
				if stripNonWord(prev) == stripNonWord(name) {
					return `You cannot have the slug names "` + prev + `" and "` + name + `" differ only by non-word symbols within a single dynamic path` + in
				}
			}
			slugs = append(slugs, name)
		}
		if catchAll >= 0 && i > catchAll {
			if optional {
				return `Optional catch-all must be the last part of the URL` + in
			}
			return `Catch-all must be the last part of the URL` + in
		}
	}
	if nparams > maxParams {
		return "jsroute supports at most " + strconv.Itoa(maxParams) + " dynamic segments in one route" + in
	}
	return ""
}

// stripNonWord is JS s.replace(/\W/g, "").
func stripNonWord(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func files(ps ...*parsed) []string {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].idx < ps[j].idx })
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.file
	}
	return out
}

func kindWord(p *parsed) string {
	if p.page {
		return "page"
	}
	return "route"
}

// conflictDiag is Turbopack's "Conflicting route and page at /x: route at /x/route and
// page at /x/page" (or "Conflicting routes at ...").
func conflictDiag(a, b *parsed) *Diagnostic {
	if a.idx > b.idx {
		a, b = b, a
	}
	what := kindWord(a) + " and " + kindWord(b)
	if a.page == b.page {
		what = kindWord(a) + "s"
	}
	msg := "Conflicting " + what + " at " + a.pattern + ": " +
		kindWord(a) + " at " + a.appPath + " and " + kindWord(b) + " at " + b.appPath
	if a.appPath == b.appPath { // route.js next to route.ts: Next silently uses one
		msg = "Conflicting " + what + " at " + a.pattern + ": " + a.file + " and " + b.file + " are the same " + kindWord(a)
	}
	return &Diagnostic{Files: files(a, b), Message: msg}
}

// Build reads the entries into a Table. The table serves the route.* entries that have
// no problem; page.* entries only take part in the conflict checks and shadow routes
// (a request that Next would answer with a page gets NotFound). Every problem is a
// Diagnostic naming the files involved; those files are left out.
func Build(entries []Entry) (*Table, []Diagnostic) {
	var diags []Diagnostic
	var all []*parsed
	byKey := map[string][]*parsed{}
	var keys []string // first-seen order
	for i, e := range entries {
		p, d := parseEntry(i, e)
		if d != nil {
			diags = append(diags, *d)
		}
		if p == nil {
			continue
		}
		all = append(all, p)
		if byKey[p.key] == nil {
			keys = append(keys, p.key)
		}
		byKey[p.key] = append(byKey[p.key], p)
	}
	kill := func(ps ...*parsed) {
		for _, p := range ps {
			p.dead = true
		}
	}

	// 1. Two files for one URL (Turbopack: "Conflicting route and page at /x").
	for _, k := range keys {
		ps := byKey[k]
		for _, q := range ps[1:] {
			diags = append(diags, *conflictDiag(ps[0], q))
		}
		if len(ps) > 1 {
			kill(ps...)
		}
	}

	// 2. Distinct URLs of one shape: "/[a]" and "/[b]" (validateAppPaths).
	byShape := map[string][]string{}
	var shapes []string
	for _, k := range keys {
		s := byKey[k][0].shape
		if byShape[s] == nil {
			shapes = append(shapes, s)
		}
		byShape[s] = append(byShape[s], k)
	}
	for _, s := range shapes {
		ks := byShape[s]
		if len(ks) < 2 {
			continue
		}
		var involved []*parsed
		var list strings.Builder
		for _, k := range ks {
			list.WriteString("\n  - " + byKey[k][0].pattern)
			involved = append(involved, byKey[k]...)
		}
		display := byKey[ks[0]][0]
		diags = append(diags, Diagnostic{Files: files(involved...), Message: "Ambiguous app routes detected:\n\n" +
			`Ambiguous route pattern "` + shapeOf(display.segs, true) + `" matches multiple routes:` + list.String() + "\n\n" +
			"These routes cannot be distinguished from each other when matching URLs. " +
			"Please ensure that dynamic segments have unique patterns or use different static segments."})
		kill(involved...)
	}

	// 3. An optional catch-all and a route of the same specificity: "/x" and
	// "/x/[[...slug]]" both match "/x" (validateAppPaths).
	for _, k := range keys {
		p := byKey[k][0]
		if len(p.segs) == 0 || p.segs[len(p.segs)-1].kind != segOptional {
			continue
		}
		last := len(p.segs) - 1
		prefix, name := shapeOf(p.segs[:last], false), p.segs[last].name
		for _, k2 := range keys {
			q := byKey[k2][0]
			if q.shape != prefix {
				continue
			}
			pre := shapeOf(p.segs[:last], true)
			if pre == "/" {
				pre = ""
			}
			diags = append(diags, Diagnostic{Files: files(append(append([]*parsed{}, byKey[k]...), byKey[k2]...)...),
				Message: `You cannot define a route with the same specificity as an optional catch-all route ("` +
					q.pattern + `" and "` + pre + `/[[...` + name + `]]").`})
			kill(byKey[k]...)
			kill(byKey[k2]...)
		}
	}

	// 4. Different names for one dynamic position: "/[id]" and "/[slug]/x" (Next's
	// UrlNode, at `next start`). A first tree finds them; the table's tree is built
	// from the survivors only.
	probe := &node{}
	for _, p := range all {
		if p.dead {
			continue
		}
		if other, msg := probe.insert(p, &leaf{by: p}); msg != "" {
			diags = append(diags, Diagnostic{Files: files(other, p), Message: msg})
			kill(other, p)
		}
	}

	t := &Table{root: &node{}}
	for _, p := range all {
		if p.dead {
			continue
		}
		l := &leaf{by: p}
		if !p.page {
			r := &Route{Pattern: p.pattern, File: p.file, Index: p.idx}
			r.setMethods(entries[p.idx].Methods)
			for _, s := range p.segs {
				if s.kind != segStatic {
					r.params = append(r.params, paramSpec{name: s.name, kind: s.kind})
				}
			}
			l.route = r
			t.routes = append(t.routes, r)
		}
		t.root.insert(p, l) // cannot fail: the conflicts are gone
	}
	t.root.finish()
	sort.SliceStable(t.routes, func(i, j int) bool { return t.routes[i].Pattern < t.routes[j].Pattern })
	return t, diags
}

// shapeOf is Next's normalizeSegments: param names become *, "/x/[*]/[...*]". With
// display it spells static segments as the folders do, else as requests do (the
// grouping key).
func shapeOf(segs []segment, display bool) string {
	var sb strings.Builder
	for _, s := range segs {
		sb.WriteByte('/')
		switch {
		case s.kind != segStatic:
			sb.WriteString(strings.Replace(s.raw, s.name, "*", 1))
		case display:
			sb.WriteString(s.raw)
		default:
			sb.WriteString(s.key)
		}
	}
	return orSlash(sb.String())
}
