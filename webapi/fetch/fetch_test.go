package fetch_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func env(t *testing.T) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, []func(*webapi.Realm){fetch.Install}...)
}

// Each row is a Fetch Standard behaviour, checked against Node 20's undici.
var conformance = []struct {
	name, script, want string
}{
	// Headers (Fetch §5.2)
	{"headers are case-insensitive", `const h = new Headers({'Content-Type': 'a'}); return h.get('content-type')`, "a"},
	{"get combines values", `const h = new Headers(); h.append('x', '1'); h.append('X', '2'); return h.get('x')`, "1, 2"},
	{"get of a missing header is null", `return String(new Headers().get('nope'))`, "null"},
	{"set replaces", `const h = new Headers([['a','1'],['a','2']]); h.set('A', '3'); return h.get('a')`, "3"},
	{"delete removes all", `const h = new Headers([['a','1'],['a','2']]); h.delete('A'); return h.has('a')`, "false"},
	{"values are trimmed", `return new Headers({a: '  x \t'}).get('a')`, "x"},
	{"iteration is sorted and lowercased", `const h = new Headers({B: '1', a: '2'}); return [...h].map(p => p.join('=')).join('&')`, "a=2&b=1"},
	{"set-cookie kept apart in iteration", `const h = new Headers(); h.append('Set-Cookie', 'a=1'); h.append('set-cookie', 'b=2'); return JSON.stringify([...h])`, `[["set-cookie","a=1"],["set-cookie","b=2"]]`},
	{"getSetCookie", `const h = new Headers(); h.append('Set-Cookie', 'a=1, b'); h.append('set-cookie', 'c=2'); return h.getSetCookie().join('|')`, "a=1, b|c=2"},
	{"get combines set-cookie", `const h = new Headers(); h.append('Set-Cookie', 'a=1'); h.append('set-cookie', 'b=2'); return h.get('set-cookie')`, "a=1, b=2"},
	{"invalid name throws TypeError", `try { new Headers({'a b': '1'}) } catch (e) { return e instanceof TypeError }`, "true"},
	{"invalid value throws TypeError", `try { new Headers().append('a', 'x\ny') } catch (e) { return e instanceof TypeError }`, "true"},
	{"pair of wrong length throws", `try { new Headers([['a']]) } catch (e) { return e instanceof TypeError }`, "true"},
	{"copy from Headers", `const a = new Headers({x: '1'}); const b = new Headers(a); a.set('x', '2'); return b.get('x')`, "1"},
	{"forEach value, key", `const out = []; new Headers({b: '2', a: '1'}).forEach((v, k) => out.push(k + v)); return out.join()`, "a1,b2"},
	{"keys and values", `const h = new Headers({b: '2', a: '1'}); return [...h.keys()].join() + ';' + [...h.values()].join()`, "a,b;1,2"},
	{"toStringTag", `return Object.prototype.toString.call(new Headers())`, "[object Headers]"},
	{"without new throws", `try { Headers() } catch (e) { return e instanceof TypeError }`, "true"},
	{"non-latin1 value throws", `try { new Headers({a: 'π'}) } catch (e) { return e instanceof TypeError }`, "true"},
	{"latin1 value round-trips", `return new Headers({a: 'é'}).get('a')`, "é"},

	// Response (Fetch §5.5)
	{"string body content type", `return new Response('x').headers.get('content-type')`, "text/plain;charset=UTF-8"},
	{"explicit content type wins", `return new Response('x', {headers: {'content-type': 'text/xml'}}).headers.get('content-type')`, "text/xml"},
	{"bytes body has no content type", `return String(new Response(new Uint8Array([1])).headers.get('content-type'))`, "null"},
	{"text()", `return await new Response('héllo').text()`, "héllo"},
	{"json()", `return (await new Response('{"a":[1,2]}').json()).a[1]`, "2"},
	{"arrayBuffer()", `return (await new Response(new Uint8Array([1,2,3])).arrayBuffer()).byteLength`, "3"},
	{"bodyUsed after read", `const r = new Response('x'); await r.text(); return r.bodyUsed`, "true"},
	{"second read rejects with TypeError", `const r = new Response('x'); await r.text(); try { await r.text() } catch (e) { return e instanceof TypeError }`, "true"},
	{"null body text is empty", `return '[' + await new Response(null).text() + ']'`, "[]"},
	{"default status", `const r = new Response(); return [r.status, r.ok, r.statusText, r.type].join()`, "200,true,,default"},
	{"status out of range is a RangeError", `try { new Response('', {status: 99}) } catch (e) { return e instanceof RangeError }`, "true"},
	{"status 600 is a RangeError", `try { new Response(null, {status: 600}) } catch (e) { return e instanceof RangeError }`, "true"},
	{"null-body status with body throws", `try { new Response('x', {status: 204}) } catch (e) { return e instanceof TypeError }`, "true"},
	{"null-body status without body", `return new Response(null, {status: 204}).status`, "204"},
	{"statusText", `return new Response(null, {status: 201, statusText: 'Made'}).statusText`, "Made"},
	{"Response.json", `const r = Response.json({a: 1}, {status: 201}); return [r.status, r.headers.get('content-type'), await r.text()].join()`, `201,application/json,{"a":1}`},
	{"Response.json keeps explicit content type", `return Response.json(1, {headers: {'Content-Type': 'x/y'}}).headers.get('content-type')`, "x/y"},
	{"Response.json of undefined throws", `try { Response.json(undefined) } catch (e) { return e instanceof TypeError }`, "true"},
	{"Response.redirect", `const r = Response.redirect('https://a.example/x', 301); return [r.status, r.headers.get('location')].join()`, "301,https://a.example/x"},
	{"Response.redirect default 302", `return Response.redirect('https://a.example/').status`, "302"},
	{"Response.redirect bad status", `try { Response.redirect('https://a.example/', 200) } catch (e) { return e instanceof RangeError }`, "true"},
	{"Response.redirect relative url throws", `try { Response.redirect('/x') } catch (e) { return e instanceof TypeError }`, "true"},
	{"Response.redirect headers are immutable", `try { Response.redirect('https://a.example/').headers.set('a', 'b') } catch (e) { return e instanceof TypeError }`, "true"},
	{"Response.error", `const r = Response.error(); return [r.type, r.status].join()`, "error,0"},
	{"clone", `const a = new Response('x'); const b = a.clone(); return (await a.text()) + (await b.text())`, "xx"},
	{"subclass", `class R extends Response { hi() { return 'hi' } }; const r = new R('x'); return [r instanceof Response, r.hi(), await r.text()].join()`, "true,hi,x"},
	{"static json on subclass", `class R extends Response {}; return R.json(1) instanceof R`, "true"},

	// Request (Fetch §5.4)
	{"request basics", `const r = new Request('https://a.example/p?q'); return [r.method, r.url, r.redirect].join()`, "GET,https://a.example/p?q,follow"},
	{"method normalised", `return new Request('https://a.example', {method: 'post'}).method`, "POST"},
	{"patch not normalised", `return new Request('https://a.example', {method: 'patch'}).method`, "patch"},
	{"forbidden method", `try { new Request('https://a.example', {method: 'TRACE'}) } catch (e) { return e instanceof TypeError }`, "true"},
	{"GET with body throws", `try { new Request('https://a.example', {body: 'x'}) } catch (e) { return e instanceof TypeError }`, "true"},
	{"relative url throws", `try { new Request('/x') } catch (e) { return e instanceof TypeError }`, "true"},
	{"credentials in url throw", `try { new Request('https://u:p@a.example') } catch (e) { return e instanceof TypeError }`, "true"},
	{"body and content type", `const r = new Request('https://a.example', {method: 'POST', body: 'hi'}); return [r.headers.get('content-type'), await r.text()].join()`, "text/plain;charset=UTF-8,hi"},
	{"json body", `const r = new Request('https://a.example', {method: 'POST', body: '{"x":1}'}); return (await r.json()).x`, "1"},
	{"request from request", `const a = new Request('https://a.example', {method: 'PUT', headers: {x: '1'}}); const b = new Request(a); return [b.method, b.headers.get('x')].join()`, "PUT,1"},
	{"request from request with init", `const a = new Request('https://a.example', {method: 'PUT'}); return new Request(a, {method: 'DELETE'}).method`, "DELETE"},
	{"request clone", `const a = new Request('https://a.example', {method: 'POST', body: 'x'}); const b = a.clone(); return (await a.text()) + (await b.text())`, "xx"},
}

func TestConformance(t *testing.T) {
	for _, tt := range conformance {
		t.Run(tt.name, func(t *testing.T) {
			e := env(t)
			if got := e.Run(tt.script).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
