package cache

import (
	"bytes"
	"context"
	"github.com/jsroute/jsroute/cache/redistest"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The contract every Store keeps, run against each backend.
func TestStoreContract(t *testing.T) {
	backends := map[string]func(t *testing.T) Store{
		"memory": func(t *testing.T) Store { return NewMemory(0) },
		"disk": func(t *testing.T) Store {
			d, err := NewDisk(t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			return d
		},
		"redis": func(t *testing.T) Store {
			r, err := NewRedis(redistest.Start(t).URL, "build-1", nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { r.Close() })
			waitSynced(t, r)
			return r
		},
	}
	for name, open := range backends {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t)
			stored := time.UnixMilli(time.Now().Add(-time.Second).UnixMilli())
			want := &Entry{Status: 201, Header: http.Header{"Content-Type": {"application/json"}, "Set-Cookie": {"a=1", "b=2"}},
				Body: []byte(`{"x":1}`), Stored: stored, Revalidate: 3 * time.Second, Tags: []string{"_N_T_/a", "posts"}}
			if _, ok := s.Get(ctx, "route:/a"); ok {
				t.Fatal("hit before any Set")
			}
			s.Set(ctx, "route:/a", want)
			got, ok := s.Get(ctx, "route:/a")
			if !ok || !reflect.DeepEqual(got, want) {
				t.Fatalf("Get = %+v, %v; want %+v", got, ok, want)
			}
			if _, f := Lookup(ctx, s, "route:/a"); f != Fresh {
				t.Errorf("Lookup of a fresh entry = %v", f)
			}
			// revalidateTag(tag, 'max'): stale at once (served while it regenerates), expired in a year.
			s.Invalidate(ctx, []string{"posts"}, 365*24*time.Hour)
			if e, f := Lookup(ctx, s, "route:/a"); f != Stale || e == nil {
				t.Errorf("Lookup after a profiled invalidation = %v, want Stale", f)
			}
			st := s.TagStates(ctx, []string{"other", "posts"})
			if len(st) != 2 || !st[0].Stale.IsZero() || time.Since(st[1].Stale) > time.Minute || time.Until(st[1].Expired) < 364*24*time.Hour {
				t.Errorf("TagStates = %+v", st)
			}
			// revalidateTag(tag): expired at once, a miss, even after a profiled one.
			time.Sleep(2 * time.Millisecond)
			s.Invalidate(ctx, []string{"posts"}, 0)
			if _, f := Lookup(ctx, s, "route:/a"); f != Miss {
				t.Errorf("Lookup after an invalidation = %v, want Miss", f)
			}
			if st := s.TagStates(ctx, []string{"never"}); st[0] != (TagState{}) {
				t.Errorf("TagStates(never) = %+v, want zero", st)
			}
			// ...and an entry stored after the invalidation is fresh again.
			time.Sleep(2 * time.Millisecond)
			fresh := *want
			fresh.Stored = time.UnixMilli(time.Now().Add(time.Millisecond).UnixMilli())
			s.Set(ctx, "route:/a", &fresh)
			if _, f := Lookup(ctx, s, "route:/a"); f != Fresh {
				t.Errorf("Lookup of an entry stored after the invalidation = %v, want Fresh", f)
			}
			s.Delete(ctx, "route:/a")
			if _, ok := s.Get(ctx, "route:/a"); ok {
				t.Error("hit after Delete")
			}
			// Keys are opaque: any bytes.
			odd := "fetch:GET https://x/?q=a b&c=ü/../\x00"
			s.Set(ctx, odd, &Entry{Status: 200, Body: []byte("odd"), Stored: stored})
			if e, ok := s.Get(ctx, odd); !ok || string(e.Body) != "odd" {
				t.Errorf("odd key: %v %v", e, ok)
			}
		})
	}
}

