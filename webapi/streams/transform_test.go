package streams_test

import "testing"

var transformCases = []jsCase{
	// §6.2 TransformStream
	{"class shape", `
		const names = o => Object.getOwnPropertyNames(o).filter(n => n !== 'constructor').sort().join();
		const ts = new TransformStream();
		return [TransformStream.length, names(TransformStream.prototype), names(TransformStreamDefaultController.prototype),
			ts.readable instanceof ReadableStream, ts.writable instanceof WritableStream, ts.readable === ts.readable].join('|')`,
		"0|readable,writable|desiredSize,enqueue,error,terminate|true|true|true"},
	{"identity transform", `
		const ts = new TransformStream(); const w = ts.writable.getWriter();
		w.write('a'); w.write('b'); w.close();
		return (await readAll(ts.readable)).join()`, "a,b"},
	{"transform and flush", `
		const ts = new TransformStream({
			transform(chunk, c) { c.enqueue(chunk.toUpperCase()); c.enqueue(chunk.length) },
			flush(c) { c.enqueue('END') },
		});
		const w = ts.writable.getWriter(); w.write('ab'); w.write('cde'); w.close();
		return (await readAll(ts.readable)).join()`, "AB,2,CDE,3,END"},
	{"transformer methods get this and the controller", `
		let got; const tr = { start(c) { got = [this === tr, c instanceof TransformStreamDefaultController] } };
		new TransformStream(tr); return got.join()`, "true,true"},
	{"async transform", `
		const ts = new TransformStream({ async transform(chunk, c) { await sleep(2); c.enqueue(chunk * 2) } });
		const w = ts.writable.getWriter(); [1, 2, 3].forEach(x => w.write(x)); w.close();
		return (await readAll(ts.readable)).join()`, "2,4,6"},
	{"start delays the first transform", `
		const log = []; let go;
		const ts = new TransformStream({ start() { return new Promise(r => go = r) }, transform(ch) { log.push(ch) } });
		const w = ts.writable.getWriter(); w.write(1); const r = ts.readable.getReader(); r.read();
		await tick(); const before = log.length; go(); await tick();
		return [before, log.join()].join('|')`, "0|1"},
	{"start throwing makes the constructor throw", `return threw(() => new TransformStream({ start() { throw new Error('st') } }))`, "threw Error: st"},
	{"readableType and writableType are RangeErrors", `
		return [threw(() => new TransformStream({ readableType: 'bytes' })), threw(() => new TransformStream({ writableType: 'bytes' }))].join('|')`,
		"threw RangeError: The property 'transformer.readableType' is invalid. Received 'bytes'|threw RangeError: The property 'transformer.writableType' is invalid. Received 'bytes'"},
	{"transform must be a function", `return threw(() => new TransformStream({ transform: 1 })).split(':')[0]`, "threw TypeError"},
	{"a throwing transform errors both sides", `
		const ts = new TransformStream({ transform() { throw new Error('tr') } });
		const w = ts.writable.getWriter(); const r = ts.readable.getReader();
		const read = settle(r.read());
		return [await settle(w.write(1)), await read, await settle(w.closed)].join('|')`, "rejected Error: tr|rejected Error: tr|rejected Error: tr"},
	{"a throwing flush errors the readable side", `
		const ts = new TransformStream({ flush() { throw new Error('fl') } });
		const w = ts.writable.getWriter(); const r = ts.readable.getReader();
		return [await settle(w.close()), await settle(r.read())].join('|')`, "rejected Error: fl|rejected Error: fl"},
	{"controller.error", `
		let c; const ts = new TransformStream({ start(x) { c = x } }); c.error(new RangeError('ce'));
		return [await settle(ts.readable.getReader().read()), await settle(ts.writable.getWriter().write(1))].join('|')`, "rejected RangeError: ce|rejected RangeError: ce"},
	{"controller.terminate", `
		let c; const ts = new TransformStream({ start(x) { c = x } }); c.enqueue('last'); c.terminate();
		const got = (await readAll(ts.readable)).join();
		return [got, await settle(ts.writable.getWriter().write(1)), threw(() => c.enqueue(1))].join('|')`,
		"last|rejected TypeError: Invalid state: TransformStream has been terminated|threw TypeError: Invalid state: Unable to enqueue"},
	{"enqueue after the readable side is cancelled throws", `
		let c; const ts = new TransformStream({ start(x) { c = x } }); await ts.readable.cancel();
		return threw(() => c.enqueue(1))`, "threw TypeError: Invalid state: Unable to enqueue"},
	{"controller.desiredSize", `
		let c; const ts = new TransformStream({ start(x) { c = x } }, undefined, { highWaterMark: 2 });
		const a = c.desiredSize; c.enqueue(1); return [a, c.desiredSize].join()`, "2,1"},
	{"default strategies: writable 1, readable 0", `
		let c; const ts = new TransformStream({ start(x) { c = x } }); const w = ts.writable.getWriter();
		return [c.desiredSize, w.desiredSize].join()`, "0,1"},
	{"backpressure: writes wait for reads", `
		const log = [];
		const ts = new TransformStream({ transform(ch, c) { log.push('t' + ch); c.enqueue(ch) } });
		const w = ts.writable.getWriter(); w.write(1); w.write(2); await tick();
		const before = log.join(); const r = ts.readable.getReader(); await r.read(); await tick();
		return [before, log.join()].join('|')`, "|t1"},
	{"cancelling the readable side calls transformer.cancel and errors the writable side", `
		let reason; const ts = new TransformStream({ cancel(r) { reason = r } });
		await ts.readable.cancel('rc'); const w = ts.writable.getWriter();
		return [reason, await settle(w.write(1))].join('|')`, "rc|rejected rc"},
	{"aborting the writable side calls transformer.cancel and errors the readable side", `
		let reason; const ts = new TransformStream({ cancel(r) { reason = r } });
		await ts.writable.abort('wa');
		return [reason, await settle(ts.readable.getReader().read())].join('|')`, "wa|rejected wa"},
	{"a readable strategy size", `
		let c; new TransformStream({ start(x) { c = x } }, {}, { highWaterMark: 10, size: ch => ch.length });
		c.enqueue('abc'); return c.desiredSize`, "7"},
	{"the controller cannot be constructed", `return threw(() => new TransformStreamDefaultController()).split(':')[0]`, "threw TypeError"},
	{"readable and writable getters check this", `return threw(() => Object.getOwnPropertyDescriptor(TransformStream.prototype, 'readable').get.call({})).split(':')[0]`, "threw TypeError"},
}

