package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
)

// The npm-node-bytes fixture: real npm packages that use node:crypto and Buffer (jsonwebtoken,
// stripe's webhook helpers, @octokit/webhooks-methods, uuid, nanoid), pinned by its
// package-lock.json. Each case of fixtures/npm-node-bytes/lib/cases.js computes from fixed inputs;
// expected.json is what Node 20 answers for the same code (re-recorded by `node record.mjs` there).
// A case whose package needs a built-in jsroute does not provide is skipped, naming it.

// needs lists, per case prefix, the built-ins its package loads beyond buffer and crypto. A case
// whose built-ins are not all registered may fail to load (a stand-in is no constructor) and is
// skipped, naming them; where they are registered but lack what the package calls, the route
// answers 501 with ERR_NOT_SUPPORTED and the case is skipped too.
var needs = map[string][]string{
	"jwt-":    {"util", "stream"}, // jws: util.inherits, stream.Stream
	"stripe-": {"http", "events"}, // stripe's Node build: new http.Agent(), EventEmitter
	"iconv-":  {"stream"},         // its streaming API subclasses stream.Transform at load
	"sax":     {"stream"},         // SAXStream extends Stream
	"jszip":   {"stream"},         // readable-stream's Node entry is node:stream
}

func TestNpmNodeBytes(t *testing.T) {
	npmSetup(t, "npm-node-bytes")
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "npm-node-bytes", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Node    string                     `json:"node"`
		Answers map[string]json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatal(err)
	}
	base := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-node-bytes").base()
	registered := map[string]bool{}
	for _, m := range node.Registered() {
		registered[m] = true
	}
	names := make([]string, 0, len(expected.Answers))
	for n := range expected.Answers {
		names = append(names, n)
	}
	sort.Strings(names)
	client := newClient(nil)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			resp, err := client.Get(base + "/run/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotImplemented {
				// The route answers 501 only for ERR_NOT_SUPPORTED: a built-in the package
				// needs (stripe: http.Agent) that jsroute does not provide.
				var ns struct{ NotSupported string }
				json.Unmarshal(body, &ns)
				t.Skipf("the package needs a Node built-in jsroute does not provide: %s", ns.NotSupported)
			}
			if resp.StatusCode != http.StatusOK {
				var missing []string
				for prefix, mods := range needs {
					for _, m := range mods {
						if strings.HasPrefix(name, prefix) && !registered[m] {
							missing = append(missing, "node:"+m)
						}
					}
				}
				if len(missing) > 0 {
					t.Skipf("needs %s, not in this build (status %d)", strings.Join(missing, ", "), resp.StatusCode)
				}
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			var got, want any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("not JSON: %v: %s", err, body)
			}
			json.Unmarshal(expected.Answers[name], &want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("jsroute and Node %s differ\n jsroute: %s\n node:    %s", expected.Node, body, expected.Answers[name])
			}
		})
	}
}
