package loader

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

// The dev split: node_modules in a bundle of their own, built and compiled once.
//
// An edit under `jsroute dev` changes the app's own files, almost never its packages, yet one bundle for the
// whole app makes every reload bundle, print and compile the packages again: with zod, ~700 KB of bundle, that
// is 100–200 ms of esbuild and ~100 ms of goja compile per save (measured by e2e TestDevReloadLatency; esbuild's
// incremental Rebuild does not help, research/goja-esbuild.md §2.2: linking and printing dominate). So in dev,
// as Next's dev server keeps node_modules out of the route bundles it recompiles, Build with Options.Vendor
// makes two programs:
//
//   - the vendor program: every package file the app imports (found while bundling the app), each behind a
//     loader run at most once, `globalThis.__jsrouteVendor("node_modules/zod/index.js")`. It is rebuilt only
//     when that set, the build options, or one of its input files (size, modification time) changes;
//   - the app program: the routes and the app's own files, each package import replaced by a small CommonJS
//     module reading the vendor loader (`module.exports = __jsrouteVendor(key)`), so esbuild's usual
//     interop (__toESM of a CommonJS module, __toCommonJS of an ES module) gives the importer what the one
//     bundle gives it: named, default and namespace imports alike, live bindings included. One difference:
//     two `import * as ns` of one ES module package are equal objects, not the same object.
//
// Anything the split cannot do — a package file that fails to bundle, or that the runtime cannot compile
// (lowering is decided by the whole-app build, compile.go, and remembered for the next vendor build), a
// top-level await in a required package, a package imported from a file in Node's ES module mode (.mjs,
// .mts, "type": "module": esbuild's interop there makes a default import of a CommonJS module its
// module.exports, which is wrong for a stand-in of an ES module) — makes that Build fall back to the one
// bundle. `start` never splits.

// VendorGlobal is the function the vendor program defines: key → the package module's exports.
const VendorGlobal = "__jsrouteVendor"

// VendorName is the program name of the vendor bundle (its inline source map's sources are relative to it).
const VendorName = "jsroute-vendor.js"

// vendorNamespace is the esbuild namespace of the app build's stand-ins for package files.
const vendorNamespace = "jsroute-vendor"

// Vendor is the dev split's state across the Builds of one dev server (Options.Vendor). Its zero value is
// not usable: make it with NewVendor.
type Vendor struct {
	// compile is the runtime's compile of a vendor bundle: the program to keep, or why it does not compile.
	compile func(code string) (any, error)

	mu   sync.Mutex
	last *VendorProgram // the program of the last vendor build, nil before the first
	key  string         // what last was built from: options and package files
	seen []fileStamp    // last's input files as they were
	// broken is the key and stamps of a vendor build that failed: not tried again until something changes.
	broken     string
	brokenSeen []fileStamp
}

// NewVendor makes the state of the dev split; compile is the runtime's compile of a vendor bundle.
func NewVendor(compile func(code string) (any, error)) *Vendor {
	return &Vendor{compile: compile}
}

// VendorProgram is the compiled vendor bundle a split Bundle runs before its own code.
type VendorProgram struct {
	Name string // VendorName
	Code string
	// Program is what Vendor's compile returned for Code.
	Program any
	// Packages are the package files it holds (keys of VendorGlobal), sorted.
	Packages []string
	// Inputs are the files it was made from, relative to the project root (as Bundle.Inputs).
	Inputs []string
	// HostPackages are the packages it takes from the host (Bundle.HostPackages).
	HostPackages []string
	// Took is how long building and compiling it took; 0 when it was reused.
	Took time.Duration
}

type fileStamp struct {
	path    string
	size    int64
	modTime time.Time
}

func stamp(abs string) fileStamp {
	fi, err := os.Stat(abs)
	if err != nil {
		return fileStamp{path: abs, size: -1}
	}
	return fileStamp{path: abs, size: fi.Size(), modTime: fi.ModTime()}
}

func unchanged(stamps []fileStamp) bool {
	for _, s := range stamps {
		if stamp(s.path) != s {
			return false
		}
	}
	return true
}

// vendorProbe marks the plugin's own nested Resolve calls.
type vendorProbe struct{}

// vendorSet collects the package files an app build reached: key (root-relative path) → absolute path.
type vendorSet struct {
	mu    sync.Mutex
	files map[string]string
	// nodeMode is set when a package is imported from a file esbuild treats as Node's ES module (.mjs,
	// .mts, or a package.json with "type": "module"): there a default import of a CommonJS module is its
	// module.exports, so the stand-in would give an ES module package's namespace instead of its default
	// export. Build then makes the one bundle (see vendor.go's top).
	nodeMode bool
	// typeModule caches, per folder, whether its package.json scope says "type": "module".
	typeModule map[string]bool
}

// nodeModeFile reports whether esbuild treats the file abs as Node's ES module: .mjs, .mts, or the nearest
// package.json says "type": "module".
func (s *vendorSet) nodeModeFile(abs string) bool {
	switch strings.ToLower(filepath.Ext(abs)) {
	case ".mjs", ".mts":
		return true
	case ".cjs", ".cts":
		return false
	}
	var walked []string
	result := false
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if v, ok := s.typeModule[dir]; ok {
			result = v
			break
		}
		walked = append(walked, dir)
		if data, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
			var pkg struct {
				Type string `json:"type"`
			}
			_ = json.Unmarshal(data, &pkg)
			result = pkg.Type == "module"
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if s.typeModule == nil {
		s.typeModule = map[string]bool{}
	}
	for _, d := range walked {
		s.typeModule[d] = result
	}
	return result
}

