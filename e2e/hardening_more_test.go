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
	// Single huge allocations (item 3): ?c= picks one; a caught error answers 422 with its text.
	"app/alloc/route.ts": `const cases: Record<string, () => unknown> = {
  ab34: () => new ArrayBuffer(2 ** 34).byteLength,
  ab40: () => new ArrayBuffer(2 ** 40).byteLength,
  u8fill: () => new Uint8Array(2 ** 33).fill(1).length,
  u8like: () => new Uint8Array({ length: 2 ** 40 }).length,
  f64: () => new Float64Array(2 ** 30).length,
  buf33: () => Buffer.alloc(2 ** 33).length,
  buf31: () => Buffer.alloc(2 ** 31).length,
  repeat: () => 'x'.repeat(2 ** 30).length,
  repeat40: () => 'x'.repeat(2 ** 40).length,
  pad: () => 'x'.padEnd(2 ** 40).length,
  array: () => new Array(2 ** 31).length,
  arrayLength: () => { const a: number[] = []; a.length = 2 ** 31; return a.length },
  small: () => new Uint8Array(1024).fill(1).length + Buffer.alloc(16).length + 'ab'.repeat(3).length,
}
export function GET(request: Request) {
  const name = new URL(request.url).searchParams.get('c')!
  try {
    return new Response(String(cases[name]()))
  } catch (e: any) {
    return new Response(e.name + ': ' + e.message, { status: 422 })
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
	if !p.logged("GET /regex (regex/route.ts): the regular expression /^(?=a)(a+)+$/ timed out after 1s on a 33-character input") {
		t.Errorf("the log does not name the pattern and the route:\n%s", p.output)
	}
}

// Item 3: single allocations past what the server may give are refused up front with Node's
// catchable RangeError, under the default memory budget (1 GiB): before, `new ArrayBuffer(2 ** 40)`,
// `new Uint8Array({ length: 2 ** 40 })` and `'x'.repeat(2 ** 40)` ended the process ("fatal
// error: out of memory"), `new Uint8Array(2 ** 33).fill(1)` grew the process past 10 GB and held its
// worker past the time limit. Lengths Node accepts lazily (an Array of 2^31) still work.
func TestHardeningHugeAllocations(t *testing.T) {
	p := startJsroute(t, "start", moreHardeningTree(t), "-p", "PORT", "-H", "127.0.0.1", "--workers", "2")
	const failed = "RangeError: Array buffer allocation failed"
	for _, c := range []struct {
		name   string
		status int
		body   string
	}{
		{"ab34", 422, failed}, // Node allocates 16 GiB lazily; past jsroute's budget
		{"ab40", 422, failed},
		{"u8fill", 422, "RangeError: Invalid typed array length: 8589934592"}, // Node 20's text
		{"u8like", 422, "RangeError: Invalid typed array length: 1099511627776"},
		{"f64", 422, failed},
		{"buf33", 422, `RangeError: The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 8_589_934_592`},
		{"buf31", 422, failed},
		{"repeat", 422, "RangeError: Invalid string length"}, // 2^30 > V8's 2^29 − 24
		{"repeat40", 422, "RangeError: Invalid string length"},
		{"pad", 422, "RangeError: Invalid string length"},
		{"array", 200, "2147483648"}, // as Node: an Array's length alone allocates nothing
		{"arrayLength", 200, "2147483648"},
		{"small", 200, "1046"},
	} {
		start := time.Now()
		st, body, err := get(p.base(), "/alloc?c="+c.name, 30*time.Second)
		if st != c.status || body != c.body {
			t.Errorf("%s: %d %q %v, want %d %q", c.name, st, body, err, c.status, c.body)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %s", c.name, d)
		}
		healthy(t, p)
	}
}
