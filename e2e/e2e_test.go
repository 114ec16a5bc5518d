package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// TestNextParity serves each recorded app with `jsroute start` and replays every case that does not need the
// internet, comparing each answer with what real Next.js answered (e2e/nextjs/NOTES.md says what is compared).
func TestNextParity(t *testing.T) {
	for _, app := range recordedApps(t) {
		t.Run(app, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join("..", "fixtures", app)); err != nil {
				t.Skipf("recording without fixture: %v", err)
			}
			rec := loadRecording(t, app)
			cases := loadCases(t, app)
			if _, err := os.Stat(filepath.Join("..", "fixtures", app, "setup.sh")); err == nil {
				npmSetup(t, app) // an npm fixture: its packages first
			}
			p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/"+app)
			client := newClient(nil)
			for _, c := range cases {
				if c.Upstream {
					continue
				}
				t.Run(c.Name, func(t *testing.T) { replayCase(t, client, p.base(), app, c, rec) })
			}
		})
	}
}

// TestNextParityUpstream replays the cases whose route fetches the internet through the embedding API, with an
// HTTP client that sends every fetch to a local upstream serving testdata/upstream/answers.json.
func TestNextParityUpstream(t *testing.T) {
	for _, app := range recordedApps(t) {
		t.Run(app, func(t *testing.T) {
			var upstreamCases []testCase
			for _, c := range loadCases(t, app) {
				if c.Upstream {
					upstreamCases = append(upstreamCases, c)
				}
			}
			if len(upstreamCases) == 0 {
				t.Skip("no upstream cases")
			}
			rec := loadRecording(t, app)
			up := startUpstream(t)
			eng, err := engine.New(engine.Options{Dir: filepath.Join("..", "fixtures", app), HTTPClient: up.client()})
			if err != nil {
				t.Fatalf("engine.New: %v", err)
			}
			t.Cleanup(func() {
				if err := eng.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			srv := httptest.NewServer(eng)
			t.Cleanup(srv.Close)
			client := newClient(nil)
			for _, c := range upstreamCases {
				t.Run(c.Name, func(t *testing.T) { replayCase(t, client, srv.URL, app, c, rec) })
			}
			if len(up.requests()) == 0 {
				t.Errorf("no route fetched the upstream")
			}
		})
	}
}

func replayCase(t *testing.T, client *http.Client, base, app string, c testCase, rec recording) {
	t.Helper()
	if why := skipReason(app, c.Name); why != "" {
		t.Skip("known difference: " + why)
	}
	want, ok := rec.Answers[c.Name]
	if !ok {
		t.Fatalf("no recorded answer: run e2e/nextjs/record.sh %s", app)
	}
	got, err := replay(client, base, c)
	if err != nil {
		t.Fatalf("%s %s: %v", c.Method, c.Path, err)
	}
	compareReply(t, app, c, want, got)
	if t.Failed() {
		t.Logf("case %s: %s %s (%s)", c.Name, c.Method, c.Path, strings.TrimSpace(c.Note))
	}
}
