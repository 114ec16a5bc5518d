package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// The spec's AI SDK streaming example (fixtures/ai-sdk-app, verbatim: ai@3.4.33 + @ai-sdk/openai@0.0.72 from
// npm) served by the embedding API, its `openai('gpt-4-turbo')` talking to a local OpenAI stand-in that streams
// a chat completion token by token.

// npmOpenAITokens are the completion's tokens, npmOpenAIPause the stand-in's sleep before each.
var npmOpenAITokens = []string{"Hello", ",", " world", "!"}

const npmOpenAIPause = 150 * time.Millisecond

const npmOpenAIKey = "sk-jsroute-test"

// npmOpenAIRequest is what the route's provider sent to the stand-in.
type npmOpenAIRequest struct {
	method, path, authorization, contentType string
	body                                     []byte
}

// npmFakeOpenAI is a local OpenAI-compatible server: POST /v1/chat/completions answers with a streamed
// chat completion (server-sent events `data: {chunk}`, one token per event after a pause, then `data: [DONE]`),
// as api.openai.com does for `"stream": true`.
type npmFakeOpenAI struct {
	server *httptest.Server
	mu     sync.Mutex
	seen   []npmOpenAIRequest
}

func startNpmFakeOpenAI(t *testing.T) *npmFakeOpenAI {
	t.Helper()
	f := &npmFakeOpenAI{}
	f.server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

func (f *npmFakeOpenAI) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.seen = append(f.seen, npmOpenAIRequest{r.Method, r.URL.Path, r.Header.Get("Authorization"),
		r.Header.Get("Content-Type"), body})
	f.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"unknown endpoint","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher := w.(http.Flusher)
	event := func(choices string, extra string) {
		fmt.Fprintf(w, `data: {"id":"chatcmpl-jsroute","object":"chat.completion.chunk","created":1700000000,`+
			`"model":"gpt-4-turbo-2024-04-09","choices":%s%s}`+"\n\n", choices, extra)
		flusher.Flush()
	}
	choice := func(delta, finish string) string {
		return `[{"index":0,"delta":` + delta + `,"logprobs":null,"finish_reason":` + finish + `}]`
	}
	event(choice(`{"role":"assistant","content":""}`, "null"), "")
	for _, tok := range npmOpenAITokens {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(npmOpenAIPause):
		}
		tokJSON, _ := json.Marshal(tok)
		event(choice(`{"content":`+string(tokJSON)+`}`, "null"), "")
	}
	event(choice(`{}`, `"stop"`), "")
	event(`[]`, `,"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}`)
	fmt.Fprint(w, "data: [DONE]\n\n")
	flusher.Flush()
}

func (f *npmFakeOpenAI) requests() []npmOpenAIRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]npmOpenAIRequest(nil), f.seen...)
}

// client sends every request the route makes (to https://api.openai.com/v1/..., the provider's fixed base
// URL: @ai-sdk/openai 0.0.72 reads no OPENAI_BASE_URL) to the stand-in.
func (f *npmFakeOpenAI) client() *http.Client {
	target, _ := url.Parse(f.server.URL)
	return &http.Client{Transport: &rewriteTransport{target: target, next: f.server.Client().Transport}}
}

// npmAISDKBody is the data stream `result.toAIStream()` makes of the stand-in's completion (ai@3.4.33: text
// parts `0:"…"`, then the step's `e:` and the run's `d:` finish parts), as Next 16.4.6 sent it.
const npmAISDKBody = `0:"Hello"` + "\n" + `0:","` + "\n" + `0:" world"` + "\n" + `0:"!"` + "\n" +
	`e:{"finishReason":"stop","usage":{"promptTokens":9,"completionTokens":4},"isContinued":false}` + "\n" +
	`d:{"finishReason":"stop","usage":{"promptTokens":9,"completionTokens":4}}` + "\n"

