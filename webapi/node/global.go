package node

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

// global is Node's name for globalThis (https://nodejs.org/docs/latest-v20.x/api/globals.html#global).
func init() {
	RegisterGlobal("global", func(r *webapi.Realm) goja.Value { return r.VM.GlobalObject() })
}
