package asynchooks_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/asynchooks"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func env(t *testing.T, log *bytes.Buffer) *webapitest.Env {
	opts := webapitest.Options{}
	if log != nil {
		opts.Log = log
	}
	return webapitest.New(t, opts, console.Install, timers.Install, dom.Install, process.Install, node.Install)
}

// Expected values are what Node 20 prints for the same script (checked by hand with `node -e`;
// the conformance area node-async-hooks compares many more against Node itself).
func TestAsyncLocalStorage(t *testing.T) {
	tests := []struct{ name, script, want string }{
		{"run across await, timers, microtasks, then", `
			const als = new AsyncLocalStorage(); const out = [];
			const wait = ms => new Promise(r => setTimeout(r, ms));
			await Promise.all([1, 2].map(id => als.run({ id }, async () => {
				await wait(3 - id); out.push('await' + id + '=' + als.getStore().id);
				await new Promise(r => setTimeout(() => { out.push('timer' + id + '=' + als.getStore().id); r() }, id));
				await new Promise(r => queueMicrotask(() => { out.push('micro' + id + '=' + als.getStore().id); r() }));
				await Promise.resolve().then(() => als.getStore().id).then(v => out.push('then' + id + '=' + v));
			})));
			return [out.filter(s => s.endsWith('1')).length, out.filter(s => s.endsWith('2')).length, out.every(s => s.split('=')[0].slice(-1) === s.slice(-1)), als.getStore()].join()`,
			"4,4,true,"},
		{"nested run restores, exit hides synchronously", `
			const als = new AsyncLocalStorage(); const out = [];
			als.run(1, () => {
				out.push(als.getStore());
				als.run(2, () => out.push(als.getStore()));
				out.push(als.getStore());
				als.exit(() => out.push(String(als.getStore())));
				out.push(als.getStore());
			});
			out.push(String(als.getStore()));
			return out.join()`, "1,2,1,undefined,1,undefined"},
		{"process.nextTick keeps the store", `
			const als = new AsyncLocalStorage();
			const got = await Promise.all(['a', 'b'].map(id => als.run(id, () => new Promise(r => process.nextTick(() => r(als.getStore()))))));
			return got.join()`, "a,b"},
		{"two storages are independent", `
			const a = new AsyncLocalStorage(), b = new AsyncLocalStorage();
			return a.run('A', () => b.run('B', async () => { await null; return a.getStore() + b.getStore() }))`, "AB"},
		{"enterWith lasts for the rest of the job and later continuations", `
			const als = new AsyncLocalStorage();
			const p = (async () => { als.enterWith('x'); await null; return als.getStore() })();
			return (await p) + als.getStore()`, "xx"},
		{"disable hides the store until the next run", `
			const als = new AsyncLocalStorage(); const out = [];
			als.run(1, () => { als.disable(); out.push(String(als.getStore())); als.run(2, () => out.push(als.getStore())) });
			return out.join() + ',' + als.enabled`, "undefined,2,true"},
		{"snapshot and bind run in the captured context", `
			const als = new AsyncLocalStorage();
			const snap = als.run(7, () => AsyncLocalStorage.snapshot());
			const bound = als.run(8, () => AsyncLocalStorage.bind(function (x) { return [als.getStore(), x, this] }));
			return [snap(() => als.getStore()), String(als.getStore()), bound.call('t', 'y').join('/'), bound.length].join()`, "7,undefined,8/y/t,1"},
		{"AsyncResource", `
			const als = new AsyncLocalStorage();
			const res = als.run('s', () => new AsyncResource('X'));
			const out = [res.runInAsyncScope(function (a, b) { return als.getStore() + this + a + b }, '!', 1, 2)];
			out.push(typeof res.asyncId(), res.triggerAsyncId() >= 0, res.emitDestroy() === res);
			const b = res.bind((x) => als.getStore() + x);
			out.push(b('z'), b.asyncResource === res, Object.keys(b).join());
			const sb = als.run('q', () => AsyncResource.bind(() => als.getStore()));
			out.push(sb(), sb.asyncResource.constructor.name);
			return out.join()`, "s!12,number,true,true,sz,true,asyncResource,q,AsyncResource"},
		{"argument errors as Node", `
			const out = [];
			for (const f of [() => new AsyncResource(1), () => new AsyncResource('x').bind(1), () => createHook({ init: 1 }), () => new AsyncResource('x', { triggerAsyncId: -2 })]) {
				try { f() } catch (e) { out.push(e.name + ' ' + e.code + ' ' + e.message) }
			}
			return out.join('\n')`, strings.Join([]string{
			`TypeError ERR_INVALID_ARG_TYPE The "type" argument must be of type string. Received type number (1)`,
			`TypeError ERR_INVALID_ARG_TYPE The "fn" argument must be of type function. Received type number (1)`,
			`TypeError ERR_ASYNC_CALLBACK hook.init must be a function`,
			`RangeError ERR_INVALID_ASYNC_ID Invalid triggerAsyncId value: -2`,
		}, "\n")},
		{"module shape", `
			const m = __jsrouteRequire('node:async_hooks');
			return [Object.keys(m).join(), Object.keys(new AsyncLocalStorage()).join(), typeof m.executionAsyncId(), m.asyncWrapProviders.ZLIB].join(' ')`,
			"AsyncLocalStorage,createHook,executionAsyncId,triggerAsyncId,executionAsyncResource,asyncWrapProviders,AsyncResource kResourceStore,enabled number 44"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := env(t, nil)
			got := e.Run("const { AsyncLocalStorage, AsyncResource, createHook } = __jsrouteRequire('async_hooks');\n" + tt.script).String()
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// The request scope survives inside AsyncLocalStorage frames: Host.Context still answers it.
func TestScopeUnderFrames(t *testing.T) {
	e := env(t, nil)
	scope := &struct{ name string }{"req"}
	e.SetContext(scope)
	seen := []any{}
	e.VM.Set("probe", func() { seen = append(seen, e.Realm.Host.Context()) })
	e.Run(`const { AsyncLocalStorage } = __jsrouteRequire('async_hooks'); const als = new AsyncLocalStorage();
		await als.run(1, async () => { probe(); await new Promise(r => setTimeout(r, 1)); probe() }); probe()`)
	if len(seen) != 3 {
		t.Fatalf("probes: %d", len(seen))
	}
	for i, s := range seen {
		if s != any(scope) {
			t.Errorf("probe %d: context %v, want the scope", i, s)
		}
	}
	_ = webapi.ScopeOf
}

func TestCreateHookWarnsOnce(t *testing.T) {
	var log bytes.Buffer
	e := env(t, &log)
	got := e.Run(`const { createHook } = __jsrouteRequire('async_hooks'); let n = 0;
		const h = createHook({ init() { n++ } }); const r = [h.enable() === h, createHook({}).enable() === h];
		await new Promise(r => setTimeout(r, 1)); return r.join() + ',' + n`).String()
	if got != "true,false,0" {
		t.Errorf("got %s", got)
	}
	if c := strings.Count(log.String(), "createHook"); c != 1 {
		t.Errorf("want one warning naming createHook, log:\n%s", log.String())
	}
}
