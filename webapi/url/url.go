// Package url implements the URL Standard's API (https://url.spec.whatwg.org/#api): the URL and
// URLSearchParams classes, and the application/x-www-form-urlencoded parser and serializer that
// fetch's bodies share.
//
// Parsing is github.com/nlnwa/whatwg-url's basic URL parser, including its state overrides for
// the setters. This package adds what that library lacks or gets differently: the origin (§4.7),
// the URLSearchParams list that stays live both ways with its URL (§6.2), the form codec, hosts
// as the standard and Node.js read them (host.go), and URL.createObjectURL (objecturl.go).
//
// Node.js 20 (Ada) is the reference for route handlers: where it departs from the standard (the
// port setter on "x1", a non-special path emptied by "..", the host setter on a URL without a
// host) the setters and the parse follow Node, each noted where it is done.
package url

import (
	"errors"
	"strings"

	"github.com/dop251/goja"
	wurl "github.com/nlnwa/whatwg-url/url"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// ErrInvalidURL is returned for input the URL parser fails on (the JS side throws
// TypeError: Invalid URL).
var ErrInvalidURL = errors.New("Invalid URL")

var parser = wurl.NewParser(wurl.WithPreParseHostFunc(preParseHost), wurl.WithPostParseHostFunc(postParseHost))

// URL is the state of one URL object (§6.1): its URL record, and its query object once
// searchParams has been asked for. It is usable from Go; JS objects wrap it (see Class).
type URL struct {
	// rec is the URL record; nil while the URL is only its canonical form, fast (see fast.go).
	rec  *wurl.Url
	fast fastURL
	// href caches the serialization; "" when stale (no URL serializes to "").
	href string
	// query is the URL's URLSearchParams, made on first use. Mutating it marks the URL's query
	// stale (queryStale); sync writes the list back before anything reads the record.
	query      *SearchParams
	queryStale bool
}

// Parse parses an absolute URL (the basic URL parser of §4.4 without a base).
func Parse(input string) (*URL, error) {
	if f, ok := parseCanonical(input); ok {
		return &URL{fast: f}, nil
	}
	rec, err := basicParse(input, nil)
	if err != nil {
		return nil, err
	}
	if nodeEmptyPath(input, nil, rec) {
		rec.SetPathname("")
	}
	return &URL{rec: rec}, nil
}

// ParseWithBase parses input against base, as new URL(input, base) does: base is parsed first and
// must itself be a valid URL.
func ParseWithBase(input, base string) (*URL, error) {
	var b *wurl.Url
	if _, ok := parseCanonical(base); !ok {
		var err error
		if b, err = basicParse(base, nil); err != nil {
			return nil, err
		}
	}
	// A canonical input is absolute with an authority: the base (valid) changes nothing.
	if f, ok := parseCanonical(input); ok {
		return &URL{fast: f}, nil
	}
	if b == nil {
		b = (&URL{fast: fastURL{href: base}}).record()
	}
	rec, err := basicParse(input, b)
	if err != nil {
		return nil, err
	}
	if nodeEmptyPath(input, b, rec) {
		rec.SetPathname("")
	}
	return &URL{rec: rec}, nil
}

// basicParse runs the library's parser; a panic inside it counts as failure.
func basicParse(input string, base *wurl.Url) (rec *wurl.Url, err error) {
	defer func() {
		if recover() != nil {
			rec, err = nil, ErrInvalidURL
		}
	}()
	rec, err = parser.BasicParser(input, base, nil, wurl.NoState)
	if err != nil || rec == nil {
		return nil, ErrInvalidURL
	}
	return rec, nil
}

// record returns the URL record, parsing the canonical form on first use (which cannot fail).
func (u *URL) record() *wurl.Url {
	if u.rec == nil {
		u.rec, _ = basicParse(u.fast.href, nil)
	}
	return u.rec
}

// canonical returns the canonical form while the URL is only that; otherwise it brings the
// record up to date and returns nil.
func (u *URL) canonical() *fastURL {
	if u.rec == nil && !u.queryStale {
		return &u.fast
	}
	u.sync()
	return nil
}

// rawQuery is the query without "?" ("" when null).
func (u *URL) rawQuery() string {
	if f := u.canonical(); f != nil {
		return f.query()
	}
	return u.rec.Query()
}

// sync applies the "URLSearchParams update steps" (§6.2) that mutations of the query object
// have deferred: the list, serialized, becomes the URL's query (null when empty, which may strip
// trailing spaces from an opaque path).
func (u *URL) sync() {
	if !u.queryStale {
		return
	}
	u.queryStale = false
	u.href = ""
	// The serialization holds only characters outside the query percent-encode sets, so the
	// library's query setter stores it unchanged.
	u.record().SetSearch(SerializeForm(u.query.list))
}

// set runs one of the library's setters (the state-override parses of §6.1). Should the library
// panic, the URL is restored from its previous serialization.
func (u *URL) set(fn func(rec *wurl.Url, v string), v string) {
	u.sync()
	before := u.Href()
	u.record()
	u.href = ""
	defer func() {
		if recover() != nil {
			if n, err := Parse(before); err == nil {
				u.rec, u.fast = n.rec, n.fast
			}
			u.href = ""
		}
	}()
	fn(u.rec, v)
}

// Href is the URL serializer's output (§4.5), the href getter.
func (u *URL) Href() string {
	if f := u.canonical(); f != nil {
		return f.href
	}
	if u.href == "" {
		u.href = u.rec.Href(false)
	}
	return u.href
}

// String is Href.
func (u *URL) String() string { return u.Href() }

// SetHref is the href setter: the whole URL is replaced by the parse of v (an error, and no
// change, when v is not a valid URL), and the query object's list by the new query's.
func (u *URL) SetHref(v string) error {
	n, err := Parse(v)
	if err != nil {
		return err
	}
	u.rec, u.fast, u.href, u.queryStale = n.rec, n.fast, "", false
	u.reloadQuery()
	return nil
}

// reloadQuery sets the query object's list to the parse of the URL's query.
func (u *URL) reloadQuery() {
	if u.query != nil {
		u.query.list = ParseForm(u.rawQuery())
		u.query.changed()
	}
}

// Origin is the serialization of the URL's origin (HTML's "serialization of an origin", for the
// origin that URL Standard §4.7 gives each scheme): scheme://host[:port] for http(s), ws(s) and
// ftp; for blob: the origin of the URL in its path when that is http(s); "null" otherwise (file:
// included).
func (u *URL) Origin() string {
	if f := u.canonical(); f != nil {
		return f.href[:f.portEnd]
	}
	switch u.rec.Scheme() {
	case "http", "https", "ws", "wss", "ftp":
		o := u.rec.Scheme() + "://" + u.rec.Hostname()
		if p := u.rec.Port(); p != "" {
			o += ":" + p
		}
		return o
	case "blob":
		inner, err := Parse(u.rec.Pathname())
		if err == nil && (inner.Protocol() == "http:" || inner.Protocol() == "https:") {
			return inner.Origin()
		}
	}
	return "null"
}

// Protocol is the scheme followed by ":".
func (u *URL) Protocol() string {
	if f := u.canonical(); f != nil {
		return f.scheme() + ":"
	}
	return u.rec.Protocol()
}

// SetProtocol parses v followed by ":" in scheme start state (a special scheme cannot become a
// non-special one, nor the reverse).
func (u *URL) SetProtocol(v string) { u.set((*wurl.Url).SetProtocol, v) }

// Username is the percent-encoded username.
func (u *URL) Username() string {
	if f := u.canonical(); f != nil {
		return ""
	}
	return u.rec.Username()
}

// SetUsername sets the username, unless the URL cannot have credentials (no host, or file:).
func (u *URL) SetUsername(v string) { u.set((*wurl.Url).SetUsername, v) }

// Password is the percent-encoded password.
func (u *URL) Password() string {
	if f := u.canonical(); f != nil {
		return ""
	}
	return u.rec.Password()
}

// SetPassword sets the password, unless the URL cannot have credentials.
func (u *URL) SetPassword(v string) { u.set((*wurl.Url).SetPassword, v) }

// Host is the serialized host, with ":port" when the port is not the scheme's default.
func (u *URL) Host() string {
	if f := u.canonical(); f != nil {
		return f.host()
	}
	return u.rec.Host()
}

// SetHost parses v in host state (host and optional port); a URL with an opaque path is left alone.
//
// On a non-special URL without a host (or with an empty one) it does what Node.js 20 does: the
// port part of v is ignored, and an empty v changes nothing unless the path starts with an empty
// segment ("sc:/.//p" becomes "sc:////p"). The standard would set the port, and always make the
// host "".
func (u *URL) SetHost(v string) {
	if u.hostlessNonSpecial() {
		if v = hostPart(removeTabNewline(v)); v == "" && !strings.HasPrefix(u.rec.Pathname(), "//") {
			return
		}
	}
	u.set((*wurl.Url).SetHost, v)
}

// hostlessNonSpecial reports a non-special URL whose host is null or empty.
func (u *URL) hostlessNonSpecial() bool {
	if u.canonical() != nil {
		return false // canonical URLs are special
	}
	return !u.rec.IsSpecialScheme() && u.rec.Hostname() == ""
}

// hostPart is the host of a host setter value: up to the first ":" outside brackets, "/", "?"
// or "#".
func hostPart(v string) string {
	inBrackets := false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '[':
			inBrackets = true
		case c == ']':
			inBrackets = false
		case c == ':' && !inBrackets, c == '/', c == '?', c == '#':
			return v[:i]
		}
	}
	return v
}

