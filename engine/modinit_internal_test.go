package engine

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestModuleNeverSettles: a top-level await that never settles does not hold start-up past
// moduleWait (a warning names the file); its requests wait and run into their time limit (504),
// and the other routes serve.
func TestModuleNeverSettles(t *testing.T) {
	defer func(d time.Duration) { moduleWait = d }(moduleWait)
	moduleWait = 100 * time.Millisecond
	root := t.TempDir()
	for rel, src := range map[string]string{
		"app/forever/route.ts": "await new Promise(() => {})\nexport function GET() { return new Response('never') }\n",
		"app/ok/route.ts":      "export function GET() { return new Response('ok') }\n",
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755)
		os.WriteFile(filepath.Join(root, rel), []byte(src), 0o644)
	}
	logs := &syncBuf{}
	began := time.Now()
	e, err := New(Options{Dir: root, Workers: 1, MaxDuration: 300 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if d := time.Since(began); d > 3*time.Second {
		t.Errorf("New took %s", d)
	}
	if !strings.Contains(logs.String(), "app/forever/route.ts: its top-level await has not settled") {
		t.Errorf("no warning naming the file:\n%s", logs)
	}
	srv := httptest.NewServer(e)
	defer srv.Close()
	for path, want := range map[string]int{"/forever": 504, "/ok": 200} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
		}
	}
}
