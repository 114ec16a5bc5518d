package e2e

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// TestNpmGojaGaps: real npm packages that ran into goja gaps (fixtures/gaps-app, pinned: hono 4.13.23 — class
// fields named get/set; he 1.2.0 — a surrogate-pair class without the u flag; minisearch 7.2.0 — \p{Z}\p{P}
// in a class; @trpc/server 11.25.2 — a Proxy apply trap's arguments kept across an await) answer as the same
// route modules do in Node 20 (fixtures/gaps-app/node.json, recorded by `node record.mjs` there).
func TestNpmGojaGaps(t *testing.T) {
	npmSetup(t, "gaps-app")
	dir := filepath.Join("..", "fixtures", "gaps-app")
	log := &lockedBuffer{}
	eng, err := engine.New(engine.Options{Dir: dir, Workers: 1, Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatalf("engine.New: %v", err)
	}
	t.Cleanup(func() { eng.Close() })
	if p := eng.Problems(); len(p) > 0 {
		t.Errorf("problems: %q", p)
	}
	srv := httptest.NewServer(eng)
	t.Cleanup(srv.Close)
	checkGojaGaps(t, srv.URL)
	if t.Failed() {
		t.Logf("jsroute log:\n%s", log)
	}
}

// checkGojaGaps runs fixtures/gaps-app's cases (cases.json) on the server at base and checks each answer
// against Node's (node.json).
func checkGojaGaps(t *testing.T, base string) {
	t.Helper()
	dir := filepath.Join("..", "fixtures", "gaps-app")
	var cases []struct {
		Name, Method, Path, Body string
	}
	want := map[string]struct {
		Status      int
		ContentType string
		Body        string
	}{}
	for file, v := range map[string]any{"cases.json": &cases, "node.json": &want} {
		raw, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.Method, base+c.Path, strings.NewReader(c.Body))
		if c.Body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		w := want[c.Name]
		if res.StatusCode != w.Status || res.Header.Get("Content-Type") != w.ContentType || string(body) != w.Body {
			t.Errorf("%s: %d %q %s\n  Node: %d %q %s", c.Name, res.StatusCode, res.Header.Get("Content-Type"), body, w.Status, w.ContentType, w.Body)
		}
	}
}
