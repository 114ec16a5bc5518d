package dom_test

import "testing"

func TestStructuredClone(t *testing.T) {
	run(t, []conformance{
		{name: "primitives", script: `
			return JSON.stringify([structuredClone(1), structuredClone('s'), structuredClone(null), structuredClone(true), structuredClone(undefined) === undefined, Object.is(structuredClone(-0), -0), Number.isNaN(structuredClone(NaN)), structuredClone(10n) === 10n])`,
			want: `[1,"s",null,true,true,true,true,true]`},
		{name: "value is required", script: `return thrown(() => structuredClone())`, want: "TypeError"},
		{name: "functions and symbols throw DataCloneError", script: `
			return [thrown(() => structuredClone(() => {})), thrown(() => structuredClone(Symbol('x'))), thrown(() => structuredClone({ a: Symbol('x') })), thrown(() => structuredClone({ f() {} }))].join()`,
			want: "DOMException:DataCloneError:25,DOMException:DataCloneError:25,DOMException:DataCloneError:25,DOMException:DataCloneError:25"},
		{name: "DataCloneError messages", script: `
			const m = f => { try { f() } catch (e) { return e.message } };
			return [m(() => structuredClone(function foo() {})), m(() => structuredClone(Symbol('x'))), m(() => structuredClone(new WeakMap())), m(() => structuredClone(Promise.resolve())), m(() => structuredClone(new Proxy({}, {})))].join('|')`,
			want: "function foo() {} could not be cloned.|Symbol(x) could not be cloned.|#<WeakMap> could not be cloned.|#<Promise> could not be cloned.|#<Object> could not be cloned."},
		{name: "uncloneable built-ins", script: `
			return [thrown(() => structuredClone(new WeakSet())), thrown(() => structuredClone([].values())), thrown(() => structuredClone(new Map().entries())), thrown(() => structuredClone((function* () {})()))].join()`,
			want: "DOMException:DataCloneError:25,DOMException:DataCloneError:25,DOMException:DataCloneError:25,DOMException:DataCloneError:25"},
		{name: "cycles and shared references survive", script: `
			const o = { a: 1 }; o.self = o; const arr = [o, o];
			const c = structuredClone(arr);
			return [c[0] === c[1], c[0].self === c[0], c[0] !== o, c[0].a].join()`,
			want: "true,true,true,1"},
		{name: "class instances become plain objects; getters run", script: `
			class A { constructor() { this.x = 1 } get y() { return 2 } }
			const c = structuredClone(new A());
			const o = { get g() { return 5 } }; Object.defineProperty(o, 'h', { value: 1, enumerable: false }); o[Symbol('s')] = 1;
			return [Object.getPrototypeOf(c) === Object.prototype, c.x, c.y, JSON.stringify(structuredClone(o)), Object.getOwnPropertySymbols(structuredClone(o)).length].join()`,
			want: `true,1,,{"g":5},0`},
		{name: "null-prototype objects get Object.prototype", script: `
			const o = Object.create(null); o.a = 1; const c = structuredClone(o);
			return [Object.getPrototypeOf(c) === Object.prototype, c.a].join()`,
			want: "true,1"},
		{name: "key order is kept", script: `
			const o = {}; o.b = 2; o[1] = 'a'; o[0] = 'z'; o.a = 1;
			return Object.keys(structuredClone(o)).join()`,
			want: "0,1,b,a"},
		{name: "arrays keep holes, length and extra properties", script: `
			const a = [1, , 3]; a.x = 'y'; const c = structuredClone(a); const s = []; s[5] = 1;
			return [Array.isArray(c), 1 in c, c.length, c.x, c[2], structuredClone(s).length, 0 in structuredClone(s)].join()`,
			want: "true,false,3,y,3,6,false"},
		{name: "wrapper objects", script: `
			const c = structuredClone([new Number(3), new String('s'), new Boolean(false), Object(5n)]);
			return c.map(x => typeof x + ':' + x.valueOf()).join()`,
			want: "object:3,object:s,object:false,object:5"},
		{name: "a Symbol wrapper throws", script: `return thrown(() => structuredClone(Object(Symbol('q'))))`, want: "DOMException:DataCloneError:25"},
		{name: "Date and RegExp (lastIndex reset)", script: `
			const d = new Date(1234); const r = /a+/gi; r.lastIndex = 3;
			const [cd, cr] = structuredClone([d, r]);
			return [cd instanceof Date, cd.getTime(), cd !== d, cr instanceof RegExp, String(cr), cr.lastIndex, Number.isNaN(structuredClone(new Date(NaN)).getTime())].join()`,
			want: "true,1234,true,true,/a+/gi,0,true"},
		{name: "Map and Set deep-copy their entries", script: `
			const k = { k: 1 }; const m = new Map([[k, new Set([1, k])]]); m.extra = 1;
			const c = structuredClone(m); const [ck, cs] = [...c][0];
			return [c instanceof Map, c.size, ck !== k, ck.k, cs instanceof Set, cs.has(ck), c.extra].join()`,
			want: "true,1,true,1,true,true,"},
		{name: "Map subclasses become Maps", script: `
			const c = structuredClone(new (class extends Map {})([[1, 2]]));
			return [Object.getPrototypeOf(c) === Map.prototype, c.get(1)].join()`,
			want: "true,2"},
		{name: "views share their cloned buffer", script: `
			const buf = new ArrayBuffer(8); const u = new Uint8Array(buf, 2, 4); const d = new DataView(buf); u[0] = 7;
			const c = structuredClone({ u, d, buf });
			return [c.u.buffer === c.buf, c.d.buffer === c.buf, c.u.byteOffset, c.u.length, c.buf.byteLength, c.u[0], c.buf !== buf, c.d instanceof DataView].join()`,
			want: "true,true,2,4,8,7,true,true"},
		{name: "typed array kinds", script: `
			return [structuredClone(new Int16Array([1, -2])), structuredClone(new Float32Array([1.5])), structuredClone(new BigInt64Array([1n]))].map(x => x.constructor.name + ':' + x.join('|')).join()`,
			want: "Int16Array:1|-2,Float32Array:1.5,BigInt64Array:1"},
		{name: "transfer detaches the original buffer", script: `
			const u = new Uint8Array([1, 2, 3]);
			const c = structuredClone(u, { transfer: [u.buffer] });
			return [c.join('|'), u.length, u.buffer.byteLength].join()`,
			want: "1|2|3,0,0"},
		{name: "transfer list errors", script: `
			const u = new Uint8Array(2);
			return [thrown(() => structuredClone(1, { transfer: 5 })), thrown(() => structuredClone(1, 5)), thrown(() => structuredClone(u, { transfer: [u.buffer, u.buffer] })), thrown(() => structuredClone(1, { transfer: [{}] })), structuredClone(1, null), structuredClone(2, {})].join()`,
			want: "TypeError,TypeError,DOMException:DataCloneError:25,TypeError,1,2"},
		{name: "a failed clone does not detach", script: `
			const u = new Uint8Array(2);
			const r = thrown(() => structuredClone({ u, f() {} }, { transfer: [u.buffer] }));
			return [r, u.buffer.byteLength].join()`,
			want: "DOMException:DataCloneError:25,2"},
		{name: "errors keep their type, message, stack and cause", script: `
			const e = new TypeError('x', { cause: 1 }); e.extra = 1;
			const c = structuredClone(e);
			return [c instanceof TypeError, c.name, c.message, c.cause, c.extra, c.stack === e.stack, c !== e].join()`,
			want: "true,TypeError,x,1,,true,true"},
		{name: "an error's prototype comes from its name", script: `
			const a = new Error('x'); a.name = 'Foo';
			const b = new Error('x'); b.name = 'RangeError';
			class MyErr extends Error {}
			return [structuredClone(a).constructor.name, structuredClone(a).name, structuredClone(b).constructor.name, structuredClone(new MyErr('y')).constructor.name, structuredClone(new AggregateError([1], 'agg')).constructor.name].join()`,
			want: "Error,Error,RangeError,Error,Error"},
		{name: "an error without message has none of its own", script: `
			const c = structuredClone(new Error());
			return [Object.prototype.hasOwnProperty.call(c, 'message'), c.message === ''].join()`,
			want: "false,true"},
		{name: "an uncloneable cause throws", script: `return thrown(() => structuredClone(new Error('m', { cause: () => 1 })))`, want: "DOMException:DataCloneError:25"},
		// WebIDL makes DOMException serializable; Node.js 20 copies it as a plain object.
		{name: "DOMException becomes a plain object, as in Node.js", script: `
			const d = new DOMException('m', 'AbortError'); d.x = 1;
			const c = structuredClone(d);
			return [c instanceof DOMException, Object.getPrototypeOf(c) === Object.prototype, JSON.stringify(c), JSON.stringify(structuredClone({ e: new DOMException('q') }))].join()`,
			want: `false,true,{"x":1},{"e":{}}`},
		{name: "__proto__ is copied as an own property", script: `
			const o = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
			const c = structuredClone(o);
			return [Object.getPrototypeOf(c) === Object.prototype, Object.keys(c).join(' '), c.x, JSON.stringify(Object.getOwnPropertyDescriptor(c, '__proto__'))].join()`,
			want: `true,__proto__ a,,{"value":{"x":1},"writable":true,"enumerable":true,"configurable":true}`},
		{name: "keys with lone surrogates survive", script: `
			const c = structuredClone({ '\ud800': 1, 'a\udc00b': [2], '\ufffd': 3, x: 4 });
			return Object.keys(c).map(k => escape(k) + '=' + JSON.stringify(c[k])).join(' ')`,
			want: "%uD800=1 a%uDC00b=[2] %uFFFD=3 x=4"},
		{name: "arrays with lone-surrogate keys keep their elements", script: `
			const a = [1, , 3]; a['\ud800'] = 'y'; const c = structuredClone(a);
			return [Array.isArray(c), c.length, 1 in c, c[2], c['\ud800']].join()`,
			want: "true,3,false,3,y"},
		// Streams can only be transferred (not supported here); Node.js 20's error when they are
		// not in the transfer list is a TypeError, not a DataCloneError.
		{name: "streams outside the transfer list are Node's TypeError", script: `
			return [new ReadableStream(), new WritableStream(), { t: new TransformStream() }].map(v => { try { structuredClone(v) } catch (e) { return [e.constructor.name, e.code].join(':') } }).join()`,
			want: "TypeError:ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST,TypeError:ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST,TypeError:ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST"},
		{name: "structuredClone.length is Node's", script: `return [structuredClone.length, structuredClone.name].join()`, want: "0,structuredClone"},
		{name: "other platform objects become plain objects", script: `
			return [JSON.stringify(structuredClone(new Event('x'))), JSON.stringify(structuredClone(new AbortController()))].join()`,
			want: "{},{}"},
	})
}