// removeTabNewline drops ASCII tab and newline, as the basic URL parser does first (§4.4 step 3).
func removeTabNewline(v string) string {
	if !strings.ContainsAny(v, "\t\n\r") {
		return v
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
}

// Hostname is the serialized host (IPv6 in brackets).
func (u *URL) Hostname() string {
	if f := u.canonical(); f != nil {
		return f.hostname()
	}
	return u.rec.Hostname()
}

// SetHostname parses v in hostname state (a port in v stops the parse). An empty v on a
// non-special URL without a host changes nothing, as in Node.js 20, unless the path starts with
// an empty segment (see SetHost).
func (u *URL) SetHostname(v string) {
	if u.hostlessNonSpecial() && removeTabNewline(v) == "" && !strings.HasPrefix(u.rec.Pathname(), "//") {
		return
	}
	u.set((*wurl.Url).SetHostname, v)
}

// Port is the port, "" when it is null (or the scheme's default).
func (u *URL) Port() string {
	if f := u.canonical(); f != nil {
		return f.port()
	}
	return u.rec.Port()
}

// SetPort sets the port from the leading digits of v ("" removes it), unless the URL cannot have
// a port.
//
// A v that holds a digit but starts with something else ("x1", "+2") removes the port, as in
// Node.js 20 (Ada reads no number there and clears it); the standard leaves the port alone. A
// leading "-", space or control character still changes nothing, in both.
func (u *URL) SetPort(v string) {
	if t := removeTabNewline(v); t != "" && !(t[0] >= '0' && t[0] <= '9') && t[0] > ' ' && t[0] != '-' && strings.ContainsAny(t, "0123456789") {
		v = ""
	}
	u.set((*wurl.Url).SetPort, v)
}

// Pathname is the URL path serialized.
func (u *URL) Pathname() string {
	if f := u.canonical(); f != nil {
		return f.pathname()
	}
	return u.rec.Pathname()
}

// SetPathname empties the path and parses v in path start state; opaque paths are left alone.
//
// On a non-special URL with a host, a final ".." segment that finds the path already empty leaves
// it empty, as in Node.js 20 ("sc://h" for ".."), where the standard appends an empty segment
// ("sc://h/"). (Node gives a URL without a host an empty path too, "sc:"; the library cannot
// make that one.)
func (u *URL) SetPathname(v string) {
	if u.canonical() == nil && !u.rec.IsSpecialScheme() && !u.rec.OpaquePath() && hasHost(u.rec) {
		if p := removeTabNewline(v); doubleDotEmpties(strings.TrimPrefix(p, "/"), 0) {
			v = ""
		}
	}
	u.set((*wurl.Url).SetPathname, v)
}

// hasHost reports a non-null host (empty included): the serialization has "//" after the scheme.
func hasHost(rec *wurl.Url) bool {
	return strings.HasPrefix(rec.Href(true)[len(rec.Scheme())+1:], "//")
}

// doubleDotEmpties runs the path state (§4.4) over path (what follows the path start state), for
// a non-special URL whose path had n segments, counting segments only. It reports whether the
// last segment is a double-dot one reached with an empty path: there Node.js 20 leaves the path
// empty where the standard appends "".
func doubleDotEmpties(path string, n int) bool {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		switch {
		case isDoubleDot(seg):
			if last {
				return n == 0
			}
			if n > 0 {
				n--
			}
		case isSingleDot(seg):
			if last {
				n++
			}
		default:
			n++
		}
	}
	return false
}

