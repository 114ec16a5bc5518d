package engine_test

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// import.meta.url, .filename and .dirname are each module's own file, as in Next's server build
// (Prisma 7's generated client does path.dirname(fileURLToPath(import.meta.url))), in the app and
// in a package; a string that mentions import.meta.url is left as it is.
func TestImportMetaURL(t *testing.T) {
	dir := writeApp(t, map[string]string{
		"lib/where.ts": `import { fileURLToPath } from 'node:url';
import path from 'node:path';
export const url: string = import.meta.url;
export const dir = path.dirname(fileURLToPath(import.meta.url));
export const text = 'import.meta.url stays text';`,
		"node_modules/pkg/package.json": `{"name": "pkg", "type": "module", "exports": "./index.mjs"}`,
		"node_modules/pkg/index.mjs":    `export const here = [import.meta.filename, import.meta.dirname];`,
		"app/route.ts": `import { url, dir, text } from '../lib/where';
import { here } from 'pkg';
export function GET() { return Response.json({ url, dir, text, here }); }`,
	})
	srv, _ := serve(t, engine.Options{Dir: dir})
	st, _, body := get(t, srv.URL+"/")
	var got struct {
		URL, Dir, Text string
		Here           []string
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || st != 200 {
		t.Fatalf("%d %s %v", st, body, err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	for _, root := range []string{dir, real} {
		if got.URL == "file://"+filepath.Join(root, "lib/where.ts") {
			if got.Dir != filepath.Join(root, "lib") || got.Here[0] != filepath.Join(root, "node_modules/pkg/index.mjs") ||
				got.Here[1] != filepath.Join(root, "node_modules/pkg") || got.Text != "import.meta.url stays text" {
				t.Errorf("got %+v", got)
			}
			return
		}
	}
	t.Errorf("import.meta.url = %q, want file://%s", got.URL, filepath.Join(dir, "lib/where.ts"))
}
