package loader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestLoadEnvGolden compares LoadEnv with real @next/env 16 on every case under testdata/env (re-record with
// testdata/env/record.mjs). The cases cover quoting, comments, `export`, `KEY: value`, multi-line values,
// CRLF and BOM, `$VAR`/`${VAR}`/`${VAR:-default}` expansion and its quirks (`\$`, `$$` in values, the first
// occurrence being replaced), file order per mode, the real environment winning, and a file whose values
// refer to each other without end (Next skips that file).
func TestLoadEnvGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "env", "*", "case.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range dirs {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var cs struct {
				Mode    string
				Environ map[string]string
			}
			readJSON(t, c, &cs)
			var want map[string]string
			readJSON(t, filepath.Join(dir, "want.json"), &want)
			var environ []string
			for k, v := range cs.Environ {
				environ = append(environ, k+"="+v)
			}
			got := LoadEnv(dir, cs.Mode, environ)
			if !reflect.DeepEqual(got, want) {
				for k := range merge(got, want) {
					if g, ok := got[k]; !ok || g != want[k] {
						t.Errorf("%s = %q (set: %v), Next.js has %q", k, g, ok, want[k])
					}
				}
			}
		})
	}
}

func TestLoadEnvNoFiles(t *testing.T) {
	if got := LoadEnv(t.TempDir(), "development", []string{"A=1"}); len(got) != 0 {
		t.Errorf("LoadEnv = %v, want empty", got)
	}
}

func TestJSReplaceFirst(t *testing.T) {
	for _, tt := range []struct{ s, pattern, repl, want string }{
		{"a $X b $X", "$X", "v", "a v b $X"},
		{"[$X]", "$X", "1$$2", "[1$2]"},
		{"[$X]", "$X", "<$&>", "[<$X>]"},
		{"[$X]", "$X", "$`|$'", "[[|]]"},
		{"[$X]", "$X", "$1 $", "[$1 $]"},
		{"none", "$X", "v", "none"},
	} {
		if got := jsReplaceFirst(tt.s, tt.pattern, tt.repl); got != tt.want {
			t.Errorf("jsReplaceFirst(%q, %q, %q) = %q, want %q", tt.s, tt.pattern, tt.repl, got, tt.want)
		}
	}
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

func merge(a, b map[string]string) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}
