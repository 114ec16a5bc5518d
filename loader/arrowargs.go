package loader

import (
	"bytes"
	"reflect"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// `arguments` read from an arrow function (goja's; worked around here for every file of the bundle).
//
// An arrow function has no `arguments` of its own: it reads the one of the nearest enclosing non-arrow
// function (ECMA-262 §10.2.11 FunctionDeclarationInstantiation, steps 15–16: "Arrow functions never have an
// arguments object"). goja's compiler (scope.lookupName in its compiler.go) creates that binding when the
// first reference to it is compiled, and when that first reference is inside an arrow function it does not
// move the binding to the stash the arrow can reach: the arrow then reads a wrong stack slot — a Go panic
// ("index out of range") or a silently wrong value (undefined, another variable). Once the function itself
// has referenced `arguments` first, the arrow's reference finds the binding and moves it to the stash, and
// the read is right. e2e/bench/README.md ("goja findings") lists the shapes measured.
//
// So in each non-arrow function (declaration, expression, method, getter, setter, constructor; async and
// generators too) with an arrow function descendant, not inside another non-arrow function, that names
// `arguments`, FixArrowArguments inserts a reference first:
//
//	function f() { "use strict"; return () => arguments[0] }
//	function f() { "use strict";arguments; return () => arguments[0] }
//
// after the directive prologue, which must stay first. When such an arrow is in the function's parameter list
// (a default value), the parameters are compiled before the body, so the first such arrow is wrapped
// instead: `g = () => arguments[0]` → `g = (arguments, () => arguments[0])` (goja gives a default-value
// arrow no name either way). Creating the arguments object costs nothing new where the fix is needed: the
// arrow's reference already makes goja create it on every call.
//
// A function is left as it is when its parameters name `arguments` outside an arrow (a parameter called
// `arguments`, or a default reading it) or its body declares `let`, `const` or `class arguments` at its top
// level (the inserted read would be in its temporal dead zone); the arrows then read that binding, or goja's
// own order applies. A file goja's parser cannot parse is left whole, as in trycatch.go, whose parsing and
// source-map shifting this shares.
//
// Arrows at the top level of a file are not changed: in the bundle they read the `arguments` of esbuild's
// module wrapper, and no code was found that relies on it.

// FixArrowArguments rewrites one file's JS (esbuild's output for it) as described above, and its inline
// source map if it has one. It returns the new code and the number of functions changed; code unchanged and
// 0 when there is none or the file cannot be analysed.
func FixArrowArguments(code string) (out string, n int) {
	if !strings.Contains(code, "arguments") || !strings.Contains(code, "=>") {
		return code, 0
	}
	defer func() {
		if recover() != nil { // a parser or rewriter bug leaves the file whole rather than ending the build
			out, n = code, 0
		}
	}()
	f, err := analyseArrowArguments(code)
	if err != nil {
		return code, 0
	}
	var edits []edit
	add := func(at int, text string) { edits = append(edits, edit{at: at, text: text, seq: len(edits)}) }
	for _, fn := range f.found {
		if !fn.fixable() {
			continue
		}
		if a := fn.paramArrow; a != nil {
			start, end := f.off(a.Idx0()), f.off(a.Idx1())
			if !f.endsArrow(end) {
				continue
			}
			add(start, "(arguments, ")
			add(end, ")")
			n++
			continue
		}
		at := f.afterPrologue(fn.lit.Body)
		if at < 0 {
			continue // not the printed shape this expects
		}
		add(at, "arguments; ")
		n++
	}
	if n == 0 {
		return code, 0
	}
	out, ok := applyEdits(code, edits)
	if !ok {
		return code, 0
	}
	return out, n
}

// arrowArgumentsNeeded reports whether FixArrowArguments could change code: false when the code parses and
// no function needs the fix. It lets the loader skip esbuild's transform of such a file (plain JavaScript
// without module syntax at a line start, which analysisCopy would blank: see importmeta.go).
func arrowArgumentsNeeded(code string) (needed bool) {
	if !strings.Contains(code, "arguments") || !strings.Contains(code, "=>") {
		return false
	}
	defer func() {
		if recover() != nil {
			needed = true
		}
	}()
	f, err := analyseArrowArguments(code)
	if err != nil {
		return true
	}
	for _, fn := range f.found {
		if fn.fixable() {
			return true
		}
	}
	return false
}

// analysableAsWritten reports whether analysisCopy reads src, a source as written rather than printed by
// esbuild, right: each import or export statement it blanks ends with its `;` on its own line, with no
// comment in it and nothing but a comment after it. Otherwise the blanking could swallow code.
func analysableAsWritten(src []byte) bool {
	for i := 0; i < len(src); i++ {
		if i > 0 && src[i-1] != '\n' {
			continue
		}
		rest := src[i:]
		blanked := hasWordPrefix(rest, "import") && len(rest) > 6 && strings.IndexByte(" {*\"'", rest[6]) >= 0 ||
			hasWordPrefix(rest, "export") && len(rest) > 7 && (rest[7] == '{' || rest[7] == '*')
		if !blanked {
			continue
		}
		end := statementEnd(src, i)
		line := len(rest)
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			line = nl
		}
		if end-i > line {
			return false
		}
		stmt, after := string(src[i:end]), strings.TrimSpace(string(rest[end-i:line]))
		if !strings.HasSuffix(stmt, ";") || strings.Contains(stmt, "//") || strings.Contains(stmt, "/*") ||
			after != "" && !strings.HasPrefix(after, "//") {
			return false
		}
	}
	return true
}

