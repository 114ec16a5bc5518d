package loader

import (
	_ "embed"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// next/og. Next's ImageResponse (next/dist/server/og/image-response.js) is a Response whose body stream
// imports next/dist/compiled/@vercel/og/index.node.js on first use and copies the PNG that module renders:
// Satori lays the JSX out with yoga (WebAssembly, inlined as base64) and writes SVG, resvg (WebAssembly,
// resvg.wasm beside the module) rasterises it, in the font beside it (Geist-Regular.ttf), both read with
// fs.readFileSync(fileURLToPath(new URL(name, import.meta.url))). jsroute bundles that very module from the
// app's own `next` package, so the PNG is Next's; ogwrapper.js is the Response around it. Two things in the
// module cannot run as they are and are patched when it loads (ogPatches): import.meta (an ES module's URL,
// which a script bundle has not) becomes the file's URL, and the optional `import("sharp")` (a native addon)
// fails, which the module takes as "no sharp" and renders with resvg.
//
// Without node_modules/next the import falls through to the host stub (webapi/next/next.js), whose
// ImageResponse throws, naming what to install.

// OgModulePath is where the @vercel/og build Next runs lives inside the `next` package.
const OgModulePath = "next/dist/compiled/@vercel/og/index.node.js"

const ogNamespace = "jsroute-og"

//go:embed ogwrapper.js
var ogWrapperJS string

// FindOgModule looks for OgModulePath in node_modules folders from dir up, as Node resolves a package,
// and returns the module's absolute path.
func FindOgModule(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		p := filepath.Join(dir, "node_modules", filepath.FromSlash(OgModulePath))
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
}

// ogPatch is one textual change to the @vercel/og module. Old must occur, so that a build of Next whose
// module changed is a clear build error, never a silently half-patched module.
type ogPatch struct {
	Old, New, Why string
}

// ogPatches returns the changes for the module at file.
func ogPatches(file string) []ogPatch {
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	return []ogPatch{
		{Old: "import.meta.url", New: jsString(u),
			Why: "import.meta: the module's URL (yoga's locateFile, the font and resvg.wasm paths)"},
		{Old: `import("sharp")`, New: `Promise.reject(new Error("sharp is a native addon jsroute cannot load"))`,
			Why: "the optional sharp rasteriser: absent, @vercel/og renders with resvg"},
	}
}

// patchOg applies ogPatches to the module's source.
func patchOg(file, src string) (string, error) {
	for _, p := range ogPatches(file) {
		if !strings.Contains(src, p.Old) {
			return "", fmt.Errorf("jsroute cannot run this build of next/og: %s no longer contains %s (%s); "+
				"jsroute knows the @vercel/og of next 16", file, p.Old, p.Why)
		}
		src = strings.ReplaceAll(src, p.Old, p.New)
	}
	return src, nil
}

// ogPlugin resolves `next/og` to ogwrapper.js around the app's @vercel/og module when node_modules holds
// it, and loads that module patched (lowered too when the compile check asked for it: compile.go).
func (b *builder) ogPlugin() api.Plugin {
	return api.Plugin{
		Name: "jsroute-og",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^next/og(\.js)?$`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					dir := args.ResolveDir
					if dir == "" {
						dir = b.root
					}
					og, ok := FindOgModule(dir)
					if !ok {
						return api.OnResolveResult{}, nil // the host stub: its ImageResponse says what is missing
					}
					return api.OnResolveResult{Path: og, Namespace: ogNamespace}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: ogNamespace},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src := strings.ReplaceAll(ogWrapperJS, "__JSROUTE_OG_MODULE__", jsString(args.Path))
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS, ResolveDir: filepath.Dir(args.Path)}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `[\\/]node_modules[\\/]next[\\/]dist[\\/]compiled[\\/]@vercel[\\/]og[\\/]index\.node\.js$`, Namespace: "file"},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					raw, err := os.ReadFile(args.Path)
					if err != nil {
						return api.OnLoadResult{}, err
					}
					src, err := patchOg(args.Path, string(raw))
					if err != nil {
						return api.OnLoadResult{Errors: []api.Message{{Text: err.Error()}}}, nil
					}
					if features, ok := b.lower[args.Path]; ok {
						return b.lowerSource(args.Path, src, features)
					}
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS, ResolveDir: filepath.Dir(args.Path)}, nil
				})
		},
	}
}
