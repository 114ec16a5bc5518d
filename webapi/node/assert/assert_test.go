package assert_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/assert"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// node-assert in the conformance suite compares messages with Node 20; this pins the wiring.
func TestAssert(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, process.Install, node.Install)
	got := e.Run(`const a = __jsrouteRequire('assert');
		const msg = (f) => { try { f(); return 'passed' } catch (e) { return e.code + ': ' + e.message } };
		return [msg(() => a.deepStrictEqual({x: [1, 2]}, {x: [1, 2]})), msg(() => a.deepStrictEqual({a: 1}, {a: 2})),
			__jsrouteRequire('assert/strict') === a.strict].join('\n')`).String()
	want := "passed\nERR_ASSERTION: Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }\ntrue"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
