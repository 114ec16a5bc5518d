package path_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/path"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// node-path in the conformance suite compares hundreds of inputs with Node 20; this pins the
// module wiring (aliases, cwd) without an app.
func TestPath(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, process.Install, node.Install)
	got := e.Run(`const p = __jsrouteRequire('path');
		return [p === __jsrouteRequire('node:path/posix'), p.win32 === __jsrouteRequire('path/win32'), p.resolve('x') === process.cwd() + '/x',
			p.join('/a', '../b', 'c.txt'), p.win32.join('C:\\a', '..', 'b'), p.parse('/x/y.tar.gz').ext].join('|')`).String()
	want := `true|true|true|/b/c.txt|C:\b|.gz`
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
