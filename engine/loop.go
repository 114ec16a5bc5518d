package engine

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/jsroute/jsroute/webapi"
)

// loop is one worker's event loop: a goroutine that runs jobs and timers one at a time. It is
// the only door onto the worker's runtime: everything else — HTTP goroutines, fetch, body reads,
// stream pulls — posts a job (see DESIGN.md "Workers and the loop").
//
// Promise jobs need no explicit turn: goja runs them at the end of each outermost call, so each
// job leaves the microtask queue empty.
type loop struct {
	mu    sync.Mutex
	queue []job
	spare []job // the queue's other buffer: the two take turns, so posting does not allocate
	wake  chan struct{}
	done  chan struct{}
	stop  atomic.Bool

	// Loop-goroutine state.
	timers webapi.TimerQueue
	ctx    any // the current async context (the request being served)
	// outer is the context of the host callback in hand (within's): when a promise job ends,
	// the current context goes back to it, not to nil, since goja runs the jobs inside the
	// callback's outermost call and the callback carries on after them.
	outer any

	// panicked is called, on the loop, with whatever a job panicked with and the async
	// context current when it did.
	panicked func(x any, ctx any)
	// afterJob runs on the loop after every job.
	afterJob func()
	// publish, when set, is told every change of the current async context.
	publish func(ctx any)
	// begin starts a call posted with postCall (worker.begin).
	begin func(c *call)

	// busySince is when the job in hand started (unix ns), 0 while idle; read from any
	// goroutine to tell a stuck loop from a slow request.
	busySince atomic.Int64
	// job numbers the jobs: with busySince it names the job in hand, so that a stop aimed at
	// one job (interruptJob) never lands on the next one.
	job atomic.Uint64
	// stopMu orders a stop against the end of the job it is aimed at.
	stopMu sync.Mutex
	// stopped is called under stopMu as a job ends: it reports (and clears) a stop that landed
	// on the job; afterStop then runs on the loop, the job still counted as busy.
	stopped   func() bool
	afterStop func()
}

// maxSpare is the largest queue buffer kept for reuse.
const maxSpare = 1024

func newLoop(panicked func(any, any), afterJob func()) *loop {
	return &loop{wake: make(chan struct{}, 1), done: make(chan struct{}), panicked: panicked, afterJob: afterJob}
}

// busyFor is how long the job in hand has been running (0 when idle).
func (l *loop) busyFor() time.Duration {
	t := l.busySince.Load()
	if t == 0 {
		return 0
	}
	return time.Since(time.Unix(0, t))
}

// current names the job in hand and how long it has run; ok is false while the loop is idle.
func (l *loop) current() (job uint64, d time.Duration, ok bool) {
	for {
		job = l.job.Load()
		t := l.busySince.Load()
		if l.job.Load() != job {
			continue // a job ended and another began meanwhile: read again
		}
		if t == 0 {
			return job, 0, false
		}
		return job, time.Since(time.Unix(0, t)), true
	}
}

// interruptJob runs stop (which interrupts the runtime) if job is still the job in hand, and
// reports whether it did. Any goroutine. A job that ends meanwhile is not stopped, and its
// successor never sees the interrupt.
func (l *loop) interruptJob(job uint64, stop func()) bool {
	l.stopMu.Lock()
	defer l.stopMu.Unlock()
	if l.busySince.Load() == 0 || l.job.Load() != job {
		return false
	}
	stop()
	return true
}

// clearTimers drops every timer (the runtime they belong to is gone); on the loop.
func (l *loop) clearTimers() { l.timers.Clear() }

// job is a queued function, or a call to begin.
type job struct {
	fn func()
	c  *call
}

// post queues fn to run on the loop. Safe from any goroutine. It reports false once the loop has
// stopped.
func (l *loop) post(fn func()) bool { return l.push(job{fn: fn}) }

// postCall queues c to begin on the loop: the job every request posts, without a closure.
func (l *loop) postCall(c *call) bool { return l.push(job{c: c}) }

