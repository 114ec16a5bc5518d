package zlib

import (
	"bytes"
	"compress/gzip"
	"runtime"
	"testing"
	"time"
)

// TestInflateStreamIncremental: each step returns what its chunk decodes to, before the end.
func TestInflateStreamIncremental(t *testing.T) {
	text := bytes.Repeat([]byte("incremental gunzip, chunk by chunk. "), 4000)
	var packed bytes.Buffer
	w := gzip.NewWriter(&packed)
	w.Write(text)
	w.Close()
	in := packed.Bytes()
	f := newInflateStream(modeGunzip, &options{})
	var got []byte
	for i := 0; i < len(in); i += 1000 {
		out, err, done := f.step(in[i:min(i+1000, len(in))], false)
		if err != nil || done {
			t.Fatalf("step at %d: err %v done %v", i, err, done)
		}
		got = append(got, out...)
		if i == 4000 && len(got) == 0 {
			t.Fatal("no output after 5 KB of input")
		}
	}
	out, err, done := f.step(nil, true)
	got = append(got, out...)
	if err != nil || !done || !bytes.Equal(got, text) {
		t.Fatalf("end: err %v done %v, %d bytes (want %d)", err, done, len(got), len(text))
	}
}

// TestInflateStreamErrorsAndAbort: a bad header fails at the first step; an abandoned stream's
// goroutine ends.
func TestInflateStreamErrorsAndAbort(t *testing.T) {
	f := newInflateStream(modeGunzip, &options{})
	if _, err, done := f.step([]byte("not gzip at all"), false); err != errHeader || !done {
		t.Fatalf("err %v done %v", err, done)
	}
	before := runtime.NumGoroutine()
	g := newInflateStream(modeInflate, &options{})
	g.step([]byte{0x78}, false)
	g.abort()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() >= before+1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("goroutines: %d before, %d after abort", before, n)
	}
}

// TestDecompressGarbage: random and damaged input never panics (a decompressor's panic on a
// goroutine would end the process); it decodes or fails with a zlib error.
func TestDecompressGarbage(t *testing.T) {
	good := map[string][]byte{}
	for _, mode := range []string{modeGzip, modeDeflate, modeRaw, modeBrotliC} {
		out, err := compress(mode, bytes.Repeat([]byte("damaged input "), 300), &options{level: -1})
		if err != nil {
			t.Fatal(err)
		}
		good[mode] = out
	}
	inverse := map[string]string{modeGzip: modeGunzip, modeDeflate: modeInflate, modeRaw: modeRawInf, modeBrotliC: modeBrotliD}
	seed := uint32(1)
	rnd := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	for i := 0; i < 400; i++ {
		for comp, mode := range inverse {
			in := append([]byte(nil), good[comp]...)
			for k := 0; k < 1+int(rnd()%4); k++ {
				in[rnd()%uint32(len(in))] ^= byte(rnd())
			}
			if i%3 == 0 {
				in = in[:rnd()%uint32(len(in))]
			}
			_, err := decompress(mode, in, &options{})
			if err != nil {
				if _, ok := err.(*zerr); !ok {
					t.Fatalf("%s: error %T %v is not a zlib error", mode, err, err)
				}
			}
		}
	}
}
