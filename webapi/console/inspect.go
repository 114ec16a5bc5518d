package console

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// options are the util.inspect options the console uses (Node.js defaults).
type options struct {
	depth           int // recursion depth; math.MaxInt for unlimited
	breakLength     int
	compact         int
	compactTrue     bool // compact: true, Node's older layout (a number otherwise)
	getters         int  // getters: gettersNone, gettersAll (true), gettersGet ('get'), gettersSet ('set')
	maxArrayLength  int
	maxStringLength int
	showHidden      bool
	customInspect   bool
	sorted          bool // util.inspect's sorted: entries in string order (never set by console.log)
	showProxy       bool // a Proxy as "Proxy [ target, handler ]"
	numericSep      bool // numericSeparator: 1_000_000
}

var defaultOptions = options{depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000, customInspect: true}

// inspector is one util.inspect run: Node.js's algorithm (lib/internal/util/inspect.js) redone in
// Go, without colors. It tracks the indentation, the objects on the current path (for circular
// references), and the deepest object level reached (for "compact" grouping).
type inspector struct {
	r  *webapi.Realm
	vm *goja.Runtime
	in *intrinsics
	options

	indentationLvl int
	currentDepth   int
	seen           []*goja.Object
	circular       map[*goja.Object]int
}

// Inspect formats a value the way Node.js's util.inspect does with its default options: depth 2,
// lines broken at 80 columns, circular references marked. Like Format, it never throws.
func Inspect(r *webapi.Realm, v goja.Value) (s string) {
	if ex := r.VM.Try(func() { s = newInspector(r, defaultOptions).value(v, 0, false) }); ex != nil {
		return "<inspection threw " + ex.Value().String() + ">"
	}
	return s
}

func newInspector(r *webapi.Realm, o options) *inspector {
	return &inspector{r: r, vm: r.VM, in: intrinsicsOf(r), options: o}
}

const (
	kObjectType = iota
	kArrayType
	kArrayExtrasType
)

// value is formatValue.
func (c *inspector) value(v goja.Value, recurseTimes int, typedArray bool) string {
	o, ok := v.(*goja.Object)
	if !ok {
		return c.primitive(v)
	}
	context := o
	if c.in.kindOf(c.vm, o) == kindProxy {
		if c.showProxy {
			return c.proxy(o, recurseTimes)
		}
		// The target is shown, never the traps run.
		p := o.Export().(goja.Proxy)
		if p.Target() == nil {
			return "<Revoked Proxy>"
		}
		o = p.Target()
	}
	if c.customInspect {
		if s, ok := c.custom(o, context, recurseTimes); ok {
			return s
		}
		if s, ok := c.platformString(o, recurseTimes); ok {
			return s
		}
	}
	for _, s := range c.seen {
		if s == o {
			if c.circular == nil {
				c.circular = map[*goja.Object]int{}
			}
			idx, ok := c.circular[o]
			if !ok {
				idx = len(c.circular) + 1
				c.circular[o] = idx
			}
			return fmt.Sprintf("[Circular *%d]", idx)
		}
	}
	return c.raw(o, recurseTimes, typedArray)
}