// nodeEmptyPath reports whether Node.js 20 gives the parse of input (against base, which may be
// nil) an empty path where the library's record rec has the path "/" (see doubleDotEmpties). It
// finds where the path starts in the input: after a "scheme://authority" or "//authority", at a
// leading "/", or, for a relative path, after the base's path minus its last segment.
func nodeEmptyPath(input string, base, rec *wurl.Url) bool {
	if rec.IsSpecialScheme() || rec.OpaquePath() || rec.Pathname() != "/" || !hasHost(rec) {
		return false
	}
	s := removeTabNewline(strings.TrimFunc(input, func(r rune) bool { return r <= ' ' }))
	n := 0
	switch i := schemeEnd(s); {
	case i > 0:
		if s = s[i+1:]; !strings.HasPrefix(s, "//") {
			return false
		}
		s = skipAuthority(s[2:])
	case base == nil:
		return false
	case strings.HasPrefix(s, "//"):
		s = skipAuthority(s[2:])
	case strings.HasPrefix(s, "/"):
	case s == "" || s[0] == '?' || s[0] == '#':
		return false
	default: // a relative path: the base's path without its last segment, then s
		if bp := base.Pathname(); strings.HasPrefix(bp, "/") {
			n = strings.Count(bp, "/") - 1
		}
		s = "/" + s
	}
	if !strings.HasPrefix(s, "/") {
		return false
	}
	return doubleDotEmpties(s[1:], n)
}

