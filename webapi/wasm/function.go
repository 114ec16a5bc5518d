package wasm

import (
	"context"
	"math"
	"math/big"
	"strconv"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// exportedFunc is an Exported Function (JS API §"Exported Functions"): a JS function that calls
// a wasm function.
type exportedFunc struct {
	f       api.Function
	owner   api.Module
	export  string
	params  []api.ValueType
	results []api.ValueType
}

// exportedFunction makes the function object for export name of mod. Its name is the function
// index and its length the parameter count, as the spec says.
func (s *state) exportedFunction(mod api.Module, name string) goja.Value {
	f := mod.ExportedFunction(name)
	def := f.Definition()
	ef := &exportedFunc{f: f, owner: mod, export: name, params: def.ParamTypes(), results: def.ResultTypes()}
	n := len(ef.params)
	if len(ef.results) > n {
		n = len(ef.results)
	}
	vm := s.vm
	fo := webidl.Function(vm, strconv.Itoa(int(def.Index())), len(ef.params), func(call goja.FunctionCall) goja.Value {
		// JS API §"call an Exported Function" steps: convert the arguments (a missing one is
		// undefined), call, convert the results.
		stack := make([]uint64, n)
		for i, t := range ef.params {
			stack[i] = s.toWasm(call.Argument(i), t)
		}
		err := ef.f.CallWithStack(s.callContext(), stack)
		s.refreshBuffers()
		if err != nil {
			s.throwCallError(err)
		}
		switch len(ef.results) {
		case 0:
			return goja.Undefined()
		case 1:
			return s.toJS(stack[0], ef.results[0])
		}
		out := make([]any, len(ef.results))
		for i, t := range ef.results {
			out[i] = s.toJS(stack[i], t)
		}
		return vm.NewArray(out...)
	}).(*goja.Object)
	s.funcs[fo] = ef
	return fo
}

// hostFunc is the wazero host function behind an imported JS function (JS API §"create a host
// function"): it converts the wasm arguments, calls fn with this undefined and converts what it
// returns. A JS throw crosses wazero as a jsThrow and is thrown again to the JS caller of wasm.
func (s *state) hostFunc(fn goja.Callable, t funcType) api.GoModuleFunc {
	return func(ctx context.Context, _ api.Module, stack []uint64) {
		defer func() {
			if x := recover(); x != nil {
				switch x.(type) {
				case *goja.Exception, *goja.InterruptedError, goja.Value:
					panic(&jsThrow{x})
				}
				panic(x)
			}
		}()
		s.refreshBuffers()
		args := make([]goja.Value, len(t.params))
		for i, p := range t.params {
			args[i] = s.toJS(stack[i], p)
		}
		ret, err := fn(goja.Undefined(), args...)
		if err != nil {
			panic(&jsThrow{err})
		}
		switch len(t.results) {
		case 0:
		case 1:
			stack[0] = s.toWasm(ret, t.results[0])
		default:
			// Multiple results come back as an iterable (JS API step "iterate").
			i := 0
			if !webidl.Iterate(s.vm, ret, func(item goja.Value) {
				if i < len(t.results) {
					stack[i] = s.toWasm(item, t.results[i])
				}
				i++
			}) || i != len(t.results) {
				panic(webidl.TypeError(s.vm, "multi-return length mismatch"))
			}
		}
	}
}

// toWasm is JS API §"ToWebAssemblyValue".
func (s *state) toWasm(v goja.Value, t api.ValueType) uint64 {
	switch t {
	case api.ValueTypeI32:
		return uint64(uint32(toInt32(s.toNumber(v))))
	case api.ValueTypeI64:
		return uint64(s.toBigInt64(v))
	case api.ValueTypeF32:
		return api.EncodeF32(float32(s.toNumber(v)))
	case api.ValueTypeF64:
		return api.EncodeF64(s.toNumber(v))
	case api.ValueTypeExternref:
		return s.externRef(v)
	}
	panic(webidl.TypeError(s.vm, "type incompatibility when transforming from/to JS"))
}

// toJS is JS API §"ToJSValue".
func (s *state) toJS(x uint64, t api.ValueType) goja.Value {
	switch t {
	case api.ValueTypeI32:
		return s.vm.ToValue(int64(int32(uint32(x))))
	case api.ValueTypeI64:
		return s.vm.ToValue(big.NewInt(int64(x)))
	case api.ValueTypeF32:
		return s.vm.ToValue(float64(api.DecodeF32(x)))
	case api.ValueTypeF64:
		return s.vm.ToValue(api.DecodeF64(x))
	case api.ValueTypeExternref:
		return s.externValue(x)
	}
	panic(webidl.TypeError(s.vm, "type incompatibility when transforming from/to JS"))
}

// toNumber is ECMAScript ToNumber (JS's unary +, which throws for a BigInt), with numbers, the
// usual case, converted in Go.
func (s *state) toNumber(v goja.Value) float64 {
	if _, isObj := v.(*goja.Object); !isObj {
		switch x := v.Export().(type) {
		case int64:
			return float64(x)
		case float64:
			return x
		}
	}
	f := s.r.State(toPrimKey{}, func() any {
		v, err := s.vm.RunString(`(function (v) { return +v })`)
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(v)
		return fn
	}).(goja.Callable)
	r, err := f(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	return r.ToFloat()
}

type toPrimKey struct{}
type toBigIntKey struct{}

// toBigInt64 is ECMAScript ToBigInt64 (ToBigInt throws a TypeError for a Number).
func (s *state) toBigInt64(v goja.Value) int64 {
	if goja.IsBigInt(v) {
		b, _ := v.Export().(*big.Int)
		return wrapInt64(b)
	}
	f := s.r.State(toBigIntKey{}, func() any {
		v, err := s.vm.RunString(`(function (v) { return BigInt.asIntN(64, v) })`)
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(v)
		return fn
	}).(goja.Callable)
	r, err := f(goja.Undefined(), v)
	if err != nil {
		panic(err)
	}
	b, _ := r.Export().(*big.Int)
	if b == nil {
		return 0
	}
	return wrapInt64(b)
}

var two64 = new(big.Int).Lsh(big.NewInt(1), 64)

func wrapInt64(b *big.Int) int64 {
	if b.IsInt64() {
		return b.Int64()
	}
	m := new(big.Int).Mod(b, two64)
	return int64(m.Uint64())
}

// toInt32 is ECMAScript ToInt32 of a Number.
func toInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	if f >= math.MinInt32 && f <= math.MaxInt32 {
		return int32(f)
	}
	f = math.Mod(math.Trunc(f), 4294967296)
	if f < 0 {
		f += 4294967296
	}
	return int32(uint32(f))
}
