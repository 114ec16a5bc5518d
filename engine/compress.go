package engine

import (
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Compression as `next start` does it (its `compress: true` default): the `compression`
// middleware of expressjs, which Next bundles in next/dist/compiled/compression. When the
// response headers go out it decides, in this order:
//
//  1. no Content-Type, or one mime-db does not call compressible: nothing happens;
//  2. Cache-Control with no-transform: nothing happens;
//  3. `Vary: Accept-Encoding` is added (whatever the request asked for);
//  4. a Content-Length below 1024 bytes, a Content-Encoding already set, or a HEAD request:
//     no compression;
//  5. Accept-Encoding negotiated over gzip, deflate, identity (deflate only when gzip is not
//     acceptable): gzip or zlib-wrapped deflate, Content-Length dropped.
//
// Compression never buffers a stream: every Flush flushes the compressor (a sync flush) and
// then the connection, so a streamed body arrives in the same pieces.

// compressThreshold is the middleware's default threshold (1kb).
const compressThreshold = 1024

// compressibleFallback is the `compressible` package's rule for types mime-db does not flag.
var compressibleFallback = regexp.MustCompile(`(?i)^text/|\+(?:json|text|xml)$`)

// compressible reports whether a Content-Type value is compressible (npm `compressible`).
func compressible(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.TrimSpace(mt)
	if mt == "" {
		return false
	}
	if c, ok := mimeCompressible[mt]; ok { // the usual spelling, without a lowercase copy
		return c
	}
	mt = strings.ToLower(mt)
	if c, ok := mimeCompressible[mt]; ok {
		return c
	}
	return compressibleFallback.MatchString(mt)
}

// noTransform reports whether a Cache-Control value holds the no-transform directive, as the
// middleware's /(?:^|,)\s*?no-transform\s*?(?:,|$)/ tests it (case-sensitive).
func noTransform(cacheControl string) bool {
	if !strings.Contains(cacheControl, "no-transform") {
		return false
	}
	for _, d := range strings.Split(cacheControl, ",") {
		if strings.TrimSpace(d) == "no-transform" {
			return true
		}
	}
	return false
}

// negotiateEncoding picks "gzip", "deflate" or "" (identity) for an Accept-Encoding value, as
// the middleware does with npm `negotiator` (RFC 9110 §12.5.3): the highest q wins, an exact
// coding beats `*`, then the client's order; identity is acceptable unless refused; deflate
// yields to gzip whenever gzip is acceptable at all.
func negotiateEncoding(accept string) string {
	if accept == "" {
		return ""
	}
	type spec struct {
		q     float64
		exact bool
		order int
		seen  bool
	}
	var gzipS, deflateS, identityS, star spec
	minQ := 1.0
	for i, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		minQ = min(minQ, q)
		s := spec{q: q, exact: true, order: i, seen: true}
		switch name {
		case "gzip":
			gzipS = s
		case "deflate":
			deflateS = s
		case "identity":
			identityS = s
		case "*":
			s.exact = false
			star = s
		}
	}
	resolve := func(s spec) spec {
		if s.seen {
			return s
		}
		return star
	}
	g, d, id := resolve(gzipS), resolve(deflateS), resolve(identityS)
	if !id.seen {
		// negotiator accepts identity at the lowest quality listed, after everything else.
		id = spec{q: minQ, exact: true, order: 1 << 30, seen: true}
	}
	better := func(a, b spec) bool {
		if a.q != b.q {
			return a.q > b.q
		}
		if a.exact != b.exact {
			return a.exact
		}
		return a.order < b.order
	}
	best, bestName := spec{}, ""
	for _, c := range []struct {
		s    spec
		name string
	}{{g, "gzip"}, {d, "deflate"}, {id, "identity"}} {
		if c.s.seen && c.s.q > 0 && (bestName == "" || better(c.s, best)) {
			best, bestName = c.s, c.name
		}
	}
	if bestName == "deflate" && g.seen && g.q > 0 {
		if id.q > g.q {
			return ""
		}
		return "gzip"
	}
	if bestName == "identity" {
		return ""
	}
	return bestName
}

var (
	gzipPool = sync.Pool{New: func() any { return gzip.NewWriter(io.Discard) }}
	zlibPool = sync.Pool{New: func() any { return zlib.NewWriter(io.Discard) }}
)

