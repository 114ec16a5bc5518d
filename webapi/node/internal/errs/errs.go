// Package errs builds the Node.js argument errors the node modules throw (Node's
// lib/internal/errors.js messages, https://nodejs.org/docs/latest-v20.x/api/errors.html#nodejs-error-codes),
// on top of console.NodeError, so every module words them the same way.
package errs

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
)

var (
	primitiveTypes = map[string]bool{"string": true, "function": true, "number": true, "object": true, "boolean": true, "bigint": true, "symbol": true}
	className      = regexp.MustCompile(`^[A-Z][a-zA-Z0-9]*$`)
)

func listOr(words []string, lead string) string {
	switch len(words) {
	case 1:
		return lead + words[0]
	case 2:
		return lead + words[0] + " or " + words[1]
	}
	return lead + strings.Join(words[:len(words)-1], ", ") + ", or " + words[len(words)-1]
}

// InvalidArgType is ERR_INVALID_ARG_TYPE: `The "name" argument must be of type string or an
// instance of Buffer. Received ...`. expected mixes primitive type names ("string"), class names
// ("Buffer") and descriptions ("Array-like Object"), as Node's constructor takes them.
func InvalidArgType(r *webapi.Realm, name string, expected []string, actual goja.Value) *goja.Object {
	var msg string
	switch {
	case strings.HasSuffix(name, " argument"):
		msg = "The " + name + " must be "
	case strings.Contains(name, "."):
		msg = `The "` + name + `" property must be `
	default:
		msg = `The "` + name + `" argument must be `
	}
	var types, instances, other []string
	for _, e := range expected {
		switch {
		case primitiveTypes[e]:
			types = append(types, e)
		case className.MatchString(e):
			instances = append(instances, e)
		default:
			other = append(other, e)
		}
	}
	var parts []string
	if len(types) == 1 {
		parts = append(parts, "of type "+types[0])
	} else if len(types) > 1 {
		parts = append(parts, listOr(types, "one of type "))
	}
	if len(instances) > 2 {
		parts = append(parts, listOr(instances, "an instance of "))
	} else if len(instances) > 0 {
		p := "an instance of " + instances[0]
		if len(instances) == 2 {
			p += " or " + instances[1]
		}
		parts = append(parts, p)
	}
	if len(other) == 1 {
		p := other[0]
		if strings.ToLower(p) != p {
			p = "an " + p
		}
		parts = append(parts, p)
	} else if len(other) > 1 {
		parts = append(parts, listOr(other, "one of "))
	}
	msg += strings.Join(parts, " or ") + ". Received " + console.Received(r, actual)
	return console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", "%s", msg)
}

// separated groups the digits of an integer by threes with "_" (Node's addNumericalSeparator).
func separated(s string) string {
	start := 0
	if strings.HasPrefix(s, "-") {
		start = 1
	}
	var out string
	i := len(s)
	for ; i >= start+4; i -= 3 {
		out = "_" + s[i-3:i] + out
	}
	return s[:i] + out
}

// OutOfRange is ERR_OUT_OF_RANGE: `The value of "name" is out of range. It must be rng.
// Received value` (integers beyond 2**32 with digit separators, BigInts with "n").
func OutOfRange(r *webapi.Realm, name, rng string, value goja.Value) *goja.Object {
	shown := console.Inspect(r, value)
	switch x := value.Export().(type) {
	case *big.Int:
		shown = x.String()
		if new(big.Int).Abs(x).Cmp(big.NewInt(1<<32)) > 0 {
			shown = separated(shown)
		}
		shown += "n"
	case int64:
		if x > 1<<32 || x < -(1<<32) {
			shown = separated(strconv.FormatInt(x, 10))
		}
	case float64:
		if x == math.Trunc(x) && math.Abs(x) > 1<<32 && !math.IsInf(x, 0) {
			shown = separated(strconv.FormatFloat(x, 'f', -1, 64))
		}
	}
	return console.NodeError(r, "RangeError", "ERR_OUT_OF_RANGE", "The value of \"%s\" is out of range. It must be %s. Received %s", name, rng, shown)
}

// InvalidArgValue is ERR_INVALID_ARG_VALUE: `The argument 'name' is invalid. Received ...`
// (reason replaces "is invalid" when given).
func InvalidArgValue(r *webapi.Realm, name string, value goja.Value, reason string) *goja.Object {
	if reason == "" {
		reason = "is invalid"
	}
	kind := "argument"
	if strings.Contains(name, ".") {
		kind = "property"
	}
	return console.NodeError(r, "TypeError", "ERR_INVALID_ARG_VALUE", "The %s '%s' %s. Received %s", kind, name, reason, console.Inspect(r, value))
}

// UnknownEncoding is ERR_UNKNOWN_ENCODING.
func UnknownEncoding(r *webapi.Realm, enc goja.Value) *goja.Object {
	s := enc.String()
	if _, isObj := enc.(*goja.Object); isObj {
		s = console.Inspect(r, enc)
	}
	return console.NodeError(r, "TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding: %s", s)
}

// New is any other Node error: ctor ("Error", "TypeError", "RangeError"), code and message.
func New(r *webapi.Realm, ctor, code, msg string) *goja.Object {
	return console.NodeError(r, ctor, code, "%s", msg)
}

// Guard wraps a binding function of module so that a Go panic that is not a JavaScript value (a
// bug, or a Go library refusing its input) becomes a JavaScript Error naming the module and the
// function, instead of escaping the runtime; JavaScript throws and interrupts pass through.
func Guard(vm *goja.Runtime, module, name string, fn func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		defer func() {
			if x := recover(); x != nil {
				switch x.(type) {
				case goja.Value, *goja.Exception, *goja.InterruptedError:
					panic(x)
				}
				panic(vm.NewGoError(fmt.Errorf("node:%s %s: %v", module, name, x)))
			}
		}()
		return fn(call)
	}
}
