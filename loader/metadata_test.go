package loader

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestMetadataOf(t *testing.T) {
	for _, tc := range []struct {
		dir, base string
		want      Metadata // zero: not a metadata file
	}{
		{"", "robots.ts", Metadata{File: "robots.ts", Route: "robots.txt/route.ts", Kind: MetaText, Name: "robots", ContentType: "text/plain"}},
		{"", "robots.txt", Metadata{File: "robots.txt", Route: "robots.txt/route.ts", Kind: MetaStatic, Name: "robots", ContentType: "text/plain"}},
		{"blog", "robots.ts", Metadata{}}, // robots only at the root
		{"", "manifest.ts", Metadata{File: "manifest.ts", Route: "manifest.webmanifest/route.ts", Kind: MetaText, Name: "manifest", ContentType: "application/manifest+json"}},
		{"", "manifest.json", Metadata{File: "manifest.json", Route: "manifest.json/route.ts", Kind: MetaStatic, Name: "manifest", ContentType: "application/manifest+json"}},
		{"docs", "sitemap.xml", Metadata{File: "docs/sitemap.xml", Route: "docs/sitemap.xml/route.ts", Kind: MetaStatic, Name: "sitemap", ContentType: "application/xml"}},
		{"(group)/docs", "sitemap.js", Metadata{File: "(group)/docs/sitemap.js", Route: "(group)/docs/sitemap.xml/route.ts", Kind: MetaText, Name: "sitemap", ContentType: "application/xml"}},
		{"", "favicon.ico", Metadata{File: "favicon.ico", Route: "favicon.ico/route.ts", Kind: MetaStatic, Name: "favicon", ContentType: "image/x-icon"}},
		{"blog", "favicon.ico", Metadata{}}, // favicon only at the root
		{"", "icon.svg", Metadata{File: "icon.svg", Route: "icon.svg/route.ts", Kind: MetaStatic, Name: "icon", ContentType: "image/svg+xml"}},
		{"", "icon2.png", Metadata{File: "icon2.png", Route: "icon2.png/route.ts", Kind: MetaStatic, Name: "icon", ContentType: "image/png"}},
		{"", "apple-icon.jpg", Metadata{File: "apple-icon.jpg", Route: "apple-icon.jpg/route.ts", Kind: MetaStatic, Name: "apple-icon", ContentType: "image/jpeg"}},
		{"", "apple-icon.svg", Metadata{}}, // not an apple-icon extension
		{"blog", "opengraph-image.gif", Metadata{File: "blog/opengraph-image.gif", Route: "blog/opengraph-image.gif/route.ts", Kind: MetaStatic, Name: "opengraph-image", ContentType: "text/plain"}},
		{"og", "opengraph-image.tsx", Metadata{File: "og/opengraph-image.tsx", Route: "og/opengraph-image/route.ts", Kind: MetaImage, Name: "opengraph-image"}},
		{"", "twitter-image.alt.txt", Metadata{}},
		{"", "iconic.png", Metadata{}},
		{"", "route.ts", Metadata{}},
	} {
		got, ok := metadataOf(tc.dir, tc.base)
		if ok != (tc.want != Metadata{}) || got != tc.want {
			t.Errorf("metadataOf(%q, %q) = %+v, %v; want %+v", tc.dir, tc.base, got, ok, tc.want)
		}
	}
}

func TestScanMetadataSitemaps(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"sitemap.ts":          "export default () => []",
		"shop/sitemap.ts":     "export async function generateSitemaps() { return [{ id: 0 }] }\nexport default () => []",
		"_private/robots.txt": "User-Agent: *",
		"route.ts":            "export const GET = () => new Response('')",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	ms, err := ScanMetadata(dir)
	if err != nil {
		t.Fatal(err)
	}
	var routes []string
	for _, m := range ms {
		routes = append(routes, m.Route)
	}
	want := []string{"shop/sitemap/[__metadata_id__]/route.ts", "sitemap.xml/route.ts"}
	if !reflect.DeepEqual(routes, want) {
		t.Errorf("routes = %q, want %q", routes, want)
	}
	if !ms[0].Sitemaps || ms[1].Sitemaps {
		t.Errorf("Sitemaps = %v, %v; want true, false", ms[0].Sitemaps, ms[1].Sitemaps)
	}
}
