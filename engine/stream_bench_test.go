package engine_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// BenchmarkStreamPassThrough1MB: a 1 MB request body returned as the response body, through
// the whole engine: untouched (copied once, socket to socket) and through a JS TransformStream
// (every 64 KB chunk into JS and back out).
func BenchmarkStreamPassThrough1MB(b *testing.B) {
	root := b.TempDir()
	for p, src := range map[string]string{
		"app/pipe/route.ts":    `export async function POST(r: Request) { return new Response(r.body) }`,
		"app/through/route.ts": `export async function POST(r: Request) { return new Response(r.body!.pipeThrough(new TransformStream())) }`,
	} {
		os.MkdirAll(filepath.Join(root, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(root, p), []byte(src), 0o644)
	}
	e, err := engine.New(engine.Options{Dir: root, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	for _, path := range []string{"/pipe", "/through"} {
		b.Run(path[1:], func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				w := httptest.NewRecorder()
				e.ServeHTTP(w, httptest.NewRequest("POST", path, bytes.NewReader(body)))
				if w.Code != 200 || w.Body.Len() != len(body) {
					b.Fatalf("%d, %d bytes", w.Code, w.Body.Len())
				}
			}
		})
	}
}
