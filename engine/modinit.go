package engine

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Route modules are initialised one by one and may be asynchronous (loader/modinit.go): the
// bundle registers, per route, a loader returning a promise of the module's namespace. Each
// worker calls every loader when its runtime boots and keeps the outcome per route, so a module
// that throws while loading fails only its own routes, and a module with top-level await is
// served once its promise settles: requests that arrive before wait for it.

// moduleWait bounds how long a new worker runs its loop, before the server reports ready, for
// modules whose top-level await has not settled. A route still pending then is not an error:
// its requests wait for it (each within its own time limit).
var moduleWait = 10 * time.Second

// modState is one route module on one worker.
type modState struct {
	settled bool
	failure goja.Value // the rejection, when its initialisation failed
	waiters []*call    // requests that arrived while it was pending
}

// initModules calls every route's loader on the fresh runtime and records each outcome as it
// settles. Modules without top-level await settle before it returns (goja runs the promise
// jobs at the end of each call from Go).
func (w *worker) initModules(routes *goja.Object) {
	n := len(w.bundle.Routes)
	w.modules = make([]*goja.Object, n)
	w.handlers = make([][len(methods)]goja.Callable, n)
	w.mods = make([]modState, n)
	w.pendingMods = n
	epoch := w.epoch
	for i, file := range w.bundle.Routes {
		i := i
		load, ok := goja.AssertFunction(routes.Get(file))
		if !ok {
			w.moduleSettled(i, nil, w.vm.ToValue(fmt.Sprintf("the bundle has no module for %s", file)))
			continue
		}
		p, err := load(goja.Undefined())
		if err != nil {
			w.moduleSettled(i, nil, exceptionValue(w.vm, err))
			continue
		}
		w.then(p, func(v goja.Value) {
			if w.epoch == epoch {
				mod, _ := v.(*goja.Object)
				w.moduleSettled(i, mod, nil)
			}
		}, func(e goja.Value) {
			if w.epoch == epoch {
				w.moduleSettled(i, nil, e)
			}
		})
	}
}

// moduleSettled records route i's module (or its failure) and starts the requests that waited
// for it; on the loop.
func (w *worker) moduleSettled(i int, mod *goja.Object, failure goja.Value) {
	st := &w.mods[i]
	if st.settled {
		return
	}
	st.settled = true
	w.pendingMods--
	if mod == nil && failure == nil {
		failure = w.vm.ToValue("the module loader gave no module")
	}
	st.failure = failure
	if mod != nil {
		w.modules[i] = mod
		for j, m := range methods {
			if fn, ok := goja.AssertFunction(mod.Get(m)); ok {
				w.handlers[i][j] = fn
			}
		}
	}
	waiters := st.waiters
	st.waiters = nil
	for _, c := range waiters {
		w.invoke(c) // claimed when it arrived
	}
}

// moduleReady reports whether request c may run now; when its module is pending the request
// waits for it, and when the module failed to load the request is answered 500 with why.
func (w *worker) moduleReady(c *call) bool {
	st := &w.mods[c.info.module]
	if !st.settled {
		st.waiters = append(st.waiters, c)
		w.calls[c] = struct{}{}
		return false
	}
	if st.failure != nil {
		w.calls[c] = struct{}{}
		text := w.withFrame(loadFailure(w.appPath(c.info.file), st.failure))
		w.log.Error(fmt.Sprintf("⨯ %s %s failed in %s", c.r.Method, c.r.URL.Path, c.info.file), "error", text)
		header, body := problemAnswer(c.r, w.dev, text) // devfail.go
		c.answer(&outcome{status: http.StatusInternalServerError, header: header, body: body})
		return false
	}
	return true
}

// loadFailure is the diagnostic of a module whose initialisation failed: the route file and
// the error with its stack, which names the .ts line through the source map.
func loadFailure(file string, failure goja.Value) string {
	return fmt.Sprintf("%s: error: the module failed to load: %s", file, strings.TrimSpace(describe(failure)))
}

// awaitModules runs the loop on the calling goroutine (the worker's loop is not started yet)
// until every module settled or the deadline passed; it reports whether all settled.
func (w *worker) awaitModules(deadline time.Time) bool {
	l := w.loop
	for w.pendingMods > 0 {
		l.runQueued()
		now := time.Now()
		for {
			t, ok := l.timers.PopDue(now)
			if !ok {
				break
			}
			l.safely(func() { l.within(t.Ctx, t.Fn) })
		}
		if w.pendingMods == 0 || !now.Before(deadline) {
			break
		}
		l.mu.Lock()
		pending := len(l.queue) > 0
		l.mu.Unlock()
		if pending {
			continue
		}
		wait := time.Until(deadline)
		if next, ok := l.timers.Next(); ok && time.Until(next) < wait {
			wait = time.Until(next)
		}
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-l.wake:
		case <-t.C:
		}
		t.Stop()
	}
	return w.pendingMods == 0
}

// moduleProblems lists, for a generation's first worker, the routes whose module failed to
// load (as diagnostics) and those still pending.
func (w *worker) moduleProblems() (failed map[string]string, pending []string) {
	failed = map[string]string{}
	for i, file := range w.bundle.Routes {
		st := &w.mods[i]
		switch {
		case !st.settled:
			pending = append(pending, file)
		case st.failure != nil:
			failed[file] = w.withFrame(loadFailure(w.appPath(file), st.failure))
		}
	}
	return failed, pending
}

// appPath names a route file from the project root ("app/x/route.ts"), as diagnostics do.
func (w *worker) appPath(file string) string {
	if w.appRel == "" {
		return file
	}
	return w.appRel + "/" + file
}
