package engine

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
)

// BenchmarkTryLoop: the cost of a try statement in the project's own code, which runs its block through
// __jsroute_try (loader/trycatch.go). Each request runs 1,000 try statements around a call: /block in a
// loop, /call in a function whose try block returns; /nocall's block calls nothing and is left as it is.
// ns/op ÷ 1,000 is the cost of one; compare with the same benchmark on a tree without the transform.
func BenchmarkTryLoop(b *testing.B) {
	dir := b.TempDir()
	for rel, src := range map[string]string{
		"app/block/route.ts": `function add(a: number, b: number): number { return a + b }
export function GET() {
  let x = 0
  for (let i = 0; i < 1000; i++) {
    try { x = add(x, i) } catch { x = -1 }
  }
  return new Response(String(x))
}
`,
		"app/call/route.ts": `function add(a: number, b: number): number { return a + b }
function safeAdd(a: number, b: number): number {
  try { return add(a, b) } catch { return 0 }
}
export function GET() {
  let x = 0
  for (let i = 0; i < 1000; i++) x = safeAdd(x, i)
  return new Response(String(x))
}
`,
		"app/nocall/route.ts": `export function GET() {
  let x = 0
  for (let i = 0; i < 1000; i++) {
    try { x += i } catch { x = -1 }
  }
  return new Response(String(x))
}
`,
	} {
		writeTestFile(b, dir, rel, src)
	}
	e, err := New(Options{Dir: dir, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Environ: []string{}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	for _, c := range []benchCase{{"Block", "GET", "/block", "", 200, "499500"}, {"Call", "GET", "/call", "", 200, "499500"},
		{"NoCall", "GET", "/nocall", "", 200, "499500"}} {
		b.Run(c.name, func(b *testing.B) {
			c.check(b, e)
			b.ReportAllocs()
			for b.Loop() {
				e.ServeHTTP(httptest.NewRecorder(), c.request())
			}
		})
	}
}
