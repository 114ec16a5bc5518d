package streams_test

import "testing"

var bytesCases = []jsCase{
	// §4.8 ReadableByteStreamController, §4.5 ReadableStreamBYOBReader, §4.6 ReadableStreamBYOBRequest
	{"class shape", `
		const names = o => Object.getOwnPropertyNames(o).filter(n => n !== 'constructor').sort().join();
		let c; new ReadableStream({ type: 'bytes', start(x) { c = x } });
		return [names(ReadableByteStreamController.prototype), names(ReadableStreamBYOBReader.prototype), names(ReadableStreamBYOBRequest.prototype),
			Object.prototype.toString.call(c), c.desiredSize, c.byobRequest, ReadableStreamBYOBReader.prototype.read.length].join('|')`,
		"byobRequest,close,desiredSize,enqueue,error|cancel,closed,read,releaseLock|respond,respondWithNewView,view|[object ReadableByteStreamController]|0||1"},
	{"default reads of a byte stream get Uint8Arrays", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint16Array([0x0403])); c.close() } });
		const got = await readAll(rs);
		return got.map(v => v.constructor.name + ':' + v.join()).join('|')`, "Uint8Array:1,2|Uint8Array:3,4"},
	{"enqueue transfers the chunk's buffer", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const u = new Uint8Array([1, 2, 3]); c.enqueue(u);
		return [u.byteLength, u.buffer.byteLength].join()`, "0,0"},
	{"enqueue argument checks", `
		let c; new ReadableStream({ type: 'bytes', start(x) { c = x } });
		return [threw(() => c.enqueue('x')).split(':')[0], threw(() => c.enqueue(new Uint8Array(0)))].join('|')`,
		"threw TypeError|threw TypeError: Invalid state: chunk ArrayBuffer is zero-length or detached"},
	{"close and enqueue after close throw", `
		let c; new ReadableStream({ type: 'bytes', start(x) { c = x } }); c.close();
		return [threw(() => c.close()), threw(() => c.enqueue(new Uint8Array(1)))].join('|')`,
		"threw TypeError: Invalid state: ReadableStream is already closed|threw TypeError: Invalid state: ReadableStream is already closed"},
	{"highWaterMark defaults to 0 for bytes", `
		let c; new ReadableStream({ type: 'bytes', start(x) { c = x } }, { highWaterMark: 8 });
		const a = c.desiredSize; c.enqueue(new Uint8Array(3)); return [a, c.desiredSize].join()`, "8,5"},
	{"autoAllocateChunkSize gives default reads a byobRequest", `
		const rs = new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 8, pull(c) { const v = c.byobRequest.view; v[0] = 42; v[1] = 43; c.byobRequest.respond(2) } });
		const { value } = await rs.getReader().read();
		return [value.constructor.name, value.join(), value.buffer.byteLength].join('|')`, "Uint8Array|42,43|8"},
	{"autoAllocateChunkSize must be positive", `return threw(() => new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 })).split(':')[0]`, "threw TypeError"},
	{"a BYOB reader reads into the view", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4, 5])); c.close() } });
		const r = rs.getReader({ mode: 'byob' });
		const buf = new Uint8Array(3);
		const a = await r.read(buf); const aval = a.value.join();
		const b = await r.read(new Uint8Array(a.value.buffer, 0, 3));
		const c = await r.read(new Uint8Array(3));
		return [buf.byteLength, aval, a.done, a.value.byteLength, b.value.join(), c.done, c.value.byteLength].join('|')`, "0|1,2,3|false|0|4,5|true|0"},
	{"typed views keep their element type", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 0, 2, 0])); c.close() } });
		const { value } = await rs.getReader({ mode: 'byob' }).read(new Uint16Array(4));
		return [value.constructor.name, value.join()].join('|')`, "Uint16Array|1,2"},
	{"min waits for enough bytes", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const r = rs.getReader({ mode: 'byob' });
		const p = r.read(new Uint8Array(4), { min: 3 });
		c.enqueue(new Uint8Array([1])); const s1 = await state(p);
		c.enqueue(new Uint8Array([2, 3]));
		return [s1, (await p).value.join()].join('|')`, "pending|1,2,3"},
	{"read argument checks", `
		const r = new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' });
		return [await settle(r.read(1)).then(s => s.split(':')[0]), await settle(r.read(new Uint8Array(0))), await settle(r.read(new Uint8Array(4), { min: 0 })).then(s => s.split(':')[0]),
			await settle(r.read(new Uint8Array(4), { min: 5 })).then(s => s.split(':')[0]), await settle(r.read(new Uint16Array(4), { min: 5 })).then(s => s.split(':')[0])].join('|')`,
		"rejected TypeError|rejected TypeError: Invalid state: View or Viewed ArrayBuffer is zero-length or detached|rejected TypeError|rejected RangeError|rejected RangeError"},
	{"byobRequest.respond", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const r = rs.getReader({ mode: 'byob' }); const p = r.read(new Uint8Array(4));
		const req = c.byobRequest; const v = req.view;
		const info = [v.constructor.name, v.byteLength, c.byobRequest === req].join();
		v[0] = 9; req.respond(1);
		const after = [req.view, c.byobRequest].join();
		return [info, after, (await p).value.join(), threw(() => req.respond(1))].join('|')`,
		"Uint8Array,4,true|,|9|threw TypeError: Invalid state: This BYOB request has been invalidated"},
	{"respond checks bytesWritten", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		rs.getReader({ mode: 'byob' }).read(new Uint8Array(4));
		return [threw(() => c.byobRequest.respond(0)).split(':')[0], threw(() => c.byobRequest.respond(5)).split(':')[0]].join()`, "threw TypeError,threw RangeError"},
	{"respondWithNewView", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const p = rs.getReader({ mode: 'byob' }).read(new Uint8Array(4));
		const v = c.byobRequest.view;
		const bad = threw(() => c.byobRequest.respondWithNewView(new Uint8Array(v.buffer, 1, 1))).split(':')[0];
		const nv = new Uint8Array(v.buffer, 0, 2); nv.set([5, 6]); c.byobRequest.respondWithNewView(nv);
		return [bad, (await p).value.join()].join('|')`, "threw RangeError|5,6"},
	{"close with a partial element errors the stream", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const p = rs.getReader({ mode: 'byob' }).read(new Uint16Array(2));
		c.enqueue(new Uint8Array([1]));
		return [threw(() => c.close()), await settle(p)].join('|')`, "threw TypeError: Invalid state: Partial read|rejected TypeError: Invalid state: Partial read"},
	{"respond(0) after close ends the read", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } });
		const p = rs.getReader({ mode: 'byob' }).read(new Uint8Array(4));
		c.close(); c.byobRequest.respond(0);
		const res = await p; return [res.done, res.value.byteLength].join()`, "true,0"},
	{"cancel ends pending BYOB reads", `
		const rs = new ReadableStream({ type: 'bytes' }); const r = rs.getReader({ mode: 'byob' });
		const p = r.read(new Uint8Array(2)); await r.cancel();
		const res = await p; return [res.done, res.value].join()`, "true,"},
	{"releaseLock rejects pending BYOB reads", `
		const r = new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }); const p = r.read(new Uint8Array(1)); r.releaseLock();
		return settle(p)`, "rejected TypeError: Invalid state: Releasing reader"},
	{"a BYOB reader needs a byte stream", `return threw(() => new ReadableStreamBYOBReader(new ReadableStream())).split(':')[0]`, "threw TypeError"},
	{"the BYOB reader constructor", `const rs = new ReadableStream({ type: 'bytes' }); new ReadableStreamBYOBReader(rs); return rs.locked`, "true"},
	{"byte stream pull gets the controller", `
		let pulls = 0; const rs = new ReadableStream({ type: 'bytes', pull(c) { pulls++; c.enqueue(new Uint8Array([pulls])); if (pulls === 3) c.close() } });
		return (await readAll(rs)).map(v => v[0]).join()`, "1,2,3"},
	{"errors reach BYOB reads", `
		let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x } }); const r = rs.getReader({ mode: 'byob' });
		const p = r.read(new Uint8Array(2)); c.error(new Error('bytes'));
		return [await settle(p), await settle(r.closed), c.desiredSize].join('|')`, "rejected Error: bytes|rejected Error: bytes|"},
	{"async iteration of a byte stream", iterate + `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1])); c.enqueue(new Uint8Array([2])); c.close() } });
		const got = []; await iterate(rs, v => { got.push(v[0]) }); return got.join()`, "1,2"},
	{"tee of a byte stream copies chunks", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2])); c.close() } });
		const [a, b] = rs.tee();
		const [x, y] = await Promise.all([readAll(a), readAll(b)]);
		return [x[0].join(), y[0].join(), x[0] !== y[0], x[0].buffer !== y[0].buffer].join('|')`, "1,2|1,2|true|true"},
	{"tee branches of a byte stream accept BYOB readers", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([7, 8, 9])); c.close() } });
		const [a, b] = rs.tee();
		const ra = a.getReader({ mode: 'byob' });
		const x = await ra.read(new Uint8Array(8));
		const y = await readAll(b);
		return [x.value.join(), y.map(v => v.join()).join('|')].join(' / ')`, "7,8,9 / 7,8,9"},
	{"pipeTo from a byte stream", `
		const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2])); c.enqueue(new Uint8Array([3])); c.close() } });
		const out = []; await rs.pipeTo(new WritableStream({ write(ch) { out.push(ch.join()) } }));
		return out.join('|')`, "1,2|3"},
}

var _ = register("bytes", &bytesCases)

func TestBytes(t *testing.T) { runCases(t, bytesCases) }
