package streams_test

import "testing"

// miscCases are edge cases compared against Node 20.
var miscCases = []jsCase{
	{"tee of an errored stream", `
		const rs = new ReadableStream({ start(c) { c.error(new Error('x')) } }); const [a, b] = rs.tee();
		return [await settle(a.getReader().read()), await settle(b.getReader().closed)].join('|')`, "rejected Error: x|rejected Error: x"},
	{"enqueue beyond a zero highWaterMark", `let c; new ReadableStream({ start(x) { c = x } }, { highWaterMark: 0 }); c.enqueue(1); return c.desiredSize`, "-1"},
	{"enqueue with no argument enqueues undefined", `
		const rs = new ReadableStream({ start(c) { c.enqueue(); c.close() } }); const r = rs.getReader(); const x = await r.read();
		return [x.done, x.value, 'value' in x].join()`, "false,,true"},
	{"write with no argument", `let got = 'unset'; await new WritableStream({ write(c) { got = c } }).getWriter().write(); return String(got)`, "undefined"},
	{"ready starts resolved with highWaterMark 1", `return state(new WritableStream().getWriter().ready)`, "fulfilled undefined"},
	{"ready starts pending with highWaterMark 0", `return state(new WritableStream({}, { highWaterMark: 0 }).getWriter().ready)`, "pending"},
	{"writer.desiredSize while erroring and after", `
		let release; const ws = new WritableStream({ write() { return new Promise(r => release = r) } }); const w = ws.getWriter();
		await tick(); w.write(1); await tick(); const pa = w.abort('a'); const during = w.desiredSize;
		release(); await pa.catch(() => {}); return [during, w.desiredSize].join()`, ","},
	{"abort before start finishes", `
		let go; const log = [];
		const ws = new WritableStream({ start() { return new Promise(r => go = r) }, abort(r) { log.push('abort ' + r) } });
		const p = ws.abort('early'); const s1 = await state(p); go(); await p;
		return [s1, log.join()].join('|')`, "pending|abort early"},
	{"closed and ready keep their identity", `
		const w = new WritableStream().getWriter(); const r = new ReadableStream().getReader();
		return [w.closed === w.closed, w.ready === w.ready, r.closed === r.closed].join()`, "true,true,true"},
	{"read requests are served in order across close", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const r = rs.getReader();
		const ps = [r.read(), r.read(), r.read()]; c.enqueue('a'); c.close();
		return JSON.stringify(await Promise.all(ps))`, `[{"value":"a","done":false},{"done":true},{"done":true}]`},
	{"closed resolves before the pending reads' callbacks run", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const r = rs.getReader(); const log = [];
		r.read().then(() => log.push('read')); r.closed.then(() => log.push('closed'));
		c.close(); await tick(); return log.join()`, "closed,read"},
	{"an error rejects closed before pending reads", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const r = rs.getReader(); const log = [];
		r.read().catch(() => log.push('read')); r.closed.catch(() => log.push('closed'));
		c.error(1); await tick(); return log.join()`, "closed,read"},
	{"microtask order of enqueue and read", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const r = rs.getReader(); const log = [];
		r.read().then(x => log.push('read ' + x.value)); Promise.resolve().then(() => log.push('micro'));
		c.enqueue('v'); await tick(); return log.join()`, "micro,read v"},
	{"pull is called after a read empties the queue", `
		const log = []; let c;
		const rs = new ReadableStream({ start(x) { c = x; x.enqueue('a') }, pull() { log.push('pull') } });
		await tick(); const before = log.length; const r = rs.getReader(); await r.read(); await tick();
		return [before, log.length].join()`, "0,1"},
	{"cancel with a reader releases nothing", `
		const rs = new ReadableStream(); const r = rs.getReader(); await r.cancel('x');
		return [rs.locked, await settle(r.closed)].join('|')`, "true|ok undefined"},
	{"getReader after cancel", `
		const rs = new ReadableStream(); await rs.cancel(); const r = rs.getReader();
		return [await settle(r.closed), JSON.stringify(await r.read())].join('|')`, `ok undefined|{"done":true}`},
	{"values on a closed stream", `
		const rs = new ReadableStream({ start(c) { c.close() } }); const it = rs.values(); return JSON.stringify(await it.next())`, `{"done":true}`},
	{"tee chunks arrive in order on both sides", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const [a, b] = rs.tee();
		const ra = a.getReader(), rb = b.getReader();
		for (let i = 0; i < 5; i++) c.enqueue(i); c.close();
		const x = [], y = [];
		for (;;) { const { value, done } = await ra.read(); if (done) break; x.push(value) }
		for (;;) { const { value, done } = await rb.read(); if (done) break; y.push(value) }
		return x.join() + '|' + y.join()`, "0,1,2,3,4|0,1,2,3,4"},
	{"a transform that enqueues nothing", `
		const ts = new TransformStream({ transform() {} }); const w = ts.writable.getWriter();
		w.write(1); w.write(2); w.close(); return (await readAll(ts.readable)).length`, "0"},
	{"TransformStream flush waits for pending transforms", `
		const log = [];
		const ts = new TransformStream({ async transform(ch, c) { await sleep(3); log.push('t' + ch); c.enqueue(ch) }, flush() { log.push('flush') } });
		const w = ts.writable.getWriter(); const r = readAll(ts.readable);
		w.write(1); w.write(2); await w.close(); await r;
		return log.join()`, "t1,t2,flush"},
	{"writer.write after the writable side of a TransformStream errored", `
		let c; const ts = new TransformStream({ start(x) { c = x } }); const w = ts.writable.getWriter();
		c.error(new Error('boom')); return [await settle(w.write(1)), await settle(w.ready)].join('|')`, "rejected Error: boom|rejected Error: boom"},
	{"pipeTo resolves after the destination closes", `
		const log = []; const rs = ReadableStream.from(['a']);
		const ws = new WritableStream({ write(c) { log.push(c) }, async close() { await sleep(3); log.push('closed') } });
		await rs.pipeTo(ws); return log.join()`, "a,closed"},
	{"pipeTo waits for pending writes before aborting on a source error", `
		const log = []; let c; const rs = new ReadableStream({ start(x) { c = x } });
		const ws = new WritableStream({ async write(ch) { await sleep(5); log.push('w' + ch) }, abort() { log.push('abort') } });
		const p = rs.pipeTo(ws); c.enqueue(1); await tick(); c.error('E');
		return [await settle(p), log.join()].join('|')`, "rejected E|w1,abort"},
	{"from with a sync iterator's rejected value errors", `
		const rs = ReadableStream.from([Promise.reject(new Error('val'))]);
		return settle(rs.getReader().read())`, "rejected Error: val"},
	{"byte stream desiredSize follows the queue and reads", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } }, { highWaterMark: 4 });
		c.enqueue(new Uint8Array(3)); const a = c.desiredSize; await rs.getReader().read();
		return [a, c.desiredSize].join()`, "1,4"},
}

var _ = register("misc", &miscCases)

func TestMisc(t *testing.T) { runCases(t, miscCases) }
