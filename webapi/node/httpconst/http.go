// Package httpconst provides the constants of node:http and node:https (STATUS_CODES, METHODS,
// maxHeaderSize, validateHeaderName/Value) as Node.js 20; their clients and servers throw
// ERR_NOT_SUPPORTED until a package provides them (it then replaces these registrations); the
// client (request, get) is provided (client.go).
package httpconst

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed http.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:http", source, true) })

func build(r *webapi.Realm, module string) goja.Value {
	fn, err := r.VM.RunProgram(program())
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	v, err := call(goja.Undefined(), node.HostObject(r), r.VM.ToValue(module), clientBinding(r))
	if err != nil {
		panic(err)
	}
	return v
}

func init() {
	node.Register("http", func(r *webapi.Realm) goja.Value { return build(r, "http") })
	node.Register("https", func(r *webapi.Realm) goja.Value { return build(r, "https") })
	// The globals `next start` assigns before any route runs (next/dist/server/setup-http-agent-env.js,
	// with the default httpAgentOptions). Packages tell Next's server by them: @whatwg-node/fetch
	// (graphql-yoga) uses the platform's Request and Response when a global's name starts with
	// __NEXT, and its own Node ponyfill otherwise.
	node.RegisterEnumerableGlobal("__NEXT_HTTP_AGENT_OPTIONS", func(r *webapi.Realm) goja.Value { return agentOptions(r) })
	node.RegisterEnumerableGlobal("__NEXT_HTTP_AGENT", func(r *webapi.Realm) goja.Value { return nextAgent(r, "http") })
	node.RegisterEnumerableGlobal("__NEXT_HTTPS_AGENT", func(r *webapi.Realm) goja.Value { return nextAgent(r, "https") })
}

func agentOptions(r *webapi.Realm) *goja.Object {
	o := r.VM.NewObject()
	o.Set("keepAlive", true)
	return o
}

// nextAgent is `new (require(module).Agent)(__NEXT_HTTP_AGENT_OPTIONS)`.
func nextAgent(r *webapi.Realm, module string) goja.Value {
	agent := node.Require(r, module).ToObject(r.VM).Get("Agent")
	o, err := r.VM.New(agent, r.VM.GlobalObject().Get("__NEXT_HTTP_AGENT_OPTIONS"))
	if err != nil {
		panic(err)
	}
	return o
}
