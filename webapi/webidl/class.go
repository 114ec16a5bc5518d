// Package webidl is the one conversion layer between JavaScript values and the Go state of the Web
// classes: class definition from a table, brand checks ("Illegal invocation"), argument conversions
// and the TypeError/RangeError texts, after the WebIDL standard (https://webidl.spec.whatwg.org/).
package webidl

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// Method is a prototype (or static) method. self is the Go state of `this`.
type Method[T any] struct {
	Name   string
	Length int
	Fn     func(self T, call goja.FunctionCall) goja.Value
}

// Accessor is a prototype getter with an optional setter.
type Accessor[T any] struct {
	Name string
	Get  func(self T) goja.Value
	Set  func(self T, v goja.Value) // nil: read-only
}

// Spec declares a whole class in one table.
type Spec[T any] struct {
	Name   string
	Length int
	// Parent is the constructor of the class this one extends, or nil.
	Parent *goja.Object
	// New builds the Go state from the constructor arguments. nil makes the constructor throw
	// "Illegal constructor" (objects are then made only from Go with Wrap).
	New       func(call goja.ConstructorCall) T
	Methods   []Method[T]
	Accessors []Accessor[T]
	Statics   []StaticMethod
	// Iterable, when set, makes instances pair-iterable (entries, keys, values, forEach,
	// @@iterator), WebIDL §3.7.9. It returns the pairs to walk, once per iterator.
	Iterable func(self T) [][2]goja.Value
	// IterableVersion, when set, tells whether the pairs changed: an iterator reads them again
	// only when the version moved, so walking n pairs costs O(n), not O(n²). Without it the
	// pairs are read at every step.
	IterableVersion func(self T) uint64
}

// StaticMethod is a method of the constructor itself.
type StaticMethod struct {
	Name   string
	Length int
	Fn     func(call goja.FunctionCall) goja.Value
}

// Class is a class installed in one realm.
type Class[T any] struct {
	Name  string
	Ctor  *goja.Object
	Proto *goja.Object
	realm *webapi.Realm
}

