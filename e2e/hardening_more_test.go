package e2e

// Hardening (issue 13), the items the first pass left: a regular expression that times out,
// deep recursion, and single huge allocations. Each test drives the built binary and checks
// that the server survives, answers the expected status within a bound, and serves /health
// afterwards (helpers in hardening_test.go).

import (
	"maps"
	"strings"
	"testing"
	"time"
)

// moreHardeningRoutes are this file's routes, beside hardeningRoutes' /health.
var moreHardeningRoutes = map[string]string{
	// A catastrophic pattern (the lookahead keeps goja on its backtracking engine) against an
	// input it never matches: Node runs it for hours; jsroute stops it after 1 s.
	"app/regex/route.ts": `export function GET(request: Request) {
  const input = 'a'.repeat(32) + '!'
  if (!new URL(request.url).searchParams.has('catch')) return new Response(String(/^(?=a)(a+)+$/.test(input)))
  try {
    return new Response(String(/^(?=a)(a+)+$/.test(input)))
  } catch (e: any) {
    return new Response((e instanceof Error) + ' ' + e.code + ': ' + e.message, { status: 422 })
  }
}
`,
}

func moreHardeningTree(t *testing.T) string {
	files := maps.Clone(hardeningRoutes)
	maps.Copy(files, moreHardeningRoutes)
	return writeTree(t, files)
}

// Item 6: a backtracking regular expression that hits the match time-out throws a catchable
// Error naming the pattern (goja alone answered false), and the log names it with the route.
func TestHardeningRegexpTimeout(t *testing.T) {
	p := startJsroute(t, "start", moreHardeningTree(t), "-p", "PORT", "-H", "127.0.0.1", "--workers", "1")
	start := time.Now()
	st, body, err := get(p.base(), "/regex?catch", 30*time.Second)
	want := "true ERR_JSROUTE_REGEXP_TIMEOUT: The regular expression /^(?=a)(a+)+$/ timed out after 1s"
	if st != 422 || !strings.HasPrefix(body, want) {
		t.Errorf("/regex?catch: %d %q %v, want 422 %q…", st, body, err, want)
	}
	t.Logf("caught after %s", time.Since(start).Round(time.Millisecond))
	if st, body, err := get(p.base(), "/regex", 30*time.Second); st != 500 {
		t.Errorf("/regex uncaught: %d %q %v, want 500", st, body, err)
	}
	healthy(t, p)
	out := p.output.String()
	if !strings.Contains(out, "GET /regex (regex/route.ts): the regular expression /^(?=a)(a+)+$/ timed out after 1s on a 33-character input") {
		t.Errorf("the log does not name the pattern and the route:\n%s", out)
	}
}
