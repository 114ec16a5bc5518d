package engine

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/webapi"
	nodeprocess "github.com/jsroute/jsroute/webapi/node/process"
)

// installProcess defines Node's `process` global (webapi/node/process): process.env holds only
// the variables the host lets through (the app's .env files plus the real environment as loaded
// by the engine), process.cwd() is the project root (Root below).
func installProcess(r *webapi.Realm) { nodeprocess.Install(r) }

// Root is the project root, which process.cwd() answers (nodeprocess.Rooted).
func (w *worker) Root() string { return w.root }

// projectRoot is the root of the app in dir (loader.FindApp), or dir itself.
func projectRoot(dir string) string {
	if app, err := loader.FindApp(dir); err == nil {
		return app.Root
	}
	return dir
}

// DrainsTicks tells webapi/node/process that afterJob runs the nextTick queue.
func (w *worker) DrainsTicks() bool { return true }

// drainTicks runs the process.nextTick callbacks queued by the job just done, each in the async
// context it was queued in.
// A Go panic in one is reported like one in a job (afterJob runs outside safely's recover).
func (w *worker) drainTicks() {
	if w.realm == nil {
		return
	}
	defer func() {
		if x := recover(); x != nil {
			ctx := w.loop.ctx
			w.loop.ctx = nil
			w.panicked(x, ctx)
		}
	}()
	nodeprocess.Drain(w.realm, w.loop.within)
}

// rejectionHandled gives an unhandled rejection to the app's process.on('unhandledRejection')
// listeners, if it has any (then it is not logged).
func (w *worker) rejectionHandled(p *goja.Promise) bool {
	return w.realm != nil && nodeprocess.EmitUnhandledRejection(w.realm, p.Result(), p)
}
