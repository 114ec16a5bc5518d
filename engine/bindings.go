package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/next"
)

// Go bindings (Options.Bindings): each name is a named export of the virtual module
// 'jsroute:host' (loader/hostbindings.go), read from globalThis.__jsrouteHost, which a worker
// installs only when the engine has bindings.
//
// A binding that is a Go func becomes a JS function:
//   - Its arguments are converted to the parameter types as goja's Runtime.ExportTo does
//     (numbers, strings, booleans, arrays to slices, objects to maps and structs); a []byte
//     parameter takes a Uint8Array, ArrayBuffer or DataView (copied). A missing argument is the
//     zero value; an argument that does not convert throws a TypeError naming the binding.
//   - It may return nothing, a value, an error, or a value and an error. A value is given to JS
//     as encoding/json marshals it (json tags apply), except a []byte, which becomes a
//     Uint8Array. A non-nil error becomes an Error with the error's message.
//   - When its first parameter is a context.Context, it runs on a goroutine of its own, off the
//     worker's event loop, and the JS function returns a Promise (rejected with the Error). The
//     context is the request's: done when the client goes away, the answer has been sent, or
//     the route's time limit (maxDuration) passes. Outside a request (a module's top level) it
//     is context.Background().
//   - Otherwise it runs on the loop, synchronously, and throws the Error. Keep such funcs quick:
//     the worker serves nothing else meanwhile.
//   - A panic in it is caught: the call fails with an Error naming the binding.
//
// Any other value is given to JS as goja's Runtime.ToValue wraps it: Go strings and numbers as
// JS ones, a pointer to a struct as an object whose exported fields and methods JS uses by
// their Go names (methods called synchronously on the loop).

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
	bytesType   = reflect.TypeFor[[]byte]()
)

// bindingNames lists the names of Options.Bindings for the loader.
func bindingNames(b map[string]any) []string {
	if len(b) == 0 {
		return nil
	}
	names := make([]string, 0, len(b))
	for n := range b {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkBindings refuses, at New, a name that cannot be a JS export and a func whose shape is
// not one bindings support.
func checkBindings(b map[string]any) error {
	for _, name := range bindingNames(b) {
		if !loader.ValidBindingName(name) {
			return fmt.Errorf("jsroute: Options.Bindings: %q is not a JavaScript identifier, so no route can import it", name)
		}
		v := reflect.ValueOf(b[name])
		if v.Kind() != reflect.Func {
			continue
		}
		if v.IsNil() {
			return fmt.Errorf("jsroute: Options.Bindings[%q] is a nil func", name)
		}
		if err := checkFunc(v.Type()); err != nil {
			return fmt.Errorf("jsroute: Options.Bindings[%q]: %w", name, err)
		}
	}
	return nil
}

func checkFunc(t reflect.Type) error {
	if t.IsVariadic() {
		return errors.New("variadic funcs are not supported: take a slice")
	}
	for i := 0; i < t.NumIn(); i++ {
		if i > 0 && t.In(i) == contextType {
			return errors.New("a context.Context may only be the first parameter")
		}
	}
	switch t.NumOut() {
	case 0:
	case 1:
	case 2:
		if t.Out(1) != errorType || t.Out(0) == errorType {
			return errors.New("a func with two results must return (value, error)")
		}
	default:
		return errors.New("a func may return nothing, a value, an error, or (value, error)")
	}
	return nil
}

// installBindings sets globalThis.__jsrouteHost on the worker's runtime.
func (w *worker) installBindings(r *webapi.Realm) {
	vm := r.VM
	obj := vm.NewObject()
	for _, name := range bindingNames(w.opts.Bindings) {
		v := w.opts.Bindings[name]
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Func && !rv.IsNil() {
			obj.Set(name, w.bindFunc(r, name, rv))
		} else {
			obj.Set(name, vm.ToValue(v))
		}
	}
	vm.Set(loader.BindingsGlobal, obj)
}

// bindFunc makes the JS function for one Go func binding.
func (w *worker) bindFunc(r *webapi.Realm, name string, fn reflect.Value) goja.Value {
	vm := r.VM
	t := fn.Type()
	async := t.NumIn() > 0 && t.In(0) == contextType
	first := 0
	if async {
		first = 1
	}
	return vm.ToValue(func(call goja.FunctionCall) goja.Value {
		args := make([]reflect.Value, t.NumIn())
		for i := first; i < t.NumIn(); i++ {
			v, err := toGo(vm, call.Argument(i-first), t.In(i))
			if err != nil {
				panic(vm.NewTypeError(fmt.Sprintf("jsroute:host %s: argument %d: %v", name, i-first+1, err)))
			}
			args[i] = v
		}
		if !async {
			out, err := invoke(name, fn, args)
			if err != nil {
				panic(jsError(vm, err.Error()))
			}
			v, err := toJS(vm, out)
			if err != nil {
				panic(jsError(vm, fmt.Sprintf("jsroute:host %s: result: %v", name, err)))
			}
			return v
		}
		ctx, cancel := w.bindingContext()
		args[0] = reflect.ValueOf(&ctx).Elem()
		p, resolve, reject := vm.NewPromise()
		complete := r.Host.Reserve()
		go func() {
			defer cancel()
			out, err := invoke(name, fn, args)
			complete(func() {
				if err != nil {
					reject(jsError(vm, err.Error()))
					return
				}
				v, err := toJS(vm, out)
				if err != nil {
					reject(jsError(vm, fmt.Sprintf("jsroute:host %s: result: %v", name, err)))
					return
				}
				resolve(v)
			})
		}()
		return vm.ToValue(p)
	})
}

// invoke calls fn and splits its results into the value (invalid when there is none) and the
// error; a panic becomes an error naming the binding.
func invoke(name string, fn reflect.Value, args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if x := recover(); x != nil {
			val, err = reflect.Value{}, fmt.Errorf("jsroute:host %s panicked: %v", name, x)
		}
	}()
	out := fn.Call(args)
	for _, o := range out {
		if o.Type() == errorType {
			if !o.IsNil() {
				return reflect.Value{}, o.Interface().(error)
			}
			continue
		}
		val = o
	}
	return val, nil
}

// bindingContext is the context a Go func binding gets: the current request's, bounded by its
// time limit, or context.Background() outside a request.
func (w *worker) bindingContext() (context.Context, context.CancelFunc) {
	if s, ok := webapi.ScopeOf(w.loop.ctx).(*next.Scope); ok {
		if c, ok := s.Ext.(*call); ok && c.r != nil {
			if !c.deadline.IsZero() {
				return context.WithDeadline(c.r.Context(), c.deadline)
			}
			return context.WithCancel(c.r.Context())
		}
	}
	return context.WithCancel(context.Background())
}

// jsError makes a JS Error with message msg.
func jsError(vm *goja.Runtime, msg string) *goja.Object {
	ctor, _ := vm.Get("Error").(*goja.Object)
	e, err := vm.New(ctor, vm.ToValue(msg))
	if err != nil {
		return vm.NewGoError(errors.New(msg))
	}
	return e
}

// toGo converts a JS argument to a Go parameter of type t.
func toGo(vm *goja.Runtime, v goja.Value, t reflect.Type) (reflect.Value, error) {
	if v == nil || goja.IsUndefined(v) {
		return reflect.Zero(t), nil
	}
	if t == bytesType {
		if goja.IsNull(v) {
			return reflect.Zero(t), nil
		}
		b, ok := bytesOf(vm, v)
		if !ok {
			return reflect.Value{}, fmt.Errorf("want a Uint8Array, ArrayBuffer or DataView, got %s", v.String())
		}
		return reflect.ValueOf(b), nil
	}
	if want := primitiveKind(t.Kind()); want != "" {
		if got := jsTypeof(v); got != want {
			return reflect.Value{}, fmt.Errorf("want a %s, got a %s", want, got)
		}
	}
	p := reflect.New(t)
	if err := vm.ExportTo(v, p.Interface()); err != nil {
		return reflect.Value{}, err
	}
	return p.Elem(), nil
}

// primitiveKind is the JS type a Go parameter of kind k takes ("" when not a primitive one):
// a binding taking a string is not silently given "[object Object]".
func primitiveKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number"
	}
	return ""
}

