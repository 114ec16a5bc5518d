package loader

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// RoutesGlobal is the global the bundle fills with one module namespace object per route, keyed by the route
// file's path relative to the app directory: globalThis.__jsrouteRoutes["api/hello/route.ts"].GET.
const RoutesGlobal = "__jsrouteRoutes"

// BundleName is the program name to give goja for Bundle.Code. The inline source map lists sources relative to
// the project root, and goja resolves them against this name's directory, so stack traces read
// "app/api/boom/route.ts:11:8" as Next's do.
const BundleName = "jsroute-bundle.js"

// entryName names the synthetic entry in diagnostics and in the source map.
const entryName = "<jsroute-entry>"

// Options tune Build.
type Options struct {
	// Dev selects process.env.NODE_ENV "development" (next dev) instead of "production" (next start).
	Dev bool
	// Define adds esbuild defines: expression → JS literal, e.g. "process.env.NEXT_PUBLIC_API" →
	// `"https://example.com"`, as Next inlines NEXT_PUBLIC_ variables at build time.
	Define map[string]string
	// Compile, when set, is the runtime's compile check of a bundle: nil when it compiles, else where and why
	// not. Build then lowers or leaves out what fails (compile.go).
	Compile func(code string) *CompileError
	// Metadata holds the metadata routes with code (MetaText, from ScanMetadata) by their Route name; those
	// names may be among the routes given to Build, and are bundled as generated modules (MetadataModule).
	Metadata map[string]Metadata
	// Bindings are the names the Go program exposes as `jsroute:host` (hostbindings.go).
	Bindings []string
	// NoAccelerate leaves pure-JavaScript packages jsroute would run in Go (AcceleratedPackages: bcryptjs)
	// to run as they are.
	NoAccelerate bool
	// Inputs fills Bundle.Inputs and Module.Inputs outside dev too (jsroute build records them: artifact.go).
	Inputs bool
	// Vendor, when set (dev), bundles the app's packages apart, once, and the app without them (vendor.go).
	Vendor *Vendor
	// CatchOverflow runs the try blocks of the project's own files through the host's TryHelper, so that
	// their catch and finally see a stack overflow as Node's RangeError (trycatch.go). The program then
	// needs TryHelper installed.
	CatchOverflow bool
}

// Bundle is the result of Build: one IIFE program for every route that builds.
type Bundle struct {
	// Code is the whole program with an inline source map. Running it sets globalThis.__jsrouteRoutes.
	Code string
	// Name is the program name to compile Code under (BundleName).
	Name string
	// Routes are the route paths (relative to the app directory) Code contains, in the order given to Build.
	Routes []string
	// Failed holds the routes left out because they do not build or the runtime cannot compile them, each with
	// its errors. The engine answers them 500 with these diagnostics and serves the other routes.
	Failed map[string][]Diagnostic
	// Warnings are esbuild's warnings for the routes in Code.
	Warnings []Diagnostic
	// Inputs are the files the bundle was made from, slash-separated and relative to the project root
	// (virtual host modules left out); filled in dev, for the watcher (App.Relevant), and for Options.Inputs.
	Inputs []string
	// Lowered names the files transformed because the runtime could not compile them as they are, each with
	// the place and why (compile.go).
	Lowered []Diagnostic
	// HostPackages names the npm packages the bundle imports that the host provides in Go (HostPackages,
	// AcceleratedPackages), for the start-up log: nothing is substituted silently.
	HostPackages []string
	// Vendor, with Options.Vendor, is the program holding the app's packages, to run before Code; nil when
	// Code holds them (vendor.go).
	Vendor *VendorProgram
}

// Build bundles routes (paths relative to app.AppDir, as Scan returns them) into one program with one esbuild
// build. When that build fails, the routes that cause the errors are found and left out (Bundle.Failed), and
// the rest are built again: one broken route never takes the others down. Build returns an error only for bad
// arguments or for errors no single route explains.
func Build(app App, routes []string, opts Options) (*Bundle, error) {
	appRel, err := filepath.Rel(app.Root, app.AppDir)
	if err != nil {
		return nil, fmt.Errorf("jsroute: app directory %s is not under %s: %w", app.AppDir, app.Root, err)
	}
	seen := map[string]bool{}
	for _, r := range routes {
		if !validRel(r) || seen[r] {
			return nil, fmt.Errorf("jsroute: bad or repeated route path %q", r)
		}
		seen[r] = true
	}
	if opts.Vendor != nil {
		if bundle, err := buildSplit(app, routes, opts); bundle != nil || err != nil {
			return bundle, err
		}
		opts.Vendor = nil // the split does not work for this app as it is: one bundle
	}
	b := &builder{root: app.Root, appRel: filepath.ToSlash(appRel), opts: opts, lower: map[string][]string{}}
	if opts.Compile != nil {
		b.recallLowerings()
	}
	bundle, err := b.buildRoutes(routes)
	if err != nil {
		return nil, err
	}
	return b.compileRounds(bundle)
}

