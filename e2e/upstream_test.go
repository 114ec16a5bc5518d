package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// cannedAnswer is one entry of testdata/upstream/answers.json (format: testdata/upstream/README.md).
type cannedAnswer struct {
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
}

// originalURLHeader carries the URL the route fetched to the upstream (also set by e2e/nextjs/upstream-preload.cjs).
const originalURLHeader = "X-Upstream-Original-Url"

var headerToken = regexp.MustCompile(`\$\{header:([A-Za-z0-9-]+)\}`)

// upstream is the Go twin of e2e/nextjs/upstream.mjs: it answers from the canned file, byte for byte as the
// Node one did while Next.js was recorded, and remembers what it was asked.
type upstream struct {
	server *httptest.Server
	mu     sync.Mutex
	seen   []string // "METHOD url"
}

func startUpstream(t *testing.T) *upstream {
	t.Helper()
	var answers map[string]cannedAnswer
	readJSON(t, filepath.Join("testdata", "upstream", "answers.json"), &answers)
	u := &upstream{}
	u.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		orig := r.Header.Get(originalURLHeader)
		if orig == "" {
			orig = "https://" + r.Host + r.RequestURI
		}
		u.mu.Lock()
		u.seen = append(u.seen, r.Method+" "+orig)
		u.mu.Unlock()
		a, ok := answers[orig]
		if !ok {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, "no canned upstream answer for %s\n", orig)
			return
		}
		body := headerToken.ReplaceAllStringFunc(a.Body, func(tok string) string {
			name := headerToken.FindStringSubmatch(tok)[1]
			if vs := r.Header.Values(name); len(vs) > 0 {
				return jsString(strings.Join(vs, ", "))
			}
			return "null"
		})
		for _, h := range a.Headers {
			w.Header().Add(h[0], h[1])
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(a.Status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(u.server.Close)
	return u
}

// client returns the HTTP client to hand to the engine: every request, whatever its URL, goes to this upstream,
// with the original URL kept in the Host header and in X-Upstream-Original-Url.
func (u *upstream) client() *http.Client {
	target, _ := url.Parse(u.server.URL)
	return &http.Client{Transport: &rewriteTransport{target: target, next: u.server.Client().Transport}}
}

func (u *upstream) requests() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]string(nil), u.seen...)
}

type rewriteTransport struct {
	target *url.URL
	next   http.RoundTripper
}

func (rt *rewriteTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	out := r.Clone(r.Context())
	out.Header.Set(originalURLHeader, r.URL.String())
	out.Host = r.URL.Host
	out.URL.Scheme = rt.target.Scheme
	out.URL.Host = rt.target.Host
	return rt.next.RoundTrip(out)
}

// jsString is JSON.stringify for a string: escapes quote, backslash and control characters only (Go's json
// package would also escape <, >, & and U+2028/9).
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