// vendorPlugin replaces every import that resolves into a node_modules folder with a stand-in module reading
// the vendor program. It must come after the host module plugins, so that next/*, node:*, the host packages
// and jsroute:host stay theirs.
func (b *builder) vendorPlugin(set *vendorSet) api.Plugin {
	return api.Plugin{
		Name: "jsroute-vendor",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^[^./]`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					if _, nested := args.PluginData.(vendorProbe); nested || args.Kind == api.ResolveEntryPoint ||
						(args.Namespace != "file" && args.Namespace != "") {
						return api.OnResolveResult{}, nil
					}
					r := build.Resolve(args.Path, api.ResolveOptions{
						Importer:   args.Importer,
						Namespace:  args.Namespace,
						ResolveDir: args.ResolveDir,
						Kind:       args.Kind,
						PluginData: vendorProbe{},
						With:       args.With,
					})
					if len(r.Errors) > 0 || r.External || r.Namespace != "file" ||
						!strings.Contains(filepath.ToSlash(r.Path), "/node_modules/") {
						return api.OnResolveResult{}, nil // esbuild resolves (or reports) it as usual
					}
					key := filepath.ToSlash(r.Path)
					if rel, err := filepath.Rel(b.root, r.Path); err == nil {
						key = filepath.ToSlash(rel)
					}
					set.mu.Lock()
					set.files[key] = r.Path
					if !set.nodeMode && set.nodeModeFile(args.Importer) {
						set.nodeMode = true
					}
					set.mu.Unlock()
					// ".cjs": esbuild takes a module's kind from its extension, and a stand-in is CommonJS
					// even for an .mjs package file.
					return api.OnResolveResult{Path: key + ".cjs", Namespace: vendorNamespace}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: vendorNamespace},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					key := strings.TrimSuffix(args.Path, ".cjs")
					src := fmt.Sprintf("module.exports = globalThis.%s(%s);\n", VendorGlobal, jsString(key))
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS, ResolveDir: b.root}, nil
				})
		},
	}
}

// vendorEntry is the vendor bundle's entry: a loader per package file, each run at most once, so every
// importer gets the same exports object.
func vendorEntry(files map[string]string) string {
	keys := slices.Sorted(maps.Keys(files))
	var s strings.Builder
	s.WriteString("const loaders = {")
	for i, k := range keys {
		if i > 0 {
			s.WriteString(",")
		}
		fmt.Fprintf(&s, "\n  %s: () => require(%s)", jsString(k), jsString(files[k]))
	}
	fmt.Fprintf(&s, "\n};\nconst done = new Map();\nglobalThis.%s = (key) => {\n", VendorGlobal)
	s.WriteString("  if (!done.has(key)) done.set(key, loaders[key]());\n  return done.get(key);\n};\n")
	return s.String()
}

// vendorKey is what a vendor bundle depends on besides its files' contents.
func (b *builder) vendorKey(files map[string]string) string {
	k, _ := json.Marshal(struct {
		Files        map[string]string
		Dev          bool
		Define       map[string]string
		Bindings     []string
		NoAccelerate bool
		Lower        map[string][]string
	}{files, b.opts.Dev, b.opts.Define, b.opts.Bindings, b.opts.NoAccelerate, b.lower})
	return string(k)
}

// vendorProgram returns the vendor program for files: the last one when nothing it depends on changed, else
// a new build. nil (and no error) means the split cannot be used for this set: Build makes the one bundle.
func (b *builder) vendorProgram(v *Vendor, files map[string]string) *VendorProgram {
	key := b.vendorKey(files)
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.last != nil && v.key == key && unchanged(v.seen) {
		p := *v.last
		p.Took = 0
		return &p
	}
	if v.broken == key && unchanged(v.brokenSeen) {
		return nil
	}
	start := time.Now()
	split := b.vendor
	b.vendor = nil // the vendor bundle holds the packages themselves
	o := b.options(nil, nil)
	b.vendor = split
	o.Stdin.Contents = vendorEntry(files)
	o.Outfile = filepath.Join(b.root, VendorName)
	o.Metafile = true
	res := api.Build(o)
	var stamps []fileStamp
	inputs := metafileInputs(res.Metafile)
	for _, in := range inputs {
		stamps = append(stamps, stamp(filepath.Join(b.root, filepath.FromSlash(in))))
	}
	if len(res.Errors) > 0 || len(res.OutputFiles) == 0 {
		v.broken, v.brokenSeen = key, stampsOf(files)
		return nil
	}
	code := propertyLiterals(string(res.OutputFiles[0].Contents))
	prog, err := v.compile(code)
	if err != nil {
		v.broken, v.brokenSeen = key, stamps
		return nil
	}
	p := &VendorProgram{Name: VendorName, Code: code, Program: prog, Packages: slices.Sorted(maps.Keys(files)),
		Inputs: inputs, HostPackages: b.hostPkgs.list()}
	v.last, v.key, v.seen = p, key, stamps
	v.broken, v.brokenSeen = "", nil
	out := *p
	out.Took = time.Since(start)
	return &out
}

func stampsOf(files map[string]string) []fileStamp {
	var out []fileStamp
	for _, abs := range files {
		out = append(out, stamp(abs))
	}
	return out
}
