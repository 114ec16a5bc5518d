package streams_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// jsCase is one conformance check: script is the body of an async function whose result, as a string,
// must equal want. The expected values were recorded from Node 20; run the same rows through Node with
// JSROUTE_NODE=1 go test -run TestNode ./webapi/streams/ to check them again.
type jsCase struct {
	name   string
	script string
	want   string
}

// prelude is shared by every script, in jsroute and in Node. AbortController stands in for the dom
// package's when the realm has none.
const prelude = `
const sleep = ms => new Promise(r => setTimeout(r, ms));
const tick = async (n = 20) => { for (let i = 0; i < n; i++) await Promise.resolve() };
const E = e => (e instanceof Error ? e.constructor.name + ': ' + e.message : String(e));
const threw = f => { try { f(); return 'no throw' } catch (e) { return 'threw ' + E(e) } };
const settle = async p => { try { return 'ok ' + String(await p) } catch (e) { return 'rejected ' + E(e) } };
const state = p => Promise.race([p.then(v => 'fulfilled ' + String(v), e => 'rejected ' + E(e)), tick(5).then(() => 'pending')]);
async function readAll(rs) { const r = rs.getReader(); const out = []; for (;;) { const { value, done } = await r.read(); if (done) { r.releaseLock(); return out } out.push(value) } }
const u8 = (...b) => new Uint8Array(b);
if (typeof AbortController === 'undefined') {
  globalThis.AbortController = class AbortController {
    constructor() {
      const ls = [];
      this.signal = { aborted: false, reason: undefined, addEventListener: (t, f) => ls.push(f), removeEventListener: (t, f) => { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1) } };
      this._ls = ls;
    }
    abort(r) { if (this.signal.aborted) return; this.signal.aborted = true; this.signal.reason = r === undefined ? new Error('This operation was aborted') : r; for (const f of [...this._ls]) f() }
  };
}
`

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, timers.Install, streams.Install)
}

func runCases(t *testing.T, cases []jsCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t)
			got := env.Run(prelude + tt.script).String()
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// allCases lists every table, for the Node run.
var allCases = map[string]*[]jsCase{}

func register(name string, cases *[]jsCase) bool { allCases[name] = cases; return true }

// TestNode runs every conformance row in Node (when JSROUTE_NODE=1), the reference for the expected
// values.
func TestNode(t *testing.T) {
	if os.Getenv("JSROUTE_NODE") == "" {
		t.Skip("set JSROUTE_NODE=1 to check the expectations against Node")
	}
	for table, cases := range allCases {
		for _, tt := range *cases {
			t.Run(table+"/"+tt.name, func(t *testing.T) {
				src := prelude + "(async () => {\n" + tt.script + "\n})().then(v => process.stdout.write(String(v)), e => { process.stdout.write('SCRIPT FAILED: ' + (e && e.stack || e)) })"
				out, err := exec.Command("node", "-e", src).CombinedOutput()
				if err != nil {
					t.Fatalf("node: %v\n%s", err, out)
				}
				if got := strings.TrimSpace(string(out)); got != tt.want {
					t.Errorf("node got %q\nwant     %q", got, tt.want)
				}
			})
		}
	}
}
