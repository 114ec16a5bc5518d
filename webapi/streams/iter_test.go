package streams_test

import "testing"

// iterate stands in for `for await` (goja has no async iteration syntax; esbuild lowers it to this).
const iterate = `
async function iterate(iterable, each) {
	const it = iterable[Symbol.asyncIterator]();
	for (;;) {
		const { value, done } = await it.next();
		if (done) return;
		if (each(value) === false) { await it.return(); return }
	}
}
`

var iterCases = []jsCase{
	// §4.2.5 async iteration
	{"async iteration reads every chunk and unlocks", iterate + `
		const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.enqueue(3); c.close() } });
		const got = []; await iterate(rs, v => { got.push(v) });
		return [got.join(), rs.locked].join('|')`, "1,2,3|false"},
	{"values() and @@asyncIterator", `
		const rs = new ReadableStream(); const it = rs.values();
		return [rs.locked, it[Symbol.asyncIterator]() === it, typeof it.next, typeof it.return, it.next.length, it.return.length].join()`, "true,true,function,function,0,1"},
	{"the iterator prototype", `
		const proto = Object.getPrototypeOf(new ReadableStream().values());
		return Object.getOwnPropertyNames(proto).sort().join()`, "next,return"},
	{"values on a locked stream throws", `const rs = new ReadableStream(); rs.getReader(); return threw(() => rs.values())`, "threw TypeError: Invalid state: ReadableStream is locked"},
	{"values options must be an object", `return threw(() => new ReadableStream().values(1)).split(':')[0]`, "threw TypeError"},
	{"breaking out cancels the stream", iterate + `
		let reason = 'none';
		const rs = new ReadableStream({ pull(c) { c.enqueue('x') }, cancel(r) { reason = r } });
		let n = 0; await iterate(rs, () => ++n < 3);
		return [n, String(reason), rs.locked].join()`, "3,undefined,false"},
	{"return(value) passes the value as the reason and resolves done", `
		let reason; const rs = new ReadableStream({ cancel(r) { reason = r } });
		const res = await rs.values().return('bye');
		return [JSON.stringify(res), reason].join('|')`, `{"done":true,"value":"bye"}|bye`},
	{"result key order", `
		const it = new ReadableStream({ start(c) { c.enqueue(1); c.close() } }).values();
		return [await it.next(), await it.next(), await it.return(5)].map(r => Object.keys(r).join()).join('|')`, "value,done|done,value|done,value"},
	{"preventCancel keeps the stream readable", `
		let cancelled = false;
		const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2) }, cancel() { cancelled = true } });
		const it = rs.values({ preventCancel: true });
		const a = await it.next(); await it.return();
		const r = rs.getReader(); const b = await r.read();
		return [a.value, cancelled, b.value].join()`, "1,false,2"},
	{"next after the end stays done", `
		const rs = new ReadableStream({ start(c) { c.close() } }); const it = rs.values();
		return JSON.stringify([await it.next(), await it.next()])`, `[{"done":true},{"done":true}]`},
	{"next after return is done", `
		const it = new ReadableStream().values(); await it.return();
		return JSON.stringify(await it.next())`, `{"done":true}`},
	{"an errored stream rejects next, then is done", `
		const rs = new ReadableStream({ start(c) { c.error(new Error('bad')) } }); const it = rs.values();
		return [await settle(it.next()), JSON.stringify(await it.next()), rs.locked].join('|')`, `rejected Error: bad|{"done":true}|false`},
	{"concurrent next calls resolve in order", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const it = rs.values();
		const ps = [it.next(), it.next(), it.next()];
		setTimeout(() => { c.enqueue('a'); c.enqueue('b'); c.close() }, 5);
		return JSON.stringify(await Promise.all(ps))`, `[{"value":"a","done":false},{"value":"b","done":false},{"done":true}]`},
	{"return waits for pending next", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const it = rs.values();
		const p1 = it.next(); const p2 = it.return('r');
		c.enqueue(1);
		return JSON.stringify([await p1, await p2])`, `[{"value":1,"done":false},{"done":true,"value":"r"}]`},
	{"the spec example through async iteration", iterate + `
		function iteratorToStream(iterator) { return new ReadableStream({ async pull(controller) { const { value, done } = await iterator.next(); if (done) { controller.close() } else { controller.enqueue(value) } } }) }
		const src = ['<p>One</p>', '<p>Two</p>', '<p>Three</p>'];
		const iterator = { i: 0, async next() { await sleep(2); return this.i < src.length ? { value: src[this.i++], done: false } : { done: true } } };
		const got = []; await iterate(iteratorToStream(iterator), v => { got.push(v) });
		return got.join('')`, "<p>One</p><p>Two</p><p>Three</p>"},

	// §4.2.4 ReadableStream.from
	{"from an array", `return (await readAll(ReadableStream.from([1, 2, 3]))).join()`, "1,2,3"},
	{"from a sync iterable awaits promised values", `return (await readAll(ReadableStream.from([Promise.resolve('a'), 'b']))).join()`, "a,b"},
	{"from a string", `return (await readAll(ReadableStream.from('héllo'))).join('|')`, "h|é|l|l|o"},
	{"from an async iterable", `
		const src = { [Symbol.asyncIterator]() { let i = 0; return { next: async () => i < 3 ? { value: i++, done: false } : { value: undefined, done: true } } } };
		return (await readAll(ReadableStream.from(src))).join()`, "0,1,2"},
	{"from a ReadableStream", `
		const rs = new ReadableStream({ start(c) { c.enqueue('x'); c.enqueue('y'); c.close() } });
		return (await readAll(ReadableStream.from(rs))).join()`, "x,y"},
	{"from pulls lazily", `
		let nexts = 0;
		const src = { [Symbol.asyncIterator]() { return { next: async () => { nexts++; return { value: nexts, done: false } } } } };
		const rs = ReadableStream.from(src); await tick(); const before = nexts;
		const r = rs.getReader(); await r.read(); await tick();
		return [before, nexts].join()`, "0,1"},
	{"from a non-iterable throws", `return [threw(() => ReadableStream.from(1)), threw(() => ReadableStream.from({}))].join('|')`, "threw TypeError: 1 must be iterable|threw TypeError: {} must be iterable"},
	{"from null throws", `return threw(() => ReadableStream.from(null)).split(':')[0]`, "threw TypeError"},
	{"cancel calls the iterator's return", `
		let got;
		const src = { [Symbol.asyncIterator]() { return { next: async () => ({ value: 1, done: false }), return: async r => { got = r; return { done: true } } } } };
		const rs = ReadableStream.from(src); await rs.cancel('stop');
		return got`, "stop"},
	{"cancel without return resolves", `
		const src = { [Symbol.asyncIterator]() { return { next: async () => ({ value: 1, done: false }) } } };
		return settle(ReadableStream.from(src).cancel('x'))`, "ok undefined"},
	{"a throwing next errors the stream", `
		const src = { [Symbol.asyncIterator]() { return { next() { throw new Error('next failed') } } } };
		return settle(ReadableStream.from(src).getReader().read())`, "rejected Error: next failed"},
	{"a non-object iterator result errors the stream", `
		const src = { [Symbol.asyncIterator]() { return { next: async () => 42 } } };
		return settle(ReadableStream.from(src).getReader().read()).then(s => s.split(':')[0])`, "rejected TypeError"},
	{"from returns a ReadableStream with highWaterMark 0", `
		const rs = ReadableStream.from([1]); return [rs instanceof ReadableStream, rs.locked].join()`, "true,false"},

	// §4.9.1 ReadableStreamTee
	{"tee gives both branches every chunk", `
		const [a, b] = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close() } }).tee();
		const [x, y] = await Promise.all([readAll(a), readAll(b)]);
		return [x.join(), y.join()].join('|')`, "1,2|1,2"},
	{"tee locks the source", `const rs = new ReadableStream(); const t = rs.tee(); return [rs.locked, t.length, t[0] instanceof ReadableStream, t[0].locked].join()`, "true,2,true,false"},
	{"tee on a locked stream throws", `const rs = new ReadableStream(); rs.getReader(); return threw(() => rs.tee())`, "threw TypeError: Invalid state: ReadableStream is locked"},
	{"tee shares chunk objects", `
		const o = {}; const [a, b] = new ReadableStream({ start(c) { c.enqueue(o); c.close() } }).tee();
		const [x, y] = await Promise.all([readAll(a), readAll(b)]);
		return [x[0] === o, y[0] === o].join()`, "true,true"},
	{"cancelling both branches cancels the source with both reasons", `
		let reason; const rs = new ReadableStream({ cancel(r) { reason = r } });
		const [a, b] = rs.tee(); const p1 = a.cancel('r1'); const s1 = await state(p1); const p2 = b.cancel('r2');
		await Promise.all([p1, p2]);
		return [s1, Array.isArray(reason), reason.join()].join('|')`, "pending|true|r1,r2"},
	{"cancelling one branch leaves the other", `
		let cancelled = false;
		const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close() }, cancel() { cancelled = true } });
		const [a, b] = rs.tee(); const p = a.cancel(); const s1 = await state(p);
		const got = (await readAll(b)).join();
		return [s1, got, cancelled, await settle(p)].join('|')`, "pending|a,b|false|ok undefined"},
	{"an error reaches both branches", `
		let c; const rs = new ReadableStream({ start(x) { c = x } }); const [a, b] = rs.tee();
		const ra = a.getReader(), rb = b.getReader(); c.error(new Error('src'));
		return [await settle(ra.read()), await settle(rb.closed)].join('|')`, "rejected Error: src|rejected Error: src"},
	{"tee pulls the source as a reader reads", `
		let pulls = 0; const rs = new ReadableStream({ pull(c) { c.enqueue(++pulls); if (pulls === 5) c.close() } }, { highWaterMark: 0 });
		const [a, b] = rs.tee(); await tick(); const before = pulls;
		const r = a.getReader(); await r.read(); await r.read();
		return [before, pulls >= 2 && pulls <= 3].join()`, "1,true"},

	// §7 queuing strategies
	{"CountQueuingStrategy", `
		const s = new CountQueuingStrategy({ highWaterMark: 5 });
		return [s.highWaterMark, s.size(), s.size.length, s.size.name, s.size === new CountQueuingStrategy({ highWaterMark: 1 }).size, Object.prototype.toString.call(s)].join()`,
		"5,1,0,size,true,[object CountQueuingStrategy]"},
	{"ByteLengthQueuingStrategy", `
		const s = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
		return [s.highWaterMark, s.size(new Uint8Array(7)), s.size({ byteLength: 3 }), s.size.length, s.size.name, Object.prototype.toString.call(s)].join()`,
		"16,7,3,1,size,[object ByteLengthQueuingStrategy]"},
	{"strategy highWaterMark is converted, not validated", `
		return [new CountQueuingStrategy({ highWaterMark: '5' }).highWaterMark, new ByteLengthQueuingStrategy({ highWaterMark: -1 }).highWaterMark].join()`, "5,-1"},
	{"strategy init is required", `
		return [threw(() => new CountQueuingStrategy()), threw(() => new CountQueuingStrategy({})), threw(() => new ByteLengthQueuingStrategy({})).split(':')[0]].join('|')`,
		`threw TypeError: The "init" argument must be of type object. Received undefined|threw TypeError: init.highWaterMark is required|threw TypeError`},
	{"strategy getters check this", `return threw(() => CountQueuingStrategy.prototype.size).split(':')[0]`, "threw TypeError"},
	{"a ByteLengthQueuingStrategy on a stream", `
		let c; new ReadableStream({ start(x) { c = x } }, new ByteLengthQueuingStrategy({ highWaterMark: 10 }));
		c.enqueue(new Uint8Array(4)); c.enqueue(new Uint8Array(3)); return c.desiredSize`, "3"},
	{"a CountQueuingStrategy on a stream", `
		let c; new ReadableStream({ start(x) { c = x } }, new CountQueuingStrategy({ highWaterMark: 4 }));
		c.enqueue('a'); return c.desiredSize`, "3"},
}

var _ = register("iter", &iterCases)

func TestIterFromTeeStrategies(t *testing.T) { runCases(t, iterCases) }
