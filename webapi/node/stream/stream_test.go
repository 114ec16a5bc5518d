package stream_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/asynchooks"
	_ "github.com/jsroute/jsroute/webapi/node/buffer"
	_ "github.com/jsroute/jsroute/webapi/node/events"
	"github.com/jsroute/jsroute/webapi/node/process"
	_ "github.com/jsroute/jsroute/webapi/node/stream"
	_ "github.com/jsroute/jsroute/webapi/node/stringdecoder"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// Node's documented behaviour is checked against Node itself by the node-stream conformance area
// (78 checks); these tests cover what is jsroute's own: stream callbacks in the caller's
// AsyncLocalStorage context, and nothing built before the first require.

func env(t *testing.T) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
}

func TestStreamCallbacksKeepTheAsyncContext(t *testing.T) {
	e := env(t)
	got := e.Run(`const { Readable, Writable, Transform, pipeline } = __jsrouteRequire('stream');
		const { AsyncLocalStorage } = __jsrouteRequire('async_hooks');
		const als = new AsyncLocalStorage();
		const one = (id) => als.run(id, () => new Promise((resolve) => {
			const seen = new Set();
			const look = () => seen.add(als.getStore());
			let n = 0;
			const src = new Readable({ objectMode: true, read() { look(); setTimeout(() => { n++; this.push(n <= 3 ? n : null); }, 1); } });
			src.on('data', look);
			const t = new Transform({ objectMode: true, transform(c, e, cb) { look(); cb(null, String(c)); } });
			const w = new Writable({ highWaterMark: 1, write(c, e, cb) { look(); setTimeout(cb, 1); } });
			w.on('drain', look);
			pipeline(src, t, w, (err) => { look(); resolve([...seen].join('') + (err ? '!' : '')); });
		}));
		return (await Promise.all([one('a'), one('b'), one('c')])).join()`).String()
	if got != "a,b,c" {
		t.Errorf("got %s", got)
	}
}

func TestStreamIsBuiltOnFirstRequire(t *testing.T) {
	e := env(t)
	got := e.Run(`const before = typeof globalThis.Stream;
		const s = __jsrouteRequire('node:stream');
		return [before, s === __jsrouteRequire('stream'), s.promises === __jsrouteRequire('stream/promises'),
			__jsrouteRequire('stream/web').ReadableStream === ReadableStream, typeof __jsrouteRequire('stream/consumers').text].join()`).String()
	if got != "undefined,true,true,true,function" {
		t.Errorf("got %s", got)
	}
}
