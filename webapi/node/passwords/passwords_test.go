package passwords_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

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

const fixture = "../../../fixtures/npm-compute"

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, streams.Install, file.Install, node.Install)
}

// runCases runs fixtures/npm-compute/lib/password-cases.js with jsroute's bcrypt, bcryptjs and argon2
// and returns its results by case name.
func runCases(t *testing.T) map[string]json.RawMessage {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(fixture, "lib/password-cases.js"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	v := e.Run(`const require = globalThis.__jsrouteRequire;
		const passwordCases = (` + strings.Replace(string(src), "export default ", "", 1) + `);
		const out = await passwordCases({ bcrypt: require('bcrypt'), bcryptjs: require('bcryptjs'), argon2: require('argon2'), Buffer });
		return JSON.stringify(out);`)
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestSameAsNode compares every case with what the real npm packages answer in Node 20
// (expected-passwords.json, re-recorded by `node record.mjs` in the fixture): identical hashes for
// fixed salts mean a hash made by either verifies in the other.
func TestSameAsNode(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixture, "expected-passwords.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]json.RawMessage
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	got := runCases(t)
	if len(want) < 150 {
		t.Fatalf("only %d recorded cases", len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: not run", name)
			continue
		}
		if !jsonEqual(g, w) {
			t.Errorf("%s:\n got %s\nwant %s", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not recorded (node record.mjs)", name)
		}
	}
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ax, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return string(ax) == string(by)
}

// TestNodeVerifiesOurs is the other direction: hashes jsroute makes with random salts (bcrypt,
// bcryptjs, argon2i/id) verify with the real packages in Node 20, and a wrong password does not.
func TestNodeVerifiesOurs(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm not on PATH")
	}
	if out, err := exec.Command(filepath.Join(fixture, "setup.sh")).CombinedOutput(); err != nil {
		t.Fatalf("setup.sh: %v\n%s", err, out)
	}
	e := newEnv(t)
	const password = "pässwörd 𝄞 with a long tail ........................................................."
	v := e.Run(`const require = globalThis.__jsrouteRequire;
		const bcrypt = require('bcrypt'), bcryptjs = require('bcryptjs'), argon2 = require('argon2');
		const pw = ` + strconv.Quote(password) + `;
		const hashes = [
			bcrypt.hashSync(pw, 4), await bcrypt.hash(pw, bcrypt.genSaltSync(5, 'a')), bcrypt.hashSync('short', 4),
			bcryptjs.hashSync(pw, 4), await bcryptjs.hash(pw, 5),
			await argon2.hash(pw, { memoryCost: 1024, timeCost: 2, parallelism: 2 }),
			await argon2.hash(pw, { type: argon2.argon2i, memoryCost: 2048, timeCost: 1, parallelism: 1, hashLength: 24 }),
		];
		return JSON.stringify({ password: pw, hashes });`).String()
	cmd := exec.Command("node", "verify.mjs")
	cmd.Dir = fixture
	cmd.Stdin = strings.NewReader(v)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node verify.mjs: %v", err)
	}
	var got [][]bool
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	want := `[[true,true,false,false],[true,true,false,false],[false,false,false,false],[true,true,false,false],[true,true,false,false],[true,false],[true,false]]`
	if g, _ := json.Marshal(got); string(g) != want {
		t.Errorf("Node's verdicts on jsroute's hashes:\n got %s\nwant %s\n(hashes %s)", g, want, v)
	}
}

// What golang.org/x/crypto/argon2 lacks fails with an error naming it, never a different hash.
func TestArgon2Unsupported(t *testing.T) {
	e := newEnv(t)
	got := e.Run(`const argon2 = globalThis.__jsrouteRequire('argon2');
		const opts = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
		const msg = (p) => p.then((v) => 'resolved ' + v, (e) => e.message);
		return JSON.stringify([
			await msg(argon2.hash('pw', { ...opts, type: argon2.argon2d })),
			await msg(argon2.hash('pw', { ...opts, secret: Buffer.from('k') })),
			await msg(argon2.hash('pw', { ...opts, associatedData: Buffer.from('d') })),
			await msg(argon2.hash('pw', { ...opts, version: 0x10 })),
			await msg(argon2.hash('pw', { ...opts, timeCost: 0 })),
			await msg(argon2.hash('pw', { ...opts, memoryCost: 2 ** 32 - 1 })),
			await msg(argon2.verify('$argon2d$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaA', 'pw')),
		]);`).String()
	want := `["argon2d is not supported by jsroute (golang.org/x/crypto/argon2 has argon2i and argon2id)",` +
		`"argon2 secret is not supported by jsroute","argon2 associatedData is not supported by jsroute",` +
		`"argon2 version 0x10 is not supported by jsroute (only 0x13)","Time cost is too small",` +
		`"argon2 memoryCost above 1048576 KiB (1 GiB) is not supported by jsroute",` +
		`"argon2d is not supported by jsroute (golang.org/x/crypto/argon2 has argon2i and argon2id)"]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The async forms hash on their own goroutine: timers keep firing on the loop meanwhile.
func TestAsyncHashesLeaveTheLoopFree(t *testing.T) {
	e := newEnv(t)
	got := e.Run(`const require = globalThis.__jsrouteRequire;
		const order = [];
		const bcrypt = require('bcrypt'), bcryptjs = require('bcryptjs'), argon2 = require('argon2');
		let ticks = 0;
		const iv = setInterval(() => ticks++, 1);
		await Promise.all([
			bcrypt.hash('pw', 11).then(() => order.push('bcrypt')),
			bcryptjs.hash('pw', 11).then(() => order.push('bcryptjs')),
			argon2.hash('pw', { memoryCost: 65536, timeCost: 3, parallelism: 1 }).then(() => order.push('argon2')),
			new Promise((r) => setTimeout(r, 0)).then(() => order.push('timer')),
		]);
		clearInterval(iv);
		return JSON.stringify({ first: order[0], n: order.length, ticked: ticks > 5 });`).String()
	if got != `{"first":"timer","n":4,"ticked":true}` {
		t.Errorf("got %s", got)
	}
}

// An async hash of cost 31 (days of work) on its own goroutine stops when its runtime is closed
// (the engine closes it when it rebuilds a runtime after an interrupt, and at shutdown): no
// goroutine is left hashing for a request that is gone, and the callback gets the error.
func TestAsyncHashStopsWithItsRuntime(t *testing.T) {
	e := newEnv(t)
	base := runtime.NumGoroutine()
	e.Run(`const require = globalThis.__jsrouteRequire;
		globalThis.errs = [];
		const cb = (err) => errs.push(err && err.message);
		require('bcrypt').hash('pw', 31, cb);
		require('bcryptjs').hash('pw', 31, cb);
		require('bcrypt').compare('pw', '$2b$31$' + 'a'.repeat(53), cb);`)
	e.Settle(200 * time.Millisecond) // bcrypt.hash makes its salt first, then hashes
	if n := runtime.NumGoroutine(); n < base+3 {
		t.Fatalf("%d goroutines, want at least %d with three hashes running", n, base+3)
	}
	start := time.Now()
	e.Realm.Close()
	for runtime.NumGoroutine() > base && time.Since(start) < 2*time.Second {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Fatalf("%d goroutines 2 s after the runtime closed, %d before the hashes", n, base)
	}
	t.Logf("the hashes stopped %s after the runtime closed", time.Since(start).Round(time.Millisecond))
	e.Settle(time.Second)
	if got := e.Run(`return errs.join('|')`).String(); strings.Count(got, "stopped with its request") != 3 {
		t.Errorf("callbacks got %q, want three errors naming the stop", got)
	}
}
