package dom

import (
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// AbortSignal is the state of an AbortSignal (DOM §3.2): an event target with an abort reason,
// abort algorithms (Go callbacks), and the source/dependent links of AbortSignal.any.
//
// Dependent signals are held strongly (the standard holds them weakly); the links are dropped as
// soon as the dependent signal aborts, so only signals that never abort stay attached to a
// long-lived source.
type AbortSignal struct {
	EventTarget
	aborted    bool
	reason     goja.Value
	algorithms []*abortAlgorithm
	dependent  bool
	sources    []*AbortSignal
	dependents []*AbortSignal
}

type abortAlgorithm struct {
	fn      func()
	removed bool
}

// NewAbortSignal makes a signal that Go aborts with Abort (for example request.signal, aborted
// when the client goes away).
func NewAbortSignal(r *webapi.Realm) *AbortSignal {
	s := classes(r)
	sig := &AbortSignal{EventTarget: EventTarget{realm: r}}
	sig.obj = s.abortSignal.Wrap(sig)
	return sig
}

// NewAbortController makes a controller's signal and the function that aborts it (a nil or
// undefined reason means an "AbortError" DOMException), without a JS AbortController object.
func NewAbortController(r *webapi.Realm) (signal *goja.Object, abort func(reason goja.Value)) {
	sig := NewAbortSignal(r)
	return sig.obj, sig.Abort
}

// SignalOf returns the state of an AbortSignal object.
func SignalOf(r *webapi.Realm, v goja.Value) (*AbortSignal, bool) {
	return classes(r).abortSignal.Unwrap(v)
}

// Aborted reports whether the signal is aborted.
func (s *AbortSignal) Aborted() bool { return s.aborted }

// Reason is the abort reason, or undefined.
func (s *AbortSignal) Reason() goja.Value {
	if s.reason == nil {
		return goja.Undefined()
	}
	return s.reason
}

// ThrowIfAborted throws the abort reason into the running script if the signal is aborted.
func (s *AbortSignal) ThrowIfAborted() {
	if s.aborted {
		panic(s.reason)
	}
}

// OnAbort adds an abort algorithm (DOM §3.2 "add"): fn runs on the loop when the signal aborts,
// before the abort event fires. Nothing is added to a signal that is already aborted: check
// Aborted first. remove takes fn away again ("remove"); it is safe to call more than once.
func (s *AbortSignal) OnAbort(fn func()) (remove func()) {
	if s.aborted {
		return func() {}
	}
	a := &abortAlgorithm{fn: fn}
	s.algorithms = append(s.algorithms, a)
	return func() {
		if a.removed {
			return
		}
		a.removed = true
		for i, x := range s.algorithms {
			if x == a {
				s.algorithms = append(s.algorithms[:i:i], s.algorithms[i+1:]...)
				break
			}
		}
	}
}

// Abort is DOM §3.2 "signal abort": set the reason (nil or undefined means a new "AbortError"
// DOMException), mark the dependent signals aborted with the same reason, then run the abort
// steps of the signal and of those dependents.
func (s *AbortSignal) Abort(reason goja.Value) {
	if s.aborted {
		return
	}
	if reason == nil || goja.IsUndefined(reason) {
		reason = NewDOMException(s.realm, "This operation was aborted", "AbortError")
	}
	s.aborted, s.reason = true, reason
	var toAbort []*AbortSignal
	for _, d := range s.dependents {
		if !d.aborted {
			d.aborted, d.reason = true, reason
			toAbort = append(toAbort, d)
		}
	}
	s.runAbortSteps()
	for _, d := range toAbort {
		d.runAbortSteps()
	}
}

// runAbortSteps is DOM §3.2 "run the abort steps": the algorithms, then the trusted abort event.
func (s *AbortSignal) runAbortSteps() {
	algorithms := s.algorithms
	s.algorithms = nil
	for _, a := range algorithms {
		if !a.removed {
			a.removed = true
			a.fn()
		}
	}
	s.unlink()
	s.Dispatch(NewEvent(s.realm, "abort", false, false, true))
}

// unlink drops the any() links of an aborted signal, which can never matter again.
func (s *AbortSignal) unlink() {
	for _, src := range s.sources {
		for i, d := range src.dependents {
			if d == s {
				src.dependents = append(src.dependents[:i:i], src.dependents[i+1:]...)
				break
			}
		}
	}
	s.sources, s.dependents = nil, nil
}

// Any is DOM §3.2 "create a dependent abort signal": a signal that aborts when any of signals
// does, with its reason; already aborted if one of them is.
func Any(r *webapi.Realm, signals []*AbortSignal) *AbortSignal {
	result := NewAbortSignal(r)
	for _, sig := range signals {
		if sig.aborted {
			result.aborted, result.reason = true, sig.reason
			return result
		}
	}
	result.dependent = true
	link := func(src *AbortSignal) {
		for _, x := range result.sources {
			if x == src {
				return
			}
		}
		result.sources = append(result.sources, src)
		src.dependents = append(src.dependents, result)
	}
	for _, sig := range signals {
		if !sig.dependent {
			link(sig)
			continue
		}
		for _, src := range sig.sources {
			link(src)
		}
	}
	return result
}

// Timeout is AbortSignal.timeout (DOM §3.2): a signal aborted with a "TimeoutError" DOMException
// after d, from a host timer.
func Timeout(r *webapi.Realm, d time.Duration) *AbortSignal {
	sig := NewAbortSignal(r)
	r.Host.AfterFunc(d, func() {
		sig.Abort(NewDOMException(r, "The operation was aborted due to timeout", "TimeoutError"))
	})
	return sig
}

func defineAbortSignal(s *realmState) *webidl.Class[*AbortSignal] {
	vm := s.r.VM
	c := webidl.Define(s.r, webidl.Spec[*AbortSignal]{
		Name:   "AbortSignal",
		Parent: s.eventTarget.Ctor,
		// New is nil: `new AbortSignal()` throws "Illegal constructor" (DOM §3.2).
		Accessors: []webidl.Accessor[*AbortSignal]{
			{Name: "aborted", Get: func(sig *AbortSignal) goja.Value { return vm.ToValue(sig.aborted) }},
			{Name: "reason", Get: func(sig *AbortSignal) goja.Value { return sig.Reason() }},
			{Name: "onabort",
				Get: func(sig *AbortSignal) goja.Value { return sig.handlerValue("abort") },
				Set: func(sig *AbortSignal, v goja.Value) { sig.setHandler("abort", v) }},
		},
		Methods: []webidl.Method[*AbortSignal]{
			{Name: "throwIfAborted", Fn: func(sig *AbortSignal, _ goja.FunctionCall) goja.Value {
				sig.ThrowIfAborted()
				return goja.Undefined()
			}},
		},
		Statics: []webidl.StaticMethod{
			// AbortSignal.abort(reason) returns an already aborted signal.
			{Name: "abort", Fn: func(call goja.FunctionCall) goja.Value {
				sig := NewAbortSignal(s.r)
				sig.Abort(call.Argument(0))
				return sig.obj
			}},
			{Name: "timeout", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				ms := timeoutDelay(s.r, call.Argument(0))
				return Timeout(s.r, time.Duration(ms*float64(time.Millisecond))).obj
			}},
			{Name: "any", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				// Node.js's errors (lib/internal/abort_controller.js validates an array of signals).
				var signals []*AbortSignal
				ok := webidl.Iterate(vm, call.Argument(0), func(item goja.Value) {
					sig, ok := s.abortSignal.Unwrap(item)
					if !ok {
						panic(console.NodeError(s.r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "signals[%d]" argument must be an instance of AbortSignal. Received %s`, len(signals), console.Received(s.r, item)))
					}
					signals = append(signals, sig)
				})
				if !ok {
					panic(console.NodeError(s.r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "signals" argument must be an instance of Array. Received %s`, console.Received(s.r, call.Argument(0))))
				}
				return Any(s.r, signals).obj
			}},
		},
	})
	// Node.js 20's reason and throwIfAborted are not enumerable.
	setAttributes(vm, c.Proto, "reason", map[string]bool{"enumerable": false})
	setAttributes(vm, c.Proto, "throwIfAborted", map[string]bool{"enumerable": false})
	return c
}

// timeoutDelay converts the milliseconds of AbortSignal.timeout as Node.js does: a number (else
// TypeError), an integer in [0, 2^32-1] (else RangeError). The standard's [EnforceRange]
// unsigned long long would throw TypeError for all of them.
func timeoutDelay(r *webapi.Realm, v goja.Value) float64 {
	f, ok := v.Export().(float64)
	if i, isInt := v.Export().(int64); isInt {
		f, ok = float64(i), true
	}
	if _, isObj := v.(*goja.Object); isObj || !ok {
		panic(console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "delay" argument must be of type number. Received %s`, console.Received(r, v)))
	}
	if f != math.Trunc(f) || math.IsInf(f, 0) {
		panic(console.NodeError(r, "RangeError", "ERR_OUT_OF_RANGE", `The value of "delay" is out of range. It must be an integer. Received %v`, v))
	}
	if f < 0 || f > math.MaxUint32 {
		panic(console.NodeError(r, "RangeError", "ERR_OUT_OF_RANGE", `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received %v`, v))
	}
	return f
}

// abortController is the state of an AbortController (DOM §3.1): its signal.
type abortController struct {
	signal *AbortSignal
}

func defineAbortController(s *realmState) *webidl.Class[*abortController] {
	return webidl.Define(s.r, webidl.Spec[*abortController]{
		Name: "AbortController",
		New: func(call goja.ConstructorCall) *abortController {
			return &abortController{signal: NewAbortSignal(s.r)}
		},
		Accessors: []webidl.Accessor[*abortController]{
			{Name: "signal", Get: func(c *abortController) goja.Value { return c.signal.obj }},
		},
		Methods: []webidl.Method[*abortController]{
			{Name: "abort", Fn: func(c *abortController, call goja.FunctionCall) goja.Value {
				c.signal.Abort(call.Argument(0))
				return goja.Undefined()
			}},
		},
	})
}
