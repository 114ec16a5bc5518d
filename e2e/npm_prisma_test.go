package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// The npm-prisma fixture: Prisma 7 (@prisma/client 7.10.1, generator "prisma-client") over
// @prisma/adapter-pg, against a real PostgreSQL the test starts. `prisma generate` runs here,
// offline: Prisma's CLI downloads its schema engine (the migrations binary) from
// binaries.prisma.sh before any command unless PRISMA_SCHEMA_ENGINE_BINARY names one, and
// generate never runs it, so a stand-in script that only fails is named. The client's query
// compiler is WebAssembly inside @prisma/client (query_compiler_fast_bg.postgresql.wasm-base64),
// run by jsroute's WebAssembly. The expectation of every case is Node 20 running the same code
// (run.ts through tsx, for the generated TypeScript) against the same server.
func TestNpmPrisma(t *testing.T) {
	npmSetup(t, "npm-prisma")
	fixture := filepath.Join(repoRoot(t), "fixtures", "npm-prisma")
	stand := filepath.Join(t.TempDir(), "schema-engine")
	os.WriteFile(stand, []byte("#!/bin/sh\necho 'jsroute test: no schema engine offline' >&2\nexit 1\n"), 0o755)
	env := append(os.Environ(), "PRISMA_SCHEMA_ENGINE_BINARY="+stand, "CHECKPOINT_DISABLE=1", "PRISMA_HIDE_UPDATE_MESSAGE=1")
	gen := exec.Command("node", "node_modules/prisma/build/index.js", "generate")
	gen.Dir, gen.Env = fixture, env
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("prisma generate (offline): %v\n%s", err, out)
	}
	pgURL := startPostgres(t, nil)
	t.Setenv("PG_URL", pgURL)
	node := exec.Command("node", "node_modules/tsx/dist/cli.mjs", "run.ts")
	node.Dir, node.Env = fixture, append(env, "PG_URL="+pgURL)
	node.Stderr = os.Stderr
	raw, err := node.Output()
	if err != nil {
		t.Fatalf("tsx run.ts: %v", err)
	}
	var want map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("run.ts: %v\n%s", err, raw)
	}
	names := make([]string, 0, len(want))
	for n, v := range want {
		if m, ok := v.(map[string]any); ok && m["thrown"] != nil {
			t.Fatalf("case %s fails under Node itself: %v", n, m["thrown"])
		}
		names = append(names, n)
	}
	sort.Strings(names)
	for name, must := range map[string][]string{
		"prisma_crud":      {`"email":"ada@example.com"`, `"title":"Notes"`, `"removed":{"count":1}`},
		"prisma_tx_errors": {`"rolledBack":"undo"`, `"known":true`, `"code":"P2002"`, `"answer":42`},
	} {
		w, _ := json.Marshal(want[name])
		for _, m := range must {
			if !strings.Contains(string(w), m) {
				t.Fatalf("%s under Node lacks %s: %s", name, m, w)
			}
		}
		t.Logf("%s under Node: %s", name, w)
	}
	if len(names) < 2 {
		t.Fatalf("only %d cases from run.ts", len(names))
	}
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "--workers", "1", "fixtures/npm-prisma")
	client := newClient(nil)
	for _, name := range names { // in order: prisma_crud makes the tables the next case reads
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			resp, err := client.Get(p.base() + "/run/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s\n%s", resp.StatusCode, body, p.output)
			}
			t.Logf("answered in %s", time.Since(start).Round(time.Millisecond))
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
	// Again, with the query compiler compiled: the cost of the first request above is wazero
	// compiling Prisma's WebAssembly, once per runtime.
	start := time.Now()
	if st, body, err := get(p.base(), "/run/prisma_crud", 30*time.Second); st != 200 {
		t.Fatalf("prisma_crud again: %d %s %v", st, body, err)
	}
	t.Logf("prisma_crud again: %s", time.Since(start).Round(time.Millisecond))
}
