package encoding_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// conformance is one JS expression and the string Node 20.20 gives for it (`node -e`), unless
// the row says otherwise.
type conformance struct {
	name   string
	script string
	want   string
}

func runConformance(t *testing.T, rows []conformance) {
	t.Helper()
	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, dom.Install, encoding.Install)
			if got := env.Run("return String(" + tt.script + ")").String(); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.script, got, tt.want)
			}
		})
	}
}

// TestEncoding checks TextEncoder and TextDecoder (Encoding Standard §7), the UTF-8 and UTF-16
// decoders' error handling and streaming (§8.1, §14.2), labels (§4.2), and atob/btoa (HTML §8.3).
func TestEncoding(t *testing.T) {
	runConformance(t, []conformance{
		{"encoding is utf-8", `new TextEncoder().encoding`, "utf-8"},
		{"encode ASCII", `new TextEncoder().encode("hi").join()`, "104,105"},
		{"encode multi-byte", `new TextEncoder().encode("é€😀").join()`, "195,169,226,130,172,240,159,152,128"},
		{"encode lone lead surrogate", `new TextEncoder().encode("a\uD800b").join()`, "97,239,191,189,98"},
		{"encode lone trail surrogate", `new TextEncoder().encode("\uDC00").join()`, "239,191,189"},
		{"encode reversed pair", `new TextEncoder().encode("\uDC00\uD800").join()`, "239,191,189,239,191,189"},
		{"encode U+FEFF kept", `new TextEncoder().encode("\uFEFF").join()`, "239,187,191"},
		{"encode no argument", `new TextEncoder().encode().length`, "0"},
		{"encode undefined", `new TextEncoder().encode(undefined).length`, "0"},
		{"encode null is 'null'", `new TextEncoder().encode(null).join()`, "110,117,108,108"},
		{"encode object via toString", `new TextEncoder().encode({ toString() { return "x" } }).join()`, "120"},
		{"encode returns fresh Uint8Array", `(e => { const a = e.encode("ab"); return [a instanceof Uint8Array, a.byteOffset, a.buffer.byteLength, a !== e.encode("ab")].join() })(new TextEncoder())`, "true,0,2,true"},
		{"encodeInto fits", `JSON.stringify(new TextEncoder().encodeInto("abc", new Uint8Array(5)))`, "{\"read\":3,\"written\":3}"},
		{"encodeInto truncates ASCII", `JSON.stringify(new TextEncoder().encodeInto("abc", new Uint8Array(2)))`, "{\"read\":2,\"written\":2}"},
		{"encodeInto never splits a code point", `(u => JSON.stringify([new TextEncoder().encodeInto("a€", u), [...u]]))(new Uint8Array(3))`, "[{\"read\":1,\"written\":1},[97,0,0]]"},
		{"encodeInto counts UTF-16 units for astral", `JSON.stringify(new TextEncoder().encodeInto("😀x", new Uint8Array(5)))`, "{\"read\":3,\"written\":5}"},
		{"encodeInto astral does not fit", `JSON.stringify(new TextEncoder().encodeInto("😀", new Uint8Array(3)))`, "{\"read\":0,\"written\":0}"},
		{"encodeInto lone surrogate", `(u => JSON.stringify([new TextEncoder().encodeInto("\uD800", u), [...u]]))(new Uint8Array(3))`, "[{\"read\":1,\"written\":3},[239,191,189]]"},
		{"encodeInto subarray offset", `(b => { new TextEncoder().encodeInto("hi", b.subarray(1, 3)); return b.join() })(new Uint8Array(4))`, "0,104,105,0"},
		{"encodeInto empty destination", `JSON.stringify(new TextEncoder().encodeInto("abc", new Uint8Array(0)))`, "{\"read\":0,\"written\":0}"},
		{"encodeInto requires Uint8Array", `["Uint8ClampedArray", "Int8Array", "ArrayBuffer"].map(t => { try { new TextEncoder().encodeInto("a", new globalThis[t](2)); return "ok" } catch (e) { return e.name } }).join()`, "TypeError,TypeError,TypeError"},
		{"default encoding", `(d => [d.encoding, d.fatal, d.ignoreBOM].join())(new TextDecoder())`, "utf-8,false,false"},
		{"options", `(d => [d.encoding, d.fatal, d.ignoreBOM].join())(new TextDecoder("utf-16le", { fatal: 1, ignoreBOM: "yes" }))`, "utf-16le,true,true"},
		{"label trimmed and case-folded", `new TextDecoder(" \tUTF8\n").encoding`, "utf-8"},
		{"label unicode-1-1-utf-8", `new TextDecoder("unicode-1-1-utf-8").encoding`, "utf-8"},
		{"label utf-16 is utf-16le", `new TextDecoder("utf-16").encoding`, "utf-16le"},
		{"label utf-16be", `new TextDecoder("UTF-16BE").encoding`, "utf-16be"},
		{"label latin1 is windows-1252", `new TextDecoder("latin1").encoding`, "windows-1252"},
		{"label ascii is windows-1252", `new TextDecoder("us-ascii").encoding`, "windows-1252"},
		{"label iso-8859-1 is windows-1252", `new TextDecoder("ISO-8859-1").encoding`, "windows-1252"},
		{"label sjis", `new TextDecoder("sjis").encoding`, "shift_jis"},
		{"label gb2312 is gbk", `new TextDecoder("gb2312").encoding`, "gbk"},
		{"label koi8-r", `new TextDecoder("koi8").encoding`, "koi8-r"},
		{"unknown label RangeError", `(() => { try { new TextDecoder("utf-7") } catch (e) { return e.name + " " + e.message } })()`, "RangeError The \"utf-7\" encoding is not supported"},
		{"replacement label RangeError", `(() => { try { new TextDecoder("iso-2022-kr") } catch (e) { return e.name } })()`, "RangeError"},
		{"non-ASCII whitespace not trimmed", `(() => { try { new TextDecoder("\u00A0utf-8") } catch (e) { return e.name } })()`, "RangeError"},
		{"options must be an object", `(() => { try { new TextDecoder("utf-8", 5) } catch (e) { return e.name } })()`, "TypeError"},
		{"null label is 'null'", `(() => { try { new TextDecoder(null) } catch (e) { return e.name } })()`, "RangeError"},
		{"decode no argument", `new TextDecoder().decode()`, ""},
		{"decode undefined", `new TextDecoder().decode(undefined)`, ""},
		{"decode ArrayBuffer", `new TextDecoder().decode(new Uint8Array([104, 105]).buffer)`, "hi"},
		{"decode DataView window", `new TextDecoder().decode(new DataView(new Uint8Array([0, 104, 105, 0]).buffer, 1, 2))`, "hi"},
		{"decode subarray", `new TextDecoder().decode(new Uint8Array([97, 98, 99, 100]).subarray(1, 3))`, "bc"},
		{"decode Uint16Array bytes", `new TextDecoder("utf-16le").decode(new Uint16Array([0x68, 0x20AC]))`, "h€"},
		{"decode rejects non-buffers", `[null, "a", 5, [65]].map(v => { try { new TextDecoder().decode(v); return "ok" } catch (e) { return e.name } }).join()`, "TypeError,TypeError,TypeError,TypeError"},
		{"UTF-8 BOM stripped", `new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41])).length`, "1"},
		{"only first BOM stripped", `new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF])).charCodeAt(0)`, "65279"},
		{"ignoreBOM keeps BOM", `new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41])).charCodeAt(0)`, "65279"},
		{"UTF-16LE BOM stripped", `new TextDecoder("utf-16le").decode(new Uint8Array([0xFF, 0xFE, 0x41, 0x00]))`, "A"},
		{"UTF-16BE BOM stripped", `new TextDecoder("utf-16be").decode(new Uint8Array([0xFE, 0xFF, 0x00, 0x41]))`, "A"},
		{"UTF-16LE decoder does not sniff BE BOM", `new TextDecoder("utf-16le").decode(new Uint8Array([0xFE, 0xFF])).charCodeAt(0).toString(16)`, "fffe"},
		{"invalid UTF-8 replaced", `escape(new TextDecoder().decode(new Uint8Array([0x61, 0xFF, 0x62])))`, "a%uFFFDb"},
		{"truncated sequence is one U+FFFD", `escape(new TextDecoder().decode(new Uint8Array([0xE2, 0x82, 0x41])))`, "%uFFFDA"},
		{"overlong rejected per byte", `escape(new TextDecoder().decode(new Uint8Array([0xC0, 0x80])))`, "%uFFFD%uFFFD"},
		{"surrogate bytes rejected", `escape(new TextDecoder().decode(new Uint8Array([0xED, 0xA0, 0x80])))`, "%uFFFD%uFFFD%uFFFD"},
		{"above U+10FFFF rejected", `escape(new TextDecoder().decode(new Uint8Array([0xF4, 0x90, 0x80, 0x80])))`, "%uFFFD%uFFFD%uFFFD%uFFFD"},
		{"truncated at end", `escape(new TextDecoder().decode(new Uint8Array([0x41, 0xF0, 0x9F, 0x98])))`, "A%uFFFD"},
		{"fatal throws TypeError", `(() => { try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xFF])) } catch (e) { return e.name } })()`, "TypeError"},
		{"fatal on truncated end", `(() => { try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xE2, 0x82])) } catch (e) { return e.name } })()`, "TypeError"},
		{"fatal valid input", `new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xE2, 0x82, 0xAC]))`, "€"},
		{"decoder usable after fatal error", `(d => { try { d.decode(new Uint8Array([0xFF])) } catch {} return d.decode(new Uint8Array([0x41])) })(new TextDecoder("utf-8", { fatal: true }))`, "A"},
		{"stream split code point", `(d => [d.decode(new Uint8Array([0xE2, 0x82]), { stream: true }), d.decode(new Uint8Array([0xAC]), { stream: true }), d.decode()].join("|"))(new TextDecoder())`, "|€|"},
		{"stream byte by byte astral", `(d => { let s = ""; for (const b of [0xF0, 0x9F, 0x98, 0x80]) s += d.decode(new Uint8Array([b]), { stream: true }); return s + d.decode() })(new TextDecoder())`, "😀"},
		{"stream incomplete flushed at end", `(d => escape(d.decode(new Uint8Array([0xE2, 0x82]), { stream: true }) + d.decode()))(new TextDecoder())`, "%uFFFD"},
		{"stream BOM split across chunks", `(d => [d.decode(new Uint8Array([0xEF]), { stream: true }), d.decode(new Uint8Array([0xBB, 0xBF, 0x41]), { stream: true }), d.decode(new Uint8Array([0xEF, 0xBB, 0xBF]))].map(s => s.length).join())(new TextDecoder())`, "0,1,1"},
		{"BOM stripped again after flush", `(d => [d.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41])), d.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x42]))].join())(new TextDecoder())`, "A,B"},
		{"UTF-16LE stream odd split", `(d => d.decode(new Uint8Array([0x3D]), { stream: true }) + d.decode(new Uint8Array([0xD8, 0x00, 0xDE]), { stream: true }) + d.decode())(new TextDecoder("utf-16le"))`, "😀"},
		{"UTF-16LE lone surrogate", `escape(new TextDecoder("utf-16le").decode(new Uint8Array([0x00, 0xD8, 0x41, 0x00])))`, "%uFFFDA"},
		{"UTF-16LE odd byte at end", `escape(new TextDecoder("utf-16le").decode(new Uint8Array([0x41, 0x00, 0x42])))`, "A%uFFFD"},
		{"UTF-16BE fatal", `(() => { try { new TextDecoder("utf-16be", { fatal: true }).decode(new Uint8Array([0xDC, 0x00])) } catch (e) { return e.name } })()`, "TypeError"},
		{"windows-1252 Latin-1 range", `escape(new TextDecoder("windows-1252").decode(new Uint8Array([0x41, 0xE9, 0xFF])))`, "A%E9%FF"},
		{"shift_jis", `new TextDecoder("shift_jis").decode(new Uint8Array([0x82, 0xA0, 0x82, 0xA2]))`, "あい"},
		{"euc-kr", `new TextDecoder("euc-kr").decode(new Uint8Array([0xC7, 0xD1]))`, "한"},
		{"gbk", `new TextDecoder("gbk").decode(new Uint8Array([0xC4, 0xE3, 0xBA, 0xC3]))`, "你好"},
		{"big5", `new TextDecoder("big5").decode(new Uint8Array([0xA4, 0xA4]))`, "中"},
		{"koi8-r", `new TextDecoder("koi8-r").decode(new Uint8Array([0xF0, 0xD2, 0xC9]))`, "При"},
		{"shift_jis stream split", `(d => d.decode(new Uint8Array([0x82]), { stream: true }) + d.decode(new Uint8Array([0xA0])))(new TextDecoder("shift_jis"))`, "あ"},
		{"round trip", `new TextDecoder().decode(new TextEncoder().encode("héllo 😀 wörld"))`, "héllo 😀 wörld"},
		{"toStringTag", `[String(new TextEncoder()), String(new TextDecoder())].join()`, "[object TextEncoder],[object TextDecoder]"},
		{"brand check", `(() => { try { TextDecoder.prototype.decode.call({}) } catch (e) { return e.name } })()`, "TypeError"},
		{"lengths", `[TextEncoder.length, TextDecoder.length, TextEncoder.prototype.encode.length, TextEncoder.prototype.encodeInto.length, TextDecoder.prototype.decode.length].join()`, "0,0,0,2,0"},
		{"btoa", `btoa("Hello, world")`, "SGVsbG8sIHdvcmxk"},
		{"btoa Latin-1", `btoa("\u00FF\u00FE\u00E9")`, "//7p"},
		{"btoa empty", `btoa("")`, ""},
		{"btoa above U+00FF throws InvalidCharacterError", `(() => { try { btoa("\u0100") } catch (e) { return e.name + " " + e.code + " " + (e instanceof DOMException) } })()`, "InvalidCharacterError 5 true"},
		{"btoa lone surrogate throws", `(() => { try { btoa("\uD800") } catch (e) { return e.name } })()`, "InvalidCharacterError"},
		{"btoa null", `btoa(null)`, "bnVsbA=="},
		{"atob", `atob("SGVsbG8sIHdvcmxk")`, "Hello, world"},
		{"atob strips ASCII whitespace", `atob(" SGVs\tbG8\n\f\r ")`, "Hello"},
		{"atob without padding", `atob("YQ")`, "a"},
		{"atob one =", `atob("YWI=")`, "ab"},
		{"atob padding bits ignored", `atob("YR==")`, "a"},
		{"atob binary", `[...atob("//79")].map(c => c.charCodeAt(0)).join()`, "255,254,253"},
		{"atob length 1 mod 4 fails", `(() => { try { atob("YWJjZ") } catch (e) { return e.name } })()`, "InvalidCharacterError"},
		{"atob bad padding fails", `["YQ=", "YQ===", "Y=Q=", "="].map(s => { try { atob(s); return "ok" } catch (e) { return e.name } }).join()`, "InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError"},
		{"atob non-alphabet fails", `["-_", "YQ*", "\u00A0YQ", "YQ\u000B"].map(s => { try { atob(s); return "ok" } catch (e) { return e.name } }).join()`, "InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError"},
		{"atob empty", `atob("")`, ""},
		{"atob and btoa need an argument", `[atob, btoa].map(f => { try { f(); return "ok" } catch (e) { return e.name } }).join()`, "TypeError,TypeError"},
		{"atob round trip", `atob(btoa("\u0000\u0080\u00FF"))  === "\u0000\u0080\u00FF"`, "true"},
		{"base64 function shape", `[atob.length, btoa.length, atob.name, btoa.name].join()`, "1,1,atob,btoa"},
	})
}

