package wasm

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/sys"
)

// errorClasses makes CompileError, LinkError and RuntimeError (JS API §5.6 "Error Objects") as
// V8 has them: subclasses of Error, callable without new, of length 1, whose prototype carries the
// name.
const errorClasses = `(function () {
  function make(name) {
    const C = { [name]: function (message) { return Reflect.construct(Error, arguments, new.target || C) } }[name]
    Object.setPrototypeOf(C, Error)
    C.prototype = Object.create(Error.prototype, {
      constructor: { value: C, writable: true, configurable: true },
      name: { value: name, writable: true, configurable: true },
    })
    Object.defineProperty(C, 'prototype', { writable: false })
    return C
  }
  return [make('CompileError'), make('LinkError'), make('RuntimeError')]
})()`

func (s *state) defineErrors() {
	v, err := s.vm.RunString(errorClasses)
	if err != nil {
		panic(err)
	}
	o := v.(*goja.Object)
	s.compileError = o.Get("0").(*goja.Object)
	s.linkError = o.Get("1").(*goja.Object)
	s.runtimeError = o.Get("2").(*goja.Object)
}

// newError makes an error of class ctor with message msg.
func (s *state) newError(ctor *goja.Object, format string, args ...any) *goja.Object {
	e, err := s.vm.New(ctor, s.vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(err)
	}
	return e
}

// jsThrow carries a JS throw (goja's panic value: an *Exception, an *InterruptedError or a thrown
// Value) out of a host function through wazero, which wraps what a host function panics with; the
// caller of wasm panics with x again, so JS sees the very value thrown.
type jsThrow struct{ x any }

func (t *jsThrow) Error() string { return fmt.Sprint(t.x) }

// trapMessages are V8's texts for wazero's traps (src/common/message-template.h kTrap*), so a
// RuntimeError reads as under Node.
var trapMessages = map[string]string{
	"unreachable":                   "unreachable",
	"integer divide by zero":        "divide by zero",
	"integer overflow":              "float unrepresentable in integer range", // also i32.div_s(INT_MIN, -1): wazero says the same for both
	"invalid conversion to integer": "float unrepresentable in integer range",
	"out of bounds memory access":   "memory access out of bounds",
	"invalid table access":          "table index is out of bounds",
	"indirect call type mismatch":   "null function or function signature mismatch",
	"stack overflow":                "Maximum call stack size exceeded",
	"null reference":                "dereferencing a null pointer",
	"unaligned atomic":              "operation does not support unaligned accesses",
}

// throwCallError turns the error of a call into wasm into what JS sees: the JS exception an
// import threw, a RuntimeError for a trap, an Error when the runtime was interrupted.
func (s *state) throwCallError(err error) {
	var t *jsThrow
	if errors.As(err, &t) {
		panic(t.x)
	}
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		switch exit.ExitCode() {
		case sys.ExitCodeContextCanceled, sys.ExitCodeDeadlineExceeded:
			panic(s.newError(s.runtimeError, "WebAssembly execution was interrupted (the request ran past its time limit or the server is stopping)"))
		}
		panic(s.newError(s.runtimeError, "WebAssembly module exited with code %d", exit.ExitCode()))
	}
	panic(s.trapError(err))
}

// trapError is the RuntimeError of a trap (the first line of wazero's message, as V8 words it).
func (s *state) trapError(err error) *goja.Object {
	msg := err.Error()
	inner := err
	for u := errors.Unwrap(inner); u != nil; u = errors.Unwrap(inner) {
		inner = u
	}
	if m, ok := trapMessages[inner.Error()]; ok {
		if m == "Maximum call stack size exceeded" {
			return s.newError(s.vm.Get("RangeError").(*goja.Object), "%s", m)
		}
		return s.newError(s.runtimeError, "%s", m)
	}
	msg = strings.TrimPrefix(msg, "wasm error: ")
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return s.newError(s.runtimeError, "%s", msg)
}
