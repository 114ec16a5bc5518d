package loader

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// ogModuleText is the shape of next 16's @vercel/og module where the patches apply (the real one is 800 KB:
// fixtures/og-app runs it end to end in e2e).
const ogModuleText = `var A = import.meta.url;
async function getSharp() {
  try { return (await import("sharp")).default } catch { return undefined }
}
export class ImageResponse extends Response {
  constructor(el, opts) { super(new URL("./resvg.wasm", import.meta.url).href); getSharp() }
}
`

func writeOgApp(t *testing.T, og string) string {
	t.Helper()
	root := t.TempDir()
	writeFile(t, root, "app/og/route.tsx", "import { ImageResponse } from 'next/og'\n"+
		"export function GET() { return new ImageResponse({ type: 'div', props: { children: 'Hi' } }) }\n")
	if og != "" {
		writeFile(t, root, "node_modules/"+OgModulePath, og)
	}
	return root
}

func buildOgApp(t *testing.T, root string) *Bundle {
	t.Helper()
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(app, []string{"og/route.tsx"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOgResolvesToNextsModule: with next in node_modules, next/og is the wrapper around its @vercel/og,
// patched (import.meta.url is the file's URL, sharp is absent) and imported only when a body is read.
func TestOgResolvesToNextsModule(t *testing.T) {
	root := writeOgApp(t, ogModuleText)
	b := buildOgApp(t, root)
	if len(b.Failed) > 0 {
		t.Fatalf("failed: %v", b.Failed)
	}
	og, _ := filepath.EvalSymlinks(filepath.Join(root, "node_modules", filepath.FromSlash(OgModulePath)))
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(og)}).String()
	for _, want := range []string{
		jsString(fileURL),
		"sharp is a native addon jsroute cannot load",
		"public, max-age=0, must-revalidate",
		`static displayName = "ImageResponse"`,
	} {
		if !strings.Contains(b.Code, want) {
			t.Errorf("bundle lacks %s", want)
		}
	}
	for _, bad := range []string{"import.meta", `import("sharp")`, "__jsrouteModules[\"next/og\"]"} {
		if strings.Contains(b.Code, bad) {
			t.Errorf("bundle still holds %s", bad)
		}
	}
}

// TestOgWithoutNext: without node_modules/next, next/og is the host stand-in, whose ImageResponse says
// what to install.
func TestOgWithoutNext(t *testing.T) {
	b := buildOgApp(t, writeOgApp(t, ""))
	if len(b.Failed) > 0 {
		t.Fatalf("failed: %v", b.Failed)
	}
	if !strings.Contains(b.Code, `globalThis.__jsrouteModules["next/og"]`) {
		t.Errorf("next/og is not the host module")
	}
}

// TestOgUnknownBuild: a @vercel/og module the patches do not fit is a build error for the route that
// imports it, naming the file and what is missing.
func TestOgUnknownBuild(t *testing.T) {
	b := buildOgApp(t, writeOgApp(t, "export class ImageResponse extends Response {}\n"))
	ds := b.Failed["og/route.tsx"]
	if len(ds) == 0 {
		t.Fatalf("route built; want a diagnostic")
	}
	text := ds[0].String()
	if !strings.Contains(text, "index.node.js no longer contains import.meta.url") {
		t.Errorf("diagnostic = %s", text)
	}
}

func TestMetadataModuleImage(t *testing.T) {
	src := MetadataModule(Metadata{File: "blog/opengraph-image.tsx", Route: "blog/opengraph-image/route.ts", Kind: MetaImage, Name: "opengraph-image"})
	for _, want := range []string{
		`import * as userland from "./opengraph-image.tsx"`,
		`throw new Error("Default export is missing in \"blog/opengraph-image.tsx\"")`,
		"return userland.default({ params: ctx.params })",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("module lacks %s:\n%s", want, src)
		}
	}
}

// TestScanMetadataImages: an image file with generateImageMetadata is served per id, at <name>/<id>.
func TestScanMetadataImages(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "shop/icon.tsx", "export function generateImageMetadata() { return [{ id: 'small' }] }\nexport default () => null")
	writeFile(t, dir, "blog/[slug]/opengraph-image.tsx", "export default () => null")
	ms, err := ScanMetadata(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 {
		t.Fatalf("ScanMetadata = %+v", ms)
	}
	if m := ms[0]; m.Route != "blog/[slug]/opengraph-image/route.ts" || m.ImageMetadata || m.Kind != MetaImage {
		t.Errorf("opengraph-image: %+v", m)
	}
	m := ms[1]
	if m.Route != "shop/icon/[__metadata_id__]/route.ts" || !m.ImageMetadata || m.Kind != MetaImage {
		t.Errorf("icon: %+v", m)
	}
	if src := MetadataModule(m); !strings.Contains(src, `serveImages(userland, "shop/icon.tsx", ctx)`) || !strings.Contains(src, SitemapIDsExport) {
		t.Errorf("module:\n%s", src)
	}
}
