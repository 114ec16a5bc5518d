// Package fs is node:fs and node:fs/promises (https://nodejs.org/docs/latest-v20.x/api/fs.html):
// real files, relative paths from the project root. The API surface (argument checks, encodings,
// Stats, Dirent, FileHandle, the sync, callback and promise forms) is JavaScript in fs.js; the
// calls themselves are Go (ops in binding.go). Sync forms block the loop as they block Node's;
// callback and promise forms run the call on a goroutine and finish through Host.Reserve, in the
// caller's async context.
//
// The embedder decides what fs may touch (webapi.FSConfig, engine.Options NoFS and FSRoot).
// fs.watch, fs.watchFile and the other calls jsroute does not provide throw ERR_NOT_SUPPORTED.
package fs

import (
	_ "embed"
	"errors"
	"path/filepath"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
)

//go:embed fs.js
var source string

var module = &jsmodule.Source{Name: "fs", Text: source}

func init() {
	node.Register("fs", build)
	node.Register("fs/promises", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "fs").(*goja.Object).Get("promises")
	})
}

func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	f := &fsys{}
	if h, ok := r.Host.(webapi.FSHost); ok {
		f.cfg = h.FSConfig()
	} else {
		f.cfg.Off = true
	}
	if f.cfg.Root != "" {
		root, err := filepath.Abs(f.cfg.Root)
		if err == nil {
			if real, err := filepath.EvalSymlinks(root); err == nil {
				root = real
			}
		}
		f.rootReal = root
	}
	errorCtor, _ := goja.AssertConstructor(vm.Get("Error"))
	toJSError := func(err error) goja.Value {
		var ue *uvError
		var se *sysError
		var ne *nodeError
		switch {
		case errors.As(err, &ue):
			e, _ := errorCtor(nil, vm.ToValue(ue.message()))
			e.Set("errno", -int(ue.errno))
			e.Set("code", ue.code())
			e.Set("syscall", ue.syscall)
			if ue.hasPath {
				e.Set("path", ue.path)
			}
			if ue.hasDest {
				e.Set("dest", ue.dest)
			}
			return e
		case errors.As(err, &se):
			uv := "EISDIR"
			msg := "Path is a directory: " + se.syscall + " returned " + uv + " (" + se.info + ") " + se.path
			e := console.NodeError(r, "Error", se.code, "%s", msg)
			e.DefineDataProperty("name", vm.ToValue("SystemError"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
			info := vm.NewObject()
			info.Set("code", uv)
			info.Set("message", se.info)
			info.Set("path", se.path)
			info.Set("syscall", se.syscall)
			info.Set("errno", int(se.errno))
			e.Set("info", info)
			e.Set("errno", int(se.errno))
			e.Set("syscall", se.syscall)
			e.Set("path", se.path)
			return e
		case errors.As(err, &ne):
			return console.NodeError(r, ne.ctor, ne.code, "%s", ne.msg)
		}
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return ex.Value()
		}
		return vm.NewGoError(err)
	}
	toJS := func(v any) goja.Value {
		switch x := v.(type) {
		case nil:
			return goja.Undefined()
		case []byte:
			return vm.ToValue(vm.NewArrayBuffer(x))
		case *statResult:
			return x.toJS(vm)
		case []dirent:
			out := make([]any, len(x))
			for i, d := range x {
				out[i] = vm.NewArray(d.name, d.typ, d.parent, d.base)
			}
			return vm.NewArray(out...)
		}
		return vm.ToValue(v)
	}
	prepare := func(name string, args []goja.Value) work {
		o := ops[name]
		if o == nil {
			panic(vm.NewTypeError("fs: no call " + name))
		}
		w, err := o(f, args)
		if err != nil {
			panic(toJSError(err))
		}
		return w
	}
	return module.Run(r, map[string]any{
		"off": f.cfg.Off,
		"call": func(call goja.FunctionCall) goja.Value {
			w := prepare(call.Argument(0).String(), call.Arguments[1:])
			res, err := w()
			if err != nil {
				panic(toJSError(err))
			}
			return toJS(res)
		},
		// callAsync(name, cb, ...args): cb(err, result) later, on the loop.
		"callAsync": func(call goja.FunctionCall) goja.Value {
			cb, _ := goja.AssertFunction(call.Argument(1))
			var args []goja.Value
			if len(call.Arguments) > 2 {
				args = call.Arguments[2:]
			}
			w, perr := func() (w work, err error) {
				o := ops[call.Argument(0).String()]
				return o(f, args)
			}()
			complete := r.Host.Reserve()
			go func() {
				var res any
				err := perr
				if err == nil {
					res, err = w()
				}
				complete(func() {
					var e error
					if err != nil {
						_, e = cb(goja.Undefined(), toJSError(err))
					} else {
						_, e = cb(goja.Undefined(), goja.Null(), toJS(res))
					}
					if e != nil {
						// Node would crash the process on an exception thrown by a callback;
						// jsroute logs it and serves on (as for queueMicrotask).
						r.Host.Logger().Error("uncaught exception in a node:fs callback", "error", e)
					}
				})
			}()
			return goja.Undefined()
		},
		"notSupported": func(export string) *goja.Object { return node.NotSupported(r, "fs", export) },
		"cwd":          f.cfg.Cwd,
	})
}
