package engine_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
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

// TestOgRebuiltRuntimeIsFreed is the case the leak was found with: next/og's ImageResponse
// (Satori and yoga in goja, resvg on wazero, fixtures/og-app's own next package) renders a big
// image, then the worker's runtime is rebuilt after a 504; the heap the render left must go.
// Before the fix it did not (3000×3000: 132 MiB after the render, 133 MiB after the rebuild;
// now 18 MiB).
func TestOgRebuiltRuntimeIsFreed(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm not on PATH")
	}
	fixture, _ := filepath.Abs("../fixtures/og-app")
	if out, err := exec.Command(filepath.Join(fixture, "setup.sh")).CombinedOutput(); err != nil {
		t.Fatalf("setup.sh: %v\n%s", err, out)
	}
	dir := writeApp(t, map[string]string{
		"app/big/route.tsx": `import { ImageResponse } from 'next/og'
export async function GET(req: Request) {
	const w = Number(new URL(req.url).searchParams.get('w'))
	const img = new ImageResponse(<div style={{ fontSize: 128, background: 'white', width: '100%', height: '100%', display: 'flex' }}>Hello world!</div>, { width: w, height: w })
	return new Response(String((await img.arrayBuffer()).byteLength))
}`,
		"app/spin/route.ts": `
export const maxDuration = 1
export function GET() { for (;;) {} }`,
	})
	if err := os.Symlink(filepath.Join(fixture, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	srv, _ := serve(t, engine.Options{Dir: dir, Workers: 1})
	if st, _, body := get(t, srv.URL+"/big?w=100"); st != 200 || body == "0" {
		t.Fatalf("/big?w=100: %d %q", st, body)
	}
	base := heapMiB()
	if st, _, body := get(t, srv.URL+"/big?w=3000"); st != 200 || body == "0" {
		t.Fatalf("/big?w=3000: %d %q", st, body)
	}
	held := heapMiB()
	if held-base < 40 {
		t.Fatalf("the big render holds only %d MiB more; the test measures nothing", held-base)
	}
	if st, _, _ := get(t, srv.URL+"/spin"); st != http.StatusGatewayTimeout {
		t.Fatalf("/spin: %d, want 504", st)
	}
	after := heapMiB()
	for deadline := time.Now().Add(5 * time.Second); after > base && time.Now().Before(deadline); after = heapMiB() {
		time.Sleep(50 * time.Millisecond)
	}
	if after > base {
		t.Fatalf("heap %d MiB after a small render, %d MiB after a 3000×3000 one, %d MiB once the runtime was rebuilt: not freed", base, held, after)
	}
}
