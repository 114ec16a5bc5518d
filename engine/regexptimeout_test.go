package engine

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// guardedRuntime is a runtime with the prelude fixes and the regexp guard, as a worker has;
// reported collects the patterns the guard logged.
func guardedRuntime(t testing.TB, reported *[]string) *goja.Runtime {
	t.Helper()
	bound.Do(boundRegexps) // regexp2's time-out, before any pattern is compiled
	vm := goja.New()
	if err := installPreludeFixes(vm); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	if err := installRegexpGuard(vm, regexpTimeout, func(pattern string, n int) {
		mu.Lock()
		defer mu.Unlock()
		if reported != nil {
			*reported = append(*reported, pattern)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return vm
}

// catastrophic backtracks for minutes on regexp2 (the lookahead keeps goja off Go's linear
// regexp package); bad is an input it never matches.
const catastrophic = `/^(?=a)(a+)+$/`

// TestRegexpGuardThrows: every way a pattern is matched, when the match times out, throws a
// catchable Error naming the pattern instead of answering "no match" (goja alone: false, null,
// -1, the input unchanged, one piece, no iteration). Each case spends the 1 s time-out.
func TestRegexpGuardThrows(t *testing.T) {
	cases := []struct{ name, expr, pattern string }{
		{"test", catastrophic + `.test(bad)`, catastrophic},
		{"match", `bad.match(` + catastrophic + `)`, catastrophic},
		{"match global", `bad.match(/^(?=a)(a+)+$/g)`, catastrophic + "g"},
		{"search", `bad.search(` + catastrophic + `)`, catastrophic},
		{"split", `bad.split(` + catastrophic + `)`, catastrophic},
		{"replace with a string", `bad.replace(` + catastrophic + `, 'x')`, catastrophic},
		{"replace global with $&", `bad.replace(/^(?=a)(a+)+$/g, '$&')`, catastrophic + "g"},
		{"replace with a function", `bad.replace(` + catastrophic + `, () => 'x')`, catastrophic},
		{"replaceAll", `bad.replaceAll(/^(?=a)(a+)+$/g, 'x')`, catastrophic + "g"},
		{"matchAll", `[...bad.matchAll(/^(?=a)(a+)+$/g)]`, catastrophic + "g"},
		{"new RegExp", `new RegExp('^(?=a)(a+)+$').test(bad)`, catastrophic},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var reported []string
			vm := guardedRuntime(t, &reported)
			start := time.Now()
			v, err := vm.RunString(`const bad = 'a'.repeat(32) + '!';
try { String(` + c.expr + `) } catch (e) { (e instanceof Error) + ' ' + e.code + ' ' + e.message }`)
			if err != nil {
				t.Fatal(err)
			}
			want := "true ERR_JSROUTE_REGEXP_TIMEOUT The regular expression " + c.pattern + " timed out after 1s"
			if got := v.String(); !strings.HasPrefix(got, want) {
				t.Errorf("%s:\n got %q\nwant %q…", c.expr, got, want)
			}
			if len(reported) != 1 || reported[0] != c.pattern {
				t.Errorf("reported %q, want [%s]", reported, c.pattern)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

// TestRegexpGuardGenuineAnswers: answers that look like "no match" but are genuine stay as they
// are — fast ones (no time-out possible) and a slow global replace whose matches are replaced
// by themselves (the guard's confirmation finds the matches). Answers checked against Node 20.
func TestRegexpGuardGenuineAnswers(t *testing.T) {
	vm := guardedRuntime(t, nil)
	for expr, want := range map[string]string{
		// node -p "[/^(?=a)(a+)+$/.test('aaa!'), 'x'.match(/y/), 'x'.search(/y/), 'a,b'.split(/;/).length, 'ab'.replace(/(?=c)c/, 'x'), [...'ab'.matchAll(/(?=c)c/g)].length, 'ab'.replace(/(?=b)b/g, m => m)].join()"
		`[/^(?=a)(a+)+$/.test('aaa!'), 'x'.match(/y/), 'x'.search(/y/), 'a,b'.split(/;/).length, 'ab'.replace(/(?=c)c/, 'x'), [...'ab'.matchAll(/(?=c)c/g)].length, 'ab'.replace(/(?=b)b/g, m => m)].join()`: "false,,-1,1,ab,0,ab",
		// node -p "RegExp.prototype.test.name + RegExp.prototype.test.length + RegExp.prototype[Symbol.replace].name + RegExp.prototype[Symbol.split].length"
		`RegExp.prototype.test.name + RegExp.prototype.test.length + RegExp.prototype[Symbol.replace].name + RegExp.prototype[Symbol.split].length`: "test1[Symbol.replace]2",
	} {
		v, err := vm.RunString(expr)
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		if v.String() != want {
			t.Errorf("%s = %q, want %q", expr, v, want)
		}
	}
	if testing.Short() {
		return
	}
	// Slow but genuine: a global replace of many matches by themselves, grown until goja takes
	// longer than the time-out; the answer is the input, unchanged, and no Error.
	v, err := vm.RunString(`let n = 1e5, took = 0, same = true;
for (; took < 1000 && n <= 1e7; n *= 2) {
  const big = 'ab'.repeat(n), start = Date.now();
  same = big.replace(/(?=b)b/g, '$&') === big;
  took = Date.now() - start;
}
JSON.stringify({ same, took, n: n / 2 })`)
	if err != nil {
		t.Fatalf("slow genuine replace: %v", err)
	}
	var got struct {
		Same bool
		Took int
		N    int
	}
	json.Unmarshal([]byte(v.String()), &got)
	if !got.Same || got.Took < 1000 {
		t.Errorf("slow genuine replace: %s, want same and ≥ 1000 ms", v)
	}
	t.Logf("slow genuine replace: %s", v)
}

// processCPU is the process's user+system CPU time in nanoseconds.
func processCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkRegexpGuard: what the guard costs an ordinary match (the patterns are made once).
// goja's fast paths stay (the wrappers call its native functions); compare native and guarded.
func BenchmarkRegexpGuard(b *testing.B) {
	for _, guarded := range []bool{false, true} {
		var vm *goja.Runtime
		if guarded {
			vm = guardedRuntime(b, nil)
		} else {
			vm = goja.New()
			installPreludeFixes(vm)
		}
		vm.RunString(`var re1 = /^[a-z]+(\d+)$/, re2 = /^(?=a)[a-z]+(\d+)$/, sep = /[,; ]/g, sep2 = /(?=[,; ])./g, s = 'a,b;c d'`)
		for _, c := range []struct{ name, src string }{
			{"test", `re1.test('abc123')`},
			{"test-regexp2", `re2.test('abc123')`},
			{"replace", `s.replace(sep, '-')`},
			{"replace-regexp2", `s.replace(sep2, '-')`},
			{"replace-fn", `s.replace(sep, m => m + m)`},
			{"split", `s.split(sep)`},
			{"match", `s.match(sep)`},
		} {
			fn, err := vm.RunString(`(function () { return ` + c.src + ` })`)
			if err != nil {
				b.Fatal(err)
			}
			call, _ := goja.AssertFunction(fn)
			b.Run(c.name+map[bool]string{false: "/native", true: "/guarded"}[guarded], func(b *testing.B) {
				cpu := processCPU()
				for b.Loop() {
					call(goja.Undefined())
				}
				// The process's CPU time per op: steadier than wall time on a shared machine.
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// BenchmarkRegexpGuardMarked: the guard on a regex-heavy workload, marked (the compute corpus's
// version, fixtures/npm-compute: run its setup.sh first) rendering 200 Markdown sections, native
// and guarded in alternating rounds. Read cpu-ns/op: the process's CPU time, steadier than wall
// time on a shared machine.
func BenchmarkRegexpGuardMarked(b *testing.B) {
	src, err := os.ReadFile("../fixtures/npm-compute/node_modules/marked/lib/marked.umd.js")
	if err != nil {
		b.Skip("run fixtures/npm-compute/setup.sh first:", err)
	}
	prog := goja.MustCompile("marked.umd.js", string(src), false)
	const doc = `(function () {
  let s = 2 >>> 0; const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ');
  const text = (n) => { const out = []; for (let i = 0; i < n; i++) out.push(words[Math.floor(r() * words.length)]); return out.join(' ') };
  let md = '';
  for (let i = 0; i < 200; i++) md += '## Section ' + i + '\n\n' + text(40) + ' **' + text(2) + '** _' + text(2) + '_ [link](https://example.com/' + i + ')\n\n- ' + text(5) + '\n- ' + text(5) + '\n\n` + "```" + `js\nconst x' + i + ' = ' + i + ';\n` + "```" + `\n\n';
  return function () { return marked.parse(md).length };
})()`
	runtimes := map[bool]goja.Callable{}
	for _, guarded := range []bool{false, true} {
		var vm *goja.Runtime
		if guarded {
			vm = guardedRuntime(b, nil)
		} else {
			vm = goja.New()
			installPreludeFixes(vm)
		}
		if _, err := vm.RunProgram(prog); err != nil {
			b.Fatal(err)
		}
		fn, err := vm.RunString(doc)
		if err != nil {
			b.Fatal(err)
		}
		runtimes[guarded], _ = goja.AssertFunction(fn)
		runtimes[guarded](goja.Undefined()) // warm
	}
	for round := 0; round < 3; round++ {
		for _, guarded := range []bool{false, true} {
			call := runtimes[guarded]
			b.Run(map[bool]string{false: "native", true: "guarded"}[guarded], func(b *testing.B) {
				cpu := processCPU()
				for b.Loop() {
					if _, err := call(goja.Undefined()); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