// A restart finds the disk store's entries and tag times; a corrupt file is skipped, logged and
// removed, never served.
func TestDiskRestartAndCorruption(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d, _ := NewDisk(dir, nil)
	d.Set(ctx, "route:/kept", &Entry{Status: 200, Body: []byte("kept"), Stored: time.Now().Add(-time.Hour), Tags: []string{"t"}})
	d.Set(ctx, "route:/bad", &Entry{Status: 200, Body: []byte("bad"), Stored: time.Now()})
	d.Invalidate(ctx, []string{"t"}, 0)
	if err := os.WriteFile(d.path("route:/bad"), []byte(`{"v":1,"status":200,"body":"tr`), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	again, err := NewDisk(dir, slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := again.Get(ctx, "route:/kept"); !ok || string(e.Body) != "kept" {
		t.Errorf("after a restart: %v %v", e, ok)
	}
	if _, f := Lookup(ctx, again, "route:/kept"); f != Miss {
		t.Error("the tag invalidation did not survive the restart")
	}
	if _, ok := again.Get(ctx, "route:/bad"); ok {
		t.Error("a corrupt entry was served")
	}
	if !strings.Contains(log.String(), "corrupt entry") {
		t.Errorf("corruption not logged: %q", log.String())
	}
	if _, err := os.Stat(d.path("route:/bad")); !os.IsNotExist(err) {
		t.Errorf("corrupt file still there: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// Two instances on one Redis share entries and see each other's invalidations within 100 ms; two
// builds never read each other's entries; while Redis is down the store misses quietly, and once it
// is back it shares again and catches up with the invalidations made meanwhile.
func TestRedisShared(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	var logA bytes.Buffer
	a, _ := NewRedis(srv.URL, "build-1", slog.New(slog.NewTextHandler(&logA, nil)))
	b, _ := NewRedis(srv.URL, "build-1", nil)
	other, _ := NewRedis(srv.URL, "build-2", nil)
	for _, s := range []*Redis{a, b, other} {
		defer s.Close()
		waitSynced(t, s)
	}
	e := &Entry{Status: 200, Body: []byte("shared"), Stored: time.Now().Add(-time.Second), Tags: []string{"posts"}}
	a.Set(ctx, "fetch:k", e)
	if got, ok := b.Get(ctx, "fetch:k"); !ok || string(got.Body) != "shared" {
		t.Fatalf("B does not see A's entry: %v %v", got, ok)
	}
	if _, ok := other.Get(ctx, "fetch:k"); ok {
		t.Error("another build read the entry")
	}
	a.Invalidate(ctx, []string{"posts"}, time.Hour)
	deadline := time.Now().Add(100 * time.Millisecond)
	for {
		if _, f := Lookup(ctx, b, "fetch:k"); f == Stale {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B does not see the entry stale 100 ms after A marked its tag stale")
		}
		time.Sleep(2 * time.Millisecond)
	}
	// A plain invalidation on B after A's profiled one expires the entry everywhere.
	time.Sleep(2 * time.Millisecond)
	b.Invalidate(ctx, []string{"posts"}, 0)
	for deadline := time.Now().Add(100 * time.Millisecond); ; time.Sleep(2 * time.Millisecond) {
		if _, f := Lookup(ctx, a, "fetch:k"); f == Miss {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("A still serves the entry 100 ms after B expired its tag")
		}
	}
	// What Redis keeps is the merge of A's and B's invalidations of "posts": A's stale mark, B's
	// expiry (the script merged them as TagState.merge does).
	late, _ := NewRedis(srv.URL, "build-1", nil)
	waitSynced(t, late)
	if st := late.TagStates(ctx, []string{"posts"})[0]; st.Stale.IsZero() || time.Since(st.Expired) > time.Minute || st.Expired.After(time.Now()) {
		t.Errorf("posts as a new instance loads it: %+v", st)
	}
	late.Close()

	// A's near copy of an entry is dropped when B replaces the entry.
	a.Set(ctx, "fetch:near", &Entry{Status: 200, Body: []byte("one"), Stored: time.Now()})
	if got, ok := a.Get(ctx, "fetch:near"); !ok || string(got.Body) != "one" {
		t.Fatalf("A's own entry: %v %v", got, ok)
	}
	b.Set(ctx, "fetch:near", &Entry{Status: 200, Body: []byte("two"), Stored: time.Now()})
	for deadline := time.Now().Add(100 * time.Millisecond); ; time.Sleep(2 * time.Millisecond) {
		if got, ok := a.Get(ctx, "fetch:near"); ok && string(got.Body) == "two" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("A still answers its near copy 100 ms after B replaced the entry")
		}
	}
	b.Delete(ctx, "fetch:near")
	for deadline := time.Now().Add(100 * time.Millisecond); ; time.Sleep(2 * time.Millisecond) {
		if _, ok := a.Get(ctx, "fetch:near"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("A still answers its near copy 100 ms after B deleted the entry")
		}
	}

	srv.Stop()
	// Within a moment of Redis dying the subscription notices, and the near copies go with it.
	for deadline := time.Now().Add(time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, ok := a.Get(ctx, "fetch:k"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("still hits 1 s after Redis went down")
		}
	}
	a.Set(ctx, "fetch:k2", e) // dropped, no panic, no error answer
	a.Get(ctx, "fetch:k2")
	if n := strings.Count(logA.String(), "unreachable"); n != 1 {
		t.Errorf("Redis down logged %d times, want once:\n%s", n, logA.String())
	}
	// B invalidates while the server is down: only B knows.
	b.Invalidate(ctx, []string{"late"}, 0)

	srv.Restart(t)
	// A third instance invalidates once the server is back; A's resubscription loads it.
	c, _ := NewRedis(srv.URL, "build-1", nil)
	defer c.Close()
	waitSynced(t, c)
	c.Invalidate(ctx, []string{"after"}, 0)
	deadline = time.Now().Add(5 * time.Second)
	for a.TagStates(ctx, []string{"after"})[0].Expired.IsZero() {
		if time.Now().After(deadline) {
			t.Fatal("A did not catch up with an invalidation made after Redis came back")
		}
		time.Sleep(20 * time.Millisecond)
	}
	a.Set(ctx, "fetch:k3", &Entry{Status: 200, Body: []byte("again"), Stored: time.Now()})
	if got, ok := b.Get(ctx, "fetch:k3"); !ok || string(got.Body) != "again" {
		t.Errorf("not shared after Redis came back: %v %v", got, ok)
	}
	if !strings.Contains(logA.String(), "caching resumed") {
		t.Errorf("recovery not logged:\n%s", logA.String())
	}
}

func waitSynced(t *testing.T, r *Redis) {
	t.Helper()
	select {
	case <-r.synced:
	case <-time.After(5 * time.Second):
		t.Fatal("the Redis store did not subscribe")
	}
}
