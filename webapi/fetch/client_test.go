package fetch

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
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	weburl "github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// installs are the areas a route handler sees, in engine/worker.go's order.
var installs = []func(*webapi.Realm){timers.Install, dom.Install, encoding.Install, weburl.Install, streams.Install, file.Install, Install}

// testServer is a loopback HTTP server with the endpoints the fetch tests talk to. Its channels
// let a test see what the server saw and when.
type testServer struct {
	*httptest.Server
	release   chan struct{} // /release lets /chunks send its last chunk
	seen      chan string   // /upload's first chunk, as soon as it arrives
	cancelled chan string   // paths whose request context ended before the handler finished
	once      sync.Once
	mu        sync.Mutex
	hits      map[string]int
}

func newTestServer(t testing.TB) *testServer {
	s := &testServer{release: make(chan struct{}), seen: make(chan string, 1), cancelled: make(chan string, 4)}
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		headers := map[string]string{"host": r.Host}
		for k, vs := range r.Header {
			headers[strings.ToLower(k)] = strings.Join(vs, ", ")
		}
		if len(r.TransferEncoding) > 0 {
			headers["transfer-encoding"] = strings.Join(r.TransferEncoding, ", ")
		}
		if r.ContentLength >= 0 && r.Method != "GET" && r.Method != "HEAD" && headers["content-length"] == "" && len(r.TransferEncoding) == 0 {
			headers["content-length"] = fmt.Sprint(r.ContentLength)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "url": r.URL.RequestURI(), "headers": headers,
			"body": string(body), "b64": base64.StdEncoding.EncodeToString(body)})
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"n":42,"s":"héllo"}`)
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") })
	mux.HandleFunc("/status/418", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(418); io.WriteString(w, "t") })
	mux.HandleFunc("/cookies", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Set-Cookie"] = []string{"a=1; Path=/", "b=2"}
		w.Header()["X-Multi"] = []string{"1", "2"}
		io.WriteString(w, "c")
	})
	mux.HandleFunc("/204", func(w http.ResponseWriter, r *http.Request) { w.Header().Set("X", "1"); w.WriteHeader(204) })
	mux.HandleFunc("/redirect/{code}", func(w http.ResponseWriter, r *http.Request) {
		var code int
		if _, err := fmt.Sscan(r.PathValue("code"), &code); err != nil {
			http.NotFound(w, r)
			return
		}
		if to := r.URL.Query().Get("to"); to != "" {
			w.Header().Set("Location", to)
		}
		w.WriteHeader(code)
		io.WriteString(w, "moved")
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		s.count("/loop")
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	encoded := func(coding string, enc func(io.Writer) io.WriteCloser) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", coding)
			var b bytes.Buffer
			zw := enc(&b)
			io.WriteString(zw, "hello "+coding)
			zw.Close()
			w.Write(b.Bytes())
		}
	}
	mux.HandleFunc("/gzip", encoded("gzip", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }))
	mux.HandleFunc("/deflate", encoded("deflate", func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) }))
	mux.HandleFunc("/rawdeflate", func(w http.ResponseWriter, r *http.Request) {
		encoded("deflate", func(w io.Writer) io.WriteCloser { fw, _ := flate.NewWriter(w, 5); return fw })(w, r)
	})
	mux.HandleFunc("/unknown-coding", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "x-custom")
		io.WriteString(w, "as is")
	})
	mux.HandleFunc("/chunks", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first")
		w.(http.Flusher).Flush()
		select {
		case <-s.release:
			io.WriteString(w, "last")
		case <-time.After(5 * time.Second):
			io.WriteString(w, "never released")
		}
	})
	mux.HandleFunc("/release", func(w http.ResponseWriter, r *http.Request) { s.once.Do(func() { close(s.release) }) })
	mux.HandleFunc("/upload", func(w http.ResponseWriter, r *http.Request) {
		var chunks []string
		buf := make([]byte, 1024)
		for {
			n, err := r.Body.Read(buf)
			if n > 0 {
				if len(chunks) == 0 {
					s.seen <- string(buf[:n])
				}
				chunks = append(chunks, string(buf[:n]))
			}
			if err != nil {
				break
			}
		}
		json.NewEncoder(w).Encode(chunks)
	})
	mux.HandleFunc("/seen", func(w http.ResponseWriter, r *http.Request) {
		select {
		case c := <-s.seen:
			io.WriteString(w, c)
		case <-time.After(5 * time.Second):
			io.WriteString(w, "nothing seen")
		}
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			s.cancelled <- "/hang"
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/stream-hang", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			s.cancelled <- "/stream-hang"
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/cut", func(w http.ResponseWriter, r *http.Request) {
		conn, buf, _ := w.(http.Hijacker).Hijack()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart")
		buf.Flush()
		time.Sleep(20 * time.Millisecond)
		conn.Close()
	})
	mux.HandleFunc("/multipart", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		out := map[string]string{}
		for k, v := range r.MultipartForm.Value {
			out[k] = strings.Join(v, ",")
		}
		for k, fs := range r.MultipartForm.File {
			f, _ := fs[0].Open()
			b, _ := io.ReadAll(f)
			out[k] = fs[0].Filename + ":" + fs[0].Header.Get("Content-Type") + ":" + string(b)
		}
		json.NewEncoder(w).Encode(out)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) count(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hits == nil {
		s.hits = map[string]int{}
	}
	s.hits[path]++
}

func (s *testServer) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func ptr[T any](v T) *T { return &v }

// closedPort is a loopback port nothing listens on.
func closedPort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// globals are what the JS cases can use: base (the test server), base2 (another origin),
// tlsBase (an HTTPS server whose certificate the client does not trust), closedPort.
func globals(t testing.TB, s *testServer) map[string]any {
	other := newTestServer(t)
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	t.Cleanup(tlsSrv.Close)
	return map[string]any{"base": s.URL, "base2": other.URL, "tlsBase": tlsSrv.URL, "closedPort": closedPort(t)}
}

func newFetchEnv(t testing.TB, cl *http.Client, g map[string]any) *webapitest.Env {
	e := webapitest.New(t, webapitest.Options{Client: cl}, installs...)
	for k, v := range g {
		e.VM.Set(k, v)
	}
	return e
}

// fetchCases are fetch() behaviours, as JS run against the test server. Expected values are Node
// 20's (undici 6.24) unless node says otherwise in the row; JSROUTE_NODE_PARITY=1 runs each script
// under node too (TestNodeParity).
var fetchCases = []struct {
	name, script, want string
	notNode            string // why Node differs, for rows that are jsroute's own
}{
	// Responses (Fetch §5.5, §5.6).
	{"GET json", `const r = await fetch(base + '/json'); return [r.status, r.ok, r.statusText, r.type, r.url === base + '/json', r.redirected, (await r.json()).s].join()`, "200,true,OK,basic,true,false,héllo", ""},
	{"GET text", `return await (await fetch(base + '/text')).text()`, "hello", ""},
	{"URL object input", `return await (await fetch(new URL('/text', base))).text()`, "hello", ""},
	{"headers are immutable", `const r = await fetch(base + '/text'); try { r.headers.set('a', 'b') } catch (e) { return e.name + ':' + e.message }`, "TypeError:immutable", ""},
	{"server headers", `const r = await fetch(base + '/json'); return r.headers.get('content-type') + '|' + r.headers.get('content-length')`, "application/json|21", ""},
	{"set-cookie kept apart", `const r = await fetch(base + '/cookies'); return JSON.stringify([r.headers.getSetCookie(), r.headers.get('set-cookie'), r.headers.get('x-multi')])`, `[["a=1; Path=/","b=2"],"a=1; Path=/, b=2","1, 2"]`, ""},
	{"status and statusText", `const r = await fetch(base + '/status/418'); return [r.status, r.statusText, r.ok].join()`, "418,I'm a teapot,false", ""},
	{"body is a ReadableStream", `const r = await fetch(base + '/text'); return [r.body instanceof ReadableStream, r.bodyUsed].join()`, "true,false", ""},
	{"clone reads twice", `const r = await fetch(base + '/text'); const c = r.clone(); return (await r.text()) + (await c.text())`, "hellohello", ""},
	{"reading the body stream", `const r = await fetch(base + '/text'); const rd = r.body.getReader(); let s = ''; for (;;) { const {done, value} = await rd.read(); if (done) break; s += new TextDecoder().decode(value) } return s`, "hello", ""},
	{"second read rejects", `const r = await fetch(base + '/text'); await r.text(); try { await r.text() } catch (e) { return e.name }`, "TypeError", ""},
	{"fetch returns a promise even for a bad URL", `const p = fetch('nope'); try { await p } catch (e) { return [p instanceof Promise, e.name, e.message].join() }`, "true,TypeError,Failed to parse URL from nope", ""},
	{"no argument", `try { await fetch() } catch (e) { return e.name + ':' + e.message }`, "TypeError:Failed to parse URL from undefined", ""},
	{"fetch property", `const d = Object.getOwnPropertyDescriptor(globalThis, 'fetch'); return [typeof fetch, fetch.name, fetch.length, d.writable, d.enumerable, d.configurable].join()`, "function,fetch,1,true,true,true", ""},

	// Null bodies (Fetch §2.2.3 null body status; HEAD).
	{"204 has a null body", `const r = await fetch(base + '/204'); return [r.status, r.body, r.headers.get('x'), '[' + await r.text() + ']'].join()`, "204,,1,[]", ""},
	{"HEAD has a null body", `const r = await fetch(base + '/text', {method: 'HEAD'}); return [r.status, r.body === null, r.headers.get('content-length')].join()`, "200,true,5", ""},

	// Request headers as undici sends them.
	{"default headers", `const h = (await (await fetch(base + '/echo')).json()).headers; return ['accept', 'accept-language', 'sec-fetch-mode', 'user-agent', 'accept-encoding', 'referer', 'origin'].map(k => h[k]).join('|')`, "*/*|*|cors|node|gzip, deflate||", ""},
	{"given headers win over defaults", `const h = (await (await fetch(base + '/echo', {headers: {'User-Agent': 'me', Accept: 'application/json', 'X-Custom': 'A', 'accept-encoding': 'identity'}})).json()).headers; return [h['user-agent'], h.accept, h['x-custom'], h['accept-encoding']].join('|')`, "me|application/json|A|identity", ""},
	{"sec-fetch-mode is the request mode", `const h = (await (await fetch(base + '/echo', {mode: 'no-cors', headers: {'sec-fetch-mode': 'x'}})).json()).headers; return h['sec-fetch-mode']`, "no-cors", ""},
	{"host header is not sent as given", `const h = (await (await fetch(base + '/echo', {headers: {host: 'example.com'}})).json()).headers; return h.host === new URL(base).host`, "true", ""},
	{"cache no-store", `const h = (await (await fetch(base + '/echo', {cache: 'no-store'})).json()).headers; return [h.pragma, h['cache-control']].join()`, "no-cache,no-cache", ""},
	{"cache no-cache", `const h = (await (await fetch(base + '/echo', {cache: 'no-cache'})).json()).headers; return [h.pragma, h['cache-control']].join()`, ",max-age=0", ""},
	{"cache force-cache sends nothing extra", `const h = (await (await fetch(base + '/echo', {cache: 'force-cache'})).json()).headers; return [h.pragma, h['cache-control']].join()`, ",", ""},
	{"only-if-cached needs same-origin", `try { await fetch(base + '/echo', {cache: 'only-if-cached'}) } catch (e) { return e.name + ':' + e.message }`, "TypeError:'only-if-cached' can be set only with 'same-origin' mode", ""},
	{"referrer is sent as its origin", `const h = (await (await fetch(base + '/echo', {referrer: 'https://x.example/a?b#c'})).json()).headers; return h.referer`, "https://x.example/", ""},
	{"referrer with unsafe-url", `const h = (await (await fetch(base + '/echo', {referrer: 'https://u:p@x.example/a?b#c', referrerPolicy: 'unsafe-url'})).json()).headers; return h.referer`, "https://x.example/a?b", ""},
	{"referrer of the same origin is sent whole", `const h = (await (await fetch(base + '/echo', {referrer: base + '/page?q'})).json()).headers; return h.referer === base + '/page?q'`, "true", ""},
	{"POST without body sends content-length 0", `const j = await (await fetch(base + '/echo', {method: 'POST'})).json(); return [j.method, j.headers['content-length']].join()`, "POST,0", ""},
	{"method is sent as given", `const j = await (await fetch(base + '/echo', {method: 'delete'})).json(); return j.method`, "DELETE", ""},

	// Request bodies (Fetch §5.1 extract a body).
	{"string body", `const j = await (await fetch(base + '/echo', {method: 'POST', body: 'héllo'})).json(); return [j.headers['content-type'], j.headers['content-length'], j.body].join('|')`, "text/plain;charset=UTF-8|6|héllo", ""},
	{"Uint8Array body", `const j = await (await fetch(base + '/echo', {method: 'PUT', body: new Uint8Array([1, 2, 255])})).json(); return [j.headers['content-type'], j.b64].join('|')`, "|AQL/", ""},
	{"ArrayBuffer body", `const j = await (await fetch(base + '/echo', {method: 'POST', body: new Uint8Array([104, 105]).buffer})).json(); return j.body`, "hi", ""},
	{"DataView body", `const j = await (await fetch(base + '/echo', {method: 'POST', body: new DataView(new Uint8Array([0, 104, 105]).buffer, 1)})).json(); return j.body`, "hi", ""},
	{"Blob body", `const j = await (await fetch(base + '/echo', {method: 'POST', body: new Blob(['a,b'], {type: 'text/csv'})})).json(); return [j.headers['content-type'], j.body].join('|')`, "text/csv|a,b", ""},
	{"URLSearchParams body", `const j = await (await fetch(base + '/echo', {method: 'POST', body: new URLSearchParams({a: '1', b: 'é'})})).json(); return [j.headers['content-type'], j.body].join('|')`, "application/x-www-form-urlencoded;charset=UTF-8|a=1&b=%C3%A9", ""},
	{"FormData body", `const fd = new FormData(); fd.append('a', '1'); fd.append('f', new Blob(['data'], {type: 'text/plain'}), 'f.txt'); const r = await fetch(base + '/multipart', {method: 'POST', body: fd}); return JSON.stringify(await r.json())`, `{"a":"1","f":"f.txt:text/plain:data"}`, ""},
	{"explicit content-type wins", `const j = await (await fetch(base + '/echo', {method: 'POST', body: 'x', headers: {'content-type': 'application/json'}})).json(); return j.headers['content-type']`, "application/json", ""},
	{"ReadableStream body is chunked", `const body = new ReadableStream({start(c) { c.enqueue(new TextEncoder().encode('ab')); c.enqueue(new TextEncoder().encode('c')); c.close() }}); const j = await (await fetch(base + '/echo', {method: 'POST', body, duplex: 'half'})).json(); return [j.body, j.headers['transfer-encoding'], j.headers['content-length']].join('|')`, "abc|chunked|", ""},
	{"ReadableStream body needs duplex", `try { await fetch(base + '/echo', {method: 'POST', body: new ReadableStream()}) } catch (e) { return e.name }`, "TypeError", ""},
	{"stream error fails the fetch with it as cause", `const body = new ReadableStream({pull(c) { c.error(new RangeError('rng')) }}); try { await fetch(base + '/echo', {method: 'POST', body, duplex: 'half'}) } catch (e) { return [e.name, e.message, e.cause.name, e.cause.message].join() }`, "TypeError,fetch failed,RangeError,rng", ""},
	{"GET with a body", `try { await fetch(base + '/echo', {body: 'x'}) } catch (e) { return e.name }`, "TypeError", ""},
	{"Request input", `const j = await (await fetch(new Request(base + '/echo', {method: 'PUT', body: 'x', headers: {'x-a': '1'}}))).json(); return [j.method, j.body, j.headers['x-a']].join()`, "PUT,x,1", ""},
	{"Request input with init headers", `const j = await (await fetch(new Request(base + '/echo', {method: 'POST', body: 'q', headers: {'x-a': '1'}}), {headers: {'x-b': '2'}})).json(); return [j.body, j.headers['x-a'], j.headers['x-b']].join()`, "q,,2", ""},
	{"Request input body is used", `const req = new Request(base + '/echo', {method: 'POST', body: 'x'}); await fetch(req); return req.bodyUsed`, "true", ""},

	// Redirects (Fetch §4.5 HTTP-redirect fetch).
	{"301 POST becomes GET without body", `const r = await fetch(base + '/redirect/301?to=/echo', {method: 'POST', body: 'x'}); const j = await r.json(); return [r.status, r.redirected, r.url === base + '/echo', j.method, j.body, j.headers['content-type']].join()`, "200,true,true,GET,,", ""},
	{"302 PUT stays PUT with its body", `const j = await (await fetch(base + '/redirect/302?to=/echo', {method: 'PUT', body: 'x'})).json(); return [j.method, j.body, j.headers['content-type']].join()`, "PUT,x,text/plain;charset=UTF-8", ""},
	{"303 PUT becomes GET", `const j = await (await fetch(base + '/redirect/303?to=/echo', {method: 'PUT', body: 'x'})).json(); return [j.method, j.body].join()`, "GET,", ""},
	{"307 POST keeps method and body", `const j = await (await fetch(base + '/redirect/307?to=/echo', {method: 'POST', body: 'x'})).json(); return [j.method, j.body, j.headers['content-type']].join()`, "POST,x,text/plain;charset=UTF-8", ""},
	{"307 with a stream body fails", `const body = new ReadableStream({start(c) { c.enqueue(new Uint8Array([65])); c.close() }}); try { await fetch(base + '/redirect/307?to=/echo', {method: 'POST', body, duplex: 'half'}) } catch (e) { return e.name + ':' + e.message }`, "TypeError:fetch failed", ""},
	{"303 with a stream body is followed", `const body = new ReadableStream({start(c) { c.enqueue(new Uint8Array([65])); c.close() }}); const j = await (await fetch(base + '/redirect/303?to=/echo', {method: 'POST', body, duplex: 'half'})).json(); return j.method`, "GET", ""},
	{"relative and absolute locations", `const r = await fetch(base + '/redirect/302?to=' + encodeURIComponent(base + '/redirect/301?to=text')); return [r.url === base + '/redirect/text', r.status].join()`, "true,404", ""},
	{"redirect loop", `try { await fetch(base + '/loop') } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,redirect count exceeded", ""},
	{"redirect manual returns the 3xx", `const r = await fetch(base + '/redirect/301?to=/echo', {redirect: 'manual'}); return [r.status, r.statusText, r.headers.get('location'), r.redirected, r.url === base + '/redirect/301?to=/echo', r.type, await r.text()].join()`, "301,Moved Permanently,/echo,false,true,basic,moved", ""},
	{"redirect error", `try { await fetch(base + '/redirect/302?to=/echo', {redirect: 'error'}) } catch (e) { return [e.name, e.message, e.cause.message].join() }`, "TypeError,fetch failed,unexpected redirect", ""},
	{"redirect error without location", `try { await fetch(base + '/redirect/302', {redirect: 'error'}) } catch (e) { return e.cause.message }`, "unexpected redirect", ""},
	{"redirect without location is the response", `const r = await fetch(base + '/redirect/302'); return [r.status, await r.text()].join()`, "302,moved", ""},
	{"location that does not parse", `try { await fetch(base + '/redirect/302?to=' + encodeURIComponent('http://[::1')) } catch (e) { return [e.message, e.cause.name, e.cause.message, e.cause.code].join() }`, "fetch failed,TypeError,Invalid URL,ERR_INVALID_URL", ""},
	{"redirect to data: fails", `try { await fetch(base + '/redirect/302?to=' + encodeURIComponent('data:,x')) } catch (e) { return e.cause.message }`, "URL scheme must be a HTTP(S) scheme", ""},
	{"authorization does not follow to another origin", `const j = await (await fetch(base + '/redirect/302?to=' + encodeURIComponent(base2 + '/echo'), {headers: {authorization: 'secret', 'x-keep': '1'}})).json(); return [j.headers.authorization, j.headers['x-keep']].join()`, ",1", ""},
	{"authorization follows within the origin", `const j = await (await fetch(base + '/redirect/302?to=/echo', {headers: {authorization: 'secret'}})).json(); return j.headers.authorization`, "secret", ""},

	// Content codings (undici decodes, keeping the headers).
	{"gzip", `const r = await fetch(base + '/gzip'); return [await r.text(), r.headers.get('content-encoding')].join()`, "hello gzip,gzip", ""},
	{"deflate (zlib)", `return await (await fetch(base + '/deflate')).text()`, "hello deflate", ""},
	{"deflate (raw)", `return await (await fetch(base + '/rawdeflate')).text()`, "hello deflate", ""},
	{"gzip through the stream", `const r = await fetch(base + '/gzip'); const rd = r.body.getReader(); let s = ''; for (;;) { const {done, value} = await rd.read(); if (done) break; s += new TextDecoder().decode(value) } return s`, "hello gzip", ""},
	{"unknown coding is left as is", `return await (await fetch(base + '/unknown-coding')).text()`, "as is", ""},

	// A response body arrives while it is read.
	{"response body is read incrementally", `const r = await fetch(base + '/chunks'); const rd = r.body.getReader(); const first = new TextDecoder().decode((await rd.read()).value); await fetch(base + '/release'); let rest = ''; for (;;) { const {done, value} = await rd.read(); if (done) break; rest += new TextDecoder().decode(value) } return first + '|' + rest`, "first|last", ""},
	{"request body is streamed", `let n = 0; const body = new ReadableStream({async pull(c) { n++; if (n === 1) c.enqueue(new TextEncoder().encode('one')); else if (n === 2) { const seen = await (await fetch(base + '/seen')).text(); c.enqueue(new TextEncoder().encode('+' + seen)) } else c.close() }}); return JSON.stringify(await (await fetch(base + '/upload', {method: 'POST', body, duplex: 'half'})).json())`, `["one","+one"]`, ""},

	// Abort (Fetch §5.6 step 11; DOM AbortSignal).
	{"already aborted", `const ac = new AbortController(); ac.abort(); try { await fetch(base + '/text', {signal: ac.signal}) } catch (e) { return [e.name, e.message, e instanceof DOMException, e === ac.signal.reason].join() }`, "AbortError,This operation was aborted,true,true", ""},
	{"already aborted with a reason", `const ac = new AbortController(); ac.abort('why'); try { await fetch(base + '/text', {signal: ac.signal}) } catch (e) { return e }`, "why", ""},
	{"aborted during the request", `const ac = new AbortController(); setTimeout(() => ac.abort(), 30); try { await fetch(base + '/hang', {signal: ac.signal}) } catch (e) { return e.name }`, "AbortError", ""},
	{"AbortSignal.timeout", `try { await fetch(base + '/hang', {signal: AbortSignal.timeout(30)}) } catch (e) { return e.name }`, "TimeoutError", ""},
	{"signal of an input Request", `const ac = new AbortController(); const req = new Request(base + '/hang', {signal: ac.signal}); setTimeout(() => ac.abort(), 30); try { await fetch(req) } catch (e) { return e.name }`, "AbortError", ""},
	{"aborted while the body streams", `const ac = new AbortController(); const r = await fetch(base + '/stream-hang', {signal: ac.signal}); const rd = r.body.getReader(); const first = new TextDecoder().decode((await rd.read()).value); ac.abort(); try { await rd.read() } catch (e) { return first + ':' + e.name }`, "first:AbortError", ""},
	{"aborted before text()", `const ac = new AbortController(); const r = await fetch(base + '/stream-hang', {signal: ac.signal}); ac.abort(); try { await r.text() } catch (e) { return e.name }`, "AbortError", ""},
	{"abort after the body was read changes nothing", `const ac = new AbortController(); const r = await fetch(base + '/text', {signal: ac.signal}); const t = await r.text(); ac.abort(); return t`, "hello", ""},

	// Network errors: TypeError "fetch failed" with a cause shaped like Node's.
	{"connection refused", `try { await fetch('http://127.0.0.1:' + closedPort + '/') } catch (e) { return [e.name, e.message, e.cause.code, e.cause.syscall, e.cause.errno < 0, e.cause.address, e.cause.port === closedPort, e.cause.message === 'connect ECONNREFUSED 127.0.0.1:' + closedPort].join() }`, "TypeError,fetch failed,ECONNREFUSED,connect,true,127.0.0.1,true,true", ""},
	{"untrusted certificate", `try { await fetch(tlsBase) } catch (e) { return [e.message, e.cause.code].join() }`, "fetch failed,DEPTH_ZERO_SELF_SIGNED_CERT", ""},
	{"bad port", `try { await fetch('http://127.0.0.1:1/') } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,bad port", ""},
	{"connection closed mid-body", `const r = await fetch(base + '/cut'); try { await r.text() } catch (e) { return [e.name, e.message, e.cause.code].join() }`, "TypeError,terminated,UND_ERR_SOCKET", ""},
	{"file: is not supported", `try { await fetch('file:///etc/passwd') } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,not implemented... yet...", ""},
	{"unknown scheme", `try { await fetch('ftp://x.example/') } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,unknown scheme", ""},
	{"about: is not supported", `try { await fetch('about:blank') } catch (e) { return e.cause.message }`, "about scheme is not supported", ""},

	// data: URLs (Fetch §4.3 scheme fetch, "data: URL processor").
	{"data: base64", `const r = await fetch('data:text/plain;base64,aGVsbG8='); return [r.status, r.statusText, r.type, r.headers.get('content-type'), await r.text()].join()`, "200,OK,basic,text/plain,hello", ""},
	{"data: percent-encoded", `const r = await fetch('data:,hello%20world'); return [r.headers.get('content-type'), await r.text()].join()`, "text/plain;charset=US-ASCII,hello world", ""},
	{"data: parameters", `const r = await fetch('data:;charset=utf-8,x'); const r2 = await fetch('data:text/plain;x="a b",hi'); return [r.headers.get('content-type'), r2.headers.get('content-type')].join('|')`, `text/plain;charset=utf-8|text/plain;x="a b"`, ""},
	{"data: base64 spelled loosely", `const r = await fetch('data:TEXT/Plain ;  Base64 ,aGk'); return [r.headers.get('content-type'), await r.text()].join()`, "text/plain,hi", ""},
	{"data: bytes", `return new Uint8Array(await (await fetch('data:,a%FFb')).arrayBuffer()).join()`, "97,255,98", ""},
	{"data: url without the fragment", `const r = await fetch('data:text/html,<b>hi</b>#frag'); return r.url + '|' + await r.text()`, "data:text/html,<b>hi</b>|<b>hi</b>", ""},
	{"data: POST is fine", `return await (await fetch('data:,x', {method: 'POST', body: 'a'})).text()`, "x", ""},
	{"data: without a comma", `try { await fetch('data:foo') } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,failed to fetch the data URL", ""},
	{"data: bad base64", `try { await fetch('data:;base64,a') } catch (e) { return e.message }`, "fetch failed", ""},

	// Subresource integrity (Fetch §4.1 main fetch step 22).
	{"integrity match", `return await (await fetch(base + '/text', {integrity: 'sha256-LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='})).text()`, "hello", ""},
	{"integrity mismatch", `try { await fetch(base + '/text', {integrity: 'sha256-AAAA'}) } catch (e) { return [e.message, e.cause.message].join() }`, "fetch failed,integrity mismatch", ""},

	// Next.js extensions: accepted and validated like Next's patched fetch.
	{"next options are accepted", `const r = await fetch(base + '/text', {cache: 'force-cache', next: {revalidate: 60, tags: ['a', 5]}}); return r.status`, "200", ""},
	{"invalid revalidate rejects", `try { await fetch(base + '/text', {next: {revalidate: -5}}) } catch (e) { return [e.name, e.message].join() }`, `Error,Invalid revalidate value "-5" on "", must be a non-negative number or false`, "Node has no Next fetch patch"},
	{"revalidate false is fine", `return (await fetch(base + '/text', {next: {revalidate: false}})).status`, "200", ""},
}

func TestFetch(t *testing.T) {
	for _, tt := range fetchCases {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			e := newFetchEnv(t, s.Client(), globals(t, s))
			v, err := e.Try(tt.script)
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestNodeParity runs every case under node against the same servers, checking the expected
// values are Node 20's. Opt-in: JSROUTE_NODE_PARITY=1.
func TestNodeParity(t *testing.T) {
	if os.Getenv("JSROUTE_NODE_PARITY") == "" {
		t.Skip("set JSROUTE_NODE_PARITY=1 to compare with node")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node")
	}
	for _, tt := range fetchCases {
		if tt.notNode != "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			s := newTestServer(t)
			var prelude strings.Builder
			for k, v := range globals(t, s) {
				b, _ := json.Marshal(v)
				fmt.Fprintf(&prelude, "globalThis.%s = %s;\n", k, b)
			}
			script := prelude.String() + "(async () => {\n" + tt.script + "\n})().then(v => process.stdout.write(String(v)), e => { console.error(e); process.exit(1) })"
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			out, err := exec.CommandContext(ctx, node, "-e", script).Output()
			if err != nil {
				t.Fatalf("node: %v", err)
			}
			if got := string(out); got != tt.want {
				t.Errorf("node says %q, the case wants %q", got, tt.want)
			}
		})
	}
}

// The server sees its request end when JS aborts: the Go request's context is cancelled.
func TestAbortCancelsTheRequest(t *testing.T) {
	for _, tc := range []struct{ path, script string }{
		{"/hang", `const ac = new AbortController(); setTimeout(() => ac.abort(), 30); try { await fetch(base + '/hang', {signal: ac.signal}) } catch (e) { return e.name }`},
		{"/stream-hang", `const ac = new AbortController(); const r = await fetch(base + '/stream-hang', {signal: ac.signal}); await r.body.getReader().read(); ac.abort(); return 'AbortError'`},
		{"/stream-hang", `const r = await fetch(base + '/stream-hang'); const rd = r.body.getReader(); await rd.read(); await rd.cancel(); return 'AbortError'`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			s := newTestServer(t)
			e := newFetchEnv(t, s.Client(), globals(t, s))
			if got := e.Run(tc.script).String(); got != "AbortError" {
				t.Fatalf("got %q", got)
			}
			select {
			case p := <-s.cancelled:
				if p != tc.path {
					t.Fatalf("cancelled %s", p)
				}
			case <-time.After(3 * time.Second):
				t.Fatal("the server never saw the request cancelled")
			}
		})
	}
}

