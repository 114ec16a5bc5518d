package loader

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// importMetaPlugin gives each bundled file its own import.meta.url (and Node's import.meta.filename and
// import.meta.dirname), as Next's server build does: webpack and Turbopack replace them with the file:// URL
// of the source module, so `fileURLToPath(import.meta.url)` (Prisma 7's generated client sets __dirname
// with it) and `createRequire(import.meta.url)` work. esbuild alone turns import.meta into {} when the
// output is not an ES module (research/goja-esbuild.md §2).
//
// Only files whose text contains "import.meta." are touched: they go through api.Transform with a define
// for that one file (an expression substitution, so a string or comment that mentions import.meta is left
// alone), with an inline source map the bundle's map is chained to. The rest are read once more to look,
// and left to esbuild's own loader.
//
// With Options.CatchOverflow, the project's own files (not node_modules) that contain "try" go through the
// same transform, and then through CatchOverflow (trycatch.go); every file, packages too, that contains
// "arguments" and "=>" goes through it and then FixArrowArguments (arrowargs.go). A file they do not change
// is left to esbuild's loader as before.
func (b *builder) importMetaPlugin() api.Plugin {
	loaders := map[string]api.Loader{".js": api.LoaderJS, ".mjs": api.LoaderJS, ".cjs": api.LoaderJS, ".jsx": api.LoaderJSX,
		".ts": api.LoaderTS, ".mts": api.LoaderTS, ".cts": api.LoaderTS, ".tsx": api.LoaderTSX}
	return api.Plugin{
		Name: "jsroute-import-meta",
		Setup: func(build api.PluginBuild) {
			build.OnLoad(api.OnLoadOptions{Filter: `\.[cm]?[jt]sx?$`, Namespace: "file"},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src, err := os.ReadFile(args.Path)
					if err != nil {
						return api.OnLoadResult{}, nil // esbuild loads it (and reports a read error itself)
					}
					meta := bytes.Contains(src, []byte("import.meta."))
					try := b.opts.CatchOverflow && bytes.Contains(src, []byte("try")) && b.ownFile(args.Path)
					arrowArgs := bytes.Contains(src, []byte("arguments")) && bytes.Contains(src, []byte("=>"))
					if !meta && !try && !arrowArgs {
						return api.OnLoadResult{}, nil
					}
					ext := strings.ToLower(filepath.Ext(args.Path))
					if !meta && !try && plainJS[ext] && analysableAsWritten(src) && !arrowArgumentsNeeded(string(src)) {
						return api.OnLoadResult{}, nil // parsed as it is: nothing to fix, no transform
					}
					loader := loaders[ext]
					var define map[string]string
					if meta {
						fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(args.Path)}).String()
						define = map[string]string{
							"import.meta.url":      jsString(fileURL),
							"import.meta.filename": jsString(args.Path),
							"import.meta.dirname":  jsString(filepath.Dir(args.Path)),
						}
					}
					tsconfig := ""
					if b.ownFile(args.Path) {
						tsconfig = b.tsconfigRaw()
					}
					res := api.Transform(string(src), api.TransformOptions{
						Loader:     loader,
						Sourcefile: args.Path,
						Sourcemap:  api.SourceMapInline,
						Target:     api.ESNext,
						JSX:        api.JSXAutomatic,
						Format:     api.FormatDefault,
						// Lowered as the bundle lowers them, for goja's parser to read the file (FixArrowArguments).
						Supported: map[string]bool{"async-generator": false, "for-await": false},
						Define:    define,
						LogLevel:  api.LogLevelSilent,
						// The project's compiler options (experimentalDecorators, useDefineForClassFields…), as the
						// bundle reads them; `extends` is not followed here. Not for a package's files.
						TsconfigRaw: tsconfig,
					})
					if len(res.Errors) > 0 {
						return api.OnLoadResult{}, nil // esbuild reports the syntax error with its own loader
					}
					code, changed := string(res.Code), meta
					if try {
						var n int
						code, n = CatchOverflow(code)
						changed = changed || n > 0
					}
					if arrowArgs {
						var n int
						code, n = FixArrowArguments(code)
						changed = changed || n > 0
					}
					if !changed {
						return api.OnLoadResult{}, nil
					}
					return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, ResolveDir: filepath.Dir(args.Path)}, nil
				})
		},
	}
}

// plainJS are the extensions whose source goja's parser may read as it is.
var plainJS = map[string]bool{".js": true, ".mjs": true, ".cjs": true}

// ownFile reports whether abs is one of the project's own files: under the root, outside node_modules.
func (b *builder) ownFile(abs string) bool {
	rel, err := filepath.Rel(b.root, abs)
	if err != nil || !validRel(filepath.ToSlash(rel)) {
		return false
	}
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if seg == "node_modules" {
			return false
		}
	}
	return true
}

// tsconfigRaw is the project root's tsconfig.json, read once per build, or "".
func (b *builder) tsconfigRaw() string {
	b.tsconfigOnce.Do(func() {
		if src, err := os.ReadFile(filepath.Join(b.root, "tsconfig.json")); err == nil {
			b.tsconfig = string(src)
		}
	})
	return b.tsconfig
}
