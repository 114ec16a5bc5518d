// Package querystring provides node:querystring as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/querystring.html), written in JavaScript.
package querystring

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed querystring.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:querystring", source, true) })

func init() {
	node.Register("querystring", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
}
