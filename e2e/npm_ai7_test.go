package e2e

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// TestNpmAI7Streaming: the AI SDK's current major (fixtures/ai7-app: ai@7.0.185, @ai-sdk/openai@4.0.126,
// zod@4.6.7 from npm) bundles and runs. ai@7 ships `await` inside an async arrow used as a default parameter,
// which goja's parser rejects: the loader lowers that one file (loader/compile.go). streamText talks to the
// local OpenAI stand-in of npm_aisdk_test.go through OPENAI_BASE_URL, and toTextStreamResponse streams the
// tokens as plain text, one piece per token.
func TestNpmAI7Streaming(t *testing.T) {
	npmSetup(t, "ai7-app")
	openai := startNpmFakeOpenAI(t)
	log := &lockedBuffer{}
	began := time.Now()
	eng, err := engine.New(engine.Options{
		Dir:     filepath.Join("..", "fixtures", "ai7-app"),
		Environ: []string{"OPENAI_API_KEY=" + npmOpenAIKey, "OPENAI_BASE_URL=" + openai.server.URL + "/v1"},
		Logger:  slog.New(slog.NewTextHandler(log, nil)),
		Workers: 1,
	})
	if err != nil {
		t.Fatalf("engine.New: %v", err)
	}
	t.Logf("engine.New (bundle, lower, compile, load) took %s", time.Since(began).Round(time.Millisecond))
	t.Cleanup(func() { eng.Close() })
	if p := eng.Problems(); len(p) > 0 {
		t.Errorf("problems: %q", p)
	}
	srv := httptest.NewServer(eng)
	t.Cleanup(srv.Close)
	defer func() {
		if t.Failed() {
			t.Logf("jsroute log:\n%s", log)
		}
	}()
	body := `{"prompt":"Say hello to the world."}`
	got, err := replay(newClient(nil), srv.URL, testCase{Method: "POST", Path: "/chat",
		Headers: map[string]string{"Content-Type": "application/json"}, Body: &body, Stream: true})
	if err != nil {
		t.Fatalf("POST /chat: %v", err)
	}
	if got.resp.StatusCode != 200 || string(got.body) != strings.Join(npmOpenAITokens, "") {
		t.Fatalf("POST /chat: %d %q, want 200 %q", got.resp.StatusCode, got.body, strings.Join(npmOpenAITokens, ""))
	}
	if ct := got.resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("content-type %q", ct)
	}
	// Streamed, not buffered: each token in a piece after the previous one's.
	prev := -1
	for _, tok := range npmOpenAITokens {
		i := slices.IndexFunc(got.arrivals, func(a arrival) bool { return strings.Contains(string(a.data), tok) })
		if i < prev || i < 0 {
			t.Errorf("token %q did not arrive after the previous token: %d pieces", tok, len(got.arrivals))
		}
		prev = i
	}
	if len(got.arrivals) < len(npmOpenAITokens) {
		t.Errorf("%d pieces for %d tokens: the answer was buffered", len(got.arrivals), len(npmOpenAITokens))
	}
	reqs := openai.requests()
	if len(reqs) != 1 || reqs[0].path != "/v1/chat/completions" || reqs[0].authorization != "Bearer "+npmOpenAIKey {
		t.Fatalf("requests to the stand-in: %+v", reqs)
	}
	var sent struct {
		Model  string `json:"model"`
		Stream bool   `json:"stream"`
	}
	if err := json.Unmarshal(reqs[0].body, &sent); err != nil || sent.Model != "gpt-4o" || !sent.Stream {
		t.Errorf("request body %s", reqs[0].body)
	}
}
