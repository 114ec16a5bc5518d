package loader

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"
)

// Deep recursion caught by the handler's own try/catch (issue 13, item 1).
//
// In Node, `function f() { f() } try { f() } catch (e) {}` catches `RangeError: Maximum call stack size
// exceeded`. goja's stack limit throws an uncatchable *goja.StackOverflowError instead: it skips every JS
// catch and finally up to the nearest Go boundary (e2e/bench/README.md, "goja findings: hardening"). A host
// function that calls a JS function is such a boundary: it gets the overflow as an error and can throw a
// RangeError the JS around it catches. So the block of each try statement of the project's own files is run
// through one host function, TryHelper, which the engine installs when a program calls it:
//
//	try { B } catch (e) { H }   →   try { __jsroute_try(() => { B }) } catch (e) { H }
//
// Catch and finally stay where they are (a catch only gains the ErrHelper call below); an arrow function
// keeps B's `this`, `new.target` and `super`, and its lexical declarations stay block-scoped. What leaves B
// other than by falling off its end becomes a code the arrow returns, which the try block acts on after the
// call: `return X` → `return (__jsroute_rN = (X), 1)`, then `if (__jsroute_cN === 1) return __jsroute_rN;`,
// and `break`/`continue` (labelled or not) to a statement outside B → `return K`, then
// `if (__jsroute_cN === K) break L;`. Nested transformed tries pass such an exit on outward the same way.
// The rules are checked against Node 20 case by case in engine/testdata/trycatch.
//
// A block is left as it is (an overflow in it stays uncatchable, a 500 as before) when it
//   - holds `await` (or `for await`, anywhere in it) or `yield` outside a nested function: after the first
//     await the rest of B runs from a promise job, where no host call is on the stack to convert the overflow;
//   - declares a `var` outside a nested function (it would become the arrow's own);
//   - mentions `arguments` (goja reads it wrongly from an arrow function whose enclosing function does not
//     name it itself);
//   - calls no function outside a nested function: it can overflow only through an implicit call (a
//     getter, valueOf, an iterator), and the transform would cost it ≈ 3–7 µs per run for nothing;
// and a whole file is left as it is when goja's parser cannot parse esbuild's JS of it, or it already uses
// the `__jsroute_` prefix. Packages (node_modules) are never transformed: they keep their speed.
//
// The JS is parsed with goja's parser (github.com/dop251/goja/parser and /ast), a parser only: this package
// does not import the goja runtime. It reads esbuild's printed output (one statement per line, each ending
// in `;`), and the edits are text insertions and replacements within lines, so the inline source map is
// kept by shifting columns (shiftSourceMap).

// The same pass gives the project's catch blocks V8's error messages (engine/errmsg.go): at the start of every
// `catch (e) { … }` whose binding is a plain identifier it inserts a call to ErrHelper,
//
//	catch (e) { H }   →   catch (e) { __jsroute_err(e); H }
//
// which rewrites the message of an error goja made to the one Node's V8 gives for it (a route's
// `Response.json({ error: e.message })` then answers Node's body). Only a thrown exception pays; a catch
// whose binding is a pattern, or that binds nothing, is left as it is.

// TryHelper is the global function the transformed try blocks call with their block as an arrow function.
// It returns the arrow's result, rethrows what the arrow throws, and throws a RangeError for a stack
// overflow in it.
const TryHelper = "__jsroute_try"

// ErrHelper is the global function the transformed catch blocks call with their exception first: it rewrites
// the message of an error goja made in place and returns nothing.
const ErrHelper = "__jsroute_err"

const tryPrefix = "__jsroute_"

// edit replaces code[at:at+del] with text.
type edit struct {
	at, del int
	text    string
	seq     int // order of edits at one offset
}

