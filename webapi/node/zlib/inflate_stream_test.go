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
