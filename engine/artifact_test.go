package engine_test

import (
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// artifactApp has what a build carries: a TS route that throws (its stack must still name the .ts
// line), a force-static route whose answer is made at build time, next.config with env inlined
// into the bundle, and a middleware.
var artifactApp = map[string]string{
	"app/boom/route.ts": `export async function GET() {
  const n: number = 1
  throw new Error('boom ' + n)
}
`,
	"app/stamp/route.ts": `export const dynamic = 'force-static'
export async function GET() {
  return Response.json({ at: Date.now(), greeting: process.env.GREETING })
}
`,
	"app/hello/route.ts": `import { word } from '../../lib/word'
export async function GET(request: Request) {
  return new Response(word + ' ' + (request.headers.get('x-mw') ?? 'no-mw'))
}
`,
	"lib/word.ts":     "export const word = 'hello'\n",
	"next.config.mjs": "export default { env: { GREETING: 'hi from config' } }\n",
	"proxy.ts": `import { NextResponse } from 'next/server'
export function proxy(request: Request) {
  const headers = new Headers(request.headers)
  headers.set('x-mw', 'yes')
  return NextResponse.next({ request: { headers } })
}
`,
}

func TestArtifactRoundTrip(t *testing.T) {
	root := writeApp(t, artifactApp)
	res, err := engine.Build(engine.Options{Dir: root, Logger: slog.New(slog.NewTextHandler(&logBuf{}, nil))}, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, ".jsroute"); res.Dir != want {
		t.Fatalf("artifact in %s, want %s", res.Dir, want)
	}
	for _, f := range []string{"manifest.json", "routes.js", "prerender.json", "jsroute-next-config-mjs.js", "jsroute-proxy-ts.js"} {
		if _, err := os.Stat(filepath.Join(res.Dir, f)); err != nil {
			t.Errorf("artifact lacks %s: %v", f, err)
		}
	}
	if len(res.Prerendered) != 1 || !strings.HasSuffix(res.Prerendered[0], ":/stamp") {
		t.Errorf("prerendered %v, want the /stamp answer", res.Prerendered)
	}
	var manifest struct {
		Inputs []struct{ Path string }
		Engine struct{ Routes []engine.RouteInfo }
	}
	b, _ := os.ReadFile(filepath.Join(res.Dir, "manifest.json"))
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, in := range manifest.Inputs {
		inputs = append(inputs, in.Path)
	}
	if got, want := strings.Join(inputs, " "), "app/boom/route.ts app/hello/route.ts app/stamp/route.ts lib/word.ts next.config.mjs proxy.ts"; got != want {
		t.Errorf("inputs %q, want %q", got, want)
	}
	if len(manifest.Engine.Routes) != 3 {
		t.Errorf("manifest routes %+v, want 3", manifest.Engine.Routes)
	}
	var prerendered []struct{ Body []byte }
	b, _ = os.ReadFile(filepath.Join(res.Dir, "prerender.json"))
	if err := json.Unmarshal(b, &prerendered); err != nil || len(prerendered) != 1 {
		t.Fatalf("prerender.json: %v %s", err, b)
	}
	built := string(prerendered[0].Body)

	srv, logs := serve(t, engine.Options{Dir: root, Artifact: ".jsroute"})
	if !strings.Contains(logs.String(), "serving the build in") || !strings.Contains(logs.String(), "1 prerendered answers") {
		t.Fatalf("the artifact was not served:\n%s", logs)
	}
	// The build-time answer, as `next start` serves what `next build` prerendered.
	status, hdr, body := get(t, srv.URL+"/stamp")
	if status != 200 || body != built || hdr.Get("X-Nextjs-Cache") != "HIT" {
		t.Errorf("/stamp: %d %q %s, want 200 HIT %q", status, hdr.Get("X-Nextjs-Cache"), body, built)
	}
	if !strings.Contains(body, `"greeting":"hi from config"`) {
		t.Errorf("/stamp %s: next.config env not inlined", body)
	}
	if status, _, body := get(t, srv.URL+"/hello"); status != 200 || body != "hello yes" {
		t.Errorf("/hello: %d %q, want 200 %q (route, lib and middleware from the artifact)", status, body, "hello yes")
	}
	if status, _, _ := get(t, srv.URL+"/boom"); status != 500 {
		t.Errorf("/boom: %d, want 500", status)
	}
	waitFor(t, func() bool { return strings.Contains(logs.String(), "app/boom/route.ts:3:9") }, "the stack of /boom naming app/boom/route.ts:3:9:\n"+logs.String())
}

func TestArtifactStale(t *testing.T) {
	cases := []struct {
		name string
		edit func(root string)
		want string
	}{
		{"route edited", func(root string) {
			write(t, filepath.Join(root, "app/hello/route.ts"), "export function GET() { return new Response('edited') }\n")
		}, "app/hello/route.ts changed"},
		{"imported file edited", func(root string) {
			write(t, filepath.Join(root, "lib/word.ts"), "export const word = 'HELLO'\n")
		}, "lib/word.ts changed"},
		{"route added", func(root string) {
			write(t, filepath.Join(root, "app/new/route.ts"), "export function GET() { return new Response('new') }\n")
		}, "app/new/route.ts was added"},
		{"route removed", func(root string) {
			os.Remove(filepath.Join(root, "app/boom/route.ts"))
		}, "app/boom/route.ts was removed"},
		{"tsconfig added", func(root string) {
			write(t, filepath.Join(root, "tsconfig.json"), "{}\n")
		}, "tsconfig.json was added"},
		{"config env reads the environment", nil, "made with other options"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range artifactApp {
				files[k] = v
			}
			env := []string{"GREETING=one"}
			if c.edit == nil {
				files["next.config.mjs"] = "export default { env: { GREETING: process.env.GREETING } }\n"
			}
			root := writeApp(t, files)
			quiet := slog.New(slog.NewTextHandler(&logBuf{}, nil))
			if _, err := engine.Build(engine.Options{Dir: root, Logger: quiet, Environ: env}, ""); err != nil {
				t.Fatal(err)
			}
			if c.edit != nil {
				c.edit(root)
			} else {
				env = []string{"GREETING=two"}
			}
			srv, logs := serve(t, engine.Options{Dir: root, Artifact: ".jsroute", Environ: env})
			if !strings.Contains(logs.String(), c.want) || !strings.Contains(logs.String(), "bundling in memory") {
				t.Errorf("log lacks %q and bundling in memory:\n%s", c.want, logs)
			}
			if strings.Contains(logs.String(), "serving the build") {
				t.Errorf("a stale build was served:\n%s", logs)
			}
			switch c.name {
			case "route edited":
				if _, _, body := get(t, srv.URL+"/hello"); body != "edited" {
					t.Errorf("/hello = %q, want the edited route", body)
				}
			case "config env reads the environment":
				if _, _, body := get(t, srv.URL+"/stamp"); !strings.Contains(body, `"greeting":"two"`) {
					t.Errorf("/stamp = %q, want the environment of the start", body)
				}
			}
		})
	}
}

