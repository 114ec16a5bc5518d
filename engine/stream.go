package engine

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/streams"
)

// bodyStream writes a JS ReadableStream to the wire: the HTTP goroutine asks the loop for one
// chunk at a time (that is the backpressure on the stream's pull), writes and flushes it. When
// the client goes away the stream is cancelled, which runs the source's cancel().
type bodyStream struct {
	w      *worker
	reader *streams.GoReader
	// gone aborts request.signal when the client goes away mid-stream; on the loop.
	gone func()
	// epoch is the runtime the stream lives in; after a rebuild it is gone.
	epoch uint64
	// ctx is the async context the response was produced in (the request scope): each pull runs
	// in it, so cookies()/headers() and host completions inside pull() see their request.
	ctx any
}

type chunk struct {
	data []byte
	done bool
	err  error
}

// newBodyStream locks the stream for the engine; it runs on the loop.
func newBodyStream(w *worker, s *goja.Object) (*bodyStream, error) {
	rs, ok := streams.Unwrap(w.realm, s)
	if !ok {
		return nil, errNotStream
	}
	rd, err := streams.NewGoReader(w.realm, rs)
	if err != nil {
		return nil, err
	}
	rd.AcceptStrings = true
	return &bodyStream{w: w, reader: rd, epoch: w.epoch, ctx: w.loop.ctx}, nil
}

type streamError string

func (e streamError) Error() string { return string(e) }

const errNotStream = streamError("TypeError: the response body is not a ReadableStream")

// next asks the loop for the next chunk and waits for it, or for the client to go away.
func (b *bodyStream) next(ctx context.Context) chunk {
	ch := make(chan chunk, 1)
	ok := b.w.loop.post(func() {
		if b.w.epoch != b.epoch {
			ch <- chunk{err: streamError("the worker's runtime was rebuilt")}
			return
		}
		b.w.loop.within(b.ctx, func() {
			b.reader.Read(func(data []byte, done bool, err error) {
				ch <- chunk{data, done, err}
			})
		})
	})
	if !ok {
		return chunk{err: streamError("the worker stopped")}
	}
	select {
	case c := <-ch:
		return c
	case <-ctx.Done():
		return chunk{err: ctx.Err()}
	}
}

// pump copies the stream to w, flushing after each chunk. A stream that errors cuts the
// connection after what was sent, as Node does for a failed stream.
func (b *bodyStream) pump(ctx context.Context, w http.ResponseWriter) {
	// Headers go out with the first chunk, as Next sends them.
	rc := http.NewResponseController(w)
	for {
		c := b.next(ctx)
		if c.err != nil {
			if ctx.Err() != nil {
				b.cancel("The client went away")
				return
			}
			b.w.log.Error("⨯ streamed response body failed", "error", c.err.Error())
			panic(http.ErrAbortHandler)
		}
		if len(c.data) > 0 {
			if _, err := w.Write(c.data); err != nil {
				b.cancel("The client went away")
				return
			}
			rc.Flush()
		}
		if c.done {
			return
		}
	}
}

// cancel cancels the stream from any goroutine, and aborts request.signal when the client is
// gone.
func (b *bodyStream) cancel(reason string) {
	b.w.loop.post(func() {
		if b.w.epoch != b.epoch {
			return
		}
		b.reader.Cancel(reason)
		if b.gone != nil {
			b.gone()
		}
	})
}

// copyBody writes a Go body passed through from the handler (new Response(request.body)). If
// reading it fails — the request body went past --max-body-size, or the upload broke — after
// the status line is sent, the connection is aborted: the client sees a broken answer, never a
// 200 with a body cut short.
func copyBody(w http.ResponseWriter, out *outcome) {
	src := &readErr{r: out.reader}
	if _, err := io.Copy(flushWriter{w}, src); err != nil && src.err != nil {
		if out.worker != nil {
			msg := "⨯ the response body, streamed from the request body, failed: "
			if errors.Is(src.err, errBodyTooLarge) {
				msg += "the request body is larger than the limit (--max-body-size)"
			} else {
				msg += src.err.Error()
			}
			out.worker.log.Error(msg)
		}
		panic(http.ErrAbortHandler)
	}
}

// readErr remembers the error its reader returned, to tell read failures from write failures.
type readErr struct {
	r   io.Reader
	err error
}

func (r *readErr) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if err != nil && err != io.EOF {
		r.err = err
	}
	return n, err
}
