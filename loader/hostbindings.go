package loader

import (
	"fmt"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// BindingsModule is the specifier routes import the Go program's bindings from:
// `import { db, greet } from 'jsroute:host'` (engine.Options.Bindings).
const BindingsModule = "jsroute:host"

// BindingsGlobal is the global object the jsroute:host virtual module reads its exports from; the
// host installs it, holding every name of Options.Bindings, before the program runs.
const BindingsGlobal = "__jsrouteHost"

const bindingsNamespace = "jsroute-bindings"

// bindingsPlugin resolves `jsroute:host` to a virtual module that re-exports the host's bindings,
// one `export const` per name, so a misspelt import is a build error at the import (esbuild: No
// matching export). With no bindings the import itself is the error, naming the option.
func bindingsPlugin(names []string) api.Plugin {
	names = append([]string(nil), names...)
	sort.Strings(names)
	return api.Plugin{
		Name: "jsroute-host-bindings",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^jsroute:`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					if args.Path != BindingsModule {
						return api.OnResolveResult{Errors: []api.Message{{
							Text: fmt.Sprintf("%s is not a jsroute module (the Go bindings are %s)", args.Path, BindingsModule),
						}}}, nil
					}
					if len(names) == 0 {
						return api.OnResolveResult{Errors: []api.Message{{
							Text:  BindingsModule + " has no bindings: the Go program serving this app sets none",
							Notes: []api.Note{{Text: "bindings are given by the Go program embedding jsroute, in engine.Options.Bindings"}},
						}}}, nil
					}
					return api.OnResolveResult{Path: BindingsModule, Namespace: bindingsNamespace}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: bindingsNamespace},
				func(api.OnLoadArgs) (api.OnLoadResult, error) {
					var b strings.Builder
					fmt.Fprintf(&b, "const m = globalThis.%s;\n", BindingsGlobal)
					for _, n := range names {
						fmt.Fprintf(&b, "export const %s = m[%s];\n", n, jsString(n))
					}
					src := b.String()
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
				})
		},
	}
}

// ValidBindingName reports whether name can be a named export of jsroute:host: a JS identifier
// made of ASCII letters, digits, _ and $, not starting with a digit, and not a reserved word.
func ValidBindingName(name string) bool {
	if name == "" || reservedWords[name] {
		return false
	}
	for i, c := range name {
		switch {
		case c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// reservedWords are ECMAScript's reserved words (ECMA-262 §12.7.2) plus those of strict mode, and eval and
// arguments, which module code may not bind.
var reservedWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`await break case catch class const continue debugger default delete do
		else enum export extends false finally for function if import in instanceof new null return super
		switch this throw true try typeof var void while with yield let static implements interface package
		private protected public eval arguments`) {
		m[w] = true
	}
	return m
}()