// CatchOverflow rewrites the try blocks and catch clauses of one file's JS (esbuild's output for it) as
// described above, and its inline source map if it has one. It returns the new code and the number of try
// and catch statements changed; code unchanged and 0 when there is none or the file cannot be analysed.
func CatchOverflow(code string) (string, int) {
	if !strings.Contains(code, "try") || strings.Contains(code, tryPrefix) {
		return code, 0
	}
	prog, base, err := parseForAnalysis(code)
	if err != nil {
		return code, 0
	}
	t := &tryRewriter{code: code, base: base}
	t.walk(prog, &scope{})
	if t.bad || t.changed+t.catches == 0 {
		return code, 0
	}
	out, ok := applyEdits(code, t.edits)
	if !ok {
		return code, 0
	}
	return out, t.changed + t.catches
}

// parseForAnalysis parses esbuild's JS of one file with goja's parser, inside an async arrow function (top-level
// await) and with its module syntax made script syntax (analysisCopy). base is the file.Idx of code[0].
func parseForAnalysis(code string) (*ast.Program, int, error) {
	const open, close = "(async () => {", "\n});"
	prog, err := parser.ParseFile(nil, "", open+analysisCopy(code)+close, 0)
	return prog, 1 + len(open), err
}

// applyEdits makes the edits (text insertions and replacements within lines) to code and shifts its inline
// source map with them; false when two edits overlap or the map cannot be read.
func applyEdits(code string, edits []edit) (string, bool) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].at != edits[j].at {
			return edits[i].at < edits[j].at
		}
		return edits[i].seq < edits[j].seq
	})
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.at < last {
			return code, false // overlapping edits: a case the rewriter does not understand
		}
		b.WriteString(code[last:e.at])
		b.WriteString(e.text)
		last = e.at + e.del
	}
	b.WriteString(code[last:])
	return shiftSourceMap(b.String(), code, edits)
}

