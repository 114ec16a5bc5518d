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

// The npm-node-core fixture: real npm packages (cookie, qs, lodash, yaml, marked, papaparse,
// xml2js, dayjs, date-fns), pinned by its package-lock.json, run unchanged in route handlers over
// jsroute's Node built-ins. fixtures/npm-node-core/expected.json is what Node 20 returns for the same
// cases (lib/cases.js, recorded by `node fixtures/npm-node-core/record.mjs`).
func TestNpmNodeCore(t *testing.T) {
	npmSetup(t, "npm-node-core")
	names, want := nodeCoreExpected(t, "npm-node-core")
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-node-core")
	checkNodeCore(t, p.base(), names, want)
}

// The npm-sweep fixture: one case per popular npm package family that route handlers use offline
// (ajv, yup, valibot, superstruct, cheerio, handlebars/mustache/ejs, luxon, moment, immer, ramda,
// remeda, devalue, markdown-it, fflate, ...), pinned by its package-lock.json.
// fixtures/npm-sweep/expected.json is Node 20's answer (`node fixtures/npm-sweep/record.mjs`).
func TestNpmSweep(t *testing.T) {
	npmSetup(t, "npm-sweep")
	names, want := nodeCoreExpected(t, "npm-sweep")
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-sweep")
	checkNodeCore(t, p.base(), names, want)
}

// checkNodeCore runs the named cases of a fixture built like fixtures/npm-node-core (GET /run/<case>
// answers lib/cases.js's case as JSON) on the server at base and checks each answer against Node 20's
// (expected.json).
func checkNodeCore(t *testing.T, base string, names []string, want map[string]any) {
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
			var got any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			if !reflect.DeepEqual(got, want[name]) {
				w, _ := json.Marshal(want[name])
				t.Errorf("jsroute differs from Node 20\n  node:    %s\n  jsroute: %s", w, body)
			}
		})
	}
}

// nodeCoreExpected reads Node 20's answers to the cases of fixtures/<app> (its expected.json, written by
// its record.mjs): their names, sorted, and the answers by name.
func nodeCoreExpected(t *testing.T, app string) ([]string, map[string]any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", app, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, want
}
