// Package dom provides the DOM Standard pieces a route handler sees (https://dom.spec.whatwg.org/):
// DOMException (WebIDL §2.8), Event, CustomEvent, EventTarget (DOM §2), AbortController and
// AbortSignal (DOM §3), and the HTML standard's structuredClone (HTML §2.7).
//
// The classes are defined once per realm, lazily, so other packages can make DOMExceptions and
// abort signals from Go (NewDOMException, Throw, NewAbortController) whether or not Install made
// them globals. Node.js 20 is the reference where the standards leave room (error texts, the
// shape of DOMException).
package dom

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Install defines the globals DOMException, Event, CustomEvent, EventTarget, AbortController,
// AbortSignal and structuredClone.
func Install(r *webapi.Realm) {
	s := classes(r)
	s.domException.Global()
	s.event.Global()
	s.customEvent.Global()
	s.eventTarget.Global()
	s.abortController.Global()
	s.abortSignal.Global()
	// Node.js 20 gives structuredClone a length of 0 (the standard's is 1), and makes the global
	// enumerable.
	r.VM.GlobalObject().DefineDataProperty("structuredClone",
		webidl.Function(r.VM, "structuredClone", 0, s.structuredClone),
		goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// realmState holds the classes of one realm.
type realmState struct {
	r *webapi.Realm

	domException    *webidl.Class[*domException]
	event           *webidl.Class[eventer]
	customEvent     *webidl.Class[*customEvent]
	eventTarget     *webidl.Class[targeter]
	abortSignal     *webidl.Class[*AbortSignal]
	abortController *webidl.Class[*abortController]

	intrinsics *intrinsics // for structuredClone, taken before user code runs
}

type stateKey struct{}

// classes returns the realm's classes, defining them on first use.
func classes(r *webapi.Realm) *realmState {
	return r.State(stateKey{}, func() any {
		s := &realmState{r: r}
		s.domException = defineDOMException(s)
		s.event = defineEvent(s)
		s.customEvent = defineCustomEvent(s)
		s.eventTarget = defineEventTarget(s)
		s.abortSignal = defineAbortSignal(s)
		s.abortController = defineAbortController(s)
		s.intrinsics = newIntrinsics(r.VM)
		nodeShapes(s)
		return s
	}).(*realmState)
}

// reportException reports an exception thrown by a listener or handler (HTML §8.1.7.3 "report
// an exception"): it is logged and does not reach the code that dispatched the event. An
// interrupt (the engine stopping a runaway handler) is not an exception and keeps unwinding.
func reportException(r *webapi.Realm, what string, err error) {
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		panic(interrupted)
	}
	r.Host.Logger().Error("uncaught exception in "+what, "error", err)
}

// nodeShapes gives the prototypes Node.js 20's property order (Object.getOwnPropertyNames shows
// it) and its attributes where they differ from WebIDL's: Event's isTrusted is not configurable.
func nodeShapes(s *realmState) {
	vm := s.r.VM
	webidl.Reorder(vm, s.event.Proto, "initEvent", "stopImmediatePropagation", "preventDefault", "target", "currentTarget",
		"srcElement", "type", "cancelable", "defaultPrevented", "timeStamp", "composedPath", "returnValue", "bubbles",
		"composed", "eventPhase", "cancelBubble", "stopPropagation", "isTrusted")
	webidl.Reorder(vm, s.abortController.Proto, "signal", "abort")
	webidl.Reorder(vm, s.abortSignal.Proto, "aborted", "reason", "throwIfAborted", "onabort")
	setAttributes(vm, s.event.Proto, "isTrusted", map[string]bool{"configurable": false})
}

// setAttributes changes attributes of o's existing property name (Object.defineProperty with a
// partial descriptor), where Node.js's shape differs from what webidl.Define makes. It runs when
// the classes are defined, before any script.
func setAttributes(vm *goja.Runtime, o *goja.Object, name string, attrs map[string]bool) {
	define, _ := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("defineProperty"))
	desc := vm.NewObject()
	for k, v := range attrs {
		desc.Set(k, v)
	}
	if _, err := define(goja.Undefined(), o, vm.ToValue(name), desc); err != nil {
		panic(err)
	}
}

// requireArgs throws the TypeError WebIDL prescribes when too few arguments are passed.
func requireArgs(vm *goja.Runtime, call goja.FunctionCall, n int, where string) {
	if len(call.Arguments) < n {
		plural := "s"
		if n == 1 {
			plural = ""
		}
		panic(webidl.TypeError(vm, "%s: %d argument%s required, but only %d present.", where, n, plural, len(call.Arguments)))
	}
}
