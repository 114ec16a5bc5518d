package crypto_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// conformance is one JavaScript check: script is the body of an async function whose result,
// as a string, must be want. Node.js 20 gives want too, unless nodeDiffers (keyed by row name)
// says why not: run the tests with JSROUTE_NODE=1 to check every expectation against the local
// node.
type conformance struct {
	name, script, want string
}

// nodeDiffers lists the rows where jsroute follows the specification and Node.js 20 does not.
var nodeDiffers = map[string]string{
	"exporting a non-extractable key is InvalidAccessError": "Node.js 20 names the error InvalidAccessException",
	"wrapping a non-extractable key is InvalidAccessError":  "Node.js 20 names the error InvalidAccessException",
	"importKey spki for HMAC is NotSupportedError":          "Node.js 20 throws a DOMException named Error",
	"Ed448 and X448 are not supported":                      "Node.js has them from OpenSSL; Go has no Ed448 or X448",
	"an inconsistent RSA private jwk is DataError":          "Node.js 20 imports it; OpenSSL checks the key only when it is used",
}

// prelude is put before every script. V holds keys and signatures made by Node.js
// (testdata/vectors.json, re-recorded by testdata/gen_vectors.mjs).
func prelude(t testing.TB) string {
	v, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	return `const V = ` + string(v) + `;
const S = crypto.subtle;
const enc = s => new TextEncoder().encode(s);
const hex = b => Array.from(new Uint8Array(b), x => x.toString(16).padStart(2, '0')).join('');
const unhex = h => new Uint8Array((h.match(/../g) || []).map(x => parseInt(x, 16)));
const b64d = s => { const a = atob(s), u = new Uint8Array(a.length); for (let i = 0; i < a.length; i++) u[i] = a.charCodeAt(i); return u };
const b64u = b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const b64ud = s => b64d(s.replace(/-/g, '+').replace(/_/g, '/'));
const named = e => e instanceof DOMException ? 'DOMException:' + e.name : e.constructor.name;
const thrown = f => { try { f() } catch (e) { return named(e) } return 'none' };
const rejected = async p => { try { await p } catch (e) { return named(e) } return 'none' };
const show = k => JSON.stringify({ type: k.type, extractable: k.extractable, algorithm: k.algorithm, usages: k.usages });
`
}

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, dom.Install, encoding.Install, crypto.Install)
}

func runConformance(t *testing.T, rows []conformance) {
	t.Helper()
	pre := prelude(t)
	for _, tt := range rows {
		t.Run(tt.name, func(t *testing.T) {
			script := pre + "return String(await (async () => {\n" + tt.script + "\n})())"
			v, err := newEnv(t).Try(script)
			if err != nil {
				t.Fatalf("%s\nfailed: %v", tt.script, err)
			}
			if got := v.String(); got != tt.want {
				t.Errorf("%s\n got %q\nwant %q", tt.script, got, tt.want)
			}
			checkNode(t, script, tt)
		})
	}
}

// checkNode runs script in Node.js when JSROUTE_NODE=1 and compares its result with want. The
// script runs as a module: `node -e` in CommonJS mode would make `crypto` the node:crypto module.
func checkNode(t *testing.T, script string, c conformance) {
	t.Helper()
	if os.Getenv("JSROUTE_NODE") != "1" || nodeDiffers[c.name] != "" {
		return
	}
	src := "(async () => {\n" + script + "\n})().then(v => process.stdout.write(String(v)), e => process.stdout.write('rejected: ' + e))"
	out, err := exec.Command("node", "--input-type=module", "-e", src).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if string(out) != c.want {
		t.Errorf("node gives %q, want %q", out, c.want)
	}
}
