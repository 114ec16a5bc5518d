package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// The npm-wasm fixture: hash-wasm (pinned by its package-lock.json), whose hashes are WebAssembly
// modules embedded as base64 and loaded through the standard JS API (WebAssembly.compile and
// WebAssembly.instantiate, the exported memory read through .buffer). Each case of
// fixtures/npm-wasm/lib/cases.js computes from fixed inputs; expected.json is what Node 20
// answers for the same code (re-recorded by `node record.mjs` there).
func TestNpmWasm(t *testing.T) {
	npmSetup(t, "npm-wasm")
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "npm-wasm", "expected.json"))
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
	base := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-wasm").base()
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
			if resp.StatusCode != http.StatusOK {
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
