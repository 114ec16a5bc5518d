package process

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// process.nextTick (https://nodejs.org/docs/latest-v20.x/api/process.html#processnexttickcallback-args).
//
// Node runs its tick queue after the current callback and before the promise jobs that callback
// queued; but a route handler, in Next.js as here, runs inside promise jobs, and from a promise job
// Node runs the ticks only once the whole microtask queue is empty. goja has no hook into its job
// queue (it drains it when the outermost call returns), so jsroute always does the latter: the
// ticks run when the current job and all its promise jobs are done (Drain, which the engine calls
// after every job), then their own promise jobs, then ticks they queued, until both are empty.
// setTimeout, setInterval (through timers.SetCallbackRunner) and setImmediate callbacks
// (webapi/node/timers) drain the ticks they queued inside their own call, so there ticks run before
// their promise jobs, as in Node. A tick group also runs the ticks its own ticks queue before
// returning (take), so those too come before the group's promise jobs. What still differs: nextTick and a promise reaction queued by the
// same I/O completion (a fetch or body read resolving, outside any promise job): Node runs the tick
// first, jsroute the reaction.

// TickDrainer is implemented by a Host whose loop calls Drain after every job (the engine).
// Without it, the first tick of a batch posts a loop job of its own that drains the queue.
type TickDrainer interface {
	DrainsTicks() bool
}

type tick struct {
	fn   goja.Value
	args goja.Value
	ctx  any
}

type ticks struct {
	queue  []tick
	posted bool
	run    goja.Callable // runTickGroup in process.js
}

type ticksKey struct{}

func ticksOf(r *webapi.Realm) *ticks {
	t, _ := r.Get(ticksKey{}).(*ticks)
	return t
}

func (t *ticks) add(r *webapi.Realm, fn, args goja.Value) {
	t.queue = append(t.queue, tick{fn: fn, args: args, ctx: webapi.CaptureContext(r.Host)})
	if d, ok := r.Host.(TickDrainer); ok && d.DrainsTicks() {
		return
	}
	if !t.posted {
		t.posted = true
		complete := r.Host.Reserve()
		complete(func() {
			t.posted = false
			Drain(r, hostWithin(r.Host))
		})
	}
}

// take removes the ticks at the head of the queue that were queued in async context ctx and
// returns them as runTickGroup's list (fn, args, fn, args...): the ticks a running tick group
// queued itself, which Node's processTicksAndRejections runs before any promise job.
func (t *ticks) take(ctx any) []any {
	n := 0
	for n < len(t.queue) && t.queue[n].ctx == ctx {
		n++
	}
	list := make([]any, 0, 2*n)
	for _, tk := range t.queue[:n] {
		list = append(list, tk.fn, tk.args)
	}
	t.queue = t.queue[n:]
	return list
}

// Drain runs the queued ticks of r: each run of ticks queued in the same async context in one
// call made within that context (within(ctx, fn) makes ctx current; nil runs fn as it is).
func Drain(r *webapi.Realm, within func(ctx any, fn func())) {
	t := ticksOf(r)
	if t == nil {
		return
	}
	for len(t.queue) > 0 {
		batch := t.queue
		t.queue = nil
		for i := 0; i < len(batch); {
			j := i + 1
			for j < len(batch) && batch[j].ctx == batch[i].ctx {
				j++
			}
			group := batch[i:j]
			list := make([]any, 0, 2*len(group))
			for _, tk := range group {
				list = append(list, tk.fn, tk.args)
			}
			call := func() {
				if _, err := t.run(goja.Undefined(), r.VM.NewArray(list...)); err != nil {
					r.Host.Logger().Error("uncaught exception in process.nextTick callback", "error", err)
				}
			}
			if within != nil {
				within(group[0].ctx, call)
			} else {
				call()
			}
			i = j
		}
	}
}

// hostWithin switches the async context through the host's AsyncContexts (webapi/asyncframe.go),
// so ticks run in their own request and AsyncLocalStorage context; nil when the host has none.
func hostWithin(h webapi.Host) func(ctx any, fn func()) {
	ac, ok := h.(webapi.AsyncContexts)
	if !ok {
		return nil
	}
	return func(ctx any, fn func()) {
		prev := ac.AsyncContext()
		ac.SetAsyncContext(ctx)
		defer ac.SetAsyncContext(prev)
		fn()
	}
}
