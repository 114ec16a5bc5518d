// Package events provides node:events: EventEmitter and its statics, as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/events.html). It is written in JavaScript
// (events.js), compiled once per process and run in a runtime the first time it is required,
// because its observable shape (_events, _eventsCount, once wrappers) is what libraries rely on.
package events

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

//go:embed events.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:events", source, true) })

func init() {
	node.Register("events", func(r *webapi.Realm) goja.Value { return node.Eval(r, program()) })
}
