// Package workerthreads provides node:worker_threads for the main thread a route runs on
// (isMainThread, threadId 0, parentPort null); Worker throws ERR_NOT_SUPPORTED.
package workerthreads

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed worker_threads.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:worker_threads", source, true) })

func init() {
	node.Register("worker_threads", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
}
