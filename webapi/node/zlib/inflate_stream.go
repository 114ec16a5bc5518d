package zlib

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
)

// inflateStream decompresses a stream's chunks as they arrive. Go's decompressors pull from an
// io.Reader and cannot resume after running dry, so one runs on its own goroutine reading from a
// feed; write hands it a chunk and waits until it has used all of it (it then waits for more
// input), so each write returns what that chunk decoded to — synchronously, as zlib's own
// stream step does on Node's thread. Nothing else crosses goroutines.
type inflateStream struct {
	mu      sync.Mutex
	cond    *sync.Cond
	queue   [][]byte
	closed  bool // end(): no more input
	aborted bool // the stream was destroyed
	idle    bool // the decompressor waits for input and the queue is empty
	done    bool // the decompressor returned
	err     error
	out     bytes.Buffer
	max     int
	total   int
}

var errAborted = errors.New("zlib: stream destroyed")

func newInflateStream(mode string, o *options) *inflateStream {
	f := &inflateStream{max: o.maxOutput}
	f.cond = sync.NewCond(&f.mu)
	go f.run(mode, o)
	return f
}

// Read is the decompressor's input: the queued chunks, then EOF after end().
func (f *inflateStream) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.queue) == 0 && !f.closed && !f.aborted {
		f.idle = true
		f.cond.Broadcast()
		f.cond.Wait()
	}
	f.idle = false
	if f.aborted {
		return 0, errAborted
	}
	if len(f.queue) == 0 {
		return 0, io.EOF
	}
	n := copy(p, f.queue[0])
	f.queue[0] = f.queue[0][n:]
	if len(f.queue[0]) == 0 {
		f.queue = f.queue[1:]
	}
	return n, nil
}

// ReadByte lets compress/flate read exactly what it needs (no read-ahead past a gzip member).
func (f *inflateStream) ReadByte() (byte, error) {
	var b [1]byte
	_, err := f.Read(b[:])
	return b[0], err
}

// Write is the decompressor's output.
func (f *inflateStream) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.total += len(p)
	if f.max > 0 && f.total > f.max {
		return 0, errTooLarge
	}
	f.out.Write(p)
	return len(p), nil
}

func (f *inflateStream) run(mode string, o *options) {
	err := func() (err error) {
		defer func() {
			if x := recover(); x != nil {
				err = fmt.Errorf("zlib: %v", x)
			}
		}()
		return decompressTo(f, mode, f, o)
	}()
	f.mu.Lock()
	f.done, f.err = true, err
	f.cond.Broadcast()
	f.mu.Unlock()
}

// step queues chunk (nil for end) and waits until the decompressor has used every queued byte,
// then returns the output so far and, once it has finished, its error.
func (f *inflateStream) step(chunk []byte, end bool) ([]byte, error, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(chunk) > 0 {
		f.queue = append(f.queue, append([]byte(nil), chunk...))
		f.idle = false
	}
	if end {
		f.closed = true
	}
	f.cond.Broadcast()
	for !f.done && !(f.idle && len(f.queue) == 0 && !f.closed) {
		f.cond.Wait()
	}
	out := append([]byte(nil), f.out.Bytes()...)
	f.out.Reset()
	return out, f.err, f.done
}

// abort stops the decompressor of a destroyed stream.
func (f *inflateStream) abort() {
	f.mu.Lock()
	f.aborted = true
	f.cond.Broadcast()
	f.mu.Unlock()
}

// inflateHandle is what JavaScript holds: when it is collected without end() or destroy(), the
// decompressor goroutine is stopped.
type inflateHandle struct{ f *inflateStream }

func newInflateHandle(mode string, o *options) *inflateHandle {
	h := &inflateHandle{f: newInflateStream(mode, o)}
	runtime.SetFinalizer(h, func(h *inflateHandle) { h.f.abort() })
	return h
}