// schemeEnd is the index of the ":" ending a scheme at the start of s (§4.4 scheme start and
// scheme states), or -1.
func schemeEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return i
		default:
			return -1
		}
	}
	return -1
}

// skipAuthority returns s (what follows "//" in a non-special URL) from the end of the authority.
func skipAuthority(s string) string {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[i:]
	}
	return ""
}

func isDoubleDot(s string) bool {
	switch strings.ToLower(s) {
	case "..", ".%2e", "%2e.", "%2e%2e":
		return true
	}
	return false
}

func isSingleDot(s string) bool { return s == "." || strings.EqualFold(s, "%2e") }

// Search is "?" and the query, or "" when the query is null or empty.
func (u *URL) Search() string {
	if f := u.canonical(); f != nil {
		return f.search()
	}
	return u.rec.Search()
}

// SetSearch sets the query from v (a leading "?" dropped; "" makes it null) and reloads the
// query object's list from it.
func (u *URL) SetSearch(v string) {
	u.set((*wurl.Url).SetSearch, v)
	u.reloadQuery()
}

// Hash is "#" and the fragment, or "" when it is null or empty.
func (u *URL) Hash() string {
	if f := u.canonical(); f != nil {
		return f.hash()
	}
	return u.rec.Hash()
}

// SetHash sets the fragment from v (a leading "#" dropped; "" makes it null).
func (u *URL) SetHash(v string) { u.set((*wurl.Url).SetHash, v) }

