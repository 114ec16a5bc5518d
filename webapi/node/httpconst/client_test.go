package httpconst_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func env(t *testing.T) *webapitest.Env {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	return e
}

func testServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			w.Header().Add("Set-Cookie", "a=1")
			w.Header().Add("Set-Cookie", "b=2")
			w.Header().Set("X-Method", r.Method)
			w.WriteHeader(201)
			fmt.Fprintf(w, "%s %s %s %s %s", r.Method, r.URL.RequestURI(), r.Header.Get("X-Test"), r.Header.Get("Authorization"), b)
		case "/redirect":
			http.Redirect(w, r, "/echo", http.StatusFound)
		case "/big":
			w.Write([]byte(strings.Repeat("x", 1<<20)))
		case "/slow":
			time.Sleep(300 * time.Millisecond)
			w.Write([]byte("late"))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRequestAndResponse(t *testing.T) {
	srv := testServer(t)
	e := env(t)
	e.VM.Set("BASE", srv.URL)
	got := e.Run(`const http = __jsrouteRequire('http');
		const res = await new Promise((resolve, reject) => {
			const req = http.request(BASE + '/echo?q=1', { method: 'POST', headers: { 'X-Test': 'yes' }, auth: 'u:p' }, resolve);
			req.on('error', reject);
			req.write('hello ');
			req.end('world');
		});
		let body = '';
		res.setEncoding('utf8');
		await new Promise((r) => { res.on('data', (c) => body += c); res.on('end', r); });
		return [res.statusCode, res.statusMessage, res.headers['x-method'], JSON.stringify(res.headers['set-cookie']), res.httpVersion, body, res.complete].join('|')`).String()
	want := `201|Created|POST|["a=1","b=2"]|1.1|POST /echo?q=1 yes Basic dTpw hello world|true`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Redirects are not followed; a 1 MiB body streams in chunks; errors and time-outs are Node's.
func TestGetRedirectBigErrorsTimeout(t *testing.T) {
	srv := testServer(t)
	e := env(t)
	e.VM.Set("BASE", srv.URL)
	got := e.Run(`const http = __jsrouteRequire('http');
		const get = (u, o) => new Promise((resolve, reject) => http.get(u, o || {}, resolve).on('error', reject));
		const r1 = await get(BASE + '/redirect');
		r1.resume();
		let n = 0, chunks = 0;
		const r2 = await get(BASE + '/big');
		await new Promise((res) => { r2.on('data', (c) => { n += c.length; chunks++; }); r2.on('end', res); });
		const refused = await get('http://127.0.0.1:1/').catch((e) => e.code + ' ' + e.message);
		const timedOut = await new Promise((resolve) => {
			const req = http.get(BASE + '/slow', { timeout: 50 });
			req.on('timeout', () => req.destroy(new Error('timed out')));
			req.on('error', (e) => resolve(e.message));
			req.on('response', () => resolve('answered'));
		});
		let proto;
		try { http.get('https://example.com/'); } catch (e) { proto = e.code; }
		try { __jsrouteRequire('https').get('https://example.com/', { rejectUnauthorized: false }); } catch (e) { proto += ' ' + e.message; }
		return [r1.statusCode, r1.headers.location, n, chunks > 1, refused, timedOut, proto].join('|')`).String()
	want := "302|/echo|1048576|true|ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1|timed out|ERR_INVALID_PROTOCOL node:https request() with rejectUnauthorized: false / an agent with ca is not supported by jsroute"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The callback of request(options, cb), get(options, cb) and request(url, cb) is the 'response'
// listener (axios, follow-redirects and node-fetch call request(options, cb)).
func TestRequestOptionsCallback(t *testing.T) {
	srv := testServer(t)
	e := env(t)
	e.VM.Set("PORT", srv.Listener.Addr().(*net.TCPAddr).Port)
	e.VM.Set("BASE", srv.URL)
	got := e.Run(`const http = __jsrouteRequire('http');
		const status = (res) => { res.resume(); return res.statusCode + ' ' + res.headers['x-method']; };
		const a = await new Promise((resolve, reject) => {
			const req = http.request({ hostname: '127.0.0.1', port: PORT, path: '/echo', method: 'PUT' }, (res) => resolve(status(res)));
			req.on('error', reject);
			req.end();
		});
		const b = await new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port: PORT, path: '/echo' }, (res) => resolve(status(res))).on('error', reject));
		const c = await new Promise((resolve, reject) => http.get(BASE + '/echo', (res) => resolve(status(res))).on('error', reject));
		return [a, b, c].join('|')`).String()
	if want := "201 PUT|201 GET|201 GET"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Aborting a request whose response nobody reads: the response emits 'aborted' and 'close', and
// its error only to an 'error' listener (Node's IncomingMessage), so nothing is thrown uncaught.
func TestAbortUnreadResponse(t *testing.T) {
	srv := testServer(t)
	e := env(t)
	e.VM.Set("BASE", srv.URL)
	got := e.Run(`const http = __jsrouteRequire('http');
		const run = (listen) => new Promise((resolve, reject) => {
			const req = http.get(BASE + '/big', (res) => {
				const seen = [];
				res.on('aborted', () => seen.push('aborted'));
				if (listen) res.on('error', (e) => seen.push(e.code));
				res.on('close', () => setTimeout(() => resolve(seen.join(',')), 10));
				req.abort();
			});
			req.on('error', reject);
		});
		let uncaught = 'none';
		process.on('uncaughtException', (e) => { uncaught = e.message; });
		return [await run(false), await run(true), uncaught].join('|')`).String()
	if want := "aborted|aborted,ECONNRESET|none"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
