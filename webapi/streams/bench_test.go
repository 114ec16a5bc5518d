package streams_test

import (
	"bytes"
	"io"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/streams"
)

// BenchmarkGoReader1MB pulls 1 MB through a JS ReadableStream in 16 KB Uint8Array chunks from Go, as the
// engine writing a streamed Response does.
func BenchmarkGoReader1MB(b *testing.B) {
	env := newEnv(b)
	env.Run(`globalThis.make = () => { let n = 0; return new ReadableStream({ pull(c) { if (n++ === 64) c.close(); else c.enqueue(new Uint8Array(16384)) } }) }`)
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		rs, _ := streams.Unwrap(env.Realm, env.Run(`return make()`))
		g, _ := streams.NewGoReader(env.Realm, rs)
		total, done := 0, false
		var next func()
		next = func() {
			g.Read(func(chunk []byte, d bool, err error) {
				if err != nil {
					b.Fatal(err)
				}
				if d {
					done = true
					return
				}
				total += len(chunk)
				next()
			})
		}
		next()
		env.Settle(time.Second)
		if !done || total != 1<<20 {
			b.Fatalf("read %d bytes, done %v", total, done)
		}
	}
}

// BenchmarkNewFromReader1MB makes a stream from a 1 MB Go reader (16 KB chunks) and reads it all in JS.
func BenchmarkNewFromReader1MB(b *testing.B) {
	env := newEnv(b)
	data := make([]byte, 1<<20)
	b.SetBytes(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		env.VM.Set("body", streams.NewFromReader(env.Realm, io.NopCloser(bytes.NewReader(data)), 16<<10))
		n := env.Run(`const r = body.getReader(); let n = 0; for (;;) { const { value, done } = await r.read(); if (done) return n; n += value.length }`).ToInteger()
		if n != 1<<20 {
			b.Fatalf("read %d bytes", n)
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestSpecExampleCPU runs many copies of the docs' streaming example (3 chunks, two sleeps) on one loop,
// read from Go, and reports the CPU each stream costs. The target is well under 1 ms.
func TestSpecExampleCPU(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	const streamsN = 500
	env := newEnv(t)
	env.Run(specExample + `globalThis.makeStream = () => iteratorToStream(makeIterator(200))`)
	env.VM.Set("n", streamsN)
	all := env.Run(`return Array.from({ length: n }, makeStream)`).(*goja.Object)
	start, wall := cpuTime(), time.Now()
	finished := 0
	for i := 0; i < streamsN; i++ {
		rs, _ := streams.Unwrap(env.Realm, all.Get(strconv.Itoa(i)))
		g, _ := streams.NewGoReader(env.Realm, rs)
		var next func()
		next = func() {
			g.Read(func(chunk []byte, done bool, err error) {
				if err != nil {
					t.Error(err)
					return
				}
				if done {
					finished++
					return
				}
				next()
			})
		}
		next()
	}
	env.Settle(5 * time.Second)
	cpu := cpuTime() - start
	if finished != streamsN {
		t.Fatalf("%d of %d streams finished", finished, streamsN)
	}
	per := cpu / streamsN
	t.Logf("%d streams: wall %v, CPU %v, %v CPU per stream", streamsN, time.Since(wall).Round(time.Millisecond), cpu.Round(time.Millisecond), per.Round(time.Microsecond))
	if per > time.Millisecond {
		t.Errorf("%v CPU per stream, want well under 1 ms", per)
	}
}
