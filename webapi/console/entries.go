package console

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// array is formatArray, with holes shown as "<n empty items>" (formatSpecialArray).
func (c *inspector) array(o *goja.Object, length int64, recurseTimes int) []string {
	n := min(length, int64(c.maxArrayLength))
	var output []string
	hasOwn := func(i int64) bool { return c.descriptor(o, key{s: strconv.FormatInt(i, 10)}) != nil }
	i := int64(0)
	for ; i < n; i++ {
		if !hasOwn(i) {
			break
		}
		output = append(output, c.property(o, key{s: strconv.FormatInt(i, 10)}, recurseTimes, kArrayType))
	}
	if i < n { // sparse: walk the index keys that exist
		index := i
		for _, k := range o.Keys() {
			if int64(len(output)) >= n {
				break
			}
			if !isIndex(k) {
				break
			}
			idx, _ := strconv.ParseInt(k, 10, 64)
			if idx < index {
				continue
			}
			if idx != index {
				output = append(output, emptyItems(idx-index))
				index = idx
				if int64(len(output)) >= n {
					break
				}
			}
			output = append(output, c.property(o, key{s: k}, recurseTimes, kArrayType))
			index++
		}
		remaining := length - index
		if int64(len(output)) < n {
			if remaining > 0 {
				output = append(output, emptyItems(remaining))
			}
		} else if remaining > 0 {
			output = append(output, moreItems(remaining))
		}
		return output
	}
	if length > n {
		output = append(output, moreItems(length-n))
	}
	return output
}

func emptyItems(n int64) string {
	return fmt.Sprintf("<%d empty item%s>", n, plural(int(n)))
}

func moreItems(n int64) string {
	return fmt.Sprintf("... %d more item%s", n, plural(int(n)))
}

// typedArray is formatTypedArray.
func (c *inspector) typedArray(o *goja.Object, length int64, recurseTimes int) []string {
	n := min(length, int64(c.maxArrayLength))
	out := make([]string, 0, n+1)
	for i := int64(0); i < n; i++ {
		v := o.Get(strconv.FormatInt(i, 10))
		out = append(out, c.primitive(v))
	}
	if length > n {
		out = append(out, moreItems(length-n))
	}
	if c.showHidden {
		c.indentationLvl += 2
		for _, k := range [...]string{"BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"} {
			out = append(out, "["+k+"]: "+c.value(o.Get(k), recurseTimes, true))
		}
		c.indentationLvl -= 2
	}
	return out
}

// collection is formatSet and formatMap.
func (c *inspector) collection(o *goja.Object, isMap bool, size int64, recurseTimes int) []string {
	n := min(size, int64(c.maxArrayLength))
	var out []string
	c.indentationLvl += 2
	forEach := c.in.setForEach
	if isMap {
		forEach = c.in.mapForEach
	}
	var entries [][2]goja.Value
	c.call(forEach, o, c.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		if int64(len(entries)) < n {
			entries = append(entries, [2]goja.Value{call.Argument(1), call.Argument(0)})
		}
		return goja.Undefined()
	}))
	for _, e := range entries {
		if isMap {
			out = append(out, c.value(e[0], recurseTimes, false)+" => "+c.value(e[1], recurseTimes, false))
		} else {
			out = append(out, c.value(e[1], recurseTimes, false))
		}
	}
	if size > n {
		out = append(out, moreItems(size-n))
	}
	c.indentationLvl -= 2
	return out
}

// arrayBuffer is formatArrayBuffer plus its byteLength.
func (c *inspector) arrayBuffer(o *goja.Object) []string {
	ab := o.Export().(goja.ArrayBuffer)
	if ab.Detached() {
		return []string{"(detached)", "byteLength: 0"}
	}
	b := ab.Bytes()
	n := min(len(b), c.maxArrayLength)
	hex := make([]string, n)
	for i := range n {
		hex[i] = fmt.Sprintf("%02x", b[i])
	}
	s := strings.Join(hex, " ")
	if len(b) > n {
		s += fmt.Sprintf(" ... %d more byte%s", len(b)-n, plural(len(b)-n))
	}
	return []string{"[Uint8Contents]: <" + s + ">", "byteLength: " + strconv.Itoa(len(b))}
}

