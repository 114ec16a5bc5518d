package engine_test

import (
	"sync"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

var dispatchApp = map[string]string{
	"app/ok/route.ts":      `export function GET() { return new Response('ok') }`,
	"app/nap/route.ts":     `export async function GET() { await new Promise(r => setTimeout(r, 50)); return new Response('ok') }`,
	"app/compute/route.ts": `export function GET() { const end = Date.now() + 1500; while (Date.now() < end) {} return new Response('computed') }`,
	"app/spin/route.ts":    "export const maxDuration = 1\nexport function GET() { while (true) {} }\n",
}

// TestQueuedRequestMovesToAFreeWorker: with two workers, one inside a 1.5 s computation, 20
// requests at once, each awaiting 50 ms (so the free worker has many in flight), are all
// answered by the free worker, none after the computation.
func TestQueuedRequestMovesToAFreeWorker(t *testing.T) {
	srv, _ := serve(t, engine.Options{Dir: writeApp(t, dispatchApp), Workers: 2})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if st, _, body := get(t, srv.URL+"/compute"); st != 200 || body != "computed" {
			t.Errorf("/compute: %d %q", st, body)
		}
	}()
	time.Sleep(100 * time.Millisecond)
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			if st, _, body := get(t, srv.URL+"/nap"); st != 200 || body != "ok" {
				t.Errorf("/nap: %d %q", st, body)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("/nap waited %s beside a computation", d)
			}
		}()
	}
	wg.Wait()
	<-done
}

// TestNotStartedRequestSurvivesAnInterrupt: with one worker stuck in a runaway, a request
// queued behind it has not started: when the runaway is stopped it runs on the rebuilt runtime
// and answers 200, instead of failing with the runtime.
func TestNotStartedRequestSurvivesAnInterrupt(t *testing.T) {
	srv, _ := serve(t, engine.Options{Dir: writeApp(t, dispatchApp), Workers: 1, MaxDuration: 5 * time.Second})
	spin := make(chan int, 1)
	go func() { st, _, _ := get(t, srv.URL+"/spin"); spin <- st }()
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	if st, _, body := get(t, srv.URL+"/ok"); st != 200 || body != "ok" {
		t.Errorf("/ok queued behind the runaway: %d %q, want 200 ok", st, body)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("/ok answered after %s", d)
	}
	if st := <-spin; st != 504 {
		t.Errorf("/spin: %d, want 504", st)
	}
}
