package loader

import (
	"slices"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// HostPackages are the npm packages the host provides in Go (webapi/node/passwords), resolved by name
// whether or not node_modules holds them: bcrypt and argon2 are native addons no JavaScript runtime
// can load, so the host module is their only implementation here.
var HostPackages = []string{"argon2", "bcrypt"}

// AcceleratedPackages are pure-JavaScript npm packages the host replaces with a Go implementation of
// the same API and output, unless Options.NoAccelerate: bcryptjs hashes ~250× slower in goja than in
// Node (e2e/bench/README.md).
var AcceleratedPackages = []string{"bcryptjs"}

// hostPackages records which host packages the bundle imports, for the start-up log.
type hostPackages struct {
	mu   sync.Mutex
	used map[string]bool
}

func (h *hostPackages) list() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]string, 0, len(h.used))
	for n := range h.used {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// hostPackagesPlugin resolves the names above (bare, as `import bcrypt from 'bcrypt'` or
// `require('argon2')`; a deep import such as `bcryptjs/umd` is left to node_modules) to the same
// virtual module as a Node built-in: `module.exports = globalThis.__jsrouteRequire("bcrypt")`.
func (b *builder) hostPackagesPlugin() api.Plugin {
	names := slices.Clone(HostPackages)
	if !b.opts.NoAccelerate {
		names = append(names, AcceleratedPackages...)
	}
	return api.Plugin{
		Name: "jsroute-host-packages",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^(bcrypt|bcryptjs|argon2)$`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					if !slices.Contains(names, args.Path) {
						return api.OnResolveResult{}, nil
					}
					b.hostPkgs.mu.Lock()
					if b.hostPkgs.used == nil {
						b.hostPkgs.used = map[string]bool{}
					}
					b.hostPkgs.used[args.Path] = true
					b.hostPkgs.mu.Unlock()
					return api.OnResolveResult{Path: args.Path, Namespace: nodeNamespace}, nil
				})
		},
	}
}
