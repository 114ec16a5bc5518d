package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// fixtures/app-routes-app exercises, in our own words, what Next.js's own route-handler e2e suite
// (test/e2e/app-dir/app-routes in vercel/next.js) checks. Its answers are recorded from `next start`
// (e2e/cases/app-routes-app.json, replayed by TestNextParity); this file adds what a recording cannot
// show: time (revalidation), request bodies sent in chunks, and the server's log.

func startAppRoutes(t *testing.T) *jsrouteProcess {
	t.Helper()
	return startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/app-routes-app")
}

type stamp struct {
	Params map[string]string `json:"params"`
	Now    float64           `json:"now"`
}

func getStamp(t *testing.T, c *http.Client, url string) (stamp, string) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var s stamp
	if err := json.NewDecoder(res.Body).Decode(&s); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %d, %v", url, res.StatusCode, err)
	}
	return s, res.Header.Get("X-Nextjs-Cache")
}

// TestAppRoutesRevalidate: a generateStaticParams path under revalidate = 1 is rendered again once a
// second has passed (Next's "revalidates correctly"), one without revalidate never is, and a path
// generateStaticParams did not list is rendered on its first request and cached.
func TestAppRoutesRevalidate(t *testing.T) {
	base := startAppRoutes(t).base()
	c := newClient(nil)

	first, state := getStamp(t, c, base+"/revalidate-1/first/stamp.json")
	if first.Params["slug"] != "first" || first.Now == 0 || state == "" {
		t.Fatalf("revalidate-1/first: %+v, x-nextjs-cache %q", first, state)
	}
	fixed, _ := getStamp(t, c, base+"/static/first/stamp.json")
	three, state := getStamp(t, c, base+"/static/three/stamp.json")
	if three.Params["slug"] != "three" || state != "MISS" {
		t.Fatalf("static/three first request: %+v, x-nextjs-cache %q, want MISS", three, state)
	}

	time.Sleep(1100 * time.Millisecond)
	deadline := time.Now().Add(5 * time.Second)
	for {
		again, _ := getStamp(t, c, base+"/revalidate-1/first/stamp.json")
		if again.Now != first.Now {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("revalidate-1/first still rendered at %v after 6 s", first.Now)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if again, state := getStamp(t, c, base+"/static/first/stamp.json"); again.Now != fixed.Now || state != "HIT" {
		t.Errorf("static/first rendered again (%v, then %v, %q): it has no revalidate", fixed.Now, again.Now, state)
	}
	if again, state := getStamp(t, c, base+"/static/three/stamp.json"); again.Now != three.Now || state != "HIT" {
		t.Errorf("static/three not cached after its first request: %v then %v, %q", three.Now, again.Now, state)
	}
}

// chunkedBody is a request body of unknown length, sent as these chunks (Transfer-Encoding: chunked),
// as the Node Readable of Next's test is.
type chunkedBody struct{ parts []string }

func (b *chunkedBody) Read(p []byte) (int, error) {
	if len(b.parts) == 0 {
		return 0, io.EOF
	}
	n := copy(p, b.parts[0])
	b.parts[0] = b.parts[0][n:]
	if b.parts[0] == "" {
		b.parts = b.parts[1:]
	}
	return n, nil
}

// TestAppRoutesChunkedRequestBodies: a chunked request body piped back through a pull stream, and a
// JSON body sent one character per chunk, on the Node and the edge runtime (Next's "streaming request
// and streaming response" and "streamed JSON encoded body").
func TestAppRoutesChunkedRequestBodies(t *testing.T) {
	base := startAppRoutes(t).base()
	c := newClient(nil)
	line := `{"ping":"pong"}`
	for _, prefix := range []string{"", "/edge"} {
		var lines []string
		for range 10 {
			lines = append(lines, line+"\n")
		}
		req, _ := http.NewRequest("POST", base+prefix+"/advanced/body/streaming", &chunkedBody{parts: append([]string(nil), lines...)})
		req.ContentLength = -1
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(body) != strings.Join(lines, "") {
			t.Errorf("%s/advanced/body/streaming: %d %q", prefix, res.StatusCode, body)
		}

		req, _ = http.NewRequest("POST", base+prefix+"/advanced/body/json", &chunkedBody{parts: strings.Split(line, "")})
		req.ContentLength = -1
		res, err = c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("X-Request-Meta"); res.StatusCode != 200 || got != `{"body":`+line+`}` {
			t.Errorf("%s/advanced/body/json one character a chunk: %d, meta %q", prefix, res.StatusCode, got)
		}
	}
}

// TestAppRoutesLog: what Next's suite reads in the server's output. A handler that returns nothing and
// one that returns NextResponse.next() are logged as Next words them; requests the client aborts at
// once leave no error.
func TestAppRoutesLog(t *testing.T) {
	p := startAppRoutes(t)
	c := newClient(nil)
	for _, r := range [][2]string{{"POST", "/no-response"}, {"GET", "/status/500/next"}} {
		req, _ := http.NewRequest(r[0], p.base()+r[1], nil)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 500 {
			t.Errorf("%s %s: %d, want 500", r[0], r[1], res.StatusCode)
		}
	}
	// The log is written as requests finish: wait for both lines before marking where the aborted
	// requests' part of it begins.
	noResponse := regexp.MustCompile("No response is returned from route handler '.+/route\\.ts'\\. Ensure you " +
		"return a `Response` or a `NextResponse` in all branches of your handler\\.")
	nextLink := "https://nextjs.org/docs/messages/next-response-next-in-app-route-handler"
	var out string
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		out = p.output.String()
		if noResponse.MatchString(out) && strings.Contains(out, nextLink) && hasLogLine(out, "GET", "/status/500/next", "500") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("want a line matching %s, one with %s and the request lines; got:\n%s", noResponse, nextLink, out)
		}
	}
	before := len(out)
	quick := &http.Client{Timeout: time.Millisecond}
	for _, m := range []string{"GET", "POST", "PUT", "DELETE", "PATCH"} {
		for _, path := range []string{"/basic/endpoint", "/basic/vercel/endpoint"} {
			req, _ := http.NewRequest(m, p.base()+path, nil)
			if res, err := quick.Do(req); err == nil {
				res.Body.Close()
			}
		}
	}
	time.Sleep(500 * time.Millisecond)
	out = p.output.String()
	if tail := out[before:]; strings.Contains(tail, "Error") || strings.Contains(tail, "should not be disturbed or locked") {
		t.Errorf("aborted requests logged an error:\n%s", tail)
	}
}
