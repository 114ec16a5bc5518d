// Package assert provides node:assert and node:assert/strict as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/assert.html), written in JavaScript (assert.js) over
// the deep equality of webapi/node/util.
package assert

import (
	_ "embed"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	nodeprocess "github.com/jsroute/jsroute/webapi/node/process"
	_ "github.com/jsroute/jsroute/webapi/node/util" // internal/util/comparisons
)

//go:embed assert.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:assert", source, true) })

func init() {
	node.RegisterHostFunc("callSiteSource", func(r *webapi.Realm) goja.Value {
		return r.VM.ToValue(func(call goja.FunctionCall) goja.Value {
			text, ok := sourceLines(nodeprocess.Cwd(r), call.Argument(0).String(), int(call.Argument(1).ToInteger()))
			if !ok {
				return goja.Undefined()
			}
			return r.VM.ToValue(text)
		})
	})
	node.Register("assert", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
	node.Register("assert/strict", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "assert").(*goja.Object).Get("strict")
	})
}

// Limits of sourceLines: the file size read, and the lines given from the call's line on.
const (
	maxSourceSize  = 4 << 20
	maxSourceLines = 40
)

// sourceLines is the text of file (a path relative to root, as the app's stacks name the
// project's files) from its 1-based line on, for assert.ok's message; false for a path that
// leaves root, a missing or large file, or a line past its end.
func sourceLines(root, file string, line int) (string, bool) {
	if root == "" || line < 1 || !filepath.IsLocal(filepath.FromSlash(file)) {
		return "", false
	}
	path := filepath.Join(root, filepath.FromSlash(file))
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > maxSourceSize {
		return "", false
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	lines := strings.SplitAfter(string(b), "\n")
	if line > len(lines) {
		return "", false
	}
	end := min(len(lines), line-1+maxSourceLines)
	return strings.TrimRight(strings.Join(lines[line-1:end], ""), "\r\n"), true
}
