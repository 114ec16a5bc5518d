package engine_test

import (
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// TestCompileGaps: code esbuild accepts but goja's parser does not. Class fields named
// get/set/async/static (Hono, @upstash/redis) and await in an async arrow default parameter
// (ai@7) are lowered in the file that has them, so they work, with stack traces still naming
// that file's lines; a construct with no lowering fails only the routes that import it (500
// naming file:line:col and goja's message), in start as in dev.
func TestCompileGaps(t *testing.T) {
	root := writeApp(t, map[string]string{
		"lib/store.js": `export class Store {
  m = { a: 1 }
  get = (k) => this.m[k]
  set = (k, v) => { this.m[k] = v; return this }
  async = true
  static static = 'S'
  static get = () => 'static get'
  fail() {
    throw new Error('store failed')
  }
}
`,
		"lib/params.ts": `export async function withDefault(g = async () => await Promise.resolve(5)): Promise<number> {
  return await g()
}
`,
		"lib/badregex.ts": "export const prefix = 'x'\nexport const re = /(?i:a)b/\n",
		"app/fields/route.ts": `import { Store } from '../../lib/store.js'
export function GET() {
  const s = new Store().set('b', 2)
  return Response.json([s.get('a'), s.get('b'), s.async, Store.static, Store.get()])
}
export function POST() { new Store().fail() }
`,
		"app/params/route.ts": "import { withDefault } from '../../lib/params'\nexport async function GET() { return Response.json(await withDefault()) }\n",
		"app/regex/route.ts":  "import { re } from '../../lib/badregex'\nexport function GET() { return new Response(String(re.test('Ab'))) }\n",
		"app/ok/route.ts":     "export function GET() { return new Response('ok') }\n",
	})
	for _, dev := range []bool{false, true} {
		srv, logs := serve(t, engine.Options{Dir: root, Dev: dev, Workers: 1})
		if st, _, body := get(t, srv.URL+"/fields"); st != 200 || body != `[1,2,true,"S","static get"]` {
			t.Errorf("dev=%v GET /fields: %d %s\n%s", dev, st, body, logs)
		}
		if st, _, _ := do(t, "POST", srv.URL+"/fields", "", nil); st != 500 || !strings.Contains(logs.String(), "lib/store.js:9:") {
			t.Errorf("dev=%v POST /fields: %d; the log should name lib/store.js:9:\n%s", dev, st, logs)
		}
		if st, _, body := get(t, srv.URL+"/params"); st != 200 || body != "5" {
			t.Errorf("dev=%v GET /params: %d %s", dev, st, body)
		}
		if st, _, body := get(t, srv.URL+"/ok"); st != 200 || body != "ok" {
			t.Errorf("dev=%v GET /ok: %d %s", dev, st, body)
		}
		st, _, body := get(t, srv.URL+"/regex")
		if st != 500 || !strings.Contains(body, "lib/badregex.ts:2:") || !strings.Contains(body, "Invalid group") {
			t.Errorf("dev=%v GET /regex: %d %q, want a 500 naming lib/badregex.ts:2 and goja's message", dev, st, body)
		}
	}
}
