package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// fsApp reads a file relative to the project root and one at an absolute path (outside it).
func fsApp(t *testing.T, outside string) string {
	return writeApp(t, map[string]string{
		"data/note.txt": "inside",
		"app/route.ts": `import { readFileSync } from 'node:fs';
export function GET(request: Request) {
  const out: string[] = [];
  for (const p of ['data/note.txt', ` + "`" + `${process.cwd()}/data/note.txt` + "`" + `, ` + "'" + outside + "'" + `]) {
    try { out.push(readFileSync(p, 'utf8')); } catch (e: any) { out.push(e.code); }
  }
  return new Response(out.join(' '));
}`,
	})
}

// Options.NoFS and Options.FSRoot: by default fs reaches any file the process may read (as under
// next start), relative paths start at the project root; FSRoot confines it; NoFS switches it off.
func TestFSOptions(t *testing.T) {
	outsideDir := t.TempDir()
	outside := filepath.Join(outsideDir, "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := fsApp(t, outside)
	for _, tt := range []struct {
		name string
		opts engine.Options
		want string
	}{
		{"default", engine.Options{Dir: dir}, "inside inside secret"},
		{"confined", engine.Options{Dir: dir, FSRoot: dir}, "inside inside EACCES"},
		{"off", engine.Options{Dir: dir, NoFS: true}, "ERR_NOT_SUPPORTED ERR_NOT_SUPPORTED ERR_NOT_SUPPORTED"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := serve(t, tt.opts)
			if _, _, got := get(t, srv.URL+"/"); strings.TrimSpace(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A response stream's pull, called by the engine reading the body, runs in the request's async
// context: next/headers works there (a stream with highWaterMark 0 is pulled only by reads).
func TestResponseStreamPullsInRequestContext(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"app/route.ts": `import { headers } from 'next/headers';
export function GET() {
  let i = 0;
  const enc = new TextEncoder();
  return new Response(new ReadableStream({
    async pull(ctl) {
      const h = await headers();
      ctl.enqueue(enc.encode(String(++i) + h.get('x-who') + ';'));
      if (i === 3) ctl.close();
    },
  }, { highWaterMark: 0 }));
}`,
	})
	srv, logs := serve(t, engine.Options{Dir: dir})
	_, _, got := do(t, "GET", srv.URL+"/", "", map[string]string{"x-who": "me"})
	if got != "1me;2me;3me;" {
		t.Errorf("got %q; log:\n%s", got, logs.String())
	}
}
