package router

import (
	"fmt"
	"strings"
	"testing"
)

// nextApp is the app the rows below were recorded against: the same files under app/,
// each route.ts exporting the listed methods and echoing its file and params, built and
// run with `next build && next start` (Next.js 16.4.6, Node 20.20). Requests were sent
// byte-for-byte with a raw socket.
var nextApp = []Entry{
	{File: "route.ts", Methods: []string{"GET"}},
	{File: "api/route.ts", Methods: []string{"GET"}},
	{File: "items/[slug]/route.ts", Methods: []string{"GET"}},
	{File: "a/[x]/c/route.ts", Methods: []string{"GET"}},
	{File: "a/b/[y]/route.ts", Methods: []string{"GET"}},
	{File: "docs/[...parts]/route.ts", Methods: []string{"GET"}},
	{File: "opt/[[...rest]]/route.ts", Methods: []string{"GET"}},
	{File: "(group)/grouped/route.ts", Methods: []string{"GET"}},
	{File: "_private/x/route.ts", Methods: []string{"GET"}},
	{File: "%5Funder/route.ts", Methods: []string{"GET"}},
	{File: "café/route.ts", Methods: []string{"GET"}},
	{File: "hello world/route.ts", Methods: []string{"GET"}},
	{File: "m/get/route.ts", Methods: []string{"GET"}},
	{File: "m/post/route.ts", Methods: []string{"POST"}},
	{File: "m/getpost/route.ts", Methods: []string{"GET", "POST"}},
	{File: "m/all/route.ts", Methods: []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}},
	{File: "m/head/route.ts", Methods: []string{"HEAD"}},
	{File: "m/none/route.ts"},
	{File: "cat/[id]/route.ts", Methods: []string{"GET"}},
	{File: "cat/[...rest]/route.ts", Methods: []string{"GET"}},
	{File: "mix/[a]/x/route.ts", Methods: []string{"GET"}},
	{File: "mix/[...rest]/route.ts", Methods: []string{"GET"}},
	{File: "two/[a]/[b]/route.ts", Methods: []string{"GET"}},
	{File: "deep/[a]/s/[[...o]]/route.ts", Methods: []string{"GET"}},
	{File: "sp/[x]/static/route.ts", Methods: []string{"GET"}},
	{File: "sp/[x]/[y]/route.ts", Methods: []string{"GET"}},
	{File: "dots/a.b/route.ts", Methods: []string{"GET"}},
	{File: "ext/[name].json/route.ts", Methods: []string{"GET"}},
	// Not in the recorded app: a page shadows a route (Next renders the page).
	{File: "shadow/b/page.tsx"},
	{File: "shadow/[x]/route.ts", Methods: []string{"GET"}},
}

// describe renders a Decision compactly for comparison with a row.
func describe(d Decision) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %d", d.Kind, d.Status)
	if d.Route != nil && d.Kind == Call {
		fmt.Fprintf(&sb, " %s %s", d.Method, strings.TrimSuffix(d.Route.File, "/route.ts"))
	}
	for _, p := range d.Params {
		if p.CatchAll {
			fmt.Fprintf(&sb, " %s=%q", p.Name, p.Values)
		} else {
			fmt.Fprintf(&sb, " %s=%q", p.Name, p.Value)
		}
	}
	if d.Location != "" {
		sb.WriteString(" -> " + d.Location)
	}
	if d.Allow != "" {
		sb.WriteString(" allow=" + d.Allow)
	}
	if d.HeadOnly {
		sb.WriteString(" head")
	}
	if d.Close {
		sb.WriteString(" close")
	}
	return sb.String()
}

