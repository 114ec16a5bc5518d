package file_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func install(r *webapi.Realm) {
	dom.Install(r)
	streams.Install(r)
	file.Install(r)
}

func run(t *testing.T, tests []conformance) {
	t.Helper()
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, install)
			if got := env.Run(prelude + c.script).String(); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			checkNode(t, c)
		})
	}
}

func TestBlob(t *testing.T) {
	run(t, []conformance{
		{name: "empty blob", script: `const b = new Blob(); return JSON.stringify([b.size, b.type, await b.text()])`, want: `[0,"",""]`},
		{name: "parts: strings, buffers, views and blobs", script: `
			const b = new Blob(['ab', new Uint8Array([99, 100]), new Uint16Array([0x6665]).buffer, new Blob(['g']), new DataView(new Uint8Array([104]).buffer)]);
			return [b.size, await b.text()].join()`,
			want: "8,abcdefgh"},
		{name: "other values are stringified", script: `return new Blob([{}, 1, null, undefined, true]).text()`, want: "[object Object]1nullundefinedtrue"},
		{name: "strings are UTF-8, lone surrogates become U+FFFD", script: `
			return [new Blob(['é']).size, new Blob(['\ud800']).size, [...new Uint8Array(await new Blob(['\ud800']).arrayBuffer())].join(' ')].join()`,
			want: "2,3,239 191 189"},
		{name: "parts are copied when the blob is made", script: `
			const u = new Uint8Array([1, 2]); const b = new Blob([u]); u[0] = 9;
			return [...new Uint8Array(await b.arrayBuffer())].join()`,
			want: "1,2"},
		{name: "sources must be a sequence", script: `
			return [thrown(() => new Blob('abc')), thrown(() => new Blob(null)), thrown(() => new Blob({})), thrown(() => new Blob(5)), new Blob(undefined, undefined).size].join()`,
			want: "TypeError,TypeError,TypeError,TypeError,0"},
		{name: "any iterable is a sequence", script: `return new Blob(new Set(['a', 'b'])).text()`, want: "ab"},
		{name: "options must be a dictionary", script: `
			return [thrown(() => new Blob(['a'], 5)), new Blob(['a'], null).size, thrown(() => new Blob(['a'], { endings: 'x' }))].join()`,
			want: "TypeError,1,TypeError"},
		{name: "endings: transparent keeps, native converts CRLF", script: `
			return JSON.stringify([await new Blob(['a\r\nb\n'], { endings: 'native' }).text(), await new Blob(['a\r\nb\rc\n'], { endings: 'transparent' }).text()])`,
			want: `["a\nb\n","a\r\nb\rc\n"]`},
		// File API §3.1.1 turns a lone CR into LF too; Node.js 20 converts only CRLF, per part.
		{name: "endings: native leaves a lone CR, as in Node.js", script: `
			return JSON.stringify([await new Blob(['a\rb'], { endings: 'native' }).text(), await new Blob(['a\r\r\nb\n\r'], { endings: 'native' }).text(), await new Blob(['a\r', '\nb'], { endings: 'native' }).text(), await new Blob(['a\r\nb\rc\nd'], { endings: 'native' }).text()])`,
			want: `["a\rb","a\r\nb\n\r","a\r\nb","a\nb\rc\nd"]`},
		{name: "endings do not apply to bytes", script: `return JSON.stringify(await new Blob([new Uint8Array([13, 10])], { endings: 'native' }).text())`, want: `"\r\n"`},
		{name: "type is lowercased; non-printable-ASCII types are dropped", script: `
			return JSON.stringify([new Blob([], { type: 'Text/HTML; Charset=UTF-8' }).type, new Blob([], { type: 'a\u00e9' }).type, new Blob([], { type: 'a\nb' }).type, new Blob([], { type: null }).type, new Blob([], { type: undefined }).type, new Blob([], { type: 1 }).type])`,
			want: `["text/html; charset=utf-8","","","null","","1"]`},
		{name: "slice positions", script: `
			const b = new Blob(['hello world'], { type: 'a/b' });
			return [b.slice(-5).size, b.slice(2, -2).size, b.slice(5, 2).size, b.slice(undefined, 3).size, b.slice(1, 100).size, b.slice(-Infinity).size, b.slice(0, Infinity).size, b.slice('1', '3').size, b.slice(null, 2).size].join()`,
			want: "5,7,0,3,10,11,11,2,2"},
		{name: "slice contents", script: `
			const b = new Blob(['hello world']);
			return [await b.slice(-5).text(), await b.slice(2, -2).text(), await b.slice(2, 4).slice(1).text()].join()`,
			want: "world,llo wor,l"},
		{name: "slice type", script: `
			const b = new Blob(['x'], { type: 'a/b' });
			return JSON.stringify([b.slice().type, b.slice(0, 1, 'Foo/Bar').type, b.slice(0, 1, 'é').type])`,
			want: `["","foo/bar",""]`},
		{name: "slice rounds fractional positions", script: `const b = new Blob(['hello world']); return [b.slice(1.5, 3.9).size, b.slice(-1.5).size].join()`,
			want: "2,2", nodeDiffers: "Node.js 20 aborts on fractional positions"},
		{name: "text decodes UTF-8 and drops a BOM", script: `
			const codes = s => [...s].map(c => c.charCodeAt(0).toString(16)).join(' ');
			return [codes(await new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff])]).text()), codes(await new Blob([new Uint8Array([0xe2, 0x82, 0x41])]).text())].join()`,
			want: "61 fffd,fffd 41"},
		{name: "arrayBuffer and bytes are fresh copies", script: `
			const b = new Blob(['ab']); const ab = await b.arrayBuffer(); const u = await b.bytes(); u[0] = 0;
			return [ab instanceof ArrayBuffer, ab.byteLength, u instanceof Uint8Array, [...u].join('|'), await b.text()].join()`,
			want: "true,2,true,0|98,ab"},
		{name: "stream yields the bytes", script: `
			const r = new Blob(['abc']).stream().getReader(); const out = [];
			for (;;) { const { done, value } = await r.read(); if (done) break; out.push(value instanceof Uint8Array, [...value].join('|')) }
			return out.join()`,
			want: "true,97|98|99"},
		{name: "prototype and brand checks", script: `
			const names = Object.getOwnPropertyNames(Blob.prototype);
			return [['size', 'type', 'slice', 'text', 'arrayBuffer', 'bytes', 'stream'].every(n => names.includes(n)), String(new Blob()), Blob.length, thrown(() => Blob.prototype.size), thrown(() => Blob.prototype.slice.call({})), await rejected(Blob.prototype.text.call({})), await rejected(Blob.prototype.arrayBuffer.call({})), thrown(() => Blob([]))].join()`,
			want: "true,[object Blob],0,TypeError,TypeError,TypeError,TypeError,TypeError"},
		{name: "Blob can be subclassed", script: `
			class MyBlob extends Blob { constructor() { super(['xy']) } }
			const b = new MyBlob();
			return [b.size, await b.text(), b instanceof Blob, b instanceof MyBlob].join()`,
			want: "2,xy,true,true"},
		{name: "structuredClone copies a Blob", script: `
			const c = structuredClone(new Blob(['abc'], { type: 't/p' }));
			return [c instanceof Blob, c.size, c.type, await c.text()].join()`,
			want: "true,3,t/p,abc"},
	})
}

