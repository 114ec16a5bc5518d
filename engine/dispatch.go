package engine

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// Dispatch: which worker runs a request, and what happens while the HTTP goroutine waits.
//
// A request is offered to the worker with the fewest requests in flight, passing over workers
// whose loop is inside one long job (a synchronous computation, a runaway `while (true) {}`).
// Whichever worker starts it first owns it (call.owner); if it has not started within
// hedgeAfter because its worker got busy meanwhile, it is offered to another free worker too, and
// the worker that comes second drops its copy. So a request that has not started never waits
// behind another request's computation while a worker is free.

const (
	// hedgeAfter is how long a request may wait for its worker before another is offered it.
	hedgeAfter = 20 * time.Millisecond
	// busyAfter is how long a job must have been running for its worker to count as busy.
	busyAfter = 10 * time.Millisecond
)

// timerPool holds the dispatch timers, reused: one per request would be an allocation on the
// hello-world path. (Since Go 1.23 a stopped timer's channel holds no stale tick.)
var timerPool = sync.Pool{New: func() any {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return t
}}

// donePool holds the calls' outcome channels (a buffered channel is two allocations).
var donePool = sync.Pool{New: func() any { return make(chan *outcome, 1) }}

// cancelled owns calls that never started because their client left or their limit passed
// first: the copies still queued on workers drop themselves.
var cancelled = &worker{id: -1}

// pick returns the worker with the fewest requests in flight, workers inside a long job last,
// and never one listed in not (unless every worker is).
func (g *generation) pick(not []*worker) *worker {
	var best *worker
	var bn int64
	for _, w := range g.workers {
		if contains(not, w) {
			continue
		}
		n := w.inflight.Load()
		if w.loop.busyFor() >= busyAfter {
			n += 1 << 32
		}
		if best == nil || n < bn {
			best, bn = w, n
		}
	}
	if best == nil {
		return g.workers[0]
	}
	return best
}

func contains(ws []*worker, w *worker) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// offer queues the call on w; the first worker to reach it runs it (see claim).
func (g *generation) offer(c *call, w *worker) bool {
	w.inflight.Add(1)
	if !w.loop.postCall(c) {
		w.inflight.Add(-1)
		return false
	}
	return true
}

// claim makes w the owner of c; false when another worker (or cancellation) came first, and
// then w forgets its copy. On w's loop.
func (w *worker) claim(c *call) bool {
	if c.owner.CompareAndSwap(nil, w) {
		c.worker = w
		return true
	}
	w.inflight.Add(-1)
	return false
}

// dispatch runs the call on a worker and waits for its outcome, its time limit, or its client
// going away. The limit holds in every case: a handler whose client left is still stopped
// when the limit passes.
func (g *generation) dispatch(c *call) *outcome {
	limit := g.maxDuration(c.info)
	if limit > 0 {
		c.deadline = time.Now().Add(limit) // set before any worker sees c: Go bindings read it too (bindings.go)
	}
	first := g.pick(nil)
	if !g.offer(c, first) {
		return &outcome{status: http.StatusServiceUnavailable, header: http.Header{}}
	}
	var buf [4]*worker // the workers offered the call; on the stack for the usual counts
	offered := append(buf[:0], first)
	deadline := c.deadline
	t := timerPool.Get().(*time.Timer)
	t.Reset(hedgeAfter)
	defer func() {
		t.Stop()
		timerPool.Put(t)
	}()
	for {
		select {
		case out := <-c.done:
			// complete sends once: nothing is sent to done again, so it serves the next call.
			donePool.Put(c.done)
			w := c.owner.Load()
			w.inflight.Add(-1)
			out.scope, out.worker = c.scope, w
			if c.tooLarge.Load() {
				// The handler read past the body limit: whatever it answered, the answer is 413.
				out.close()
				return &outcome{status: http.StatusRequestEntityTooLarge, header: http.Header{}, scope: c.scope, worker: w}
			}
			return out
		case <-c.r.Context().Done():
			if c.owner.CompareAndSwap(nil, cancelled) {
				return &outcome{status: 499, header: http.Header{}}
			}
			w := c.owner.Load()
			w.loop.post(func() { c.abort() })
			go w.outlive(c, limit, deadline)
			return &outcome{status: 499, header: http.Header{}}
		case now := <-t.C:
			if limit > 0 && !now.Before(deadline) {
				if c.owner.CompareAndSwap(nil, cancelled) {
					// It waited its whole limit for a worker: every one is stuck.
					g.workers[0].log.Error(fmt.Sprintf("⨯ %s %s waited past its time limit for a free worker", c.r.Method, c.r.URL.Path))
					return &outcome{status: http.StatusServiceUnavailable, header: http.Header{}}
				}
				return c.owner.Load().expire(c, limit)
			}
			next := hedgeAfter
			if c.owner.Load() == nil {
				if alt := g.pick(offered); !contains(offered, alt) && alt.loop.busyFor() < busyAfter {
					if g.offer(c, alt) {
						offered = append(offered, alt)
					}
				}
			} else if limit > 0 {
				next = time.Until(deadline)
			} else {
				next = time.Hour
			}
			t.Reset(next)
		}
	}
}

// expire answers a started request that ran past its limit (504) and settles the worker's
// in-flight count: a worker stuck in the request's job stays counted until its loop is free.
func (w *worker) expire(c *call, limit time.Duration) *outcome {
	c.limit = limit
	out, stuck := w.timedOut(c)
	if stuck {
		w.loop.post(func() { w.inflight.Add(-1) })
	} else {
		w.inflight.Add(-1)
	}
	return out
}

// outlive keeps the time limit of a request whose client went away: its handler is stopped at
// the deadline like any other, and whatever it answers is released. Its own goroutine.
func (w *worker) outlive(c *call, limit time.Duration, deadline time.Time) {
	var timeout <-chan time.Time
	if limit > 0 {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		timeout = t.C
	}
	select {
	case out := <-c.done:
		w.inflight.Add(-1)
		out.close()
	case <-timeout:
		w.expire(c, limit).close()
	}
}

// retryInterrupted reports whether err is an interrupt aimed at another request than c, which
// had not run any JS yet: the interrupt meant for a runaway landed on c's first instruction
// (the runaway finished just before it). c is then run again on the rebuilt runtime.
func (w *worker) retryInterrupted(c *call, err error) bool {
	var ie *goja.InterruptedError
	if !errors.As(err, &ie) || !w.interruptRequested.Load() || w.interruptFor.Load() == c.scope {
		return false
	}
	delete(w.calls, c)
	w.loop.post(func() { w.invoke(c) })
	return true
}