// A response nobody reads does not keep its connection: once the Response is garbage, its Go body
// is closed and the server sees the request end.
func TestUnreadBodyIsReleased(t *testing.T) {
	s := newTestServer(t)
	e := newFetchEnv(t, s.Client(), globals(t, s))
	e.Run(`for (let i = 0; i < 10; i++) await fetch(base + '/stream-hang'); return 1`)
	seen, deadline := 0, time.Now().Add(5*time.Second)
	for seen < 9 && time.Now().Before(deadline) {
		runtime.GC()
		select {
		case <-s.cancelled:
			seen++
		case <-time.After(20 * time.Millisecond):
		}
	}
	if seen < 9 {
		t.Errorf("%d of 10 unread responses released", seen)
	}
}

// await res.json() on a fetched response reads the Go body directly: no JS stream is made.
func TestFastPathMakesNoStream(t *testing.T) {
	s := newTestServer(t)
	e := newFetchEnv(t, s.Client(), globals(t, s))
	e.Run(`globalThis.res = await fetch(base + '/json'); return (await res.json()).n`)
	r, ok := ResponseOf(e.Realm, e.VM.Get("res"))
	if !ok || r.Body == nil {
		t.Fatal("no response body")
	}
	if r.Body.Stream() != nil {
		t.Error("json() made a JS stream")
	}
}