// promise is formatPromise.
func (c *inspector) promise(o *goja.Object, recurseTimes int) []string {
	p := o.Export().(*goja.Promise)
	switch p.State() {
	case goja.PromiseStatePending:
		return []string{"<pending>"}
	case goja.PromiseStateRejected:
		c.indentationLvl += 2
		s := c.value(p.Result(), recurseTimes, false)
		c.indentationLvl -= 2
		return []string{"<rejected> " + s}
	}
	c.indentationLvl += 2
	s := c.value(p.Result(), recurseTimes, false)
	c.indentationLvl -= 2
	return []string{s}
}

// boxedBase is getBoxedBase: "[Number: 3]", "[String: 'ab']" and so on.
func (c *inspector) boxedBase(o *goja.Object, k kind, constructor string, hasCtor bool, tag string, keys *[]key) string {
	var typ string
	var v goja.Value
	switch k {
	case kindNumber:
		typ, v = "Number", c.call(c.in.numberValueOf, o)
	case kindString:
		typ, v = "String", c.call(c.in.stringValueOf, o)
		n := int(o.Get("length").ToInteger())
		if n <= len(*keys) {
			*keys = (*keys)[n:]
		}
	case kindBoolean:
		typ, v = "Boolean", c.call(c.in.booleanValueOf, o)
	case kindBigInt:
		typ, v = "BigInt", c.call(c.in.bigintValueOf, o)
	default:
		typ, v = "Symbol", c.call(c.in.symbolValueOf, o)
	}
	base := "[" + typ
	if typ != constructor {
		if !hasCtor {
			base += " (null prototype)"
		} else {
			base += " (" + constructor + ")"
		}
	}
	base += ": " + c.primitive(v) + "]"
	if tag != "" && tag != constructor {
		base += " [" + tag + "]"
	}
	return base
}

// functionBase is getFunctionBase (and getClassBase for classes).
func (c *inspector) functionBase(o *goja.Object, constructor string, hasCtor bool, tag string) string {
	src := c.call(c.in.functionToString, o).String()
	if strings.HasPrefix(src, "class") && strings.HasSuffix(src, "}") {
		name := "(anonymous)"
		if d := c.descriptor(o, key{s: "name"}); d != nil {
			if n := d.Get("value"); n != nil && n.ExportType() == stringType && n.String() != "" {
				name = n.String()
			}
		}
		base := "class " + name
		if constructor != "Function" && hasCtor {
			base += " [" + constructor + "]"
		}
		if tag != "" && constructor != tag {
			base += " [" + tag + "]"
		}
		if hasCtor {
			if p := o.Prototype(); p != nil {
				if n := p.Get("name"); n != nil && n.ExportType() == stringType && n.String() != "" {
					base += " extends " + n.String()
				}
			}
		} else {
			base += " extends [null prototype]"
		}
		return "[" + base + "]"
	}
	typ := "Function"
	switch constructor {
	case "AsyncFunction", "GeneratorFunction", "AsyncGeneratorFunction":
		typ = constructor
	}
	base := "[" + typ
	if !hasCtor {
		base += " (null prototype)"
	}
	name := ""
	if n := o.Get("name"); n != nil && n.ExportType() == stringType {
		name = n.String()
	}
	if name == "" {
		base += " (anonymous)"
	} else {
		base += ": " + name
	}
	base += "]"
	if constructor != typ && hasCtor {
		base += " " + constructor
	}
	if tag != "" && constructor != tag {
		base += " [" + tag + "]"
	}
	return base
}

