package router

import (
	"reflect"
	"strings"
	"testing"
)

func entries(files ...string) []Entry {
	es := make([]Entry, len(files))
	for i, f := range files {
		es[i] = Entry{File: f}
		if strings.Contains(f, "route.") {
			es[i].Methods = []string{"GET"}
		}
	}
	return es
}

// TestBuildDiagnostics: each row is an app (files under app/) and the problem Next.js
// reports for it. Unless noted, the message is the one `next build` printed (Next.js
// 16.4.6, Turbopack); "start" means the build passed and `next start` died with it.
func TestBuildDiagnostics(t *testing.T) {
	ambiguous := func(shape string, routes ...string) string {
		return "Ambiguous app routes detected:\n\nAmbiguous route pattern \"" + shape + "\" matches multiple routes:\n  - " +
			strings.Join(routes, "\n  - ") + "\n\nThese routes cannot be distinguished from each other when matching URLs. " +
			"Please ensure that dynamic segments have unique patterns or use different static segments."
	}
	cases := []struct {
		name    string
		files   []string
		want    []Diagnostic
		routes  []string // patterns left in the table
		comment string
	}{
		{name: "route and page", files: []string{"x/route.ts", "x/page.tsx"},
			want: []Diagnostic{{[]string{"x/route.ts", "x/page.tsx"}, "Conflicting route and page at /x: route at /x/route and page at /x/page"}}},
		{name: "root route and page", files: []string{"route.ts", "page.tsx"},
			want: []Diagnostic{{[]string{"route.ts", "page.tsx"}, "Conflicting route and page at /: route at /route and page at /page"}}},
		{name: "route and page across groups", files: []string{"(a)/x/route.ts", "(b)/x/page.tsx", "y/route.ts"},
			want:    []Diagnostic{{[]string{"(a)/x/route.ts", "(b)/x/page.tsx"}, "Conflicting route and page at /x: route at /(a)/x/route and page at /(b)/x/page"}},
			routes:  []string{"/y"},
			comment: "Next names the two files in its own order; we use input order"},
		{name: "two routes across groups", files: []string{"(a)/x/route.ts", "(b)/x/route.ts"},
			want: []Diagnostic{{[]string{"(a)/x/route.ts", "(b)/x/route.ts"}, "Conflicting routes at /x: route at /(a)/x/route and route at /(b)/x/route"}}},
		{name: "route.js next to route.ts", files: []string{"x/route.js", "x/route.ts"},
			want:    []Diagnostic{{[]string{"x/route.js", "x/route.ts"}, "Conflicting routes at /x: x/route.js and x/route.ts are the same route"}},
			comment: "Next silently serves one of them"},
		{name: "same URL after encoding", files: []string{"café/route.ts", "caf%C3%A9/route.ts"},
			want:    []Diagnostic{{[]string{"café/route.ts", "caf%C3%A9/route.ts"}, "Conflicting routes at /café: route at /café/route and route at /caf%C3%A9/route"}},
			comment: "jsroute only: it serves café at /caf%C3%A9"},
		{name: "different slug names (start)", files: []string{"[id]/route.ts", "[slug]/x/route.ts", "y/route.ts"},
			want:   []Diagnostic{{[]string{"[id]/route.ts", "[slug]/x/route.ts"}, "You cannot use different slug names for the same dynamic path ('id' !== 'slug')."}},
			routes: []string{"/y"}},
		{name: "different slug names with a page (start)", files: []string{"[id]/page.tsx", "[slug]/x/route.ts"},
			want: []Diagnostic{{[]string{"[id]/page.tsx", "[slug]/x/route.ts"}, "You cannot use different slug names for the same dynamic path ('id' !== 'slug')."}}},
		{name: "ambiguous params", files: []string{"[a]/route.ts", "[b]/page.tsx"},
			want: []Diagnostic{{[]string{"[a]/route.ts", "[b]/page.tsx"}, ambiguous("/[*]", "/[a]", "/[b]")}}},
		{name: "ambiguous catch-alls", files: []string{"[...a]/route.ts", "[...b]/route.ts"},
			want: []Diagnostic{{[]string{"[...a]/route.ts", "[...b]/route.ts"}, ambiguous("/[...*]", "/[...a]", "/[...b]")}}},
		{name: "required and optional catch-all (start)", files: []string{"[...a]/route.ts", "[[...b]]/route.ts"},
			want: []Diagnostic{{[]string{"[...a]/route.ts", "[[...b]]/route.ts"}, `You cannot use both an required and optional catch-all route at the same level ("[...a]" and "[[...b]]" ).`}}},
		{name: "optional and required catch-all (start)", files: []string{"[[...b]]/route.ts", "[...a]/route.ts"},
			want: []Diagnostic{{[]string{"[[...b]]/route.ts", "[...a]/route.ts"}, `You cannot use both an optional and required catch-all route at the same level ("[[...b]]" and "[...a]").`}}},
		{name: "same specificity as optional catch-all", files: []string{"x/route.ts", "x/[[...opt]]/route.ts"},
			want: []Diagnostic{{[]string{"x/route.ts", "x/[[...opt]]/route.ts"}, `You cannot define a route with the same specificity as an optional catch-all route ("/x" and "/x/[[...opt]]").`}}},
		{name: "same specificity at the root", files: []string{"route.ts", "[[...a]]/route.ts"},
			want: []Diagnostic{{[]string{"route.ts", "[[...a]]/route.ts"}, `You cannot define a route with the same specificity as an optional catch-all route ("/" and "/[[...a]]").`}}},
		{name: "same specificity, other param name", files: []string{"[b]/page.tsx", "[a]/[[...o]]/route.ts"},
			want:    []Diagnostic{{[]string{"[b]/page.tsx", "[a]/[[...o]]/route.ts"}, `You cannot define a route with the same specificity as an optional catch-all route ("/[b]" and "/[*]/[[...o]]").`}},
			comment: "from validateAppPaths, not recorded"},
		{name: "optional catch-all not last", files: []string{"[[...opt]]/x/route.ts"},
			want: []Diagnostic{{[]string{"[[...opt]]/x/route.ts"}, `Optional catch-all must be the last part of the URL in route "/[[...opt]]/x".`}}},
		{name: "catch-all not last", files: []string{"[...a]/route.ts", "[...b]/x/route.ts"},
			want:   []Diagnostic{{[]string{"[...b]/x/route.ts"}, `Catch-all must be the last part of the URL in route "/[...b]/x".`}},
			routes: []string{"/[...a]"}},
		{name: "repeated slug", files: []string{"[a]/[a]/route.ts"},
			want: []Diagnostic{{[]string{"[a]/[a]/route.ts"}, `You cannot have the same slug name "a" repeat within a single dynamic path in route "/[a]/[a]".`}}},
		{name: "slugs differing by non-word symbols", files: []string{"[ab]/[a-b]/route.ts", "[a-b]/[a_b]/route.ts"},
			want:    []Diagnostic{{[]string{"[ab]/[a-b]/route.ts"}, `You cannot have the slug names "ab" and "a-b" differ only by non-word symbols within a single dynamic path in route "/[ab]/[a-b]".`}},
			routes:  []string{"/[a-b]/[a_b]"},
			comment: "_ is a word character: [a-b]/[a_b] builds"},
		{name: "optional param", files: []string{"[[a]]/route.ts"},
			want: []Diagnostic{{[]string{"[[a]]/route.ts"}, `Optional route parameters are not yet supported ("[[a]]") in route "/[[a]]".`}}},
		{name: "three-dot character", files: []string{"[…a]/route.ts"},
			want: []Diagnostic{{[]string{"[…a]/route.ts"}, `Detected a three-dot character ('…') in parameter "…a" in route "/[…a]". Did you mean ('...')?`}}},
		{name: "erroneous period", files: []string{"[.a]/route.ts"},
			want: []Diagnostic{{[]string{"[.a]/route.ts"}, `Segment names may not start with erroneous periods ('.a') in route "/[.a]".`}}},
		{name: "empty param name", files: []string{"[]/route.ts"},
			want: []Diagnostic{{[]string{"[]/route.ts"}, `Parameter names cannot be empty in route "/[]".`}}},
		{name: "extra brackets", files: []string{"[[...a]/route.ts"},
			want: []Diagnostic{{[]string{"[[...a]/route.ts"}, `Segment names may not start or end with extra brackets ('[...a') in route "/[[...a]".`}}},
		{name: "intercepting param", files: []string{"(.)[id]/route.ts"},
			want:    []Diagnostic{{[]string{"(.)[id]/route.ts"}, "intercepting route segments ((.)[id]) are not supported by jsroute route handlers"}},
			comment: "Next serves it at /(.)<id>; jsroute does not support it"},
		{name: "not a route file", files: []string{"x/layout.tsx", "x/route.test.ts", "route"},
			want: []Diagnostic{
				{[]string{"x/layout.tsx"}, "not a route.* or page.* file"},
				{[]string{"x/route.test.ts"}, "not a route.* or page.* file"},
				{[]string{"route"}, "not a route.* or page.* file"},
			}},
		{name: "private folders, groups, slots", files: []string{"_lib/route.ts", "a/_b/c/route.ts", "(g)/()/x/route.ts", "@slot/y/route.ts", "(.)z/route.ts", "%5Fu/route.ts"},
			routes:  []string{"/(.)z", "/_u", "/x", "/y"},
			comment: "next start serves /x, /y, /(.)z and /_u and nothing under _lib or _b"},
		{name: "non-conflicting neighbours", files: []string{"cat/[id]/route.ts", "cat/[...rest]/route.ts", "x/[[...o]]/route.ts", "x/[y]/route.ts", "[...all]/route.ts", "about/page.tsx"},
			routes: []string{"/[...all]", "/cat/[...rest]", "/cat/[id]", "/x/[[...o]]", "/x/[y]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, diags := Build(entries(c.files...))
			if !reflect.DeepEqual(diags, c.want) {
				t.Errorf("diagnostics:\n got  %q\n want %q", diags, c.want)
			}
			var got []string
			for _, r := range tab.Routes() {
				got = append(got, r.Pattern)
			}
			if !reflect.DeepEqual(got, c.routes) {
				t.Errorf("routes: got %q, want %q", got, c.routes)
			}
		})
	}
}

