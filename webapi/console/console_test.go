package console_test

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/file"
)

// recorder is a slog handler that keeps every record, whatever its level.
type recorder struct{ lines []string }

func (h *recorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *recorder) Handle(_ context.Context, r slog.Record) error {
	h.lines = append(h.lines, r.Level.String()+" "+r.Message)
	return nil
}
func (h *recorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recorder) WithGroup(string) slog.Handler      { return h }

// logHost is a Host whose logger records; the console needs nothing else from it.
type logHost struct{ log *slog.Logger }

func (h logHost) Reserve() func(func())                           { return func(fn func()) { fn() } }
func (h logHost) AfterFunc(time.Duration, func()) (cancel func()) { return func() {} }
func (h logHost) Context() any                                    { return nil }
func (h logHost) Logger() *slog.Logger                            { return h.log }
func (h logHost) HTTPClient() *http.Client                        { return http.DefaultClient }
func (h logHost) Env() map[string]string                          { return nil }

// logs runs script with the console (and dom and file) installed and returns the log lines.
func logs(t *testing.T, script string) []string {
	t.Helper()
	rec := &recorder{}
	r := webapi.NewRealm(goja.New(), logHost{slog.New(rec)})
	console.Install(r)
	dom.Install(r)
	file.Install(r)
	if _, err := r.VM.RunString(script); err != nil {
		t.Fatalf("script: %v", err)
	}
	return rec.lines
}

