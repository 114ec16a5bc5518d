package engine

import (
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"time"

	"github.com/jsroute/jsroute/webapi/next"
)

// memorySample is how often the heap is measured against Options.MaxMemory. A handler that
// allocates in a loop (an array that grows, `s += s`) adds at most a few hundred MB in that
// time on this hardware, which the budget's headroom below the machine's memory absorbs.
const memorySample = 25 * time.Millisecond

// watchMemory enforces Options.MaxMemory, the memory budget. goja has no per-runtime heap
// accounting and no allocation hook, so the budget is the Go heap's (runtime/metrics), and the
// request growing it is found by elimination:
//
//   - The watcher notes, for every job a worker runs, the heap when it first saw the job.
//   - When the heap (live and not yet collected objects) passes the budget, a collection on a
//     goroutine of its own tells whether the live heap does: garbage stops nobody (3,000,000
//     nested arrays parse in 2 GB of live heap and leave as much garbage). Past one and a half
//     budgets, or after a quarter of the budget in one sample, the watcher does not wait for
//     it: on a heap of gigabytes a collection takes seconds, in which `s += s` doubles twice
//     more.
//   - The culprit is then a job that has run for at least two samples and under which the heap
//     grew by a quarter of the budget or more; of several, the one running longest. One job is
//     stopped at a time (its request answered 500, logged with the route; the runtime is kept:
//     afterStop). Requests that merely run at that moment — a microsecond job, or a slow one
//     that started after the heap grew — are not stopped.
//   - Until the stopped job has ended (`s += s` finishes the concatenation in hand first, a
//     parse in Go runs to its end) and a collection has followed, another job is stopped only
//     if it grew the heap by a whole budget since the stop (a second allocation loop).
//   - If the live heap stays past the budget for 250 ms with no such job, what holds it lives
//     between requests (module state): the stopped job's worker, else an idle one, is rebuilt.
func (e *Engine) watchMemory(limit uint64, stop <-chan struct{}) {
	read := metricReader("/memory/classes/heap/objects:bytes")
	readLive := metricReader("/gc/heap/live:bytes")
	tick := time.NewTicker(memorySample)
	defer tick.Stop()
	seen := map[*worker]jobSeen{}
	var pending []stoppedJob // stopped jobs that have not ended yet
	var lastStopped *worker  // where the last stop landed: the first suspect for held state
	next := 0                // round robin over idle workers when no suspect is left
	var rebuiltAt time.Time  // the last rebuild for held memory
	var heldSince time.Time  // since when the live heap is past the budget with no culprit
	var overSince time.Time  // since when the heap is past the budget
	// The collections that tell garbage from live data run on a goroutine of their own: the
	// watcher never waits for one. (A collection waits for every goroutine to reach a safe
	// point, and the copy `s += s` makes of a string of gigabytes has none: a watcher waiting
	// for it let the string reach 12 GB.)
	var confirm chan uint64 // a collection under way: receives the live heap after it
	var confirmAt time.Time // when it started
	var live uint64         // the live heap after the last collection
	var liveAt time.Time    // when that collection started
	var prev uint64         // the heap at the last sample
	var endedAt time.Time   // when the last stopped job ended
	collect := func() {
		if confirm == nil {
			confirm, confirmAt = make(chan uint64, 1), time.Now()
			go func(done chan<- uint64) {
				runtime.GC()
				done <- readLive()
			}(confirm)
		}
	}
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		heap := read()
		fast := heap >= prev+limit/4 // a quarter of the budget in one sample: `s += s`
		prev = heap
		workers := e.cur.Load().workers
		for _, w := range workers {
			job, _, busy := w.loop.current()
			if !busy {
				delete(seen, w)
			} else if s, ok := seen[w]; !ok || s.job != job {
				seen[w] = jobSeen{job: job, heap: heap}
			}
		}
		if confirm != nil {
			select {
			case l := <-confirm:
				confirm, live, liveAt = nil, l, confirmAt
				// A job that began while the heap held garbage is measured from the
				// collected heap from now on.
				collected(seen, live)
			default:
			}
		}
		if len(pending) > 0 {
			still := pending[:0]
			for _, p := range pending {
				if job, _, busy := p.w.loop.current(); busy && job == p.job && time.Since(p.at) < 10*time.Second {
					still = append(still, p)
				}
			}
			pending = still
			if len(pending) == 0 {
				// The stopped job has ended: what it held is garbage now. (No
				// debug.FreeOSMemory: it returns every free page in one go on the system
				// stack; the soft limit has the runtime return memory past it by itself.)
				endedAt = time.Now()
				collect()
			}
		}
		if heap < limit {
			heldSince, overSince = time.Time{}, time.Time{}
			continue
		}
		if len(pending) > 0 || liveAt.Before(endedAt) {
			// A stopped job is still ending, or what it left is not collected yet: what it
			// allocates meanwhile (a concatenation it finishes, a parse in Go) or left behind
			// must not be blamed on others. Only a job that grew the heap by a whole budget
			// since the stop (a second allocation loop) is stopped.
			if w, job := culprit(workers, seen, heap, limit, limit); w != nil && !isPending(pending, w) && w.overBudget(job, heap, limit) {
				pending = append(pending, stoppedJob{w: w, job: job, at: time.Now()})
			} else if len(pending) == 0 {
				collect() // one begun before the end does not count
			}
			continue
		}
		if overSince.IsZero() {
			overSince = time.Now()
		}
		// Garbage stops nobody: below one and a half budgets, a stop waits for a collection
		// begun since the heap passed the budget to find the live heap past it too — unless
		// the heap grew by a quarter of the budget in one sample: each doubling of `s += s`
		// copies the string without a safe point, so the collection (and every goroutine,
		// once it asks them to stop) waits for the next doubling, and the one after.
		if heap < limit+limit/2 && !fast && (liveAt.Before(overSince) || live < limit) {
			collect()
			continue
		}
		if w, job := culprit(workers, seen, heap, limit, limit/4); w != nil {
			if w.overBudget(job, heap, limit) {
				pending = append(pending, stoppedJob{w: w, job: job, at: time.Now()})
				lastStopped = w
				for k, s := range seen { // growth is counted afresh from the stop on
					seen[k] = jobSeen{job: s.job, heap: max(s.heap, heap)}
				}
			}
			continue
		}
		// The live heap is past the budget and no job grows it: state held between requests.
		if heldSince.IsZero() {
			heldSince = time.Now()
		}
		// A job that began a moment ago may yet show as the one growing the heap; and the last
		// rebuild may be under way.
		if time.Since(heldSince) < 10*memorySample || time.Since(rebuiltAt) < time.Second {
			continue
		}
		heldSince = time.Time{}
		w := lastStopped
		lastStopped = nil
		if w == nil {
			for range workers {
				c := workers[next%len(workers)]
				next++
				if c.inflight.Load() == 0 {
					w = c
					break
				}
			}
		}
		e.opts.Logger.Error(fmt.Sprintf("⨯ the heap (%d MiB) is over the memory budget (%d MiB) with no handler growing it", heap>>20, limit>>20))
		if w != nil {
			rebuiltAt = time.Now()
			w.loop.post(func() {
				w.rebuild(fmt.Sprintf("the heap stayed over the memory budget (%d MiB) between requests", limit>>20))
			})
		}
	}
}