// A touched file with the same content (a fresh checkout) keeps the build fresh.
func TestArtifactTouchedStaysFresh(t *testing.T) {
	root := writeApp(t, artifactApp)
	quiet := slog.New(slog.NewTextHandler(&logBuf{}, nil))
	if _, err := engine.Build(engine.Options{Dir: root, Logger: quiet}, ""); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	for _, f := range []string{"app/hello/route.ts", "lib/word.ts", "next.config.mjs"} {
		if err := os.Chtimes(filepath.Join(root, f), later, later); err != nil {
			t.Fatal(err)
		}
	}
	_, logs := serve(t, engine.Options{Dir: root, Artifact: ".jsroute"})
	if !strings.Contains(logs.String(), "serving the build") {
		t.Errorf("a touched but unchanged app was not served from its build:\n%s", logs)
	}
}

// Build refuses an app with a route that does not build, as next build does, and writes nothing.
func TestArtifactBuildFailsOnProblems(t *testing.T) {
	root := writeApp(t, map[string]string{
		"app/ok/route.ts":  "export function GET() { return new Response('ok') }\n",
		"app/bad/route.ts": "export function GET() { return new Response('bad' }\n",
	})
	_, err := engine.Build(engine.Options{Dir: root, Logger: slog.New(slog.NewTextHandler(&logBuf{}, nil))}, "")
	if err == nil || !strings.Contains(err.Error(), "app/bad/route.ts:1:") {
		t.Fatalf("err = %v, want the diagnostic of app/bad/route.ts", err)
	}
	if _, err := os.Stat(filepath.Join(root, ".jsroute")); !os.IsNotExist(err) {
		t.Errorf(".jsroute written for a failed build: %v", err)
	}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Errorf("timed out waiting for %s", what)
}

// A project held in an fs.FS (an embed.FS of `all:site`) carries its build: Artifact ".jsroute"
// is found in the copy New makes, and the copy's new modification times fall back to the hashes.
func TestArtifactInsideFS(t *testing.T) {
	root := writeApp(t, artifactApp)
	quiet := slog.New(slog.NewTextHandler(&logBuf{}, nil))
	if _, err := engine.Build(engine.Options{Dir: root, Logger: quiet}, ""); err != nil {
		t.Fatal(err)
	}
	srv, logs := serve(t, engine.Options{FS: os.DirFS(root), Artifact: ".jsroute"})
	if !strings.Contains(logs.String(), "serving the build in") {
		t.Fatalf("the build inside the FS was not served:\n%s", logs)
	}
	if status, _, body := get(t, srv.URL+"/hello"); status != 200 || body != "hello yes" {
		t.Errorf("/hello: %d %q", status, body)
	}
}