// analysisCopy is code with the module syntax goja's script parser rejects made into script syntax of the
// same length, for analysis only: `import …;` and `export {…};` statements blanked, `export ` and
// `export default ` blanked (the default's value made an expression), `import(` and `import.` renamed; and
// the `await` of `for await`, which goja's parser rejects (the bundle lowers it), blanked.
func analysisCopy(code string) string {
	b := []byte(code)
	blank := func(from, to int) {
		for i := from; i < to && i < len(b); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	for i := 0; i < len(b); i++ {
		lineStart := i == 0 || b[i-1] == '\n'
		rest := b[i:]
		switch {
		case lineStart && hasWordPrefix(rest, "import") && len(rest) > 6 && strings.IndexByte(" {*\"'", rest[6]) >= 0:
			blank(i, statementEnd(b, i))
		case lineStart && hasWordPrefix(rest, "export default"):
			copy(b[i:], "0,")
			blank(i+2, i+len("export default"))
		case lineStart && hasWordPrefix(rest, "export") && len(rest) > 7 && (rest[7] == '{' || rest[7] == '*'):
			blank(i, statementEnd(b, i))
		case lineStart && hasWordPrefix(rest, "export"):
			blank(i, i+len("export"))
		case hasWordPrefix(rest, "import") && len(rest) > 6 && (rest[6] == '(' || rest[6] == '.') && (i == 0 || !isIdent(b[i-1]) && b[i-1] != '.'):
			b[i] = '_'
		case hasWordPrefix(rest, "for await") && (i == 0 || !isIdent(b[i-1]) && b[i-1] != '.'):
			blank(i+len("for "), i+len("for await")) // goja's parser has no `for await`; unmovable sees it as text
		}
	}
	return string(b)
}

func hasWordPrefix(b []byte, w string) bool {
	return len(b) >= len(w) && string(b[:len(w)]) == w && (len(b) == len(w) || !isIdent(b[len(w)]))
}

// statementEnd returns the index just past the `;` that ends the import or export statement at i.
func statementEnd(b []byte, i int) int {
	for ; i < len(b); i++ {
		switch b[i] {
		case '"', '\'':
			q := b[i]
			for i++; i < len(b) && b[i] != q && b[i] != '\n'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
		case ';':
			return i + 1
		}
	}
	return len(b)
}

// scope is what a statement inside a function sees: the transformed try blocks around it and the
// statements a break or continue can reach.
type scope struct {
	frames  []*tryFrame // transformed try blocks of the current function, outermost first
	targets []target    // loops, switches and labels of the current function, outermost first
}

// target is a statement a break or continue can name; frames is how many transformed try blocks were open
// where it stands.
type target struct {
	label  string // "" for an unlabelled loop or switch
	loop   bool
	frames int
}

// tryFrame is one transformed try block: its number in the file and its exits, in code order (code i+1).
type tryFrame struct {
	n     int
	exits []exit
	ret   bool // some exit returns a value through __jsroute_rN
}

// exit is a statement that leaves a transformed block: "return", "break", "continue L"…, and how many
// transformed blocks were open where its target stands (-1 for return: it leaves them all).
type exit struct {
	stmt   string
	frames int
}

func (f *tryFrame) code(e exit) int {
	for i, x := range f.exits {
		if x.stmt == e.stmt {
			return i + 1
		}
	}
	f.exits = append(f.exits, e)
	return len(f.exits)
}

type tryRewriter struct {
	code    string
	base    int // file.Idx of code[0] in the parsed text
	edits   []edit
	changed int // try blocks wrapped
	catches int // catch clauses given the ErrHelper call
	bad     bool
}

func (t *tryRewriter) off(i file.Idx) int { return int(i) - t.base }

func (t *tryRewriter) add(at, del int, text string) {
	t.edits = append(t.edits, edit{at: at, del: del, text: text, seq: len(t.edits)})
}

// walk visits n and its children.
func (t *tryRewriter) walk(n ast.Node, s *scope) {
	if t.bad || n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	switch n := n.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassStaticBlock:
		t.children(n, &scope{}) // a new function: no try block or target of the outer one is reachable
		return
	case *ast.TryStatement:
		t.try(n, s)
		return
	case *ast.ReturnStatement:
		if len(s.frames) > 0 {
			t.exit(n, s, exit{stmt: "return", frames: -1})
		}
	case *ast.BranchStatement:
		if to := s.target(n); to >= 0 && s.targets[to].frames < len(s.frames) {
			stmt := n.Token.String()
			if n.Label != nil {
				stmt += " " + string(n.Label.Name)
			}
			t.exit(n, s, exit{stmt: stmt, frames: s.targets[to].frames})
		}
	case *ast.LabelledStatement:
		s.targets = append(s.targets, target{label: string(n.Label.Name), loop: isLoop(n.Statement), frames: len(s.frames)})
		if isLoop(n.Statement) || isSwitch(n.Statement) {
			// The labelled loop is also the innermost unlabelled target of its body.
			s.targets = append(s.targets, target{loop: isLoop(n.Statement), frames: len(s.frames)})
			t.children(n.Statement, s)
			s.targets = s.targets[:len(s.targets)-2]
			return
		}
		t.walk(n.Statement, s)
		s.targets = s.targets[:len(s.targets)-1]
		return
	}
	if isLoop(n) || isSwitch(n) {
		s.targets = append(s.targets, target{loop: isLoop(n), frames: len(s.frames)})
		t.children(n, s)
		s.targets = s.targets[:len(s.targets)-1]
		return
	}
	t.children(n, s)
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement, *ast.DoWhileStatement:
		return true
	}
	return false
}

func isSwitch(n ast.Node) bool { _, ok := n.(*ast.SwitchStatement); return ok }

// target returns the index in s.targets of the statement a break or continue leaves, or -1.
func (s *scope) target(n *ast.BranchStatement) int {
	for i := len(s.targets) - 1; i >= 0; i-- {
		tg := s.targets[i]
		switch {
		case n.Label != nil:
			if tg.label == string(n.Label.Name) {
				return i
			}
		case tg.label == "" && (tg.loop || n.Token == token.BREAK):
			return i
		}
	}
	return -1
}

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// children walks the AST nodes held in n's fields (goja's ast package has no visitor).
func (t *tryRewriter) children(n ast.Node, s *scope) {
	t.fields(reflect.ValueOf(n), s, true)
}

