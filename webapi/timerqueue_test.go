package webapi

import (
	"testing"
	"time"
)

func TestTimerQueueOrder(t *testing.T) {
	var q TimerQueue
	base := time.Now()
	var out []string
	add := func(name string, after time.Duration) func() {
		return q.Add(base.Add(after), func() { out = append(out, name) }, nil)
	}
	add("b1", 2*time.Millisecond)
	add("a", time.Millisecond)
	add("b2", 2*time.Millisecond) // same deadline as b1: after it
	cancel := add("gone", time.Millisecond)
	add("late", time.Hour)
	cancel()
	if next, ok := q.Next(); !ok || !next.Equal(base.Add(time.Millisecond)) {
		t.Fatalf("Next = %v, %v", next, ok)
	}
	for {
		tm, ok := q.PopDue(base.Add(10 * time.Millisecond))
		if !ok {
			break
		}
		tm.Fn()
	}
	if got := len(out); got != 3 || out[0] != "a" || out[1] != "b1" || out[2] != "b2" {
		t.Errorf("ran %v, want [a b1 b2]", out)
	}
	q.Clear()
	if _, ok := q.Next(); ok {
		t.Error("a timer survived Clear")
	}
}