func TestResolveAgainstNext(t *testing.T) {
	tab, diags := Build(nextApp)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	rows := []struct {
		method, target string
		want           string
		next           string // what next start answered, when the row is not obvious
	}{
		// Matching and params.
		{"GET", "/", "Call 0 GET route.ts", ""},
		{"GET", "/api", "Call 0 GET api", ""},
		{"GET", "/api?", "Call 0 GET api", ""},
		{"GET", "/API", "NotFound 404", "static segments are case-sensitive"},
		{"GET", "/ap%69", "NotFound 404", "static segments compare with the raw path"},
		{"GET", "/m/ge%74", "NotFound 404", ""},
		{"GET", "/items/abc", `Call 0 GET items/[slug] slug="abc"`, ""},
		{"GET", "/items/abc?q=%zz", `Call 0 GET items/[slug] slug="abc"`, "a bad escape in the query is harmless"},
		{"GET", "/items/a%2Fb", `Call 0 GET items/[slug] slug="a/b"`, "%2F decodes inside the param"},
		{"GET", "/items/a%20b", `Call 0 GET items/[slug] slug="a b"`, ""},
		{"GET", "/items/caf%C3%A9", `Call 0 GET items/[slug] slug="café"`, ""},
		{"GET", "/items/%f0%9f%98%80", `Call 0 GET items/[slug] slug="😀"`, ""},
		{"GET", "/items/a%00b", `Call 0 GET items/[slug] slug="a\x00b"`, ""},
		{"GET", "/items/%zz", "InternalError 500", "500 text/plain Internal Server Error"},
		{"GET", "/items/%ff", "InternalError 500", ""},
		{"GET", "/items/%E0%A4%A", "InternalError 500", ""},
		{"GET", "/items/a%C3%28", "InternalError 500", ""},
		{"GET", "/items/%ED%A0%80", "InternalError 500", "surrogate"},
		{"GET", "/items/%C0%AF", "InternalError 500", "overlong"},
		{"GET", "/items%2Fabc", "NotFound 404", ""},
		{"GET", "/a/b/c", `Call 0 GET a/b/[y] y="c"`, "static b beats [x] at its segment"},
		{"GET", "/a/z/c", `Call 0 GET a/[x]/c x="z"`, ""},
		{"GET", "/a/b/d", `Call 0 GET a/b/[y] y="d"`, ""},
		{"GET", "/a/%62/c", `Call 0 GET a/[x]/c x="b"`, "%62 is not the static b"},
		{"GET", "/docs", "NotFound 404", "a catch-all needs one segment"},
		{"GET", "/docs/a", `Call 0 GET docs/[...parts] parts=["a"]`, ""},
		{"GET", "/docs/a/b/c", `Call 0 GET docs/[...parts] parts=["a" "b" "c"]`, ""},
		{"GET", "/docs/a%2Fb/c", `Call 0 GET docs/[...parts] parts=["a/b" "c"]`, ""},
		{"GET", "/docs/a/%zz", "InternalError 500", ""},
		{"GET", "/docs%2Fa", "NotFound 404", ""},
		{"GET", "/docs/a/%2e%2e/b", `Call 0 GET docs/[...parts] parts=["b"]`, ""},
		{"GET", "/docs/a/.%2E/b", `Call 0 GET docs/[...parts] parts=["b"]`, ""},
		{"GET", "/opt", "Call 0 GET opt/[[...rest]]", "params is {}"},
		{"GET", "/opt/a/b", `Call 0 GET opt/[[...rest]] rest=["a" "b"]`, ""},
		{"GET", "/opt/%zz", "InternalError 500", ""},
		{"GET", "/grouped", "Call 0 GET (group)/grouped", ""},
		{"GET", "/group/grouped", "NotFound 404", ""},
		{"GET", "/(group)/grouped", "NotFound 404", ""},
		{"GET", "/_private/x", "NotFound 404", ""},
		{"GET", "/private/x", "NotFound 404", ""},
		{"GET", "/_under", "Call 0 GET %5Funder", ""},
		{"GET", "/%5Funder", "NotFound 404", ""},
		{"GET", "/caf%C3%A9", "Call 0 GET café", "deliberate difference: Next answers 404 (it never serves a non-ASCII folder)"},
		{"GET", "/hello%20world", "Call 0 GET hello world", "deliberate difference: Next answers 404"},
		{"GET", "/cat/1", `Call 0 GET cat/[id] id="1"`, ""},
		{"GET", "/cat/1/2", `Call 0 GET cat/[...rest] rest=["1" "2"]`, ""},
		{"GET", "/mix/1/x", `Call 0 GET mix/[a]/x a="1"`, ""},
		{"GET", "/mix/1/y", `Call 0 GET mix/[...rest] rest=["1" "y"]`, "backtracks from [a] to the catch-all"},
		{"GET", "/two/a/b", `Call 0 GET two/[a]/[b] a="a" b="b"`, ""},
		{"GET", "/deep/1/s", `Call 0 GET deep/[a]/s/[[...o]] a="1"`, "o is absent"},
		{"GET", "/deep/1/s/x/y", `Call 0 GET deep/[a]/s/[[...o]] a="1" o=["x" "y"]`, ""},
		{"GET", "/sp/1/static", `Call 0 GET sp/[x]/static x="1"`, ""},
		{"GET", "/sp/1/other", `Call 0 GET sp/[x]/[y] x="1" y="other"`, ""},
		{"GET", "/dots/a.b", "Call 0 GET dots/a.b", ""},
		{"GET", "/ext/[name].json", "Call 0 GET ext/[name].json", "a partly bracketed folder is static"},
		{"GET", "/ext/%5Bname%5D.json", "NotFound 404", ""},
		{"GET", "/ext/x.json", "NotFound 404", ""},
		{"GET", "/nothing/%zz", "NotFound 404", ""},
		{"GET", "/%zz", "NotFound 404", ""},
		{"GET", "/api/%zz", "NotFound 404", ""},
		{"GET", "/./api", "Call 0 GET api", "no redirect for dot segments"},
		{"GET", "/a/../api", "Call 0 GET api", ""},
		{"GET", "/items/%2e%2e", "Call 0 GET route.ts", ""},
		{"GET", "/items/..", "Call 0 GET route.ts", ""},
		{"GET", "/..", "Call 0 GET route.ts", ""},
		{"GET", "/items/%2e%2e/", "Call 0 GET route.ts", ""},
		{"GET", "/shadow/b", "NotFound 404", "not recorded: Next renders the page; jsroute serves no pages"},
		{"GET", "/shadow/c", `Call 0 GET shadow/[x] x="c"`, ""},

		// Trailing slash, `//` and `\`: 308.
		{"GET", "/api/", "Redirect 308 -> /api", "Refresh: 0;url=/api, body /api"},
		{"GET", "/opt/", "Redirect 308 -> /opt", ""},
		{"GET", "/nothing/", "Redirect 308 -> /nothing", "before routing"},
		{"GET", "/api//", "Redirect 308 -> /api/", "two hops"},
		{"GET", "//api", "Redirect 308 -> /api", ""},
		{"GET", "//", "Redirect 308 -> /", ""},
		{"GET", "//?a=b", "Redirect 308 -> /?a=b", ""},
		{"GET", "/api/.", "Redirect 308 -> /api", "new URL makes it /api/"},
		{"GET", "/api/./", "Redirect 308 -> /api", ""},
		{"GET", "/docs/.", "Redirect 308 -> /docs", ""},
		{"GET", "/items/%2E", "Redirect 308 -> /items", ""},
		{"GET", "/items//abc", "Redirect 308 -> /items/abc", ""},
		{"GET", "/docs//a", "Redirect 308 -> /docs/a", ""},
		{"GET", "/docs/a//b", "Redirect 308 -> /docs/a/b", ""},
		{"GET", "/a//b/..", "Redirect 308 -> /a/", ""},
		{"GET", "/m//get/./", "Redirect 308 -> /m/get/", ""},
		{"GET", "/a/./b//c", "Redirect 308 -> /a/b/c", ""},
		{"GET", `/a\b`, "Redirect 308 -> /a/b", ""},
		{"GET", `/items\abc`, "Redirect 308 -> /items/abc", ""},
		{"GET", `/\?a`, "Redirect 308 -> /?a", ""},
		{"GET", `/api?\\x`, "Call 0 GET api", "a backslash in the query is not redirected"},
		{"GET", "/api//?q", "Redirect 308 -> /api/?q", "query kept as sent"},
		{"GET", "/api//?", "Redirect 308 -> /api/", ""},
		{"GET", `//?x='a'<>"{}^` + "`" + `|+%zz`, "Redirect 308 -> /?x=%27a%27%3C%3E%22{}^`|+%zz", "URL-parser encoding only"},
		{"GET", "/items/a%2fb/", "Redirect 308 -> /items/a%2fb", "path kept as sent"},
		{"GET", "/items/%zz/", "Redirect 308 -> /items/%zz", ""},
		{"GET", "/items/a%2f%2E%2e/", "Redirect 308 -> /items/a%2f%2E%2e", ""},
		{"GET", "/%61pi/", "Redirect 308 -> /%61pi", ""},
		{"GET", "/hello%20world/", "Redirect 308 -> /hello%20world", ""},
		{"GET", "/items/a%2e/", "Redirect 308 -> /items/a%2e", ""},
		{"GET", `/items/a"b/`, "Redirect 308 -> /items/a%22b", ""},
		{"GET", "/items/a{b}^`|/", "Redirect 308 -> /items/a%7Bb%7D^%60|", ""},
		{"GET", "/items/<a>/", "Redirect 308 -> /items/%3Ca%3E", ""},
		{"GET", "/items/a:b(c)*/", "Redirect 308 -> /items/a:b(c)*", ""},
		{"GET", "/api/?", "Redirect 308 -> /api", ""},
		{"GET", "/api/?x=1&y", "Redirect 308 -> /api?x=1&y=", "query rebuilt"},
		{"GET", "/api/?a=1&a=2", "Redirect 308 -> /api?a=1&a=2", ""},
		{"GET", "/api/?b=1&a=2&b=3", "Redirect 308 -> /api?b=1&b=3&a=2", "grouped by key"},
		{"GET", "/api/?z=1&10=a&2=b", "Redirect 308 -> /api?2=b&10=a&z=1", "integer keys first"},
		{"GET", "/api/?4294967295=a&4294967294=b&01=c&-1=d", "Redirect 308 -> /api?4294967294=b&4294967295=a&01=c&-1=d", ""},
		{"GET", "/api/?a+b=c+d", "Redirect 308 -> /api?a%20b=c%20d", ""},
		{"GET", "/api/?x=%zz", "Redirect 308 -> /api?x=%25zz", ""},
		{"GET", "/api/?x=%41%2F%3F%23", "Redirect 308 -> /api?x=A%2F%3F%23", ""},
		{"GET", "/api/?=x", "Redirect 308 -> /api?=x", ""},
		{"GET", "/api/?a&&b", "Redirect 308 -> /api?a=&b=", ""},
		{"GET", "/api/?a=b=c", "Redirect 308 -> /api?a=b%3Dc", ""},
		{"GET", "/api/?x=!'()*~-_.", "Redirect 308 -> /api?x=!'()*~-_.", ""},
		{"GET", "/api/?x=%00", "Redirect 308 -> /api?x=%00", ""},
		{"GET", "/api/?x=%E0%A4%A", "Redirect 308 -> /api?x=%EF%BF%BD%25A", "one U+FFFD per maximal subpart"},
		{"GET", "/api/?x=a%26b", "Redirect 308 -> /api?x=a%26b", ""},
		{"GET", `/api/?x=<>"{}`, "Redirect 308 -> /api?x=%3C%3E%22%7B%7D", ""},
		{"GET", `/api/?a\\b`, "Redirect 308 -> /api?a%5C%5Cb=", ""},
		{"GET", "/api/?__proto__=1", "Redirect 308 -> /api", "JS object quirk"},
		{"GET", "/api/?toString=x&toString=y", "Redirect 308 -> /api?toString=&toString=x&toString=y", "JS object quirk"},
		{"GET", "/api/?constructor=1", "Redirect 308 -> /api?constructor=&constructor=1", ""},
		{"POST", "/m/post/", "Redirect 308 -> /m/post", ""},
		{"OPTIONS", "/m/get/", "Redirect 308 -> /m/get", ""},
		{"HEAD", "/m/get/", "Redirect 308 -> /m/get head", ""},

		// Bytes Node's parser refuses: 400 and close.
		{"GET", "/items/a\x7fb", "BadRequest 400 close", ""},
		{"GET", "/items/a\tb", "BadRequest 400 close", ""},
		{"GET", "/items/é/", "BadRequest 400 close", "raw UTF-8"},
		{"GET", "/api/?é=ü", "BadRequest 400 close", ""},
		{"OPTIONS", "*", "InternalError 500", ""},

		// Methods (Next's autoImplementMethods).
		{"GET", "/m/post", "MethodNotAllowed 405", "empty body, no Allow"},
		{"GET", "/m/head", "MethodNotAllowed 405", ""},
		{"GET", "/m/none", "MethodNotAllowed 405", ""},
		{"HEAD", "/m/get", "Call 0 GET m/get head", "GET runs, no body"},
		{"HEAD", "/m/getpost", "Call 0 GET m/getpost head", ""},
		{"HEAD", "/m/all", "Call 0 HEAD m/all head", ""},
		{"HEAD", "/m/head", "Call 0 HEAD m/head head", ""},
		{"HEAD", "/m/post", "MethodNotAllowed 405 head", ""},
		{"HEAD", "/m/none", "MethodNotAllowed 405 head", ""},
		{"HEAD", "/items/a", `Call 0 GET items/[slug] slug="a" head`, ""},
		{"HEAD", "/nothing", "NotFound 404 head", ""},
		{"OPTIONS", "/m/get", "AutoOptions 204 allow=GET, HEAD, OPTIONS", ""},
		{"OPTIONS", "/m/post", "AutoOptions 204 allow=OPTIONS, POST", ""},
		{"OPTIONS", "/m/getpost", "AutoOptions 204 allow=GET, HEAD, OPTIONS, POST", ""},
		{"OPTIONS", "/m/head", "AutoOptions 204 allow=HEAD, OPTIONS", ""},
		{"OPTIONS", "/m/none", "AutoOptions 204 allow=OPTIONS", ""},
		{"OPTIONS", "/m/all", "Call 0 OPTIONS m/all", ""},
		{"OPTIONS", "/items/a", "AutoOptions 204 allow=GET, HEAD, OPTIONS", ""},
		{"OPTIONS", "/nothing", "NotFound 404", ""},
		{"POST", "/m/get", "MethodNotAllowed 405", ""},
		{"POST", "/m/post", "Call 0 POST m/post", ""},
		{"POST", "/m/getpost", "Call 0 POST m/getpost", ""},
		{"PUT", "/m/getpost", "MethodNotAllowed 405", ""},
		{"PUT", "/m/all", "Call 0 PUT m/all", ""},
		{"PATCH", "/m/all", "Call 0 PATCH m/all", ""},
		{"PATCH", "/m/get", "MethodNotAllowed 405", ""},
		{"DELETE", "/m/all", "Call 0 DELETE m/all", ""},
		{"DELETE", "/m/head", "MethodNotAllowed 405", ""},
		{"POST", "/items/%zz", "InternalError 500", "params are decoded before the method is looked at"},

		// Methods outside the seven.
		{"FOO", "/m/get", "BadRequest 400 close", "Node's parser"},
		{"FOO", "/nothing", "BadRequest 400 close", ""},
		{"FOO", "/m/get/", "BadRequest 400 close", ""},
		{"get", "/m/get", "BadRequest 400 close", "methods are case-sensitive"},
		{"Get", "/m/get", "BadRequest 400 close", ""},
		{"TRACK", "/m/get", "BadRequest 400 close", ""},
		{"DESCRIBE", "/m/get", "BadRequest 400 close", ""},
		{"PRI", "/m/get", "BadRequest 400 close", ""},
		{"TRACE", "/m/get", "InternalError 500", "undici refuses TRACE"},
		{"TRACE", "/nothing", "NotFound 404", ""},
		{"TRACE", "/m/get/", "Redirect 308 -> /m/get", ""},
		{"PROPFIND", "/m/get", "BadRequest 400", "app-route module: not an HTTP_METHOD"},
		{"PROPFIND", "/nothing", "NotFound 404", ""},
		{"PROPFIND", "/m/get/", "Redirect 308 -> /m/get", ""},
		{"QUERY", "/m/get", "BadRequest 400", ""},
		{"MKCOL", "/m/get", "BadRequest 400", ""},
		{"PURGE", "/m/get", "BadRequest 400", ""},
		{"SEARCH", "/m/get", "BadRequest 400", ""},
		{"LINK", "/m/get", "BadRequest 400", ""},
		{"SOURCE", "/m/get", "BadRequest 400", ""},
		{"M-SEARCH", "/m/get", "BadRequest 400", ""},
		{"ACL", "/m/get", "BadRequest 400", ""},
		{"REPORT", "/m/get", "BadRequest 400", ""},
		{"CONNECT", "/m/get", "BadRequest 400", "Node closes the socket without an answer"},
	}
	for _, r := range rows {
		path, query, _ := strings.Cut(r.target, "?")
		got := describe(tab.Resolve(r.method, path, query))
		if got != r.want {
			t.Errorf("%s %s\n got  %s\n want %s  (%s)", r.method, r.target, got, r.want, r.next)
		}
	}
}