var pipeCases = []jsCase{
	// §4.9.1 ReadableStreamPipeTo
	{"pipeTo copies everything and closes", `
		const out = []; const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close() } });
		let closed = false; const ws = new WritableStream({ write(ch) { out.push(ch) }, close() { closed = true } });
		const res = await rs.pipeTo(ws);
		return [out.join(), closed, String(res), rs.locked, ws.locked].join('|')`, "1,2|true|undefined|false|false"},
	{"pipeTo locks both streams while piping", `
		const rs = new ReadableStream(); const ws = new WritableStream(); rs.pipeTo(ws);
		return [rs.locked, ws.locked].join()`, "true,true"},
	{"preventClose leaves the destination open", `
		const out = []; const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.close() } });
		const ws = new WritableStream({ write(ch) { out.push(ch) } });
		await rs.pipeTo(ws, { preventClose: true });
		const w = ws.getWriter(); await w.write('b'); return out.join()`, "a,b"},
	{"a source error aborts the destination", `
		let aborted; const rs = new ReadableStream({ start(c) { c.enqueue(1); setTimeout(() => c.error(new Error('src')), 5) } });
		const ws = new WritableStream({ abort(r) { aborted = r.message } });
		return [await settle(rs.pipeTo(ws)), aborted].join('|')`, "rejected Error: src|src"},
	{"preventAbort keeps the destination", `
		const rs = new ReadableStream({ start(c) { c.error(new Error('src')) } });
		const ws = new WritableStream();
		const res = await settle(rs.pipeTo(ws, { preventAbort: true }));
		const w = ws.getWriter(); return [res, await settle(w.write(1))].join('|')`, "rejected Error: src|ok undefined"},
	{"a destination error cancels the source", `
		let cancelled; const rs = new ReadableStream({ pull(c) { c.enqueue(1) }, cancel(r) { cancelled = r.message } });
		const ws = new WritableStream({ write() { throw new Error('dst') } });
		return [await settle(rs.pipeTo(ws)), cancelled].join('|')`, "rejected Error: dst|dst"},
	{"preventCancel keeps the source", `
		let cancelled = false; const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2) }, cancel() { cancelled = true } });
		const ws = new WritableStream({ write() { throw new Error('dst') } });
		const res = await settle(rs.pipeTo(ws, { preventCancel: true }));
		return [res, cancelled, rs.locked].join('|')`, "rejected Error: dst|false|false"},
	{"a closed destination cancels the source", `
		let cancelled; const rs = new ReadableStream({ cancel(r) { cancelled = E(r) } });
		const ws = new WritableStream(); await ws.close();
		return [await settle(rs.pipeTo(ws)), cancelled].join('|')`,
		"rejected TypeError: Invalid state: Destination WritableStream is closed|TypeError: Invalid state: Destination WritableStream is closed"},
	{"an already errored source", `
		const rs = new ReadableStream({ start(c) { c.error('E') } }); let aborted;
		const ws = new WritableStream({ abort(r) { aborted = r } });
		return [await settle(rs.pipeTo(ws)), aborted].join('|')`, "rejected E|E"},
	{"an already closed source closes the destination", `
		const rs = new ReadableStream({ start(c) { c.close() } }); let closed = false;
		await rs.pipeTo(new WritableStream({ close() { closed = true } })); return closed`, "true"},
	{"pipeTo argument checks", `
		const ws = new WritableStream(); const locked = new ReadableStream(); locked.getReader();
		const lockedW = new WritableStream(); lockedW.getWriter();
		return [await settle(new ReadableStream().pipeTo({})).then(s => s.split(':')[0]), await settle(locked.pipeTo(ws)), await settle(new ReadableStream().pipeTo(lockedW)),
			await settle(new ReadableStream().pipeTo(ws, { signal: 1 }))].join('|')`,
		`rejected TypeError|rejected TypeError: Invalid state: The ReadableStream is locked|rejected TypeError: Invalid state: The WritableStream is locked|rejected TypeError: The "options.signal" property must be an instance of AbortSignal. Received type number (1)`},
	{"an aborted signal stops before piping", `
		const ac = new AbortController(); ac.abort('R');
		let aborted, cancelled; const rs = new ReadableStream({ cancel(r) { cancelled = r } });
		const ws = new WritableStream({ abort(r) { aborted = r } });
		return [await settle(rs.pipeTo(ws, { signal: ac.signal })), aborted, cancelled, rs.locked, ws.locked].join('|')`, "rejected R|R|R|false|false"},
	{"aborting the signal mid-pipe", `
		const ac = new AbortController(); const out = [];
		let cancelled; const rs = new ReadableStream({ pull(c) { return sleep(2).then(() => c.enqueue(out.length)) }, cancel(r) { cancelled = r } });
		const ws = new WritableStream({ write(ch) { out.push(ch) } });
		const p = rs.pipeTo(ws, { signal: ac.signal }); await sleep(15); ac.abort('stop');
		return [await settle(p), cancelled, out.length > 0, await settle(ws.getWriter().closed)].join('|')`, "rejected stop|stop|true|rejected stop"},
	{"abort with preventAbort and preventCancel", `
		const ac = new AbortController(); ac.abort('R');
		let touched = false; const rs = new ReadableStream({ cancel() { touched = true } });
		const ws = new WritableStream({ abort() { touched = true } });
		return [await settle(rs.pipeTo(ws, { signal: ac.signal, preventAbort: true, preventCancel: true })), touched].join('|')`, "rejected R|false"},
	{"pipeTo respects backpressure", `
		let pulls = 0; const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); if (pulls === 20) c.close() } }, { highWaterMark: 0 });
		let writes = 0; const ws = new WritableStream({ write() { writes++; return sleep(1) } }, { highWaterMark: 1 });
		const p = rs.pipeTo(ws); await sleep(8);
		const ahead = pulls - writes; await p;
		return [ahead <= 3, writes].join()`, "true,20"},
	{"pipeThrough", `
		const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close() } });
		const out = rs.pipeThrough(new TransformStream({ transform(ch, c) { c.enqueue(ch + ch) } }));
		return [rs.locked, (await readAll(out)).join()].join('|')`, "true|aa,bb"},
	{"pipeThrough chains", `
		const up = () => new TransformStream({ transform(ch, c) { c.enqueue(ch + 1) } });
		const rs = ReadableStream.from([1, 2]).pipeThrough(up()).pipeThrough(up()).pipeThrough(up());
		return (await readAll(rs)).join()`, "4,5"},
	{"pipeThrough with any readable/writable pair", `
		const out = []; const pair = { writable: new WritableStream({ write(c) { out.push(c) } }), readable: new ReadableStream() };
		const r = ReadableStream.from(['x']).pipeThrough(pair); await sleep(2);
		return [r === pair.readable, out.join()].join()`, "true,x"},
	{"pipeThrough argument checks", `
		const locked = new ReadableStream(); locked.getReader(); const t = new TransformStream(); t.writable.getWriter();
		return [threw(() => new ReadableStream().pipeThrough({})), threw(() => new ReadableStream().pipeThrough({ readable: new ReadableStream() })).split(':')[0],
			threw(() => locked.pipeThrough(new TransformStream())), threw(() => new ReadableStream().pipeThrough(t))].join('|')`,
		`threw TypeError: The "transform.readable" property must be an instance of ReadableStream. Received undefined|threw TypeError|threw TypeError: Invalid state: The ReadableStream is locked|threw TypeError: Invalid state: The WritableStream is locked`},
	{"a pipeThrough error surfaces on the readable side", `
		const rs = new ReadableStream({ start(c) { c.error(new Error('up')) } });
		return settle(rs.pipeThrough(new TransformStream()).getReader().read())`, "rejected Error: up"},
}

var (
	_ = register("transform", &transformCases)
	_ = register("pipe", &pipeCases)
)

func TestTransform(t *testing.T) { runCases(t, transformCases) }
func TestPipe(t *testing.T)      { runCases(t, pipeCases) }
