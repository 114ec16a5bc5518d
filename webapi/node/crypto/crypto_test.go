package crypto_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The node-crypto conformance area (e2e) compares every API with Node 20; these tests cover what
// it cannot see: the asynchronous forms completing through the loop from their goroutines, and a
// stray Go failure becoming a catchable JavaScript error.

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, streams.Install, file.Install, node.Install)
}

// run evaluates a function body that may use require and await, and returns its JSON.
func run(t *testing.T, body string) string {
	t.Helper()
	e := newEnv(t)
	return e.Run("const require = globalThis.__jsrouteRequire;\nconst out = await (async () => {\n" + body + "\n})();\nreturn JSON.stringify(out);").String()
}

func TestAsyncFormsCompleteOnTheLoop(t *testing.T) {
	// Expected values are Node 20's (node -e with the same calls).
	got := run(t, `
		const c = require('crypto');
		const p = (f) => new Promise((res, rej) => f((e, v) => (e ? rej(e) : res(v))));
		const order = [];
		const pb = p((cb) => c.pbkdf2('password', 'salt', 1000, 16, 'sha256', cb)).then((v) => { order.push('pbkdf2'); return v.toString('hex'); });
		order.push('sync');
		const sc = await p((cb) => c.scrypt('p', 's', 8, { N: 16 }, cb));
		const hk = await p((cb) => c.hkdf('sha256', 'k', 's', 'i', 8, cb));
		const kp = await new Promise((res, rej) => c.generateKeyPair('ec', { namedCurve: 'P-256' }, (e, pub, priv) => (e ? rej(e) : res([pub.type, priv.type]))));
		return [await pb, sc.toString('hex'), Buffer.from(hk).toString('hex'), kp, order];
	`)
	want := `["632c2812e46d4604102ba7618e9d6d7d","4efe92b5bba5ee18",` +
		`"02b0929a9d46e923",["public","private"],["sync","pbkdf2"]]`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestGoFailuresAreJavaScriptErrors(t *testing.T) {
	got := run(t, `
		const c = require('crypto');
		const out = [];
		for (const f of [() => c.generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 3 }), () => c.createHash('sha256').update.call({}, 'x')]) {
			try { f(); out.push('no error'); } catch (e) { out.push(e instanceof Error); }
		}
		return out;
	`)
	if got != `[true,true]` {
		t.Fatalf("got %s", got)
	}
}
