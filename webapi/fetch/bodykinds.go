package fetch

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// blobBody: a Blob's bytes, with its type as the content type (Fetch §5.1 "extract a body").
func (a *api) blobBody(v goja.Value) (*Body, string, bool) {
	b, ok := file.BlobOf(a.r, v)
	if !ok {
		return nil, "", false
	}
	return BytesBody(b.Bytes()), b.Type(), true
}

// formDataBody: multipart/form-data with a fresh boundary.
func (a *api) formDataBody(v goja.Value) (*Body, string, bool) {
	f, ok := file.FormDataOf(a.r, v)
	if !ok {
		return nil, "", false
	}
	body, ct := f.Multipart()
	return BytesBody(body), ct, true
}

// searchParamsBody: application/x-www-form-urlencoded;charset=UTF-8.
func (a *api) searchParamsBody(v goja.Value) (*Body, string, bool) {
	list, ok := url.SearchParamsList(a.r, v)
	if !ok {
		return nil, "", false
	}
	return BytesBody([]byte(url.SerializeForm(list))), "application/x-www-form-urlencoded;charset=UTF-8", true
}

func (a *api) newBlob(b []byte, ct string) goja.Value {
	return file.NewBlob(a.r, append([]byte(nil), b...), ct)
}

// parseFormData implements formData() (Fetch §5.3 "package data", FormData case): multipart
// and urlencoded bodies; anything else is a TypeError. The messages are Node 20's (undici), which
// route handlers under `next start` show (e2e/testdata/nextjs/reqedge-app.json, b-form-*).
func (a *api) parseFormData(b []byte, ct string) goja.Value {
	switch essence(ct) {
	case "multipart/form-data":
		entries, err := file.ParseMultipart(b, ct)
		if err != nil {
			panic(webidl.TypeError(a.r.VM, "Failed to parse body as FormData."))
		}
		return file.NewFormData(a.r, entries)
	case "application/x-www-form-urlencoded":
		var entries []file.Entry
		for _, kv := range url.ParseForm(decodeUTF8(b)) {
			entries = append(entries, file.Entry{Name: kv[0], Value: kv[1]})
		}
		return file.NewFormData(a.r, entries)
	}
	panic(webidl.TypeError(a.r.VM, `Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".`))
}

// newSignal makes a request's own AbortSignal (never aborted unless the engine aborts it).
func (a *api) newSignal() *goja.Object {
	sig, _ := dom.NewAbortController(a.r)
	return sig
}

// abortSignal aborts a signal made by newSignal, with the default AbortError reason.
func (a *api) abortSignal(sig *goja.Object) {
	if s, ok := dom.SignalOf(a.r, sig); ok {
		s.Abort(goja.Undefined())
	}
}

// followSignal makes the request's signal follow the given one (Fetch §5.4 step 29).
func (a *api) followSignal(v goja.Value) *goja.Object {
	s, ok := dom.SignalOf(a.r, v)
	if !ok {
		panic(webidl.TypeError(a.r.VM, "Failed to construct 'Request': member signal is not of type AbortSignal."))
	}
	return dom.Any(a.r, []*dom.AbortSignal{s}).Object()
}