// The embedder's client is used as it is: its Transport serves every request (here it routes an
// https://api.vercel.app URL to the local server) and its CheckRedirect is never changed.
func TestEmbedderClient(t *testing.T) {
	s := newTestServer(t)
	target := s.Listener.Addr().String()
	var seen []string
	var mu sync.Mutex
	cl := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		seen = append(seen, r.URL.String())
		mu.Unlock()
		r2 := r.Clone(r.Context())
		r2.URL.Scheme, r2.URL.Host = "http", target
		return http.DefaultTransport.RoundTrip(r2)
	})}
	e := newFetchEnv(t, cl, nil)
	got := e.Run(`const r = await fetch('https://api.vercel.app/redirect/302?to=/json'); return [r.url, (await r.json()).n].join()`).String()
	if got != "https://api.vercel.app/json,42" {
		t.Errorf("got %q", got)
	}
	if cl.CheckRedirect != nil {
		t.Error("CheckRedirect was set on the embedder's client")
	}
	if len(seen) != 2 || seen[0] != "https://api.vercel.app/redirect/302?to=/json" || seen[1] != "https://api.vercel.app/json" {
		t.Errorf("transport saw %q", seen)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A DNS failure has Node's ENOTFOUND shape.
func TestDNSError(t *testing.T) {
	cl := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}}}
	e := newFetchEnv(t, cl, nil)
	got := e.Run(`try { await fetch('http://nonexistent.invalid/') } catch (e) { return [e.message, e.cause.message, e.cause.code, e.cause.syscall, e.cause.hostname].join() }`).String()
	if want := "fetch failed,getaddrinfo ENOTFOUND nonexistent.invalid,ENOTFOUND,getaddrinfo,nonexistent.invalid"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The loop stops after 20 redirects: 21 requests reach the server.
