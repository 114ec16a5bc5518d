// Package cache keeps whole route responses (Next's full-route cache) for the routes that opt
// in (`dynamic = 'force-static'`, `revalidate = N`). A Store holds entries by key; Memory is
// the default store. No JS here: entries are status, headers and bytes.
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
	return n
}

// Store is where entries live. Implementations are safe for concurrent use; a failing store
// reads as a miss (availability over consistency, as Next's cache handlers do).
type Store interface {
	Get(ctx context.Context, key string) (*Entry, bool)
	Set(ctx context.Context, key string, e *Entry)
	Delete(ctx context.Context, key string)
}

// Memory is an in-process LRU store bounded in bytes (Next's default in-memory cache is 50 MB).
type Memory struct {
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