// buildSplit is Build with Options.Vendor: the packages in the vendor program, the rest in Code. A nil
// bundle and error mean the vendor program could not be made (vendor.go).
func buildSplit(app App, routes []string, opts Options) (*Bundle, error) {
	appRel, _ := filepath.Rel(app.Root, app.AppDir)
	b := &builder{root: app.Root, appRel: filepath.ToSlash(appRel), opts: opts, lower: map[string][]string{},
		vendor: &vendorSet{files: map[string]string{}}}
	if opts.Compile != nil {
		b.recallLowerings()
	}
	bundle, err := b.buildRoutes(routes)
	if err != nil {
		return nil, err
	}
	if b.vendor.nodeMode {
		return nil, nil // the stand-ins would change what a default import gives (vendorSet.nodeMode)
	}
	var vendor *VendorProgram
	if len(b.vendor.files) > 0 {
		if vendor = b.vendorProgram(opts.Vendor, b.vendor.files); vendor == nil {
			return nil, nil
		}
	}
	if bundle, err = b.compileRounds(bundle); err != nil || bundle == nil {
		return bundle, err
	}
	if vendor != nil {
		bundle.Vendor = vendor
		bundle.Inputs = slices.Compact(slices.Sorted(slices.Values(append(bundle.Inputs, vendor.Inputs...))))
		bundle.HostPackages = slices.Compact(slices.Sorted(slices.Values(append(bundle.HostPackages, vendor.HostPackages...))))
	}
	return bundle, nil
}

// buildRoutes is Build before the compile check.
func (b *builder) buildRoutes(routes []string) (*Bundle, error) {
	res := b.build(routes, nil)
	if len(res.Errors) == 0 {
		return b.bundle(routes, res, nil), nil
	}
	if global(res.Errors) {
		return nil, diagnosticsError(b.diagnostics(res.Errors, false))
	}
	failed := b.attribute(routes)
	ok := without(routes, failed)
	res = b.build(ok, nil)
	if len(res.Errors) > 0 {
		// Some error is not tied to one route by the import graph (no location, say): try the rest one by one.
		for _, r := range ok {
			if solo := b.build([]string{r}, nil); len(solo.Errors) > 0 {
				failed[r] = b.diagnostics(solo.Errors, false)
			}
		}
		ok = without(routes, failed)
		res = b.build(ok, nil)
		if len(res.Errors) > 0 {
			return nil, diagnosticsError(b.diagnostics(res.Errors, false))
		}
	}
	return b.bundle(ok, res, failed), nil
}

type builder struct {
	root   string
	appRel string // slash-separated app directory relative to root: "app" or "src/app"
	opts   Options
	// lower holds the files to transform before bundling (absolute path → esbuild features to turn off), and
	// lowered says why, as warnings (compile.go).
	lower    map[string][]string
	lowered  []Diagnostic
	hostPkgs hostPackages
	// vendor, in a split build (vendor.go), collects the package files the app imports.
	vendor *vendorSet
	// tsconfig is the root's tsconfig.json for the files importMetaPlugin transforms.
	tsconfigOnce sync.Once
	tsconfig     string
}

// entry is the synthetic module that registers every route under its path as a loader: a function that
// initialises the route's module and returns a promise of its namespace (see moduleInit).
func (b *builder) entry(routes []string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "globalThis.%s = {", RoutesGlobal)
	for i, r := range routes {
		if i > 0 {
			s.WriteString(",")
		}
		fmt.Fprintf(&s, "\n  %s: () => import(%s)", jsString(r), jsString(b.importPath(r)))
	}
	s.WriteString("\n};\n")
	return s.String()
}

// importPath is the entry's import specifier for a route.
func (b *builder) importPath(route string) string {
	if _, ok := b.opts.Metadata[route]; ok {
		return metadataNamespace + ":" + route
	}
	return "./" + b.appRel + "/" + route
}

// supported turns off what goja lacks. esbuild then lowers it (async generators, for await, using and
// decorators, which need the host's Symbol.asyncIterator/dispose; import() of a bundled file), reports it
// (import.meta: a warning, and it becomes {}), or leaves it to fail where it runs (the regexp features become
// `new RegExp` calls). See research/goja-esbuild.md §1–2. Top-level await stays: it ends up inside the async
// initialiser of its module (moduleInit).
var supported = map[string]bool{
	"async-generator":                 false,
	"for-await":                       false,
	"regexp-match-indices":            false,
	"regexp-unicode-property-escapes": false,
	"regexp-set-notation":             false,
	"using":                           false,
	"decorators":                      false,
	"import-meta":                     false,
	"dynamic-import":                  false,
}

