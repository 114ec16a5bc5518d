package loader

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/go-sourcemap/sourcemap"
)

// Code esbuild accepts but the runtime cannot compile. esbuild's output is valid JavaScript, yet goja's parser
// has gaps (research/goja-esbuild.md §1): class fields named get/set/async/static ("Unexpected token ="),
// `await` in an async arrow that is a default parameter value ("Illegal await-expression in formal
// parameters"). The engine hands Build a Compile check; when the bundle fails it, the error's place in the
// bundle is mapped back through the inline source map to the source file, and:
//
//  1. that one file is lowered: an OnLoad plugin passes it through api.Transform with the esbuild features
//     behind the construct turned off (class fields become assignments in the constructor; async functions
//     become generators), and the bundle is built again. Other files are untouched, so the common case costs
//     nothing and a lowered file costs one transform (≈1 ms per 100 KB);
//  2. when lowering does not help (or the construct has no lowering), the routes whose import graph reaches the
//     file are left out, each with a diagnostic naming file:line:col and goja's message, and the others are
//     built again.
//
// Each round fixes one place, so the rounds are bounded (maxCompileRounds).

// CompileError is where and why the runtime could not compile a bundle: Line and Column (1-based) in
// Bundle.Code, and the runtime's message.
type CompileError struct {
	Line, Column int
	Message      string
}

// maxCompileRounds bounds the rebuilds one Build makes for compile errors.
const maxCompileRounds = 32

// lowerings maps a compile error message to the esbuild features whose lowering removes the construct.
var lowerings = []struct {
	message  *regexp.Regexp
	features []string
	what     string
}{
	{regexp.MustCompile(`Illegal await-expression in formal parameters`), []string{"async-await"}, "await in a default parameter value"},
	{regexp.MustCompile(`Unexpected token`), []string{"class-field", "class-static-field"}, "a class field"},
}

// lowering returns the features to turn off for a compile error message, and what they lower.
func lowering(message string) ([]string, string) {
	for _, l := range lowerings {
		if l.message.MatchString(message) {
			return l.features, l.what
		}
	}
	return nil, ""
}

// lowerPlugin transforms the files in lower (absolute path → features to turn off) before esbuild bundles them.
func (b *builder) lowerPlugin() api.Plugin {
	var paths []string
	for p := range b.lower {
		paths = append(paths, regexp.QuoteMeta(p))
	}
	sort.Strings(paths)
	filter := "^(" + strings.Join(paths, "|") + ")$"
	return api.Plugin{
		Name: "jsroute-lower",
		Setup: func(build api.PluginBuild) {
			build.OnLoad(api.OnLoadOptions{Filter: filter, Namespace: "file"},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src, err := os.ReadFile(args.Path)
					if err != nil {
						return api.OnLoadResult{}, err
					}
					return b.lowerSource(args.Path, string(src), b.lower[args.Path])
				})
		},
	}
}

// lowerSource transforms one file's source with features turned off, for lowerPlugin (and ogPlugin, which
// patches its module first).
func (b *builder) lowerSource(path, src string, features []string) (api.OnLoadResult, error) {
	sup := map[string]bool{}
	for k, v := range supported {
		sup[k] = v
	}
	for _, f := range features {
		sup[f] = false
	}
	res := api.Transform(src, api.TransformOptions{
		Loader:         loaderFor(path),
		Target:         api.ES2022,
		Supported:      sup,
		Sourcemap:      api.SourceMapInline,
		SourcesContent: api.SourcesContentExclude,
		// The bundle resolves this file's own map against its folder: name it alone.
		Sourcefile: filepath.Base(path),
		Charset:    api.CharsetUTF8,
		JSX:        api.JSXAutomatic,
		LogLevel:   api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return api.OnLoadResult{Errors: res.Errors}, nil
	}
	code, _ := FixArrowArguments(string(res.Code)) // this file skips importMetaPlugin's fix
	return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, ResolveDir: filepath.Dir(path)}, nil
}

