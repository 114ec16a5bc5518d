package engine_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// writeApp lays out files (path relative to the project root → content) in a temp dir.
func writeApp(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serve starts an engine over real HTTP on loopback.
func serve(t *testing.T, opts engine.Options) (*httptest.Server, *logBuf) {
	t.Helper()
	logs := &logBuf{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(logs, nil))
	}
	e, err := engine.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e)
	t.Cleanup(func() {
		srv.Close()
		e.Close()
	})
	return srv, logs
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	return do(t, "GET", url, "", nil)
}

func do(t *testing.T, method, url, body string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// TestAsyncContextInterleaved: 200 concurrent requests on one worker, each awaiting timers and
// promises between calls to headers() and cookies(), never see another request's data.
func TestAsyncContextInterleaved(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/ctx/[id]/route.ts": `
import { headers, cookies } from 'next/headers'
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const seen: string[] = []
  for (let i = 0; i < 5; i++) {
    await sleep((Number(id) * 7 + i * 3) % 11)
    const h = (await headers()).get('x-id')
    const c = (await cookies()).get('id')?.value
    await Promise.resolve()
    const fromTimer = await new Promise<string | null>(res => setTimeout(async () => res((await headers()).get('x-id')), 1))
    seen.push(h + '/' + c + '/' + fromTimer)
  }
  return Response.json({ id, seen })
}
`,
	})
	srv, _ := serve(t, engine.Options{Dir: root, Workers: 1})
	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			id := fmt.Sprint(i)
			req, _ := http.NewRequest("GET", srv.URL+"/ctx/"+id, nil)
			req.Header.Set("X-Id", id)
			req.Header.Set("Cookie", "id="+id)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			want := strings.Repeat(fmt.Sprintf(`"%s/%s/%s",`, id, id, id), 5)
			want = fmt.Sprintf(`{"id":"%s","seen":[%s]}`, id, strings.TrimSuffix(want, ","))
			if string(b) != want {
				errs <- fmt.Sprintf("request %s got %s", id, b)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
