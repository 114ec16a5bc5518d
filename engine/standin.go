package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Fetch stand-ins: an app whose examples fetch an API that is not there (the docs' fake
// https://data.mongodb-api.com/...) names a file of canned answers in an environment variable,
// usually in its .env:
//
//	JSROUTE_FETCH_STANDINS=fake-api.json
//
// and fetch() of a URL the file lists is answered from it, without the network; every other URL
// goes out as usual. The path is relative to the project root. The file maps an absolute URL,
// exactly as the route passes it to fetch, to an answer:
//
//	{"https://api.vercel.app/blog": {"status": 200, "headers": [["content-type", "application/json"]], "body": "[...]"}}
//
// In body, ${header:Name} becomes the value of the request's header Name as a JSON string literal
// (null when the request has none), so an answer can show what the route sent (an API key from
// .env). It is the format of e2e/testdata/upstream/answers.json, the answers real Next.js got
// while it was recorded. The start-up log says how many URLs are stood in for; an engine given its
// own Options.HTTPClient decides itself where fetch goes, so the variable is then not applied (and
// the log says so). The file is read once, at New.

// standinsVar names the variable.
const standinsVar = "JSROUTE_FETCH_STANDINS"

// standinAnswer is one canned answer.
type standinAnswer struct {
	Status  int         `json:"status"`
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
}

// installStandins applies JSROUTE_FETCH_STANDINS (from the environment or the .env files) to
// e.opts.HTTPClient; own is whether the embedder gave that client.
func (e *Engine) installStandins(own bool) error {
	file := e.environment()[standinsVar]
	if file == "" {
		return nil
	}
	if own {
		e.opts.Logger.Warn(fmt.Sprintf("⚠ %s=%s is not applied: Options.HTTPClient decides where fetch goes", standinsVar, file))
		return nil
	}
	p := file
	if !filepath.IsAbs(p) {
		p = filepath.Join(e.app.Root, p)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("jsroute: %s: %w", standinsVar, err)
	}
	var answers map[string]standinAnswer
	if err := json.Unmarshal(b, &answers); err != nil {
		return fmt.Errorf("jsroute: %s=%s: %w", standinsVar, file, err)
	}
	for u, a := range answers {
		if a.Status < 200 || a.Status > 599 {
			return fmt.Errorf("jsroute: %s=%s: %s: status %d is not 200–599", standinsVar, file, u, a.Status)
		}
	}
	c := *e.opts.HTTPClient
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	c.Transport = &standins{answers: answers, next: next}
	e.opts.HTTPClient = &c
	e.opts.Logger.Info(fmt.Sprintf("- fetch stand-ins: %d URLs answered from %s (%s)", len(answers), file, standinsVar))
	return nil
}

// standins answers the URLs it knows and passes the others on.
type standins struct {
	answers map[string]standinAnswer
	next    http.RoundTripper
}

var standinHeader = regexp.MustCompile(`\$\{header:([A-Za-z0-9-]+)\}`)

func (s *standins) RoundTrip(r *http.Request) (*http.Response, error) {
	a, ok := s.answers[r.URL.String()]
	if !ok {
		return s.next.RoundTrip(r)
	}
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	body := standinHeader.ReplaceAllStringFunc(a.Body, func(tok string) string {
		name := standinHeader.FindStringSubmatch(tok)[1]
		if vs := r.Header.Values(name); len(vs) > 0 {
			return jsonString(strings.Join(vs, ", "))
		}
		return "null"
	})
	h := http.Header{}
	for _, kv := range a.Headers {
		h.Add(kv[0], kv[1])
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return &http.Response{
		Status:        strconv.Itoa(a.Status) + " " + http.StatusText(a.Status),
		StatusCode:    a.Status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       r,
	}, nil
}

// jsonString is JSON.stringify of a string: only quote, backslash and control characters are
// escaped (encoding/json would also escape <, >, & and U+2028/9).
func jsonString(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
