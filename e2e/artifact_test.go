package e2e

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStartFromArtifact: `jsroute build` on a copy of the docs-app, then `jsroute start` serves
// the artifact (no bundling, the prerendered answers in the cache) and answers every recorded case
// as real Next.js did; a thrown error's
// stack still names the .ts line (the inline source map travels in the artifact); after an edit,
// start names the changed file and serves the edit.
func TestStartFromArtifact(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	dir := filepath.Join(t.TempDir(), "docs-app")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "fixtures", "docs-app"))); err != nil {
		t.Fatal(err)
	}
	out, err := runJsroute(t, "build", dir)
	if err != nil || !strings.Contains(out, "✓ Built in") || !strings.Contains(out, "○ /ts/force-static") || !strings.Contains(out, "4 prerendered answers") {
		t.Fatalf("jsroute build: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, ".jsroute", "routes.js")); err != nil {
		t.Fatalf("no artifact: %v\n%s", err, out)
	}

	app := "docs-app"
	rec := loadRecording(t, app)
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", dir)
	// The four force-static and revalidate answers were prerendered by the build, their fetches
	// answered by the docs-app's stand-in (fake-api.json): every case is replayed, those too.
	// The line goes through the request log's buffer: it may print after "Ready".
	served := func() bool {
		return strings.Contains(p.output.String(), "serving the build in") && strings.Contains(p.output.String(), "4 prerendered answers")
	}
	if !eventually(5*time.Second, served) {
		t.Fatalf("start did not serve the artifact and its 4 prerendered answers:\n%s", p.output)
	}
	client := newClient(nil)
	for _, c := range loadCases(t, app) {
		t.Run(c.Name, func(t *testing.T) { replayCase(t, client, p.base(), app, c, rec) })
	}

	// The cookies example reads `token.value` of a missing cookie: its stack names the .ts line.
	resp, err := client.Get(p.base() + "/ts/cookies")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 {
		t.Errorf("/ts/cookies without a cookie: %d, want 500", resp.StatusCode)
	}
	if !eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), "(app/ts/cookies/route.ts:9:") }) {
		t.Errorf("the stack does not name app/ts/cookies/route.ts:9:\n%s", p.output)
	}
	p.stop(t)

	// An edit after the build: start says which file and serves the edit.
	cors := filepath.Join(dir, "app", "ts", "cors", "route.ts")
	if err := os.WriteFile(cors, []byte("export async function GET() {\n  return new Response('edited after the build')\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p = startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", dir)
	if want := "stale: app/ts/cors/route.ts changed; bundling in memory"; !eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), want) }) {
		t.Errorf("start output lacks %q:\n%s", want, p.output)
	}
	resp, err = client.Get(p.base() + "/ts/cors")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "edited after the build" {
		t.Errorf("/ts/cors after the edit = %q, want the edited route", body)
	}

	// --no-artifact bundles in memory and says nothing about the build.
	out, err = runJsroute(t, "build", dir)
	if err != nil {
		t.Fatalf("jsroute build: %v\n%s", err, out)
	}
	p.stop(t)
	p = startJsroute(t, "start", "--no-artifact", "-p", "PORT", "-H", "127.0.0.1", dir)
	if s := p.output.String(); strings.Contains(s, "the build in") {
		t.Errorf("--no-artifact looked at the build:\n%s", s)
	}
}

// TestArtifactParity: every recorded app without npm packages, built with `jsroute build --out` and
// served from that build, answers every case as real Next.js did: next.config (headers, redirects,
// rewrites, basePath), the middleware, metadata routes and prerendered routes all come from the
// artifact.
func TestArtifactParity(t *testing.T) {
	if testing.Short() {
		t.Skip("starts servers")
	}
	for _, app := range recordedApps(t) {
		t.Run(app, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join("..", "fixtures", app, "setup.sh")); err == nil {
				t.Skip("an npm fixture: TestNextParity covers it; its packages are bundled the same way")
			}
			if _, err := os.Stat(filepath.Join("..", "fixtures", app)); err != nil {
				t.Skipf("recording without fixture: %v", err)
			}
			build := filepath.Join(t.TempDir(), "build")
			if out, err := runJsroute(t, "build", "fixtures/"+app, "--out", build); err != nil {
				t.Fatalf("jsroute build: %v\n%s", err, out)
			}
			rec := loadRecording(t, app)
			p := startJsroute(t, "start", "--out", build, "-p", "PORT", "-H", "127.0.0.1", "fixtures/"+app)
			if !eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), "serving the build in") }) {
				t.Fatalf("start did not serve the build:\n%s", p.output)
			}
			client := newClient(nil)
			for _, c := range loadCases(t, app) {
				if c.Upstream {
					continue
				}
				t.Run(c.Name, func(t *testing.T) { replayCase(t, client, p.base(), app, c, rec) })
			}
		})
	}
}
