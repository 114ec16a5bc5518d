package cache

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
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
			r, err := NewRedis(startRedis(t).url, "build-1", nil)
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
			if _, ok := Lookup(ctx, s, "route:/a"); !ok {
				t.Error("Lookup missed a fresh entry")
			}
			// An invalidation of one of its tags after it was stored makes it a miss...
			s.Invalidate(ctx, []string{"posts"})
			if _, ok := Lookup(ctx, s, "route:/a"); ok {
				t.Error("Lookup hit an entry whose tag was invalidated")
			}
			if at := s.InvalidatedAt(ctx, []string{"other", "posts"}); time.Since(at) > time.Minute {
				t.Errorf("InvalidatedAt = %v", at)
			}
			if at := s.InvalidatedAt(ctx, []string{"never"}); !at.IsZero() {
				t.Errorf("InvalidatedAt(never) = %v, want zero", at)
			}
			// ...and an entry stored after the invalidation is a hit again.
			time.Sleep(2 * time.Millisecond)
			fresh := *want
			fresh.Stored = time.UnixMilli(time.Now().Add(time.Millisecond).UnixMilli())
			s.Set(ctx, "route:/a", &fresh)
			if _, ok := Lookup(ctx, s, "route:/a"); !ok {
				t.Error("Lookup missed an entry stored after the invalidation")
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
	d.Invalidate(ctx, []string{"t"})
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
	if _, ok := Lookup(ctx, again, "route:/kept"); ok {
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
	srv := startRedis(t)
	var logA bytes.Buffer
	a, _ := NewRedis(srv.url, "build-1", slog.New(slog.NewTextHandler(&logA, nil)))
	b, _ := NewRedis(srv.url, "build-1", nil)
	other, _ := NewRedis(srv.url, "build-2", nil)
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
	a.Invalidate(ctx, []string{"posts"})
	deadline := time.Now().Add(100 * time.Millisecond)
	for {
		if _, ok := Lookup(ctx, b, "fetch:k"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("B still serves the entry 100 ms after A invalidated its tag")
		}
		time.Sleep(2 * time.Millisecond)
	}

	srv.stop(t)
	if _, ok := a.Get(ctx, "fetch:k"); ok {
		t.Error("hit while Redis is down")
	}
	a.Set(ctx, "fetch:k2", e) // dropped, no panic, no error answer
	a.Get(ctx, "fetch:k2")
	if n := strings.Count(logA.String(), "unreachable"); n != 1 {
		t.Errorf("Redis down logged %d times, want once:\n%s", n, logA.String())
	}
	// B invalidates while the server is down: only B knows.
	b.Invalidate(ctx, []string{"late"})

	srv.restart(t)
	// A third instance invalidates once the server is back; A's resubscription loads it.
	c, _ := NewRedis(srv.url, "build-1", nil)
	defer c.Close()
	waitSynced(t, c)
	c.Invalidate(ctx, []string{"after"})
	deadline = time.Now().Add(5 * time.Second)
	for a.InvalidatedAt(ctx, []string{"after"}).IsZero() {
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

// redisServer is a real redis-server on a free loopback port, started by the test. When the binary
// is missing it is installed from Debian's packages (CI runs as root).
type redisServer struct {
	url  string
	port int
	dir  string
	cmd  *exec.Cmd
}

func startRedis(t *testing.T) *redisServer {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		install := exec.Command("sh", "-c", "apt-get update -qq && apt-get install -y -qq redis-server")
		install.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := install.CombinedOutput(); err != nil {
			t.Fatalf("redis-server is missing and could not be installed: %v\n%s", err, out)
		}
		if bin, err = exec.LookPath("redis-server"); err != nil {
			t.Fatal(err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &redisServer{url: "redis://127.0.0.1:" + strconv.Itoa(port) + "/0", port: port, dir: t.TempDir()}
	s.start(t, bin)
	t.Cleanup(func() { s.stop(t) })
	return s
}

func (s *redisServer) start(t *testing.T, bin string) {
	t.Helper()
	s.cmd = exec.Command(bin, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", s.dir)
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, io.Discard
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", s.port)); err == nil {
			c.Close()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("redis-server did not start")
}

func (s *redisServer) stop(t *testing.T) {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		s.cmd = nil
	}
}

func (s *redisServer) restart(t *testing.T) {
	bin, _ := exec.LookPath("redis-server")
	s.start(t, bin)
}
