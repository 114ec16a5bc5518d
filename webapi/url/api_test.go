package url_test

import (
	"reflect"
	"testing"

	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// TestGoURL uses the URL state from Go, as NextURL and fetch do.
func TestGoURL(t *testing.T) {
	u, err := url.ParseWithBase("../x?a=1&b=2#f", "https://user@example.com:8443/a/b/c")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{u.Href(), u.Origin(), u.Protocol(), u.Username(), u.Host(), u.Hostname(), u.Port(), u.Pathname(), u.Search(), u.Hash()}
	want := []string{"https://user@example.com:8443/a/x?a=1&b=2#f", "https://example.com:8443", "https:", "user", "example.com:8443", "example.com", "8443", "/a/x", "?a=1&b=2", "#f"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("getters\n got %q\nwant %q", got, want)
	}

	// The query object is live both ways.
	p := u.SearchParams()
	p.Set("a", "x y")
	p.Delete("b", nil)
	if got := u.Href(); got != "https://user@example.com:8443/a/x?a=x+y#f" {
		t.Errorf("after Set/Delete: %s", got)
	}
	u.SetSearch("?z=9")
	if v, ok := p.Get("z"); !ok || v != "9" || p.Len() != 1 {
		t.Errorf("after SetSearch: %v %v %d", v, ok, p.Len())
	}
	p.Delete("z", nil)
	if got := u.Href(); got != "https://user@example.com:8443/a/x#f" {
		t.Errorf("empty list removes the query: %s", got)
	}
	if err := u.SetHref("not a url"); err != url.ErrInvalidURL {
		t.Errorf("SetHref(invalid) = %v", err)
	}
	u.SetPathname("/p q")
	u.SetPort("443")
	if got := u.Href(); got != "https://user@example.com/p%20q#f" {
		t.Errorf("setters: %s", got)
	}

	for _, bad := range []string{"", "/relative", "http://[::1", "http://a b/"} {
		if _, err := url.Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
	if _, err := url.ParseWithBase("x", ""); err == nil {
		t.Error("an empty base is not a URL")
	}
}

// TestGoJSBridge makes JS objects from Go and reads them back.
func TestGoJSBridge(t *testing.T) {
	env := webapitest.New(t, webapitest.Options{}, url.Install)
	r := env.Realm
	o, err := url.NewURL(r, "http://h/p?q=1")
	if err != nil {
		t.Fatal(err)
	}
	params := url.NewSearchParams(r, [][2]string{{"a", "1"}, {"b", "x y"}})
	env.VM.Set("u", o)
	env.VM.Set("p", params)
	if got := env.Run(`u.searchParams.append("r", "2"); return [u instanceof URL, u.href, p instanceof URLSearchParams, String(p)].join(" ")`).String(); got != "true http://h/p?q=1&r=2 true a=1&b=x+y" {
		t.Errorf("JS view: %s", got)
	}
	state, ok := url.Class(r).Unwrap(o)
	if !ok || state.Href() != "http://h/p?q=1&r=2" {
		t.Errorf("Unwrap: %v %v", state, ok)
	}
	if url.SearchParamsObject(r, state) != env.Run(`return u.searchParams`) {
		t.Error("SearchParamsObject is not the searchParams object")
	}
	list, ok := url.SearchParamsList(r, env.Run(`return new URLSearchParams("k=v&k=w")`))
	if !ok || !reflect.DeepEqual(list, [][2]string{{"k", "v"}, {"k", "w"}}) {
		t.Errorf("SearchParamsList: %v %v", list, ok)
	}
	if _, ok := url.SearchParamsList(r, env.Run(`return {}`)); ok {
		t.Error("SearchParamsList accepted a plain object")
	}
	if _, err := url.NewURL(r, "nope"); err == nil {
		t.Error("NewURL accepted an invalid URL")
	}
}

// TestForm checks the application/x-www-form-urlencoded codec (URL Standard §5) from Go.
func TestForm(t *testing.T) {
	parse := []struct {
		in   string
		want [][2]string
	}{
		{"", nil},
		{"a=1&b=2", [][2]string{{"a", "1"}, {"b", "2"}}},
		{"a+b=c+d", [][2]string{{"a b", "c d"}}},
		{"&&x&=y&", [][2]string{{"x", ""}, {"", "y"}}},
		{"%41=%c3%a9&%zz=%4", [][2]string{{"A", "é"}, {"%zz", "%4"}}},
		{"a=%E2%82%41&b=%FF", [][2]string{{"a", "\uFFFDA"}, {"b", "\uFFFD"}}},
		{"k=a=b", [][2]string{{"k", "a=b"}}},
	}
	for _, tt := range parse {
		if got := url.ParseForm(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	serialize := []struct {
		in   [][2]string
		want string
	}{
		{nil, ""},
		{[][2]string{{"a b", "c&d"}}, "a+b=c%26d"},
		{[][2]string{{"k", "*-._~!'()+"}}, "k=*-._%7E%21%27%28%29%2B"},
		{[][2]string{{"é", "😀"}, {"", ""}}, "%C3%A9=%F0%9F%98%80&="},
	}
	for _, tt := range serialize {
		if got := url.SerializeForm(tt.in); got != tt.want {
			t.Errorf("SerializeForm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
