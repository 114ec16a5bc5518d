package engine_test

import (
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// TestWasmRebuiltRuntimeIsFreed: a runtime thrown away after an interrupt is freed even when it
// used WebAssembly with an exported memory and a JS function import, as next/og's modules do.
// It used to stay reachable through the wasm package's Memory cleanup: one oversized
// ImageResponse then kept the heap at 1.6 GB after the worker was rebuilt.
func TestWasmRebuiltRuntimeIsFreed(t *testing.T) {
	mem, err := os.ReadFile("../webapi/wasm/testdata/memory.wasm")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := os.ReadFile("../webapi/wasm/testdata/jsimport.wasm")
	if err != nil {
		t.Fatal(err)
	}
	app := map[string]string{
		"app/big/route.ts": `
export async function GET() {
	const m = await WebAssembly.instantiate(` + byteLiteral(mem) + `)
	const i = await WebAssembly.instantiate(` + byteLiteral(imp) + `, { env: { f: (x: number) => x + 1 } })
	;(globalThis as any).big = new Array(4e6).fill(1.5)
	;(globalThis as any).kept = [m, i, new Uint8Array(m.instance.exports.mem.buffer)]
	return new Response(String(i.instance.exports.run(1)))
}`,
		"app/spin/route.ts": `
export const maxDuration = 1
export function GET() { for (;;) {} }`,
		"app/ok/route.ts": `export function GET() { return new Response('ok') }`,
	}
	srv, _ := serve(t, engine.Options{Dir: writeApp(t, app), Workers: 1})
	if st, _, _ := get(t, srv.URL+"/ok"); st != 200 {
		t.Fatalf("/ok: %d", st)
	}
	base := heapMiB()
	if st, _, body := get(t, srv.URL+"/big"); st != 200 || body != "2" {
		t.Fatalf("/big: %d %q", st, body)
	}
	held := heapMiB()
	if held-base < 40 {
		t.Fatalf("the big route holds only %d MiB more; the test measures nothing", held-base)
	}
	if st, _, _ := get(t, srv.URL+"/spin"); st != http.StatusGatewayTimeout {
		t.Fatalf("/spin: %d, want 504", st)
	}
	if st, _, _ := get(t, srv.URL+"/ok"); st != 200 {
		t.Fatalf("/ok after the rebuild: %d", st)
	}
	// The old runtime is closed on the worker's goroutine as it is rebuilt: wait a little.
	after := heapMiB()
	for deadline := time.Now().Add(5 * time.Second); after-base > (held-base)/4 && time.Now().Before(deadline); after = heapMiB() {
		time.Sleep(50 * time.Millisecond)
	}
	if after-base > (held-base)/4 {
		t.Fatalf("heap %d MiB before, %d MiB with the big route's data, %d MiB after its runtime was rebuilt: not freed", base, held, after)
	}
}

// byteLiteral is b as a JS Uint8Array literal.
func byteLiteral(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = strconv.Itoa(int(c))
	}
	return "new Uint8Array([" + strings.Join(parts, ",") + "])"
}

// heapMiB is the live heap after a few collections.
func heapMiB() int64 {
	var m runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc >> 20)
}
