package buffer_test

import (
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, streams.Install, file.Install, node.Install)
}

// TestScript runs the script given in -script (for manual comparison with node).
func TestSmoke(t *testing.T) {
	e := newEnv(t)
	v := e.Run(`const b = Buffer.from('héllo €', 'utf8');
	return [b.length, b.toString('hex'), b.toString('base64'), b.toString(), Buffer.from('aGk=', 'base64').toString(),
	  b instanceof Uint8Array, Buffer.isBuffer(b.subarray(1)), b.readUInt16BE(0), console.format ? 1 : 0].join('|')`)
	want := "10|68c3a96c6c6f20e282ac|aMOpbGxvIOKCrA==|héllo €|hi|true|true|26819|0"
	if v.String() != want {
		t.Fatalf("got %s want %s", v, want)
	}
}

func TestGoAPI(t *testing.T) {
	e := newEnv(t)
	data := []byte("abc")
	b := buffer.New(e.Realm, data)
	e.VM.Set("b", b)
	v := e.Run(`b[0] = 65; return b.toString() + (b instanceof Buffer)`)
	if v.String() != "Abctrue" || data[0] != 'A' {
		t.Fatalf("got %s, data %q", v, data)
	}
	for _, src := range []string{`new Uint16Array([0x4142])`, `new DataView(new ArrayBuffer(2))`, `new ArrayBuffer(2)`, `Buffer.from('xy')`} {
		got, ok := buffer.Bytes(e.Realm, e.Run("return "+src))
		if !ok || len(got) != 2 {
			t.Errorf("Bytes(%s) = %v %v", src, got, ok)
		}
	}
	for _, src := range []string{`[1, 2]`, `'ab'`, `({})`} {
		if _, ok := buffer.Bytes(e.Realm, e.Run("return "+src)); ok {
			t.Errorf("Bytes(%s) accepted", src)
		}
	}
	_ = webapi.Realm{}
}

// TestConsoleShowsBuffers: console.log prints a Buffer as Node does, through the custom inspect.
func TestConsoleShowsBuffers(t *testing.T) {
	var out strings.Builder
	e := webapitest.New(t, webapitest.Options{Log: &out}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, streams.Install, file.Install, node.Install)
	e.Run(`const b = Buffer.from('hi'); b.extra = 1;
		console.log(Buffer.from('hello'), [Buffer.alloc(2)], b, Buffer.alloc(51));`)
	want := `<Buffer 68 65 6c 6c 6f> [ <Buffer 00 00> ] <Buffer 68 69, extra: 1> <Buffer 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ... 1 more byte>`
	if !strings.Contains(out.String(), want) {
		t.Fatalf("log:\n%s\nwant it to contain:\n%s", out.String(), want)
	}
}

// BenchmarkEncodings: Buffer.from(string, enc) and buf.toString(enc) of 1 KiB, the work that
// must not loop in JavaScript.
func BenchmarkEncodings(b *testing.B) {
	e := newEnv(b)
	for _, enc := range []string{"utf8", "hex", "base64", "latin1"} {
		fn, err := e.VM.RunString(`(function () { const s = 'héllo wörld '.repeat(80); const enc = '` + enc + `';
			const bytes = Buffer.from(s, 'utf8'); const text = bytes.toString(enc);
			return () => Buffer.from(text, enc).toString(enc).length; })()`)
		if err != nil {
			b.Fatal(err)
		}
		call, _ := goja.AssertFunction(fn)
		b.Run(enc, func(b *testing.B) {
			for b.Loop() {
				if _, err := call(goja.Undefined()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
