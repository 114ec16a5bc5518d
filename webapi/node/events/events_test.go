package events_test

import (
	"github.com/dop251/goja"

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

// BenchmarkEmit is one emit to two listeners, in JS (b.N emits per run).
func BenchmarkEmit(b *testing.B) {
	e := webapitest.New(b, webapitest.Options{}, console.Install, timers.Install, dom.Install, node.Install)
	e.Run(`const E = __jsrouteRequire('events'); globalThis.em = new E(); let n = 0; em.on('x', (a) => { n += a }); em.on('x', () => {})`)
	fn, _ := e.VM.RunString(`(function (k) { for (let i = 0; i < k; i++) em.emit('x', 1) })`)
	call, _ := goja.AssertFunction(fn)
	b.ResetTimer()
	if _, err := call(goja.Undefined(), e.VM.ToValue(b.N)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRequire is building node:events in a fresh runtime (its first require).
func BenchmarkRequire(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e := webapitest.New(b, webapitest.Options{}, node.Install)
		e.VM.RunString(`__jsrouteRequire('events')`)
	}
}
