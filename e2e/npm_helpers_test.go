package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// npmInstall is one fixture's `setup.sh` run, done at most once per test binary.
type npmInstall struct {
	once sync.Once
	err  error
}

var npmInstalls sync.Map // app name → *npmInstall

// npmSetup installs fixtures/<app>'s node_modules from its package-lock.json (the fixture's setup.sh runs
// `npm ci` when node_modules is missing or stale). It skips the test only when npm is not on PATH: where npm
// is, a failed install fails the test.
func npmSetup(t *testing.T, app string) {
	t.Helper()
	if testing.Short() {
		t.Skip("installs npm packages; skipped in -short")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skipf("fixtures/%s needs npm on PATH to install its packages (npm ci): %v", app, err)
	}
	v, _ := npmInstalls.LoadOrStore(app, &npmInstall{})
	in := v.(*npmInstall)
	in.once.Do(func() {
		script := filepath.Join(repoRoot(t), "fixtures", app, "setup.sh")
		start := time.Now()
		out, err := exec.Command("bash", script).CombinedOutput()
		if err != nil {
			in.err = fmt.Errorf("bash %s: %v\n%s", script, err, out)
			return
		}
		if d := time.Since(start); d > time.Second {
			t.Logf("fixtures/%s: installed npm packages in %s", app, d.Round(time.Millisecond))
		}
	})
	if in.err != nil {
		t.Fatal(in.err)
	}
}

// npmReply is a whole answer: status, headers and body.
type npmReply struct {
	status int
	header http.Header
	body   []byte
}

// npmDo sends one request and reads the whole answer.
func npmDo(t *testing.T, client *http.Client, method, url string, header http.Header, body []byte) npmReply {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, url, err)
	}
	return npmReply{status: resp.StatusCode, header: resp.Header, body: data}
}

// npmJSON decodes a JSON answer body, failing the test (with the body) when it is not JSON.
func npmJSON(t *testing.T, r npmReply) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("answer %d is not a JSON object (%v): %s", r.status, err, clip(r.body))
	}
	return v
}

// npmCheckJSON checks a JSON answer's status, content type and exact bytes.
func npmCheckJSON(t *testing.T, r npmReply, status int, body string) {
	t.Helper()
	if r.status != status {
		t.Errorf("status %d, want %d; body %q", r.status, status, clip(r.body))
		return
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("content-type %q, want application/json", ct)
	}
	if string(r.body) != body {
		t.Errorf("body\n got %s\nwant %s", r.body, body)
	}
}

// npmFixtureFile reads a file of fixtures/<app>.
func npmFixtureFile(t *testing.T, app, rel string) string {
	t.Helper()
	return readFixture(t, filepath.Join(app, rel))
}

// npmDotenv returns the value of name in fixtures/<app>/.env (plain NAME=value or NAME="value" lines only).
func npmDotenv(t *testing.T, app, name string) string {
	t.Helper()
	for _, line := range strings.Split(npmFixtureFile(t, app, ".env"), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || k != name {
			continue
		}
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		return v
	}
	t.Fatalf("fixtures/%s/.env does not set %s", app, name)
	return ""
}