func TestDiagnosticError(t *testing.T) {
	d := Diagnostic{Files: []string{"x/route.ts", "x/page.tsx"}, Message: "Conflicting route and page at /x"}
	var err error = d
	if got, want := err.Error(), "x/route.ts, x/page.tsx: Conflicting route and page at /x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestMethodsAndAllow: the Allow header of the automatic OPTIONS response is Next's
// autoImplementMethods: exported ∪ {OPTIONS} ∪ {HEAD if GET}, sorted, ", "-joined.
// Names outside the seven (lowercase, default) are ignored, as Next ignores them.
func TestMethodsAndAllow(t *testing.T) {
	cases := []struct {
		exported     []string
		methods      []string
		allow        string
		optionsIsAll bool
	}{
		{nil, nil, "OPTIONS", false},
		{[]string{"GET"}, []string{"GET"}, "GET, HEAD, OPTIONS", false},
		{[]string{"POST"}, []string{"POST"}, "OPTIONS, POST", false},
		{[]string{"POST", "GET"}, []string{"GET", "POST"}, "GET, HEAD, OPTIONS, POST", false},
		{[]string{"HEAD"}, []string{"HEAD"}, "HEAD, OPTIONS", false},
		{[]string{"PUT", "DELETE", "PATCH"}, []string{"DELETE", "PATCH", "PUT"}, "DELETE, OPTIONS, PATCH, PUT", false},
		{[]string{"GET", "get", "default", "GET", "TRACE", "dynamic"}, []string{"GET"}, "GET, HEAD, OPTIONS", false},
	}
	for _, c := range cases {
		tab, _ := Build([]Entry{{File: "route.ts", Methods: c.exported}})
		r := tab.Routes()[0]
		if !reflect.DeepEqual(r.Methods, c.methods) || r.Allow != c.allow {
			t.Errorf("%q: got methods %q allow %q, want %q %q", c.exported, r.Methods, r.Allow, c.methods, c.allow)
		}
	}
}

// TestTableString is the start-banner table, sorted as `next build` sorts its route list.
func TestTableString(t *testing.T) {
	tab, _ := Build([]Entry{
		{File: "items/[slug]/route.ts", Methods: []string{"GET", "DELETE"}},
		{File: "route.ts", Methods: []string{"GET"}},
		{File: "(shop)/cart/route.js", Methods: []string{"POST", "GET"}},
		{File: "docs/[...slug]/route.ts", Methods: []string{"GET"}},
		{File: "hooks/route.ts"},
		{File: "about/page.tsx"},
		{File: "_lib/route.ts", Methods: []string{"GET"}},
	})
	want := strings.Join([]string{
		"Route            Methods      File",
		"/                GET          route.ts",
		"/cart            GET, POST    (shop)/cart/route.js",
		"/docs/[...slug]  GET          docs/[...slug]/route.ts",
		"/hooks           -            hooks/route.ts",
		"/items/[slug]    DELETE, GET  items/[slug]/route.ts",
		"",
	}, "\n")
	if got := tab.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	index := map[string]int{"/": 1, "/cart": 2, "/docs/[...slug]": 3, "/hooks": 4, "/items/[slug]": 0}
	for _, r := range tab.Routes() {
		if r.Index != index[r.Pattern] {
			t.Errorf("%s: Index %d", r.Pattern, r.Index)
		}
	}
}

func TestEmptyTable(t *testing.T) {
	tab, diags := Build(nil)
	if len(diags) != 0 || len(tab.Routes()) != 0 {
		t.Fatalf("got %v %v", diags, tab.Routes())
	}
	if d := tab.Resolve("GET", "/", ""); d.Kind != NotFound || d.Status != 404 {
		t.Errorf("got %s", describe(d))
	}
}

// dumpTree prints the match tree: children in the order match tries them.
func dumpTree(sb *strings.Builder, n *node, indent string) {
	line := func(label string, l *leaf) {
		sb.WriteString(indent + label)
		switch {
		case l == nil:
		case l.route == nil:
			sb.WriteString(" (page " + l.by.file + ")")
		default:
			sb.WriteString(" -> " + l.route.File)
		}
		sb.WriteByte('\n')
	}
	for _, c := range n.statics {
		line(c.key, c.end)
		dumpTree(sb, c, indent+"  ")
	}
	if n.param != nil {
		line("["+n.paramName+"]", n.param.end)
		dumpTree(sb, n.param, indent+"  ")
	}
	if n.catchAll != nil {
		line("[..."+n.catchAll.name+"]", n.catchAll)
	}
	if n.optional != nil {
		line("[[..."+n.optional.name+"]]", n.optional)
	}
}

func TestTreeGolden(t *testing.T) {
	tab, _ := Build(nextApp)
	var sb strings.Builder
	if tab.root.end != nil {
		sb.WriteString("/ -> " + tab.root.end.route.File + "\n")
	}
	dumpTree(&sb, tab.root, "  ")
	want := `/ -> route.ts
  api -> api/route.ts
  items
    [slug] -> items/[slug]/route.ts
  a
    b
      [y] -> a/b/[y]/route.ts
    [x]
      c -> a/[x]/c/route.ts
  docs
    [...parts] -> docs/[...parts]/route.ts
  opt
    [[...rest]] -> opt/[[...rest]]/route.ts
  grouped -> (group)/grouped/route.ts
  _under -> %5Funder/route.ts
  caf%C3%A9 -> café/route.ts
  hello%20world -> hello world/route.ts
  m
    get -> m/get/route.ts
    post -> m/post/route.ts
    getpost -> m/getpost/route.ts
    all -> m/all/route.ts
    head -> m/head/route.ts
    none -> m/none/route.ts
  cat
    [id] -> cat/[id]/route.ts
    [...rest] -> cat/[...rest]/route.ts
  mix
    [a]
      x -> mix/[a]/x/route.ts
    [...rest] -> mix/[...rest]/route.ts
  two
    [a]
      [b] -> two/[a]/[b]/route.ts
  deep
    [a]
      s
        [[...o]] -> deep/[a]/s/[[...o]]/route.ts
  sp
    [x]
      static -> sp/[x]/static/route.ts
      [y] -> sp/[x]/[y]/route.ts
  dots
    a.b -> dots/a.b/route.ts
  ext
    [name].json -> ext/[name].json/route.ts
  shadow
    b (page shadow/b/page.tsx)
    [x] -> shadow/[x]/route.ts
`
	if got := sb.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
