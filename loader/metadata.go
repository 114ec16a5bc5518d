package loader

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Metadata routes: Next's metadata file conventions (app/robots.ts, app/sitemap.xml, app/icon.png, ...),
// served as route handlers are. Next turns each into a generated route module
// (packages/next/src/build/webpack/loaders/next-metadata-route-loader.ts); jsroute does the same: static
// files are answered from Go bytes, robots/sitemap/manifest code and image code (icon.tsx,
// opengraph-image.tsx: next/og's ImageResponse, og.go) become virtual route modules in the bundle.

// MetadataKind tells how a metadata file is served.
type MetadataKind int

const (
	// MetaStatic is a file served as it is: favicon.ico, robots.txt, sitemap.xml, icon.png, ...
	MetaStatic MetadataKind = iota + 1
	// MetaText is robots, sitemap or manifest code whose default export returns the data to serialise.
	MetaText
	// MetaImage is image code (icon, apple-icon, opengraph-image, twitter-image .js/.ts/.tsx): its default
	// export returns a Response, usually next/og's ImageResponse (og.go).
	MetaImage
)

// Metadata is one metadata file of the app.
type Metadata struct {
	// File is the file's path relative to the app directory: "blog/opengraph-image.png".
	File string
	// Route is the route file name the router and the bundle know it by, under the folder whose URL it
	// is served at: "blog/opengraph-image.png/route.ts", "robots.txt/route.ts",
	// "products/sitemap/[__metadata_id__]/route.ts" (generateSitemaps). No such file exists.
	Route string
	Kind  MetadataKind
	// Name is the convention: robots, sitemap, manifest, favicon, icon, apple-icon, opengraph-image,
	// twitter-image.
	Name string
	// ContentType is what Next answers with (getContentType of the route loader).
	ContentType string
	// Sitemaps is set for a sitemap module that exports generateSitemaps.
	Sitemaps bool
	// ImageMetadata is set for an image module that exports generateImageMetadata: its images are served
	// at <name>/<id>.
	ImageMetadata bool
}

// MetadataCacheControl is the Cache-Control of every metadata route answer under `next start`
// (CACHE_HEADERS.REVALIDATE of the route loader; recorded in e2e/testdata/nextjs/metadata-app.json).
const MetadataCacheControl = "public, max-age=0, must-revalidate"

var (
	codeExts       = []string{"js", "jsx", "ts", "tsx"}
	metadataImages = map[string][]string{
		"icon":            {"ico", "jpg", "jpeg", "png", "svg"},
		"apple-icon":      {"jpg", "jpeg", "png"},
		"favicon":         {"ico"},
		"opengraph-image": {"jpg", "jpeg", "png", "gif"},
		"twitter-image":   {"jpg", "jpeg", "png", "gif"},
	}
	// numbered matches the variants Next accepts: icon1.png, opengraph-image2.tsx.
	numbered = regexp.MustCompile(`^(icon|apple-icon|opengraph-image|twitter-image)(\d?)$`)
	// hasGenerateSitemaps finds the named export Next looks for.
	hasGenerateSitemaps = regexp.MustCompile(`export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+generateSitemaps\b|export\s*\{[^}]*\bgenerateSitemaps\b`)
	// hasGenerateImageMetadata finds the named export that makes an image module serve several images.
	hasGenerateImageMetadata = regexp.MustCompile(`export\s+(?:async\s+)?(?:function\s*\*?|const|let|var)\s+generateImageMetadata\b|export\s*\{[^}]*\bgenerateImageMetadata\b`)
)

// metadataOf classifies one file (dir relative to the app directory, "" at the root).
func metadataOf(dir, base string) (Metadata, bool) {
	name, ext, ok := strings.Cut(base, ".")
	if !ok || strings.Contains(ext, ".") {
		return Metadata{}, false
	}
	root := dir == ""
	m := Metadata{File: path.Join(dir, base), Name: name}
	isCode := slices.Contains(codeExts, ext)
	switch {
	case name == "robots" && root && (ext == "txt" || isCode):
		m.ContentType = "text/plain"
		m.Route = "robots.txt/route.ts"
	case name == "manifest" && root && (ext == "json" || ext == "webmanifest" || isCode):
		m.ContentType = "application/manifest+json"
		m.Route = base + "/route.ts"
		if isCode {
			m.Route = "manifest.webmanifest/route.ts"
		}
	case name == "sitemap" && (ext == "xml" || isCode):
		m.ContentType = "application/xml"
		m.Route = path.Join(dir, "sitemap.xml", "route.ts")
	case name == "favicon" && root && ext == "ico":
		m.ContentType = "image/x-icon"
		m.Route = "favicon.ico/route.ts"
	default:
		g := numbered.FindStringSubmatch(name)
		if g == nil {
			return Metadata{}, false
		}
		m.Name = g[1]
		switch {
		case slices.Contains(metadataImages[g[1]], ext):
			m.ContentType = imageContentType(ext)
			m.Route = path.Join(dir, base, "route.ts")
		case isCode:
			m.Kind = MetaImage
			m.Route = path.Join(dir, name, "route.ts")
			return m, true
		default:
			return Metadata{}, false
		}
	}
	m.Kind = MetaStatic
	if isCode {
		m.Kind = MetaText
	}
	return m, true
}