func TestFile(t *testing.T) {
	run(t, []conformance{
		{name: "name, type, size, lastModified", script: `
			const f = new File(['ab'], 'n.txt', { type: 'Text/Plain', lastModified: 5 });
			return [f.name, f.type, f.size, f.lastModified, await f.text(), f instanceof Blob, f instanceof File].join()`,
			want: "n.txt,text/plain,2,5,ab,true,true"},
		{name: "lastModified defaults to now", script: `
			const f = new File([], 'x');
			return [typeof f.lastModified, Math.abs(f.lastModified - Date.now()) < 1000, Number.isInteger(f.lastModified)].join()`,
			want: "number,true,true"},
		{name: "lastModified conversion", script: `
			return [new File([], 'x', { lastModified: '12' }).lastModified, new File([], 'x', { lastModified: NaN }).lastModified, new File([], 'x', { lastModified: new Date(3) }).lastModified, new File([], 'x', { lastModified: null }).lastModified].join()`,
			want: "12,0,3,0"},
		// WebIDL's long long would truncate; Node.js 20 keeps the number (+value, NaN → 0).
		{name: "lastModified keeps the number, as in Node.js", script: `
			const lm = v => new File([], 'x', { lastModified: v }).lastModified;
			return [lm(1.7), lm(-1.7), lm('1.5'), Object.is(lm(-0), -0), lm(Infinity), lm(1e20), lm({ valueOf() { return 2.5 } }), thrown(() => lm(1n))].join()`,
			want: "1.7,-1.7,1.5,true,Infinity,100000000000000000000,2.5,TypeError"},
		{name: "two arguments are required", script: `return [thrown(() => new File()), thrown(() => new File([]))].join()`, want: "TypeError,TypeError"},
		{name: "the name is stringified and kept as is", script: `return [new File([], 1).name, new File([], 'a/b').name].join()`, want: "1,a/b"},
		{name: "prototype", script: `
			return [Object.getPrototypeOf(File) === Blob, Object.getPrototypeOf(File.prototype) === Blob.prototype, File.length, Object.prototype.toString.call(new File([], 'a')), thrown(() => File.prototype.name)].join()`,
			want: "true,true,2,[object File],TypeError"},
		{name: "slicing a File gives a Blob", script: `
			const s = new File(['abc'], 'x', { type: 't/p' }).slice(1);
			return [s instanceof File, s instanceof Blob, s.type, await s.text()].join()`,
			want: "false,true,,bc"},
		{name: "a File is a blob part", script: `return new Blob([new File(['in'], 'f'), '!']).text()`, want: "in!"},
		// File API §4 keeps a File a File; Node.js 20 gives a Blob.
		{name: "structuredClone makes a File a Blob, as in Node.js", script: `
			const c = structuredClone(new File(['abc'], 'x.txt', { type: 't/p', lastModified: 7 }));
			return [c instanceof File, c instanceof Blob, c.name, c.lastModified, c.type, await c.text(), Object.prototype.toString.call(c)].join()`,
			want: "false,true,,,t/p,abc,[object Blob]"},
	})
}

