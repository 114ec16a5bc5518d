package e2e

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"testing"
)

// Tests of the harness's own helpers, so a parity failure is about jsroute and not about the harness.

func TestHasLogLine(t *testing.T) {
	for _, tc := range []struct {
		output string
		want   bool
	}{
		{"GET /ts/cors 200 1.2ms\n", true},
		{"2026/01/01 12:00:00 [200] GET \"/ts/cors\" 850µs\n", true},
		{"GET /ts/cors 200\n", false},      // no duration
		{"GET /ts/corsx 200 3ms\n", false}, // another path
		{"GET /ts/cors 2000 3ms\n", false}, // another status
		{"GET /ts/cors\n200 3ms\n", false}, // split over lines
		{"ready\nPOST /ts/cors 405 12.5us\nGET /ts/cors 200 1s\n", true},
	} {
		if got := hasLogLine(tc.output, "GET", "/ts/cors", "200"); got != tc.want {
			t.Errorf("hasLogLine(%q) = %v, want %v", tc.output, got, tc.want)
		}
	}
}

func TestRoutePattern(t *testing.T) {
	for _, tc := range []struct {
		file, path string
		want       bool
	}{
		{"app/ts/cors/route.ts", "/ts/cors", true},
		{"app/ts/cors/route.ts", "/ts/cors?x=1", true},
		{"app/ts/cors/route.ts", "/ts/cors/", false},
		{"app/ts/items/[slug]/route.ts", "/ts/items/a", true},
		{"app/ts/items/[slug]/route.ts", "/ts/items/a/b", false},
		{"app/js/api/search/route.js", "/js/api/search?query=hello", true},
	} {
		if got := routePattern(tc.file).MatchString(tc.path); got != tc.want {
			t.Errorf("routePattern(%s) matches %s = %v, want %v", tc.file, tc.path, got, tc.want)
		}
	}
}

func TestDecoded(t *testing.T) {
	const text = "Hello, Next.js!"
	var gz, zl bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(text))
	w.Close()
	z := zlib.NewWriter(&zl)
	z.Write([]byte(text))
	z.Close()
	for _, tc := range []struct {
		encoding string
		body     []byte
	}{{"", []byte(text)}, {"gzip", gz.Bytes()}, {"deflate", zl.Bytes()}} {
		got, err := decoded(tc.body, tc.encoding)
		if err != nil || string(got) != text {
			t.Errorf("decoded(%q) = %q, %v", tc.encoding, got, err)
		}
	}
	if _, err := decoded([]byte("x"), "br"); err == nil {
		t.Errorf("decoded(br) did not fail")
	}
}