// errorBase is formatError: the stack (goja's "\tat" frames shown as Node.js's "    at"), with the
// constructor name added when the stack does not show it, indented to the current level. The
// keys lose name/message/stack when the stack shows them and gain cause (and errors for an
// AggregateError).
func (c *inspector) errorBase(o *goja.Object, constructor string, hasCtor bool, tag string, keys *[]key) string {
	name := "Error"
	if n := o.Get("name"); n != nil && !webidl.IsNullish(n) {
		name = n.String()
	}
	stack := ""
	if s := o.Get("stack"); s != nil && !webidl.IsNullish(s) && s.String() != "" {
		stack = s.String()
	} else {
		stack = c.call(c.in.errorToString, o).String()
	}
	stack = strings.TrimRight(strings.ReplaceAll(stack, "\n\tat ", "\n    at "), "\n")
	if len(*keys) > 0 && !c.showHidden {
		kept := (*keys)[:0]
		for _, k := range *keys {
			if k.sym == nil && (k.s == "name" || k.s == "message" || k.s == "stack") {
				if v := o.Get(k.s); v != nil && strings.Contains(stack, v.String()) {
					continue
				}
			}
			kept = append(kept, k)
		}
		*keys = kept
	}
	has := func(name string) bool {
		for _, k := range *keys {
			if k.sym == nil && k.s == name {
				return true
			}
		}
		return false
	}
	if cause := o.Get("cause"); cause != nil && !has("cause") {
		*keys = append(*keys, key{s: "cause"})
	}
	if errs, ok := o.Get("errors").(*goja.Object); ok && errs.ClassName() == "Array" && !has("errors") {
		*keys = append(*keys, key{s: "errors"})
	}
	stack = c.improveStack(stack, constructor, hasCtor, name, tag)
	msg := ""
	if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
		msg = m.String()
	}
	pos := -1
	if msg != "" {
		if i := strings.Index(stack, msg); i >= 0 {
			pos = i + len(msg)
		}
	}
	if pos < 0 {
		pos = 0
	}
	if !strings.Contains(stack[pos:], "\n    at") {
		stack = "[" + stack + "]"
	}
	if c.indentationLvl != 0 {
		stack = strings.ReplaceAll(stack, "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
	}
	return stack
}

// improveStack puts the constructor name in front of a "regular" stack whose first line shows
// only the error's name, as "DOMException [AbortError]: …".
func (c *inspector) improveStack(stack, constructor string, hasCtor bool, name, tag string) string {
	n := len(name)
	if !hasCtor || strings.HasSuffix(name, "Error") && strings.HasPrefix(stack, name) && (len(stack) == n || stack[n] == ':' || stack[n] == '\n') {
		fallback := "Error"
		if !hasCtor {
			fallback = ""
			if i := strings.IndexAny(stack, ":\n"); i > 0 {
				fallback = stack[:i]
			}
			n = len(fallback)
			if fallback == "" {
				fallback = "Error"
			}
		}
		prefix := strings.TrimSuffix(c.prefix(constructor, hasCtor, tag, fallback, ""), " ")
		if name != prefix {
			if strings.Contains(prefix, name) {
				if n == 0 {
					stack = prefix + ": " + stack
				} else {
					stack = prefix + stack[n:]
				}
			} else {
				stack = prefix + " [" + name + "]" + stack[n:]
			}
		}
	}
	return stack
}

// platformProperties are the attributes to show for an object implemented in Go (a Web API
// object): its enumerable accessors up the prototype chain, base class first, as Node.js's own
// classes print themselves ("Blob { size: 3, type: ” }"). Event handler attributes (on…) are
// left out. nil means o is not such an object.
func (c *inspector) platformProperties(o *goja.Object) []string {
	if o.GetSymbol(c.r.Slot()) == nil {
		return nil
	}
	var chain []*goja.Object
	for p := o.Prototype(); p != nil && p != c.in.objectProto; p = p.Prototype() {
		chain = append(chain, p)
	}
	names := []string{}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, n := range chain[i].GetOwnPropertyNames() {
			if strings.HasPrefix(n, "on") {
				continue
			}
			d := c.descriptor(chain[i], key{s: n})
			if d == nil || !d.Get("enumerable").ToBoolean() {
				continue
			}
			if g := d.Get("get"); g != nil && !goja.IsUndefined(g) {
				names = append(names, n)
			}
		}
	}
	if limited, ok := platformSummary[c.className(o)]; ok {
		names = limited
	}
	return names
}

