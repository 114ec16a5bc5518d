package dom_test

import (
	"testing"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The Go-facing API, as fetch and the engine use it.
func TestGoAPI(t *testing.T) {
	t.Run("NewDOMException and Throw work without Install", func(t *testing.T) {
		var r *webapi.Realm
		env := webapitest.New(t, webapitest.Options{}, func(realm *webapi.Realm) {
			r = realm
			realm.VM.Set("atobLike", func(goja.FunctionCall) goja.Value {
				dom.Throw(realm, "The string to be decoded is not correctly encoded.", "InvalidCharacterError")
				return nil
			})
		})
		got := env.Run(`try { atobLike() } catch (e) { return [e.name, e.code, e.message, e instanceof Error, typeof DOMException].join() }`).String()
		if want := "InvalidCharacterError,5,The string to be decoded is not correctly encoded.,true,undefined"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		e := dom.NewDOMException(r, "full", "QuotaExceededError")
		if name, ok := dom.IsDOMException(r, e); !ok || name != "QuotaExceededError" || e.Get("code").ToInteger() != 22 {
			t.Errorf("IsDOMException = %q, %v; code %v", name, ok, e.Get("code"))
		}
		if _, ok := dom.IsDOMException(r, r.VM.NewObject()); ok {
			t.Error("a plain object is not a DOMException")
		}
	})

	t.Run("abort from Go reaches JS listeners and Go algorithms in order", func(t *testing.T) {
		var r *webapi.Realm
		env := webapitest.New(t, webapitest.Options{}, dom.Install, func(realm *webapi.Realm) { r = realm })
		signal, abort := dom.NewAbortController(r)
		sig, ok := dom.SignalOf(r, signal)
		if !ok {
			t.Fatal("SignalOf does not recognise the signal")
		}
		var order []string
		sig.OnAbort(func() { order = append(order, "go:"+sig.Reason().String()) })
		removed := sig.OnAbort(func() { order = append(order, "removed") })
		removed()
		removed()
		r.VM.Set("signal", signal)
		r.VM.Set("record", func(call goja.FunctionCall) goja.Value {
			order = append(order, "js:"+call.Argument(0).String())
			return goja.Undefined()
		})
		env.Run(`signal.addEventListener('abort', () => record(signal.reason.name))`)
		if sig.Aborted() || !goja.IsUndefined(sig.Reason()) {
			t.Fatal("aborted too early")
		}
		abort(nil)
		abort(r.VM.ToValue("twice"))
		if !sig.Aborted() || len(order) != 2 || order[0] != "go:AbortError: This operation was aborted" || order[1] != "js:AbortError" {
			t.Errorf("order = %q", order)
		}
		if _, ok := dom.SignalOf(r, r.VM.NewObject()); ok {
			t.Error("a plain object is not a signal")
		}
		// Nothing can be added to an aborted signal.
		sig.OnAbort(func() { t.Error("ran on an aborted signal") })()
	})

	t.Run("Any and Timeout from Go", func(t *testing.T) {
		var r *webapi.Realm
		env := webapitest.New(t, webapitest.Options{}, dom.Install, func(realm *webapi.Realm) { r = realm })
		request := dom.NewAbortSignal(r)
		timeout := dom.Timeout(r, 1)
		both := dom.Any(r, []*dom.AbortSignal{request, timeout})
		r.VM.Set("both", both.Object())
		got := env.Run(`await new Promise(res => both.onabort = res); return both.reason.name`).String()
		if got != "TimeoutError" || !both.Aborted() || request.Aborted() {
			t.Errorf("got %q; both %v, request %v", got, both.Aborted(), request.Aborted())
		}
	})

	t.Run("events dispatched from Go", func(t *testing.T) {
		var r *webapi.Realm
		env := webapitest.New(t, webapitest.Options{}, dom.Install, func(realm *webapi.Realm) { r = realm })
		target := env.Run(`const t = new EventTarget(); t.addEventListener('ping', e => { t.seen = e.isTrusted; e.preventDefault() }); return t`)
		sig, _ := dom.SignalOf(r, target)
		if sig != nil {
			t.Fatal("an EventTarget is not a signal")
		}
		e := dom.NewEvent(r, "ping", false, true, true)
		ev, ok := dom.EventOf(r, e.Object())
		if !ok || ev != e {
			t.Fatal("EventOf does not give the event back")
		}
		fire, _ := goja.AssertFunction(target.ToObject(r.VM).Get("dispatchEvent"))
		res, err := fire(target, e.Object())
		if err != nil || res.ToBoolean() || !e.DefaultPrevented() || !target.ToObject(r.VM).Get("seen").ToBoolean() {
			t.Errorf("dispatch = %v, %v; prevented %v", res, err, e.DefaultPrevented())
		}
	})

	t.Run("Clone", func(t *testing.T) {
		var r *webapi.Realm
		env := webapitest.New(t, webapitest.Options{}, dom.Install, func(realm *webapi.Realm) { r = realm })
		v := env.Run(`return { a: [1, { b: 2 }] }`)
		c := dom.Clone(r, v)
		r.VM.Set("orig", v)
		r.VM.Set("copy", c)
		if got := env.Run(`return [copy !== orig, copy.a !== orig.a, JSON.stringify(copy)].join()`).String(); got != `true,true,{"a":[1,{"b":2}]}` {
			t.Errorf("got %q", got)
		}
	})
}
