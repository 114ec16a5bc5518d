package e2e

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// TestDevReloadLatency measures issue 11's developer loop through the built binary: `jsroute dev` on a copy
// of fixtures/docs-app (34 routes), 20 edits of one route, then a new route and a deleted one. Each delay
// is from the moment the file is written to the first answer showing the change, found by polling the URL
// without pause. It logs the median and p90 (go test -v -run TestDevReloadLatency ./e2e/); it asserts only
// that every change is served, within a generous limit, never a time.
func TestDevReloadLatency(t *testing.T) {
	t.Run("docs-app", func(t *testing.T) { devReloadLatency(t, "docs-app", "") })
	// A route importing zod (≈ 700 KB of bundle): what most real apps look like.
	t.Run("npm-app", func(t *testing.T) {
		npmSetup(t, "npm-app")
		devReloadLatency(t, "npm-app", "import { z } from 'zod'\nconst Name = z.string().min(1)\n")
	})
}

// devReloadLatency runs the measure on a copy of fixtures/<app> (node_modules linked, not copied), the edited
// route starting with header.
func devReloadLatency(t *testing.T, app, header string) {
	dir := t.TempDir()
	src := filepath.Join(repoRoot(t), "fixtures", app)
	copyTree(t, src, dir)
	write := func(rel, src string) {
		t.Helper()
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	route := func(text string) string {
		return header + "export async function GET(request: Request) {\n  return new Response(" + jsQuote(text) + ")\n}\n"
	}
	write("app/edit/route.ts", route("v0"))
	// Two workers by default, the figures of issue 11 (one per CPU then); JSROUTE_E2E_DEV_WORKERS=default
	// measures what `jsroute dev` starts with no --workers.
	args := []string{"dev", "-p", "PORT", "-H", "127.0.0.1", dir}
	workers := cmp.Or(os.Getenv("JSROUTE_E2E_DEV_WORKERS"), "2")
	if workers != "default" {
		args = append(args, "--workers", workers)
	}
	current := os.Getenv("JSROUTE_E2E_BIN") == "" // an older build may not know --verbose
	if current {
		args = append(args, "--verbose") // where each reload's time went
	}
	p := startJsroute(t, args...)
	client := newClient(nil)

	get := func(path string) (int, string) {
		resp, err := client.Get(p.base() + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	// until polls path from the moment of the change and returns how long it took to see want.
	until := func(what, path string, change func(), want func(status int, body string) bool) time.Duration {
		t.Helper()
		start := time.Now()
		change()
		for {
			status, body := get(path)
			if want(status, body) {
				return time.Since(start)
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("%s: %s still answers %d %q 10 s after the change", what, path, status, body)
			}
		}
	}
	if status, body := get("/edit"); status != 200 || body != "v0" {
		t.Fatalf("GET /edit = %d %q, want 200 v0", status, body)
	}

	var edits []time.Duration
	for i := 1; i <= 20; i++ {
		text := fmt.Sprintf("v%d", i)
		d := until("edit "+text, "/edit", func() { write("app/edit/route.ts", route(text)) },
			func(status int, body string) bool { return status == 200 && body == text })
		edits = append(edits, d)
		time.Sleep(150 * time.Millisecond) // a person types between saves; let the watcher go quiet
	}
	added := until("new route", "/added", func() { write("app/added/route.ts", route("added")) },
		func(status int, body string) bool { return status == 200 && body == "added" })
	time.Sleep(150 * time.Millisecond)
	deleted := until("deleted route", "/added", func() {
		if err := os.RemoveAll(filepath.Join(dir, "app", "added")); err != nil {
			t.Fatal(err)
		}
	}, func(status int, body string) bool { return status == http.StatusNotFound })

	t.Logf("%s: reload after an edit (20 edits, workers: %s): median %s, p90 %s, min %s, max %s",
		app, workers, ms(percentile(edits, 50)), ms(percentile(edits, 90)), ms(slices.Min(edits)), ms(slices.Max(edits)))
	t.Logf("new route served after %s; deleted route 404 after %s", ms(added), ms(deleted))
	if current {
		var bundle, boot []time.Duration
		for _, m := range reloadPhases.FindAllStringSubmatch(p.output.String(), -1) {
			b, _ := time.ParseDuration(m[1])
			r, _ := time.ParseDuration(m[3])
			bundle, boot = append(bundle, b), append(boot, r)
		}
		if len(bundle) > 0 {
			t.Logf("inside the server, %d reloads: bundle (esbuild + goja compile) median %s, runtimes median %s; packages: %d reused",
				len(bundle), ms(percentile(bundle, 50)), ms(percentile(boot, 50)), strings.Count(p.output.String(), "packages reused"))
		}
	}
}

// reloadPhases reads a --verbose reload line: bundle, packages, runtimes.
var reloadPhases = regexp.MustCompile(`✓ reloaded in \S+ \(bundle (\S+?), (packages [^,]+, )?runtimes (\S+?)\)`)

// percentile is the nearest-rank percentile of ds.
func percentile(ds []time.Duration, pc int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (pc*len(s)+99)/100 - 1
	return s[max(0, min(i, len(s)-1))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func jsQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// copyTree copies the files under src into dst (made if missing), except node_modules folders: those it links.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() && d.Name() == "node_modules" {
			if err := os.Symlink(p, to); err != nil {
				return err
			}
			return filepath.SkipDir
		}
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDevSplitAnswers: `jsroute dev` bundles the packages apart from the app (loader/vendor.go); routes must
// answer as with one bundle. fixtures/npm-node-core's and gaps-app's cases against Node's answers (both
// import packages from "type": "module" files, where the split is not made), and the recorded cases of
// npm-flags and npm-node-stream, each answered by a dev engine with the split and one without
// (JSROUTE_DEV_SPLIT=0): status, body and headers (but date) must be equal.
func TestDevSplitAnswers(t *testing.T) {
	devEngine := func(t *testing.T, app string, split bool) string {
		t.Helper()
		if !split {
			t.Setenv("JSROUTE_DEV_SPLIT", "0")
		}
		e, err := engine.New(engine.Options{Dir: filepath.Join(repoRoot(t), "fixtures", app), Dev: true, Workers: 1,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		if !split && e.SplitPackages() {
			t.Fatalf("%s: packages bundled apart with JSROUTE_DEV_SPLIT=0", app)
		}
		if split && !e.SplitPackages() && app != "npm-node-core" {
			t.Fatalf("%s: packages not bundled apart", app)
		}
		srv := httptest.NewServer(e)
		t.Cleanup(func() { srv.Close(); e.Close() })
		return srv.URL
	}
	// npm-node-core's lib/ is "type": "module": no split (vendor.go), the answers must be Node's all the same.
	t.Run("npm-node-core", func(t *testing.T) {
		npmSetup(t, "npm-node-core")
		names, want := nodeCoreExpected(t, "npm-node-core")
		checkNodeCore(t, devEngine(t, "npm-node-core", true), names, want)
	})
	// ES module packages imported from "type": "module" files: the split is not made there (vendor.go), a
	// reload (the first load falls back for the files it lowers) must answer as Node does too.
	t.Run("gaps-app", func(t *testing.T) {
		npmSetup(t, "gaps-app")
		e, err := engine.New(engine.Options{Dir: filepath.Join(repoRoot(t), "fixtures", "gaps-app"), Dev: true, Workers: 1,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(e)
		t.Cleanup(func() { srv.Close(); e.Close() })
		checkGojaGaps(t, srv.URL)
		if err := e.Reload(); err != nil {
			t.Fatal(err)
		}
		checkGojaGaps(t, srv.URL)
	})
	for _, app := range []string{"npm-flags", "npm-node-stream"} {
		t.Run(app, func(t *testing.T) {
			npmSetup(t, app)
			split, one := devEngine(t, app, true), devEngine(t, app, false)
			client := newClient(nil)
			for _, c := range loadCases(t, app) {
				if c.Upstream {
					continue
				}
				t.Run(c.Name, func(t *testing.T) {
					a, b := answerOf(t, client, c, split), answerOf(t, client, c, one)
					if a != b {
						t.Errorf("split:\n%s\none bundle:\n%s", a, b)
					}
				})
			}
		})
	}
}

// answerOf is the case's answer from base as text: status, sorted headers but date, body.
func answerOf(t *testing.T, client *http.Client, c testCase, base string) string {
	t.Helper()
	req, err := c.newRequest(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var lines []string
	for k, vs := range resp.Header {
		if k != "Date" {
			lines = append(lines, k+": "+strings.Join(vs, ", "))
		}
	}
	slices.Sort(lines)
	return fmt.Sprintf("%d\n%s\n\n%s", resp.StatusCode, strings.Join(lines, "\n"), body)
}

// TestDevErrors: what `jsroute dev` shows of an error. A thrown error: 500 with no body (as next dev), and the
// terminal prints the source-mapped stack and a code frame at the throwing .ts line. A route that does not
// build: its diagnostic printed once, with its code frame, and answered 500: an HTML page to a browser, text to
// anything else, until the file is fixed. A module that throws while loading: 500 with the error and its frame.
func TestDevErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) {
		t.Helper()
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app/boom/route.ts", `function helper(n: number): number {
  if (n > 1) {
    throw new Error('boom at ' + n)
  }
  return n
}

export async function GET(request: Request) {
  const x: number = 2
  return new Response(String(helper(x)))
}
`)
	write("app/hello/route.ts", "export async function GET(request: Request) {\n  return new Response('hello')\n}\n")
	write("app/initfail/route.ts", `const config = JSON.parse('{"a": 1}')

if (config.a === 1) {
  throw new TypeError('bad config: a is ' + config.a)
}

export function GET() { return new Response('x') }
`)
	p := startJsroute(t, "dev", "-p", "PORT", "-H", "127.0.0.1", dir)
	client := newClient(nil)
	get := func(path, accept string) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", p.base()+path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

	t.Run("thrown", func(t *testing.T) {
		status, _, body := get("/boom", browser)
		if status != 500 || body != "" {
			t.Errorf("GET /boom = %d %q, want 500 with no body (next dev)", status, body)
		}
		frame := "Error: boom at 2\n\tat helper (app/boom/route.ts:3:11)\n"
		code := "  1 | function helper(n: number): number {\n  2 |   if (n > 1) {\n> 3 |     throw new Error('boom at ' + n)\n" +
			"    |           ^\n  4 |   }\n  5 |   return n\n  6 | }\n"
		if !eventually(2*time.Second, func() bool { return strings.Contains(p.output.String(), code) }) ||
			!strings.Contains(p.output.String(), frame) {
			t.Errorf("the terminal lacks the stack\n%s\nand the frame\n%s\nin:\n%s", frame, code, p.output)
		}
	})
	t.Run("load", func(t *testing.T) {
		status, ctype, body := get("/initfail", "")
		want := "app/initfail/route.ts: error: the module failed to load: TypeError: bad config: a is 1\n" +
			"\tat app/initfail/route.ts (app/initfail/route.ts:4:9)\n"
		if status != 500 || ctype != "text/plain; charset=utf-8" || !strings.HasPrefix(body, want) ||
			!strings.Contains(body, "> 4 |   throw new TypeError('bad config: a is ' + config.a)\n    |         ^\n") ||
			strings.Contains(body, "jsroute-entry") || strings.Contains(body, "jsroute-bundle.js") {
			t.Errorf("GET /initfail = %d %s\n%s\nwant 500 text starting\n%s\nwith a frame at line 4", status, ctype, body, want)
		}
	})
	t.Run("build", func(t *testing.T) {
		const diag = "app/hello/route.ts:3:1: error: Expected \")\" but found \"}\"\n    3 | }\n      | ^"
		write("app/hello/route.ts", "export async function GET(request: Request) {\n  return new Response('hello'\n}\n")
		if !eventually(5*time.Second, func() bool { status, _, _ := get("/hello", ""); return status == 500 }) {
			t.Fatal("the broken route still answers")
		}
		status, ctype, body := get("/hello", "")
		if status != 500 || ctype != "text/plain; charset=utf-8" || body != diag {
			t.Errorf("GET /hello = %d %s %q, want 500 text %q", status, ctype, body, diag)
		}
		status, ctype, body = get("/hello", browser)
		escaped := strings.NewReplacer(`"`, "&#34;").Replace(diag)
		if status != 500 || ctype != "text/html; charset=utf-8" || !strings.HasPrefix(body, "<!DOCTYPE html>") ||
			!strings.Contains(body, "<pre>"+escaped+"</pre>") {
			t.Errorf("GET /hello (browser) = %d %s\n%s\nwant an HTML page with <pre>%s</pre>", status, ctype, body, escaped)
		}
		if _, _, body = get("/hello", "text/html;q=0, text/plain"); strings.Contains(body, "<html") {
			t.Error("text/html;q=0 got the HTML page")
		}
		// The new load serves its 500s a moment before the watcher's report reaches the terminal.
		eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), diag) })
		if n := strings.Count(p.output.String(), diag); n != 1 {
			t.Errorf("the terminal shows the diagnostic %d times, want once:\n%s", n, p.output)
		}
		if !strings.Contains(p.output.String(), "⨯ reload failed; the routes below answer 500 until fixed:\n") ||
			strings.Contains(p.output.String(), "✓ reloaded") {
			t.Errorf("the terminal does not say the reload failed:\n%s", p.output)
		}
		write("app/hello/route.ts", "export async function GET(request: Request) {\n  return new Response('fixed')\n}\n")
		if !eventually(5*time.Second, func() bool { status, _, body := get("/hello", ""); return status == 200 && body == "fixed" }) {
			t.Error("the fixed route does not answer")
		}
	})
}

// TestDevLogModes: dev's reload messages in each log format. --log-format json: every line of the output a
// JSON object, a good reload a "✓ reloaded" record naming the changed file, a broken one a "⨯ reload failed"
// record with the diagnostic. --verbose text: the reload's timing and the changed file.
func TestDevLogModes(t *testing.T) {
	route := func(text string) string {
		return "export async function GET(request: Request) {\n  return new Response(" + jsQuote(text) + ")\n}\n"
	}
	setup := func(t *testing.T, args ...string) (string, *jsrouteProcess, func(string) string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "app", "hello", "route.ts")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(route("v1")), 0o644); err != nil {
			t.Fatal(err)
		}
		p := startJsroute(t, append([]string{"dev", "-p", "PORT", "-H", "127.0.0.1", dir}, args...)...)
		client := newClient(nil)
		get := func(path string) string {
			resp, err := client.Get(p.base() + path)
			if err != nil {
				return err.Error()
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			return string(data)
		}
		return file, p, get
	}
	t.Run("json", func(t *testing.T) {
		file, p, get := setup(t, "--log-format", "json")
		os.WriteFile(file, []byte(route("v2")), 0o644)
		if !eventually(5*time.Second, func() bool { return get("/hello") == "v2" }) {
			t.Fatal("the edit is not served")
		}
		os.WriteFile(file, []byte("export async function GET() {\n  return new Response('v3'\n}\n"), 0o644)
		if !eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), "reload failed") }) {
			t.Fatalf("no reload failure logged:\n%s", p.output)
		}
		var ok, failed bool
		for _, line := range strings.Split(strings.TrimSpace(p.output.String()), "\n") {
			var rec struct {
				Level       string   `json:"level"`
				Msg         string   `json:"msg"`
				Changed     []string `json:"changed"`
				TookMS      *float64 `json:"took_ms"`
				Diagnostics []string `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("not a JSON line: %q", line)
				continue
			}
			changed := slices.Equal(rec.Changed, []string{"app/hello/route.ts"}) && rec.TookMS != nil
			switch {
			case rec.Msg == "✓ reloaded" && rec.Level == "INFO" && changed:
				ok = true
			case strings.HasPrefix(rec.Msg, "⨯ reload failed") && rec.Level == "ERROR" && changed && len(rec.Diagnostics) == 1 &&
				strings.HasPrefix(rec.Diagnostics[0], "app/hello/route.ts:3:1: error:"):
				failed = true
			}
		}
		if !ok || !failed {
			t.Errorf("want a ✓ reloaded record (%v) and a ⨯ reload failed record with the diagnostic (%v):\n%s", ok, failed, p.output)
		}
	})
	t.Run("verbose", func(t *testing.T) {
		file, p, get := setup(t, "--verbose")
		os.WriteFile(file, []byte(route("v2")), 0o644)
		if !eventually(5*time.Second, func() bool { return get("/hello") == "v2" }) {
			t.Fatal("the edit is not served")
		}
		line := regexp.MustCompile(`✓ reloaded in [0-9.]+(µs|ms|s) \(bundle [0-9.]+(µs|ms|s), runtimes [0-9.]+(µs|ms|s)\) after a change to app/hello/route\.ts\n`)
		if !eventually(2*time.Second, func() bool { return line.MatchString(p.output.String()) }) {
			t.Errorf("no line matching %s in:\n%s", line, p.output)
		}
	})
}

// TestDevPackageEdit: a package edited in node_modules (patched by hand, or by a tool) reloads the app, and
// its new code is served (the packages' own program is built again: loader/vendor.go).
func TestDevPackageEdit(t *testing.T) {
	dir := t.TempDir()
	for rel, src := range map[string]string{
		"node_modules/greet/package.json": `{"name": "greet", "main": "index.js"}`,
		"node_modules/greet/index.js":     "exports.greet = (name) => 'hello ' + name\n",
		"app/hi/route.ts":                 "import { greet } from 'greet'\nexport function GET() { return new Response(greet('you')) }\n",
	} {
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p := startJsroute(t, "dev", "-p", "PORT", "-H", "127.0.0.1", "--verbose", dir)
	client := newClient(nil)
	get := func() string {
		resp, err := client.Get(p.base() + "/hi")
		if err != nil {
			return err.Error()
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return string(data)
	}
	if got := get(); got != "hello you" {
		t.Fatalf("GET /hi = %q", got)
	}
	start := time.Now()
	if err := os.WriteFile(filepath.Join(dir, "node_modules/greet/index.js"), []byte("exports.greet = (name) => 'hi ' + name\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !eventually(5*time.Second, func() bool { return get() == "hi you" }) {
		t.Fatalf("the edited package is not served: %q\n%s", get(), p.output)
	}
	t.Logf("package edit served after %s", ms(time.Since(start)))
	// The new load answers a moment before the watcher's report reaches the terminal.
	eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), "✓ reloaded") })
	if !strings.Contains(p.output.String(), "packages rebuilt in") || !strings.Contains(p.output.String(), "after a change to node_modules/greet/index.js") {
		t.Errorf("the reload does not say the packages were built again after the package file changed:\n%s", p.output)
	}
}

// TestDevReloadKeepsRequestsInFlight: requests running when a save reloads the app finish on the old code
// (none fails), and the next request sees the save.
func TestDevReloadKeepsRequestsInFlight(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "app", "slow", "route.ts")
	route := func(text string) string {
		return "export async function GET() {\n  await new Promise((r) => setTimeout(r, 400))\n  return new Response(" + jsQuote(text) + ")\n}\n"
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(route("old")), 0o644); err != nil {
		t.Fatal(err)
	}
	p := startJsroute(t, "dev", "-p", "PORT", "-H", "127.0.0.1", dir)
	client := newClient(nil)
	get := func() (int, string) {
		resp, err := client.Get(p.base() + "/slow")
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data)
	}
	type answer struct {
		status int
		body   string
	}
	const n = 10
	answers := make(chan answer, n)
	for range n {
		go func() { s, b := get(); answers <- answer{s, b} }()
	}
	time.Sleep(150 * time.Millisecond) // all of them are waiting in their handler now
	if err := os.WriteFile(file, []byte(route("new")), 0o644); err != nil {
		t.Fatal(err)
	}
	for range n {
		if a := <-answers; a.status != 200 || a.body != "old" {
			t.Errorf("a request in flight during the reload got %d %q, want 200 old", a.status, a.body)
		}
	}
	if !eventually(5*time.Second, func() bool { s, b := get(); return s == 200 && b == "new" }) {
		t.Error("the save is not served")
	}
}
