package assert

import (
	"os"
	"path/filepath"
	"testing"
)

// sourceLines reads only files under the root, from the call's line on.
func TestSourceLines(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "app", "route.ts"), []byte("a\nassert(x,\n  y)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := sourceLines(root, "app/route.ts", 2); !ok || got != "assert(x,\n  y)" {
		t.Errorf("line 2: %q %v", got, ok)
	}
	for _, c := range []struct {
		file string
		line int
	}{{"app/route.ts", 5}, {"app/route.ts", 0}, {"../route.ts", 1}, {"/etc/passwd", 1}, {"app", 1}, {"app/missing.ts", 1}} {
		if got, ok := sourceLines(root, c.file, c.line); ok {
			t.Errorf("%s:%d: read %q, want refused", c.file, c.line, got)
		}
	}
}
