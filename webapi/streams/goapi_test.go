package streams_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// specExample is the Next.js docs' streaming route body: three chunks, two 200 ms sleeps.
const specExample = `
function iteratorToStream(iterator) { return new ReadableStream({ async pull(controller) { const { value, done } = await iterator.next(); if (done) { controller.close() } else { controller.enqueue(value) } } }) }
const sleep = ms => new Promise(r => setTimeout(r, ms));
const encoder = { encode: s => new Uint8Array([...s].map(c => c.charCodeAt(0))) };
function makeIterator(ms) {
  let i = 0;
  return { async next() {
    i++;
    if (i == 1) return { value: encoder.encode('<p>One</p>'), done: false };
    if (i == 2) { await sleep(ms); return { value: encoder.encode('<p>Two</p>'), done: false } }
    if (i == 3) { await sleep(ms); return { value: encoder.encode('<p>Three</p>'), done: false } }
    return { done: true };
  } };
}
`

// stream evaluates script (an async function body returning a ReadableStream) and unwraps it.
func stream(t testing.TB, env *webapitest.Env, script string) *streams.ReadableStream {
	t.Helper()
	rs, ok := streams.Unwrap(env.Realm, env.Run(script))
	if !ok {
		t.Fatal("the script did not return a ReadableStream")
	}
	return rs
}

type readResult struct {
	chunks []string
	at     []time.Duration
	done   bool
	err    error
}

// drain reads g to the end from Go, as the engine writing a body does, running the loop meanwhile.
func drain(env *webapitest.Env, g *streams.GoReader, limit time.Duration) *readResult {
	res := &readResult{}
	start := time.Now()
	var next func()
	next = func() {
		g.Read(func(chunk []byte, done bool, err error) {
			switch {
			case err != nil:
				res.err = err
			case done:
				res.done = true
			default:
				res.chunks = append(res.chunks, string(chunk))
				res.at = append(res.at, time.Since(start))
				next()
			}
		})
	}
	next()
	env.Settle(limit)
	return res
}

// newGoEnv is newEnv with the prelude's helpers as globals.
func newGoEnv(t testing.TB) *webapitest.Env {
	env := newEnv(t)
	env.Run(prelude + `Object.assign(globalThis, { readAll, u8, sleep, tick })`)
	return env
}

func TestGoReaderSpecExample(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, specExample+`return iteratorToStream(makeIterator(200))`)
	g, err := streams.NewGoReader(env.Realm, rs)
	if err != nil {
		t.Fatal(err)
	}
	if !rs.Locked() {
		t.Error("NewGoReader did not lock the stream")
	}
	res := drain(env, g, 3*time.Second)
	if res.err != nil || !res.done {
		t.Fatalf("err %v, done %v", res.err, res.done)
	}
	if got := strings.Join(res.chunks, ""); got != "<p>One</p><p>Two</p><p>Three</p>" {
		t.Fatalf("chunks %q", res.chunks)
	}
	// Chunks arrive as produced: at once, then about 200 ms apart (not all at the end).
	want := []time.Duration{0, 200 * time.Millisecond, 400 * time.Millisecond}
	for i, at := range res.at {
		if at < want[i] || at > want[i]+100*time.Millisecond {
			t.Errorf("chunk %d at %v, want about %v", i, at, want[i])
		}
	}
	if !rs.Disturbed() {
		t.Error("stream not disturbed after reading")
	}
}

func TestGoReaderCancelRunsSourceCancel(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, `
		globalThis.log = [];
		return new ReadableStream({
			pull(c) { return new Promise(r => setTimeout(() => { c.enqueue(new Uint8Array([1])); r() }, 50)) },
			cancel(reason) { log.push('cancel:' + reason.message) },
		}, { highWaterMark: 0 })`)
	g, _ := streams.NewGoReader(env.Realm, rs)
	var got []string
	g.Read(func(chunk []byte, done bool, err error) {
		got = append(got, "read done="+map[bool]string{true: "true", false: "false"}[done])
	})
	g.Cancel("client went away") // the pending read ends with done
	env.Settle(time.Second)
	log := env.Run(`return log.join()`).String()
	if log != "cancel:client went away" {
		t.Errorf("source saw %q", log)
	}
	if strings.Join(got, ",") != "read done=true" {
		t.Errorf("pending read got %v", got)
	}
}

