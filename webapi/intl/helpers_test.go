package intl_test

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webapitest"
)

// gojaCallable turns the runner function into a Go function returning the JSON (or "error Name")
// and the error message.
func gojaCallable(env *webapitest.Env, fn goja.Value) (func(expr string) (string, string), bool) {
	f, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, false
	}
	return func(expr string) (string, string) {
		r, err := f(goja.Undefined(), env.VM.ToValue(expr))
		if err != nil {
			return "panic " + err.Error(), ""
		}
		o := r.ToObject(env.VM)
		if e := o.Get("error"); e != nil && !goja.IsUndefined(e) {
			return "error " + e.String(), o.Get("message").String()
		}
		v := o.Get("value")
		if v == nil || goja.IsUndefined(v) {
			return "undefined", ""
		}
		return v.String(), ""
	}, true
}

func assertFunction(v goja.Value) (func(this goja.Value, args ...goja.Value) (goja.Value, error), bool) {
	f, ok := goja.AssertFunction(v)
	if !ok {
		return nil, false
	}
	return func(this goja.Value, args ...goja.Value) (goja.Value, error) {
		if this == nil {
			this = goja.Undefined()
		}
		return f(this, args...)
	}, true
}
