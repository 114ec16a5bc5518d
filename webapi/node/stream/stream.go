// Package stream is node:stream, node:stream/promises, node:stream/web and node:stream/consumers
// (https://nodejs.org/docs/latest-v20.x/api/stream.html). The Node stream machinery is JavaScript
// (stream.js: the same state machine as Node 20, so event order, backpressure and the state
// objects libraries inspect behave alike), compiled once per process and run per runtime on first
// require; stream/web hands out the Web stream classes of webapi/streams.
package stream

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
)

var (
	//go:embed stream.js
	streamSource string
	//go:embed consumers.js
	consumersSource string

	streamModule    = &jsmodule.Source{Name: "stream", Text: streamSource}
	consumersModule = &jsmodule.Source{Name: "stream/consumers", Text: consumersSource}
)

// webNames are the classes node:stream/web exports, as globals of the realm.
var webNames = []string{"ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
	"ReadableByteStreamController", "ReadableStreamDefaultController", "TransformStream", "TransformStreamDefaultController",
	"WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController", "ByteLengthQueuingStrategy",
	"CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream"}

func init() {
	node.Register("stream", func(r *webapi.Realm) goja.Value { return streamModule.Run(r, nil) })
	node.Register("stream/promises", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "stream").(*goja.Object).Get("promises")
	})
	node.Register("stream/consumers", func(r *webapi.Realm) goja.Value { return consumersModule.Run(r, nil) })
	node.Register("stream/web", func(r *webapi.Realm) goja.Value {
		vm := r.VM
		o := vm.NewObject()
		for _, n := range webNames {
			if v := vm.Get(n); v != nil && !goja.IsUndefined(v) {
				o.Set(n, v)
			}
		}
		return o
	})
}