// Define installs a class in the realm (not as a global: see Global) and returns it.
func Define[T any](r *webapi.Realm, s Spec[T]) *Class[T] {
	vm := r.VM
	c := &Class[T]{Name: s.Name, realm: r}
	// The constructor is a JS function so that `new.target` tells a construct from a call and
	// `class X extends Y` works as for any JS base class; it hands `this` to Go to fill in.
	init := func(call goja.FunctionCall) goja.Value {
		defer Guard(vm, s.Name)
		if s.New == nil {
			panic(TypeError(vm, "Illegal constructor"))
		}
		this := call.Argument(0).(*goja.Object)
		state := s.New(goja.ConstructorCall{This: this, Arguments: ctorArgs(call)})
		setSlot(r, this, state)
		return goja.Undefined()
	}
	make, _ := goja.AssertFunction(r.State(ctorFactoryKey{}, func() any {
		v, err := vm.RunString(ctorFactory)
		if err != nil {
			panic(err)
		}
		return v
	}).(goja.Value))
	// Classes with required arguments need the real count (arguments.length); the others see
	// their missing trailing arguments as undefined, which WebIDL treats alike, and skip it.
	ctor, err := make(goja.Undefined(), vm.ToValue(s.Name), vm.ToValue(init), vm.ToValue(s.Length > 0))
	if err != nil {
		panic(err)
	}
	c.Ctor = ctor.(*goja.Object)
	c.Ctor.DefineDataProperty("name", vm.ToValue(s.Name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Ctor.DefineDataProperty("length", vm.ToValue(s.Length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Proto = c.Ctor.Get("prototype").(*goja.Object)
	if s.Parent != nil {
		c.Proto.SetPrototype(s.Parent.Get("prototype").(*goja.Object))
		c.Ctor.SetPrototype(s.Parent)
	}
	for _, m := range s.Methods {
		c.Proto.DefineDataProperty(m.Name, c.method(m.Name, m.Length, m.Fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	for _, a := range s.Accessors {
		a := a
		get := Function(vm, "get "+a.Name, 0, func(call goja.FunctionCall) goja.Value {
			return a.Get(c.This(call.This))
		})
		var set goja.Value
		if a.Set != nil {
			set = Function(vm, "set "+a.Name, 1, func(call goja.FunctionCall) goja.Value {
				a.Set(c.This(call.This), call.Argument(0))
				return goja.Undefined()
			})
		}
		c.Proto.DefineAccessorProperty(a.Name, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	for _, m := range s.Statics {
		c.Ctor.DefineDataProperty(m.Name, Function(vm, m.Name, m.Length, m.Fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if s.Iterable != nil {
		definePairIterable(r, c, s.Iterable, s.IterableVersion)
	}
	c.Proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(s.Name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return c
}

// method wraps a prototype method: brand check, then the required-argument check (a method's
// length is its count of required arguments, WebIDL §3.7.6), then the Go code.
func (c *Class[T]) method(name string, length int, fn func(T, goja.FunctionCall) goja.Value) goja.Value {
	return Function(c.realm.VM, name, length, func(call goja.FunctionCall) goja.Value {
		self := c.This(call.This)
		if len(call.Arguments) < length {
			panic(TypeError(c.realm.VM, "Failed to execute '%s' on '%s': %d argument%s required, but only %d present.",
				name, c.Name, length, plural(length), len(call.Arguments)))
		}
		return fn(self, call)
	})
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Global makes the class a global of the realm.
func (c *Class[T]) Global() *Class[T] {
	c.realm.VM.GlobalObject().DefineDataProperty(c.Name, c.Ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return c
}

// Wrap makes a new instance around state, as if constructed (but without running New).
func (c *Class[T]) Wrap(state T) *goja.Object { return c.WrapAs(state, c.Proto) }

// WrapAs is Wrap with another prototype (a subclass's).
func (c *Class[T]) WrapAs(state T, proto *goja.Object) *goja.Object {
	o := c.realm.VM.CreateObject(proto)
	setSlot(c.realm, o, state)
	return o
}

// This returns the Go state of v, or throws "Illegal invocation" when v is not an instance.
func (c *Class[T]) This(v goja.Value) T {
	s, ok := c.Unwrap(v)
	if !ok {
		panic(TypeError(c.realm.VM, "Illegal invocation"))
	}
	return s
}

// Unwrap returns the Go state of v when v is an instance of this class (or of a class whose state
// has the same Go type).
func (c *Class[T]) Unwrap(v goja.Value) (T, bool) {
	return Slot[T](c.realm, v)
}

// Slot returns the Go state kept in v, when it has the type T.
func Slot[T any](r *webapi.Realm, v goja.Value) (T, bool) {
	var zero T
	st, ok := State(r, v)
	if !ok {
		return zero, false
	}
	s, ok := st.(T)
	return s, ok
}

// State returns the Go state kept in v, whatever its type.
func State(r *webapi.Realm, v goja.Value) (any, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil, false
	}
	sv, ok := o.GetSymbol(r.Slot()).(*goja.Object)
	if !ok {
		return nil, false
	}
	h, ok := sv.Export().(*Holder)
	if !ok {
		return nil, false
	}
	return h.state, true
}

// SetSlot keeps state in o, for State and Slot to find.
func SetSlot(r *webapi.Realm, o *goja.Object, state any) { setSlot(r, o, state) }

// setSlot stores the Go state behind a symbol, in a property-less dynamic object: several
// times cheaper than a reflection wrapper (vm.ToValue) and than a defined property. A state
// with room for its Holder (HolderOwner) lends it; others get one of their own.
func setSlot(r *webapi.Realm, o *goja.Object, state any) {
	var h *Holder
	if ho, ok := state.(HolderOwner); ok {
		h = ho.SlotHolder()
	} else {
		h = new(Holder)
	}
	h.state = state
	o.SetSymbol(r.Slot(), r.VM.NewDynamicObject(h))
}

// Holder carries Go state through goja as an object with no properties.
type Holder struct{ state any }

// HolderOwner is a state that keeps its own Holder, so wrapping it allocates one object less
// (Request and Response: one of each per request).
type HolderOwner interface{ SlotHolder() *Holder }

func (*Holder) Get(string) goja.Value       { return nil }
func (*Holder) Set(string, goja.Value) bool { return false }
func (*Holder) Has(string) bool             { return false }
func (*Holder) Delete(string) bool          { return false }
func (*Holder) Keys() []string              { return nil }

type ctorFactoryKey struct{}

// ctorFactory makes a class's constructor. It takes at most four arguments (no Web constructor
// has more) as named parameters: a rest parameter and a spread cost three times as much per
// construction in goja, and constructions (new Response) are on every request's path.
const ctorFactory = `(function (name, init, counted) {
  const uncounted = -1 // a literal -1 is negated at every call, and goja boxes the result anew
  const notNew = () => {
    throw new TypeError("Failed to construct '" + name + "': Please use the 'new' operator, this DOM object constructor cannot be called as a function.")
  }
  return counted
    ? { [name]: function (a, b, c, d) { if (new.target === undefined) notNew(); init(this, arguments.length, a, b, c, d) } }[name]
    : { [name]: function (a, b, c, d) { if (new.target === undefined) notNew(); init(this, uncounted, a, b, c, d) } }[name]
})`

// ctorArgs returns the constructor arguments a shim passed: (this, count, a, b, c, d), where
// count is -1 when the shim did not count them (trailing undefineds are then dropped).
func ctorArgs(call goja.FunctionCall) []goja.Value {
	n := int(call.Argument(1).ToInteger())
	args := call.Arguments[2:]
	if n >= 0 {
		if n < len(args) {
			args = args[:n]
		}
		return args
	}
	for len(args) > 0 && goja.IsUndefined(args[len(args)-1]) {
		args = args[:len(args)-1]
	}
	return args
}

// Function makes a native function with the given name and length. A Go panic inside fn
// (a bug in a binding) becomes a JS Error thrown at the call instead of escaping the runtime.
func Function(vm *goja.Runtime, name string, length int, fn func(goja.FunctionCall) goja.Value) goja.Value {
	guarded := func(call goja.FunctionCall) goja.Value {
		defer Guard(vm, name)
		return fn(call)
	}
	f := vm.ToValue(guarded).(*goja.Object)
	f.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	f.DefineDataProperty("length", vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return f
}

var gojaPkg = reflect.TypeOf((*goja.Runtime)(nil)).Elem().PkgPath()

// Guard, deferred in a binding, turns a Go panic that is not a JS throw into a JS Error, so a
// bug in Go code fails the JS call (and so the request) instead of the whole runtime. JS throws
// (goja's own panic values) pass through untouched.
func Guard(vm *goja.Runtime, name string) {
	x := recover()
	if x == nil {
		return
	}
	t := reflect.TypeOf(x)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() == gojaPkg {
		panic(x)
	}
	ctor, _ := vm.Get("Error").(*goja.Object)
	e, err := vm.New(ctor, vm.ToValue(fmt.Sprintf("internal error in %s: %v", name, x)))
	if err != nil {
		panic(vm.NewGoError(fmt.Errorf("internal error in %s: %v", name, x)))
	}
	panic(e)
}