// custom calls a [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) method.
func (c *inspector) custom(o, context *goja.Object, recurseTimes int) (string, bool) {
	m := o.GetSymbol(c.in.customInspect)
	fn, ok := goja.AssertFunction(m)
	if !ok {
		return "", false
	}
	if ctor, ok := o.Get("constructor").(*goja.Object); ok && ctor.Get("prototype") == goja.Value(o) {
		return "", false // a prototype object, not an instance
	}
	depth := goja.Value(c.vm.ToValue(c.depth - recurseTimes))
	if c.depth == math.MaxInt {
		depth = goja.Null()
	}
	opts := c.vm.NewObject()
	opts.Set("depth", depth)
	opts.Set("breakLength", c.breakLength)
	if c.compactTrue {
		opts.Set("compact", true)
	} else {
		opts.Set("compact", c.compact)
	}
	opts.Set("showHidden", c.showHidden)
	opts.Set("customInspect", c.customInspect)
	opts.Set("colors", false)
	opts.Set("stylize", func(call goja.FunctionCall) goja.Value { return call.Argument(0).ToString() })
	inspect, _ := c.r.Get(inspectFnKey{}).(goja.Value) // util.inspect once node:util is loaded
	if inspect == nil {
		inspect = c.vm.ToValue(func(call goja.FunctionCall) goja.Value {
			return c.vm.ToValue(Inspect(c.r, call.Argument(0)))
		})
	}
	ret, err := fn(context, depth, opts, inspect)
	if err != nil {
		panic(err)
	}
	if ret == goja.Value(context) {
		return "", false
	}
	if ret.ExportType() == stringType {
		return strings.ReplaceAll(ret.String(), "\n", "\n"+strings.Repeat(" ", c.indentationLvl)), true
	}
	return c.value(ret, recurseTimes, false), true
}

// primitive is formatPrimitive.
func (c *inspector) primitive(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if sym, ok := v.(*goja.Symbol); ok {
		return c.symbol(sym)
	}
	switch x := v.Export().(type) {
	case string:
		if gs, ok := v.(goja.String); ok && strings.ContainsRune(x, utf8.RuneError) {
			x = wtf8(gs)
		}
		return c.string(x)
	case bool:
		return strconv.FormatBool(x)
	case int64:
		if c.numericSep {
			return separateNumber(strconv.FormatInt(x, 10))
		}
		return strconv.FormatInt(x, 10)
	case float64:
		if c.numericSep {
			return separateFloat(x, v.String())
		}
		return formatNumber(v)
	}
	if c.numericSep {
		return separateNumber(v.String()) + "n"
	}
	return v.String() + "n" // bigint
}

// proxy is formatProxy (showProxy): the target and the handler, as a two-entry list.
func (c *inspector) proxy(o *goja.Object, recurseTimes int) string {
	if recurseTimes > c.depth {
		return "Proxy [Array]"
	}
	p := o.Export().(goja.Proxy)
	target, handler := goja.Value(goja.Null()), goja.Value(goja.Null())
	if t := p.Target(); t != nil {
		target = t
	}
	if h := p.Handler(); h != nil {
		handler = h
	}
	c.indentationLvl += 2
	out := []string{c.value(target, recurseTimes+1, false), c.value(handler, recurseTimes+1, false)}
	c.indentationLvl -= 2
	return c.reduceToSingleString(out, "", [2]string{"Proxy [", "]"}, kArrayExtrasType, recurseTimes+1, nil)
}

// separateNumber is addNumericSeparator: "_" between groups of three digits of an integer.
func separateNumber(s string) string {
	start := 0
	if strings.HasPrefix(s, "-") {
		start = 1
	}
	out := ""
	i := len(s)
	for ; i >= start+4; i -= 3 {
		out = "_" + s[i-3:i] + out
	}
	return s[:i] + out
}

// separateFloat is formatNumber with numericSeparator: the integer part grouped from the end,
// the fraction from the start; exponent forms and NaN/Infinity as they are (and -0 as "0", as
// Node's String(Math.trunc(-0)) gives).
func separateFloat(f float64, s string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(s, "e") {
		return s
	}
	intPart, frac, _ := strings.Cut(s, ".")
	if frac == "" {
		return separateNumber(intPart)
	}
	out := ""
	i := 0
	for ; i < len(frac)-3; i += 3 {
		out += frac[i:i+3] + "_"
	}
	return separateNumber(intPart) + "." + out + frac[i:]
}

func (c *inspector) symbol(sym *goja.Symbol) string {
	s, _ := c.in.symbolToString(sym)
	return s.String()
}

func formatNumber(v goja.Value) string {
	if f, ok := v.Export().(float64); ok && f == 0 && math.Signbit(f) {
		return "-0"
	}
	return v.String()
}

