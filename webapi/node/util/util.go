// Package util provides node:util (alias node:sys), node:util/types and the deep equality both
// util.isDeepStrictEqual and node:assert use (registered as internal/util/comparisons, a name no
// import can reach), as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/util.html).
// util.format and util.inspect are the console's implementation of Node's algorithm
// (webapi/console); the rest is JavaScript (util.js, comparisons.js).
package util

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

var (
	//go:embed util.js
	utilJS string
	//go:embed comparisons.js
	comparisonsJS string

	utilProgram        = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:util", utilJS, true) })
	comparisonsProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:internal/util/comparisons", comparisonsJS, true) })
)

func init() {
	node.Register("util", func(r *webapi.Realm) goja.Value { return node.Eval(r, utilProgram()) })
	node.Register("sys", func(r *webapi.Realm) goja.Value { return node.Require(r, "util") })
	node.Register("util/types", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "util").(*goja.Object).Get("types")
	})
	node.Register("internal/util/comparisons", func(r *webapi.Realm) goja.Value { return node.Eval(r, comparisonsProgram()) })
}
