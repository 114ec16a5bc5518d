package dom

import (
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Event phases (DOM §2.2).
const (
	phaseNone      = 0
	phaseCapturing = 1
	phaseAtTarget  = 2
	phaseBubbling  = 3
)

// Event is the state of an Event (DOM §2.2). On a server there is no tree: an event is only ever
// dispatched at its target, so the path is that one target.
//
// The flags behave as in Node.js 20 (lib/internal/event_target.js), the reference for route
// handlers, where it departs from the standard: preventDefault works in passive listeners too, the
// stop-propagation flags are never cleared (so an event stopped with stopImmediatePropagation
// reaches no listener when dispatched again), and initEvent changes only type, bubbles and
// cancelable.
type Event struct {
	realm *webapi.Realm
	obj   *goja.Object

	Type                          string
	bubbles, cancelable, composed bool
	isTrusted                     bool
	timeStamp                     float64

	target *goja.Object

	// the flags of DOM §2.2; canceled is set by preventDefault whatever cancelable is, and counts
	// only while the event is cancelable (Node.js). dispatching is Node's "being dispatched",
	// which also gives currentTarget, eventPhase and composedPath (see EventTarget.Dispatch).
	stopPropagation, stopImmediate, canceled, dispatching bool
}

// eventer is implemented by the state of Event and of its subclasses, so that the Event
// prototype's methods accept them all.
type eventer interface{ event() *Event }

func (e *Event) event() *Event { return e }

// Object is the JavaScript object of the event.
func (e *Event) Object() *goja.Object { return e.obj }

// DefaultPrevented reports whether the event was canceled (DOM §2.2 defaultPrevented): a
// cancelable event on which preventDefault was called.
func (e *Event) DefaultPrevented() bool { return e.cancelable && e.canceled }

// setCanceled is preventDefault as Node.js 20 does it: the flag is set even in a passive listener
// (DOM §2.2 would ignore it there) and reads true only while the event is cancelable.
func (e *Event) setCanceled() { e.canceled = true }

// initialize is initEvent as Node.js 20 does it: type, bubbles and cancelable change, the flags
// and the target stay (DOM §2.2 "initialize" would clear them).
func (e *Event) initialize(typ string, bubbles, cancelable bool) {
	e.Type, e.bubbles, e.cancelable = typ, bubbles, cancelable
}

// currentTarget is the target while the event is being dispatched, else null (Node.js).
func (e *Event) currentTarget() *goja.Object {
	if e.dispatching {
		return e.target
	}
	return nil
}

// phase is AT_TARGET while the event is being dispatched, else NONE: there is no tree, so no
// capturing or bubbling phase.
func (e *Event) phase() int {
	if e.dispatching {
		return phaseAtTarget
	}
	return phaseNone
}

// eventInit reads an EventInit dictionary (DOM §2.2): members in WebIDL order (bubbles,
// cancelable, composed). undefined and null are the empty dictionary; other non-objects throw.
func eventInit(vm *goja.Runtime, v goja.Value, ctor string) (o *goja.Object, bubbles, cancelable, composed bool) {
	if webidl.IsNullish(v) {
		return nil, false, false, false
	}
	// Node.js 20 validates it as a plain object: arrays and functions are TypeErrors too.
	o, ok := v.(*goja.Object)
	_, isFunc := goja.AssertFunction(v)
	if !ok || isFunc || o.ClassName() == "Array" {
		panic(webidl.TypeError(vm, "Failed to construct '%s': The provided value is not of type '%sInit'.", ctor, ctor))
	}
	get := func(name string) bool {
		x := o.Get(name)
		return x != nil && x.ToBoolean()
	}
	bubbles = get("bubbles")
	cancelable = get("cancelable")
	composed = get("composed")
	return o, bubbles, cancelable, composed
}

// timeOrigin is what Event.timeStamp counts from: the start of the process, as in Node.js, where
// it is performance.timeOrigin (HR Time §4; a browser uses the global's creation instead).
var timeOrigin = time.Now()

// now is the current high resolution time in milliseconds, to the microsecond.
func (s *realmState) now() float64 {
	return float64(time.Since(timeOrigin).Microseconds()) / 1000
}

// newEventState implements the Event constructor (DOM §2.2 "inner event creation steps").
func (s *realmState) newEventState(call goja.ConstructorCall, ctor string) (*Event, *goja.Object) {
	vm := s.r.VM
	if len(call.Arguments) < 1 {
		panic(console.NodeError(s.r, "TypeError", "ERR_MISSING_ARGS", `The "type" argument must be specified`)) // Node.js's Event
	}
	typ := webidl.DOMString(vm, call.Argument(0))
	init, bubbles, cancelable, composed := eventInit(vm, call.Argument(1), ctor)
	e := &Event{realm: s.r, obj: call.This, Type: typ, bubbles: bubbles, cancelable: cancelable, composed: composed, timeStamp: s.now()}
	return e, init
}

// NewEvent makes an event from Go. trusted events are the ones the platform fires (abort).
func NewEvent(r *webapi.Realm, typ string, bubbles, cancelable, trusted bool) *Event {
	s := classes(r)
	e := &Event{realm: r, Type: typ, bubbles: bubbles, cancelable: cancelable, isTrusted: trusted, timeStamp: s.now()}
	e.obj = s.event.Wrap(e)
	return e
}

// EventOf returns the state of an Event (or subclass) object.
func EventOf(r *webapi.Realm, v goja.Value) (*Event, bool) {
	e, ok := classes(r).event.Unwrap(v)
	if !ok {
		return nil, false
	}
	return e.event(), true
}

func defineEvent(s *realmState) *webidl.Class[eventer] {
	vm := s.r.VM
	target := func(o *goja.Object) goja.Value {
		if o == nil {
			return goja.Null()
		}
		return o
	}
	boolean := func(f func(e *Event) bool) func(eventer) goja.Value {
		return func(x eventer) goja.Value { return vm.ToValue(f(x.event())) }
	}
	c := webidl.Define(s.r, webidl.Spec[eventer]{
		Name:   "Event",
		Length: 1,
		New: func(call goja.ConstructorCall) eventer {
			e, _ := s.newEventState(call, "Event")
			return e
		},
		Accessors: []webidl.Accessor[eventer]{
			{Name: "type", Get: func(x eventer) goja.Value { return vm.ToValue(x.event().Type) }},
			{Name: "target", Get: func(x eventer) goja.Value { return target(x.event().target) }},
			// srcElement is the legacy alias of target (DOM §2.2).
			{Name: "srcElement", Get: func(x eventer) goja.Value { return target(x.event().target) }},
			{Name: "currentTarget", Get: func(x eventer) goja.Value { return target(x.event().currentTarget()) }},
			{Name: "eventPhase", Get: func(x eventer) goja.Value { return vm.ToValue(x.event().phase()) }},
			{Name: "cancelBubble", Get: boolean(func(e *Event) bool { return e.stopPropagation }),
				// Setting true stops propagation; setting false does nothing (DOM §2.2).
				Set: func(x eventer, v goja.Value) {
					if v.ToBoolean() {
						x.event().stopPropagation = true
					}
				}},
			{Name: "bubbles", Get: boolean(func(e *Event) bool { return e.bubbles })},
			{Name: "cancelable", Get: boolean(func(e *Event) bool { return e.cancelable })},
			// returnValue is a getter only, as in Node.js 20 (DOM §2.2 has a legacy setter that
			// cancels on false; assigning it throws in strict code).
			{Name: "returnValue", Get: boolean(func(e *Event) bool { return !e.DefaultPrevented() })},
			{Name: "defaultPrevented", Get: boolean((*Event).DefaultPrevented)},
			{Name: "composed", Get: boolean(func(e *Event) bool { return e.composed })},
			// isTrusted is [LegacyUnforgeable] in the standard (an own property); Node.js keeps it
			// on the prototype, and so do we.
			{Name: "isTrusted", Get: boolean(func(e *Event) bool { return e.isTrusted })},
			{Name: "timeStamp", Get: func(x eventer) goja.Value { return vm.ToValue(x.event().timeStamp) }},
		},
		Methods: []webidl.Method[eventer]{
			// composedPath returns the path: [currentTarget] while dispatching, else [] (DOM §2.2).
			{Name: "composedPath", Fn: func(x eventer, _ goja.FunctionCall) goja.Value {
				e := x.event()
				if t := e.currentTarget(); t != nil {
					return vm.NewArray(t)
				}
				return vm.NewArray()
			}},
			{Name: "stopPropagation", Fn: func(x eventer, _ goja.FunctionCall) goja.Value {
				x.event().stopPropagation = true
				return goja.Undefined()
			}},
			{Name: "stopImmediatePropagation", Fn: func(x eventer, _ goja.FunctionCall) goja.Value {
				e := x.event()
				e.stopPropagation, e.stopImmediate = true, true
				return goja.Undefined()
			}},
			{Name: "preventDefault", Fn: func(x eventer, _ goja.FunctionCall) goja.Value {
				x.event().setCanceled()
				return goja.Undefined()
			}},
			// initEvent is legacy: it reinitializes an event that is not being dispatched (DOM §2.2).
			{Name: "initEvent", Length: 1, Fn: func(x eventer, call goja.FunctionCall) goja.Value {
				requireArgs(vm, call, 1, "Failed to execute 'initEvent' on 'Event'")
				e := x.event()
				if e.dispatching {
					return goja.Undefined()
				}
				e.initialize(webidl.DOMString(vm, call.Argument(0)), call.Argument(1).ToBoolean(), call.Argument(2).ToBoolean())
				return goja.Undefined()
			}},
		},
	})
	// The phase constants are on the constructor only, as in Node.js 20 (WebIDL puts them on the
	// prototype too).
	for _, k := range []struct {
		name  string
		value int
	}{{"NONE", phaseNone}, {"CAPTURING_PHASE", phaseCapturing}, {"AT_TARGET", phaseAtTarget}, {"BUBBLING_PHASE", phaseBubbling}} {
		c.Ctor.DefineDataProperty(k.name, vm.ToValue(k.value), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	return c
}

// customEvent is the state of a CustomEvent (DOM §2.4): an event with a detail.
type customEvent struct {
	*Event
	detail goja.Value
}

func defineCustomEvent(s *realmState) *webidl.Class[*customEvent] {
	return webidl.Define(s.r, webidl.Spec[*customEvent]{
		Name:   "CustomEvent",
		Length: 1,
		Parent: s.event.Ctor,
		New: func(call goja.ConstructorCall) *customEvent {
			e, init := s.newEventState(call, "CustomEvent")
			ce := &customEvent{Event: e, detail: goja.Null()}
			if init != nil {
				if d := init.Get("detail"); d != nil && !goja.IsUndefined(d) {
					ce.detail = d
				}
			}
			return ce
		},
		// detail only: Node.js 20 has no legacy initCustomEvent (DOM §2.4 does).
		Accessors: []webidl.Accessor[*customEvent]{
			{Name: "detail", Get: func(ce *customEvent) goja.Value { return ce.detail }},
		},
	})
}
