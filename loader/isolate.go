package loader

import (
	"path/filepath"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// Finding the routes behind a failed build. esbuild reports errors per file, not per entry, and returns no
// metafile when it fails. So the failure path runs the combined build once more with a plugin that records the
// import graph (each import is also resolved through build.Resolve to learn its target), and a route fails when an
// error sits in a file the route reaches. One extra build instead of one per route: routes that pull in a
// large dependency would make per-route builds cost seconds.

// importGraph maps a module key ("file:/abs/path", "jsroute-host:next/server") to the keys it imports.
type importGraph struct {
	mu    sync.Mutex
	edges map[string][]string
	// routes maps each import specifier of the synthetic entry ("./app/x/route.ts") to its module key.
	routes map[string]string
}

func moduleKey(namespace, p string) string {
	if namespace == "" {
		namespace = "file"
	}
	return namespace + ":" + p
}

// tracing marks the nested Resolve calls the tracer itself makes.
type tracing struct{}

func (g *importGraph) plugin() api.Plugin {
	return api.Plugin{
		Name: "jsroute-import-graph",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `.*`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					if _, nested := args.PluginData.(tracing); nested || args.Kind == api.ResolveEntryPoint {
						return api.OnResolveResult{}, nil
					}
					r := build.Resolve(args.Path, api.ResolveOptions{
						Importer:   args.Importer,
						Namespace:  args.Namespace,
						ResolveDir: args.ResolveDir,
						Kind:       args.Kind,
						PluginData: tracing{},
						With:       args.With,
					})
					if len(r.Errors) == 0 {
						to := moduleKey(r.Namespace, r.Path)
						g.mu.Lock()
						if filepath.Base(args.Importer) == entryName {
							g.routes[args.Path] = to
						} else {
							from := moduleKey(args.Namespace, args.Importer)
							g.edges[from] = append(g.edges[from], to)
						}
						g.mu.Unlock()
					}
					// Only record: esbuild then resolves the import itself, as in the normal build (the public
					// ResolveResult drops details such as package.json "browser" entries set to false).
					return api.OnResolveResult{}, nil
				})
		},
	}
}

// reach returns the keys reachable from start, start included.
func (g *importGraph) reach(start string) map[string]bool {
	seen := map[string]bool{start: true}
	stack := []string{start}
	for len(stack) > 0 {
		k := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, next := range g.edges[k] {
			if !seen[next] {
				seen[next] = true
				stack = append(stack, next)
			}
		}
	}
	return seen
}

// attribute rebuilds routes with the graph tracer and returns the routes whose import graph holds an error,
// each with those errors. Errors it cannot place are left for Build's fallback.
func (b *builder) attribute(routes []string) map[string][]Diagnostic {
	g := &importGraph{edges: map[string][]string{}, routes: map[string]string{}}
	res := b.build(routes, []api.Plugin{g.plugin()})
	failed := map[string][]Diagnostic{}
	for _, r := range routes {
		key, ok := g.routes[b.importPath(r)]
		if !ok {
			continue
		}
		reached := g.reach(key)
		for _, m := range res.Errors {
			if m.Location != nil && reached[b.errorKey(m.Location)] {
				failed[r] = append(failed[r], b.diagnostic(m, false))
			}
		}
	}
	return failed
}

// errorKey is the module key of the file an error is in.
func (b *builder) errorKey(loc *api.Location) string {
	p := loc.File
	if (loc.Namespace == "" || loc.Namespace == "file") && !filepath.IsAbs(p) {
		p = filepath.Join(b.root, filepath.FromSlash(p))
	}
	return moduleKey(loc.Namespace, p)
}
