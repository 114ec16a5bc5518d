// Package url implements the URL Standard's API (https://url.spec.whatwg.org/#api): the URL and
// URLSearchParams classes, and the application/x-www-form-urlencoded parser and serializer that
// fetch's bodies share.
//
// Parsing is github.com/nlnwa/whatwg-url's basic URL parser, including its state overrides for
// the setters. This package adds what that library lacks or gets differently: the origin (§4.7),
// the URLSearchParams list that stays live both ways with its URL (§6.2), and the form codec.
package url

import (
	"errors"

	"github.com/dop251/goja"
	wurl "github.com/nlnwa/whatwg-url/url"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// ErrInvalidURL is returned for input the URL parser fails on (the JS side throws
// TypeError: Invalid URL).
var ErrInvalidURL = errors.New("Invalid URL")

var parser = wurl.NewParser(wurl.WithPreParseHostFunc(guardSignedIPv4))

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
func (u *URL) SetHost(v string) { u.set((*wurl.Url).SetHost, v) }

// Hostname is the serialized host (IPv6 in brackets).
func (u *URL) Hostname() string {
	if f := u.canonical(); f != nil {
		return f.hostname()
	}
	return u.rec.Hostname()
}

// SetHostname parses v in hostname state (a port in v stops the parse).
func (u *URL) SetHostname(v string) { u.set((*wurl.Url).SetHostname, v) }

// Port is the port, "" when it is null (or the scheme's default).
func (u *URL) Port() string {
	if f := u.canonical(); f != nil {
		return f.port()
	}
	return u.rec.Port()
}

// SetPort sets the port from the leading digits of v ("" removes it), unless the URL cannot have
// a port.
func (u *URL) SetPort(v string) { u.set((*wurl.Url).SetPort, v) }

// Pathname is the URL path serialized.
func (u *URL) Pathname() string {
	if f := u.canonical(); f != nil {
		return f.pathname()
	}
	return u.rec.Pathname()
}

// SetPathname empties the path and parses v in path start state; opaque paths are left alone.
func (u *URL) SetPathname(v string) { u.set((*wurl.Url).SetPathname, v) }

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
	return webidl.Define(r, webidl.Spec[*URL]{
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
		Statics: []webidl.StaticMethod{
			// URL.canParse(url, base) (§6.1).
			{Name: "canParse", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				_, _, _, err := parseArgs(call.Arguments)
				return vm.ToValue(err == nil)
			}},
			// URL.parse(url, base): the URL, or null where the constructor would throw (§6.1).
			{Name: "parse", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				u, _, _, err := parseArgs(call.Arguments)
				if err != nil {
					return goja.Null()
				}
				return c.url.Wrap(u)
			}},
		},
	})
}
