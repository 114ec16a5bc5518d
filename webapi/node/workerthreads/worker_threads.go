// Package workerthreads provides node:worker_threads for the main thread a route runs on
// (isMainThread, threadId 0, parentPort null); Worker throws ERR_NOT_SUPPORTED. MessageChannel
// and MessagePort (globals too) pass messages between ports of the same runtime (messaging.js).
package workerthreads

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

var (
	//go:embed worker_threads.js
	source string
	//go:embed messaging.js
	messagingSource string
)

var (
	program          = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:worker_threads", source, true) })
	messagingProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:internal/worker/io", messagingSource, true) })
)

type messagingKey struct{}

// messaging is the realm's MessageChannel and MessagePort classes (messaging.js), made on first use.
func messaging(r *webapi.Realm) *goja.Object {
	return r.State(messagingKey{}, func() any {
		fn, err := r.VM.RunProgram(messagingProgram())
		if err != nil {
			panic(err)
		}
		make, _ := goja.AssertFunction(fn)
		classes, err := make(goja.Undefined())
		if err != nil {
			panic(err)
		}
		return classes.(*goja.Object)
	}).(*goja.Object)
}

func init() {
	node.Register("worker_threads", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
	for _, name := range []string{"MessageChannel", "MessagePort"} {
		node.RegisterGlobal(name, func(r *webapi.Realm) goja.Value { return messaging(r).Get(name) })
	}
}
