package wasm

import (
	"context"
	"crypto/sha256"
	"runtime"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// module is a WebAssembly.Module: the compiled module and what the binary says in order.
type module struct {
	compiled wazero.CompiledModule
	info     *moduleInfo
	elems    elemTypes // tablefunc.go
}

// bufferSource copies the bytes of a BufferSource argument (JS API §"get a copy of the buffer
// source"), throwing the TypeError V8 throws for anything else.
func (s *state) bufferSource(v goja.Value, what string) []byte {
	b, ok := s.bytes(v)
	if !ok {
		panic(webidl.TypeError(s.vm, "%s: Argument 0 must be a buffer source", what))
	}
	return append([]byte(nil), b...)
}

// compileBytes compiles a module (JS API §"compile a WebAssembly module"). It touches no goja
// value, so it may run off the loop. err is the CompileError message.
func (s *state) compileBytes(b []byte, what string) (*module, string) {
	// Workers compiling the same bytes at once (every worker loading the app) wait for the
	// first one, then find its code in the shared cache.
	done := compiling(sha256.Sum256(b))
	defer done()
	ctx := experimental.WithCompilationWorkers(context.Background(), runtime.GOMAXPROCS(0))
	c, err := s.rt.CompileModule(ctx, b)
	if err != nil {
		return nil, what + ": " + compileMessage(err)
	}
	info, perr := parse(b)
	if perr != nil {
		c.Close(context.Background())
		return nil, what + ": " + perr.Error()
	}
	return &module{compiled: c, info: info, elems: tableTypes(b)}, ""
}

var (
	flightMu sync.Mutex
	flights  = map[[32]byte]*sync.Mutex{}
)

// compiling holds the lock of one module's bytes until done is called.
func compiling(key [32]byte) (done func()) {
	flightMu.Lock()
	mu := flights[key]
	if mu == nil {
		mu = &sync.Mutex{}
		flights[key] = mu
	}
	flightMu.Unlock()
	mu.Lock()
	return mu.Unlock
}

func compileMessage(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// bytes is a BufferSource's bytes as V8 takes them: an ArrayBuffer or a typed array, not a
// DataView.
func (s *state) bytes(v goja.Value) ([]byte, bool) {
	if o, ok := v.(*goja.Object); ok {
		if dv, _ := s.vm.Get("DataView").(*goja.Object); dv != nil && o.ClassName() != "ArrayBuffer" && s.vm.InstanceOf(o, dv) {
			return nil, false
		}
	}
	return webidl.Bytes(s.vm, v)
}

func (s *state) compileSync(v goja.Value, what string) *module {
	m, msg := s.compileBytes(s.bufferSource(v, what), what)
	if m == nil {
		panic(s.newError(s.compileError, "%s", msg))
	}
	return m
}

// compileAsync compiles on a goroutine of its own and settles on the loop with done's answer.
func (s *state) compileAsync(b []byte, what string, done func(m *module, msg string)) {
	complete := s.r.Host.Reserve()
	go func() {
		m, msg := s.compileBytes(b, what)
		complete(func() {
			if s.closed {
				return
			}
			done(m, msg)
		})
	}()
}

func (s *state) defineModule() {
	vm := s.vm
	s.module = webidl.Define(s.r, webidl.Spec[*module]{
		Name:   "Module",
		Length: 1,
		New: func(call goja.ConstructorCall) *module {
			return s.compileSync(call.Argument(0), "WebAssembly.Module()")
		},
		Statics: []webidl.StaticMethod{
			{Name: "exports", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				m := s.moduleArg(call.Argument(0), "WebAssembly.Module.exports()")
				out := make([]any, len(m.info.exports))
				for i, e := range m.info.exports {
					o := vm.NewObject()
					o.Set("name", e.name)
					o.Set("kind", kindName[e.kind])
					out[i] = o
				}
				return vm.NewArray(out...)
			}},
			{Name: "imports", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
				m := s.moduleArg(call.Argument(0), "WebAssembly.Module.imports()")
				out := make([]any, len(m.info.imports))
				for i, d := range m.info.imports {
					o := vm.NewObject()
					o.Set("module", d.module)
					o.Set("name", d.name)
					o.Set("kind", kindName[d.kind])
					out[i] = o
				}
				return vm.NewArray(out...)
			}},
			{Name: "customSections", Length: 2, Fn: func(call goja.FunctionCall) goja.Value {
				m := s.moduleArg(call.Argument(0), "WebAssembly.Module.customSections()")
				if goja.IsUndefined(call.Argument(1)) {
					panic(webidl.TypeError(vm, "WebAssembly.Module.customSections(): Argument 1 is required"))
				}
				name := call.Argument(1).String()
				var out []any
				for _, c := range m.info.customs {
					if c.name == name {
						out = append(out, vm.NewArrayBuffer(append([]byte(nil), c.data...)))
					}
				}
				return vm.NewArray(out...)
			}},
		},
	})
}

