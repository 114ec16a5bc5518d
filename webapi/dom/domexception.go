package dom

import (
	"bytes"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// domException is the state of a DOMException (WebIDL §2.8.1): a name and a message; the legacy
// code is derived from the name.
type domException struct {
	name, message string
}

// legacyCodes is the "error names" table of WebIDL §2.8.1: the legacy code constant and value of
// every name that has one. Names not listed have code 0.
var legacyCodes = []struct {
	name, constant string
	code           int
}{
	{"IndexSizeError", "INDEX_SIZE_ERR", 1},
	{"", "DOMSTRING_SIZE_ERR", 2},
	{"HierarchyRequestError", "HIERARCHY_REQUEST_ERR", 3},
	{"WrongDocumentError", "WRONG_DOCUMENT_ERR", 4},
	{"InvalidCharacterError", "INVALID_CHARACTER_ERR", 5},
	{"", "NO_DATA_ALLOWED_ERR", 6},
	{"NoModificationAllowedError", "NO_MODIFICATION_ALLOWED_ERR", 7},
	{"NotFoundError", "NOT_FOUND_ERR", 8},
	{"NotSupportedError", "NOT_SUPPORTED_ERR", 9},
	{"InUseAttributeError", "INUSE_ATTRIBUTE_ERR", 10},
	{"InvalidStateError", "INVALID_STATE_ERR", 11},
	{"SyntaxError", "SYNTAX_ERR", 12},
	{"InvalidModificationError", "INVALID_MODIFICATION_ERR", 13},
	{"NamespaceError", "NAMESPACE_ERR", 14},
	{"InvalidAccessError", "INVALID_ACCESS_ERR", 15},
	{"", "VALIDATION_ERR", 16},
	{"TypeMismatchError", "TYPE_MISMATCH_ERR", 17},
	{"SecurityError", "SECURITY_ERR", 18},
	{"NetworkError", "NETWORK_ERR", 19},
	{"AbortError", "ABORT_ERR", 20},
	{"URLMismatchError", "URL_MISMATCH_ERR", 21},
	{"QuotaExceededError", "QUOTA_EXCEEDED_ERR", 22},
	{"TimeoutError", "TIMEOUT_ERR", 23},
	{"InvalidNodeTypeError", "INVALID_NODE_TYPE_ERR", 24},
	{"DataCloneError", "DATA_CLONE_ERR", 25},
}

// code is the legacy code of the name, or 0 (WebIDL §2.8.1, the code getter).
func (e *domException) code() int {
	for _, c := range legacyCodes {
		if c.name != "" && c.name == e.name {
			return c.code
		}
	}
	return 0
}

// defineDOMException builds the class. As in Node.js, DOMException.prototype inherits from
// Error.prototype (so instances are `instanceof Error`), name/message/code are enumerable
// accessors on the prototype, and each instance gets an own `stack`.
func defineDOMException(s *realmState) *webidl.Class[*domException] {
	vm := s.r.VM
	c := webidl.Define(s.r, webidl.Spec[*domException]{
		Name: "DOMException",
		New: func(call goja.ConstructorCall) *domException {
			e, cause := newDOMExceptionState(vm, call)
			setStack(vm, call.This, e)
			if cause != nil { // after stack, in Node's property order
				call.This.DefineDataProperty("cause", cause, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			}
			return e
		},
		Accessors: []webidl.Accessor[*domException]{
			{Name: "name", Get: func(e *domException) goja.Value { return vm.ToValue(e.name) }},
			{Name: "message", Get: func(e *domException) goja.Value { return vm.ToValue(e.message) }},
			{Name: "code", Get: func(e *domException) goja.Value { return vm.ToValue(e.code()) }},
		},
	})
	c.Proto.SetPrototype(vm.Get("Error").(*goja.Object).Get("prototype").(*goja.Object))
	for _, lc := range legacyCodes {
		v := vm.ToValue(lc.code)
		c.Ctor.DefineDataProperty(lc.constant, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		c.Proto.DefineDataProperty(lc.constant, v, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	return c
}

// newDOMExceptionState converts the constructor arguments: (message = "", name = "Error"), where
// the second argument may also be an options object {name, cause} as Node.js accepts. cause is
// nil when the options have none.
func newDOMExceptionState(vm *goja.Runtime, call goja.ConstructorCall) (e *domException, cause goja.Value) {
	e = &domException{name: "Error"}
	if m := call.Argument(0); !goja.IsUndefined(m) {
		e.message = webidl.DOMString(vm, m)
	}
	opt := call.Argument(1)
	_, isFunc := goja.AssertFunction(opt)
	if o, ok := opt.(*goja.Object); ok && !isFunc { // Node: typeof options === 'object
		e.name = webidl.DOMString(vm, o.Get("name"))
		cause = o.Get("cause") // nil for a missing property
	} else if !goja.IsUndefined(opt) {
		e.name = webidl.DOMString(vm, opt)
	}
	return e, cause
}

// setStack gives o an own `stack` as V8's Error.captureStackTrace does: the "name: message" line,
// then the JavaScript frames (the native constructor frames are left out).
func setStack(vm *goja.Runtime, o *goja.Object, e *domException) {
	var b bytes.Buffer
	b.WriteString(errorHeader(e.name, e.message))
	frames := vm.CaptureCallStack(0, nil)
	for len(frames) > 0 && frames[0].SrcName() == "<native>" {
		frames = frames[1:]
	}
	for i := range frames {
		b.WriteString("\n\tat ")
		frames[i].Write(&b)
	}
	o.DefineDataProperty("stack", vm.ToValue(b.String()), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// errorHeader is what Error.prototype.toString gives for name and message (ECMA-262 §20.5.3.4).
func errorHeader(name, message string) string {
	switch {
	case name == "":
		return message
	case message == "":
		return name
	}
	return name + ": " + message
}

// NewDOMException makes a DOMException with the given message and name (for example
// "InvalidCharacterError", "QuotaExceededError", "DataCloneError", "AbortError").
func NewDOMException(r *webapi.Realm, message, name string) *goja.Object {
	s := classes(r)
	e := &domException{name: name, message: message}
	o := s.domException.Wrap(e)
	setStack(r.VM, o, e)
	return o
}

// Throw throws a new DOMException into the running script. Call it from a binding; it panics,
// and goja turns the panic into a JS throw.
func Throw(r *webapi.Realm, message, name string) {
	panic(NewDOMException(r, message, name))
}

// IsDOMException reports whether v is a DOMException and returns its name.
func IsDOMException(r *webapi.Realm, v goja.Value) (name string, ok bool) {
	e, ok := classes(r).domException.Unwrap(v)
	if !ok {
		return "", false
	}
	return e.name, true
}

// A DOMException is [Serializable] in WebIDL (§2.8.1), but Node.js 20's is a plain JS class that
// V8 serializes as an ordinary object: structuredClone gives a plain object with the exception's
// own enumerable properties (none unless a script added some). So it does not implement
// Serializable here.
