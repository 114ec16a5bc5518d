package fetch

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// shallowJSON is the nesting up to which JSON.parse stays goja's own. goja's parser recurses on
// the Go stack (about 1 KB a level): 3,000,000 nested arrays end the process with "fatal
// error: stack overflow", which no recover catches. Node's parser is iterative and parses them.
const shallowJSON = 1000

// defineDeepJSONParse puts a Go JSON.parse in front of goja's: it measures the text's nesting
// first (one pass over the bytes, strings skipped) and sends deep texts to the iterative parser
// Body.json() uses (json.go), so any depth parses as in Node. A reviver on a deep text is a
// catchable RangeError, as a reviver recursing too deep is in Node (ECMA-262 §25.5.1.1
// InternalizeJSONProperty is recursive there too).
func (a *api) defineDeepJSONParse() {
	vm := a.r.VM
	orig := a.jsonParse
	parse := func(call goja.FunctionCall) goja.Value {
		// ToString once (JSON.parse's first step, ECMA-262 §25.5.1 step 1), so a failure can be explained
		// from the same text.
		args := call.Arguments
		str, isString := call.Argument(0).(goja.String)
		if !isString {
			if str, isString = call.Argument(0).ToString().(goja.String); !isString {
				str = vm.ToValue(call.Argument(0).String()).(goja.String)
			}
			args = append([]goja.Value{str}, args[min(1, len(args)):]...)
		}
		text := str.String()
		if !deeperThan(text, shallowJSON) {
			v, err := orig(call.This, args...)
			if err != nil {
				if isSyntaxError(vm, err) {
					if msg, ok := v8JSONMessage(str); ok {
						err = newSyntaxError(vm, msg)
					} else if v, perr := parseJSON(vm, []byte(text)); perr == nil {
						// V8 accepts the text and goja refused it: a number past float64's range,
						// which goja's decoder rejects and V8 reads as ±Infinity (`JSON.parse('1e400')`).
						return revive(vm, v, call.Argument(1))
					}
				}
				if je, ok := err.(*jsonError); ok {
					panic(je.v)
				}
				panic(err)
			}
			return v
		}
		if r := call.Argument(1); !goja.IsUndefined(r) {
			if _, ok := goja.AssertFunction(r); ok {
				panic(webidl.RangeError(vm, "Maximum call stack size exceeded"))
			}
		}
		v, err := parseJSON(vm, []byte(text))
		if err != nil {
			if je, ok := err.(*jsonError); ok {
				panic(je.v)
			}
			panic(err)
		}
		return v
	}
	fn := vm.ToValue(parse).(*goja.Object)
	fn.DefineDataProperty("name", vm.ToValue("parse"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	fn.DefineDataProperty("length", vm.ToValue(2), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	vm.Get("JSON").(*goja.Object).DefineDataProperty("parse", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// revive applies a JSON.parse reviver to a parsed value: InternalizeJSONProperty (ECMA-262
// §25.5.1.1) from a holder object whose "" property is the value, keys in their own order.
func revive(vm *goja.Runtime, v, reviver goja.Value) goja.Value {
	fn, ok := goja.AssertFunction(reviver)
	if !ok {
		return v
	}
	var internalize func(holder *goja.Object, name string) goja.Value
	internalize = func(holder *goja.Object, name string) goja.Value {
		val := holder.Get(name)
		if o, ok := val.(*goja.Object); ok {
			var keys []string
			if o.ClassName() == "Array" {
				n := o.Get("length").ToInteger()
				for i := int64(0); i < n; i++ {
					keys = append(keys, strconv.FormatInt(i, 10))
				}
			} else {
				keys = o.Keys()
			}
			for _, k := range keys {
				if nv := internalize(o, k); goja.IsUndefined(nv) {
					o.Delete(k)
				} else {
					o.DefineDataProperty(k, nv, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
				}
			}
		}
		r, err := fn(holder, vm.ToValue(name), val)
		if err != nil {
			panic(err)
		}
		return r
	}
	holder := vm.NewObject()
	holder.Set("", v)
	return internalize(holder, "")
}

// isSyntaxError reports whether err is a thrown SyntaxError (goja's JSON.parse rejecting its text).
func isSyntaxError(vm *goja.Runtime, err error) bool {
	ex, ok := err.(*goja.Exception)
	if !ok {
		return false
	}
	o, ok := ex.Value().(*goja.Object)
	return ok && o.Get("name") != nil && o.Get("name").String() == "SyntaxError"
}

// deeperThan reports whether JSON text nests arrays and objects more than limit deep; brackets
// inside strings do not count.
func deeperThan(s string, limit int) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '{':
			if depth++; depth > limit {
				return true
			}
		case ']', '}':
			depth--
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		}
	}
	return false
}

// deepStringify is the nesting past which JSON.stringify throws. Node 20 throws
// `RangeError: Maximum call stack size exceeded` between 4,000 and 5,000 levels (its stack
// limit); goja's stringify has no limit but recurses on the Go stack and checks for cycles
// along the whole path at every level, so 200,000 levels ran for minutes inside one host call
// (no time limit can interrupt that) and a few million end the process. Now that JSON.parse
// and request.json() build values of any depth, the guard matters for every echo route.
const deepStringify = 4500

// defineDeepJSONStringify puts a depth guard in front of JSON.stringify (and Response.json,
// which uses it). The guard rides along goja's own serialization as its replacer function
// (ECMA-262 §25.5.2.2 SerializeJSONProperty step 3 calls the replacer once per property, with
// the object being serialized as `this`), so it costs one call per property and no walk of its
// own: the holders it sees are exactly the path from the root, and a path longer than
// deepStringify throws Node's RangeError before goja recurses further. A replacer returning
// its value unchanged is the same as none (step 3), and a caller's replacer function is called
// from the guard, so what user code observes does not change; getters and toJSON run once, as
// in Node. Only a replacer array (a property list, which excludes a function) still needs the
// walk of nestedDeeper before goja serializes. A cycle is left for goja to report as the
// TypeError it is, unless it is longer than the limit (then it is Node's RangeError too).
func (a *api) defineDeepJSONStringify() {
	vm := a.r.VM
	orig := a.jsonStringify
	guard := &a.stringifyGuard
	guardFn := vm.ToValue(guard.replace)
	stringify := func(call goja.FunctionCall) goja.Value {
		value, replacer := call.Argument(0), call.Argument(1)
		root, isObject := value.(*goja.Object)
		var user goja.Callable
		if r, ok := replacer.(*goja.Object); ok {
			if user, ok = goja.AssertFunction(r); !ok {
				// A property list (or an object stringify ignores): the walk, then goja as called.
				if isObject && nestedDeeper(root, deepStringify) {
					panic(webidl.RangeError(vm, "Maximum call stack size exceeded"))
				}
				return callOrPanic(orig, call.This, call.Arguments...)
			}
		}
		if !isObject && user == nil {
			return callOrPanic(orig, call.This, call.Arguments...)
		}
		outer := guard.begin(vm, user)
		defer guard.end(outer)
		v, err := orig(call.This, value, guardFn, call.Argument(2))
		if err != nil {
			if msg, ok := guard.circularMessage(err); ok {
				panic(vm.NewTypeError(msg))
			}
			panic(err)
		}
		return v
	}
	fn := vm.ToValue(stringify).(*goja.Object)
	fn.DefineDataProperty("name", vm.ToValue("stringify"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	fn.DefineDataProperty("length", vm.ToValue(3), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	vm.Get("JSON").(*goja.Object).DefineDataProperty("stringify", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	a.jsonStringify, _ = goja.AssertFunction(fn)
}

func callOrPanic(f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// stringifyGuard is the state of the JSON.stringify running on a realm: the objects being
// serialized from the root down (the first is the wrapper {"": value} of §25.5.2 step 10), and
// the caller's replacer function if there was one. A toJSON or getter may call JSON.stringify
// again; begin and end keep the outer call's state aside meanwhile.
type stringifyGuard struct {
	vm      *goja.Runtime
	holders []*goja.Object
	keys    []goja.Value // the key each holder was reached by, for the circular structure message
	high    int          // the longest holders got, to clear the references it kept
	user    goja.Callable
	active  bool
	// the last property serialized: its key and the value it serialized to
	lastKey, lastValue goja.Value
}

// begin starts a serialization and returns the state of the one it interrupts (active false
// if none).
func (g *stringifyGuard) begin(vm *goja.Runtime, user goja.Callable) stringifyGuard {
	outer := *g
	if outer.active {
		*g = stringifyGuard{} // a nested call: new holders, the outer's stay as they are
	}
	g.vm, g.user, g.active, g.holders, g.keys, g.high = vm, user, true, g.holders[:0], g.keys[:0], 0
	return outer
}

// end drops the references the serialization held and puts the outer one's state back.
func (g *stringifyGuard) end(outer stringifyGuard) {
	clear(g.holders[:g.high])
	clear(g.keys[:g.high])
	g.lastKey, g.lastValue = nil, nil
	if outer.active {
		*g = outer
		return
	}
	g.user, g.active = nil, false
}

// replace is the replacer goja calls for every property it serializes, with the property's
// holder as this. Every entry into an object is preceded by a call for its key on the parent
// (step 3 runs before the value is serialized), so when the holder is already on the path the
// serialization came back up to it, and otherwise it went one level down.
func (g *stringifyGuard) replace(call goja.FunctionCall) goja.Value {
	h, _ := call.This.(*goja.Object)
	if n := len(g.holders); n == 0 || g.holders[n-1] != h {
		i := n - 2
		for i >= 0 && g.holders[i] != h {
			i--
		}
		switch {
		case i >= 0:
			g.holders = g.holders[:i+1]
			g.keys = g.keys[:i+1]
		case n > deepStringify: // the wrapper and deepStringify objects are on the path
			panic(webidl.RangeError(g.vm, "Maximum call stack size exceeded"))
		default:
			g.holders = append(g.holders, h)
			g.keys = append(g.keys, g.lastKey) // h is the value of the property before its first
			g.high = max(g.high, len(g.holders))
		}
	}
	v := call.Argument(1)
	if g.user != nil {
		v = callOrPanic(g.user, call.This, call.Arguments...)
	}
	g.lastKey, g.lastValue = call.Argument(0), v
	return v
}

// circularMessage words goja's "Converting circular structure to JSON" as V8 does
// (JsonStringifier::ConstructCircularStructureErrorMessage): the object the circle starts at,
// the path from it (its first two steps, "...", its last), and the property that closes it.
func (g *stringifyGuard) circularMessage(err error) (string, bool) {
	ex, ok := err.(*goja.Exception)
	if !ok || !strings.HasPrefix(ex.Value().String(), "TypeError: Converting circular structure to JSON") {
		return "", false
	}
	repeated, ok := g.lastValue.(*goja.Object)
	if !ok || len(g.holders) < 2 {
		return "", false
	}
	path, keys := g.holders[1:], g.keys[1:] // without the wrapper {"": value}
	start := len(path) - 1
	for start >= 0 && path[start] != repeated {
		start--
	}
	if start < 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString("Converting circular structure to JSON\n    --> starting at object with constructor '" + v8ConstructorName(path[start]) + "'")
	line := func(i int) {
		b.WriteString("\n    |     " + circularKey(path[i-1], keys[i]) + " -> object with constructor '" + v8ConstructorName(path[i]) + "'")
	}
	i := start + 1
	for end := min(len(path), i+2); i < end; i++ {
		line(i)
	}
	if len(path) > i+1 {
		b.WriteString("\n    |     ...")
	}
	for i = max(i, len(path)-1); i < len(path); i++ {
		line(i)
	}
	b.WriteString("\n    --- " + circularKey(path[len(path)-1], g.lastKey) + " closes the circle")
	return b.String(), true
}

// circularKey names a key in the circular structure message: an array's index, else a property.
func circularKey(holder *goja.Object, key goja.Value) string {
	k := ""
	if key != nil {
		k = key.String()
	}
	switch {
	case holder.ClassName() == "Array":
		return "index " + k
	case k == "":
		return "<anonymous>"
	}
	return "property '" + k + "'"
}

// v8ConstructorName is the name of o's constructor ("Object" when it has none, as for a
// null-prototype object), as V8 names objects in its messages.
func v8ConstructorName(o *goja.Object) string {
	if c, ok := o.Get("constructor").(*goja.Object); ok {
		if _, fn := goja.AssertFunction(c); fn {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return n.String()
			}
		}
	}
	return "Object"
}

// nestedDeeper reports whether plain objects and arrays nest more than limit deep under root
// (root is level 1), not counting a cycle.
func nestedDeeper(root *goja.Object, limit int) bool {
	type frame struct {
		o    *goja.Object
		keys []string
		next int
	}
	enter := func(o *goja.Object) (frame, bool) {
		switch o.ClassName() {
		case "Object", "Array":
		default:
			return frame{}, false
		}
		if _, hasToJSON := goja.AssertFunction(o.Get("toJSON")); hasToJSON {
			return frame{}, false
		}
		return frame{o: o, keys: o.Keys()}, true
	}
	first, ok := enter(root)
	if !ok {
		return false
	}
	path := []frame{first}
	for len(path) > 0 {
		top := &path[len(path)-1]
		if top.next == len(top.keys) {
			path = path[:len(path)-1]
			continue
		}
		v := top.o.Get(top.keys[top.next])
		top.next++
		child, ok := v.(*goja.Object)
		if !ok {
			continue
		}
		f, ok := enter(child)
		if !ok {
			continue
		}
		path = append(path, f)
		if len(path) > limit {
			seen := make(map[*goja.Object]bool, len(path))
			for _, p := range path {
				if seen[p.o] {
					return false // a cycle: stringify throws its TypeError
				}
				seen[p.o] = true
			}
			return true
		}
	}
	return false
}
