package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Issue 13 item 1: deep recursion inside the handler's own try/catch is caught as in Node 20. The
// recursion-app fixture's /recursion runs lib/recursion.mjs (a catch, a finally, a try in a loop with
// continue, a try at every level of a recursion) and answers what its catch blocks saw; Node's answer to
// the same code is expected.json (re-recorded by `node record.mjs` there). /stack throws from a try block
// of a TypeScript route: its stack names the .ts line. /recursion-async, where the overflow comes after
// an await inside the try, is the documented difference: 500, with the RangeError in the log.
func TestRecursionCaught(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "recursion-app")
	raw, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want struct{ Body json.RawMessage }
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"start", "dev"} {
		t.Run(mode, func(t *testing.T) {
			p := startJsroute(t, mode, dir, "-p", "PORT", "-H", "127.0.0.1", "--workers", "1")
			st, body, err := get(p.base(), "/recursion", 30*time.Second)
			if st != 200 || !sameJSON(json.RawMessage(body), want.Body) {
				t.Errorf("/recursion: %d %v\n got %s\nwant %s", st, err, body, want.Body)
			}

			src, err := os.ReadFile(filepath.Join(dir, "app", "stack", "route.ts"))
			if err != nil {
				t.Fatal(err)
			}
			at := func(text string) string {
				i := strings.Index(string(src), text)
				return fmt.Sprintf("app/stack/route.ts:%d:", 1+strings.Count(string(src[:i]), "\n"))
			}
			st, body, err = get(p.base(), "/stack", 30*time.Second)
			var seen struct{ Stack, Returned, Plain string }
			_ = json.Unmarshal([]byte(body), &seen)
			if st != 200 || !strings.HasPrefix(seen.Stack, "Error: marker 1\n") || !strings.Contains(seen.Stack, at("new Error('marker ' + n)")) {
				t.Errorf("/stack: %d %v: the stack does not name %s:\n%s", st, err, at("new Error('marker ' + n)"), seen.Stack)
			}
			// The call in a rewritten `return` keeps its line, and the column goja gives the same text on a line
			// outside any try block (plain()).
			col := regexp.MustCompile(`route\.ts:\d+:(\d+)`)
			plainCol := col.FindAllStringSubmatch(seen.Plain, 2)
			retCol := col.FindAllStringSubmatch(seen.Returned, 2)
			if !strings.HasPrefix(seen.Returned, "Error: marker returned\n") || !strings.Contains(seen.Returned, at("boom('returned')")) ||
				!strings.Contains(seen.Returned, "at __jsroute_try (native)") || len(plainCol) < 2 || len(retCol) < 2 || plainCol[1][1] != retCol[1][1] {
				t.Errorf("/stack: the stack does not name %s at the column of plain(), then __jsroute_try:\n%s\nplain():\n%s", at("boom('returned')"), seen.Returned, seen.Plain)
			}

			if st, _, err := get(p.base(), "/recursion-async", 30*time.Second); st != 500 {
				t.Errorf("/recursion-async: %d %v, want 500", st, err)
			}
			if !p.logged("Maximum call stack size exceeded") {
				t.Errorf("the log does not name the stack overflow:\n%s", p.output)
			}
			if st, body, _ := get(p.base(), "/recursion", 30*time.Second); st != 200 || !sameJSON(json.RawMessage(body), want.Body) {
				t.Errorf("/recursion after the uncaught overflow: %d %s", st, body)
			}
		})
	}
}
