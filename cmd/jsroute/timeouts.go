package main

import (
	"io"
	"net/http"
	"time"
)

// newServer is the production HTTP server: slow clients cannot hold connections for ever.
//   - ReadHeaderTimeout (--read-header-timeout) bounds the request line and headers;
//   - a request body must keep arriving: each read may wait at most --body-timeout for data
//     (a progress time-out, so a large upload on a slow but live link still completes);
//   - IdleTimeout (--idle-timeout) closes keep-alive connections with no request.
//
// No write time-out: streamed answers (server-sent events) may last as long as the handler
// keeps them going, and a stream to a client that stops reading is held back (DESIGN.md).
func newServer(h http.Handler, c config) *http.Server {
	if c.bodyTimeout > 0 {
		h = bodyProgress(h, c.bodyTimeout)
	}
	return &http.Server{Handler: h, ReadHeaderTimeout: c.readHeaderTimeout, IdleTimeout: c.idleTimeout}
}

// bodyProgress gives every request body a read deadline that moves forward with each read.
func bodyProgress(h http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = &progressBody{ReadCloser: r.Body, rc: http.NewResponseController(w), wait: d}
		}
		h.ServeHTTP(w, r)
	})
}

// progressBody sets the connection's read deadline before each read of the body. The deadline
// is lifted when the body ends, so it does not cut the next request on a keep-alive connection
// (net/http sets its own deadlines for that one).
type progressBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	wait time.Duration
	off  bool // the deadline could not be set (HTTP/2 or a wrapper that hides the conn)
}

func (p *progressBody) Read(b []byte) (int, error) {
	if !p.off {
		if err := p.rc.SetReadDeadline(time.Now().Add(p.wait)); err != nil {
			p.off = true
		}
	}
	n, err := p.ReadCloser.Read(b)
	if err == io.EOF && !p.off {
		// A failed read keeps its deadline: closing the body drains what is left of it, and
		// that must not wait for a stalled client either.
		p.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}
