// Tests of how answers are shaped as next start shapes them: ETag, compression, Vary, the query of
// request.url, revalidateTag tags.
package engine

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

func TestETagIsNexts(t *testing.T) {
	// Recorded from next start: TRACE's text/plain 500 (e2e/testdata/nextjs/behaviour-app.json).
	if got := etag("Internal Server Error"); got != `"66fci67lppl"` {
		t.Errorf("etag = %s, Next sent \"66fci67lppl\"", got)
	}
}

func TestNegotiateEncoding(t *testing.T) {
	for _, tc := range []struct{ accept, want string }{
		{"", ""},
		{"gzip", "gzip"},
		{"deflate", "deflate"},
		{"br", ""},
		{"br, gzip", "gzip"},
		{"gzip, deflate, br", "gzip"},
		{"deflate, gzip", "gzip"}, // deflate yields to gzip
		{"gzip;q=0, deflate", "deflate"},
		{"gzip;q=0.5, identity", ""},
		{"*", "gzip"},
		{"identity", ""},
		{"gzip;q=0", ""},
		{"GZIP", "gzip"},
	} {
		if got := negotiateEncoding(tc.accept); got != tc.want {
			t.Errorf("negotiateEncoding(%q) = %q, want %q", tc.accept, got, tc.want)
		}
	}
}

func TestCompressible(t *testing.T) {
	for ct, want := range map[string]bool{
		"text/plain;charset=UTF-8":      true,
		"application/json":              true,
		"application/manifest+json":     true,
		"application/xml":               true,
		"image/x-icon":                  true,
		"image/png":                     false,
		"image/svg+xml":                 true,
		"application/octet-stream":      false,
		"application/x-custom+xml":      true,
		"":                              false,
		"TEXT/HTML; charset=utf-8":      true,
		"application/vnd.unknown.thing": false,
	} {
		if got := compressible(ct); got != want {
			t.Errorf("compressible(%q) = %v, want %v", ct, got, want)
		}
	}
}

func TestNextQuery(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"x=1", "x=1"},
		{"a=1&a=2&b=3", "a=1&a=2&b=3"},
		{"query=a%20b&x=%2F+y", "query=a+b&x=%2F+y"}, // recorded (metadata-app raw-query)
		{"c=x+y&d=%20%2B%26&e=caf%C3%A9", "c=x+y&d=+%2B%26&e=caf%C3%A9"},
		{"b&f=&=empty", "b=&f=&=empty"},
		{"a=%zz", "a=%25zz"},
		{"&&a=1&", "a=1"},
		{"k=v/w", "k=v%2Fw"},
	} {
		if got := nextQuery(tc.raw); got != tc.want {
			t.Errorf("nextQuery(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

func TestNoTransform(t *testing.T) {
	for cc, want := range map[string]bool{
		"no-cache, no-transform": true, "no-transform": true, "public,no-transform ,max-age=0": true,
		"": false, "private, no-cache": false, "no-transformation": false, "NO-TRANSFORM": false,
	} {
		if got := noTransform(cc); got != want {
			t.Errorf("noTransform(%q) = %v, want %v", cc, got, want)
		}
	}
}

func TestAddVary(t *testing.T) {
	for _, tc := range []struct{ have, want string }{
		{"", "Accept-Encoding"},
		{routeVary, routeVary + ", Accept-Encoding"},
		{"Origin", "Origin, Accept-Encoding"},
		{"origin, accept-encoding", "origin, accept-encoding"},
		{"*", "*"},
	} {
		h := http.Header{}
		if tc.have != "" {
			h.Set("Vary", tc.have)
		}
		addVary(h, "Accept-Encoding")
		if got := h.Get("Vary"); got != tc.want {
			t.Errorf("addVary(%q) = %q, want %q", tc.have, got, tc.want)
		}
	}
}

// Next's implicit tags of a request (implicit-tags.js), and what revalidatePath/revalidateTag invalidate.
func TestImplicitTags(t *testing.T) {
	got := implicitTags("blog/[slug]/route.ts", "/blog/a/")
	want := []string{"_N_T_/layout", "_N_T_/blog/layout", "_N_T_/blog/[slug]/layout", "_N_T_/blog/[slug]/route", "_N_T_/blog/a"}
	if !slices.Equal(got, want) {
		t.Errorf("implicitTags = %q, want %q", got, want)
	}
	if got := implicitTags("route.ts", "/"); !slices.Equal(got, []string{"_N_T_/layout", "_N_T_/route", "_N_T_/"}) {
		t.Errorf("root route: %q", got)
	}
	got2 := revalidateTags([]string{"path:/blog/a/", "tag:posts", "path:/", "tag@31536000:max", "path@layout:/blog/[slug]"})
	want2 := []tagInvalidation{{tags: []string{"_N_T_/blog/a"}}, {tags: []string{"posts"}}, {tags: []string{"_N_T_/", "_N_T_/index"}},
		{tags: []string{"max"}, expire: 365 * 24 * time.Hour}, {tags: []string{"_N_T_/blog/[slug]/layout"}}}
	if fmt.Sprint(got2) != fmt.Sprint(want2) {
		t.Errorf("revalidateTags = %v, want %v", got2, want2)
	}
}