func TestResolveFragmentAndNonPath(t *testing.T) {
	tab, _ := Build(nextApp)
	for _, c := range []struct{ path, query, want string }{
		{"/api#x", "", "Call 0 GET api"},
		{"/api", "x=1#frag", "Call 0 GET api"},
		{"/api/", "q=1#frag", "Redirect 308 -> /api?q=1"},
		{"", "", "BadRequest 400 close"},
		{"api", "", "BadRequest 400 close"},
		{`\api`, "", "BadRequest 400 close"}, // next start: 400 from the parser
	} {
		if got := describe(tab.Resolve("GET", c.path, c.query)); got != c.want {
			t.Errorf("%q ? %q: got %s, want %s", c.path, c.query, got, c.want)
		}
	}
}

// TestPrecedence checks Next's order (static > [param] > [...catchAll] >
// [[...optional]], per segment, with backtracking) on small tables.
func TestPrecedence(t *testing.T) {
	cases := []struct {
		files []string
		path  string
		want  string // file, or "" for NotFound
	}{
		{[]string{"a/[x]/c/route.ts", "a/b/[y]/route.ts"}, "/a/b/c", "a/b/[y]/route.ts"},
		{[]string{"p/b/c/route.ts", "p/[x]/d/route.ts"}, "/p/b/d", "p/[x]/d/route.ts"},
		{[]string{"p/b/c/route.ts", "p/[x]/d/route.ts"}, "/p/b/c", "p/b/c/route.ts"},
		{[]string{"x/[[...o]]/route.ts", "x/[y]/route.ts"}, "/x", "x/[[...o]]/route.ts"},
		{[]string{"x/[[...o]]/route.ts", "x/[y]/route.ts"}, "/x/1", "x/[y]/route.ts"},
		{[]string{"x/[[...o]]/route.ts", "x/[y]/route.ts"}, "/x/1/2", "x/[[...o]]/route.ts"},
		{[]string{"[[...all]]/route.ts", "api/x/route.ts"}, "/", "[[...all]]/route.ts"},
		{[]string{"[[...all]]/route.ts", "api/x/route.ts"}, "/api/y", "[[...all]]/route.ts"},
		{[]string{"[[...all]]/route.ts", "api/x/route.ts"}, "/api/x", "api/x/route.ts"},
		{[]string{"[...all]/route.ts", "[id]/route.ts", "about/route.ts"}, "/about", "about/route.ts"},
		{[]string{"[...all]/route.ts", "[id]/route.ts", "about/route.ts"}, "/other", "[id]/route.ts"},
		{[]string{"[...all]/route.ts", "[id]/route.ts", "about/route.ts"}, "/about/x", "[...all]/route.ts"},
		{[]string{"[...all]/route.ts"}, "/", ""},
		{[]string{"a/[b]/[c]/route.ts", "a/[b]/c/d/route.ts"}, "/a/1/c", "a/[b]/[c]/route.ts"},
		{[]string{"a/[b]/[c]/route.ts", "a/[b]/c/d/route.ts"}, "/a/1/c/d", "a/[b]/c/d/route.ts"},
		{[]string{"a/[b]/[c]/route.ts", "a/[b]/c/d/route.ts"}, "/a/1/c/e", ""},
	}
	for _, c := range cases {
		var es []Entry
		for _, f := range c.files {
			es = append(es, Entry{File: f, Methods: []string{"GET"}})
		}
		tab, diags := Build(es)
		if len(diags) != 0 {
			t.Fatalf("%v: %v", c.files, diags)
		}
		d := tab.Resolve("GET", c.path, "")
		got := ""
		if d.Kind == Call {
			got = d.Route.File
		}
		if got != c.want {
			t.Errorf("%v %s: got %q (%s), want %q", c.files, c.path, got, describe(d), c.want)
		}
	}
}
