package wasm

import (
	"github.com/jsroute/jsroute/webapi/console"
	"strings"

	"github.com/dop251/goja"
)

// defineStreaming adds compileStreaming and instantiateStreaming (WebAssembly Web API,
// https://webassembly.github.io/spec/web-api/#streaming-modules): the argument is a Response or
// a promise of one; its Content-Type must be application/wasm, it must be ok, and its body is
// read with arrayBuffer() then compiled as compile() does.
func (s *state) defineStreaming(fn func(string, int, func(goja.FunctionCall) goja.Value)) {
	vm := s.vm
	prog := s.r.State(streamingKey{}, func() any {
		v, err := vm.RunString(streamingJS)
		if err != nil {
			panic(err)
		}
		f, _ := goja.AssertFunction(v)
		return f
	}).(goja.Callable)
	fail := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		code, msg := call.Argument(0).String(), call.Argument(1).String()
		if len(call.Arguments) > 2 {
			msg += "Received " + console.Received(s.r, call.Argument(2))
		}
		return console.NodeError(s.r, "TypeError", code, "%s", msg)
	})
	// bytesOf(source, what) → promise of an ArrayBuffer, rejecting with the TypeError the spec
	// asks for.
	bytesOf := func(src goja.Value, what string) goja.Value {
		v, err := prog(goja.Undefined(), src, fail)
		if err != nil {
			panic(err)
		}
		return v
	}
	then := func(p goja.Value, ok func(goja.Value) goja.Value) goja.Value {
		thenFn, _ := goja.AssertFunction(p.(*goja.Object).Get("then"))
		r, err := thenFn(p, vm.ToValue(func(call goja.FunctionCall) goja.Value { return ok(call.Argument(0)) }))
		if err != nil {
			panic(err)
		}
		return r
	}
	ns := func(name string) goja.Callable {
		f, _ := goja.AssertFunction(s.ns.Get(name))
		return f
	}
	fn("compileStreaming", 1, func(call goja.FunctionCall) goja.Value {
		return then(bytesOf(call.Argument(0), "WebAssembly.compileStreaming()"), func(buf goja.Value) goja.Value {
			r, err := ns("compile")(goja.Undefined(), buf)
			if err != nil {
				panic(err)
			}
			return r
		})
	})
	fn("instantiateStreaming", 1, func(call goja.FunctionCall) goja.Value {
		imports := call.Argument(1)
		return then(bytesOf(call.Argument(0), "WebAssembly.instantiateStreaming()"), func(buf goja.Value) goja.Value {
			r, err := ns("instantiate")(goja.Undefined(), buf, imports)
			if err != nil {
				panic(err)
			}
			return r
		})
	})
}

type streamingKey struct{}

// streamingJS checks the Response as Node 20 does (lib/internal/wasm_web_api.js: the
// Content-Type must be exactly application/wasm, the status ok, the body unused; errors
// ERR_INVALID_ARG_TYPE and ERR_WEBASSEMBLY_RESPONSE) and reads its bytes.
var streamingJS = strings.TrimSpace(`
(function (source, fail) {
  return Promise.resolve(source).then(function (response) {
    if (typeof Response !== 'function' || !(response instanceof Response)) {
      throw fail('ERR_INVALID_ARG_TYPE', 'The "source" argument must be an instance of Response or an Promise resolving to Response. ', response)
    }
    const type = response.headers.get('Content-Type')
    if (type !== 'application/wasm') {
      throw fail('ERR_WEBASSEMBLY_RESPONSE', "WebAssembly response has unsupported MIME type '" + type + "'")
    }
    if (!response.ok) {
      throw fail('ERR_WEBASSEMBLY_RESPONSE', 'WebAssembly response has status code ' + response.status)
    }
    if (response.bodyUsed !== false) {
      throw fail('ERR_WEBASSEMBLY_RESPONSE', 'WebAssembly response body has already been used')
    }
    return response.arrayBuffer()
  })
})`)