// NodeInspected is implemented by the Go state of a Web API object that Node.js shows by other
// fields than its attributes: a stream's internal state, undici's Headers entries. NodeInspect
// gives the names and values (goja values, or Go values for ToValue) in Node's order.
type NodeInspected interface {
	NodeInspect() (names []string, values []any)
}

func (c *inspector) nodeInspected(o *goja.Object) (NodeInspected, bool) {
	st, ok := webidl.State(c.r, o)
	if !ok {
		return nil, false
	}
	ni, ok := st.(NodeInspected)
	return ni, ok
}

// platformString is how Node's own classes inspect themselves (their custom inspect functions)
// for an object implemented in Go: "Name " and a fresh inspection of a plain object of the
// fields (NodeInspected's, else the attributes platformProperties lists), its lines indented to
// the current level as formatValue does with a custom inspect's string. That inspection's depth
// is the depth option as given, not what is left of it (Node hands custom inspectors the options
// object): the same for undici's classes (Request, Response, Headers, FormData) and URL, one less
// for Node's (lib/internal/abort_controller.js, blob.js, event_target.js, webstreams/util.js
// customInspect). Past the depth Node's own classes return themselves, shown as "Name {}" (the
// streams' `this` is undefined there); undici's ignore the depth. Classes shown otherwise
// (URLSearchParams, TextEncoder, pair-iterables with no attributes): false, raw shows them.
func (c *inspector) platformString(o *goja.Object, recurseTimes int) (string, bool) {
	if c.in.isError(o) {
		return "", false
	}
	var names []string
	var values []goja.Value
	name := ""
	if ni, ok := c.nodeInspected(o); ok {
		name = c.className(o)
		ns, vs := ni.NodeInspect()
		for i, n := range ns {
			v, ok := vs[i].(goja.Value)
			if !ok {
				v = c.vm.ToValue(vs[i])
			}
			names, values = append(names, n), append(values, v)
		}
	} else if c.className(o) == "FormData" {
		name = "FormData"
		names, values = c.formDataFields(o)
	} else {
		props := c.platformProperties(o)
		if len(props) == 0 {
			return "", false
		}
		name = c.className(o)
		if name == "URLSearchParams" || name == "TextEncoder" {
			return "", false
		}
		for _, n := range props {
			var v goja.Value
			if ex := c.vm.Try(func() { v = o.Get(n) }); ex != nil {
				continue
			}
			names, values = append(names, n), append(values, v)
		}
	}
	opts := c.options
	switch name {
	case "Request", "Response", "Headers", "FormData":
		// undici's inspectors never look at the depth left
	case "TextDecoder":
		if c.depth != math.MaxInt && recurseTimes > c.depth {
			return "[TextDecoder]", true
		}
		opts = defaultOptions // lib/internal/encoding.js inspects its fields with no options
	case "ReadableStream", "WritableStream", "TransformStream":
		if c.depth != math.MaxInt && recurseTimes > c.depth {
			return "undefined", true // customInspect returns its `this`, which is undefined there
		}
		if opts.depth != math.MaxInt {
			opts.depth--
		}
	default:
		if c.depth != math.MaxInt && recurseTimes > c.depth {
			if name == "URL" {
				return "URL {}", true // the URL itself, which has no own properties
			}
			return "[" + name + "]", true
		}
		if name != "URL" && opts.depth != math.MaxInt {
			opts.depth--
		}
	}
	fields := c.vm.NewObject()
	for i, n := range names {
		fields.Set(n, values[i])
	}
	if len(names) == 0 {
		return name + " {}", true
	}
	s := name + " " + newInspector(c.r, opts).value(fields, 0, false)
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", c.indentationLvl)), true
}

