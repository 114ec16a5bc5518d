package streams

import (
	"math"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// sizedQueue is the spec's [[queue]] and [[queueTotalSize]] pair (§8.1 Queue-with-sizes).
type sizedQueue struct {
	items []queueItem
	head  int
	total float64
}

type queueItem struct {
	value goja.Value
	size  float64
	close bool // the writable stream's "close sentinel"
}

func (q *sizedQueue) len() int { return len(q.items) - q.head }

// enqueueValueWithSize is EnqueueValueWithSize: it returns a RangeError (to throw) for an invalid size.
func (s *rt) enqueueValueWithSize(q *sizedQueue, v goja.Value, size float64) goja.Value {
	if !isNonNegativeNumber(size) || math.IsInf(size, 1) {
		return s.invalidArgValue("RangeError", "argument 'size'", s.vm.ToValue(size))
	}
	q.items = append(q.items, queueItem{value: v, size: size})
	q.total += size
	return nil
}

// dequeueValue is DequeueValue.
func (q *sizedQueue) dequeueValue() queueItem {
	it := q.items[q.head]
	q.items[q.head] = queueItem{}
	q.head++
	if q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	} else if q.head > 32 && q.head*2 > len(q.items) {
		n := copy(q.items, q.items[q.head:])
		q.items, q.head = q.items[:n], 0
	}
	q.total -= it.size
	if q.total < 0 { // rounding errors
		q.total = 0
	}
	return it
}

// peekQueueValue is PeekQueueValue.
func (q *sizedQueue) peekQueueValue() queueItem { return q.items[q.head] }

// reset is ResetQueue.
func (q *sizedQueue) reset() {
	clear(q.items)
	q.items, q.head, q.total = q.items[:0], 0, 0
}

// ---- strategies (§7) -----------------------------------------------------------------------------------

// sizeAlgorithm returns a chunk's size, or the exception the size function threw.
type sizeAlgorithm func(chunk goja.Value) (size float64, thrown goja.Value)

// strategy is a converted QueuingStrategy dictionary.
type strategy struct {
	hwm     float64
	hasHWM  bool
	size    goja.Callable
	hasSize bool
}

// convertStrategy converts a QueuingStrategy dictionary argument: highWaterMark to unrestricted double,
// size to a callback (WebIDL dictionary members in lexicographic order).
func (s *rt) convertStrategy(v goja.Value) strategy {
	var st strategy
	o := s.dictionary(v, "strategy")
	if hwm := member(o, "highWaterMark"); hwm != nil {
		st.hwm, st.hasHWM = hwm.ToFloat(), true
	}
	if fn := s.callbackMember(o, "strategy", "size"); fn != nil {
		st.size, st.hasSize = fn, true
	}
	return st
}

// extractHighWaterMark is ExtractHighWaterMark (§7.4).
func (s *rt) extractHighWaterMark(st strategy, defaultHWM float64) float64 {
	if !st.hasHWM {
		return defaultHWM
	}
	if !isNonNegativeNumber(st.hwm) {
		throw(s.invalidArgValue("RangeError", "property 'strategy.highWaterMark'", s.vm.ToValue(st.hwm)))
	}
	return st.hwm
}

// extractSizeAlgorithm is ExtractSizeAlgorithm (§7.4). nil means "every chunk has size 1".
func (s *rt) extractSizeAlgorithm(st strategy) sizeAlgorithm {
	if !st.hasSize {
		return nil
	}
	fn := st.size
	return func(chunk goja.Value) (float64, goja.Value) {
		v, thrown, ok := s.call(fn, goja.Undefined(), chunk)
		if !ok {
			return 0, thrown
		}
		var f float64
		if thrown := s.try(func() { f = v.ToFloat() }); thrown != nil {
			return 0, thrown
		}
		return f, nil
	}
}

// try runs fn and returns what it threw (a JS exception), if anything.
func (s *rt) try(fn func()) (thrown goja.Value) {
	err := s.run(fn)
	if err != nil {
		return exceptionValue(err)
	}
	return nil
}

// queuingStrategy is the state of CountQueuingStrategy and ByteLengthQueuingStrategy (§7.2, §7.3).
type queuingStrategy struct {
	hwm float64
}

func (s *rt) defineQueuingStrategies() {
	vm := s.vm
	newStrategy := func(name string) func(call goja.ConstructorCall) *queuingStrategy {
		return func(call goja.ConstructorCall) *queuingStrategy {
			init := call.Argument(0)
			o, ok := init.(*goja.Object)
			if !ok {
				throw(s.invalidArgType(`"init" argument`, "of type object", init))
			}
			hwm := o.Get("highWaterMark")
			if isUndefined(hwm) {
				throw(s.typeError("ERR_MISSING_OPTION", "init.highWaterMark is required"))
			}
			return &queuingStrategy{hwm: hwm.ToFloat()}
		}
	}
	// The size functions are created once per realm, so every instance shares them (§7.2.2, §7.3.2).
	s.countSize = webidl.Function(vm, "size", 0, func(goja.FunctionCall) goja.Value { return vm.ToValue(1) })
	s.byteLenSize = webidl.Function(vm, "size", 1, func(call goja.FunctionCall) goja.Value {
		return s.getProp(call.Argument(0), "byteLength")
	})
	s.countStrategy = webidl.Define(s.realm, webidl.Spec[*queuingStrategy]{Name: "CountQueuingStrategy", Length: 1, New: newStrategy("CountQueuingStrategy")})
	s.byteLengthStrategy = webidl.Define(s.realm, webidl.Spec[*queuingStrategy]{Name: "ByteLengthQueuingStrategy", Length: 1, New: newStrategy("ByteLengthQueuingStrategy")})
	for _, c := range []*webidl.Class[*queuingStrategy]{s.countStrategy, s.byteLengthStrategy} {
		c := c
		size := s.countSize
		if c == s.byteLengthStrategy {
			size = s.byteLenSize
		}
		getter(s, c, "highWaterMark", func(q *queuingStrategy) goja.Value { return vm.ToValue(q.hwm) })
		getter(s, c, "size", func(*queuingStrategy) goja.Value { return size })
	}
}

// getProp is GetV(v, name): property access that throws for undefined and null like JS does.
func (s *rt) getProp(v goja.Value, name string) goja.Value {
	if webidl.IsNullish(v) {
		throw(s.vm.NewTypeError("Cannot read properties of %s (reading '%s')", v.String(), name))
	}
	return s.vm.ToValue(v).ToObject(s.vm).Get(name)
}
