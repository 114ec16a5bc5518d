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

// nodeBytesNeeds lists, per case prefix, the Node modules its package loads beyond this branch's
// buffer and crypto: a case whose modules are not all provided is skipped, naming them.
var nodeBytesNeeds = map[string][]string{
	"jwt-":    {"util", "stream"},          // jws: util.inherits, stream.Stream
	"stripe-": {"http", "https", "events"}, // stripe's Node build: new http.Agent(), EventEmitter
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
	provided := map[string]bool{}
	for _, m := range node.Registered() {
		provided[m] = true
	}
	names := make([]string, 0, len(expected.Answers))
	for n := range expected.Answers {
		names = append(names, n)
	}
	sort.Strings(names)
	client := newClient(nil)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var missing []string
			for prefix, mods := range nodeBytesNeeds {
				if strings.HasPrefix(name, prefix) {
					for _, m := range mods {
						if !provided[m] {
							missing = append(missing, "node:"+m)
						}
					}
				}
			}
			resp, err := client.Get(base + "/run/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				if len(missing) > 0 {
					t.Skipf("needs %s, not provided on this branch (status %d)", strings.Join(missing, ", "), resp.StatusCode)
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
