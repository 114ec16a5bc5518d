package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// specPath is the shared spec, beside the repository (the layout of a checkout and of CI).
var specPath = filepath.Join("..", "..", "shared", "spec", "route-handlers.md")

var codeBlock = regexp.MustCompile("(?s)```(ts|js)\n(.*?)```")

// specExamples maps the index of a code block in spec/route-handlers.md to the fixture file that holds it
// verbatim. The page/route conflict block (4) is split between two files; 5 is its JS twin (no app of its own).
var specExamples = map[int]string{
	0: "docs-app/app/ts/convention/route.ts", 1: "docs-app/app/js/convention/route.js",
	2: "docs-app/app/ts/force-static/route.ts", 3: "docs-app/app/js/force-static/route.js",
	6: "docs-app/app/ts/revalidate/route.ts", 7: "docs-app/app/js/revalidate/route.js",
	8: "docs-app/app/ts/cookies/route.ts", 9: "docs-app/app/js/cookies/route.js",
	10: "docs-app/app/ts/request-cookies/route.ts", 11: "docs-app/app/js/request-cookies/route.js",
	12: "docs-app/app/ts/headers/route.ts", 13: "docs-app/app/js/headers/route.js",
	14: "docs-app/app/ts/request-headers/route.ts", 15: "docs-app/app/js/request-headers/route.js",
	16: "docs-app/app/ts/redirect/route.ts", 17: "docs-app/app/js/redirect/route.js",
	18: "docs-app/app/ts/items/[slug]/route.ts", 19: "docs-app/app/js/items/[slug]/route.js",
	20: "docs-app/app/ts/api/search/route.ts", 21: "docs-app/app/js/api/search/route.js",
	22: "ai-sdk-app/app/ts/chat/route.ts", 23: "ai-sdk-app/app/js/chat/route.js",
	24: "docs-app/app/ts/stream/route.ts", 25: "docs-app/app/js/stream/route.js",
	26: "docs-app/app/ts/request-body/route.ts", 27: "docs-app/app/js/request-body/route.js",
	28: "docs-app/app/ts/form-data/route.ts", 29: "docs-app/app/js/form-data/route.js",
	30: "docs-app/app/ts/cors/route.ts", 31: "docs-app/app/js/cors/route.js",
	32: "docs-app/app/ts/webhook/route.ts", 33: "docs-app/app/js/webhook/route.js",
	34: "docs-app/app/ts/rss/route.ts", 35: "docs-app/app/js/rss/route.js",
	36: "docs-app/app/ts/segment-config/route.ts", 37: "docs-app/app/js/segment-config/route.js",
}