// options are the esbuild options of research/goja-esbuild.md §2. AbsWorkingDir is the project root, so
// tsconfig.json `paths` and node_modules resolve from it, and diagnostics and source map sources come out
// relative to it.
func (b *builder) options(routes []string, extra []api.Plugin) api.BuildOptions {
	nodeEnv := "production"
	if b.opts.Dev {
		nodeEnv = "development"
	}
	define := map[string]string{
		"process.env.NODE_ENV":     jsString(nodeEnv),
		"process.env.NEXT_RUNTIME": jsString("nodejs"),
	}
	for k, v := range b.opts.Define {
		define[k] = v
	}
	return api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   b.entry(routes),
			ResolveDir: b.root,
			Sourcefile: entryName,
			Loader:     api.LoaderJS,
		},
		AbsWorkingDir: b.root,
		Outfile:       filepath.Join(b.root, BundleName),
		Write:         false,
		Bundle:        true,
		KeepNames:     true,               // fn.name and constructor.name as in Node, even when esbuild renames a clash (D → D2)
		Format:        api.FormatESModule, // wrapped into a script: see moduleInit
		Banner:        map[string]string{"js": bundleBanner},
		Footer:        map[string]string{"js": bundleFooter},
		Target:        api.ES2022,
		Supported:     supported,
		// The server build, as Next bundles a route handler: Node's platform (main fields "main,module",
		// the "node" condition, never a package's browser build) plus the react-server condition of
		// Next's server-components layer, where app routes are compiled; "module" stays on, as esbuild
		// drops it once conditions are set.
		Platform:       api.PlatformNode,
		Conditions:     []string{"react-server", "module"},
		JSX:            api.JSXAutomatic, // as Next's SWC, whatever tsconfig's "jsx" says (goja cannot run JSX)
		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentExclude,
		Charset:        api.CharsetUTF8,
		LogLevel:       api.LogLevelSilent,
		Define:         define,
		Plugins:        append(b.plugins(), extra...),
		Metafile:       b.opts.Dev || b.opts.Inputs,
	}
}

// plugins are the plugins of every build: the host modules, and the lowering of files the runtime cannot
// compile as they are (compile.go).
func (b *builder) plugins() []api.Plugin {
	ps := []api.Plugin{b.ogPlugin(), hostPlugin(), nodeBuiltinsPlugin(), b.hostPackagesPlugin(), b.metadataPlugin(), bindingsPlugin(b.opts.Bindings)}
	if len(b.lower) > 0 {
		ps = append(ps, b.lowerPlugin())
	}
	if b.vendor != nil {
		ps = append(ps, b.vendorPlugin(b.vendor)) // after the host modules: see vendorPlugin
	}
	return append(ps, b.importMetaPlugin()) // last: a file lowered above keeps esbuild's import.meta
}

func (b *builder) build(routes []string, extra []api.Plugin) api.BuildResult {
	return api.Build(b.options(routes, extra))
}

func (b *builder) bundle(routes []string, res api.BuildResult, failed map[string][]Diagnostic) *Bundle {
	if failed == nil {
		failed = map[string][]Diagnostic{}
	}
	var code string
	if len(res.OutputFiles) > 0 {
		code = propertyLiterals(string(res.OutputFiles[0].Contents))
	}
	return &Bundle{
		Code:     code,
		Name:     BundleName,
		Routes:   append([]string{}, routes...),
		Failed:   failed,
		Warnings: b.diagnostics(res.Warnings, true),
		Lowered:  append([]Diagnostic(nil), b.lowered...),
		Inputs:   metafileInputs(res.Metafile),

		HostPackages: b.hostPkgs.list(),
	}
}

// metafileInputs lists the files of esbuild's metafile (its "inputs" keys: paths relative to the working
// directory, the project root), less the virtual modules (namespace:path) and the synthetic entry.
func metafileInputs(metafile string) []string {
	if metafile == "" {
		return nil
	}
	var m struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if json.Unmarshal([]byte(metafile), &m) != nil {
		return nil
	}
	out := make([]string, 0, len(m.Inputs))
	for p := range m.Inputs {
		if strings.Contains(p, ":") || p == entryName {
			continue
		}
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// global reports errors without a place in any file (a bad option, say): no route can be blamed for them.
func global(errs []api.Message) bool {
	for _, m := range errs {
		if m.Location != nil {
			return false
		}
	}
	return true
}

func without(routes []string, drop map[string][]Diagnostic) []string {
	out := []string{}
	for _, r := range routes {
		if _, ok := drop[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// jsString quotes s as a JS string literal (JSON is a subset of JS string syntax).
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func diagnosticsError(ds []Diagnostic) error {
	msgs := make([]string, len(ds))
	for i, d := range ds {
		msgs[i] = d.String()
	}
	return errors.New("jsroute: build failed:\n" + strings.Join(msgs, "\n"))
}