// collected lowers the heap each job is measured from to heap, just collected: garbage that was
// there when a job began is no growth of it.
func collected(seen map[*worker]jobSeen, heap uint64) {
	for w, s := range seen {
		seen[w] = jobSeen{job: s.job, heap: min(s.heap, heap)}
	}
}

// metricReader returns a function reading one runtime/metrics value in bytes (0 if the runtime
// lacks it). Each function is for one goroutine at a time.
func metricReader(name string) func() uint64 {
	sample := []metrics.Sample{{Name: name}}
	return func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
}

// jobSeen is a job as the memory watcher first saw it, with the heap at that moment.
type jobSeen struct {
	job  uint64
	heap uint64
}

// stoppedJob is a job the memory watcher stopped, until it ends.
type stoppedJob struct {
	w   *worker
	job uint64
	at  time.Time
}

// culprit picks the job to stop when the heap is past the budget (see watchMemory): running
// for two samples or more, the heap grown by at least grown under it; the longest running of
// those.
func culprit(workers []*worker, seen map[*worker]jobSeen, heap, limit, grown uint64) (*worker, uint64) {
	var best *worker
	var bestJob uint64
	var bestFor time.Duration
	for _, w := range workers {
		job, d, busy := w.loop.current()
		s, ok := seen[w]
		if !busy || !ok || s.job != job || d < 2*memorySample || heap < s.heap+grown {
			continue
		}
		if best == nil || d > bestFor {
			best, bestJob, bestFor = w, job, d
		}
	}
	return best, bestJob
}

func isPending(ps []stoppedJob, w *worker) bool {
	for _, p := range ps {
		if p.w == w {
			return true
		}
	}
	return false
}

// overBudget stops the job in hand on w, if it is still job, because the heap passed the
// budget: its request is answered 500. Any goroutine. Nothing is allocated before the interrupt
// (see vmInterrupt); the answer and the log line follow it.
func (w *worker) overBudget(job uint64, heap, limit uint64) bool {
	var c *call
	if !w.stopJob(job, errOverBudgetValue, func(s *next.Scope) {
		if s != nil {
			c, _ = s.Ext.(*call)
		}
	}) {
		return false
	}
	what := "a job with no request"
	if c != nil {
		what = fmt.Sprintf("%s %s (%s)", c.r.Method, c.r.URL.Path, c.info.file)
		c.complete(&outcome{status: http.StatusInternalServerError, header: http.Header{}})
	}
	w.log.Error(fmt.Sprintf("⨯ %s stopped on worker %d: the heap reached %d MiB, past the memory budget of %d MiB (--max-memory)", what, w.id, heap>>20, limit>>20))
	return true
}

// errOverBudget is what an interrupted handler sees.
const errOverBudget = "the server's memory budget (--max-memory) is exhausted"

var errOverBudgetValue any = errOverBudget
