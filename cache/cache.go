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
	// Invalidate records, for every process sharing the store, that the entries carrying any of
	// tags are out of date as of now. expire 0 (`revalidateTag(tag)`, `revalidatePath`): they are
	// expired at once, the next Lookup misses. expire > 0 (`revalidateTag(tag, profile)`, Next 16):
	// they are stale at once — served while one regeneration runs — and expire after expire.
	Invalidate(ctx context.Context, tags []string, expire time.Duration)
	// TagStates are the invalidation states of tags, in order (zero: never invalidated).
	TagStates(ctx context.Context, tags []string) []TagState
}

// TagState is what the invalidations of one tag left (Next's tags manifest entry,
// next/dist/server/lib/incremental-cache/tags-manifest.external.js): an entry stored before Stale
// is stale; one stored before Expired is a miss once Expired has passed.
type TagState struct {
	Stale   time.Time // the latest revalidateTag(tag, profile)
	Expired time.Time // set by the latest invalidation: now, or now + the profile's expire
	At      time.Time // when the latest invalidation was made (it decides which Expired wins)
}

// merge folds in another invalidation of the same tag: the latest stale mark stays, and the
// latest invalidation sets the expiry (a plain revalidateTag after a profiled one expires at once,
// as in Next, whose manifest entry is overwritten field by field).
func (t TagState) merge(o TagState) TagState {
	if o.Stale.After(t.Stale) {
		t.Stale = o.Stale
	}
	if o.At.After(t.At) || t.At.IsZero() {
		t.Expired, t.At = o.Expired, o.At
	}
	return t
}

// invalidation is the state one Invalidate call at now gives a tag.
func invalidation(now time.Time, expire time.Duration) TagState {
	if expire > 0 {
		return TagState{Stale: now, Expired: now.Add(expire), At: now}
	}
	return TagState{Expired: now, At: now}
}

// Freshness is what Lookup found.
type Freshness int

const (
	// Miss: no entry, or one of its tags expired after it was stored.
	Miss Freshness = iota
	// Fresh: serve it.
	Fresh
	// Stale: past its revalidate time or one of its tags was marked stale after it was stored;
	// serve it and regenerate it in the background (stale-while-revalidate).
	Stale
)

// Lookup is Get with the entry's freshness at now: a miss for an entry one of whose tags expired
// after it was stored (Next's areTagsExpired), stale when a tag was marked stale after it was
// stored (areTagsStale) or its revalidate time has passed.
func Lookup(ctx context.Context, s Store, key string) (*Entry, Freshness) {
	e, ok := s.Get(ctx, key)
	if !ok {
		return nil, Miss
	}
	now := time.Now()
	stale := e.Stale(now)
	if len(e.Tags) > 0 {
		for _, st := range s.TagStates(ctx, e.Tags) {
			if !st.Expired.IsZero() && !st.Expired.After(now) && st.Expired.After(e.Stored) {
				return nil, Miss
			}
			if st.Stale.After(e.Stored) {
				stale = true
			}
		}
	}
	if stale {
		return e, Stale
	}
	return e, Fresh
}

// tagTimes keeps the invalidation state per tag; the stores share it.
type tagTimes struct {
	mu sync.RWMutex
	at map[string]TagState
}

func (t *tagTimes) set(tags []string, st TagState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.at == nil {
		t.at = map[string]TagState{}
	}
	for _, tag := range tags {
		t.at[tag] = t.at[tag].merge(st)
	}
}

func (t *tagTimes) states(tags []string) []TagState {
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]TagState, len(tags))
	for i, tag := range tags {
		out[i] = t.at[tag]
	}
	return out
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

// Invalidate records the invalidation of tags.
func (m *Memory) Invalidate(_ context.Context, tags []string, expire time.Duration) {
	m.tags.set(tags, invalidation(time.Now(), expire))
}

// TagStates are the invalidation states of tags.
func (m *Memory) TagStates(_ context.Context, tags []string) []TagState { return m.tags.states(tags) }

// clear drops every entry.
func (m *Memory) clear() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.order.Init()
	clear(m.items)
	m.used = 0
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