func TestGoReaderErrors(t *testing.T) {
	tests := []struct {
		name, script, wantErr, wantLog string
	}{
		{"non-Uint8Array chunk", `return new ReadableStream({ start(c) { c.enqueue('text') }, cancel(r) { log.push(String(r)) } })`,
			"TypeError: Received non-Uint8Array chunk", "TypeError: Received non-Uint8Array chunk"},
		{"other views are refused as in Node", `return new ReadableStream({ start(c) { c.enqueue(new Uint16Array(2)) } })`,
			"TypeError: Received non-Uint8Array chunk", ""},
		{"errored stream", `return new ReadableStream({ start(c) { c.error(new RangeError('boom')) } })`, "RangeError: boom", ""},
		{"throwing pull", `return new ReadableStream({ pull() { throw new Error('pull') } })`, "Error: pull", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t)
			rs := stream(t, env, `globalThis.log = [];`+tt.script)
			g, _ := streams.NewGoReader(env.Realm, rs)
			res := drain(env, g, time.Second)
			if res.err == nil || res.err.Error() != tt.wantErr {
				t.Fatalf("err %v, want %q", res.err, tt.wantErr)
			}
			var jsErr *streams.Error
			if !errors.As(res.err, &jsErr) || jsErr.Value == nil {
				t.Errorf("err is not a *streams.Error with the JS value")
			}
			if log := env.Run(`return log.join()`).String(); log != tt.wantLog {
				t.Errorf("source log %q, want %q", log, tt.wantLog)
			}
			// Read keeps answering the same error.
			var again error
			g.Read(func(_ []byte, _ bool, err error) { again = err })
			if again == nil || again.Error() != tt.wantErr {
				t.Errorf("second Read: %v", again)
			}
		})
	}
}

func TestNewGoReaderLocked(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, `const rs = new ReadableStream(); rs.getReader(); return rs`)
	if _, err := streams.NewGoReader(env.Realm, rs); err == nil || err.Error() != "TypeError: Invalid state: ReadableStream is locked" {
		t.Fatalf("err %v", err)
	}
	if _, ok := streams.Unwrap(env.Realm, env.Run(`return {}`)); ok {
		t.Error("Unwrap accepted a plain object")
	}
}

// The GoReader is the backpressure: pull runs only as fast as Read is called.
func TestGoReaderBackpressure(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, `globalThis.pulls = 0; return new ReadableStream({ pull(c) { pulls++; c.enqueue(new Uint8Array(16)) } }, { highWaterMark: 2 })`)
	g, _ := streams.NewGoReader(env.Realm, rs)
	env.Settle(50 * time.Millisecond)
	for i := 1; i <= 3; i++ {
		g.Read(func([]byte, bool, error) {})
		env.Settle(50 * time.Millisecond)
		// The queue holds at most highWaterMark chunks beyond what was read.
		if pulls := env.Run(`return pulls`).ToInteger(); pulls != int64(i+2) {
			t.Fatalf("after %d reads: %d pulls, want %d", i, pulls, i+2)
		}
	}
}

func TestGoReaderRelease(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, `return new ReadableStream({ start(c) { c.enqueue(new Uint8Array([7])) } })`)
	g, _ := streams.NewGoReader(env.Realm, rs)
	g.Release()
	if rs.Locked() {
		t.Fatal("still locked after Release")
	}
	env.VM.Set("rs", rs.Object())
	if got := env.Run(`const { value } = await rs.getReader().read(); return value.join()`).String(); got != "7" {
		t.Errorf("read after Release: %q", got)
	}
}

// countingReader serves data in pieces and records each Read.
type countingReader struct {
	mu     sync.Mutex
	data   []byte
	piece  int
	reads  int
	closed bool
	err    error
}

func (r *countingReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads++
	if len(r.data) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		return 0, io.EOF
	}
	n := min(len(p), r.piece, len(r.data))
	copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

func (r *countingReader) Close() error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	return nil
}

func (r *countingReader) stats() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reads, r.closed
}

