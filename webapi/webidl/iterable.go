package webidl

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

type iterKind int

const (
	iterEntries iterKind = iota
	iterKeys
	iterValues
)

type pairIterator struct {
	pairs func() [][2]goja.Value
	kind  iterKind
	index int
}

// pairCache holds the pairs last read and the version they were read at.
type pairCache[T any] struct {
	pairs   func(T) [][2]goja.Value
	version func(T) uint64 // nil: read at every step
}

type cached struct {
	ps  [][2]goja.Value
	ver uint64
	ok  bool
}

// read returns self's pairs, reusing c's when the version has not moved.
func (p pairCache[T]) read(self T, c *cached) [][2]goja.Value {
	if p.version == nil {
		return p.pairs(self)
	}
	if v := p.version(self); !c.ok || v != c.ver {
		c.ps, c.ver, c.ok = p.pairs(self), v, true
	}
	return c.ps
}

// definePairIterable adds entries, keys, values, forEach and @@iterator to a class, after WebIDL
// §3.7.9 "Iterable declarations": the pairs are read again whenever they changed (at every
// step when the class gives no version), so the iterator sees changes made while it runs.
func definePairIterable[T any](r *webapi.Realm, c *Class[T], pairs func(T) [][2]goja.Value, version func(T) uint64) {
	vm := r.VM
	pc := pairCache[T]{pairs: pairs, version: version}
	iterProto := vm.NewObject()
	base, _ := vm.RunString("Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))")
	iterProto.SetPrototype(base.(*goja.Object))
	iterProto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(c.Name+" Iterator"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	iterProto.DefineDataProperty("next", Function(vm, "next", 0, func(call goja.FunctionCall) goja.Value {
		it, ok := Slot[*pairIterator](r, call.This)
		if !ok {
			panic(TypeError(vm, "Illegal invocation"))
		}
		res := vm.NewObject()
		ps := it.pairs()
		if it.index >= len(ps) {
			res.Set("value", goja.Undefined())
			res.Set("done", true)
			return res
		}
		p := ps[it.index]
		it.index++
		switch it.kind {
		case iterKeys:
			res.Set("value", p[0])
		case iterValues:
			res.Set("value", p[1])
		default:
			res.Set("value", vm.NewArray(p[0], p[1]))
		}
		res.Set("done", false)
		return res
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)

	newIter := func(this goja.Value, kind iterKind) goja.Value {
		self := c.This(this)
		o := vm.NewObject()
		o.SetPrototype(iterProto)
		var cache cached
		setSlot(r, o, &pairIterator{pairs: func() [][2]goja.Value { return pc.read(self, &cache) }, kind: kind})
		return o
	}
	entries := Function(vm, "entries", 0, func(call goja.FunctionCall) goja.Value { return newIter(call.This, iterEntries) })
	c.Proto.DefineDataProperty("entries", entries, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	c.Proto.DefineDataProperty("keys", Function(vm, "keys", 0, func(call goja.FunctionCall) goja.Value { return newIter(call.This, iterKeys) }), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	c.Proto.DefineDataProperty("values", Function(vm, "values", 0, func(call goja.FunctionCall) goja.Value { return newIter(call.This, iterValues) }), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	c.Proto.DefineDataPropertySymbol(goja.SymIterator, entries, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	c.Proto.DefineDataProperty("forEach", Function(vm, "forEach", 1, func(call goja.FunctionCall) goja.Value {
		self := c.This(call.This)
		cb, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(TypeError(vm, "Failed to execute 'forEach' on '%s': parameter 1 is not of type 'Function'.", c.Name))
		}
		thisArg := call.Argument(1)
		var cache cached
		for i := 0; ; i++ {
			ps := pc.read(self, &cache)
			if i >= len(ps) {
				break
			}
			if _, err := cb(thisArg, ps[i][1], ps[i][0], call.This); err != nil {
				panic(err)
			}
		}
		return goja.Undefined()
	}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}