func (l *loop) push(j job) bool {
	if l.stop.Load() {
		return false
	}
	l.mu.Lock()
	l.queue = append(l.queue, j)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return true
}

// reserve returns a completion that runs fn on the loop in the async context current now.
// It must be called exactly once; later calls do nothing.
func (l *loop) reserve() func(fn func()) {
	ctx := l.ctx
	var once atomic.Bool
	return func(fn func()) {
		if !once.CompareAndSwap(false, true) {
			return
		}
		l.post(func() { l.within(ctx, fn) })
	}
}

// within runs fn with ctx as the current async context.
func (l *loop) within(ctx any, fn func()) {
	prev, prevOuter := l.ctx, l.outer
	l.outer = ctx
	l.setCtx(ctx)
	defer func() {
		l.outer = prevOuter
		l.setCtx(prev)
	}()
	fn()
}

// setCtx makes ctx the current async context and publishes it for other goroutines (a time-out
// that finds the loop stuck asks which request it is stuck in).
func (l *loop) setCtx(ctx any) {
	l.ctx = ctx
	if l.publish != nil {
		l.publish(ctx)
	}
}

// afterFunc runs fn on the loop after d; only from the loop.
func (l *loop) afterFunc(d time.Duration, fn func()) func() {
	return l.timers.Add(time.Now().Add(d), fn, l.ctx)
}

// run is the loop goroutine's body.
func (l *loop) run() {
	defer close(l.done)
	idle := time.NewTimer(time.Hour)
	defer idle.Stop()
	for {
		l.runQueued()
		now := time.Now()
		for {
			t, ok := l.timers.PopDue(now)
			if !ok {
				break
			}
			l.safely(func() { l.within(t.Ctx, t.Fn) })
		}
		if l.stop.Load() {
			return
		}
		l.mu.Lock()
		pending := len(l.queue) > 0
		l.mu.Unlock()
		if pending {
			continue
		}
		wait := time.Hour
		if next, ok := l.timers.Next(); ok {
			wait = time.Until(next)
		}
		if wait <= 0 {
			continue
		}
		idle.Reset(wait)
		select {
		case <-l.wake:
		case <-idle.C:
		}
		if !idle.Stop() {
			select {
			case <-idle.C:
			default:
			}
		}
	}
}

// runQueued runs the jobs queued so far (not those they post); on the loop.
func (l *loop) runQueued() {
	l.mu.Lock()
	q := l.queue
	l.queue = l.spare
	l.mu.Unlock()
	for i, j := range q {
		if j.fn != nil {
			l.safely(j.fn)
		} else {
			l.safely(func() { l.begin(j.c) })
		}
		q[i] = job{}
	}
	if cap(q) <= maxSpare {
		l.spare = q[:0]
	} else {
		l.spare = nil // a burst's queue is not kept
	}
}

// safely runs a job; a Go panic inside becomes a report, never a dead loop.
func (l *loop) safely(fn func()) {
	l.job.Add(1)
	l.busySince.Store(time.Now().UnixNano())
	defer func() {
		if x := recover(); x != nil {
			ctx := l.ctx
			l.ctx = nil
			l.panicked(x, ctx)
		}
		if l.afterJob != nil {
			l.afterJob() // the nextTick queue: JS of the job, stoppable like it
		}
		for {
			l.stopMu.Lock()
			stopped := l.stopped != nil && l.stopped()
			if !stopped {
				l.busySince.Store(0)
			}
			l.stopMu.Unlock()
			if !stopped {
				return
			}
			l.afterStop()
		}
	}()
	fn()
}

// closeWithin stops the loop after the job in hand and waits up to d for it; it reports
// whether the loop stopped.
func (l *loop) closeWithin(d time.Duration) bool {
	l.stop.Store(true)
	select {
	case l.wake <- struct{}{}:
	default:
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-l.done:
		return true
	case <-t.C:
		return false
	}
}
