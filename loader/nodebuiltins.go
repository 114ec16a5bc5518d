package loader

import (
	"fmt"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// NodeBuiltins are the names of Node.js 20's built-in modules (`require('module').builtinModules`,
// less the underscore-prefixed internals). A route, or a package it imports, may name any of them,
// bare or with the `node:` prefix (`node:test`, `node:sea` and `node:sqlite` exist only prefixed);
// each resolves to a host module, whether or not jsroute provides it (webapi/node/node.go).
var NodeBuiltins = []string{
	"assert", "assert/strict", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
	"crypto", "dgram", "diagnostics_channel", "dns", "dns/promises", "domain", "events", "fs", "fs/promises",
	"http", "http2", "https", "inspector", "inspector/promises", "module", "net", "os", "path", "path/posix",
	"path/win32", "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises", "repl",
	"stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder", "sys", "timers",
	"timers/promises", "tls", "trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi",
	"worker_threads", "zlib",
}

// prefixOnlyBuiltins resolve only with the node: prefix, as in Node.
var prefixOnlyBuiltins = []string{"test", "test/reporters", "sea", "sqlite"}

// NodeRequireGlobal is the host function the virtual built-in modules call (webapi/node.RequireGlobal).
const NodeRequireGlobal = "__jsrouteRequire"

const nodeNamespace = "jsroute-node"

// nodeBuiltinName reports the built-in a specifier names, without its node: prefix.
func nodeBuiltinName(spec string) (string, bool) {
	name, prefixed := strings.CutPrefix(spec, "node:")
	for _, b := range NodeBuiltins {
		if name == b {
			return name, true
		}
	}
	if prefixed {
		for _, b := range prefixOnlyBuiltins {
			if name == b {
				return name, true
			}
		}
	}
	return "", false
}

// nodeBuiltinsPlugin resolves Node's built-in modules to virtual CommonJS modules that hand back the
// host's exports object: `import { readFile } from 'node:fs'`, `import fs from 'fs'` and a CommonJS
// package's `require('crypto')` all read the one object the runtime builds on first use. The host
// installs nothing for a built-in no module imports.
func nodeBuiltinsPlugin() api.Plugin {
	return api.Plugin{
		Name: "jsroute-node-builtins",
		Setup: func(build api.PluginBuild) {
			build.OnResolve(api.OnResolveOptions{Filter: `^(node:)?[a-z_0-9/]+$`},
				func(args api.OnResolveArgs) (api.OnResolveResult, error) {
					name, ok := nodeBuiltinName(args.Path)
					if !ok {
						return api.OnResolveResult{}, nil // an npm package: esbuild resolves it
					}
					return api.OnResolveResult{Path: name, Namespace: nodeNamespace}, nil
				})
			build.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: nodeNamespace},
				func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src := fmt.Sprintf("module.exports = globalThis.%s(%s);\n", NodeRequireGlobal, jsString(args.Path))
					return api.OnLoadResult{Contents: &src, Loader: api.LoaderJS}, nil
				})
		},
	}
}
