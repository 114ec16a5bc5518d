package engine

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/cache"
)

// What each revalidateTag/revalidatePath call leaves in the store: a cacheLife profile marks the
// tag stale now and expired after the profile's expire; no profile (and revalidatePath) expires
// it now; an unknown profile is logged with Next's error and does nothing.
func TestRevalidateCallsReachTheStore(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "app", "r"), 0o755)
	os.WriteFile(filepath.Join(root, "app", "r", "route.ts"), []byte(`import { revalidatePath, revalidateTag } from 'next/cache'
export async function POST() {
  revalidateTag('max-tag', 'max')
  revalidateTag('hours-tag', 'hours')
  revalidateTag('object-tag', { expire: 5 })
  revalidateTag('plain-tag')
  revalidateTag('bad-tag', 'nope')
  revalidatePath('/blog/[slug]', 'layout')
  revalidatePath('/')
  return new Response('ok')
}
`), 0o644)
	store := cache.NewMemory(0)
	logs := &syncBuf{}
	e, err := New(Options{Dir: root, Workers: 1, Cache: store, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	before := time.Now().Add(-time.Millisecond)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("POST", "/r", nil))
	if body, _ := io.ReadAll(rec.Body); rec.Code != 200 || string(body) != "ok" {
		t.Fatalf("POST /r: %d %s\n%s", rec.Code, body, logs)
	}
	near := func(at time.Time, want time.Time) bool { return at.Sub(want).Abs() < 5*time.Second }
	now := time.Now()
	for _, c := range []struct {
		tag    string
		stale  bool
		expire time.Duration
	}{
		{"max-tag", true, 365 * 24 * time.Hour},
		{"hours-tag", true, 24 * time.Hour},
		{"object-tag", true, 5 * time.Second},
		{"plain-tag", false, 0},
		{"_N_T_/blog/[slug]/layout", false, 0},
		{"_N_T_/", false, 0},
		{"_N_T_/index", false, 0},
	} {
		st := store.TagStates(context.Background(), []string{c.tag})[0]
		if c.stale != !st.Stale.IsZero() || c.stale && st.Stale.Before(before) {
			t.Errorf("%s: stale %v, want marked %v", c.tag, st.Stale, c.stale)
		}
		if st.Expired.IsZero() || !near(st.Expired, now.Add(c.expire)) {
			t.Errorf("%s: expired %v, want about now + %v", c.tag, st.Expired, c.expire)
		}
	}
	if st := store.TagStates(context.Background(), []string{"bad-tag"})[0]; st != (cache.TagState{}) {
		t.Errorf("an unknown profile invalidated its tag: %+v", st)
	}
	for _, want := range []string{
		`Invalid profile provided \"nope\" must be configured under cacheLife in next.config or be \"max\"`,
		`\"revalidateTag\" without the second argument is now deprecated`,
	} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs)
		}
	}
}

// A prerender that reads request data makes an ordinary static route per-request, but a
// `dynamic = 'error'` route answers 500 and logs Next's error naming the route.
func TestPrerenderDynamicUsage(t *testing.T) {
	root := t.TempDir()
	for rel, src := range map[string]string{
		"app/isr/route.ts": "import { headers } from 'next/headers'\nexport const revalidate = 60\n" +
			"export async function GET() { return new Response((await headers()).get('x-who') ?? 'nobody') }\n",
		"app/strict/route.ts": "import { cookies } from 'next/headers'\nexport const dynamic = 'error'\n" +
			"export async function GET() { await cookies(); return new Response('never') }\n",
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755)
		os.WriteFile(filepath.Join(root, rel), []byte(src), 0o644)
	}
	logs := &syncBuf{}
	e, err := New(Options{Dir: root, Workers: 1, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, who := range []string{"a", "b"} {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/isr", nil)
		r.Header.Set("X-Who", who)
		e.ServeHTTP(rec, r)
		if rec.Code != 200 || rec.Body.String() != who || rec.Header().Get("X-Nextjs-Cache") != "" {
			t.Errorf("/isr as %s: %d %q x-nextjs-cache %q; want it rendered per request", who, rec.Code, rec.Body, rec.Header().Get("X-Nextjs-Cache"))
		}
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/strict", nil))
	if rec.Code != 500 {
		t.Errorf("/strict: %d, want 500", rec.Code)
	}
	if want := "Route /strict with `dynamic = \\\"error\\\"` couldn't be rendered statically because it used `cookies`"; !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks %s:\n%s", want, logs)
	}
}
