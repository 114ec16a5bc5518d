package url

import (
	"math/rand/v2"
	"testing"
)

// TestCanonicalFastPath checks that whenever parseCanonical takes an input, the full parser
// agrees that the input is its own serialization and yields the same components; and that the
// URLs route handlers see every request take it.
func TestCanonicalFastPath(t *testing.T) {
	for _, s := range []string{
		"http://localhost:3000/api/items?limit=10&cursor=abc#top",
		"https://example.com/",
		"https://my-app.vercel.app/api/search?q=hello%20world&page=2",
		"wss://example.com:8443/socket",
	} {
		if _, ok := parseCanonical(s); !ok {
			t.Errorf("not taken: %s", s)
		}
	}

	parts := [][]string{
		{"http", "https", "wss", "ftp", "HTTP"},
		{"://", ":/", "://u@"},
		{"h", "a.b.c", "a..b", "a.", "xn--nxasmq6b", "1.2.3.4", "a.0x1", "a.09", "a.b9", "-a", "ExAmple", "ex%41mple", "é", "[::1]"},
		{"", ":", ":0", ":080", ":443", ":8080", ":65535", ":65536"},
		{"", "/", "/a/b", "//", "/.", "/a/../b", "/%2E%2e/x", "/.a", "/...", "/a b", "/a\\b", "/a%zz", "/a|b^c[d]", "/a{b}", "/a`b", "/é", "/a'b", "/~u!$&'()*+,;="},
		{"", "?", "?a=1&b=2", "?a b", "?'", "?{}`|", "?a?b", "?%zz"},
		{"", "#", "#f", "#a b", "#`", "#a#b"},
	}
	taken := 0
	check := func(s string) {
		f, ok := parseCanonical(s)
		if !ok {
			return
		}
		taken++
		rec, err := basicParse(s, nil)
		if err != nil {
			t.Errorf("fast path took %q, which does not parse", s)
			return
		}
		got := []string{f.href, f.scheme() + ":", f.host(), f.hostname(), f.port(), f.pathname(), f.search(), f.hash(), f.query()}
		want := []string{rec.Href(false), rec.Protocol(), rec.Host(), rec.Hostname(), rec.Port(), rec.Pathname(), rec.Search(), rec.Hash(), rec.Query()}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: component %d is %q, the parser says %q", s, i, got[i], want[i])
			}
		}
		if rec.Username() != "" || rec.Password() != "" {
			t.Errorf("%q has credentials", s)
		}
	}
	var walk func(i int, prefix string)
	walk = func(i int, prefix string) {
		if i == len(parts) {
			check(prefix)
			return
		}
		for _, p := range parts[i] {
			walk(i+1, prefix+p)
		}
	}
	walk(0, "")

	// Random printable ASCII around a canonical skeleton.
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("abcz09-._~:/?#[]@!$&'()*+,;=%\"<>\\^`{|} \t\x7fAZ")
	for range 50000 {
		b := []byte("http://a.b:81/p/q?x=1#f")
		for range 1 + rng.IntN(3) {
			i := rng.IntN(len(b) + 1)
			c := alphabet[rng.IntN(len(alphabet))]
			if rng.IntN(2) == 0 && i < len(b) {
				b[i] = c
			} else {
				b = append(b[:i], append([]byte{c}, b[i:]...)...)
			}
		}
		check(string(b))
	}
	if taken < 10000 {
		t.Errorf("only %d inputs took the fast path", taken)
	}
}
