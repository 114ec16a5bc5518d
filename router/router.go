// Package router maps a request (method + raw path) to a Next.js App Router route
// handler, in Go, without JS.
//
// Build takes the route.* and page.* files the loader found under the app dir and
// returns a Table plus load-time Diagnostics (conflicts, bad segment names) worded as
// Next.js words them. Resolve then decides, per request, everything Next.js decides
// before user code runs: the 308 redirects for `//`, `\` and a trailing slash, 404,
// 405, the automatic HEAD and OPTIONS, 400 for methods outside the seven, and the
// decoded params.
//
// The reference is `next start` of Next.js 16.4.6 on Node 20; every rule in
// resolve_test.go and build_test.go records what it answered.
package router

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"
)

// Entry is one file found under the app dir.
type Entry struct {
	// File is slash-separated and relative to the app dir, e.g. "items/[slug]/route.ts"
	// or "(shop)/page.tsx". Its base name must be route.<ext> or page.<ext>.
	File string
	// Methods are the HTTP method names a route module exports ("GET", "POST", ...).
	// Names other than the seven of Next.js are ignored, as Next ignores them. Nil for
	// pages.
	Methods []string
}

// Route is one servable route.* file.
type Route struct {
	Pattern string   // URL pattern in Next's notation: "/", "/items/[slug]", "/docs/[...slug]"
	File    string   // Entry.File
	Index   int      // index of the Entry given to Build
	Methods []string // exported methods among the seven, sorted
	// Allow is the Allow header of the automatic OPTIONS response: the exported
	// methods, HEAD when GET is exported, and OPTIONS, sorted and joined with ", "
	// (Next's autoImplementMethods).
	Allow string

	methods methodSet
	params  []paramSpec
}

// Param is one decoded route parameter, in pattern order.
type Param struct {
	Name     string
	Value    string   // [name]: the decoded segment
	Values   []string // [...name] and [[...name]]: the decoded segments
	CatchAll bool     // Values is set, not Value
}

// Kind says what the engine does with a request.
type Kind uint8

const (
	// Call: invoke export Decision.Method of Decision.Route with Decision.Params.
	Call Kind = iota + 1
	// Redirect: 308 with `Location: <Decision.Location>`, `Refresh: 0;url=<Location>`
	// and the Location as the body, as Next's router server sends it.
	Redirect
	// NotFound: 404; the engine renders Next's not-found page.
	NotFound
	// MethodNotAllowed: 405 with an empty body and no Allow header.
	MethodNotAllowed
	// AutoOptions: 204 with `Allow: <Decision.Allow>` and no body.
	AutoOptions
	// BadRequest: 400 with an empty body. With Decision.Close, Node's HTTP parser
	// refused the request (unknown method, control or non-ASCII bytes in the target)
	// and answers with `Connection: close`.
	BadRequest
	// InternalError: 500, `Content-Type: text/plain`, body "Internal Server Error".
	// Next answers so when a matched param cannot be decoded (it means 400, but
	// rendering its /400 page fails in an app-router-only build), when undici refuses
	// the method (TRACE), and for a target that is not a path (`OPTIONS *`).
	InternalError
)

var kindNames = [...]string{"Kind(0)", "Call", "Redirect", "NotFound", "MethodNotAllowed", "AutoOptions", "BadRequest", "InternalError"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Decision is the answer of Resolve.
type Decision struct {
	Kind   Kind
	Status int    // the status to send; 0 for Call
	Route  *Route // the matched route, when one matched
	// Method is the export to call: the request method, or "GET" for a HEAD request
	// to a route that exports GET and not HEAD.
	Method string
	// HeadOnly: the request is HEAD, so the engine sends status and headers and drops
	// the body, as Node does (for every Kind).
	HeadOnly bool
	Close    bool // BadRequest from the HTTP parser: send `Connection: close`
	// ErrorPage: an InternalError raised before the route module runs (a param that
	// cannot be decoded). Next 16.5 renders its error page for it, with
	// `Cache-Control: private, no-cache, no-store, max-age=0, must-revalidate` and only
	// `Vary: Accept-Encoding` (recorded: e2e/testdata/nextjs/reqedge-app.json, seg-invalid-utf8).
	ErrorPage bool
	Params    []Param // Call: the decoded params in pattern order; nil when none
	Location  string  // Redirect: the Location header value
	Allow     string  // AutoOptions: the Allow header value
}

// Diagnostic is a load-time problem with one or more files. The files it names are left
// out of the table: Next.js refuses to build or start in these cases, jsroute serves
// the rest of the app.
type Diagnostic struct {
	Files   []string // Entry.File of each file involved, in input order
	Message string   // Next's wording where it has one
}

func (d Diagnostic) Error() string {
	return strings.Join(d.Files, ", ") + ": " + d.Message
}

// Table is an immutable route table, safe for concurrent Resolve calls.
type Table struct {
	root   *node
	routes []*Route // sorted by Pattern
}

// Routes returns the servable routes sorted by pattern, as `next build` lists them.
func (t *Table) Routes() []*Route { return t.routes }

// String formats the route table for a start banner: pattern, exported methods, file.
func (t *Table) String() string {
	var sb strings.Builder
	w := tabwriter.NewWriter(&sb, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "Route\tMethods\tFile")
	for _, r := range t.routes {
		m := strings.Join(r.Methods, ", ")
		if m == "" {
			m = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.Pattern, m, r.File)
	}
	w.Flush()
	return sb.String()
}

// The seven methods of Next.js (HTTP_METHODS in next/dist/server/web/http.js).
type methodSet uint8

const (
	mGET methodSet = 1 << iota
	mHEAD
	mOPTIONS
	mPOST
	mPUT
	mDELETE
	mPATCH
)

func methodBit(m string) methodSet {
	switch m {
	case "GET":
		return mGET
	case "HEAD":
		return mHEAD
	case "OPTIONS":
		return mOPTIONS
	case "POST":
		return mPOST
	case "PUT":
		return mPUT
	case "DELETE":
		return mDELETE
	case "PATCH":
		return mPATCH
	}
	return 0
}

// setMethods fills r.Methods, r.methods and r.Allow from the exported names.
func (r *Route) setMethods(exported []string) {
	for _, m := range exported {
		if b := methodBit(m); b != 0 && r.methods&b == 0 {
			r.methods |= b
			r.Methods = append(r.Methods, m)
		}
	}
	sort.Strings(r.Methods)
	allow := append([]string{}, r.Methods...)
	if r.methods&mGET != 0 && r.methods&mHEAD == 0 {
		allow = append(allow, "HEAD")
	}
	if r.methods&mOPTIONS == 0 {
		allow = append(allow, "OPTIONS")
	}
	sort.Strings(allow)
	r.Allow = strings.Join(allow, ", ")
}
