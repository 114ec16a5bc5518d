// Package tty is node:tty (https://nodejs.org/docs/latest-v20.x/api/tty.html) as a server sees
// it: no descriptor is a terminal, so isatty answers false (debug, chalk and supports-color ask at
// load time); ReadStream and WriteStream, which need one, throw ERR_NOT_SUPPORTED.
package tty

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

func init() {
	node.Register("tty", func(r *webapi.Realm) goja.Value {
		vm := r.VM
		o := vm.NewObject()
		o.Set("isatty", func(goja.FunctionCall) goja.Value { return vm.ToValue(false) })
		for _, name := range []string{"ReadStream", "WriteStream"} {
			o.Set(name, func(goja.FunctionCall) goja.Value { panic(node.NotSupported(r, "tty", name)) })
		}
		return o
	})
}
