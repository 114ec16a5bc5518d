// Package path provides node:path, node:path/posix and node:path/win32 as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/path.html), written in JavaScript (path.js).
package path

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed path.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:path", source, true) })

func init() {
	node.Register("path", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
	node.Register("path/posix", func(r *webapi.Realm) goja.Value { return node.Require(r, "path") })
	node.Register("path/win32", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "path").(*goja.Object).Get("win32")
	})
}
