package engine

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// An ISR route whose regeneration fails keeps answering its stale entry (STALE, the old body) and
// logs the failure; once its upstream recovers, the next regeneration replaces it.
func TestFailedRegenerationKeepsTheStaleEntry(t *testing.T) {
	var failing atomic.Bool
	var n atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		fmt.Fprintf(w, "render %d", n.Add(1))
	}))
	defer up.Close()
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "app", "isr"), 0o755)
	os.WriteFile(filepath.Join(root, "app", "isr", "route.ts"), []byte(`export const revalidate = 1
export async function GET() {
  const res = await fetch(process.env.UPSTREAM)
  return new Response(await res.text(), { status: res.status })
}
`), 0o644)
	logs := &syncBuf{}
	e, err := New(Options{Dir: root, Workers: 1, Environ: []string{"UPSTREAM=" + up.URL},
		Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	get := func() (string, string) {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/isr", nil))
		body, _ := io.ReadAll(rec.Body)
		return rec.Header().Get("X-Nextjs-Cache"), string(body)
	}
	if state, body := get(); state != "HIT" || body != "render 1" {
		t.Fatalf("first: %s %q, want the prerendered HIT", state, body)
	}
	failing.Store(true)
	time.Sleep(1100 * time.Millisecond)
	if state, body := get(); state != "STALE" || body != "render 1" {
		t.Fatalf("after revalidate: %s %q, want STALE render 1", state, body)
	}
	for deadline := time.Now().Add(2 * time.Second); !strings.Contains(logs.String(), "regenerating /isr failed (status 502)"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the failed regeneration was not logged:\n%s", logs)
		}
	}
	if state, body := get(); state != "STALE" || body != "render 1" {
		t.Errorf("after a failed regeneration: %s %q, want the stale entry kept", state, body)
	}
	failing.Store(false)
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if state, body := get(); state == "HIT" && body == "render 2" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the entry was not regenerated once the upstream recovered")
		}
	}
}