func (t *tryRewriter) fields(v reflect.Value, s *scope, top bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if !top && v.Type().Implements(nodeType) {
			t.walk(v.Interface().(ast.Node), s)
			return
		}
		t.fields(v.Elem(), s, false)
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			t.fields(v.Index(i), s, false)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != nodeType.PkgPath() {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.Name == "DeclarationList" || !f.IsExported() {
				continue // the parser's copy of the var declarations, already in the body
			}
			f := v.Field(i)
			if f.Kind() == reflect.Struct && f.Addr().Type().Implements(nodeType) {
				t.walk(f.Addr().Interface().(ast.Node), s)
				continue
			}
			t.fields(f, s, false)
		}
	}
}

// try transforms one try statement when its block allows it, and walks the rest.
func (t *tryRewriter) try(n *ast.TryStatement, s *scope) {
	if reason := t.unmovable(n.Body); reason == "" {
		f := &tryFrame{n: t.changed}
		t.changed++
		s.frames = append(s.frames, f)
		t.children(n.Body, s)
		t.wrap(n.Body, f, s)
		s.frames = s.frames[:len(s.frames)-1]
	} else {
		t.children(n.Body, s)
	}
	if c := n.Catch; c != nil {
		if _, ok := c.Parameter.(*ast.Identifier); ok && c.Body != nil {
			name := t.code[t.off(c.Parameter.Idx0()):t.off(c.Parameter.Idx1())]
			t.add(t.off(c.Body.LeftBrace)+1, 0, " "+ErrHelper+"("+name+");")
			t.catches++
		}
	}
	t.walk(n.Catch, s)
	t.walk(n.Finally, s)
}

// wrap adds the arrow around a block and the statements acting on its exits after it.
func (t *tryRewriter) wrap(b *ast.BlockStatement, f *tryFrame, s *scope) {
	r, c := fmt.Sprintf("%sr%d", tryPrefix, f.n), fmt.Sprintf("%sc%d", tryPrefix, f.n)
	if len(f.exits) == 0 {
		t.add(t.off(b.LeftBrace)+1, 0, " "+TryHelper+"(() => {")
		t.add(t.off(b.RightBrace), 0, "}); ")
		return
	}
	head := " "
	if f.ret {
		head += "let " + r + "; "
	}
	t.add(t.off(b.LeftBrace)+1, 0, head+"const "+c+" = "+TryHelper+"(() => {")
	var tail strings.Builder
	tail.WriteString("}); ")
	for i, e := range f.exits {
		fmt.Fprintf(&tail, "if (%s === %d) %s; ", c, i+1, t.passOn(e, s))
	}
	t.add(t.off(b.RightBrace), 0, tail.String())
}

// passOn is an exit statement of a transformed block as the block around it must write it: as it is, or,
// when it also leaves an enclosing transformed block of the same function, as that block's exit code.
func (t *tryRewriter) passOn(e exit, s *scope) string {
	r := func(f *tryFrame) string { return fmt.Sprintf("%sr%d", tryPrefix, f.n) }
	inner := s.frames[len(s.frames)-1]
	if len(s.frames) == 1 {
		if e.frames < 0 && inner.ret {
			return "return " + r(inner)
		}
		return e.stmt
	}
	outer := s.frames[len(s.frames)-2]
	if e.frames < 0 && inner.ret {
		outer.ret = true
		return fmt.Sprintf("return (%s = %s, %d)", r(outer), r(inner), outer.code(e))
	}
	if e.frames < 0 {
		return fmt.Sprintf("return %d", outer.code(e))
	}
	if e.frames < len(s.frames)-1 {
		return fmt.Sprintf("return %d", outer.code(e))
	}
	return e.stmt
}

