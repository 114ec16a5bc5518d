// Package module provides node:module (https://nodejs.org/docs/latest-v20.x/api/module.html):
// createRequire and Module._load give Node built-ins; any other specifier is a clear
// MODULE_NOT_FOUND error, since jsroute bundled everything else at build time.
package module

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed module.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:module", source, true) })

func init() {
	node.Register("module", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
}
