package fetch

import (
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
		text, isString := call.Argument(0).Export().(string)
		if !isString || !deeperThan(text, shallowJSON) {
			v, err := orig(call.This, call.Arguments...)
			if err != nil {
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
	fn.DefineDataProperty("name", vm.ToValue("parse"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	fn.DefineDataProperty("length", vm.ToValue(2), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	vm.Get("JSON").(*goja.Object).DefineDataProperty("parse", fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
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
// which uses it): one walk over the value's plain objects and arrays, with an explicit stack,
// before goja serializes it. Objects with a toJSON method, functions and other classes are not
// entered (stringify replaces or skips them). A cycle is left for goja to report as the
// TypeError it is.
func (a *api) defineDeepJSONStringify() {
	vm := a.r.VM
	orig := a.jsonStringify
	stringify := func(call goja.FunctionCall) goja.Value {
		if o, ok := call.Argument(0).(*goja.Object); ok && nestedDeeper(o, deepStringify) {
			panic(webidl.RangeError(vm, "Maximum call stack size exceeded"))
		}
		v, err := orig(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
	fn := vm.ToValue(stringify).(*goja.Object)
	fn.DefineDataProperty("name", vm.ToValue("stringify"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	fn.DefineDataProperty("length", vm.ToValue(3), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	vm.Get("JSON").(*goja.Object).DefineDataProperty("stringify", fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	a.jsonStringify, _ = goja.AssertFunction(fn)
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