// jsTypeof is the typeof of v, for the primitive types primitiveKind names.
func jsTypeof(v goja.Value) string {
	switch v.ExportType() {
	case nil:
		return "null"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	}
	if _, ok := v.(*goja.Object); ok {
		return "object"
	}
	return "value"
}

// bytesOf copies the bytes of an ArrayBuffer or of an ArrayBuffer view.
func bytesOf(vm *goja.Runtime, v goja.Value) ([]byte, bool) {
	switch x := v.Export().(type) {
	case goja.ArrayBuffer:
		return append([]byte{}, x.Bytes()...), true
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	buf, ok := o.Get("buffer").Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off, n := o.Get("byteOffset").ToInteger(), o.Get("byteLength").ToInteger()
	all := buf.Bytes()
	if off < 0 || n < 0 || off+n > int64(len(all)) {
		return nil, false
	}
	return append([]byte{}, all[off:off+n]...), true
}

// toJS converts a Go result to JS: nothing is undefined, []byte a Uint8Array, strings, numbers
// and booleans as they are, anything else as encoding/json marshals it.
func toJS(vm *goja.Runtime, v reflect.Value) (goja.Value, error) {
	if !v.IsValid() {
		return goja.Undefined(), nil
	}
	if v.Type() == bytesType {
		if v.IsNil() {
			return goja.Null(), nil
		}
		ab := vm.NewArrayBuffer(append([]byte{}, v.Bytes()...))
		ctor, _ := vm.Get("Uint8Array").(*goja.Object)
		return vm.New(ctor, vm.ToValue(ab))
	}
	switch v.Kind() {
	case reflect.String:
		return vm.ToValue(v.String()), nil
	case reflect.Bool:
		return vm.ToValue(v.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return vm.ToValue(v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return vm.ToValue(v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return vm.ToValue(v.Float()), nil
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	parse, _ := goja.AssertFunction(vm.Get("JSON").(*goja.Object).Get("parse"))
	return parse(goja.Undefined(), vm.ToValue(string(b)))
}
