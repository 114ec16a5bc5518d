package engine_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jsroute/jsroute/engine"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Admin bool   `json:"admin,omitempty"`
}

type counter struct{ N int }

func (c *counter) Add(d int) int { c.N += d; return c.N }

// bindings are the Go values the binding tests expose; each case of TestBindings uses some.
func bindings(seen chan<- error) map[string]any {
	return map[string]any{
		"greet": func(ctx context.Context, name string) (string, error) {
			if name == "" {
				return "", errors.New("no name given")
			}
			return "hello " + name, nil
		},
		"lookup": func(id int) (*user, error) { return &user{ID: id, Name: "u" + string(rune('0'+id))}, nil },
		"upper":  func(b []byte) []byte { return []byte(strings.ToUpper(string(b))) },
		"boom":   func() string { panic("kaput") },
		"wait": func(ctx context.Context) error {
			<-ctx.Done()
			seen <- ctx.Err()
			return ctx.Err()
		},
		"version": "1.2.3",
		"limits":  map[string]int{"max": 10},
		"counter": &counter{},
	}
}

// Options.Bindings: routes import Go values and funcs from 'jsroute:host'; the answers are what
// the conversions documented in bindings.go give.
func TestBindings(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app/greet/route.ts": `import { greet } from 'jsroute:host';
export async function GET(req: Request) {
  const name = new URL(req.url).searchParams.get('name') ?? '';
  const p = greet(name);
  try { return new Response(String(p instanceof Promise) + ' ' + await p); }
  catch (e: any) { return new Response('rejected ' + (e instanceof Error) + ' ' + e.message, { status: 400 }); }
}`,
		"app/sync/route.ts": `import { lookup, upper, version, limits, counter } from 'jsroute:host';
export function GET() {
  const u = lookup(3);
  const b = upper(new TextEncoder().encode('abc'));
  counter.Add(2);
  return Response.json({ u, b: b instanceof Uint8Array ? new TextDecoder().decode(b) : typeof b, version, max: limits.max, n: counter.Add(1) });
}`,
		"app/boom/route.ts": `import { boom, lookup } from 'jsroute:host';
export function GET() {
  const out: string[] = [];
  try { boom(); } catch (e: any) { out.push(e.message); }
  try { lookup({}); } catch (e: any) { out.push(e.name); }
  return new Response(out.join('|'));
}`,
		"app/wait/route.ts": `import { wait } from 'jsroute:host';
export const maxDuration = 0.3;
// The rejection is swallowed: only the engine's time limit answers (504), never the route.
export async function GET() { await wait().catch(() => new Promise(() => {})); return new Response('done'); }`,
	})
	seen := make(chan error, 1)
	srv, logs := serve(t, engine.Options{Dir: dir, Bindings: bindings(seen)})
	for _, tt := range []struct{ path, want string }{
		{"/greet?name=gopher", "true hello gopher"},
		{"/greet", "rejected true no name given"},
		{"/sync", `{"u":{"id":3,"name":"u3"},"b":"ABC","version":"1.2.3","max":10,"n":3}`},
		{"/boom", "jsroute:host boom panicked: kaput|TypeError"},
	} {
		if _, _, got := get(t, srv.URL+tt.path); strings.TrimSpace(got) != tt.want {
			t.Errorf("GET %s = %q, want %q\n%s", tt.path, got, tt.want, logs.String())
		}
	}
	// The context carries the route's time limit: the request answers 504, and the Go func sees
	// its context end.
	start := time.Now()
	if code, _, _ := get(t, srv.URL+"/wait"); code != http.StatusGatewayTimeout {
		t.Errorf("/wait: status %d, want 504", code)
	}
	select {
	case err := <-seen:
		// Its deadline, or the end of the request the engine answered 504 at that deadline:
		// whichever timer fires first.
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
			t.Errorf("wait's context ended with %v", err)
		}
		if d := time.Since(start); d < 250*time.Millisecond {
			t.Errorf("wait's context ended after %s, before the route's 300ms limit", d)
		}
	case <-time.After(5 * time.Second):
		t.Error("wait's context never ended")
	}
}

// A route importing 'jsroute:host' from an engine without bindings fails with a message naming
// the option; a bad binding fails New.
func TestBindingsErrors(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app/route.ts": `import { nope } from 'jsroute:host';
export function GET() { return new Response(String(nope)); }`,
	})
	srv, _ := serve(t, engine.Options{Dir: dir, Dev: true})
	if code, _, body := get(t, srv.URL+"/"); code != 500 || !strings.Contains(body, "engine.Options.Bindings") {
		t.Errorf("no bindings: %d %q", code, body)
	}
	srv, _ = serve(t, engine.Options{Dir: dir, Dev: true, Bindings: map[string]any{"other": 1}})
	if code, _, body := get(t, srv.URL+"/"); code != 500 || !strings.Contains(body, `No matching export in "jsroute-bindings:jsroute:host" for import "nope"`) {
		t.Errorf("unknown name: %d %q", code, body)
	}
	for _, b := range []map[string]any{
		{"a-b": 1},
		{"class": 1},
		{"f": func(int, context.Context) {}},
		{"f": func() (int, int) { return 0, 0 }},
		{"f": func(...int) {}},
		{"f": (func())(nil)},
	} {
		if _, err := engine.New(engine.Options{Dir: dir, Bindings: b}); err == nil || !strings.Contains(err.Error(), "Options.Bindings") {
			t.Errorf("%v: err %v", b, err)
		}
	}
}

// Options.NotFound answers the paths no route matches; matched routes still run.
func TestNotFoundHandler(t *testing.T) {
	dir := writeApp(t, map[string]string{"app/api/route.ts": `export function GET() { return new Response('api'); }`})
	nf := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("go handles " + r.URL.Path))
	})
	srv, _ := serve(t, engine.Options{Dir: dir, NotFound: nf})
	if code, _, body := get(t, srv.URL+"/elsewhere"); code != http.StatusTeapot || body != "go handles /elsewhere" {
		t.Errorf("unmatched: %d %q", code, body)
	}
	if code, _, body := get(t, srv.URL+"/api"); code != 200 || body != "api" {
		t.Errorf("route: %d %q", code, body)
	}
}

// Options.FS serves a project held in an fs.FS: routes, tsconfig paths, a package in
// node_modules and .env all come from it; an FS of the app folder alone works too.
func TestOptionsFS(t *testing.T) {
	project := fstest.MapFS{
		"site/.env":                           {Data: []byte("SECRET=from-fs-env\n")},
		"site/tsconfig.json":                  {Data: []byte(`{"compilerOptions":{"baseUrl":".","paths":{"@/*":["./lib/*"]}}}`)},
		"site/lib/msg.ts":                     {Data: []byte(`export const msg = 'aliased';`)},
		"site/node_modules/tiny/package.json": {Data: []byte(`{"name":"tiny","main":"index.js"}`)},
		"site/node_modules/tiny/index.js":     {Data: []byte(`exports.tiny = () => 'tiny';`)},
		"site/app/api/hi/route.ts": {Data: []byte(`import { msg } from '@/msg';
import { tiny } from 'tiny';
export function GET() { return new Response([msg, tiny(), process.env.SECRET].join(' ')); }`)},
	}
	srv, logs := serve(t, engine.Options{FS: project, Dir: "site"})
	if _, _, body := get(t, srv.URL+"/api/hi"); body != "aliased tiny from-fs-env" {
		t.Errorf("project FS: %q\n%s", body, logs.String())
	}
	appOnly := fstest.MapFS{"x/route.ts": {Data: []byte(`export function GET() { return new Response('x'); }`)}}
	srv, _ = serve(t, engine.Options{FS: appOnly})
	if _, _, body := get(t, srv.URL+"/x"); body != "x" {
		t.Errorf("app-folder FS: %q", body)
	}
	if _, err := engine.New(engine.Options{FS: project, Dir: "missing"}); err == nil {
		t.Error("a missing folder in FS: no error")
	}
}

// WriteBindingTypes declares every binding as the conversions of bindings.go give it to JS.
func TestWriteBindingTypes(t *testing.T) {
	var b strings.Builder
	if err := engine.WriteBindingTypes(&b, bindings(nil)); err != nil {
		t.Fatal(err)
	}
	want := `// Generated by jsroute (engine.WriteBindingTypes): the Go bindings of this app. Do not edit.
declare module "jsroute:host" {
  export function boom(): string;
  export const counter: { N: number; Add(arg0: number): number };
  export function greet(arg0: string): Promise<string>;
  export const limits: Record<string, number>;
  export function lookup(arg0: number): { id: number; name: string; admin?: boolean } | null;
  export function upper(arg0: Uint8Array): Uint8Array;
  export const version: string;
  export function wait(): Promise<void>;
}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
