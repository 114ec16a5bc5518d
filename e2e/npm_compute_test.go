package e2e

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The npm-compute fixture's password route under `jsroute start`: bcrypt and argon2 (native addons) and
// bcryptjs, imported by a route as npm packages and resolved by jsroute to its Go implementations
// (webapi/node/passwords), answer the ~200 cases of lib/password-cases.js as the real packages do in
// Node 20 (expected-passwords.json, re-recorded by `node record.mjs` there), and the start-up log names
// the three packages.
func TestNpmComputePasswords(t *testing.T) {
	npmSetup(t, "npm-compute")
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "npm-compute", "expected-passwords.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]json.RawMessage
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-compute")
	resp, err := newClient(nil).Get(p.base() + "/passwords")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /passwords: %d %s", resp.StatusCode, body)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d cases answered, %d recorded", len(got), len(want))
	}
	for name, w := range want {
		if !sameJSON(got[name], w) {
			t.Errorf("%s:\n got %s\nwant %s", name, got[name], w)
		}
	}
	log := p.output.String()
	for _, name := range []string{"argon2 (native addon", "bcrypt (native addon", "bcryptjs (accelerated"} {
		if !strings.Contains(log, name) {
			t.Errorf("start-up log does not name %q:\n%s", name, log)
		}
	}
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ax, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return string(ax) == string(by)
}

// A synchronous bcrypt runs in Go on the worker (no JS instruction in between for the interrupt
// to act on): cost 20 takes about a minute. Under --max-duration 1 each of hashSync and
// compareSync, of bcrypt and of bcryptjs, stops with its request (504 after ~1 s), and the one
// worker serves the next request.
func TestNpmComputeSyncHashStops(t *testing.T) {
	npmSetup(t, "npm-compute")
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "--workers", "1", "--max-duration", "1", "fixtures/npm-compute")
	c := newClient(nil)
	get := func(query string) (int, string, time.Duration) {
		start := time.Now()
		resp, err := c.Get(p.base() + "/slowhash?" + query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body), time.Since(start)
	}
	for _, pkg := range []string{"bcrypt", "bcryptjs"} {
		for _, op := range []string{"hash", "compare"} {
			q := "pkg=" + pkg + "&op=" + op
			st, body, took := get(q + "&cost=20")
			t.Logf("%s %s cost 20: %d in %s", pkg, op, st, took.Round(time.Millisecond))
			if st != 504 || took > 3*time.Second {
				t.Errorf("%s %s cost 20: %d %q in %s, want 504 within ~1 s", pkg, op, st, body, took)
			}
			// The worker rebuilds its runtime after an interrupt (this app's bundle takes a
			// second or more to boot on a busy machine): meanwhile a request waiting for it
			// past its 1 s gets 503, so ask again until it answers.
			start := time.Now()
			for st, body, _ = get(q + "&cost=4"); st == 503 && time.Since(start) < 15*time.Second; st, body, _ = get(q + "&cost=4") {
			}
			t.Logf("%s %s cost 4 after it: %d after %s", pkg, op, st, time.Since(start).Round(time.Millisecond))
			if st != 200 {
				t.Errorf("%s %s cost 4 after the stopped one: %d %q", pkg, op, st, body)
			}
		}
	}
	if strings.Contains(p.output.String(), "did not stop") {
		t.Errorf("a worker was left behind:\n%s", p.output.String())
	}
}
