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
