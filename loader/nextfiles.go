package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// NextFiles are the project files Next.js reads besides the app directory.
type NextFiles struct {
	// Config is next.config.* relative to Root ("" when there is none), in Next's order of
	// preference: .js, .mjs, .ts, .mts, .cjs, .cts.
	Config string
	// Middleware is proxy.* (Next 16) or middleware.* relative to Root, beside the app
	// directory: the project root for app/, src/ for src/app/. "" when there is none.
	Middleware string
	// MiddlewareExport is the named export Next calls: "proxy" or "middleware" (a default
	// export works for both).
	MiddlewareExport string
}

var configNames = []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.mts", "next.config.cjs", "next.config.cts"}

var middlewareExts = []string{".ts", ".js", ".mjs", ".tsx", ".jsx", ".mts", ".cjs"}

// FindNextFiles looks for next.config.* in the project root and for proxy.* / middleware.*
// beside the app directory. Both a proxy and a middleware file is an error, as in Next 16.
func FindNextFiles(app App) (NextFiles, error) {
	var nf NextFiles
	for _, n := range configNames {
		if isFile(filepath.Join(app.Root, n)) {
			nf.Config = n
			break
		}
	}
	dir := filepath.Dir(app.AppDir)
	rel, err := filepath.Rel(app.Root, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		dir, rel = app.Root, "."
	}
	var found []string
	for _, base := range []string{"proxy", "middleware"} {
		for _, ext := range middlewareExts {
			if isFile(filepath.Join(dir, base+ext)) {
				found = append(found, filepath.ToSlash(filepath.Join(rel, base+ext)))
				if nf.Middleware == "" {
					nf.Middleware, nf.MiddlewareExport = found[len(found)-1], base
				}
				break
			}
		}
	}
	if len(found) > 1 {
		return nf, fmt.Errorf("jsroute: both %s and %s exist: Next.js 16 accepts only one (rename middleware to proxy)", found[1], found[0])
	}
	return nf, nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// Module is one file bundled alone: next.config or the middleware.
type Module struct {
	// Code sets globalThis[<global>] to the file's module namespace (a CommonJS file's
	// module.exports is its `default`).
	Code string
	// Name is the program name to compile Code under.
	Name     string
	Warnings []Diagnostic
	// Inputs are the files the module was made from, as Bundle.Inputs (dev and Options.Inputs only).
	Inputs []string
}

// BuildModule bundles one project file (file relative to app.Root) into its own program,
// with the same esbuild options as the routes. Next runs middleware and next.config apart
// from the routes, so they get their own module instances here too.
func BuildModule(app App, file, global string, opts Options) (*Module, error) {
	if !validRel(file) {
		return nil, fmt.Errorf("jsroute: bad module path %q", file)
	}
	appRel, err := filepath.Rel(app.Root, app.AppDir)
	if err != nil {
		return nil, err
	}
	b := &builder{root: app.Root, appRel: filepath.ToSlash(appRel), opts: opts}
	o := b.options(nil, nil)
	o.Stdin.Contents = fmt.Sprintf("import * as m from %s;\nglobalThis[%s] = m;\n", jsString("./"+file), jsString(global))
	name := "jsroute-" + strings.NewReplacer("/", "-", ".", "-").Replace(file) + ".js"
	o.Outfile = filepath.Join(app.Root, name)
	// next/constants (the PHASE_* names a function-form config compares with) resolves to
	// its values; it must be seen before the host plugin, which refuses unknown next/*.
	o.Plugins = append([]api.Plugin{constantsPlugin()}, o.Plugins...)
	res := api.Build(o)
	if len(res.Errors) > 0 {
		return nil, diagnosticsError(b.diagnostics(res.Errors, false))
	}
	m := &Module{Name: name, Warnings: b.diagnostics(res.Warnings, true), Inputs: metafileInputs(res.Metafile)}
	if len(res.OutputFiles) > 0 {
		m.Code = string(res.OutputFiles[0].Contents)
	}
	return m, nil
}

// nextConstants are the values of next/constants a config may import
// (packages/next/src/shared/lib/constants.ts).
const nextConstants = `export const PHASE_EXPORT = 'phase-export';
export const PHASE_ANALYZE = 'phase-analyze';
export const PHASE_PRODUCTION_BUILD = 'phase-production-build';
export const PHASE_PRODUCTION_SERVER = 'phase-production-server';
export const PHASE_DEVELOPMENT_SERVER = 'phase-development-server';
export const PHASE_TEST = 'phase-test';
export const PHASE_INFO = 'phase-info';
`

func constantsPlugin() api.Plugin {
	return api.Plugin{
		Name: "jsroute-next-constants",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^next/constants(\.js)?$`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					return api.OnResolveResult{Path: "next/constants", Namespace: "jsroute-next-constants"}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "jsroute-next-constants"},
				func(api.OnLoadArgs) (api.OnLoadResult, error) {
					c := nextConstants
					return api.OnLoadResult{Contents: &c, Loader: api.LoaderJS}, nil
				})
		},
	}
}