// imageContentType is Next's imageExtMimeTypeMap, and text/plain for anything else (gif: as Next).
func imageContentType(ext string) string {
	switch ext {
	case "jpg", "jpeg":
		return "image/jpeg"
	case "png":
		return "image/png"
	case "ico":
		return "image/x-icon"
	case "svg":
		return "image/svg+xml"
	}
	return "text/plain"
}

// ScanMetadata lists the metadata files under appDir (the folders Scan enters), sorted by route. A sitemap
// module that exports generateSitemaps is served at sitemap/[id].xml instead of sitemap.xml.
func ScanMetadata(appDir string) ([]Metadata, error) {
	var out []Metadata
	err := filepath.WalkDir(appDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == appDir {
				return err
			}
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != appDir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(appDir, p)
		if err != nil {
			return err
		}
		dir := path.Dir(filepath.ToSlash(rel))
		if dir == "." {
			dir = ""
		}
		m, ok := metadataOf(dir, d.Name())
		if !ok {
			return nil
		}
		if m.Kind == MetaText && m.Name == "sitemap" {
			if src, err := os.ReadFile(p); err == nil && hasGenerateSitemaps.Match(src) {
				m.Sitemaps = true
				m.Route = path.Join(dir, "sitemap", "[__metadata_id__]", "route.ts")
			}
		}
		if m.Kind == MetaImage {
			if src, err := os.ReadFile(p); err == nil && hasGenerateImageMetadata.Match(src) {
				m.ImageMetadata = true
				m.Route = path.Join(path.Dir(m.Route), "[__metadata_id__]", "route.ts")
			}
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("jsroute: scan %s: %w", appDir, err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Route < out[j].Route })
	return out, nil
}

// MetadataModule is the source of the route module for a MetaText or MetaImage file: it imports the user's
// module, re-exports its segment config (export *: never default), and answers GET with the serialised data,
// or with the Response the image function returns, as Next's generated module does
// (getDynamicTextRouteCode, getDynamicSitemapRouteCode, getSingleImageRouteCode).
func MetadataModule(m Metadata) string {
	var b strings.Builder
	imp := jsString("./" + path.Base(m.File))
	fmt.Fprintf(&b, "import * as userland from %s;\n", imp)
	fmt.Fprintf(&b, "export * from %s;\n", imp)
	if m.Kind == MetaImage {
		// Thrown while the module loads, as Next's errorOnBadHandler: the route answers 500 with it.
		fmt.Fprintf(&b, "if (typeof userland.default !== 'function') throw new Error(%s);\n",
			jsString("Default export is missing in "+jsString(m.File)))
		if m.ImageMetadata {
			fmt.Fprintf(&b, "import { serveImages, imageIds } from %s;\n", jsString(metadataRuntime))
			fmt.Fprintf(&b, "export function GET(_, ctx) { return serveImages(userland, %s, ctx); }\n", jsString(m.File))
			b.WriteString("export const " + SitemapIDsExport + " = () => imageIds(userland);\n")
			return b.String()
		}
		b.WriteString("export async function GET(_, ctx) { return userland.default({ params: ctx.params }); }\n")
		return b.String()
	}
	fmt.Fprintf(&b, "import { serve, serveSitemaps, sitemapIds } from %s;\n", jsString(metadataRuntime))
	fmt.Fprintf(&b, "const file = %s, kind = %s, contentType = %s;\n",
		jsString(m.File), jsString(m.Name), jsString(m.ContentType))
	if m.Sitemaps {
		b.WriteString("export function GET(_, ctx) { return serveSitemaps(userland, file, contentType, ctx); }\n")
		// The ids to prerender, as Next's generateStaticParams for the route (read by the engine).
		b.WriteString("export const " + SitemapIDsExport + " = () => sitemapIds(userland);\n")
	} else {
		b.WriteString("export function GET() { return serve(userland, file, kind, contentType); }\n")
	}
	return b.String()
}

// SitemapIDsExport names the function a generateSitemaps or generateImageMetadata route module exports: it
// returns a promise of the URL ids ("0.xml", "small") the module lists.
const SitemapIDsExport = "__jsrouteSitemapIds"

//go:embed metadata_runtime.js
var metadataRuntimeJS string

// metadataRuntime is the virtual module holding Next's serialisers (metadata_runtime.js).
const metadataRuntime = "jsroute:metadata"

const metadataNamespace = "jsroute-metadata"

// metadataPlugin serves the virtual route modules of Options.Metadata and the serialisers they import.
func (b *builder) metadataPlugin() api.Plugin {
	return api.Plugin{
		Name: "jsroute-metadata",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^jsroute[-:]metadata`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					if args.Path == metadataRuntime {
						return api.OnResolveResult{Path: metadataRuntime, Namespace: metadataNamespace}, nil
					}
					route, ok := strings.CutPrefix(args.Path, metadataNamespace+":")
					if _, known := b.opts.Metadata[route]; !ok || !known {
						return api.OnResolveResult{}, nil
					}
					return api.OnResolveResult{Path: route, Namespace: metadataNamespace}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: metadataNamespace},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					if args.Path == metadataRuntime {
						return api.OnLoadResult{Contents: &metadataRuntimeJS, Loader: api.LoaderJS}, nil
					}
					m := b.opts.Metadata[args.Path]
					src := MetadataModule(m)
					dir := filepath.Join(b.root, filepath.FromSlash(b.appRel), filepath.FromSlash(path.Dir(m.File)))
					return api.OnLoadResult{Contents: &src, ResolveDir: dir, Loader: api.LoaderJS}, nil
				})
		},
	}
}
