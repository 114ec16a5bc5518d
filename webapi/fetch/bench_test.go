package fetch_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// benchFn compiles body as a JS function once, so the benchmark times only the calls.
func benchFn(b *testing.B, env *webapitest.Env, params, body string) goja.Callable {
	b.Helper()
	v, err := env.VM.RunString("(function (" + params + ") {" + body + "})")
	if err != nil {
		b.Fatal(err)
	}
	fn, _ := goja.AssertFunction(v)
	return fn
}

// BenchmarkHeadersGetSet: one get and one set on a Headers object from JS.
func BenchmarkHeadersGetSet(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, fetch.Install)
	h, _ := env.VM.RunString(`new Headers({'content-type': 'text/plain', 'x-a': '1', 'x-b': '2'})`)
	fn := benchFn(b, env, "h", `h.set('x-c', 'v'); return h.get('Content-Type')`)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := fn(goja.Undefined(), h); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRequestFromGo: the Request a handler gets for an incoming request (headers are
// read through, not copied), plus one header read from JS.
func BenchmarkRequestFromGo(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, fetch.Install)
	r := httptest.NewRequest("GET", "http://localhost:3000/api/x?y=1", nil)
	for i := 0; i < 20; i++ {
		r.Header.Set("X-Header-"+strings.Repeat("a", i), "value")
	}
	fn := benchFn(b, env, "req", `return req.headers.get('x-header-aaa')`)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		req := fetch.NewIncoming(r, "http://localhost:3000/api/x?y=1")
		obj := fetch.WrapRequest(env.Realm, req, nil)
		if _, err := fn(goja.Undefined(), obj); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResponseJSONToWire: Response.json in JS, then the Go side reads status, headers and
// the body bytes as the engine does before writing them.
func BenchmarkResponseJSONToWire(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, fetch.Install)
	fn := benchFn(b, env, "", `return Response.json({ ok: true, items: [1, 2, 3], name: 'jsroute' })`)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		v, err := fn(goja.Undefined())
		if err != nil {
			b.Fatal(err)
		}
		resp, _ := fetch.ResponseOf(env.Realm, v)
		body, ok := resp.Body.Bytes()
		if !ok || len(body) == 0 || resp.Status != 200 || len(resp.Headers.List.Fields()) != 1 {
			b.Fatal("unexpected response")
		}
	}
}
