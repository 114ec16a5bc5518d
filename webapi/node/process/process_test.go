package process_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/events"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The conformance area node-process compares with Node 20 through the engine; these cover the
// webapitest host, which has no after-job hook (ticks get a loop job of their own).
func TestProcess(t *testing.T) {
	var log bytes.Buffer
	e := webapitest.New(t, webapitest.Options{Env: map[string]string{"A": "1"}, Log: &log}, console.Install, timers.Install, dom.Install, process.Install, node.Install)
	tests := []struct{ name, script, want string }{
		{"env", `return [process.env.A, process.env.NEXT_RUNTIME].join()`, "1,nodejs"},
		{"nextTick after promise jobs", `const out = []; process.nextTick(() => out.push('tick')); Promise.resolve().then(() => out.push('p'));
			await new Promise(r => setTimeout(r, 5)); return out.join()`, "p,tick"},
		{"tick errors are logged, later ticks run", `const out = []; process.nextTick(() => { throw new Error('tick boom') }); process.nextTick(() => out.push('after'));
			await new Promise(r => setTimeout(r, 5)); return out.join()`, "after"},
		{"lazy emitter", `const P = Object.getPrototypeOf(process); const before = Object.getPrototypeOf(P) === Object.prototype;
			let got; process.once('x', v => got = v); process.emit('x', 7);
			return [before, got, process instanceof __jsrouteRequire('events')].join()`, "true,7,true"},
		{"exit refused", `try { process.exit(1) } catch (e) { return e.code + ': ' + e.message }`, "ERR_NOT_SUPPORTED: node:process exit() is not supported by jsroute: a route handler cannot stop or change the server process"},
		{"warning is logged", `process.emitWarning('careful', 'DeprecationWarning', 'DEP0999'); await new Promise(r => setTimeout(r, 5)); return 'ok'`, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Run(tt.script).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	for _, want := range []string{"tick boom", "[DEP0999] DeprecationWarning: careful"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}

// BenchmarkInstall is the start-up cost of the process global in a fresh runtime.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		webapitest.New(b, webapitest.Options{}, process.Install)
	}
}

func BenchmarkRuntimeOnly(b *testing.B) {
	for i := 0; i < b.N; i++ {
		webapitest.New(b, webapitest.Options{})
	}
}

// BenchmarkFirstRead is the cost of building the process object (the first read of `process`).
func BenchmarkFirstRead(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e := webapitest.New(b, webapitest.Options{}, process.Install)
		e.VM.Get("process")
	}
}

func TestStdoutToLog(t *testing.T) {
	var log bytes.Buffer
	e := webapitest.New(t, webapitest.Options{Log: &log}, console.Install, encoding.Install, timers.Install, process.Install, node.Install)
	e.Run(`process.stdout.write('to stdout %s\n'); process.stderr.write(new TextEncoder().encode('to stderr'))`)
	for _, want := range []string{"to stdout %s", "to stderr"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
}
