// Package assert provides node:assert and node:assert/strict as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/assert.html), written in JavaScript (assert.js) over
// the deep equality of webapi/node/util.
package assert

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/util" // internal/util/comparisons
)

//go:embed assert.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:assert", source, true) })

func init() {
	node.Register("assert", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
	node.Register("assert/strict", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "assert").(*goja.Object).Get("strict")
	})
}
