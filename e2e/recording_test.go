package e2e

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testCase is one request of e2e/cases/<app>.json.
type testCase struct {
	Name       string            `json:"name"`
	Method     string            `json:"method"`
	Path       string            `json:"path"` // request target as sent: path and query, never normalized
	Headers    map[string]string `json:"headers"`
	Body       *string           `json:"body"`
	BodyBase64 string            `json:"bodyBase64"`
	Stream     bool              `json:"stream"`   // record and check chunk timing
	Upstream   bool              `json:"upstream"` // the route fetches the internet: replayed through the embedding API
	Image      bool              `json:"image"`    // the body is a PNG, compared by its pixels (comparePNG)
	Note       string            `json:"note"`
}

// answer is what real Next.js answered to one case.
type answer struct {
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"` // the reason phrase on the wire (recordings since Next 16.5)
	Headers    [][2]string `json:"headers"`    // in order, lowercased names, one entry per header line
	Body       *string     `json:"body"`
	BodyBase64 string      `json:"bodyBase64"`
	Chunks     []chunk     `json:"chunks"`
}

// chunk is one piece of a streamed body as it reached the recorder, atMs after the response headers.
type chunk struct {
	AtMs int    `json:"atMs"`
	Text string `json:"text"`
}

// recording is e2e/testdata/nextjs/<app>.json.
type recording struct {
	Next    string            `json:"next"`
	Answers map[string]answer `json:"answers"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// recordedApps lists the apps that have a recording, sorted.
func recordedApps(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "nextjs", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var apps []string
	for _, f := range files {
		apps = append(apps, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	if len(apps) == 0 {
		t.Fatal("no recordings in testdata/nextjs")
	}
	return apps
}

func loadCases(t *testing.T, app string) []testCase {
	t.Helper()
	var cases []testCase
	readJSON(t, filepath.Join("cases", app+".json"), &cases)
	return cases
}

func loadRecording(t *testing.T, app string) recording {
	t.Helper()
	var rec recording
	readJSON(t, filepath.Join("testdata", "nextjs", app+".json"), &rec)
	return rec
}

func (c testCase) body() ([]byte, error) {
	if c.BodyBase64 != "" {
		return base64.StdEncoding.DecodeString(c.BodyBase64)
	}
	if c.Body != nil {
		return []byte(*c.Body), nil
	}
	return nil, nil
}

// newRequest builds the case's request against base ("http://127.0.0.1:PORT"). The request target goes on the
// wire exactly as written in the case (URL.Opaque), so "/ts/%63ors" and "/ts/x/../cors" are not cleaned up.
func (c testCase) newRequest(ctx context.Context, base string) (*http.Request, error) {
	data, err := c.body()
	if err != nil {
		return nil, err
	}
	var body io.Reader
	if data != nil {
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, c.Method, base, body)
	if err != nil {
		return nil, err
	}
	// Like the recorder (node:http), send no User-Agent unless the case has one.
	req.Header["User-Agent"] = []string{""}
	path, query, _ := strings.Cut(c.Path, "?")
	req.URL.Opaque = path
	if strings.HasPrefix(path, "//") {
		// An Opaque starting with "//" is sent in absolute form ("http://params/abc"); a Path
		// is sent as written.
		req.URL.Opaque, req.URL.Path, req.URL.RawPath = "", path, path
	}
	req.URL.RawQuery = query
	for k, v := range c.Headers {
		if strings.EqualFold(k, "host") {
			req.Host = v // net/http sends req.Host, never a Host entry of req.Header
			continue
		}
		req.Header.Set(k, v)
	}
	return req, nil
}

// newClient never follows redirects and never asks for or decodes compression on its own.
func newClient(transport *http.Transport) *http.Client {
	if transport == nil {
		transport = &http.Transport{}
	}
	transport.DisableCompression = true
	return &http.Client{
		Transport:     transport,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// arrival is a run of body reads with no pause longer than arrivalGap between them: one chunk as a person
// watching the wire would see it.
type arrival struct {
	at   time.Duration // since the response headers
	data []byte
}

const arrivalGap = 60 * time.Millisecond

// reply is what jsroute answered.
type reply struct {
	resp     *http.Response
	body     []byte
	arrivals []arrival
}

// replay sends one case and reads the whole answer, timing each read.
func replay(client *http.Client, base string, c testCase) (*reply, error) {
	req, err := c.newRequest(context.Background(), base)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	start := time.Now()
	r := &reply{resp: resp}
	buf := make([]byte, 32<<10)
	var last time.Duration
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			at := time.Since(start)
			if len(r.arrivals) == 0 || at-last > arrivalGap {
				r.arrivals = append(r.arrivals, arrival{at: at})
			}
			a := &r.arrivals[len(r.arrivals)-1]
			a.data = append(a.data, buf[:n]...)
			r.body = append(r.body, buf[:n]...)
			last = at
		}
		if err == io.EOF {
			return r, nil
		}
		if err != nil {
			return r, fmt.Errorf("reading body: %w", err)
		}
	}
}

// notFoundMarker identifies Next's built-in 404 page, whose HTML embeds a build id and chunk hashes that
// change with every build (NOTES.md): only status, content-type and this marker are compared.
const notFoundMarker = "<title>404: This page could not be found.</title>"

func (a answer) values(name string) []string {
	var vs []string
	for _, h := range a.Headers {
		if h[0] == name {
			vs = append(vs, h[1])
		}
	}
	return vs
}

func (a answer) bytes() []byte {
	if a.BodyBase64 != "" {
		b, _ := base64.StdEncoding.DecodeString(a.BodyBase64)
		return b
	}
	if a.Body != nil {
		return []byte(*a.Body)
	}
	return nil
}

// decoded undoes a gzip or deflate content-encoding (what Next's compression sends), so a compressed answer
// compares by content.
func decoded(body []byte, encoding string) ([]byte, error) {
	if len(body) == 0 {
		return body, nil
	}
	switch encoding {
	case "":
		return body, nil
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	case "deflate":
		// RFC 9110's deflate is zlib-wrapped; some servers send raw deflate.
		if zr, err := zlib.NewReader(bytes.NewReader(body)); err == nil {
			return io.ReadAll(zr)
		}
		return io.ReadAll(flate.NewReader(bytes.NewReader(body)))
	}
	return nil, fmt.Errorf("cannot decode content-encoding %q", encoding)
}

// gotHeaders lists jsroute's answer as the recorder lists Next's: lowercased names, and the framing Go's
// client takes out of the header map (transfer-encoding) put back.
func gotHeaders(resp *http.Response) map[string][]string {
	m := map[string][]string{}
	for k, vs := range resp.Header {
		// record.mjs reads Next's header values as node:http does (rawHeaders: each byte one
		// latin-1 character), so each byte here is one character too: `é` sent as the UTF-8
		// bytes c3 a9 reads "Ã©", as one byte e9 reads "é".
		out := vs
		for i, v := range vs {
			r := []rune(nil)
			for j := 0; j < len(v); j++ {
				if v[j] >= 0x80 && r == nil {
					r = []rune(v[:j])
				}
				if r != nil {
					r = append(r, rune(v[j]))
				}
			}
			if r != nil {
				if &out[0] == &vs[0] {
					out = slices.Clone(vs)
				}
				out[i] = string(r)
			}
		}
		m[strings.ToLower(k)] = out
	}
	if len(resp.TransferEncoding) > 0 {
		m["transfer-encoding"] = resp.TransferEncoding
	}
	if resp.Close && len(m["connection"]) == 0 {
		m["connection"] = []string{"close"}
	}
	return m
}

// headerNames is every header name either side sent, sorted.
func headerNames(want answer, got map[string][]string) []string {
	var names []string
	for _, h := range want.Headers {
		if !slices.Contains(names, h[0]) {
			names = append(names, h[0])
		}
	}
	for k := range got {
		if !slices.Contains(names, k) {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	return names
}

var localPort = regexp.MustCompile(`//localhost:[0-9]+`)

// anyPort replaces the port of http://localhost:<port> URLs with PORT.
func anyPort(s string) string { return localPort.ReplaceAllString(s, "//localhost:PORT") }

var expiresAttr = regexp.MustCompile(`Expires=([^;]+)`)

// relativeExpires rewrites the Expires of cookies that also carry Max-Age (the date is
// now+maxAge, so it depends on when the answer was made) as seconds after the Date header,
// rounded to absorb the second the request may straddle.
func relativeExpires(cookies, date []string) []string {
	if len(date) == 0 {
		return cookies
	}
	now, err := http.ParseTime(date[0])
	if err != nil {
		return cookies
	}
	out := make([]string, len(cookies))
	for i, c := range cookies {
		out[i] = c
		if !strings.Contains(c, "Max-Age=") {
			continue
		}
		out[i] = expiresAttr.ReplaceAllStringFunc(c, func(m string) string {
			at, err := http.ParseTime(strings.TrimPrefix(m, "Expires="))
			if err != nil {
				return m
			}
			return fmt.Sprintf("Expires=<Date+%ds>", int(at.Sub(now).Round(10*time.Second).Seconds()))
		})
	}
	return out
}

// draftCookie is the draft-mode cookie, whose value is Next's per-build preview id (jsroute's is per
// process): it compares as "__prerender_bypass=<id>" when set, the same when cleared.
var draftCookie = regexp.MustCompile(`^__prerender_bypass=[^;]+`)

func draftID(cookies []string) []string {
	out := make([]string, len(cookies))
	for i, c := range cookies {
		out[i] = draftCookie.ReplaceAllString(c, "__prerender_bypass=<id>")
	}
	return out
}

// compareReply reports every way got differs from Next's answer (app is the case's app, for the
// differences list). Every header either side sent is compared: names, values and order of
// set-cookie lines; the combined value of any other header. Only the values that cannot be equal compare
// by presence alone: date (the clock), and etag and content-length where the body is not compared
// byte for byte (Next's 404 page, a compressed body).
func compareReply(t *testing.T, app string, c testCase, want answer, got *reply) {
	t.Helper()
	if got.resp.StatusCode != want.Status {
		t.Errorf("status = %d, Next answered %d", got.resp.StatusCode, want.Status)
	}
	if want.StatusText != "" && !differs(app, c.Name, ":status-text", "") {
		if text := strings.TrimSpace(strings.TrimPrefix(got.resp.Status, strconv.Itoa(got.resp.StatusCode))); text != want.StatusText {
			t.Errorf("status text = %q, Next sent %q", text, want.StatusText)
		}
	}
	wantBody, err := decoded(want.bytes(), strings.Join(want.values("content-encoding"), ","))
	if err != nil {
		t.Fatalf("recorded body: %v", err)
	}
	notFoundPage := want.Status == 404 && strings.HasPrefix(strings.Join(want.values("content-type"), ""), "text/html")
	encoded := len(want.values("content-encoding")) > 0
	gh := gotHeaders(got.resp)
	for _, name := range headerNames(want, gh) {
		w, g := want.values(name), gh[name]
		if differs(app, c.Name, name, strings.Join(w, ", ")) {
			continue
		}
		switch {
		case len(w) == 0:
			t.Errorf("jsroute sent %s: %q, Next did not", name, g)
			continue
		case len(g) == 0:
			t.Errorf("header %s missing, Next sent %q", name, w)
			continue
		}
		switch name {
		case "set-cookie":
			// Each cookie is its own header line, in order; never folded. An Expires that
			// maxAge computed from the clock compares as its distance from the Date header.
			w = draftID(relativeExpires(w, want.values("date")))
			g = draftID(relativeExpires(g, gh["date"]))
			if !slices.Equal(w, g) {
				t.Errorf("set-cookie = %q, Next sent %q", g, w)
			}
			continue
		case "date":
			continue
		case "etag", "content-length":
			if notFoundPage || encoded {
				continue
			}
		}
		// Any other header compares as its combined field value (RFC 9110 §5.3): Next sends a 405's
		// "allow: GET" and "allow: HEAD" as two lines, which means "GET, HEAD".
		// A URL of the server itself (Next's x-middleware-rewrite) carries its port, which
		// differs between the recording and this run.
		if wj, gj := anyPort(strings.Join(w, ", ")), anyPort(strings.Join(g, ", ")); wj != gj {
			t.Errorf("header %s = %q, Next sent %q", name, g, w)
		}
	}

	gotBody, err := decoded(got.body, got.resp.Header.Get("Content-Encoding"))
	if err != nil {
		t.Errorf("body: %v", err)
		return
	}
	if notFoundPage && len(wantBody) > 0 {
		if !bytes.Contains(gotBody, []byte(notFoundMarker)) {
			t.Errorf("404 body lacks %q:\n%s", notFoundMarker, clip(gotBody))
		}
	} else if c.Image && len(wantBody) > 0 {
		comparePNG(t, gotBody, wantBody)
	} else if !bytes.Equal(gotBody, wantBody) {
		t.Errorf("body =\n%s\nNext sent\n%s", clip(gotBody), clip(wantBody))
	}

	if c.Stream {
		compareArrivals(t, want.Chunks, got.arrivals, len(want.values("content-encoding")) > 0)
	}
}

// compareArrivals checks that a streamed body came in the recorded pieces, spaced as the route sleeps: each
// recorded pause of 100 ms or more must be at least three quarters as long here. Recorded chunks closer than
// arrivalGap count as one piece, as they do on this side. An encoded (compressed) stream is checked for its
// pieces and pauses only; its content is compared whole.
func compareArrivals(t testing.TB, recorded []chunk, got []arrival, encoded bool) {
	t.Helper()
	var want []chunk
	for i, c := range recorded {
		if i > 0 && time.Duration(c.AtMs-recorded[i-1].AtMs)*time.Millisecond <= arrivalGap {
			want[len(want)-1].Text += c.Text
			continue
		}
		want = append(want, c)
	}
	var gotText []string
	for _, a := range got {
		gotText = append(gotText, fmt.Sprintf("%q@%s", a.data, a.at.Round(time.Millisecond)))
	}
	// On a loaded machine a timer can fire late and two pieces leave the server together: a piece here
	// may hold several recorded pieces, whole and in order, as long as the body still came in more than
	// one piece when Next's did (a buffered answer fails). A piece's pause is then measured from the last
	// recorded piece the arrival before it held to the first one it holds.
	first := make([]int, 0, len(got)) // index in want of the first recorded piece each arrival holds
	if encoded || len(got) > len(want) {
		if len(got) != len(want) {
			t.Errorf("stream arrived in %d pieces %v, Next sent %d %+v", len(got), gotText, len(want), want)
			return
		}
		for i := range want {
			first = append(first, i)
		}
	} else {
		k := 0
		for i, a := range got {
			first = append(first, k)
			text := ""
			for k < len(want) && len(text) < len(a.data) {
				text += want[k].Text
				k++
			}
			if text != string(a.data) {
				t.Errorf("piece %d = %q, Next sent %q (pieces %v)", i, a.data, text, gotText)
				return
			}
		}
		if k != len(want) || len(want) > 1 && len(got) < 2 {
			t.Errorf("stream arrived in %d pieces %v, Next sent %d %+v", len(got), gotText, len(want), want)
			return
		}
		if len(got) < len(want) {
			t.Logf("stream arrived in %d pieces, Next sent %d: some left together (a late timer under load) %v", len(got), len(want), gotText)
		}
	}
	for i := range got {
		if i == 0 {
			continue
		}
		// The arrival before this one held want[first[i-1] .. first[i]-1].
		wantGap := time.Duration(want[first[i]].AtMs-want[first[i]-1].AtMs) * time.Millisecond
		gotGap := got[i].at - got[i-1].at
		if wantGap >= 100*time.Millisecond && gotGap < wantGap*3/4 {
			t.Errorf("piece %d came %s after piece %d, Next paused %s (%v)", i, gotGap, i-1, wantGap, gotText)
		}
	}
}

func clip(b []byte) string {
	const max = 600
	if len(b) > max {
		return fmt.Sprintf("%q... (%d bytes)", b[:max], len(b))
	}
	return fmt.Sprintf("%q", b)
}

// baseURL turns a listener address into "http://host:port".
func baseURL(addr string) string {
	return (&url.URL{Scheme: "http", Host: addr}).String()
}
