package dom

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// EventTarget is the state of an EventTarget (DOM §2.7): its event listener list, kept per type.
type EventTarget struct {
	realm     *webapi.Realm
	obj       *goja.Object
	listeners map[string][]*listener
	handlers  map[string]*listener // event handler attributes (HTML §8.1.8), e.g. onabort
}

// listener is an event listener (DOM §2.7): callback, capture, passive, once, signal, removed.
// An event handler attribute is a listener whose handler field holds the attribute's value.
type listener struct {
	callback               goja.Value
	capture, passive, once bool
	removed                bool
	handler                goja.Value // event handler value (non-nil for event handler listeners)
	removeSignalAlgorithm  func()
}

// targeter is implemented by the state of EventTarget and its subclasses (AbortSignal).
type targeter interface{ eventTarget() *EventTarget }

func (t *EventTarget) eventTarget() *EventTarget { return t }

// Object is the JavaScript object of the target.
func (t *EventTarget) Object() *goja.Object { return t.obj }

func defineEventTarget(s *realmState) *webidl.Class[targeter] {
	vm := s.r.VM
	return webidl.Define(s.r, webidl.Spec[targeter]{
		Name: "EventTarget",
		New: func(call goja.ConstructorCall) targeter {
			return &EventTarget{realm: s.r, obj: call.This}
		},
		Methods: []webidl.Method[targeter]{
			// addEventListener reads its arguments in Node.js 20's order: the options (getters
			// once, capture, passive, signal), the listener, then the type.
			{Name: "addEventListener", Length: 2, Fn: func(x targeter, call goja.FunctionCall) goja.Value {
				s.missingArgs(call, 2, `The "type" and "listener" arguments must be specified`)
				t := x.eventTarget()
				l, signal := s.addListenerOptions(call.Argument(2))
				cb := s.listenerCallback(call.Argument(1))
				if cb == nil || signal != nil && signal.Aborted() {
					return goja.Undefined()
				}
				typ := webidl.DOMString(vm, call.Argument(0))
				l.callback = cb
				t.addListener(typ, l, signal)
				return goja.Undefined()
			}},
			{Name: "removeEventListener", Length: 2, Fn: func(x targeter, call goja.FunctionCall) goja.Value {
				s.missingArgs(call, 2, `The "type" and "listener" arguments must be specified`)
				t := x.eventTarget()
				cb := s.listenerCallback(call.Argument(1))
				if cb == nil {
					return goja.Undefined()
				}
				typ := webidl.DOMString(vm, call.Argument(0))
				capture := captureOption(call.Argument(2))
				for _, l := range t.listeners[typ] {
					if l.handler == nil && l.capture == capture && l.callback.SameAs(cb) {
						t.removeListener(typ, l)
						break
					}
				}
				return goja.Undefined()
			}},
			{Name: "dispatchEvent", Length: 1, Fn: func(x targeter, call goja.FunctionCall) goja.Value {
				s.missingArgs(call, 1, `The "event" argument must be specified`)
				ev, ok := s.event.Unwrap(call.Argument(0))
				if !ok {
					panic(console.NodeError(s.r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "event" argument must be an instance of Event. Received %s`, console.Received(s.r, call.Argument(0))))
				}
				e := ev.event()
				if e.dispatching {
					// Node.js's error (DOM §2.9 throws an "InvalidStateError" DOMException).
					panic(console.NodeError(s.r, "Error", "ERR_EVENT_RECURSION", "The event %q is already being dispatched", e.Type))
				}
				return vm.ToValue(x.eventTarget().Dispatch(e))
			}},
		},
	})
}

// listenerCallback converts the listener argument: null and undefined mean "no listener" (nil),
// a non-object throws (an EventListener is a callback interface, WebIDL §3.2.16), with Node.js's
// error, since Node's own EventTarget is the global one there (lib/internal/event_target.js).
func (s *realmState) listenerCallback(v goja.Value) goja.Value {
	if webidl.IsNullish(v) {
		return nil
	}
	if _, ok := v.(*goja.Object); !ok {
		panic(console.NodeError(s.r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "listener" argument must be an instance of EventListener. Received %s`, console.Received(s.r, v)))
	}
	return v
}

// missingArgs throws Node.js's ERR_MISSING_ARGS (message) when call has fewer than n arguments.
func (s *realmState) missingArgs(call goja.FunctionCall, n int, message string) {
	if len(call.Arguments) < n {
		panic(console.NodeError(s.r, "TypeError", "ERR_MISSING_ARGS", "%s", message))
	}
}

// captureOption is the capture of removeEventListener's options as Node.js 20 reads it
// (options?.capture === true): only an object whose capture is true matches a capturing
// listener, so removeEventListener(type, f, true) leaves one in place (DOM §2.7 "flatten" would
// take the boolean too).
func captureOption(v goja.Value) bool {
	if o, ok := v.(*goja.Object); ok {
		return isTrue(o.Get("capture"))
	}
	return false
}

// isTrue is v === true.
func isTrue(v goja.Value) bool {
	if _, isObj := v.(*goja.Object); v == nil || isObj {
		return false
	}
	b, ok := v.Export().(bool)
	return ok && b
}

// addListenerOptions reads addEventListener's options as Node.js 20 does: a boolean is capture,
// undefined and null are the defaults, another non-object is a TypeError ERR_INVALID_ARG_TYPE;
// an object's once, capture, passive and signal are read in that order (DOM §2.7 "flatten more"
// reads capture first). A signal that is not an AbortSignal throws.
func (s *realmState) addListenerOptions(v goja.Value) (*listener, *AbortSignal) {
	l := &listener{}
	if webidl.IsNullish(v) {
		return l, nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		if b, isBool := v.Export().(bool); isBool {
			l.capture = b
			return l, nil
		}
		panic(console.NodeError(s.r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "options" argument must be of type object. Received %s`, console.Received(s.r, v)))
	}
	get := func(name string) goja.Value {
		x := o.Get(name)
		if x == nil {
			return goja.Undefined()
		}
		return x
	}
	l.once = get("once").ToBoolean()
	l.capture = get("capture").ToBoolean()
	l.passive = get("passive").ToBoolean()
	sv := get("signal")
	if goja.IsUndefined(sv) {
		return l, nil
	}
	signal, ok := s.abortSignal.Unwrap(sv)
	if !ok {
		panic(webidl.TypeError(s.r.VM, "Failed to execute 'addEventListener' on 'EventTarget': Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'."))
	}
	return l, signal
}

// addListener is DOM §2.7 "add an event listener" (steps 2–6): an aborted signal adds nothing, a
// listener equal in callback and capture to one already there is ignored, and the signal's abort
// removes the listener.
func (t *EventTarget) addListener(typ string, l *listener, signal *AbortSignal) {
	if signal != nil && signal.Aborted() {
		return
	}
	for _, x := range t.listeners[typ] {
		if x.handler == nil && x.capture == l.capture && x.callback.SameAs(l.callback) {
			return
		}
	}
	if t.listeners == nil {
		t.listeners = map[string][]*listener{}
	}
	t.listeners[typ] = append(t.listeners[typ], l)
	if signal != nil {
		l.removeSignalAlgorithm = signal.OnAbort(func() { t.removeListener(typ, l) })
	}
}

// removeListener is DOM §2.7 "remove an event listener": the listener is marked removed (a
// dispatch already walking a copy of the list skips it) and dropped from the list.
func (t *EventTarget) removeListener(typ string, l *listener) {
	l.removed = true
	if l.removeSignalAlgorithm != nil {
		l.removeSignalAlgorithm()
		l.removeSignalAlgorithm = nil
	}
	list := t.listeners[typ]
	for i, x := range list {
		if x == l {
			// Copy rather than shift in place: a running dispatch holds the old slice.
			next := make([]*listener, 0, len(list)-1)
			next = append(next, list[:i]...)
			next = append(next, list[i+1:]...)
			if len(next) == 0 {
				delete(t.listeners, typ)
			} else {
				t.listeners[typ] = next
			}
			return
		}
	}
}

// Dispatch is DOM §2.9 "dispatch" for a target without a parent, as Node.js 20 runs it: the
// listeners are called in the order they were added, capturing or not (DOM calls the capturing
// ones first), until one calls stopImmediatePropagation; stopPropagation changes nothing at the
// target. Like Node, the event counts as being dispatched only until the first listener returns
// (Node clears the flag after each call), so later listeners see eventPhase NONE and a null
// currentTarget, and may dispatch the event again. It returns false when the event was canceled.
func (t *EventTarget) Dispatch(e *Event) bool {
	e.target = t.obj
	e.dispatching = true
	listeners := t.listeners[e.Type] // a snapshot: removeListener replaces, never mutates
	for _, l := range listeners {
		if e.stopImmediate {
			break
		}
		if l.removed {
			continue
		}
		if l.once {
			t.removeListener(e.Type, l)
		}
		t.call(l, e)
		e.dispatching = false
	}
	e.dispatching = false
	return !e.DefaultPrevented()
}

// call runs one listener: a function is called with the target as this, an object's handleEvent
// with the object as this (WebIDL §3.11 "call a user object's operation"). Exceptions are
// reported, not thrown to the dispatcher.
func (t *EventTarget) call(l *listener, e *Event) {
	vm := t.realm.VM
	if l.handler != nil {
		t.callHandler(l, e)
		return
	}
	fn, ok := goja.AssertFunction(l.callback)
	this := goja.Value(t.obj)
	if !ok {
		o := l.callback.(*goja.Object)
		// A throwing handleEvent getter, or a handleEvent that is not callable, is reported too.
		// A missing (falsy) one is skipped silently, as Node.js does (if (listener.handleEvent)).
		skip := false
		if ex := vm.Try(func() {
			h := o.Get("handleEvent")
			if h == nil || !h.ToBoolean() {
				skip = true
				return
			}
			if fn, ok = goja.AssertFunction(h); !ok {
				panic(webidl.TypeError(vm, "The 'handleEvent' property of the event listener is not callable."))
			}
		}); ex != nil {
			reportException(t.realm, "event listener", ex)
			return
		}
		if skip {
			return
		}
		this = o
	}
	if _, err := fn(this, e.obj); err != nil {
		reportException(t.realm, "event listener", err)
	}
}

// callHandler is the "event handler processing algorithm" (HTML §8.1.8.1): call the handler's
// current value; a return value of false cancels the event.
func (t *EventTarget) callHandler(l *listener, e *Event) {
	fn, ok := goja.AssertFunction(l.handler)
	if !ok {
		reportException(t.realm, "event handler", errors.New("TypeError: the event handler is not callable"))
		return
	}
	ret, err := fn(t.obj, e.obj)
	if err != nil {
		reportException(t.realm, "event handler", err)
		return
	}
	if ret.StrictEquals(t.realm.VM.ToValue(false)) {
		e.setCanceled()
	}
}

// handlerValue and setHandler implement an event handler IDL attribute such as onabort (HTML
// §8.1.8.1): the getter returns the current value or null; the setter stores an object (or null
// for anything else) and keeps the listener's place in the list while the value stays non-null.
func (t *EventTarget) handlerValue(typ string) goja.Value {
	if l := t.handlers[typ]; l != nil {
		return l.handler
	}
	return goja.Null()
}

func (t *EventTarget) setHandler(typ string, v goja.Value) {
	o, ok := v.(*goja.Object)
	if !ok { // [LegacyTreatNonObjectAsNull]
		if l := t.handlers[typ]; l != nil {
			t.removeListener(typ, l)
			delete(t.handlers, typ)
		}
		return
	}
	if l := t.handlers[typ]; l != nil {
		l.handler = o
		return
	}
	l := &listener{handler: o, callback: goja.Undefined()}
	if t.handlers == nil {
		t.handlers = map[string]*listener{}
	}
	t.handlers[typ] = l
	if t.listeners == nil {
		t.listeners = map[string][]*listener{}
	}
	t.listeners[typ] = append(t.listeners[typ], l)
}
