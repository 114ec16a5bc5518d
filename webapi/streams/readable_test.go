package streams_test

import "testing"

var readableCases = []jsCase{
	// §4.2 the class
	{"class shape", `
		const names = o => Object.getOwnPropertyNames(o).filter(n => n !== 'constructor').sort().join();
		return [ReadableStream.length, names(ReadableStream.prototype), typeof ReadableStream.from, ReadableStream.from.length,
			ReadableStream.prototype.pipeTo.length, ReadableStream.prototype.pipeThrough.length, ReadableStream.prototype.cancel.length,
			Object.prototype.toString.call(new ReadableStream()), ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values].join('|')`,
		"0|cancel,getReader,locked,pipeThrough,pipeTo,tee,values|function|1|1|1|0|[object ReadableStream]|true"},
	{"the other classes exist", `
		return [ReadableStreamDefaultReader.length, ReadableStreamDefaultController.length, typeof ReadableStreamBYOBReader, typeof ReadableByteStreamController, typeof ReadableStreamBYOBRequest].join()`,
		"1,0,function,function,function"},
	{"constructor needs new", `return threw(() => ReadableStream()).split(':')[0]`, "threw TypeError"},
	{"no source is an empty stream", `const rs = new ReadableStream(); return [rs.locked, rs instanceof ReadableStream].join()`, "false,true"},
	{"undefined source and strategy", `new ReadableStream(undefined, undefined); return 'ok'`, "ok"},
	{"null source is a TypeError", `return threw(() => new ReadableStream(null))`, `threw TypeError: The "source" argument must be of type object. Received null`},
	{"non-object source is a TypeError", `return threw(() => new ReadableStream(1)).split(':')[0]`, "threw TypeError"},
	{"pull must be a function", `return threw(() => new ReadableStream({ pull: 1 }))`, `threw TypeError: The "source.pull" property must be of type function. Received type number (1)`},
	{"cancel must be a function", `return threw(() => new ReadableStream({ cancel: 'x' })).split(':')[0]`, "threw TypeError"},
	{"start must be a function", `return threw(() => new ReadableStream({ start: {} })).split(':')[0]`, "threw TypeError"},
	{"unknown type is a TypeError", `return threw(() => new ReadableStream({ type: 'foo' }))`, `threw TypeError: The property 'source.type' is invalid. Received 'foo'`},
	{"type undefined is a default stream", `let c; new ReadableStream({ type: undefined, start(x) { c = x } }); return c.constructor.name`, "ReadableStreamDefaultController"},
	{"size must be a function", `return threw(() => new ReadableStream({}, { size: 1 }))`, `threw TypeError: The "strategy.size" property must be of type function. Received type number (1)`},
	{"strategy must be an object", `return threw(() => new ReadableStream({}, 1)).split(':')[0]`, "threw TypeError"},
	{"negative highWaterMark is a RangeError", `return threw(() => new ReadableStream({}, { highWaterMark: -1 }))`, `threw RangeError: The property 'strategy.highWaterMark' is invalid. Received -1`},
	{"NaN highWaterMark is a RangeError", `return [threw(() => new ReadableStream({}, { highWaterMark: NaN })), threw(() => new ReadableStream({}, { highWaterMark: 'x' }))].join('|')`,
		`threw RangeError: The property 'strategy.highWaterMark' is invalid. Received NaN|threw RangeError: The property 'strategy.highWaterMark' is invalid. Received NaN`},
	{"highWaterMark is converted to a number", `let c; new ReadableStream({ start(x) { c = x } }, { highWaterMark: '3' }); return c.desiredSize`, "3"},
	{"highWaterMark Infinity", `let c; new ReadableStream({ start(x) { c = x } }, { highWaterMark: Infinity }); return c.desiredSize`, "Infinity"},
	{"a size function on a byte stream is a RangeError", `return threw(() => new ReadableStream({ type: 'bytes' }, { size() { return 1 } })).split(':')[0]`, "threw RangeError"},

	// §4.7 the default controller and underlying source
	{"start runs synchronously with the controller and the source as this", `
		const src = { start(c) { this.c = c; this.sync = true } };
		const rs = new ReadableStream(src);
		return [src.sync, src.c instanceof ReadableStreamDefaultController, Object.prototype.toString.call(src.c)].join()`,
		"true,true,[object ReadableStreamDefaultController]"},
	{"start throwing makes the constructor throw", `return threw(() => new ReadableStream({ start() { throw new RangeError('boom') } }))`, "threw RangeError: boom"},
	{"start rejecting errors the stream", `
		const rs = new ReadableStream({ start() { return Promise.reject(new Error('nope')) } });
		return settle(rs.getReader().read())`, "rejected Error: nope"},
	{"pull waits for start", `
		const log = [];
		let resolveStart;
		new ReadableStream({ start() { log.push('start'); return new Promise(r => resolveStart = r) }, pull() { log.push('pull') } });
		await tick(); log.push('resolving'); resolveStart(); await tick();
		return log.join()`, "start,resolving,pull"},
	{"pull fills the queue up to highWaterMark", `
		let pulls = 0;
		const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls) } }, { highWaterMark: 3 });
		await tick();
		return pulls`, "3"},
	{"pull with highWaterMark 0 waits for a read", `
		let pulls = 0;
		const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls) } }, { highWaterMark: 0 });
		await tick(); const before = pulls;
		const r = rs.getReader(); const { value } = await r.read(); await tick();
		return [before, value, pulls].join()`, "0,1,1"},
	{"pull is not called again until its promise settles", `
		let pulls = 0, release;
		const rs = new ReadableStream({ pull(c) { pulls++; return new Promise(r => release = () => { c.enqueue(pulls); r() }) } }, { highWaterMark: 0 });
		const r = rs.getReader();
		const reads = [r.read(), r.read(), r.read()];
		await tick(); const a = pulls;
		release(); await tick(); const b = pulls;
		release(); await tick(); const c = pulls;
		release(); const got = (await Promise.all(reads)).map(x => x.value);
		return [a, b, c, got].join('|')`, "1|2|3|1,2,3"},
	{"enqueue inside pull does not re-enter pull", `
		let depth = 0, max = 0, pulls = 0;
		const rs = new ReadableStream({ pull(c) { depth++; max = Math.max(max, depth); pulls++; c.enqueue(1); c.enqueue(2); depth-- } }, { highWaterMark: 4 });
		await tick();
		return [max, pulls].join()`, "1,2"},
	{"pull throwing errors the stream", `
		const rs = new ReadableStream({ pull() { throw new TypeError('pull failed') } });
		const r = rs.getReader();
		return [await settle(r.read()), await settle(r.closed)].join('|')`, "rejected TypeError: pull failed|rejected TypeError: pull failed"},
	{"pull rejecting errors the stream", `
		const rs = new ReadableStream({ pull() { return Promise.reject(42) } });
		return settle(rs.getReader().read())`, "rejected 42"},
	{"desiredSize follows the queue", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }, { highWaterMark: 2 });
		const a = c.desiredSize; c.enqueue('a'); const b = c.desiredSize; c.enqueue('b'); c.enqueue('c'); const d = c.desiredSize;
		await rs.getReader().read(); const e = c.desiredSize;
		return [a, b, d, e].join()`, "2,1,-1,0"},
	{"desiredSize with a size function", `
		let c; new ReadableStream({ start(x) { c = x } }, { highWaterMark: 10, size(ch) { return ch.length } });
		c.enqueue('abcd'); return c.desiredSize`, "6"},
	{"desiredSize is 0 when closed and null when errored", `
		let c1, c2; new ReadableStream({ start(x) { c1 = x } }); new ReadableStream({ start(x) { c2 = x } });
		c1.close(); c2.error(new Error('x'));
		return [c1.desiredSize, c2.desiredSize].join()`, "0,"},
	{"a throwing size function errors the stream and throws", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }, { size() { throw new RangeError('sz') } });
		return [threw(() => c.enqueue(1)), await settle(rs.getReader().closed)].join('|')`, "threw RangeError: sz|rejected RangeError: sz"},
	{"an invalid size is a RangeError", `
		const out = [];
		for (const v of [-1, NaN, Infinity]) { let c; const rs = new ReadableStream({ start(x) { c = x } }, { size() { return v } }); out.push(threw(() => c.enqueue(1))) }
		return out.join('|')`, "threw RangeError: The argument 'size' is invalid. Received -1|threw RangeError: The argument 'size' is invalid. Received NaN|threw RangeError: The argument 'size' is invalid. Received Infinity"},
	{"enqueue after close throws", `let c; new ReadableStream({ start(x) { c = x } }); c.close(); return threw(() => c.enqueue(1))`, "threw TypeError: Invalid state: Controller is already closed"},
	{"close twice throws", `let c; new ReadableStream({ start(x) { c = x } }); c.close(); return threw(() => c.close())`, "threw TypeError: Invalid state: Controller is already closed"},
	{"enqueue and close after error throw", `let c; new ReadableStream({ start(x) { c = x } }); c.error(1); return [threw(() => c.enqueue(1)), threw(() => c.close()), threw(() => c.error(2))].join('|')`,
		"threw TypeError: Invalid state: Controller is already closed|threw TypeError: Invalid state: Controller is already closed|no throw"},
	{"close with a queue drains before done", `
		const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close() } });
		return (await readAll(rs)).join()`, "a,b"},
	{"chunks of any type pass through", `
		const obj = { x: 1 };
		const rs = new ReadableStream({ start(c) { c.enqueue(undefined); c.enqueue(null); c.enqueue(obj); c.enqueue('s'); c.close() } });
		const got = await readAll(rs);
		return [got.length, got[0], got[1], got[2] === obj, got[3]].join()`, "4,,,true,s"},
	{"the controller cannot be constructed", `return threw(() => new ReadableStreamDefaultController()).split(':')[0]`, "threw TypeError"},
	{"controller methods check this", `let c; new ReadableStream({ start(x) { c = x } }); return threw(() => c.enqueue.call({}, 1)).split(':')[0]`, "threw TypeError"},
	{"controller.error with no argument", `let c; const rs = new ReadableStream({ start(x) { c = x } }); c.error(); return settle(rs.getReader().read())`, "rejected undefined"},

	// §4.2.4 methods and locking
	{"getReader locks", `const rs = new ReadableStream(); const r = rs.getReader(); return [rs.locked, r instanceof ReadableStreamDefaultReader].join()`, "true,true"},
	{"getReader on a locked stream throws", `const rs = new ReadableStream(); rs.getReader(); return threw(() => rs.getReader())`, "threw TypeError: Invalid state: ReadableStream is locked"},
	{"the error has Node's code", `const rs = new ReadableStream(); rs.getReader(); try { rs.getReader() } catch (e) { return e.code }`, "ERR_INVALID_STATE"},
	{"getReader mode must be byob", `return threw(() => new ReadableStream().getReader({ mode: 'foo' }))`, `threw TypeError: The property 'options.mode' is invalid. Received 'foo'`},
	{"a BYOB reader needs a byte stream", `return threw(() => new ReadableStream().getReader({ mode: 'byob' })).split(':')[0]`, "threw TypeError"},
	{"getReader options must be an object", `return threw(() => new ReadableStream().getReader(1)).split(':')[0]`, "threw TypeError"},
	{"getReader with undefined mode is a default reader", `return new ReadableStream().getReader({ mode: undefined }).constructor.name`, "ReadableStreamDefaultReader"},
	{"releaseLock unlocks", `const rs = new ReadableStream(); const r = rs.getReader(); r.releaseLock(); r.releaseLock(); return [rs.locked, rs.getReader() instanceof ReadableStreamDefaultReader].join()`, "false,true"},
	{"closed rejects after releaseLock", `const r = new ReadableStream().getReader(); r.releaseLock(); return settle(r.closed)`, "rejected TypeError: Invalid state: Reader released"},
	{"closed is replaced after releaseLock of a closed stream", `
		const rs = new ReadableStream({ start(c) { c.close() } }); const r = rs.getReader();
		const before = await settle(r.closed); r.releaseLock();
		return [before, await settle(r.closed)].join('|')`, "ok undefined|rejected TypeError: Invalid state: Reader released"},
	{"read after releaseLock rejects", `const r = new ReadableStream().getReader(); r.releaseLock(); return settle(r.read())`, "rejected TypeError: Invalid state: The reader is not attached to a stream"},
	{"cancel after releaseLock rejects", `const r = new ReadableStream().getReader(); r.releaseLock(); return settle(r.cancel())`, "rejected TypeError: Invalid state: The reader is not attached to a stream"},
	{"releaseLock rejects pending reads", `const r = new ReadableStream().getReader(); const p = r.read(); r.releaseLock(); return settle(p)`, "rejected TypeError: Invalid state: Releasing reader"},
	{"the reader constructor", `
		const rs = new ReadableStream(); const r = new ReadableStreamDefaultReader(rs);
		return [rs.locked, threw(() => new ReadableStreamDefaultReader(rs)), threw(() => new ReadableStreamDefaultReader({})).split(':')[0]].join('|')`,
		"true|threw TypeError: Invalid state: ReadableStream is locked|threw TypeError"},
	{"closed resolves on close", `const rs = new ReadableStream({ start(c) { setTimeout(() => c.close(), 5) } }); return settle(rs.getReader().closed)`, "ok undefined"},
	{"closed rejects on error", `const rs = new ReadableStream({ start(c) { setTimeout(() => c.error(new SyntaxError('s')), 5) } }); return settle(rs.getReader().closed)`, "rejected SyntaxError: s"},
	{"read results are {value, done}", `
		const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close() } }); const r = rs.getReader();
		return JSON.stringify([await r.read(), await r.read(), await r.read()])`, `[{"value":1,"done":false},{"done":true},{"done":true}]`},
	{"reads wait for chunks", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const r = rs.getReader();
		const p1 = r.read(), p2 = r.read(); const s1 = await state(p1);
		c.enqueue('a'); c.enqueue('b');
		return [s1, (await p1).value, (await p2).value].join()`, "pending,a,b"},
	{"read on an errored stream rejects with the error", `
		const rs = new ReadableStream({ start(c) { c.error(new TypeError('x')) } });
		return settle(rs.getReader().read())`, "rejected TypeError: x"},

	// cancel (§4.9.2 ReadableStreamCancel)
	{"cancel calls the source's cancel with the reason and this", `
		const src = { cancel(r) { this.got = r; this.self = this; return 'ignored' } };
		const rs = new ReadableStream(src);
		const res = await rs.cancel('why');
		return [res, src.got, src.self === src].join()`, ",why,true"},
	{"cancel resolves once the source's cancel settles", `
		let done = false, release;
		const rs = new ReadableStream({ cancel() { return new Promise(r => release = () => { done = true; r() }) } });
		const p = rs.cancel(); const s1 = await state(p); release(); await p;
		return [s1, done].join()`, "pending,true"},
	{"a rejecting cancel rejects", `const rs = new ReadableStream({ cancel() { throw new Error('c') } }); return settle(rs.cancel())`, "rejected Error: c"},
	{"cancel on a locked stream rejects", `const rs = new ReadableStream(); rs.getReader(); return settle(rs.cancel())`, "rejected TypeError: Invalid state: ReadableStream is locked"},
	{"cancel closes the stream and drops the queue", `
		const rs = new ReadableStream({ start(c) { c.enqueue(1) } }); const r = rs.getReader();
		const p = r.read(); await r.cancel();
		const p2 = await r.read();
		return [(await p).value, p2.done, await settle(r.closed)].join()`, "1,true,ok undefined"},
	{"cancel resolves pending reads with done", `
		const rs = new ReadableStream(); const r = rs.getReader();
		const p = r.read(); r.cancel();
		return JSON.stringify(await p)`, `{"done":true}`},
	{"cancel on an errored stream rejects with the error", `const rs = new ReadableStream({ start(c) { c.error('E') } }); return settle(rs.cancel())`, "rejected E"},
	{"cancel on a closed stream resolves", `const rs = new ReadableStream({ start(c) { c.close() } }); return settle(rs.cancel())`, "ok undefined"},
	{"cancel is called once", `
		let n = 0; const rs = new ReadableStream({ cancel() { n++ } }); const r = rs.getReader();
		await r.cancel(); await r.cancel(); return n`, "1"},
	{"no pull after cancel", `
		let pulls = 0; const rs = new ReadableStream({ pull(c) { pulls++ } }, { highWaterMark: 0 }); const r = rs.getReader();
		await r.cancel(); await r.read(); await tick(); return pulls`, "0"},

	// brand checks
	{"methods check this", `
		return [threw(() => ReadableStream.prototype.getReader.call({})).split(':')[0], threw(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({})).split(':')[0],
			await settle(ReadableStream.prototype.cancel.call({})).then(s => s.split(':')[0]), await settle(ReadableStreamDefaultReader.prototype.read.call({})).then(s => s.split(':')[0])].join()`,
		"threw TypeError,threw TypeError,rejected TypeError,rejected TypeError"},
	{"Promise.prototype.then patched by user code does not break reads", `
		const then = Promise.prototype.then; let calls = 0;
		Promise.prototype.then = function (...a) { calls++; return then.apply(this, a) };
		try {
			const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close() } });
			const r = rs.getReader(); const a = await r.read(); const b = await r.read();
			return [a.value, b.done].join();
		} finally { Promise.prototype.then = then }`, "1,true"},
	{"subclassing works", `
		class My extends ReadableStream { constructor() { super({ start(c) { c.enqueue('x'); c.close() } }) } hello() { return 'hi' } }
		const m = new My(); return [m.hello(), m instanceof ReadableStream, (await readAll(m)).join()].join()`, "hi,true,x"},

	// the spec's example (Next.js docs, "convert async iterator to stream")
	{"iteratorToStream example", `
		function iteratorToStream(iterator) { return new ReadableStream({ async pull(controller) { const { value, done } = await iterator.next(); if (done) { controller.close() } else { controller.enqueue(value) } } }) }
		let i = 0;
		const iterator = { async next() { i++; if (i > 1 && i < 4) await sleep(20); return i < 4 ? { value: 'chunk' + i, done: false } : { done: true } } };
		const t0 = Date.now(); const got = await readAll(iteratorToStream(iterator)); const dt = Date.now() - t0;
		return [got.join(), dt >= 35].join()`, "chunk1,chunk2,chunk3,true"},
}

var _ = register("readable", &readableCases)

func TestReadable(t *testing.T) { runCases(t, readableCases) }
