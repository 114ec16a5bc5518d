package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// process in a real engine: cwd() is the project root, nextTick runs after the handler's promise
// jobs and within its request, and 'unhandledRejection' listeners take rejections the engine
// would otherwise log.
func TestProcessInEngine(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/ticks/route.ts": `export async function GET() {
			const log: string[] = [];
			process.nextTick(() => log.push('tick'));
			Promise.resolve().then(() => log.push('promise'));
			await new Promise((r) => setTimeout(r, 5));
			return Response.json({ log, cwd: process.cwd() });
		}`,
		"app/rejection/route.ts": `const seen: string[] = [];
		process.on('unhandledRejection', (reason: any) => seen.push(String(reason && reason.message)));
		export async function GET() {
			Promise.reject(new Error('nobody catches me'));
			await new Promise((r) => setTimeout(r, 5));
			return Response.json(seen);
		}`,
		"app/unlogged/route.ts": `export async function GET() {
			Promise.reject(new Error('logged one'));
			return new Response('ok');
		}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	if code, _, body := get(t, srv.URL+"/ticks"); code != 200 || body != `{"log":["promise","tick"],"cwd":"`+root+`"}` {
		t.Errorf("/ticks: %d %s", code, body)
	}
	if code, _, body := get(t, srv.URL+"/rejection"); code != 200 || body != `["nobody catches me"]` {
		t.Errorf("/rejection: %d %s", code, body)
	}
	get(t, srv.URL+"/unlogged")
	time.Sleep(20 * time.Millisecond)
	out := logs.String()
	if strings.Contains(out, "nobody catches me") {
		t.Errorf("a rejection handled by process.on('unhandledRejection') was logged:\n%s", out)
	}
	// The listener is per runtime: with one worker, /unlogged's rejection goes to it too.
	if strings.Contains(out, "logged one") {
		t.Errorf("the listener should have taken /unlogged's rejection too:\n%s", out)
	}
}

// Without listeners, an unhandled rejection is logged (and the process object need not exist).
func TestUnhandledRejectionLogged(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/r/route.ts": `export async function GET() {
			Promise.reject(new Error('nobody listens'));
			return new Response('ok');
		}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	get(t, srv.URL+"/r")
	deadline := time.Now().Add(2 * time.Second)
	for !strings.Contains(logs.String(), "nobody listens") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), "unhandledRejection") || !strings.Contains(logs.String(), "nobody listens") {
		t.Errorf("the rejection was not logged:\n%s", logs.String())
	}
}