// contains reports whether have holds every feature of want.
func contains(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// union is a with the features of b it lacks.
func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, f := range b {
		if !contains(out, []string{f}) {
			out = append(out, f)
		}
	}
	return out
}

// lowerMemo remembers, per file, the lowering a build found it needs, so the next build of the same file (a dev
// reload, Engine.Reload) lowers it up front instead of finding out again with a failed compile: for ai@7 that
// is one esbuild build and one partial parse of a 3 MB bundle saved per reload. An entry holds only while the
// file's size and modification time are unchanged.
var lowerMemo sync.Map // absolute path → lowerMemoEntry

type lowerMemoEntry struct {
	size     int64
	modTime  time.Time
	features []string
	note     Diagnostic
}

// rememberLowering records features for abs.
func rememberLowering(abs string, features []string, note Diagnostic) {
	if fi, err := os.Stat(abs); err == nil {
		lowerMemo.Store(abs, lowerMemoEntry{size: fi.Size(), modTime: fi.ModTime(), features: features, note: note})
	}
}

// recallLowerings fills b.lower with the remembered lowerings of files that did not change.
func (b *builder) recallLowerings() {
	lowerMemo.Range(func(k, v any) bool {
		abs, e := k.(string), v.(lowerMemoEntry)
		if !strings.HasPrefix(abs, b.root+string(filepath.Separator)) {
			return true
		}
		if fi, err := os.Stat(abs); err != nil || fi.Size() != e.size || !fi.ModTime().Equal(e.modTime) {
			lowerMemo.Delete(abs)
			return true
		}
		b.lower[abs] = e.features
		b.lowered = append(b.lowered, e.note)
		return true
	})
}

// loaderFor picks esbuild's loader by file extension.
func loaderFor(p string) api.Loader {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".ts", ".mts", ".cts":
		return api.LoaderTS
	case ".tsx":
		return api.LoaderTSX
	case ".jsx":
		return api.LoaderJSX
	}
	return api.LoaderJS
}

// compileRounds checks the bundle with opts.Compile and fixes what fails, one place per round (see above).
func (b *builder) compileRounds(bundle *Bundle) (*Bundle, error) {
	for round := 0; b.opts.Compile != nil; round++ {
		ce := b.opts.Compile(bundle.Code)
		if ce == nil {
			return bundle, nil
		}
		if round == maxCompileRounds {
			return nil, fmt.Errorf("jsroute: the bundle still does not compile after %d rounds: line %d:%d: %s", round, ce.Line, ce.Column, ce.Message)
		}
		// The module esbuild bundled there (its own source map may lead further, to sources that were never
		// bundled: node_modules/ai/src/*.ts behind node_modules/ai/dist/index.js), and the place the source
		// map names, for the diagnostic.
		module := b.moduleAt(bundle.Code, ce.Line)
		file, line, col, ok := locate(bundle.Code, ce.Line, ce.Column)
		if module == "" && !ok {
			return nil, fmt.Errorf("jsroute: the bundle does not compile (%s at %d:%d) in code no source file explains", ce.Message, ce.Line, ce.Column)
		}
		if module == "" {
			module = file
		}
		if !ok {
			file, line, col = module, 0, 0
		}
		abs := filepath.Join(b.root, filepath.FromSlash(module))
		if features, what := lowering(ce.Message); features != nil && !contains(b.lower[abs], features) {
			b.lower[abs] = union(b.lower[abs], features)
			note := Diagnostic{File: file, Line: line, Column: col, Warning: true,
				Text: fmt.Sprintf("the runtime cannot parse %s here (%s): this file is lowered (esbuild %s off)", what, ce.Message, strings.Join(b.lower[abs], ", "))}
			b.lowered = append(b.lowered, note)
			rememberLowering(abs, b.lower[abs], note)
		} else {
			hit := b.reaching(bundle.Routes, abs)
			if len(hit) == 0 {
				return nil, fmt.Errorf("jsroute: the bundle does not compile: %s:%d:%d: %s", file, line, col, ce.Message)
			}
			d := Diagnostic{File: file, Line: line, Column: col, LineText: sourceLine(abs, line),
				Text: "the runtime cannot compile this: " + ce.Message}
			for _, r := range hit {
				bundle.Failed[r] = append(bundle.Failed[r], d)
			}
		}
		routes := without(bundle.Routes, bundle.Failed)
		failed := bundle.Failed
		res := b.build(routes, nil)
		if len(res.Errors) > 0 {
			return nil, diagnosticsError(b.diagnostics(res.Errors, false))
		}
		bundle = b.bundle(routes, res, failed)
	}
	return bundle, nil
}

