package node_test

import (
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// What a route cannot do in jsroute fails at the call with an error that names the module and
// the function (ERR_NOT_SUPPORTED), never at import: packages that only import these still load.
func TestUnsupportedCallsSayWhat(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, dom.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	got := e.Run(`const req = globalThis.__jsrouteRequire;
		const cp = req('child_process'), wt = req('worker_threads'), http = req('http'), https = req('https');
		const out = [];
		for (const [label, f] of [
			['spawn', () => cp.spawn('ls')], ['exec', () => cp.exec('ls', () => {})], ['execSync', () => cp.execSync('ls')],
			['fork', () => cp.fork('x.js')], ['Worker', () => new wt.Worker('./w.js')],
			['createServer', () => http.createServer(() => {})], ['https.createServer', () => https.createServer()],
		]) {
			try { f(); out.push(label + ': no error'); } catch (e) { out.push(label + ': ' + e.name + ' ' + e.code + ' ' + e.message); }
		}
		return out.join('\n')`).String()
	for _, line := range strings.Split(got, "\n") {
		label, msg, _ := strings.Cut(line, ": ")
		if !strings.HasPrefix(msg, "Error ERR_NOT_SUPPORTED node:") || !strings.Contains(msg, "is not supported by jsroute") {
			t.Errorf("%s: %q, want an ERR_NOT_SUPPORTED Error naming the module", label, msg)
		}
		if name := strings.TrimPrefix(label, "https."); !strings.Contains(msg, name) {
			t.Errorf("%s: %q does not name %s", label, msg, name)
		}
	}
	if n := strings.Count(got, "\n") + 1; n != 7 {
		t.Errorf("%d results, want 7:\n%s", n, got)
	}
}
