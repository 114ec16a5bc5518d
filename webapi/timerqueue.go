package webapi

import (
	"container/heap"
	"time"
)

// TimerQueue is the ordered timer list a Host needs for AfterFunc: the earliest deadline first,
// and timers with the same deadline in the order they were added (HTML §8.6 "run steps after a
// timeout", step 4). It is not safe for concurrent use: a host keeps it on its loop.
type TimerQueue struct {
	h   timerHeap
	seq uint64
}

// Timer is one entry: fn to run with ctx as the async context.
type Timer struct {
	When time.Time
	Fn   func()
	Ctx  any
	seq  uint64
	dead bool
}

// Add queues fn to run at when and returns its cancel function.
func (q *TimerQueue) Add(when time.Time, fn func(), ctx any) (cancel func()) {
	q.seq++
	t := &Timer{When: when, Fn: fn, Ctx: ctx, seq: q.seq}
	heap.Push(&q.h, t)
	return func() { t.dead = true }
}

// Next returns the deadline of the earliest live timer.
func (q *TimerQueue) Next() (time.Time, bool) {
	q.dropDead()
	if len(q.h) == 0 {
		return time.Time{}, false
	}
	return q.h[0].When, true
}

// PopDue removes and returns the earliest live timer whose deadline is not after now.
func (q *TimerQueue) PopDue(now time.Time) (*Timer, bool) {
	q.dropDead()
	if len(q.h) == 0 || q.h[0].When.After(now) {
		return nil, false
	}
	return heap.Pop(&q.h).(*Timer), true
}

// Len is the number of queued timers, cancelled ones included until they reach the front.
func (q *TimerQueue) Len() int { return len(q.h) }

// Clear drops every timer.
func (q *TimerQueue) Clear() {
	for _, t := range q.h {
		t.dead = true
	}
	q.h = q.h[:0]
}

func (q *TimerQueue) dropDead() {
	for len(q.h) > 0 && q.h[0].dead {
		heap.Pop(&q.h)
	}
}

type timerHeap []*Timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].When.Equal(h[j].When) {
		return h[i].seq < h[j].seq
	}
	return h[i].When.Before(h[j].When)
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*Timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return t
}
