package streams_test

import "testing"

// recordingSink logs what the sink sees; slow makes each write take that many ms.
const recordingSink = `
function recorder(slow = 0) {
	const log = [];
	const sink = {
		start(c) { log.push('start'); this.c = c },
		write(chunk, c) { log.push('write:' + chunk); if (slow) return sleep(slow) },
		close() { log.push('close') },
		abort(r) { log.push('abort:' + (r instanceof Error ? r.message : r)) },
	};
	return { log, sink };
}
`

var writableCases = []jsCase{
	// §5.2 the class
	{"class shape", `
		const names = o => Object.getOwnPropertyNames(o).filter(n => n !== 'constructor').sort().join();
		return [WritableStream.length, names(WritableStream.prototype), names(WritableStreamDefaultWriter.prototype), names(WritableStreamDefaultController.prototype), WritableStreamDefaultWriter.length].join('|')`,
		"0|abort,close,getWriter,locked|abort,close,closed,desiredSize,ready,releaseLock,write|error,signal|1"},
	{"constructor argument checks", `
		return [threw(() => new WritableStream(null)), threw(() => new WritableStream({ write: 1 })), threw(() => new WritableStream({ type: 'bytes' })).split(':')[0],
			threw(() => new WritableStream({}, { highWaterMark: -1 })).split(':')[0], threw(() => WritableStream()).split(':')[0]].join('|')`,
		`threw TypeError: The "sink" argument must be of type object. Received null|threw TypeError: The "sink.write" property must be of type function. Received type number (1)|threw RangeError|threw RangeError|threw TypeError`},
	{"writes reach the sink in order, then close", recordingSink + `
		const { log, sink } = recorder(); const ws = new WritableStream(sink); const w = ws.getWriter();
		w.write('a'); w.write('b'); await w.close();
		return [log.join(), await settle(w.closed)].join('|')`, "start,write:a,write:b,close|ok undefined"},
	{"the sink's methods get the controller and this", `
		let got; const sink = { write(chunk, c) { got = [this === sink, c instanceof WritableStreamDefaultController] } };
		await new WritableStream(sink).getWriter().write(1); return got.join()`, "true,true"},
	{"start throwing makes the constructor throw", `return threw(() => new WritableStream({ start() { throw new Error('s') } }))`, "threw Error: s"},
	{"writes wait for start", recordingSink + `
		let go; const log = [];
		const ws = new WritableStream({ start() { return new Promise(r => go = r) }, write(c) { log.push(c) } });
		const w = ws.getWriter(); w.write('x'); await tick(); const before = log.length; go(); await tick();
		return [before, log.join()].join('|')`, "0|x"},
	{"start rejecting errors the stream", `
		const ws = new WritableStream({ start() { return Promise.reject(new Error('nope')) } }); const w = ws.getWriter();
		return [await settle(w.write(1)), await settle(w.closed)].join('|')`, "rejected Error: nope|rejected Error: nope"},
	{"write resolves after the sink's write", `
		let release; const ws = new WritableStream({ write() { return new Promise(r => release = r) } }); const w = ws.getWriter();
		const p = w.write(1); await tick(); const s1 = await state(p); release(); return [s1, await settle(p)].join('|')`, "pending|ok undefined"},
	{"one write at a time", `
		let active = 0, max = 0;
		const ws = new WritableStream({ async write() { active++; max = Math.max(max, active); await sleep(2); active-- } }, { highWaterMark: 10 });
		const w = ws.getWriter(); await Promise.all([1, 2, 3, 4].map(x => w.write(x)));
		return max`, "1"},
	{"desiredSize and ready follow backpressure", `
		let release; const ws = new WritableStream({ write() { return new Promise(r => release = r) } }, { highWaterMark: 2 });
		const w = ws.getWriter(); await w.ready;
		const d0 = w.desiredSize; w.write('a'); const d1 = w.desiredSize; w.write('b'); const d2 = w.desiredSize;
		const r1 = await state(w.ready); await tick(); release(); await tick(); const d3 = w.desiredSize; const r2 = await state(w.ready);
		return [d0, d1, d2, r1, d3, r2].join()`, "2,1,0,pending,1,fulfilled undefined"},
	{"a size function counts chunks", `
		const ws = new WritableStream({ write() { return new Promise(() => {}) } }, { highWaterMark: 10, size: c => c.length });
		const w = ws.getWriter(); w.write('abc'); w.write('de'); return w.desiredSize`, "5"},
	{"a throwing size function errors the stream", `
		const w = new WritableStream({}, { size() { throw new Error('sz') } }).getWriter();
		return [await settle(w.write(1)), await settle(w.ready), await settle(w.closed)].join('|')`, "rejected Error: sz|rejected Error: sz|rejected Error: sz"},
	{"an invalid size errors the stream", `
		const w = new WritableStream({}, { size() { return -1 } }).getWriter();
		return settle(w.write(1))`, "rejected RangeError: The argument 'size' is invalid. Received -1"},
	{"a rejecting write errors the stream", `
		const w = new WritableStream({ write() { throw new Error('w') } }).getWriter();
		return [await settle(w.write(1)), await settle(w.write(2)), await settle(w.closed), w.desiredSize].join('|')`, "rejected Error: w|rejected Error: w|rejected Error: w|"},
	{"queued writes fail with the first error", `
		let n = 0; const w = new WritableStream({ async write() { await sleep(1); if (++n === 1) throw new Error('first') } }, { highWaterMark: 5 }).getWriter();
		return (await Promise.all([w.write(1), w.write(2), w.write(3)].map(settle))).join('|')`, "rejected Error: first|rejected Error: first|rejected Error: first"},
	{"a rejecting close errors the stream", `
		const w = new WritableStream({ close() { throw new Error('c') } }).getWriter();
		return [await settle(w.close()), await settle(w.closed)].join('|')`, "rejected Error: c|rejected Error: c"},
	{"controller.error errors the stream", `
		let c; const ws = new WritableStream({ start(x) { c = x } }); const w = ws.getWriter();
		c.error(new TypeError('ctl')); c.error(new TypeError('again'));
		return [await settle(w.write(1)), await settle(w.closed)].join('|')`, "rejected TypeError: ctl|rejected TypeError: ctl"},
	{"controller.error after close is ignored", `
		let c; const ws = new WritableStream({ start(x) { c = x } }); const w = ws.getWriter();
		await w.close(); c.error(new Error('late')); return settle(w.closed)`, "ok undefined"},

	// locking
	{"getWriter locks", `const ws = new WritableStream(); const w = ws.getWriter(); return [ws.locked, threw(() => ws.getWriter())].join('|')`, "true|threw TypeError: Invalid state: WritableStream is locked"},
	{"abort and close on a locked stream reject", `
		const ws = new WritableStream(); ws.getWriter();
		return [await settle(ws.abort()), await settle(ws.close())].join('|')`, "rejected TypeError: Invalid state: WritableStream is locked|rejected TypeError: Invalid state: WritableStream is locked"},
	{"releaseLock unlocks and rejects the writer's promises", `
		const ws = new WritableStream(); const w = ws.getWriter(); w.releaseLock(); w.releaseLock();
		return [ws.locked, await settle(w.closed), await settle(w.ready), threw(() => w.desiredSize), await settle(w.write(1))].join('|')`,
		"false|rejected TypeError: Invalid state: Writer has been released|rejected TypeError: Invalid state: Writer has been released|threw TypeError: Invalid state: Writer is not bound to a WritableStream|rejected TypeError: Invalid state: Writer is not bound to a WritableStream"},
	{"the writer constructor", `
		const ws = new WritableStream(); new WritableStreamDefaultWriter(ws);
		return [ws.locked, threw(() => new WritableStreamDefaultWriter(ws)), threw(() => new WritableStreamDefaultWriter({})).split(':')[0]].join('|')`,
		"true|threw TypeError: Invalid state: WritableStream is locked|threw TypeError"},
	{"the controller cannot be constructed", `return threw(() => new WritableStreamDefaultController()).split(':')[0]`, "threw TypeError"},

	// close
	{"ws.close closes", recordingSink + `const { log, sink } = recorder(); const ws = new WritableStream(sink); await ws.close(); return log.join()`, "start,close"},
	{"closing twice rejects", `
		const ws = new WritableStream(); const w = ws.getWriter(); const p = w.close();
		return [await settle(w.close()), await settle(p)].join('|')`, "rejected TypeError: Invalid state: Failure to close WritableStream|ok undefined"},
	{"ws.close on a closing stream rejects", `const ws = new WritableStream(); ws.close(); return settle(ws.close())`, "rejected TypeError: Invalid state: Failure closing WritableStream"},
	{"write after close rejects", `const w = new WritableStream().getWriter(); w.close(); return settle(w.write(1))`, "rejected TypeError: Invalid state: WritableStream is closed"},
	{"close after closed rejects", `const w = new WritableStream().getWriter(); await w.close(); return settle(w.close())`, "rejected TypeError: Invalid state: WritableStream is closed"},
	{"close waits for queued writes", recordingSink + `
		const { log, sink } = recorder(3); const w = new WritableStream(sink, { highWaterMark: 5 }).getWriter();
		w.write(1); w.write(2); await w.close(); return log.join()`, "start,write:1,write:2,close"},
	{"desiredSize is 0 after close", `const w = new WritableStream().getWriter(); await w.close(); return w.desiredSize`, "0"},

	// abort (§5.5.2 WritableStreamAbort)
	{"abort calls the sink's abort and rejects queued writes", recordingSink + `
		const { log, sink } = recorder(5); const w = new WritableStream(sink, { highWaterMark: 5 }).getWriter(); await tick();
		const p1 = w.write(1), p2 = w.write(2);
		const pa = w.abort(new Error('stop'));
		return [await settle(p1), await settle(p2), await settle(pa), await settle(w.closed), log.join()].join('|')`,
		"ok undefined|rejected Error: stop|ok undefined|rejected Error: stop|start,write:1,abort:stop"},
	{"abort on an idle stream", recordingSink + `
		const { log, sink } = recorder(); const ws = new WritableStream(sink); await tick();
		return [await settle(ws.abort('r')), log.join()].join('|')`, "ok undefined|start,abort:r"},
	{"abort twice returns the same promise", `const w = new WritableStream().getWriter(); const a = w.abort(); return [a === w.abort(), await settle(a)].join()`, "true,ok undefined"},
	{"abort after close resolves", `const ws = new WritableStream(); await ws.close(); return settle(ws.abort())`, "ok undefined"},
	{"a rejecting sink abort rejects abort", `const ws = new WritableStream({ abort() { throw new Error('ab') } }); return settle(ws.abort('x'))`, "rejected Error: ab"},
	{"abort during close is not passed to the sink", recordingSink + `
		const { log, sink } = recorder(); sink.close = () => { log.push('close'); return sleep(5) };
		const w = new WritableStream(sink).getWriter(); await tick();
		const pc = w.close(); const pa = w.abort('late');
		return [await settle(pc), await settle(pa), log.join()].join('|')`, "ok undefined|ok undefined|start,close"},
	{"the controller's signal aborts", `
		let c; const ws = new WritableStream({ start(x) { c = x } });
		const s = c.signal; const before = s.aborted; let heard = false; s.addEventListener('abort', () => heard = true);
		await ws.abort('why');
		return [before, s.aborted, s.reason, heard, c.signal === s].join()`, "false,true,why,true,true"},
	{"the sink can watch the signal during a write", `
		let aborted = false;
		const ws = new WritableStream({ write(chunk, c) { return new Promise(r => c.signal.addEventListener('abort', () => { aborted = true; r() })) } });
		const w = ws.getWriter(); const p = w.write(1); await tick(); await w.abort('x'); await settle(p);
		return aborted`, "true"},
}

var _ = register("writable", &writableCases)

func TestWritable(t *testing.T) { runCases(t, writableCases) }
