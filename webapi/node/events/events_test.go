package events_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/events"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The conformance area node-events (fixtures/conformance-app/checks/node-events.js) compares the
// whole module with Node 20; these pin what the JS sees through __jsrouteRequire without an app.
func TestEventEmitter(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, node.Install)
	tests := []struct{ name, script, want string }{
		{"module is the class", `const E = __jsrouteRequire('events'); return [E === E.EventEmitter, typeof E.once, __jsrouteRequire('node:events') === E].join()`, "true,function,true"},
		{"emit order and once", `const E = __jsrouteRequire('events'); const e = new E(), out = [];
			e.on('a', v => out.push('on' + v)); e.once('a', v => out.push('once' + v)); e.prependListener('a', v => out.push('pre' + v));
			e.emit('a', 1); e.emit('a', 2); return out.join()`, "pre1,on1,once1,pre2,on2"},
		{"unhandled error", `const E = __jsrouteRequire('events'); try { new E().emit('error', 'x') } catch (e) { return e.code + ' ' + e.message }`, "ERR_UNHANDLED_ERROR Unhandled error. ('x')"},
		{"static once", `const E = __jsrouteRequire('events'); const e = new E(); setTimeout(() => e.emit('r', 1, 2), 1); return (await E.once(e, 'r')).join()`, "1,2"},
		{"inspect of the leak warning target", `const E = __jsrouteRequire('events'); const e = new E(); e.setMaxListeners(1); let msg;
			globalThis.process = { emitWarning: w => msg = w.message }; e.on('x', () => {}); e.on('x', () => {}); return msg`,
			"Possible EventEmitter memory leak detected. 2 x listeners added to [EventEmitter]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Run(tt.script).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
