package node

import "strings"

// BuiltinModules is Node.js 20's require('module').builtinModules
// (https://nodejs.org/docs/latest-v20.x/api/module.html#modulebuiltinmodules), underscore-prefixed
// internals included; loader.NodeBuiltins is the same list without them, for the bundler.
var BuiltinModules = []string{
	"_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
	"_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_wrap",
	"_stream_writable", "_tls_common", "_tls_wrap", "assert", "assert/strict", "async_hooks", "buffer",
	"child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel", "dns",
	"dns/promises", "domain", "events", "fs", "fs/promises", "http", "http2", "https", "inspector",
	"inspector/promises", "module", "net", "os", "path", "path/posix", "path/win32", "perf_hooks", "process",
	"punycode", "querystring", "readline", "readline/promises", "repl", "stream", "stream/consumers",
	"stream/promises", "stream/web", "string_decoder", "sys", "timers", "timers/promises", "tls",
	"trace_events", "tty", "url", "util", "util/types", "v8", "vm", "wasi", "worker_threads", "zlib",
}

// prefixOnly are the built-ins that exist only with the node: prefix.
var prefixOnly = []string{"test", "test/reporters", "sea", "sqlite"}

// IsBuiltin is module.isBuiltin: whether name ("fs", "node:fs", "node:test") names a built-in.
func IsBuiltin(name string) bool {
	bare, prefixed := strings.CutPrefix(name, "node:")
	for _, b := range BuiltinModules {
		if bare == b {
			return true
		}
	}
	if prefixed {
		for _, b := range prefixOnly {
			if bare == b {
				return true
			}
		}
	}
	return false
}
