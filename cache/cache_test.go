package cache

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoryLRU(t *testing.T) {
	ctx := context.Background()
	m := NewMemory(3 * (64 + 10))
	for i := 0; i < 3; i++ {
		m.Set(ctx, fmt.Sprint(i), &Entry{Body: make([]byte, 10)})
	}
	m.Get(ctx, "0") // 0 becomes most recent; 1 is now the oldest
	m.Set(ctx, "3", &Entry{Body: make([]byte, 10)})
	for key, want := range map[string]bool{"0": true, "1": false, "2": true, "3": true} {
		if _, ok := m.Get(ctx, key); ok != want {
			t.Errorf("key %s present = %v, want %v", key, ok, want)
		}
	}
	m.Set(ctx, "huge", &Entry{Body: make([]byte, 1000)})
	if _, ok := m.Get(ctx, "huge"); ok {
		t.Error("an entry larger than the budget was stored")
	}
	m.Delete(ctx, "0")
	if _, ok := m.Get(ctx, "0"); ok {
		t.Error("deleted entry still there")
	}
}

func TestEntryStale(t *testing.T) {
	now := time.Now()
	cases := []struct {
		e    Entry
		want bool
	}{
		{Entry{Stored: now.Add(-time.Hour)}, false},
		{Entry{Stored: now.Add(-59 * time.Second), Revalidate: time.Minute}, false},
		{Entry{Stored: now.Add(-60 * time.Second), Revalidate: time.Minute}, true},
	}
	for i, c := range cases {
		if got := c.e.Stale(now); got != c.want {
			t.Errorf("case %d: Stale = %v, want %v", i, got, c.want)
		}
	}
}

func TestFlightRunsOnce(t *testing.T) {
	var f Flight
	var runs atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	results := make([]any, 10)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = f.Do("k", func() any {
				runs.Add(1)
				<-release
				return "v"
			})
		}(i)
	}
	time.Sleep(100 * time.Millisecond) // let every caller reach Do before the fill ends
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("fn ran %d times, want 1", n)
	}
	for i, r := range results {
		if r != "v" {
			t.Errorf("caller %d got %v", i, r)
		}
	}
}

// Invalidations of one tag merge as Next's tags manifest entry is overwritten: the latest stale
// mark stays, the latest invalidation sets the expiry.
func TestTagStateMerge(t *testing.T) {
	t0 := time.UnixMilli(1_000_000)
	t1 := t0.Add(time.Second)
	year := 365 * 24 * time.Hour
	cases := []struct {
		name  string
		first TagState
		then  TagState
		want  TagState
	}{
		{"profiled then plain", invalidation(t0, year), invalidation(t1, 0), TagState{Stale: t0, Expired: t1, At: t1}},
		{"plain then profiled", invalidation(t0, 0), invalidation(t1, year), TagState{Stale: t1, Expired: t1.Add(year), At: t1}},
		{"a late message of an earlier call", invalidation(t1, 0), invalidation(t0, year), TagState{Stale: t0, Expired: t1, At: t1}},
	}
	for _, c := range cases {
		if got := (TagState{}).merge(c.first).merge(c.then); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}