func (s *state) moduleArg(v goja.Value, what string) *module {
	m, ok := s.module.Unwrap(v)
	if !ok {
		panic(webidl.TypeError(s.vm, "%s: Argument 0 must be a WebAssembly.Module", what))
	}
	return m
}

func (s *state) defineNamespace() {
	vm := s.vm
	ns := vm.NewObject()
	s.ns = ns
	def := func(name string, v goja.Value) {
		ns.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	// Operations are enumerable (WebIDL namespaces), the interface objects are not.
	fn := func(name string, length int, f func(goja.FunctionCall) goja.Value) {
		ns.DefineDataProperty(name, webidl.Function(vm, name, length, f), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	// JS API §5.1 validate(bytes).
	fn("validate", 1, func(call goja.FunctionCall) goja.Value {
		b := s.bufferSource(call.Argument(0), "WebAssembly.validate()")
		c, err := s.rt.CompileModule(context.Background(), b)
		if err != nil {
			return vm.ToValue(false)
		}
		c.Close(context.Background())
		_, perr := parse(b)
		return vm.ToValue(perr == nil)
	})
	// JS API §5.1 compile(bytes).
	fn("compile", 1, func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		b, ok := s.bytes(call.Argument(0))
		if !ok {
			reject(webidl.TypeError(vm, "WebAssembly.compile(): Argument 0 must be a buffer source"))
			return vm.ToValue(p)
		}
		s.compileAsync(append([]byte(nil), b...), "WebAssembly.compile()", func(m *module, msg string) {
			if m == nil {
				reject(s.newError(s.compileError, "%s", msg))
				return
			}
			resolve(s.module.Wrap(m))
		})
		return vm.ToValue(p)
	})
	// JS API §5.1 instantiate(bytes, importObject) → {module, instance}, and
	// instantiate(moduleObject, importObject) → Instance.
	fn("instantiate", 1, func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		src, imports := call.Argument(0), call.Argument(1)
		if m, ok := s.module.Unwrap(src); ok {
			// V8 instantiates a Module at once (the start function runs before instantiate
			// returns), where the spec queues a task; Node's behaviour is the reference.
			inst, err := s.tryInstantiate(m, imports)
			if err != nil {
				reject(err)
			} else {
				resolve(inst)
			}
			return vm.ToValue(p)
		}
		b, ok := s.bytes(src)
		if !ok {
			reject(webidl.TypeError(vm, "WebAssembly.instantiate(): Argument 0 must be a buffer source or a WebAssembly.Module object"))
			return vm.ToValue(p)
		}
		if !goja.IsUndefined(imports) {
			if _, isObj := imports.(*goja.Object); !isObj {
				reject(webidl.TypeError(vm, "WebAssembly.instantiate(): Argument 1 must be an object"))
				return vm.ToValue(p)
			}
		}
		s.compileAsync(append([]byte(nil), b...), "WebAssembly.instantiate()", func(m *module, msg string) {
			if m == nil {
				reject(s.newError(s.compileError, "%s", msg))
				return
			}
			s.resolvePair(m, imports, resolve, reject)
		})
		return vm.ToValue(p)
	})
	s.defineStreaming(fn)
	for _, c := range []*goja.Object{s.module.Ctor, s.inst.Ctor, s.memory.Ctor, s.table.Ctor, s.global.Ctor} {
		def(c.Get("name").String(), c)
	}
	def("CompileError", s.compileError)
	def("LinkError", s.linkError)
	def("RuntimeError", s.runtimeError)
	ns.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("WebAssembly"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// resolvePair instantiates m and resolves {module, instance}.
func (s *state) resolvePair(m *module, imports goja.Value, resolve, reject func(any) error) {
	inst, err := s.tryInstantiate(m, imports)
	if err != nil {
		reject(err)
		return
	}
	o := s.vm.NewObject()
	o.Set("module", s.module.Wrap(m))
	o.Set("instance", inst)
	resolve(o)
}

// tryInstantiate is instantiate, with a JS throw returned as the value thrown.
func (s *state) tryInstantiate(m *module, imports goja.Value) (v goja.Value, thrown any) {
	defer func() {
		if x := recover(); x != nil {
			switch e := x.(type) {
			case *goja.Exception:
				thrown = e.Value()
			case goja.Value:
				thrown = e
			default:
				panic(x)
			}
		}
	}()
	return s.instantiate(m, imports), nil
}

func (s *state) defineClasses() {
	s.defineModule()
	s.defineInstance()
	s.defineMemory()
	s.defineGlobal()
	s.defineTable()
}
