package url

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type classes struct {
	url    *webidl.Class[*URL]
	params *webidl.Class[*SearchParams]

	objectURLs map[string]*file.Blob // the blob URL store, by id (see objecturl.go)
}

type stateKey struct{}

// defined returns the realm's URL and URLSearchParams classes, defining them on first use.
func defined(r *webapi.Realm) *classes {
	return r.State(stateKey{}, func() any {
		c := &classes{objectURLs: map[string]*file.Blob{}}
		c.params = defineSearchParams(r)
		c.url = defineURL(r, c)
		// Node.js 20's property order (Object.getOwnPropertyNames shows it).
		webidl.Reorder(r.VM, c.url.Proto, "toString", "href", "origin", "protocol", "username", "password", "host",
			"hostname", "port", "pathname", "search", "searchParams", "hash", "toJSON")
		webidl.Reorder(r.VM, c.params.Proto, "size", "append", "delete", "get", "getAll", "has", "set", "sort", "entries",
			"forEach", "keys", "values", "toString")
		return c
	}).(*classes)
}

// Install defines the globals URL (with createObjectURL and revokeObjectURL) and URLSearchParams.
func Install(r *webapi.Realm) {
	c := defined(r)
	c.url.Global()
	c.params.Global()
}

// Class is the realm's URL class, for packages that build on it (NextURL): Wrap makes a URL
// object around Go state, Unwrap reads it back, Ctor and Proto are there to extend.
func Class(r *webapi.Realm) *webidl.Class[*URL] { return defined(r).url }

// SearchParamsClass is the realm's URLSearchParams class.
func SearchParamsClass(r *webapi.Realm) *webidl.Class[*SearchParams] { return defined(r).params }

// NewURL parses href (absolute) and returns a new URL object.
func NewURL(r *webapi.Realm, href string) (*goja.Object, error) {
	u, err := Parse(href)
	if err != nil {
		return nil, err
	}
	return defined(r).url.Wrap(u), nil
}

// NewSearchParams returns a new URLSearchParams object holding a copy of list.
func NewSearchParams(r *webapi.Realm, list [][2]string) *goja.Object {
	p := NewSearchParamsState(list)
	p.obj = defined(r).params.Wrap(p)
	return p.obj
}

// SearchParamsList returns a copy of the list of a URLSearchParams object; ok is false when v is
// not one.
func SearchParamsList(r *webapi.Realm, v goja.Value) ([][2]string, bool) {
	p, ok := defined(r).params.Unwrap(v)
	if !ok {
		return nil, false
	}
	return p.List(), true
}

// SearchParamsObject returns u's query object as JS, the same object every time (the
// searchParams getter).
func SearchParamsObject(r *webapi.Realm, u *URL) *goja.Object {
	p := u.SearchParams()
	if p.obj == nil {
		p.obj = defined(r).params.Wrap(p)
	}
	return p.obj
}

// invalidURL is Node's TypeError for a failed parse: message "Invalid URL", code
// ERR_INVALID_URL, and the input (and base) that failed.
func invalidURL(vm *goja.Runtime, input string, base *string) *goja.Object {
	e := webidl.TypeError(vm, "Invalid URL")
	e.Set("code", "ERR_INVALID_URL")
	e.Set("input", input)
	if base != nil {
		e.Set("base", *base)
	}
	return e
}

// missingArgs is Node's TypeError for a call with too few arguments.
func missingArgs(vm *goja.Runtime, args []goja.Value, n int, names string) {
	if len(args) < n {
		e := webidl.TypeError(vm, "The %s must be specified", names)
		e.Set("code", "ERR_MISSING_ARGS")
		panic(e)
	}
}