func TestRedirectLimit(t *testing.T) {
	s := newTestServer(t)
	e := newFetchEnv(t, s.Client(), globals(t, s))
	e.Run(`try { await fetch(base + '/loop') } catch (e) { return e.cause.message }`)
	if n := s.hitCount("/loop"); n != 21 {
		t.Errorf("%d requests, want 21", n)
	}
}

// cache and next: {revalidate, tags} are kept for the data cache, as Next validates them.
func TestCacheHints(t *testing.T) {
	inf := func() *float64 { return ptr(math.Inf(1)) }
	for _, tc := range []struct {
		init string
		want CacheHints
	}{
		{`({})`, CacheHints{}},
		{`({cache: 'no-store'})`, CacheHints{Cache: "no-store"}},
		{`({next: {revalidate: 60, tags: ['a', 5, 'x'.repeat(300), 'é']}})`, CacheHints{Revalidate: ptr(60.0), Tags: []string{"a", "%C3%A9"}}},
		{`({next: {revalidate: false}})`, CacheHints{Revalidate: inf()}},
		{`({next: {revalidate: Infinity}})`, CacheHints{Revalidate: inf()}},
		{`({cache: 'force-cache', next: {revalidate: 0}})`, CacheHints{}},
		{`({cache: 'no-store', next: {revalidate: 10}})`, CacheHints{}},
		{`({cache: 'force-cache', next: {revalidate: 10}})`, CacheHints{Cache: "force-cache", Revalidate: ptr(10.0)}},
	} {
		t.Run(tc.init, func(t *testing.T) {
			e := newFetchEnv(t, nil, nil)
			a := of(e.Realm)
			c := &client{a: a, errorCtor: e.VM.Get("Error").ToObject(e.VM)}
			init, err := e.VM.RunString(tc.init)
			if err != nil {
				t.Fatal(err)
			}
			req := a.constructRequest(e.VM.ToValue("https://a.example/"), init)
			got := c.cacheHints(req, nil, init.ToObject(e.VM))
			if got.Cache != tc.want.Cache || fmt.Sprint(got.Tags) != fmt.Sprint(tc.want.Tags) ||
				(got.Revalidate == nil) != (tc.want.Revalidate == nil) || got.Revalidate != nil && *got.Revalidate != *tc.want.Revalidate {
				t.Errorf("got %+v (revalidate %v), want %+v", got, deref(got.Revalidate), tc.want)
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestParseMIMEType(t *testing.T) {
	for in, want := range map[string]string{
		"text/html":                      "text/html",
		" TEXT/Html ; Charset=UTF-8 ":    "text/html;charset=UTF-8",
		`text/plain;x="a \"b\"";x=2`:     `text/plain;x="a \"b\""`,
		"text/plain;;a=1;b;c=":           "text/plain;a=1",
		`text/plain;a="unterminated`:     `text/plain;a=unterminated`,
		"text/plain;a=b c":               `text/plain;a="b c"`,
		"text/":                          "",
		"/plain":                         "",
		"text plain":                     "",
		"text/plain;\"x\"=1;é=2;ok=\"\"": `text/plain;ok=""`,
	} {
		got, ok := parseMIMEType(in)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("parseMIMEType(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkFetchJSON is a loopback GET and res.json().
func BenchmarkFetchJSON(b *testing.B) {
	s := newTestServer(b)
	e := newFetchEnv(b, s.Client(), map[string]any{"base": s.URL})
	e.Run(`globalThis.get = async () => (await (await fetch(base + '/json')).json()).n`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if v := e.Run(`return get()`); v.ToInteger() != 42 {
			b.Fatal(v)
		}
	}
}
