package timers_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/process"
	_ "github.com/jsroute/jsroute/webapi/node/timers"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func TestImmediates(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, process.Install, node.Install)
	got := e.Run(`const log = [];
		await new Promise(res => {
			setImmediate(() => { log.push('a'); process.nextTick(() => log.push('tick')); Promise.resolve().then(() => log.push('promise')) });
			const c = setImmediate(() => log.push('cleared')); clearImmediate(c);
			setImmediate(() => { log.push('b'); res() });
		});
		const tp = __jsrouteRequire('timers/promises');
		log.push(await tp.setTimeout(1, 'slept'), await tp.setImmediate('next'));
		return log.join()`).String()
	if want := "a,tick,promise,b,slept,next"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
