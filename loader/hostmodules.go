package loader

import (
	"fmt"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// HostModules lists, per `next/*` module a route may import, the names the virtual module exports. Each
// virtual module reads them from `globalThis.__jsrouteModules[<module>]` when the bundle starts, so the host
// must install that object, holding every name below, before it runs the program. The lists follow the
// route-handler surface of Next.js 16 (/work/shared/research/ecosystem.md §1g).
var HostModules = map[string][]string{
	"next/server":     {"NextRequest", "NextResponse", "after", "connection", "userAgent"},
	"next/headers":    {"cookies", "headers", "draftMode"},
	"next/navigation": {"redirect", "permanentRedirect", "notFound", "forbidden", "unauthorized", "unstable_rethrow", "RedirectType"},
	"next/cache":      {"revalidatePath", "revalidateTag", "unstable_cache", "unstable_noStore", "cacheLife", "cacheTag", "updateTag"},
	"next/og":         {"ImageResponse"},
}

// HostModulesGlobal is the global object the virtual modules read.
const HostModulesGlobal = "__jsrouteModules"

// serverOnly is the marker package that keeps a module on the server: a route handler is server code, so it
// resolves to an empty module. Its twin client-only is a build error, as in `next build` 16.4 (checked:
// "'client-only' cannot be imported from a Server Component module").
const serverOnly = "server-only"

const hostNamespace = "jsroute-host"

// hostFilter catches `next`, `next/...` and the marker packages before esbuild looks into node_modules: an
// installed `next` must never be bundled.
const hostFilter = `^(next|next/.*|server-only|client-only)$`

// hostModuleSource returns the ESM text of one virtual module.
func hostModuleSource(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "const m = globalThis.%s[%q];\n", HostModulesGlobal, name)
	for _, export := range HostModules[name] {
		fmt.Fprintf(&b, "export const %s = m.%s;\n", export, export)
	}
	return b.String()
}

// hostPlugin resolves the `next/*` modules a route handler may import to small virtual modules that re-export
// host globals, so one compiled program serves every goja runtime. Any other `next` import is a build error at
// the import, naming the modules that are supported.
func hostPlugin() api.Plugin {
	known := make([]string, 0, len(HostModules))
	for name := range HostModules {
		known = append(known, name)
	}
	sort.Strings(known)
	return api.Plugin{
		Name: "jsroute-host-modules",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: hostFilter},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					name := strings.TrimSuffix(args.Path, ".js")
					if _, ok := HostModules[name]; ok || name == serverOnly {
						return api.OnResolveResult{Path: name, Namespace: hostNamespace}, nil
					}
					if name == "client-only" {
						return api.OnResolveResult{Errors: []api.Message{{
							Text:  "'client-only' cannot be imported from a Server Component module",
							Notes: []api.Note{{Text: "It should only be used from a Client Component; route handlers run on the server."}},
						}}}, nil
					}
					return api.OnResolveResult{Errors: []api.Message{{
						Text:  fmt.Sprintf("%s is not supported by jsroute", args.Path),
						Notes: []api.Note{{Text: "jsroute provides " + strings.Join(known, ", ") + " and server-only"}},
					}}}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: hostNamespace},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src := ""
					if args.Path != serverOnly {
						src = hostModuleSource(args.Path)
					}
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
				})
		},
	}
}