// TestNpmAISDKStreaming: POST a chat to both variants of the example; the tokens must reach the client one by
// one, as the stand-in streams them, in the AI SDK's data stream format.
func TestNpmAISDKStreaming(t *testing.T) {
	npmSetup(t, "ai-sdk-app")
	openai := startNpmFakeOpenAI(t)
	log := &lockedBuffer{}
	eng, err := engine.New(engine.Options{
		Dir:        filepath.Join("..", "fixtures", "ai-sdk-app"),
		HTTPClient: openai.client(),
		Environ:    []string{"OPENAI_API_KEY=" + npmOpenAIKey},
		Logger:     slog.New(slog.NewTextHandler(log, nil)),
	})
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
	defer func() {
		if t.Failed() {
			t.Logf("jsroute log:\n%s", log)
		}
	}()

	messages := `[{"role":"user","content":"Say hello to the world."}]`
	for _, path := range []string{"/ts/chat", "/js/chat"} {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			before := len(openai.requests())
			body := `{"messages":` + messages + `}`
			c := testCase{Method: "POST", Path: path, Headers: map[string]string{"Content-Type": "application/json"},
				Body: &body, Stream: true}
			got, err := replay(client, srv.URL, c)
			if err != nil {
				t.Fatalf("POST %s: %v", path, err)
			}
			if got.resp.StatusCode != 200 {
				t.Fatalf("status %d, want 200; body %s", got.resp.StatusCode, clip(got.body))
			}
			if ct := got.resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("content-type %q, want text/plain; charset=utf-8", ct)
			}
			if string(got.body) != npmAISDKBody {
				t.Errorf("body\n got %q\nwant %q", got.body, npmAISDKBody)
			}

			// Each token arrives in a piece of its own, as the stand-in sends it: the answer streams, it is not
			// buffered. (The pauses themselves are left loose: a loaded machine stretches and squeezes them.)
			var pieces []string
			for _, a := range got.arrivals {
				pieces = append(pieces, fmt.Sprintf("%q@%s", a.data, a.at.Round(time.Millisecond)))
			}
			prev := -1
			for _, tok := range npmOpenAITokens {
				tokJSON, _ := json.Marshal(tok)
				i := slices.IndexFunc(got.arrivals, func(a arrival) bool {
					return strings.Contains(string(a.data), `0:`+string(tokJSON)+"\n")
				})
				if i <= prev {
					t.Errorf("token %q did not arrive in a piece after the previous token's: %v", tok, pieces)
					break
				}
				prev = i
			}
			if n := len(got.arrivals); n > 0 {
				span := got.arrivals[n-1].at - got.arrivals[0].at
				if want := time.Duration(len(npmOpenAITokens)-1) * npmOpenAIPause / 2; span < want {
					t.Errorf("the stream lasted %s from the first piece to the last, want ≥ %s: %v", span, want, pieces)
				}
			}

			// What the provider sent upstream.
			reqs := openai.requests()[before:]
			if len(reqs) != 1 {
				t.Fatalf("the route made %d requests to OpenAI, want 1: %+v", len(reqs), reqs)
			}
			r := reqs[0]
			if r.method != "POST" || r.path != "/v1/chat/completions" || r.authorization != "Bearer "+npmOpenAIKey ||
				r.contentType != "application/json" {
				t.Errorf("request to OpenAI: %s %s, authorization %q, content-type %q", r.method, r.path,
					r.authorization, r.contentType)
			}
			var sent struct {
				Model    string          `json:"model"`
				Stream   bool            `json:"stream"`
				Messages json.RawMessage `json:"messages"`
			}
			if err := json.Unmarshal(r.body, &sent); err != nil {
				t.Fatalf("request body %s: %v", r.body, err)
			}
			if sent.Model != "gpt-4-turbo" || !sent.Stream || string(sent.Messages) != messages {
				t.Errorf("request body %s: want model gpt-4-turbo, stream true, messages %s", r.body, messages)
			}
		})
	}
}
