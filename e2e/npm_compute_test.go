package e2e

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