// exit rewrites a return, break or continue that leaves the innermost transformed block.
func (t *tryRewriter) exit(n ast.Statement, s *scope, e exit) {
	f := s.frames[len(s.frames)-1]
	end := t.off(n.Idx1())
	if !t.endsStatement(end) {
		t.bad = true
		return
	}
	k := f.code(e)
	switch n := n.(type) {
	case *ast.ReturnStatement:
		if n.Argument == nil {
			t.add(t.off(n.Return)+len("return"), 0, fmt.Sprintf(" %d", k))
			return
		}
		f.ret = true
		t.add(t.off(n.Argument.Idx0()), 0, fmt.Sprintf("(%sr%d = (", tryPrefix, f.n))
		t.add(end, 0, fmt.Sprintf("), %d)", k))
	case *ast.BranchStatement:
		start := t.off(n.Idx)
		if t.code[start:end] != e.stmt {
			t.bad = true
			return
		}
		t.add(start, end-start, fmt.Sprintf("return %d", k))
	}
}

// endsStatement reports whether code[i:] starts, after spaces, with the `;` esbuild prints after every
// return, break and continue: the check that the parser's end of the statement is right.
func (t *tryRewriter) endsStatement(i int) bool {
	if i < 0 || i > len(t.code) {
		return false
	}
	rest := strings.TrimLeft(t.code[i:], " \t")
	return strings.HasPrefix(rest, ";")
}

// unmovable says why a try block cannot run inside an arrow function, or "".
func (t *tryRewriter) unmovable(b *ast.BlockStatement) string {
	// goja reads `arguments` wrongly (or panics in Go) from an arrow function when the function around it
	// does not name `arguments` itself: any mention, even a property name, leaves the block.
	text := t.code[t.off(b.LeftBrace):t.off(b.RightBrace)]
	if strings.Contains(text, "arguments") {
		return "arguments"
	}
	// A `for await` (blanked for the parser: analysisCopy) awaits like an await expression.
	if strings.Contains(text, "for await") {
		return "for await"
	}
	reason, call := "", false
	inArrow := 0
	eachNode(reflect.ValueOf(b), func(n ast.Node, leave bool) bool {
		switch n := n.(type) {
		case *ast.FunctionLiteral, *ast.ClassStaticBlock:
			return false // its own function: what it holds stays its own
		case *ast.ArrowFunctionLiteral:
			if leave {
				inArrow--
			} else {
				inArrow++ // its own too, but for `arguments`, seen above
			}
		case *ast.AwaitExpression, *ast.YieldExpression, *ast.VariableStatement, *ast.ForLoopInitializerVarDeclList, *ast.ForIntoVar:
			if inArrow == 0 && reason == "" {
				reason = fmt.Sprintf("%T", n)
			}
		case *ast.CallExpression, *ast.NewExpression:
			call = call || inArrow == 0
		case *ast.TemplateLiteral:
			call = call || inArrow == 0 && n.Tag != nil
		}
		return true
	})
	if reason == "" && !call {
		// Without a call, it cannot overflow the stack but through an implicit one (a getter, valueOf, an
		// iterator), and the arrow and host call (≈ 3–7 µs, e2e/bench/README.md) would buy nothing.
		reason = "no call"
	}
	return reason
}

// eachNode calls visit for each AST node held in v, on the way in and (leave) on the way out; visit
// returning false on the way in skips what the node holds. goja's ast package has no visitor.
func eachNode(v reflect.Value, visit func(n ast.Node, leave bool) bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if n, ok := v.Interface().(ast.Node); ok && v.Kind() == reflect.Pointer {
			if !visit(n, false) {
				return
			}
			defer visit(n, true)
		}
		eachNode(v.Elem(), visit)
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			eachNode(v.Index(i), visit)
		}
	case reflect.Struct:
		if v.Type().PkgPath() != nodeType.PkgPath() {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() && f.Name != "DeclarationList" {
				eachNode(v.Field(i), visit)
			}
		}
	}
}
