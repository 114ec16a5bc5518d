package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// sequence is one entry of e2e/sequences/<app>.json: steps run in order on one server, each a request (a
// testCase; Check false sends it without comparing) or a pause.
type sequence struct {
	Name  string `json:"name"`
	Note  string `json:"note"`
	Steps []step `json:"steps"`
}

type step struct {
	testCase
	SleepMs int   `json:"sleepMs"`
	Check   *bool `json:"check"`
}

// sequenceRecording is e2e/testdata/nextjs/sequences/<app>.json (made by nextjs/record-seq.sh): an answer
// per step, null for a pause.
type sequenceRecording struct {
	Next      string               `json:"next"`
	Sequences map[string][]*answer `json:"sequences"`
}

// countingUpstream is the Go twin of nextjs/counter.mjs: every answer is {"path","n"}, n counting that
// path's requests.
func countingUpstream(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	counts := map[string]int{}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		counts[r.URL.Path]++
		n := counts[r.URL.Path]
		mu.Unlock()
		body, _ := json.Marshal(struct {
			Path string `json:"path"`
			N    int    `json:"n"`
		}{r.URL.Path, n})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// volatile matches the parts of an answer that differ between any two runs however right both are: a
// render's random id and an upstream count (how many fetches reached the network before, which depends
// on when the build or start prerendered).
var volatile = regexp.MustCompile(`"render":"[0-9a-f-]{36}"|\{"path":"[^"]*","n":\d+\}`)

// labeler names each distinct volatile value by its first appearance in a sequence (#1, #2, ...), so a
// recording and a run compare by which answers repeat an earlier value: "the same render", "a fresh
// fetch".
type labeler map[string]string

func (l labeler) normalize(body []byte) []byte {
	return volatile.ReplaceAllFunc(body, func(v []byte) []byte {
		label, ok := l[string(v)]
		if !ok {
			label = "#" + strconv.Itoa(len(l)+1)
			l[string(v)] = label
		}
		return []byte(`"` + label + `"`)
	})
}

// TestCacheSequences replays e2e/sequences/cache-next-app.json against `jsroute start` (UPSTREAM a
// countingUpstream) and compares each step with what `next start` answered (status, every header, the
// body with its volatile parts labelled): force-static and dynamicParams = false prerendered, ISR HIT →
// STALE → fresh, revalidateTag with a profile (stale once, then fresh) and without (fresh at once),
// revalidatePath, updateTag's error, segment fetchCache. Pauses are slept as recorded.
func TestCacheSequences(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server and sleeps")
	}
	const app = "cache-next-app"
	var seqs []sequence
	readJSON(t, "sequences/"+app+".json", &seqs)
	var rec sequenceRecording
	readJSON(t, "testdata/nextjs/sequences/"+app+".json", &rec)
	t.Setenv("UPSTREAM", countingUpstream(t).URL)
	p := startJsroute(t, "start", "fixtures/"+app, "-p", "PORT", "-H", "127.0.0.1")
	client := newClient(&http.Transport{})
	for _, seq := range seqs {
		answers := rec.Sequences[seq.Name]
		if len(answers) != len(seq.Steps) {
			t.Fatalf("%s: %d recorded answers for %d steps: re-record (nextjs/record-seq.sh %s)", seq.Name, len(answers), len(seq.Steps), app)
		}
		t.Run(seq.Name, func(t *testing.T) {
			want, got := labeler{}, labeler{}
			for i, st := range seq.Steps {
				if st.SleepMs > 0 {
					time.Sleep(time.Duration(st.SleepMs) * time.Millisecond)
					continue
				}
				r, err := replay(client, p.base(), st.testCase)
				if err != nil {
					t.Fatalf("%s: %v", st.Name, err)
				}
				if st.Check != nil && !*st.Check {
					// A warm-up step: what it answers depends on how long ago the build or the
					// start prerendered, so it is neither compared nor labelled.
					continue
				}
				a := *answers[i]
				wantBody := want.normalize(a.bytes())
				r.body = got.normalize(r.body)
				a.Body, a.BodyBase64 = ptr(string(wantBody)), ""
				t.Run(st.Name, func(t *testing.T) { compareReply(t, app, st.testCase, a, r) })
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