func TestNewFromReader(t *testing.T) {
	env := newEnv(t)
	src := &countingReader{data: bytes.Repeat([]byte("abcdefgh"), 10), piece: 100}
	env.VM.Set("body", streams.NewFromReader(env.Realm, src, 16))
	got := env.Run(`
		const r = body.getReader(); const sizes = []; let text = '';
		for (;;) { const { value, done } = await r.read(); if (done) break; sizes.push(value.length); text += String.fromCharCode(...value) }
		return [sizes.join(), text.length, text.slice(0, 8), Object.prototype.toString.call(body)].join('|')`).String()
	if got != "16,16,16,16,16|80|abcdefgh|[object ReadableStream]" {
		t.Errorf("got %q", got)
	}
	if _, closed := src.stats(); !closed {
		t.Error("rc not closed at EOF")
	}
}

func TestNewFromReaderReadsOnlyWhenPulled(t *testing.T) {
	env := newEnv(t)
	src := &countingReader{data: bytes.Repeat([]byte("x"), 1000), piece: 10}
	env.VM.Set("body", streams.NewFromReader(env.Realm, src, 10))
	env.Settle(50 * time.Millisecond)
	if reads, _ := src.stats(); reads != 0 {
		t.Fatalf("%d reads before anyone read the stream", reads)
	}
	env.Run(`globalThis.reader = body.getReader(); await reader.read(); await reader.read(); await new Promise(r => setTimeout(r, 30))`)
	if reads, _ := src.stats(); reads != 2 {
		t.Fatalf("%d reads for 2 chunks read (highWaterMark 0 means no read-ahead)", reads)
	}
	env.Run(`await reader.cancel('enough')`)
	if _, closed := src.stats(); !closed {
		t.Error("cancel did not close rc")
	}
}

func TestNewFromReaderError(t *testing.T) {
	env := newEnv(t)
	src := &countingReader{data: []byte("partial"), piece: 100, err: errors.New("connection reset")}
	env.VM.Set("body", streams.NewFromReader(env.Realm, src, 100))
	got := env.Run(`
		const r = body.getReader(); const first = await r.read();
		try { await r.read(); return 'no error' } catch (e) { return [first.value.length, e.constructor.name, e.message].join('|') }`).String()
	if got != "7|TypeError|connection reset" {
		t.Errorf("got %q", got)
	}
	if _, closed := src.stats(); !closed {
		t.Error("rc not closed after an error")
	}
}

func TestNewFromBytes(t *testing.T) {
	env := newGoEnv(t)
	env.VM.Set("full", streams.NewFromBytes(env.Realm, []byte("hello")))
	env.VM.Set("empty", streams.NewFromBytes(env.Realm, nil))
	got := env.Run(`
		const a = await readAll(full), b = await readAll(empty);
		return [a.length, a[0] instanceof Uint8Array, String.fromCharCode(...a[0]), b.length].join('|')`).String()
	if got != "1|true|hello|0" {
		t.Errorf("got %q", got)
	}
}