func readFixture(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "fixtures", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestFixturesAreSpecExamples: every code example of the spec is a fixture file, byte for byte.
func TestFixturesAreSpecExamples(t *testing.T) {
	spec, err := os.ReadFile(specPath)
	if err != nil {
		t.Skipf("spec not beside the repository: %v", err)
	}
	blocks := codeBlock.FindAllStringSubmatch(string(spec), -1)
	if len(blocks) != 38 {
		t.Fatalf("spec has %d code blocks, the fixtures were made from 38: update specExamples", len(blocks))
	}
	for i, b := range blocks {
		if i == 4 || i == 5 {
			continue
		}
		if got := readFixture(t, specExamples[i]); got != b[2] {
			t.Errorf("%s differs from spec code block %d:\n%q\nwant\n%q", specExamples[i], i, got, b[2])
		}
	}
	// The conflict example: page.tsx, a blank line, route.ts.
	page, route := readFixture(t, "conflict-app/app/page.tsx"), readFixture(t, "conflict-app/app/route.ts")
	if page+"\n"+route != blocks[4][2] {
		t.Errorf("conflict-app page.tsx + route.ts differ from spec code block 4")
	}
}

// routePattern turns "app/ts/items/[slug]/route.ts" into a regexp for request paths that reach it.
func routePattern(rel string) *regexp.Regexp {
	dir := strings.TrimPrefix(filepath.ToSlash(filepath.Dir(rel)), "app")
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "[") {
			parts[i] = "[^/]+"
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return regexp.MustCompile("^" + strings.Join(parts, "/") + `(\?.*)?$`)
}

// TestEveryRouteHasCases: each route file of docs-app is requested by at least one case, and the README table
// names it.
func TestEveryRouteHasCases(t *testing.T) {
	const app = "docs-app"
	root := filepath.Join("..", "fixtures", app)
	readme := readFixture(t, app+"/README.md")
	cases := loadCases(t, app)
	var routes int
	err := filepath.WalkDir(filepath.Join(root, "app"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !regexp.MustCompile(`^route\.(ts|js)$`).MatchString(d.Name()) {
			return err
		}
		routes++
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if !strings.Contains(readme, "`"+rel+"`") {
			t.Errorf("README.md does not list %s", rel)
		}
		re := routePattern(rel)
		if !slices.ContainsFunc(cases, func(c testCase) bool { return re.MatchString(c.Path) }) {
			t.Errorf("no case requests %s", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if routes != 34 {
		t.Errorf("docs-app has %d routes, want 34 (17 examples × TS and JS)", routes)
	}
}

// TestRecordingsMatchCases: every case has a recorded answer and every answer a case, so a case added without
// re-running e2e/nextjs/record.sh is caught here rather than as a confusing parity failure.
func TestRecordingsMatchCases(t *testing.T) {
	for _, app := range recordedApps(t) {
		t.Run(app, func(t *testing.T) {
			rec := loadRecording(t, app)
			if !regexp.MustCompile(`^\d+\.\d+\.\d+`).MatchString(rec.Next) {
				t.Errorf("recording has no pinned Next.js version: %q", rec.Next)
			}
			seen := map[string]bool{}
			for _, c := range loadCases(t, app) {
				if seen[c.Name] {
					t.Errorf("duplicate case %s", c.Name)
				}
				seen[c.Name] = true
				a, ok := rec.Answers[c.Name]
				switch {
				case !ok:
					t.Errorf("case %s has no recorded answer: run e2e/nextjs/record.sh %s", c.Name, app)
				case c.Stream && len(a.Chunks) == 0 && len(a.bytes()) > 0:
					t.Errorf("stream case %s has a body but no recorded chunks", c.Name)
				}
			}
			for name := range rec.Answers {
				if !seen[name] {
					t.Errorf("recorded answer %s has no case", name)
				}
			}
		})
	}
}

// TestUpstreamTwin: the Go upstream gives the bytes the Node one gave while Next was recorded. The force-static
// route answers Response.json({ data }) of the upstream's JSON, with API-Key from docs-app/.env.
func TestUpstreamTwin(t *testing.T) {
	rec := loadRecording(t, "docs-app")
	client := startUpstream(t).client()
	for _, tc := range []struct {
		url, answer, wrap string
		headers           map[string]string
	}{
		{"https://data.mongodb-api.com/...", "ts-force-static-get", `{"data":%s}`,
			map[string]string{"Content-Type": "application/json", "API-Key": "docs-app-test-key-1234"}},
		{"https://api.vercel.app/blog", "ts-revalidate-get", `%s`, nil},
	} {
		req, _ := http.NewRequest("GET", tc.url, nil)
		for k, v := range tc.headers {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d %s", tc.url, resp.StatusCode, body)
		}
		if want := *rec.Answers[tc.answer].Body; fmt.Sprintf(tc.wrap, body) != want {
			t.Errorf("%s: upstream body %s does not give Next's %s", tc.url, body, want)
		}
	}
	if env := readFixture(t, "docs-app/.env"); !strings.Contains(env, "DATA_API_KEY=docs-app-test-key-1234\n") {
		t.Errorf("docs-app/.env no longer gives the key the recording echoes: %q", env)
	}
}
