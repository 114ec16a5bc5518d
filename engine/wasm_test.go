package engine_test

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// wasmApp has routes running WebAssembly (webapi/wasm): one that answers, one whose wasm loops
// forever. The module bytes are inlined as an array literal.
func wasmApp(t *testing.T) map[string]string {
	b, err := os.ReadFile("../webapi/wasm/testdata/traps.wasm")
	if err != nil {
		t.Fatal(err)
	}
	add, err := os.ReadFile("../webapi/wasm/testdata/add.wasm")
	if err != nil {
		t.Fatal(err)
	}
	lit := func(b []byte) string {
		parts := make([]string, len(b))
		for i, c := range b {
			parts[i] = fmt.Sprint(c)
		}
		return "new Uint8Array([" + strings.Join(parts, ",") + "])"
	}
	return map[string]string{
		"app/ok/route.ts": `export function GET() { return new Response('ok') }`,
		"app/add/route.ts": `
const { instance } = await WebAssembly.instantiate(` + lit(add) + `)
export function GET() { return Response.json({ fib: instance.exports.fib(20), big: String(instance.exports.add64(2n ** 40n, 1n)) }) }
`,
		"app/spin/route.ts": `
export const maxDuration = 1
const spin = new WebAssembly.Instance(new WebAssembly.Module(` + lit(b) + `)).exports.spin as () => void
export function GET() { spin(); return new Response('never') }
`,
	}
}

// TestWasmRunawayIsInterrupted: a wasm loop that never ends stops at the route's time limit
// (504), and the one worker's rebuilt runtime serves and runs wasm again.
func TestWasmRunawayIsInterrupted(t *testing.T) {
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, wasmApp(t)), Workers: 1})
	if st, _, body := get(t, srv.URL+"/add"); st != 200 || body != `{"fib":6765,"big":"1099511627777"}` {
		t.Fatalf("/add: %d %s", st, body)
	}
	done := make(chan int, 1)
	start := time.Now()
	go func() { st, _, _ := get(t, srv.URL+"/spin"); done <- st }()
	select {
	case st := <-done:
		if st != http.StatusGatewayTimeout {
			t.Errorf("runaway wasm answered %d, want 504", st)
		}
		if el := time.Since(start); el < 900*time.Millisecond {
			t.Errorf("answered after %v, before its 1 s limit", el)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the runaway wasm was never stopped")
	}
	if st, _, _ := get(t, srv.URL+"/ok"); st != 200 {
		t.Fatalf("/ok after the interrupt: %d", st)
	}
	for i := 0; i < 2; i++ {
		if st, _, body := get(t, srv.URL+"/add"); st != 200 || !strings.Contains(body, "6765") {
			t.Fatalf("/add after the interrupt: %d %s", st, body)
		}
	}
	if !strings.Contains(logs.String(), "ran past its time limit") {
		t.Errorf("no time-limit log:\n%s", logs)
	}
}