// TestEncodingAsNode20 checks where Node.js 20 departs from the Encoding Standard and we follow
// Node (the reference for route handlers): the comment gives the standard's answer.
func TestEncodingAsNode20(t *testing.T) {
	runConformance(t, []conformance{
		// §7.4 converts the source to a USVString; Node validates its type instead.
		{"encodeInto non-string source is ERR_INVALID_ARG_TYPE", `[12, null, true, undefined, { toString: () => "obj" }, new String("s"), Symbol("x")].map(v => { try { new TextEncoder().encodeInto(v, new Uint8Array(4)); return "ok" } catch (e) { return e.name + ":" + e.code } }).join()`,
			"TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE,TypeError:ERR_INVALID_ARG_TYPE"},
		{"encodeInto error message", `(() => { try { new TextEncoder().encodeInto(1, 5) } catch (e) { return e.message } })()`, `The "src" argument must be of type string. Received type number (1)`},
		{"encodeInto error toString", `(() => { try { new TextEncoder().encodeInto("a", 5) } catch (e) { return String(e) } })()`, `TypeError [ERR_INVALID_ARG_TYPE]: The "dest" argument must be an instance of Uint8Array. Received type number (5)`},
		// Node's ICU has no x-user-defined nor iso-8859-16 converter (standard: both decode).
		{"labels Node refuses or folds", `["x-user-defined", "iso-8859-16", "ISO8859-16", "replacement", "\u212Aoi8-r", "\u212Aoi8-u", "l9", "latin10"].map(l => { try { return new TextDecoder(l).encoding } catch (e) { return e.name + ":" + e.code } }).join()`,
			"RangeError:ERR_ENCODING_NOT_SUPPORTED,RangeError:ERR_ENCODING_NOT_SUPPORTED,RangeError:ERR_ENCODING_NOT_SUPPORTED,RangeError:ERR_ENCODING_NOT_SUPPORTED,koi8-r,koi8-u,iso-8859-15,RangeError:ERR_ENCODING_NOT_SUPPORTED"},
		{"stream classes have no toStringTag; TextEncoder's order", `[String(new TextEncoderStream()), Object.prototype.toString.call(new TextDecoderStream()), Object.getOwnPropertyNames(TextEncoder.prototype).join(" ")].join()`, "[object Object],[object Object],constructor encoding encode encodeInto"},
		// index-windows-1252 maps 0x80 to U+20AC, 0x93 to U+201C, ...; Node's non-streaming
		// decode reads windows-1252 as ISO-8859-1, until a decoder's first {stream: true}.
		{"windows-1252 0x80-0x9F as Latin-1", `escape(new TextDecoder("latin1").decode(new Uint8Array([0x80, 0x81, 0x93, 0x94, 0x9F])))`, "%80%81%93%94%9F"},
		{"windows-1252 index once streamed", `(d => [d.decode(new Uint8Array([0x80])), d.decode(new Uint8Array([0x80]), { stream: true }), d.decode(new Uint8Array([0x80]))].map(escape).join())(new TextDecoder("windows-1252"))`, "%80,%u20AC,%u20AC"},
		{"windows-1252 fatal has nothing to reject", `escape(new TextDecoder("windows-1252", { fatal: true }).decode(new Uint8Array([0x81, 0x8D, 0xFF])))`, "%81%8D%FF"},
		// Node's ICU tables: old KOI8-U box drawing, private use in windows-874, ª in windows-1253,
		// nothing at windows-1255 0xCA; iso-8859-8-i is iso-8859-8's index (C1 controls at 0x80).
		{"single-byte bytes as Node's ICU decodes them", `[["koi8-u", [0xAE, 0xBE]], ["windows-874", [0xDB, 0xFF]], ["windows-1253", [0xAA]], ["windows-1255", [0xCA]], ["iso-8859-8-i", [0x80, 0x9F, 0xE0]]].map(([l, b]) => escape(new TextDecoder(l).decode(new Uint8Array(b)))).join()`, "%u255D%u256C,%uF8C1%uF8C8,%AA,%uFFFD,%80%9F%u05D0"},
		{"other single-byte encodings keep their index", `escape(new TextDecoder("iso-8859-2").decode(new Uint8Array([0x80, 0xA1])))`, "%80%u0104"},
	})
}

// TestTextEncoderStreamChunks checks that TextEncoderStream converts chunks with ToString as
// Node.js does (Encoding §5.2), keeping lone surrogates paired across chunks.
func TestTextEncoderStreamChunks(t *testing.T) {
	env := webapitest.New(t, webapitest.Options{}, dom.Install, streams.Install, encoding.Install)
	got := env.Run(`
		const ts = new TextEncoderStream(); const w = ts.writable.getWriter();
		w.write(12); w.write(null); w.write(undefined); w.write(true); w.write(Symbol("s")); w.write({ toString() { return "o" } }); w.write("\uD83D"); w.write("\uDE00"); w.close();
		const r = ts.readable.getReader(); const out = [];
		for (;;) { const { done, value } = await r.read(); if (done) break; out.push(new TextDecoder().decode(value)) }
		const thrower = new TextEncoderStream(); const tw = thrower.writable.getWriter(); thrower.readable.getReader().read().catch(() => {});
		const e2 = await tw.write({ toString() { throw new RangeError("x") } }).then(() => "ok", e => e.name);
		return JSON.stringify([out, e2])`).String()
	// Node 20 (its transform does String(chunk)):
	if want := `[["12","null","undefined","true","Symbol(s)","o","😀"],"RangeError"]`; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