// SearchParams is the URL's query object (Go state), live with the URL both ways.
func (u *URL) SearchParams() *SearchParams {
	if u.query == nil {
		u.query = &SearchParams{list: ParseForm(u.rawQuery()), url: u}
	}
	return u.query
}

// defineURL installs the URL class (§6.1).
func defineURL(r *webapi.Realm, c *classes) *webidl.Class[*URL] {
	vm := r.VM
	// parseArgs converts (USVString url, optional USVString base) and parses.
	parseArgs := func(args []goja.Value) (*URL, string, *string, error) {
		missingArgs(vm, args, 1, `"url" argument`)
		input := webidl.USVString(vm, args[0])
		if len(args) > 1 && !goja.IsUndefined(args[1]) {
			base := webidl.USVString(vm, args[1])
			u, err := ParseWithBase(input, base)
			return u, input, &base, err
		}
		u, err := Parse(input)
		return u, input, nil, err
	}
	get := func(name string, fn func(*URL) string) webidl.Accessor[*URL] {
		return webidl.Accessor[*URL]{Name: name, Get: func(u *URL) goja.Value { return vm.ToValue(fn(u)) }}
	}
	getSet := func(name string, fn func(*URL) string, set func(*URL, string)) webidl.Accessor[*URL] {
		a := get(name, fn)
		a.Set = func(u *URL, v goja.Value) { set(u, webidl.USVString(vm, v)) }
		return a
	}
	href := func(u *URL, _ goja.FunctionCall) goja.Value { return vm.ToValue(u.Href()) }
	class := webidl.Define(r, webidl.Spec[*URL]{
		Name:   "URL",
		Length: 1,
		// constructor(USVString url, optional USVString base) (§6.1 "new URL(url, base)").
		New: func(call goja.ConstructorCall) *URL {
			u, input, base, err := parseArgs(call.Arguments)
			if err != nil {
				panic(invalidURL(vm, input, base))
			}
			return u
		},
		Methods: []webidl.Method[*URL]{
			{Name: "toString", Fn: href},
			{Name: "toJSON", Fn: href},
		},
		Accessors: []webidl.Accessor[*URL]{
			{Name: "href", Get: func(u *URL) goja.Value { return vm.ToValue(u.Href()) }, Set: func(u *URL, v goja.Value) {
				s := webidl.USVString(vm, v)
				if u.SetHref(s) != nil {
					panic(invalidURL(vm, s, nil))
				}
			}},
			get("origin", (*URL).Origin),
			getSet("protocol", (*URL).Protocol, (*URL).SetProtocol),
			getSet("username", (*URL).Username, (*URL).SetUsername),
			getSet("password", (*URL).Password, (*URL).SetPassword),
			getSet("host", (*URL).Host, (*URL).SetHost),
			getSet("hostname", (*URL).Hostname, (*URL).SetHostname),
			getSet("port", (*URL).Port, (*URL).SetPort),
			getSet("pathname", (*URL).Pathname, (*URL).SetPathname),
			getSet("search", (*URL).Search, (*URL).SetSearch),
			{Name: "searchParams", Get: func(u *URL) goja.Value { return SearchParamsObject(r, u) }},
			getSet("hash", (*URL).Hash, (*URL).SetHash),
		},
		Statics: append([]webidl.StaticMethod{
			// URL.parse(url, base): the URL, or null where the constructor would throw (§6.1).
			{Name: "parse", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				u, _, _, err := parseArgs(call.Arguments)
				if err != nil {
					return goja.Null()
				}
				return c.url.Wrap(u)
			}},
			// URL.canParse(url, base) (§6.1).
			{Name: "canParse", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				_, _, _, err := parseArgs(call.Arguments)
				return vm.ToValue(err == nil)
			}},
		}, objectURLStatics(r)...),
	})
	// Static operations are enumerable (WebIDL §3.7.7, and Node.js).
	for _, name := range []string{"parse", "canParse", "createObjectURL", "revokeObjectURL"} {
		class.Ctor.DefineDataProperty(name, class.Ctor.Get(name), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	return class
}