// string quotes a string, splitting a long one at its line breaks.
func (c *inspector) string(s string) string {
	trailer := ""
	if n := utf16Len(s); n > c.maxStringLength {
		remaining := n - c.maxStringLength
		s = truncateUTF16(s, c.maxStringLength)
		trailer = fmt.Sprintf("... %d more character%s", remaining, plural(remaining))
	}
	if !c.compactTrue && utf16Len(s) > 16 && utf16Len(s) > c.breakLength-c.indentationLvl-4 && strings.Contains(s, "\n") {
		var parts []string
		for len(s) > 0 {
			i := strings.IndexByte(s, '\n')
			if i < 0 || i == len(s)-1 {
				parts = append(parts, quote(s))
				break
			}
			parts = append(parts, quote(s[:i+1]))
			s = s[i+1:]
		}
		return strings.Join(parts, " +\n"+strings.Repeat(" ", c.indentationLvl+2)) + trailer
	}
	return quote(s) + trailer
}

// quote is strEscape: single quotes unless the string has some; control characters escaped.
func quote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 {
		if strings.IndexByte(s, '"') < 0 {
			q = '"'
		} else if strings.IndexByte(s, '`') < 0 && !strings.Contains(s, "${") {
			q = '`'
		}
	}
	var b strings.Builder
	b.WriteByte(q)
	for i, r := range s {
		if r == utf8.RuneError {
			if u, ok := loneSurrogate(s[i:]); ok {
				fmt.Fprintf(&b, `\u%x`, u) // Node: "\\u" and the code unit in lowercase hex
				continue
			}
			if s[i] >= 0x80 && s[i] < 0xC0 && i > 0 && s[i-1] >= 0x80 {
				continue // the rest of a lone surrogate's bytes
			}
		}
		switch {
		case r == rune(q) && q == '\'':
			b.WriteString(`\'`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r >= 0x7F && r <= 0x9F:
			fmt.Fprintf(&b, `\x%02X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// wtf8 is gs in UTF-8, but with each lone surrogate kept as its own three bytes (WTF-8, which a
// Go string can hold), where goja's export has U+FFFD; quote escapes them as Node does.
func wtf8(gs goja.String) string {
	var b strings.Builder
	n := gs.Length()
	for i := 0; i < n; i++ {
		u := rune(gs.CharAt(i))
		if utf16.IsSurrogate(u) {
			if u < 0xDC00 && i+1 < n {
				if lo := rune(gs.CharAt(i + 1)); lo >= 0xDC00 && lo <= 0xDFFF {
					b.WriteRune(utf16.DecodeRune(u, lo))
					i++
					continue
				}
			}
			b.WriteByte(byte(0xE0 | u>>12))
			b.WriteByte(byte(0x80 | (u>>6)&0x3F))
			b.WriteByte(byte(0x80 | u&0x3F))
			continue
		}
		b.WriteRune(u)
	}
	return b.String()
}

// loneSurrogate reads a lone surrogate's WTF-8 bytes at the start of s.
func loneSurrogate(s string) (rune, bool) {
	if len(s) < 3 || s[0] != 0xED || s[1] < 0xA0 || s[1] > 0xBF || s[2] < 0x80 || s[2] > 0xBF {
		return 0, false
	}
	return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// utf16Len is a string's JavaScript length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func truncateUTF16(s string, n int) string {
	for i, r := range s {
		if n <= 0 {
			return s[:i]
		}
		n--
		if r > 0xFFFF {
			n--
		}
	}
	return s
}

// width is the number of columns a string takes (Node.js's getStringWidth, roughly: one per
// code point, two for wide East Asian characters and emoji).
func width(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x1F300 && r <= 0x1F64F || r >= 0x1F900 && r <= 0x1F9FF || r >= 0x20000 && r <= 0x3FFFD):
			n += 2
		case r >= 0x300 && r <= 0x36F || r == 0x200B:
		default:
			n++
		}
	}
	return n
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var keyStrRegExp = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z_0-9]*$`)
