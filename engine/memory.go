package engine

import (
	"fmt"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// memorySample is how often the heap is measured against Options.MaxMemory. A handler that
// allocates in a loop (an array that grows, `s += s`) adds at most a few hundred MB in that
// time on this hardware, which the budget's headroom below the machine's memory absorbs.
const memorySample = 25 * time.Millisecond

// watchMemory enforces Options.MaxMemory, the memory budget. goja has no per-runtime heap
// accounting and no allocation hook, so the budget is the Go heap's (runtime/metrics, live and
// not yet collected objects): past it, after one forced collection to drop garbage, the
// workers running a long job (see culprits) are interrupted — the request growing the heap is
// among them — their requests answered 500 with a log line naming the route, and their
// runtimes rebuilt (which frees whatever the handlers held). Requests waiting on those runtimes fail with them; the
// server serves on.
func (e *Engine) watchMemory(limit uint64, stop <-chan struct{}) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(memorySample)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[0].Value.Uint64() < limit {
			continue
		}
		heap := sample[0].Value.Uint64()
		// A job that has run for two samples while the heap passed the budget is stopped at
		// once. Collecting first (to tell garbage from live data) takes seconds on a heap of
		// gigabytes, time in which `s += s` doubles twice more: the soak's process died of a
		// 4 GiB concatenation that way. Only when no job is long is the garbage collected
		// first, so that a short request is not stopped for garbage.
		targets, _ := splitBusy(e.cur.Load().workers)
		if len(targets) == 0 {
			runtime.GC()
			metrics.Read(sample)
			if sample[0].Value.Uint64() < limit {
				continue
			}
			heap = sample[0].Value.Uint64()
			targets = culprits(e.cur.Load().workers)
		}
		stopped := 0
		for _, w := range targets {
			w.overBudget(heap, limit)
			stopped++
		}
		if stopped == 0 {
			// Nothing runs: the heap is held by module state or by answers being written.
			e.opts.Logger.Error(fmt.Sprintf("⨯ the heap (%d MiB) is over the memory budget (%d MiB) with no handler running", heap>>20, limit>>20))
			select { // look again later: collecting every 25 ms would only burn CPU
			case <-stop:
				return
			case <-time.After(5 * time.Second):
			}
			continue
		}
		// Wait for the interrupted jobs to end (a long host operation finishes first) and the
		// runtimes to be rebuilt, then give the memory back. Meanwhile a handler on another
		// worker may be growing the heap too (the soak saw `s += s` reach 14 GB while the watcher
		// waited here): keep stopping those.
		for waiting := true; waiting; {
			select {
			case <-stop:
				return
			case <-time.After(memorySample):
			}
			workers := e.cur.Load().workers
			waiting = false
			for _, w := range workers {
				waiting = waiting || w.interruptRequested.Load()
			}
			if !waiting {
				break
			}
			metrics.Read(sample)
			if heap := sample[0].Value.Uint64(); heap >= limit {
				for _, w := range culprits(workers) {
					if !w.interruptRequested.Load() {
						w.overBudget(heap, limit)
					}
				}
			}
		}
		debug.FreeOSMemory()
	}
}

// culprits are the workers to stop when the heap is over budget: those inside a job that has
// run for more than two samples (an allocation loop is one long job; a request that merely
// runs at that moment takes microseconds), or, when there is none, every worker running JS.
func culprits(workers []*worker) []*worker {
	long, busy := splitBusy(workers)
	if len(long) > 0 {
		return long
	}
	return busy
}

// splitBusy sorts the workers not already being stopped into those inside a long job and
// those inside a short one.
func splitBusy(workers []*worker) (long, busy []*worker) {
	for _, w := range workers {
		if w.interruptRequested.Load() {
			continue
		}
		switch d := w.loop.busyFor(); {
		case d >= 2*memorySample:
			long = append(long, w)
		case d > 0:
			busy = append(busy, w)
		}
	}
	return long, busy
}

// overBudget stops the JS the worker runs now because the heap passed the budget. Any goroutine.
func (w *worker) overBudget(heap, limit uint64) {
	s := w.running.Load()
	what := "a job with no request"
	if s != nil {
		if c, ok := s.Ext.(*call); ok {
			what = fmt.Sprintf("%s %s (%s)", c.r.Method, c.r.URL.Path, c.info.file)
			c.complete(&outcome{status: http.StatusInternalServerError, header: http.Header{}})
		}
	}
	w.log.Error(fmt.Sprintf("⨯ %s stopped: the heap reached %d MiB, past the memory budget of %d MiB (--max-memory)", what, heap>>20, limit>>20))
	w.interruptFor.Store(s)
	w.interruptRequested.Store(true)
	w.vmInterrupt(errOverBudget)
}

// errOverBudget is what an interrupted handler sees.
const errOverBudget = "the server's memory budget (--max-memory) is exhausted"
