package engine

import (
	"net/http"
	"time"

	"github.com/jsroute/jsroute/router"
)

// Observer is told what the engine does, for metrics (Options.Observer). Its methods run on
// the request path and on workers: they must be quick and safe for concurrent use.
type Observer interface {
	// Served: a request was answered (its answer written to the end, or the client gone).
	// route is the pattern of the route that answered ("/blog/[slug]"), "" when none did (404,
	// redirect, bad request); cache is the x-nextjs-cache state of a prerendered answer (HIT,
	// STALE, MISS), else "".
	Served(route, method string, status int, cache string, d time.Duration)
	// TimedOut: a request to route ran past its time limit and was answered 504.
	TimedOut(route string)
	// Rebuilt: a worker's runtime was rebuilt (a Go panic, a handler stopped in a runtime that
	// used WebAssembly, memory held between requests past the budget).
	Rebuilt(worker int)
}

// WorkerStat is one worker's load at one moment (Engine.WorkerStats).
type WorkerStat struct {
	ID int
	// InFlight counts the requests given to the worker and not finished: running, or waiting
	// for the worker to start them.
	InFlight int64
	// Queued counts the jobs waiting on the worker's event loop: requests to start, timers and
	// I/O completions due.
	Queued int
}

// WorkerStats reports the load of the workers serving now; read at scrape time, so nothing is
// counted on the request path for it.
func (e *Engine) WorkerStats() []WorkerStat {
	g := e.cur.Load()
	if g == nil {
		return nil
	}
	out := make([]WorkerStat, len(g.workers))
	for i, w := range g.workers {
		w.loop.mu.Lock()
		q := len(w.loop.queue)
		w.loop.mu.Unlock()
		out[i] = WorkerStat{ID: w.id, InFlight: w.inflight.Load(), Queued: q}
	}
	return out
}

// notePattern remembers, for the Observer, the pattern of the route the router chose.
func notePattern(w http.ResponseWriter, d router.Decision) {
	if d.Route == nil {
		return
	}
	for {
		switch x := w.(type) {
		case *statusRecorder:
			x.pattern = d.Route.Pattern
			return
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return
		}
	}
}

// observeServed tells the Observer of one answered request.
func (e *Engine) observeServed(o Observer, r *http.Request, rec *statusRecorder, start time.Time) {
	var state string
	if vs := rec.Header()["X-Nextjs-Cache"]; len(vs) > 0 {
		state = vs[0]
	}
	status := rec.status
	if status == 0 {
		status = http.StatusOK
	}
	o.Served(rec.pattern, r.Method, status, state, time.Since(start))
}

// observeTimeout and observeRebuild tell the Observer, when there is one.
func (w *worker) observeTimeout(c *call) {
	if w.opts != nil && w.opts.Observer != nil {
		pattern := ""
		if c.d.Route != nil {
			pattern = c.d.Route.Pattern
		}
		w.opts.Observer.TimedOut(pattern)
	}
}

func (w *worker) observeRebuild() {
	if w.opts != nil && w.opts.Observer != nil {
		w.opts.Observer.Rebuilt(w.id)
	}
}
