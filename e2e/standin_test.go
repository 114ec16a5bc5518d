package e2e

import (
	"strings"
	"testing"
)

// TestDocsAppFetchStandins: `jsroute start fixtures/docs-app`, the README's first command, answers
// the examples that fetch a fake API (force-static, revalidate) as Next did while recorded: the
// fixture's .env names fake-api.json in JSROUTE_FETCH_STANDINS (engine/standin.go), which holds
// the answers of testdata/upstream/answers.json. No network, no test upstream.
func TestDocsAppFetchStandins(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	app := "docs-app"
	rec := loadRecording(t, app)
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/"+app)
	if !strings.Contains(p.output.String(), "fetch stand-ins: 2 URLs answered from fake-api.json") {
		t.Errorf("the start-up log does not name the stand-ins:\n%s", p.output)
	}
	client := newClient(nil)
	n := 0
	for _, c := range loadCases(t, app) {
		if !c.Upstream {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) { replayCase(t, client, p.base(), app, c, rec) })
	}
	if n == 0 {
		t.Fatal("no upstream case in the docs-app")
	}
	if strings.Contains(p.output.String(), "fetch failed") {
		t.Errorf("a fetch failed:\n%s", p.output)
	}
}

// TestStandinsMatchUpstream: the docs-app's stand-in file gives the answers real Next.js got.
func TestStandinsMatchUpstream(t *testing.T) {
	var fixture, recorded map[string]cannedAnswer
	readJSON(t, "../fixtures/docs-app/fake-api.json", &fixture)
	readJSON(t, "testdata/upstream/answers.json", &recorded)
	for u, a := range fixture {
		r, ok := recorded[u]
		if !ok || r.Status != a.Status || r.Body != a.Body || len(r.Headers) != len(a.Headers) {
			t.Errorf("%s: the stand-in differs from testdata/upstream/answers.json", u)
		}
	}
	if len(fixture) == 0 {
		t.Error("no stand-in")
	}
}
