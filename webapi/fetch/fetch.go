// Package fetch implements the Fetch Standard's classes (https://fetch.spec.whatwg.org/):
// Headers, Request, Response and the Body mixin, with their spec state in Go so the engine can
// read a handler's Response without going back into JS.
package fetch

import (
	"github.com/dop251/goja"
	whatwg "github.com/nlnwa/whatwg-url/url"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type stateKey struct{}

// api is the fetch area of one realm.
type api struct {
	r        *webapi.Realm
	headers  *webidl.Class[*Headers]
	request  *webidl.Class[*Request]
	response *webidl.Class[*Response]

	jsonParse, jsonStringify goja.Callable
	stringifyGuard           stringifyGuard // deepjson.go

	// bodyKinds recognise the other BodyInit kinds (Blob, FormData, URLSearchParams,
	// ReadableStream); each returns the body and its content type.
	bodyKinds []func(v goja.Value) (*Body, string, bool)
}

func of(r *webapi.Realm) *api { return r.Get(stateKey{}).(*api) }

// Install defines Headers, Request and Response in the realm.
func Install(r *webapi.Realm) {
	a := &api{r: r}
	r.Set(stateKey{}, a)
	json := r.VM.Get("JSON").(*goja.Object)
	a.jsonParse, _ = goja.AssertFunction(json.Get("parse"))
	a.jsonStringify, _ = goja.AssertFunction(json.Get("stringify"))
	a.defineDeepJSONParse()
	a.defineDeepJSONStringify()
	a.bodyKinds = append(a.bodyKinds, a.blobBody, a.formDataBody, a.searchParamsBody, a.streamBody)
	a.defineHeaders()
	a.defineRequest()
	a.defineResponse()
	a.defineFetch()
}

// RequestClass and ResponseClass let subclasses (NextRequest, NextResponse) extend them.
func RequestClass(r *webapi.Realm) *webidl.Class[*Request]   { return of(r).request }
func ResponseClass(r *webapi.Realm) *webidl.Class[*Response] { return of(r).response }

// WrapRequest makes the JS object of a Go Request, with the given class (nil: Request).
func WrapRequest(r *webapi.Realm, req *Request, proto *goja.Object) *goja.Object {
	c := of(r).request
	if proto == nil {
		proto = c.Proto
	}
	return c.WrapAs(req, proto)
}

// ResponseOf returns the Go state of a JS Response (or of a subclass).
func ResponseOf(r *webapi.Realm, v goja.Value) (*Response, bool) { return of(r).responseOf(v) }

// RequestOf returns the Go state of a JS Request (or of a subclass).
func RequestOf(r *webapi.Realm, v goja.Value) (*Request, bool) { return of(r).requestOf(v) }

// parseURL runs the URL parser (URL §4.4) on s against base ("" for none) and returns the href.
func parseURL(s, base string) (string, bool) {
	var u *whatwg.Url
	var err error
	if base == "" {
		u, err = whatwg.Parse(s)
	} else {
		u, err = whatwg.ParseRef(base, s)
	}
	if err != nil {
		return "", false
	}
	return u.Href(false), true
}

func hasCredentials(href string) bool {
	u, err := whatwg.Parse(href)
	return err == nil && (u.Username() != "" || u.Password() != "")
}
