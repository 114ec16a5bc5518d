package engine_test

import (
	"os"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// TestPreludeFixes: the goja gaps that gave silently wrong answers — Unicode property escapes
// (minisearch), a Proxy apply trap's arguments array (tRPC) — answer as Node 20 does
// (testdata/gaps/node.json, recorded by testdata/gaps/record.sh from testdata/gaps/gaps.js).
func TestPreludeFixes(t *testing.T) {
	src, err := os.ReadFile("testdata/gaps/gaps.js")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/gaps/node.json")
	if err != nil {
		t.Fatal(err)
	}
	root := writeApp(t, map[string]string{
		"app/gaps/route.js": "export function GET() {\n" + string(src) + "\nreturn Response.json(out)\n}\n",
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	st, _, body := get(t, srv.URL+"/gaps")
	if st != 200 || body != strings.TrimSpace(string(want)) {
		t.Errorf("got %d\n%s\nwant (Node)\n%s\n%s", st, body, want, logs)
	}
}

// TestForAwaitAtRunTime: code compiled at run time with for await, which goja cannot parse,
// is lowered on the host and runs as in Node; a real syntax error stays a SyntaxError.
func TestForAwaitAtRunTime(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/f/route.js": `export async function GET() {
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor
  async function* gen() { yield 1; yield 2 }
  const sum = new AsyncFunction('xs', 'ys', 'let n = 0; for await (const x of xs) n += x; for await (const y of ys) n += y * 10; return n')
  let bad
  try { new AsyncFunction('for await (const x of') } catch (e) { bad = e.name }
  return Response.json([await sum([Promise.resolve(1), 2], gen()), typeof sum, sum.length, bad])
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: root, Workers: 1})
	// Node 20: [33,"function",2,"SyntaxError"]
	if _, _, body := get(t, srv.URL+"/f"); body != `[33,"function",2,"SyntaxError"]` {
		t.Errorf("got %q\n%s", body, logs)
	}
}
