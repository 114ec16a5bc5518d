package webidl

import "github.com/dop251/goja"

// Reorder moves o's own string-keyed properties names, in that order, after its other ones,
// keeping their attributes: Object.getOwnPropertyNames (and for…in, and util.inspect) then lists
// them as the given order says. Define adds methods before accessors; classes that follow
// Node.js's property order (a route handler can see it) call this on their prototype once, when
// the class is defined. Names o does not have are skipped.
func Reorder(vm *goja.Runtime, o *goja.Object, names ...string) {
	object := vm.Get("Object").(*goja.Object)
	getDesc, _ := goja.AssertFunction(object.Get("getOwnPropertyDescriptor"))
	define, _ := goja.AssertFunction(object.Get("defineProperty"))
	for _, n := range names {
		d, err := getDesc(goja.Undefined(), o, vm.ToValue(n))
		if err != nil || goja.IsUndefined(d) {
			continue
		}
		if err := o.Delete(n); err != nil {
			panic(err)
		}
		if _, err := define(goja.Undefined(), o, vm.ToValue(n), d); err != nil {
			panic(err)
		}
	}
}
