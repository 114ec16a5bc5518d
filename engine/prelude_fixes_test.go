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
// fails with a SyntaxError that names the construct.
func TestForAwaitAtRunTime(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/f/route.js": `export async function GET() {
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor
  try { await new AsyncFunction('xs', 'let n = 0; for await (const x of xs) n += x; return n')([1]) } catch (e) { return new Response(e.name + ': ' + e.message) }
  return new Response('compiled')
}`,
	})
	srv, _ := serve(t, engine.Options{Dir: root, Workers: 1})
	if _, _, body := get(t, srv.URL+"/f"); !strings.HasPrefix(body, "SyntaxError: for await in code compiled at run time (new AsyncFunction)") {
		t.Errorf("got %q", body)
	}
}
