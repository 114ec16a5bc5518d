// Package diagchannel provides node:diagnostics_channel as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/diagnostics_channel.html), written in JavaScript.
package diagchannel

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed diagnostics_channel.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:diagnostics_channel", source, true) })

func init() {
	node.Register("diagnostics_channel", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
}
