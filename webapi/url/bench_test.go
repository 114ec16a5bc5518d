package url_test

import (
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// BenchmarkURLSearchParamsGet is the request hot path: new URL(x) and one searchParams.get.
func BenchmarkURLSearchParamsGet(b *testing.B) {
	env := webapitest.New(b, webapitest.Options{}, url.Install)
	fn, err := env.VM.RunString(`(function (href) { return new URL(href).searchParams.get('query') })`)
	if err != nil {
		b.Fatal(err)
	}
	call, _ := goja.AssertFunction(fn)
	href := env.VM.ToValue("https://example.com/api/search?query=hello%20world&page=2&sort=desc")
	b.ReportAllocs()
	for b.Loop() {
		v, err := call(goja.Undefined(), href)
		if err != nil || v.String() != "hello world" {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkParse is the Go side alone.
func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		u, err := url.Parse("https://example.com/api/search?query=hello%20world&page=2&sort=desc")
		if err != nil {
			b.Fatal(err)
		}
		if v, _ := u.SearchParams().Get("query"); v != "hello world" {
			b.Fatal(v)
		}
	}
}
