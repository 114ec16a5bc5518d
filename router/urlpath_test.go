package router

import "testing"

// Expected values are what Node 20 gives for new URL(p, "http://n").pathname,
// decodeURIComponent and URLSearchParams.
func TestNormalizePath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"/", "/"},
		{"/a/b", "/a/b"},
		{"/a/./b", "/a/b"},
		{"/a/../b", "/b"},
		{"/..", "/"},
		{"/../../a", "/a"},
		{"/a/.", "/a/"},
		{"/a/..", "/"},
		{"/a/%2e", "/a/"},
		{"/a/%2E%2e/b", "/b"},
		{"/a/.%2e/b", "/b"},
		{"/a/%2e./b", "/b"},
		{"/a/...", "/a/..."},
		{"/a/%2e%2e%2e", "/a/%2e%2e%2e"},
		{"/a/.b", "/a/.b"},
		{`/a"b<c>` + "`{d}^|", "/a%22b%3Cc%3E%60%7Bd%7D^|"},
		{"/a%20b/%zz", "/a%20b/%zz"},
	} {
		if got := normalizePath(c.in); got != c.want {
			t.Errorf("normalizePath(%q) = %q, want %q", c.in, got, c.want)
		}
		if s := scanTarget(c.in); s.normalize != (c.in != c.want) {
			t.Errorf("scanTarget(%q).normalize = %v", c.in, s.normalize)
		}
	}
}

func TestScanTarget(t *testing.T) {
	for _, c := range []struct {
		in   string
		want pathScan
	}{
		{"/", pathScan{end: 1}},
		{"/a/b", pathScan{end: 4}},
		{"//", pathScan{end: 2, slashes: true}},
		{"/a//b", pathScan{end: 5, slashes: true}},
		{`/a\b`, pathScan{end: 4, slashes: true}},
		{"/a/.", pathScan{end: 4, normalize: true}},
		{"/./a", pathScan{end: 4, normalize: true}},
		{"/a/%2E%2e/", pathScan{end: 10, normalize: true}},
		{"/a{b}", pathScan{end: 5, normalize: true}},
		{"/a#b//c/..", pathScan{end: 2}},
		{"/a/..#x", pathScan{end: 5, normalize: true}},
		{"/a#\x01", pathScan{end: 2, bad: true}},
		{"/caf\xc3\xa9", pathScan{end: 6, bad: true}},
	} {
		if got := scanTarget(c.in); got != c.want {
			t.Errorf("scanTarget(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestDecodeComponent(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"abc", "abc", true},
		{"a%2Fb", "a/b", true},
		{"a%2fb", "a/b", true},
		{"%41%42", "AB", true},
		{"a+b", "a+b", true},
		{"%C3%A9", "é", true},
		{"%F0%9F%98%80", "😀", true},
		{"%", "", false},
		{"%4", "", false},
		{"%zz", "", false},
		{"%C3", "", false},
		{"%C3%28", "", false},
		{"%ED%A0%80", "", false},    // surrogate
		{"%C0%AF", "", false},       // overlong
		{"%F4%90%80%80", "", false}, // > U+10FFFF
	} {
		got, ok := decodeComponent(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("decodeComponent(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFormDecode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a+b", "a b"},
		{"%zz", "%zz"},
		{"%4", "%4"},
		{"%41%2b", "A+"},
		{"%E0%A4%A", "\uFFFD%A"},
		{"%FF%FF", "\uFFFD\uFFFD"},
		{"%F0%9F%98", "\uFFFD"},
		{"%ED%A0%80", "\uFFFD\uFFFD\uFFFD"},
		{"%C0%AF", "\uFFFD\uFFFD"},
		{"%E2%82%AC", "€"},
	} {
		if got := formDecode(c.in); got != c.want {
			t.Errorf("formDecode(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRedirectSearch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"&&", ""},
		{"a", "?a="},
		{"a=1&b=2&a=3", "?a=1&a=3&b=2"},
		{"x=€ &y", "?x=%E2%82%AC%20&y="},
		{"0=a&1=b&00=c", "?0=a&1=b&00=c"},
		{"valueOf=1", "?valueOf=&valueOf=1"},
	} {
		if got := redirectSearch(c.in); got != c.want {
			t.Errorf("redirectSearch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