func TestConsoleMethods(t *testing.T) {
	tests := []struct {
		name, script string
		want         []string
	}{
		{"levels per method", `console.log('l'); console.info('i'); console.debug('d'); console.warn('w'); console.error('e'); console.dirxml('x')`,
			[]string{"INFO l", "INFO i", "DEBUG d", "WARN w", "ERROR e", "INFO x"}},
		{"format placeholders", `console.log('%s=%d', 'n', 42, {a: [1]})`, []string{"INFO n=42 { a: [ 1 ] }"}},
		{"no arguments logs an empty line", `console.log()`, []string{"INFO "}},
		{"groups indent every line", `console.group('G'); console.log('a\nb'); console.group(); console.warn({x: 1}); console.groupEnd(); console.groupEnd(); console.groupEnd(); console.log('c')`,
			[]string{"INFO G", "INFO   a\n  b", "WARN     { x: 1 }", "INFO c"}},
		{"count and countReset", `console.count(); console.count(); console.count('x'); console.countReset(); console.count(); console.countReset('nope')`,
			[]string{"INFO default: 1", "INFO default: 2", "INFO x: 1", "INFO default: 1", "WARN Count for 'nope' does not exist"}},
		{"assert", `console.assert(true, 'no'); console.assert(false); console.assert(0, 'bad %s', 'thing'); console.assert(false, {a: 1})`,
			[]string{"WARN Assertion failed", "WARN Assertion failed: bad thing", "WARN Assertion failed: [object Object]"}},
		{"dir inspects strings and takes options", `console.dir('s'); console.dir({a: {b: {c: {d: 1}}}}, {depth: 0}); console.dir({a: {b: {c: {d: 1}}}}, {depth: null})`,
			[]string{"INFO 's'", "INFO { a: [Object] }", "INFO {\n  a: { b: { c: { d: 1 } } }\n}"}},
		{"timers", `console.timeEnd('none'); console.time(); console.time()`,
			[]string{"WARN No such label 'none' for console.timeEnd()", "WARN Label 'default' already exists for console.time()"}},
		{"table", `console.table([{a: 1, b: 'Y'}, {a: 'Z', b: 2}]); console.table(5)`, []string{
			"INFO ┌─────────┬─────┬─────┐\n│ (index) │ a   │ b   │\n├─────────┼─────┼─────┤\n│ 0       │ 1   │ 'Y' │\n│ 1       │ 'Z' │ 2   │\n└─────────┴─────┴─────┘",
			"INFO 5"}},
		{"Web API objects print their state", `console.log(new Blob(['abc'])); console.log(new File(['x'], 'f.txt', {type: 'text/plain', lastModified: 5})); console.log(new AbortController().signal, AbortSignal.abort().aborted); console.log(new EventTarget()); const fd = new FormData(); fd.append('a', '1'); console.log(fd, new FormData())`,
			[]string{"INFO Blob { size: 3, type: '' }", "INFO File { size: 1, type: 'text/plain', name: 'f.txt', lastModified: 5 }", "INFO AbortSignal { aborted: false } true", "INFO EventTarget {}", "INFO FormData { a: '1' } FormData {}"}},
		{"a throwing custom inspect does not throw out of console.log", `console.log({ [Symbol.for('nodejs.util.inspect.custom')]() { throw new Error('nope') } }); console.log('after')`,
			[]string{"INFO <inspection threw Error: nope>", "INFO after"}},
		{"events", `const e = new Event('x'); console.log(Object.keys(e).length, String(e))`, []string{"INFO 0 [object Event]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := logs(t, tt.script)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestConsoleTime(t *testing.T) {
	got := logs(t, `console.time('t'); console.timeLog('t', {a: 1}); console.timeEnd('t'); console.timeEnd('t')`)
	re := regexp.MustCompile(`^INFO t: \d+(\.\d+)?ms( \{ a: 1 \})?$`)
	if len(got) != 3 || !re.MatchString(got[0]) || !strings.HasSuffix(got[0], " { a: 1 }") || !re.MatchString(got[1]) || got[2] != "WARN No such label 't' for console.timeEnd()" {
		t.Errorf("got %q", got)
	}
}

func TestConsoleTrace(t *testing.T) {
	got := logs(t, "function inner() { console.trace('here %d', 1) }\nfunction outer() { inner() }\nouter()")
	if len(got) != 1 || !strings.HasPrefix(got[0], "ERROR Trace: here 1\n    at inner (") || !strings.Contains(got[0], "\n    at outer (") {
		t.Errorf("got %q", got)
	}
}

func TestConsoleErrors(t *testing.T) {
	got := logs(t, `
		const e = new Error('boom'); e.code = 'E1';
		console.log(e);
		console.log({ nested: new TypeError('inner') });
		console.log(new DOMException('m', 'AbortError'));
		console.log(new Error('outer', { cause: 'why' }));
		const bare = new Error('no stack'); bare.stack = undefined; console.log(bare);
		console.error('failed:', new RangeError('r'));`)
	if len(got) != 6 {
		t.Fatalf("got %q", got)
	}
	checks := []struct {
		line    string
		pattern string
	}{
		{got[0], `^INFO Error: boom\n    at .*\{\n  code: 'E1'\n\}$`},
		{got[1], `^INFO \{\n  nested: TypeError: inner\n      at [^\n]*\n\}$`},
		{got[2], `^INFO DOMException \[AbortError\]: m\n    at `},
		{got[3], `^INFO Error: outer\n    at .* \{\n  \[cause\]: 'why'\n\}$`},
		{got[4], `^INFO \[Error: no stack\]$`},
		{got[5], `^ERROR failed: RangeError: r\n    at `},
	}
	for _, c := range checks {
		if !regexp.MustCompile(`(?s)` + c.pattern).MatchString(c.line) {
			t.Errorf("%q does not match %q", c.line, c.pattern)
		}
	}
}

// The table layout against Node.js's own console.table.
func TestTableMatchesNode(t *testing.T) {
	script := `
		console.table([{a: 1, b: 'Y'}, {a: 'Z', b: 2}]);
		console.table([1, 'two', {a: 3}]);
		console.table({x: {a: 1}, y: {b: [1, 2, 3, 4]}});
		console.table([{a: 1, b: 2}], ['a']);
		console.table(new Map([['k', {v: 1}]]));
		console.table(new Set(['s', 2]));
		console.table([[1, 2], [3, 4, 5]]);
		console.table([{a: {x: 1, y: 2, z: 3}}]);`
	var lines []string
	for _, l := range logs(t, script) {
		lines = append(lines, strings.TrimPrefix(l, "INFO "))
	}
	got := strings.Join(lines, "\n") + "\n"
	want := `┌─────────┬─────┬─────┐
│ (index) │ a   │ b   │
├─────────┼─────┼─────┤
│ 0       │ 1   │ 'Y' │
│ 1       │ 'Z' │ 2   │
└─────────┴─────┴─────┘
┌─────────┬───┬────────┐
│ (index) │ a │ Values │
├─────────┼───┼────────┤
│ 0       │   │ 1      │
│ 1       │   │ 'two'  │
│ 2       │ 3 │        │
└─────────┴───┴────────┘
┌─────────┬───┬──────────────────────────────┐
│ (index) │ a │ b                            │
├─────────┼───┼──────────────────────────────┤
│ x       │ 1 │                              │
│ y       │   │ [ 1, 2, 3, ... 1 more item ] │
└─────────┴───┴──────────────────────────────┘
┌─────────┬───┐
│ (index) │ a │
├─────────┼───┤
│ 0       │ 1 │
└─────────┴───┘
┌───────────────────┬─────┬──────────┐
│ (iteration index) │ Key │ Values   │
├───────────────────┼─────┼──────────┤
│ 0                 │ 'k' │ { v: 1 } │
└───────────────────┴─────┴──────────┘
┌───────────────────┬────────┐
│ (iteration index) │ Values │
├───────────────────┼────────┤
│ 0                 │ 's'    │
│ 1                 │ 2      │
└───────────────────┴────────┘
┌─────────┬───┬───┬───┐
│ (index) │ 0 │ 1 │ 2 │
├─────────┼───┼───┼───┤
│ 0       │ 1 │ 2 │   │
│ 1       │ 3 │ 4 │ 5 │
└─────────┴───┴───┴───┘
┌─────────┬──────────┐
│ (index) │ a        │
├─────────┼──────────┤
│ 0       │ [Object] │
└─────────┴──────────┘
`
	if got != want {
		t.Errorf("got\n%s", got)
	}
	if os.Getenv("JSROUTE_NODE") == "1" {
		out, err := exec.Command("node", "-e", script).Output()
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != want {
			t.Errorf("node gives\n%s", out)
		}
	}
}
