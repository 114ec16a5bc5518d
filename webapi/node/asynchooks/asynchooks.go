// Package asynchooks is node:async_hooks: AsyncLocalStorage, AsyncResource, createHook,
// executionAsyncId/triggerAsyncId (https://nodejs.org/docs/latest-v20.x/api/async_context.html).
//
// The classes are JavaScript (async_hooks.js); the stores live in the host's tracked async
// context (webapi.Frame), so they follow awaits, promise callbacks, timers and every host
// completion (fetch, body reads, stream pulls) exactly as the request scope does.
//
// createHook returns a hook whose enable() logs a warning once per runtime and never calls the
// callbacks: jsroute has no async resource lifecycle events. Libraries that only probe for
// hooks keep loading; ones that depend on them are told why they see nothing.
package asynchooks

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
)

//go:embed async_hooks.js
var source string

var module = &jsmodule.Source{Name: "async_hooks", Text: source}

func init() { node.Register("async_hooks", build) }

// handle is a captured async context (AsyncResource's), opaque to JS.
type handle struct{ ctx any }

func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	host, ok := r.Host.(webapi.AsyncContexts)
	if !ok {
		panic(node.NotSupported(r, "async_hooks", "AsyncLocalStorage"))
	}
	var ids int64 = 1
	warned := false
	return module.Run(r, map[string]any{
		"getStore": func(key *goja.Object) goja.Value { return webapi.FrameStore(host.AsyncContext(), key) },
		"setStore": func(key *goja.Object, v goja.Value) {
			host.SetAsyncContext(webapi.WithFrameStore(host.AsyncContext(), key, v))
		},
		"capture": func() goja.Value { return vm.ToValue(&handle{host.AsyncContext()}) },
		"runIn": func(h goja.Value, thunk goja.Callable) goja.Value {
			hd, _ := h.Export().(*handle)
			prev := host.AsyncContext()
			if hd != nil {
				host.SetAsyncContext(hd.ctx)
			}
			defer host.SetAsyncContext(prev)
			v, err := thunk(goja.Undefined())
			if err != nil {
				panic(err)
			}
			return v
		},
		"nextId": func() int64 { ids++; return ids },
		"warnHooks": func() {
			if !warned {
				warned = true
				r.Host.Logger().Warn("async_hooks.createHook(): hook callbacks are never called by jsroute (AsyncLocalStorage and AsyncResource work without them)")
			}
		},
	})
}