// compressor is gzip.Writer or zlib.Writer.
type compressor interface {
	io.WriteCloser
	Flush() error
	Reset(io.Writer)
}

// answerWriter is the ResponseWriter every answer of the engine goes through: at WriteHeader it
// applies the rules above, then Write compresses when they chose to.
type answerWriter struct {
	http.ResponseWriter
	r        *http.Request
	wrote    bool
	encoding string
	z        compressor
}

func (a *answerWriter) Unwrap() http.ResponseWriter { return a.ResponseWriter }

func (a *answerWriter) WriteHeader(status int) {
	if a.wrote {
		a.ResponseWriter.WriteHeader(status)
		return
	}
	a.wrote = true
	h := a.ResponseWriter.Header()
	ct := h["Content-Type"]
	if len(ct) == 0 || !compressible(ct[0]) || noTransform(h.Get("Cache-Control")) {
		a.ResponseWriter.WriteHeader(status)
		return
	}
	addVary(h, "Accept-Encoding")
	if cl := h.Get("Content-Length"); cl != "" {
		if n, err := strconv.Atoi(cl); err == nil && n < compressThreshold {
			a.ResponseWriter.WriteHeader(status)
			return
		}
	}
	if enc := h.Get("Content-Encoding"); (enc != "" && enc != "identity") || a.r.Method == http.MethodHead || !bodyAllowed(status) {
		a.ResponseWriter.WriteHeader(status)
		return
	}
	a.encoding = negotiateEncoding(strings.Join(a.r.Header.Values("Accept-Encoding"), ","))
	if a.encoding != "" {
		h.Set("Content-Encoding", a.encoding)
		delete(h, "Content-Length")
		if _, ok := h["Transfer-Encoding"]; !ok {
			h["Transfer-Encoding"] = []string{"chunked"}
		}
	}
	a.ResponseWriter.WriteHeader(status)
}

func (a *answerWriter) Write(b []byte) (int, error) {
	if !a.wrote {
		a.WriteHeader(http.StatusOK)
	}
	if a.encoding == "" {
		return a.ResponseWriter.Write(b)
	}
	if a.z == nil {
		if a.encoding == "gzip" {
			a.z = gzipPool.Get().(*gzip.Writer)
		} else {
			a.z = zlibPool.Get().(*zlib.Writer)
		}
		a.z.Reset(a.ResponseWriter)
	}
	return a.z.Write(b)
}

// Flush pushes what the compressor holds to the client.
func (a *answerWriter) Flush() {
	if a.z != nil {
		a.z.Flush()
	}
	http.NewResponseController(a.ResponseWriter).Flush()
}

// close ends the compressed stream (its trailer) and returns the compressor to its pool. A
// compressed answer with no body still gets a whole (empty) stream, as zlib writes one.
func (a *answerWriter) close() {
	if a.encoding == "" {
		return
	}
	if a.z == nil {
		a.Write(nil)
	}
	a.z.Close()
	a.z.Reset(io.Discard)
	if a.encoding == "gzip" {
		gzipPool.Put(a.z)
	} else {
		zlibPool.Put(a.z)
	}
	a.z = nil
}

// addVary appends a field name to Vary unless it is there already or Vary is "*" (npm `vary`).
func addVary(h http.Header, name string) {
	vs := h["Vary"]
	switch {
	case len(vs) == 0:
		h.Set("Vary", name)
		return
	case len(vs) == 1 && vs[0] == routeVary && name == "Accept-Encoding":
		h["Vary"] = routeVaryCompressible // Next's own Vary, the usual case: no allocation
		return
	}
	cur := strings.Join(vs, ", ")
	for rest := cur; rest != ""; {
		var f string
		f, rest, _ = strings.Cut(rest, ",")
		if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, name) {
			return
		}
	}
	h.Set("Vary", cur+", "+name)
}

// routeVaryValue and routeVaryCompressible are shared by every answer, so nothing may write into
// them: Vary is changed by replacing the slice (as here and in writeOutcome), never in place.
var (
	routeVaryValue        = []string{routeVary}
	routeVaryCompressible = []string{routeVary + ", Accept-Encoding"}
)

// bodyAllowed reports whether a status may carry a body (RFC 9110 §6.4.1).
func bodyAllowed(status int) bool {
	return !(status >= 100 && status < 200) && status != http.StatusNoContent && status != http.StatusNotModified
}
