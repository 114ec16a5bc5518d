package engine

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// V8 words a call of what is not a function with the callee's source text (`o.items.map is not a
// function`); goja with its own (`Object has no member 'map'`, `Value is not an object: 5`). The error's
// first stack frame, source-mapped, points at the call's `(` in the project's file; calleeText reads the
// callee there when it is certain of V8's words: a plain chain `a`, `a.b.c`, `this.x` on that line, bound
// by no import (Next's compiler renames imports: V8 then prints `(0 , _mod.f)`), in no iterable context
// (V8 adds `or its return value is not iterable`), and naming the member goja names. Otherwise the message
// is left. The file is read from the project's directory, once per runtime, when such an error is caught.

// sourceFiles reads the project's own files for calleeText, each once.
type sourceFiles struct {
	root  string
	files map[string]string // by path relative to root; "" when unreadable
}

// file returns the text of the project's file rel (slash-separated, relative to the root).
func (s *sourceFiles) file(rel string) string {
	if s.root == "" || !filepath.IsLocal(filepath.FromSlash(rel)) || strings.Contains(rel, "node_modules") {
		return ""
	}
	text, seen := s.files[rel]
	if !seen {
		if s.files == nil {
			s.files = map[string]string{}
		}
		if b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel))); err == nil && len(b) <= 1<<20 {
			text = string(b)
		}
		s.files[rel] = text
	}
	return text
}

// stackFrame is a frame line of goja's stack: "\tat GET (app/route.ts:5:37(5))" or "\tat app/route.ts:5:37(5)".
var stackFrame = regexp.MustCompile(`^\tat (?:.* \()?([^\s()]+):(\d+):(\d+)\(\d+\)\)?$`)

// notAFunction returns V8's message for goja's message m of a call of a non-function, thrown as o, when
// calleeText finds the callee.
func (s *sourceFiles) notAFunction(m string, o *goja.Object) (string, bool) {
	member, ok := strings.CutPrefix(m, "Object has no member '")
	if ok {
		if member, ok = strings.CutSuffix(member, "'"); !ok {
			return "", false
		}
	} else if member = ""; !strings.HasPrefix(m, "Value is not an object: ") {
		return "", false
	}
	stack, _ := o.Get("stack").Export().(string)
	_, frames, _ := strings.Cut(stack, "\n")
	first, _, _ := strings.Cut(frames, "\n")
	f := stackFrame.FindStringSubmatch(first) // a native frame first (a built-in threw) does not match
	if f == nil {
		return "", false
	}
	line, _ := strconv.Atoi(f[2])
	col, _ := strconv.Atoi(f[3])
	callee, ok := calleeText(s.file(f[1]), line, col)
	if !ok || member != "" && !strings.HasSuffix(callee, "."+member) {
		return "", false
	}
	return callee + " is not a function", true
}

// importClause is an import declaration up to its module specifier.
var importClause = regexp.MustCompile(`(?m)^[ \t]*import[\s{*][^'"]*`)

// calleeText returns the callee of the call whose `(` stands at line:col (1-based) of src, when it is a
// plain chain whose V8 wording is certain (see above).
func calleeText(src string, line, col int) (string, bool) {
	if line < 1 || col < 1 {
		return "", false
	}
	text := src
	for ; line > 1; line-- {
		_, rest, ok := strings.Cut(text, "\n")
		if !ok {
			return "", false
		}
		text = rest
	}
	text, _, _ = strings.Cut(text, "\n")
	i := col - 1
	if i >= len(text) || text[i] != '(' {
		return "", false
	}
	for k := 0; k < i; k++ {
		if text[k] >= 0x80 {
			return "", false // columns past a non-ASCII character: not compared
		}
	}
	end := i
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	start := end
	for {
		j := start
		for j > 0 && isIdentByte(text[j-1]) {
			j--
		}
		if j == start || text[j] >= '0' && text[j] <= '9' {
			return "", false
		}
		start = j
		if start > 0 && text[start-1] == '.' {
			start--
			continue
		}
		break
	}
	callee := text[start:end]
	if start > 0 && strings.ContainsRune(".)]}\"'`#@!?>", rune(text[start-1])) {
		return "", false // part of a longer expression, a private name, a cast or an optional chain
	}
	before := strings.TrimRight(text[:start], " \t")
	for _, w := range []string{"new", "of", "yield*", "..."} {
		if strings.HasSuffix(before, w) && (len(w) > 2 || len(before) == len(w) || !isIdentByte(before[len(before)-len(w)-1])) {
			return "", false // a constructor, or an iterable V8 words otherwise
		}
	}
	if strings.HasSuffix(before, "=") && strings.HasSuffix(strings.TrimRight(before[:len(before)-1], " \t"), "]") {
		return "", false // maybe array destructuring: `or its return value is not iterable`
	}
	head, _, _ := strings.Cut(callee, ".")
	if head == "super" {
		return "", false
	}
	for _, c := range importClause.FindAllString(src, -1) {
		if containsWord(c, head) {
			return "", false
		}
	}
	return callee, true
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// containsWord reports whether w stands in s as a whole identifier.
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(w)
		if (a == 0 || !isIdentByte(s[a-1])) && (b == len(s) || !isIdentByte(s[b])) {
			return true
		}
		i = a + 1
	}
}