// formDataFields are undici's FormData inspection: each name once, in first-appearance order,
// the values of a repeated name in an array.
func (c *inspector) formDataFields(o *goja.Object) ([]string, []goja.Value) {
	var names []string
	var values [][]goja.Value
	at := map[string]int{}
	if entries, ok := goja.AssertFunction(o.Get("entries")); ok {
		if it, err := entries(o); err == nil {
			webidl.Iterate(c.vm, it, func(item goja.Value) {
				if pair, ok := item.(*goja.Object); ok {
					k := pair.Get("0").String()
					i, seen := at[k]
					if !seen {
						i = len(names)
						at[k] = i
						names = append(names, k)
						values = append(values, nil)
					}
					values[i] = append(values[i], pair.Get("1"))
				}
			})
		}
	}
	out := make([]goja.Value, len(values))
	for i, vs := range values {
		if len(vs) == 1 {
			out[i] = vs[0]
		} else {
			out[i] = c.vm.NewArray(toAny(vs)...)
		}
	}
	return names, out
}

func toAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// platformSummary lists the attributes Node.js shows for classes whose inspection is a summary
// or has its own order (undici's Response and Request).
var platformSummary = map[string][]string{
	"AbortSignal":     {"aborted"},
	"AbortController": {"signal"},
	"Event":           {"type", "defaultPrevented", "cancelable", "timeStamp"},
	"CustomEvent":     {"type", "defaultPrevented", "cancelable", "timeStamp"},
	"EventTarget":     {},
	"Blob":            {"size", "type"},
	"File":            {"size", "type", "name", "lastModified"},
	"Response":        {"status", "statusText", "headers", "body", "bodyUsed", "ok", "redirected", "type", "url"},
	"Request": {"method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials",
		"cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation", "signal"},
}

// searchParams prints a URLSearchParams as Node.js's own inspect does (lib/internal/url.js): its
// pairs as "'name' => 'value'", on one line, or one per line after the brace when they are longer
// than breakLength; "[Object]" past the depth.
func (c *inspector) searchParams(o *goja.Object, recurseTimes int) string {
	if recurseTimes > c.depth {
		return "[Object]"
	}
	name, _ := c.constructorName(o)
	var out []string
	length := -2
	if entries, ok := goja.AssertFunction(o.Get("entries")); ok {
		if it, err := entries(o); err == nil {
			webidl.Iterate(c.vm, it, func(item goja.Value) {
				if pair, ok := item.(*goja.Object); ok {
					s := c.value(pair.Get("0"), recurseTimes+1, false) + " => " + c.value(pair.Get("1"), recurseTimes+1, false)
					out = append(out, s)
					length += len(s) + 2
				}
			})
		}
	}
	var s string
	switch {
	case len(out) == 0:
		return name + " {}"
	case length > c.breakLength:
		s = name + " {\n  " + strings.Join(out, ",\n  ") + " }"
	default:
		s = name + " { " + strings.Join(out, ", ") + " }"
	}
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", c.indentationLvl))
}

func (c *inspector) className(o *goja.Object) string {
	name, _ := c.constructorName(o)
	return name
}

// platform formats the attributes of a Go-implemented object, then its entries when it is
// pair-iterable (Headers, FormData, URLSearchParams) and has no attributes.
func (c *inspector) platform(o *goja.Object, names []string, recurseTimes int) []string {
	var out []string
	for _, n := range names {
		var v goja.Value
		if ex := c.vm.Try(func() { v = o.Get(n) }); ex != nil {
			continue
		}
		c.indentationLvl += 2
		out = append(out, c.keyName(key{s: n}, true)+": "+c.value(v, recurseTimes, false))
		c.indentationLvl -= 2
	}
	if len(names) > 0 {
		return out
	}
	entries, ok := goja.AssertFunction(o.Get("entries"))
	if !ok {
		return out
	}
	it, err := entries(o)
	if err != nil {
		return out
	}
	c.indentationLvl += 2
	webidl.Iterate(c.vm, it, func(item goja.Value) {
		pair, ok := item.(*goja.Object)
		if !ok {
			return
		}
		k := pair.Get("0")
		out = append(out, c.keyName(key{s: k.String()}, true)+": "+c.value(pair.Get("1"), recurseTimes, false))
	})
	c.indentationLvl -= 2
	return out
}
