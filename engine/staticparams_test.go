package engine

import "testing"

func TestFillSegments(t *testing.T) {
	for _, c := range []struct {
		dir    string
		params map[string]any
		want   string
		ok     bool
	}{
		{"static/[slug]/data.json", map[string]any{"slug": "first"}, "/static/first/data.json", true},
		{"(shop)/items/[id]", map[string]any{"id": "a b/c"}, "/items/a%20b%2Fc", true},
		{"docs/[...path]", map[string]any{"path": []any{"a", "b"}}, "/docs/a/b", true},
		{"docs/[...path]", map[string]any{"path": []any{}}, "", false},
		{"docs/[[...path]]", map[string]any{}, "/docs", true},
		{"t/[tenant]/[...rest]", map[string]any{"tenant": "v", "rest": []any{"x"}}, "/t/v/x", true},
		{"static/[slug]", map[string]any{"other": "x"}, "", false},
		{"static/[slug]", map[string]any{"slug": 3.0}, "", false},
	} {
		got, ok := fillSegments(c.dir, c.params)
		if got != c.want || ok != c.ok {
			t.Errorf("fillSegments(%q, %v) = %q, %v; want %q, %v", c.dir, c.params, got, ok, c.want, c.ok)
		}
	}
}

func TestMetadataNamed(t *testing.T) {
	for file, want := range map[string]bool{
		"robots.txt/route.ts":       true,
		"sitemap.xml/route.ts":      true,
		"blog/sitemap.xml/route.ts": true,
		"blog/robots.txt/route.ts":  false,
		"plain-get/route.ts":        false,
		"api/hello.json/route.ts":   false,
	} {
		if got := metadataNamed(file); got != want {
			t.Errorf("metadataNamed(%q) = %v, want %v", file, got, want)
		}
	}
}
