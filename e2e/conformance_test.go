package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// The conformance suite: fixtures/conformance-app/checks hold ~540 Web-platform checks (fetch,
// url, encoding, streams, file, dom, html, crypto) that run unchanged in Node 20 and as route
// handler code in jsroute. e2e/conformance/node-results.json is what Node 20 returns for each
// (made by `node e2e/conformance/node-run.mjs`); jsroute must return the same JSON, except for the
// checks pinned in e2e/conformance/known-failures.txt, each with its reason. A pinned check that
// passes fails the test too, so the list only ever shrinks as the code catches up.

const (
	conformanceDir     = "conformance"
	conformanceApp     = "fixtures/conformance-app"
	nodeResultsFile    = "node-results.json"
	knownFailuresFile  = "known-failures.txt"
	conformanceTimeout = 3 * time.Minute // one area, all its checks (each is limited to 3 s inside)
)

// checkResult is one entry of a /run/<area> answer and of node-results.json.
type checkResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Result any    `json:"result"`
	Error  string `json:"error,omitempty"`
}

// passes reports whether got matches Node's answer: the check ran without error and returned the
// same JSON value.
func (got checkResult) passes(want checkResult) bool {
	return got.OK && want.OK && reflect.DeepEqual(got.Result, want.Result)
}

func (r checkResult) String() string {
	if !r.OK {
		return "error: " + r.Error
	}
	b, _ := json.Marshal(r.Result)
	return string(b)
}

func TestConformance(t *testing.T) {
	want := loadNodeResults(t)
	known := loadKnownFailures(t)
	areas := make([]string, 0, len(want))
	for a := range want {
		areas = append(areas, a)
	}
	sort.Strings(areas)

	// Every pin must name a check that exists: a renamed or dropped check takes its pin along.
	for id := range known {
		area, name, _ := strings.Cut(id, "/")
		if !slicesContainsName(want[area], name) {
			t.Errorf("%s: pinned in %s but there is no such check in %s", id, knownFailuresFile, nodeResultsFile)
		}
	}

	p := startJsroute(t, "start", conformanceApp, "-p", "PORT", "-H", "127.0.0.1")
	got := map[string][]checkResult{}
	var summary []string
	for _, area := range areas {
		t.Run(area, func(t *testing.T) {
			results := runConformanceArea(t, p, area, want[area])
			got[area] = results
			byName := map[string]checkResult{}
			for _, r := range results {
				byName[r.Name] = r
			}
			pass := 0
			for _, w := range want[area] {
				id := area + "/" + w.Name
				g, ran := byName[w.Name]
				if !ran {
					g = checkResult{Name: w.Name, Error: "not in the answer"}
				}
				reason, pinned := known[id]
				switch ok := g.passes(w); {
				case ok && pinned:
					t.Errorf("%s passes now but is pinned (%q): remove it from %s", id, reason, knownFailuresFile)
					pass++
				case ok:
					pass++
				case !pinned:
					t.Errorf("%s:\n  node:    %s\n  jsroute: %s", id, clipText(w.String(), 600), clipText(g.String(), 600))
				}
				delete(byName, w.Name)
			}
			for name := range byName {
				t.Errorf("%s/%s ran in jsroute but is not in %s: re-run node-run.mjs", area, name, nodeResultsFile)
			}
			line := fmt.Sprintf("%s: %d/%d pass", area, pass, len(want[area]))
			summary = append(summary, line)
			t.Log(line)
		})
	}
	t.Log("conformance summary:\n  " + strings.Join(summary, "\n  "))
	if out := os.Getenv("JSROUTE_CONFORMANCE_OUT"); out != "" {
		writeConformanceOut(t, out, got)
	}
}

// runConformanceArea asks jsroute for every check of an area in one request. When that request
// fails (a crash rebuilds the runtime, a handler runs past a limit) it falls back to one request
// per missing check, so one bad check costs only its own result.
func runConformanceArea(t *testing.T, p *jsrouteProcess, area string, want []checkResult) []checkResult {
	t.Helper()
	results, err := getConformance(p, "/run/"+url.PathEscape(area))
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.Name] = true
	}
	if err != nil {
		t.Logf("%s: the whole-area run failed (%v); running the checks one by one", area, err)
	}
	for _, w := range want {
		if seen[w.Name] {
			continue
		}
		one, err := getConformance(p, "/run/"+url.PathEscape(area)+"?name="+url.QueryEscape(w.Name))
		switch {
		case err != nil:
			results = append(results, checkResult{Name: w.Name, Error: err.Error()})
		case len(one) != 1:
			results = append(results, checkResult{Name: w.Name, Error: fmt.Sprintf("%d results for one check", len(one))})
		default:
			results = append(results, one[0])
		}
	}
	return results
}

func getConformance(p *jsrouteProcess, path string) ([]checkResult, error) {
	client := &http.Client{Timeout: conformanceTimeout}
	resp, err := client.Get(p.base() + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d: %s", path, resp.StatusCode, clipText(string(body), 300))
	}
	var out []checkResult
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("GET %s: %v: %s", path, err, clipText(string(body), 300))
	}
	return out, nil
}

func loadNodeResults(t *testing.T) map[string][]checkResult {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(conformanceDir, nodeResultsFile))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Node    string                   `json:"node"`
		Results map[string][]checkResult `json:"results"`
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatalf("%s: %v", nodeResultsFile, err)
	}
	for area, rs := range file.Results {
		for _, r := range rs {
			if !r.OK {
				t.Fatalf("%s: %s/%s fails on Node %s (%s): the suite must pass 100%% on Node", nodeResultsFile, area, r.Name, file.Node, r.Error)
			}
		}
	}
	return file.Results
}

// loadKnownFailures reads `area/name<TAB>reason` lines; blank lines and # comments are skipped.
func loadKnownFailures(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(conformanceDir, knownFailuresFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, ok := strings.Cut(line, "\t")
		if !ok || !strings.Contains(id, "/") || strings.TrimSpace(reason) == "" {
			t.Fatalf("%s:%d: want `area/name<TAB>reason`, got %q", knownFailuresFile, n, line)
		}
		if _, dup := known[id]; dup {
			t.Fatalf("%s:%d: %s is pinned twice", knownFailuresFile, n, id)
		}
		known[id] = reason
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

func slicesContainsName(rs []checkResult, name string) bool {
	for _, r := range rs {
		if r.Name == name {
			return true
		}
	}
	return false
}

// writeConformanceOut saves jsroute's answers (JSROUTE_CONFORMANCE_OUT=path) for side-by-side reading.
func writeConformanceOut(t *testing.T, path string, got map[string][]checkResult) {
	b, err := json.MarshalIndent(got, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
