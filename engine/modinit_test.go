package engine_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// TestModuleInit: top-level await (a timer, a fetch, in a route and in a module it imports) is
// awaited before the route serves; a module that throws or rejects while loading fails only its
// own route, with a 500 naming file:line, and `start` (not dev) serves every other route.
func TestModuleInit(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"flag":"from-upstream"}`))
	}))
	defer upstream.Close()
	root := writeApp(t, map[string]string{
		"lib/config.ts": "export const config = await new Promise<{ name: string }>(r => setTimeout(() => r({ name: 'cfg' }), 30))\n",
		"lib/bad.ts":    "export const x = 1\nthrow new Error('bad shared module')\n",
		"app/tla/route.ts": `import { config } from '../../lib/config'
const started = Date.now()
const v = await new Promise<number>(r => setTimeout(() => r(42), 50))
const flags = await (await fetch(process.env.UPSTREAM + '/flags')).json()
export async function GET() { return Response.json({ v, name: config.name, flag: flags.flag, waited: Date.now() - started >= 40 }) }
`,
		"app/ok/route.ts": "export function GET() { return new Response('ok') }\n",
		"app/throws/route.ts": `export const dynamic = 'force-dynamic'

throw new TypeError('cannot load')
export function GET() { return new Response('never') }
`,
		"app/rejects/route.ts": `
const db = await Promise.reject(new Error('no database'))
export function GET() { return new Response(String(db)) }
`,
		"app/shared-a/route.ts":                 "import { x } from '../../lib/bad'\nexport function GET() { return new Response('a' + x) }\n",
		"app/shared-b/route.ts":                 "import { x } from '../../lib/bad'\nexport function POST() { return new Response('b' + x) }\n",
		"app/.well-known/security.txt/route.ts": "export function GET() { return new Response('Contact: mailto:security@example.com\\n') }\n",
	})
	for _, dev := range []bool{false, true} {
		name := "start"
		if dev {
			name = "dev"
		}
		t.Run(name, func(t *testing.T) {
			srv, logs := serve(t, engine.Options{Dir: root, Dev: dev, Workers: 2,
				Environ: []string{"UPSTREAM=" + upstream.URL}})
			defer func() {
				if t.Failed() {
					t.Log(logs)
				}
			}()
			for i := 0; i < 4; i++ { // both workers
				if st, _, body := get(t, srv.URL+"/tla"); st != 200 || body != `{"v":42,"name":"cfg","flag":"from-upstream","waited":true}` {
					t.Errorf("GET /tla: %d %s", st, body)
				}
			}
			if st, _, body := get(t, srv.URL+"/ok"); st != 200 || body != "ok" {
				t.Errorf("GET /ok: %d %q", st, body)
			}
			if st, _, body := get(t, srv.URL+"/.well-known/security.txt"); st != 200 || !strings.HasPrefix(body, "Contact:") {
				t.Errorf("GET /.well-known/security.txt: %d %q", st, body)
			}
			for _, tt := range []struct{ method, path, want string }{
				{"GET", "/throws", "app/throws/route.ts:3:"},
				{"GET", "/throws", "TypeError: cannot load"},
				{"POST", "/throws", "app/throws/route.ts: error: the module failed to load"},
				{"GET", "/rejects", "app/rejects/route.ts:2:"},
				{"GET", "/rejects", "Error: no database"},
				{"GET", "/shared-a", "lib/bad.ts:2:"},
				// A module that failed once fails again for every importer, as an ES module in Node.
				{"POST", "/shared-b", "Error: bad shared module"},
			} {
				st, h, body := do(t, tt.method, srv.URL+tt.path, "", nil)
				if st != 500 || !strings.Contains(body, tt.want) || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
					t.Errorf("%s %s: %d %q, want a 500 naming %q", tt.method, tt.path, st, body, tt.want)
				}
			}
		})
	}
}

// TestModuleInitAfterRebuild: a runtime rebuilt after a runaway handler initialises its modules
// again; a request for a module still in its top-level await waits for it instead of failing.
func TestModuleInitAfterRebuild(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/slow/route.ts": "const v = await new Promise(r => setTimeout(() => r('ready'), 300))\nexport function GET() { return new Response(String(v)) }\n",
		"app/spin/route.ts": "export function GET() { while (true) {} }\n",
	})
	// The limit leaves the rebuilt runtime room to load /slow again (300 ms) on a loaded machine.
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1, MaxDuration: 1500 * time.Millisecond})
	if st, _, body := get(t, srv.URL+"/slow"); st != 200 || body != "ready" {
		t.Fatalf("GET /slow: %d %q", st, body)
	}
	if st, _, _ := get(t, srv.URL+"/spin"); st != 504 {
		t.Fatalf("GET /spin: %d", st)
	}
	start := time.Now()
	st, _, body := get(t, srv.URL+"/slow")
	if st != 200 || body != "ready" {
		t.Errorf("GET /slow after the rebuild: %d %q\n%s", st, body, logs)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("GET /slow after the rebuild took %s", d)
	}
}