func analyseArrowArguments(code string) (*argsFixer, error) {
	prog, base, err := parseForAnalysis(code)
	if err != nil {
		return nil, err
	}
	f := &argsFixer{code: code, base: base}
	f.visit(prog)
	return f, nil
}

// fixable reports whether the read can be inserted in fn: see the package comment above.
func (fn *argsFn) fixable() bool { return !fn.unsafe && !fn.declaresArguments() }

// argsFn is one non-arrow function while the fixer walks it.
type argsFn struct {
	lit        *ast.FunctionLiteral
	arrows     int                       // arrow functions open around the current node
	arrow      *ast.ArrowFunctionLiteral // the outermost of them
	inParams   bool                      // the current node is in lit's parameter list
	paramArrow *ast.ArrowFunctionLiteral // the first arrow of the parameter list that names arguments
	needed     bool                      // an arrow names arguments
	unsafe     bool                      // the parameter list names arguments outside an arrow
}

type argsFixer struct {
	code  string
	base  int
	stack []*argsFn // innermost last; nil for a class field initializer or static block
	found []*argsFn // functions that need the fix, in code order
}

func (f *argsFixer) off(i file.Idx) int { return int(i) - f.base }

func (f *argsFixer) visit(n ast.Node) {
	eachNode(reflect.ValueOf(n), func(n ast.Node, leave bool) bool {
		var top *argsFn
		if len(f.stack) > 0 {
			top = f.stack[len(f.stack)-1]
		}
		switch n := n.(type) {
		case *ast.FunctionLiteral:
			fn := &argsFn{lit: n, inParams: true}
			f.stack = append(f.stack, fn)
			f.visit(n.ParameterList)
			fn.inParams = false
			f.visit(n.Body)
			f.stack = f.stack[:len(f.stack)-1]
			return false
		case *ast.FieldDefinition:
			f.visit(n.Key)
			f.stack = append(f.stack, nil) // arguments is a SyntaxError in an initializer
			f.visit(n.Initializer)
			f.stack = f.stack[:len(f.stack)-1]
			return false
		case *ast.ClassStaticBlock:
			f.stack = append(f.stack, nil)
			f.visit(n.Block)
			f.stack = f.stack[:len(f.stack)-1]
			return false
		case *ast.ArrowFunctionLiteral:
			if top == nil {
				break
			}
			if leave {
				top.arrows--
			} else if top.arrows++; top.arrows == 1 {
				top.arrow = n
			}
		case *ast.Identifier:
			if !leave && n.Name == "arguments" {
				f.names(top)
			}
		case *ast.PropertyShort: // {arguments}: its Identifier is a value the walk does not visit
			if !leave && n.Name.Name == "arguments" {
				f.names(top)
			}
		}
		return true
	})
}

// names records that the current node of top's function names arguments.
func (f *argsFixer) names(top *argsFn) {
	switch {
	case top == nil:
	case top.arrows == 0:
		top.unsafe = top.unsafe || top.inParams
	default:
		if !top.needed {
			top.needed = true
			f.found = append(f.found, top)
		}
		if top.inParams && top.paramArrow == nil {
			top.paramArrow = top.arrow
		}
	}
}

// declaresArguments reports whether fn's body declares arguments lexically at its top level.
func (fn *argsFn) declaresArguments() bool {
	found := false
	for _, s := range fn.lit.Body.List {
		switch s := s.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range s.List { // the names it binds, not their initializers
				eachNode(reflect.ValueOf(b.Target), func(n ast.Node, leave bool) bool {
					switch n := n.(type) {
					case *ast.Identifier:
						found = found || n.Name == "arguments"
					case *ast.PropertyShort:
						found = found || n.Name.Name == "arguments"
					}
					return true
				})
			}
		case *ast.ClassDeclaration:
			found = found || s.Class.Name != nil && s.Class.Name.Name == "arguments"
		}
	}
	return found
}

// afterPrologue returns the offset just past the `{` of a function body, or past the `;` of its last
// directive, or -1 if that is not where the parser's positions say.
func (f *argsFixer) afterPrologue(body *ast.BlockStatement) int {
	at := f.off(body.LeftBrace)
	if at < 0 || at >= len(f.code) || f.code[at] != '{' {
		return -1
	}
	at++
	for _, s := range body.List {
		if !isDirective(s) {
			break
		}
		end := f.off(s.(*ast.ExpressionStatement).Expression.Idx1())
		if end < 0 || end > len(f.code) {
			return -1
		}
		rest := strings.TrimLeft(f.code[end:], " \t")
		if !strings.HasPrefix(rest, ";") {
			return -1
		}
		at = len(f.code) - len(rest) + 1
	}
	return at
}

// endsArrow reports whether code[i:] starts, after spaces, with what can follow an arrow function in a
// parameter list: the check that the parser's end of the arrow is right before wrapping it.
func (f *argsFixer) endsArrow(i int) bool {
	if i <= 0 || i > len(f.code) {
		return false
	}
	rest := strings.TrimLeft(f.code[i:], " \t\n")
	return rest != "" && strings.IndexByte(",)]}:", rest[0]) >= 0
}

func isDirective(s ast.Statement) bool {
	e, ok := s.(*ast.ExpressionStatement)
	if !ok {
		return false
	}
	_, ok = e.Expression.(*ast.StringLiteral)
	return ok
}
