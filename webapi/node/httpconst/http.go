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
}