// moduleAt returns the module whose code holds line (1-based) of an esbuild bundle: esbuild starts each module's
// code with a comment naming its path ("// node_modules/ai/dist/index.js"). "" when none names a file.
func (b *builder) moduleAt(code string, line int) string {
	lines := strings.Split(code, "\n")
	if line > len(lines) {
		return ""
	}
	for i := line - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		p, ok := strings.CutPrefix(l, "// ")
		if !ok || strings.ContainsAny(p, " \t") || !validRel(p) {
			continue
		}
		if fi, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(p))); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// reaching lists the routes whose import graph holds the file abs, with one traced build (isolate.go).
func (b *builder) reaching(routes []string, abs string) []string {
	g := &importGraph{edges: map[string][]string{}, routes: map[string]string{}}
	b.build(routes, []api.Plugin{g.plugin()})
	key := moduleKey("file", abs)
	var out []string
	for _, r := range routes {
		if start, ok := g.routes[b.importPath(r)]; ok && g.reach(start)[key] {
			out = append(out, r)
		}
	}
	return out
}

// sourceLine returns line n (1-based) of a file, or "".
func sourceLine(abs string, n int) string {
	src, err := os.ReadFile(abs)
	if err != nil || n < 1 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

const inlineMapPrefix = "//# sourceMappingURL=data:application/json;base64,"

// locate maps a place in the bundle (1-based line and column) to its source file (relative to the project
// root) and 1-based line and column, through the bundle's inline source map.
func locate(code string, line, col int) (file string, srcLine, srcCol int, ok bool) {
	i := strings.LastIndex(code, inlineMapPrefix)
	if i < 0 {
		return "", 0, 0, false
	}
	data := strings.TrimSpace(code[i+len(inlineMapPrefix):])
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return "", 0, 0, false
	}
	sm, err := sourcemap.Parse("", raw)
	if err != nil {
		return "", 0, 0, false
	}
	if col > 0 {
		col--
	}
	// A parse error may point just past the last mapped token of its line: walk left to one that is mapped.
	for c := col; c >= 0; c-- {
		if src, _, l, sc, found := sm.Source(line, c); found && src != "" && !strings.HasPrefix(src, "<") {
			return filepath.ToSlash(filepath.Clean(src)), l, sc + 1, true
		}
	}
	return "", 0, 0, false
}

// LowerAsyncFunction lowers the source of an async function compiled at run time (the AsyncFunction
// constructor: new AsyncFunction('xs', 'for await (const x of xs) ...')) the way the bundle is lowered, for
// constructs goja's parser lacks (for await, async generators in its body). It returns the body of a plain
// function that returns the lowered async function (esbuild's helpers are locals of it), or esbuild's error.
func LowerAsyncFunction(params, body string) (string, error) {
	src := "var __jsrouteFn = async function anonymous(" + params + "\n) {\n" + body + "\n};\n"
	res := api.Transform(src, api.TransformOptions{
		Loader:    api.LoaderJS,
		Target:    api.ES2022,
		Supported: supported,
		LogLevel:  api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		m := res.Errors[0]
		if m.Location != nil {
			return "", fmt.Errorf("%s (line %d of the function)", m.Text, m.Location.Line-1)
		}
		return "", errors.New(m.Text)
	}
	return string(res.Code) + "return __jsrouteFn;\n", nil
}