// Body streams are byte streams, as in Node: BYOB readers work on them.
func TestGoStreamsAreByteStreams(t *testing.T) {
	env := newGoEnv(t)
	env.VM.Set("a", streams.NewFromBytes(env.Realm, []byte("hello")))
	env.VM.Set("b", streams.NewFromBytes(env.Realm, nil))
	env.VM.Set("c", streams.NewFromReader(env.Realm, io.NopCloser(strings.NewReader("world")), 4))
	got := env.Run(`
		const ra = a.getReader({ mode: 'byob' });
		const x = await ra.read(new Uint8Array(2)); const x2 = await ra.read(new Uint8Array(8)); const x3 = await ra.read(new Uint8Array(8));
		const y = await b.getReader({ mode: 'byob' }).read(new Uint8Array(4));
		const rc = c.getReader({ mode: 'byob' }); const out = [];
		for (;;) { const { value, done } = await rc.read(new Uint8Array(3)); if (done) break; out.push(String.fromCharCode(...value)) }
		return [String.fromCharCode(...x.value), String.fromCharCode(...x2.value), x3.done, y.done, y.value.byteLength, out.join('|')].join(' ')`).String()
	if got != "he llo true true 0 wor|l|d" {
		t.Errorf("got %q", got)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		name, script, want, wantErr string
	}{
		{"chunks", `return ReadableStream.from([u8(104, 105), u8(), u8(33)])`, "hi!", ""},
		{"empty", `return new ReadableStream({ start(c) { c.close() } })`, "", ""},
		{"async chunks", `let n = 0; return new ReadableStream({ async pull(c) { await sleep(1); if (++n > 3) c.close(); else c.enqueue(u8(48 + n)) } })`, "123", ""},
		{"many queued chunks", `return new ReadableStream({ start(c) { for (let i = 0; i < 5000; i++) c.enqueue(u8(97)); c.close() } })`, strings.Repeat("a", 5000), ""},
		{"error", `return new ReadableStream({ start(c) { c.enqueue(u8(1)); c.error(new Error('late')) } })`, "", "Error: late"},
		{"locked", `const rs = new ReadableStream(); rs.getReader(); return rs`, "", "TypeError: Invalid state: ReadableStream is locked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newGoEnv(t)
			rs := stream(t, env, tt.script)
			var got []byte
			var gotErr error
			called := 0
			streams.ReadAll(env.Realm, rs, func(b []byte, err error) { got, gotErr = b, err; called++ })
			env.Settle(time.Second)
			if called != 1 {
				t.Fatalf("callback ran %d times", called)
			}
			if tt.wantErr != "" {
				if gotErr == nil || gotErr.Error() != tt.wantErr {
					t.Fatalf("err %v, want %q", gotErr, tt.wantErr)
				}
				return
			}
			if gotErr != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v", got, gotErr)
			}
		})
	}
}

func TestTee(t *testing.T) {
	env := newGoEnv(t)
	rs := stream(t, env, `return ReadableStream.from([u8(1, 2), u8(3)])`)
	a, b, err := streams.Tee(env.Realm, rs)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := streams.Tee(env.Realm, rs); err == nil {
		t.Error("teeing a locked stream succeeded")
	}
	env.VM.Set("a", a.Object())
	got := env.Run(`return (await readAll(a)).map(c => c.join()).join('|')`).String()
	var fromGo []byte
	streams.ReadAll(env.Realm, b, func(bs []byte, err error) { fromGo = bs })
	env.Settle(time.Second)
	if got != "1,2|3" || !bytes.Equal(fromGo, []byte{1, 2, 3}) {
		t.Errorf("branches: %q and %v", got, fromGo)
	}
}

func TestCancelFromGo(t *testing.T) {
	env := newEnv(t)
	rs := stream(t, env, `globalThis.reason = ''; return new ReadableStream({ cancel(r) { reason = r.message } })`)
	rs.Cancel("gone")
	if got := env.Run(`return reason`).String(); got != "gone" {
		t.Errorf("source cancel saw %q", got)
	}
}

func TestNewTransform(t *testing.T) {
	env := newGoEnv(t)
	upper := func(chunk goja.Value, c *streams.TransformStreamDefaultController) error {
		s := chunk.String()
		if s == "bad" {
			return errors.New("bad chunk")
		}
		return c.Enqueue(env.VM.ToValue(strings.ToUpper(s)))
	}
	flush := func(c *streams.TransformStreamDefaultController) error {
		return c.Enqueue(env.VM.ToValue("!"))
	}
	ts, readable, writable := streams.NewTransform(env.Realm, upper, flush)
	env.VM.Set("ts", ts)
	env.VM.Set("readable", readable)
	env.VM.Set("writable", writable)
	_, r2, w2 := streams.NewTransform(env.Realm, upper, nil)
	env.VM.Set("r2", r2)
	env.VM.Set("w2", w2)
	got := env.Run(`
		const out = ReadableStream.from(['a', 'b']).pipeThrough({ readable, writable });
		const all = (await readAll(out)).join('');
		const w = w2.getWriter(); const rd = r2.getReader(); const p = rd.read();
		const err = await w.write('bad').then(() => 'no error', e => e.constructor.name + ': ' + e.message);
		return [all, err, await p.then(() => 'read ok', e => e.message), ts instanceof TransformStream].join('|')`).String()
	if got != "AB!|TypeError: bad chunk|bad chunk|true" {
		t.Errorf("got %q", got)
	}
}
