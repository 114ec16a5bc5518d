// Package cache keeps whole route responses (Next's full-route cache) for the routes that opt
// in (`dynamic = 'force-static'`, `revalidate = N`), and the times their tags were invalidated
// (`revalidateTag`, `revalidatePath`). A Store holds entries by key: Memory (the default, one
// process), Disk (survives a restart) and Redis (shared by every instance behind a load
// balancer). No JS here: entries are status, headers, bytes and tags.
package cache

import (
	"container/list"
	"context"
	"net/http"
	"sync"
	"time"
)

// Entry is one cached response.
type Entry struct {
	Status int
	Header http.Header
	Body   []byte
	// Stored is when the response was made.
	Stored time.Time
	// Revalidate is how long the entry stays fresh; 0 means forever (`revalidate = false`,
	// `force-static`).
	Revalidate time.Duration
	// Tags name what the entry was made from (Next's implicit path tags and the fetch tags): an
	// invalidation of any of them after Stored makes the entry a miss (Lookup).
	Tags []string
}

// Stale reports whether the entry is past its revalidate time at now.
func (e *Entry) Stale(now time.Time) bool {
	return e.Revalidate > 0 && now.Sub(e.Stored) >= e.Revalidate
}

func (e *Entry) size() int64 {
	n := int64(len(e.Body)) + 64
	for k, vs := range e.Header {
		for _, v := range vs {
			n += int64(len(k) + len(v))
		}
	}
	for _, t := range e.Tags {
		n += int64(len(t))
	}
	return n
}

// Store is where entries live. Implementations are safe for concurrent use; a failing store
// reads as a miss and drops writes (availability over consistency, as Next's cache handlers do):
// a cache failure is never an error answer.
type Store interface {
	Get(ctx context.Context, key string) (*Entry, bool)
	Set(ctx context.Context, key string, e *Entry)
	Delete(ctx context.Context, key string)
	// Invalidate records that the entries carrying any of tags are out of date as of now, for
	// every process sharing the store.
	Invalidate(ctx context.Context, tags []string)
	// InvalidatedAt is the latest time any of tags was invalidated (zero: never).
	InvalidatedAt(ctx context.Context, tags []string) time.Time
}

// Lookup is Get that reports a miss for an entry one of whose tags was invalidated after it was
// stored.
func Lookup(ctx context.Context, s Store, key string) (*Entry, bool) {
	e, ok := s.Get(ctx, key)
	if !ok {
		return nil, false
	}
	if len(e.Tags) > 0 && s.InvalidatedAt(ctx, e.Tags).After(e.Stored) {
		return nil, false
	}
	return e, true
}

// tagTimes keeps the latest invalidation time per tag; the stores share it.
type tagTimes struct {
	mu sync.RWMutex
	at map[string]time.Time
}

func (t *tagTimes) set(tags []string, at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.at == nil {
		t.at = map[string]time.Time{}
	}
	for _, tag := range tags {
		if at.After(t.at[tag]) {
			t.at[tag] = at
		}
	}
}

func (t *tagTimes) latest(tags []string) time.Time {
	t.mu.RLock()
	defer t.mu.RUnlock()
	var max time.Time
	for _, tag := range tags {
		if at := t.at[tag]; at.After(max) {
			max = at
		}
	}
	return max
}

// Memory is an in-process LRU store bounded in bytes (Next's default in-memory cache is 50 MB).
type Memory struct {
	tags  tagTimes
	mu    sync.Mutex
	max   int64
	used  int64
	order *list.List // front = most recently used
	items map[string]*list.Element
}

type item struct {
	key   string
	entry *Entry
}

// NewMemory makes a store holding at most maxBytes (≤ 0: 50 MB).
func NewMemory(maxBytes int64) *Memory {
	if maxBytes <= 0 {
		maxBytes = 50 << 20
	}
	return &Memory{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the entry under key.
func (m *Memory) Get(_ context.Context, key string) (*Entry, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.items[key]
	if !ok {
		return nil, false
	}
	m.order.MoveToFront(el)
	return el.Value.(*item).entry, true
}

// Set stores e under key, evicting the least recently used entries past the byte budget. An
// entry larger than the whole budget is not stored.
func (m *Memory) Set(_ context.Context, key string, e *Entry) {
	sz := e.size()
	if sz > m.max {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.items[key]; ok {
		m.used -= el.Value.(*item).entry.size()
		el.Value.(*item).entry = e
		m.order.MoveToFront(el)
	} else {
		m.items[key] = m.order.PushFront(&item{key, e})
	}
	m.used += sz
	for m.used > m.max {
		el := m.order.Back()
		it := el.Value.(*item)
		m.order.Remove(el)
		delete(m.items, it.key)
		m.used -= it.entry.size()
	}
}

// Delete removes the entry under key.
func (m *Memory) Delete(_ context.Context, key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.items[key]; ok {
		m.used -= el.Value.(*item).entry.size()
		m.order.Remove(el)
		delete(m.items, key)
	}
}

// Invalidate records the tags' invalidation time.
func (m *Memory) Invalidate(_ context.Context, tags []string) { m.tags.set(tags, time.Now()) }

// InvalidatedAt is the latest invalidation time of tags.
func (m *Memory) InvalidatedAt(_ context.Context, tags []string) time.Time {
	return m.tags.latest(tags)
}

// Flight runs one fill per key at a time; callers for the same key wait for its result.
type Flight struct {
	mu    sync.Mutex
	calls map[string]*flightCall
}

type flightCall struct {
	done chan struct{}
	val  any
}

// Do runs fn once for concurrent callers with the same key and gives each its result.
func (f *Flight) Do(key string, fn func() any) any {
	f.mu.Lock()
	if f.calls == nil {
		f.calls = map[string]*flightCall{}
	}
	if c, ok := f.calls[key]; ok {
		f.mu.Unlock()
		<-c.done
		return c.val
	}
	c := &flightCall{done: make(chan struct{})}
	f.calls[key] = c
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
	}()
	c.val = fn()
	return c.val
}