func TestFormData(t *testing.T) {
	run(t, []conformance{
		{name: "constructor takes no form", script: `
			return [new FormData() instanceof FormData, new FormData(undefined) instanceof FormData, thrown(() => new FormData(null)), thrown(() => new FormData({}))].join()`,
			want: "true,true,TypeError,TypeError"},
		{name: "append, get, getAll, has keep order and duplicates", script: `
			const f = new FormData(); f.append('a', '1'); f.append('b', 2); f.append('a', '3');
			return JSON.stringify([f.get('a'), f.getAll('a'), f.has('b'), f.has('zz'), f.get('zz'), f.getAll('zz'), [...f], [...f.keys()], [...f.values()]])`,
			want: `["1",["1","3"],true,false,null,[],[["a","1"],["b","2"],["a","3"]],["a","b","a"],["1","2","3"]]`},
		{name: "set replaces the first and removes the rest", script: `
			const f = new FormData(); f.append('a', '1'); f.append('b', 2); f.append('a', '3'); f.set('a', 'x'); f.set('n', 'v');
			return JSON.stringify([...f])`,
			want: `[["a","x"],["b","2"],["n","v"]]`},
		{name: "delete removes all", script: `
			const f = new FormData(); f.append('a', '1'); f.append('b', 2); f.append('a', '3'); f.delete('a');
			return JSON.stringify([...f])`,
			want: `[["b","2"]]`},
		{name: "values are stringified", script: `
			const f = new FormData(); f.append('a', {}); f.append('b', null); f.append('c', undefined);
			return JSON.stringify([...f])`,
			want: `[["a","[object Object]"],["b","null"],["c","undefined"]]`},
		{name: "names and values are kept as given", script: `
			const f = new FormData(); f.append('a\r\nb', 'v\nw\rx');
			return JSON.stringify([...f])`,
			want: `[["a\r\nb","v\nw\rx"]]`},
		{name: "a Blob becomes a File named blob", script: `
			const f = new FormData(); const b = new Blob(['x'], { type: 'T/P' }); f.append('b', b); const v = f.get('b');
			return [v instanceof File, v.name, v.type, v === b, typeof v.lastModified, await v.text()].join()`,
			want: "true,blob,t/p,false,number,x"},
		{name: "a File is kept; a filename makes a renamed copy", script: `
			const f = new FormData(); const fl = new File(['x'], 'orig.txt', { lastModified: 9 }); f.append('f', fl); f.append('g', fl, 'renamed');
			return [f.get('f') === fl, f.get('g') === fl, f.get('g').name, f.get('g').lastModified, f.get('f') === f.get('f')].join()`,
			want: "true,false,renamed,9,true"},
		{name: "a filename needs a Blob value", script: `
			const f = new FormData();
			return [thrown(() => f.append('a', 'x', 'name')), thrown(() => f.set('a', 'x', 'name'))].join()`,
			want: "TypeError,TypeError"},
		{name: "argument counts", script: `
			const f = new FormData();
			return [thrown(() => f.append('a')), thrown(() => f.append()), thrown(() => f.get()), thrown(() => f.getAll()), thrown(() => f.has()), thrown(() => f.delete()), thrown(() => f.set('a'))].join()`,
			want: "TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError"},
		{name: "brand checks", script: `return [thrown(() => FormData.prototype.get.call({}, 'a')), thrown(() => FormData())].join()`, want: "TypeError,TypeError"},
		// The standard's FormData arguments are optional (length 0); Node.js 20 says 1.
		{name: "Blob and FormData prototypes in Node's order; bytes not enumerable", script: `
			return [Object.getOwnPropertyNames(Blob.prototype).join(' '), Object.keys(Blob.prototype).join(' '), Object.getOwnPropertyNames(FormData.prototype).join(' ')].join()`,
			want: "constructor type size slice arrayBuffer text bytes stream,type size slice arrayBuffer text stream,constructor append delete get getAll has set keys values entries forEach"},
		{name: "an explicit undefined filename is the name \"undefined\", as in Node.js", script: `
			const f = new FormData(); f.append('a', new Blob(), undefined); f.set('b', new Blob(), undefined); f.append('c', new Blob());
			return [f.get('a').name, f.get('b').name, f.get('c').name].join()`,
			want: "undefined,undefined,blob"},
		{name: "FormData.length is Node's", script: `return [FormData.length, FormData.name].join()`, want: "1,FormData"},
		{name: "forEach passes value, key, the form data", script: `
			const f = new FormData(); f.append('a', '1'); f.append('b', '2'); const out = [];
			f.forEach(function (v, k, o) { out.push(v, k, o === f, this.t) }, { t: 'T' });
			return out.join()`,
			want: "1,a,true,T,2,b,true,T"},
		{name: "iterators see changes and have the right tag", script: `
			const f = new FormData(); f.append('a', '1'); f.append('b', '2');
			const it = f.entries(); const r = [JSON.stringify(it.next())]; f.delete('b'); r.push(JSON.stringify(it.next()));
			return r.concat([Object.prototype.toString.call(it), it[Symbol.iterator]() === it, f[Symbol.iterator] === f.entries]).join(' ')`,
			want: `{"value":["a","1"],"done":false} {"done":true} [object FormData Iterator] true true`},
		{name: "prototype", script: `
			const names = Object.getOwnPropertyNames(FormData.prototype);
			return [['append', 'delete', 'get', 'getAll', 'has', 'set', 'keys', 'values', 'entries', 'forEach'].every(n => names.includes(n)), String(new FormData()), FormData.prototype.append.length, FormData.prototype.get.length].join()`,
			want: "true,[object FormData],2,1"},
	})
}
