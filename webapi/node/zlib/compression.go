package zlib

import (
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
)

// CompressionStream and DecompressionStream (Compression Streams, https://compression.spec.whatwg.org/)
// are Node.js globals made of node:zlib's streams, as Node makes them (lib/internal/webstreams/compression.js):
// a gzip, deflate or deflate-raw Transform seen from the Web side through Duplex.toWeb. They are
// built on first use of either name.
const compressionJS = `(function (zlib, Duplex, host) {
  'use strict';
  const pairs = new WeakMap();
  const make = (name, factories) => {
    const C = class {
      constructor(format) {
        const create = typeof format === 'string' && Object.prototype.hasOwnProperty.call(factories, format) ? factories[format] : undefined;
        if (create === undefined) {
          throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', "The argument 'format' is invalid. Received " + host.inspect(format));
        }
        pairs.set(this, Duplex.toWeb(zlib[create]()));
      }
      get readable() { return pairs.get(this).readable; }
      get writable() { return pairs.get(this).writable; }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  };
  return {
    CompressionStream: make('CompressionStream', { deflate: 'createDeflate', 'deflate-raw': 'createDeflateRaw', gzip: 'createGzip' }),
    DecompressionStream: make('DecompressionStream', { deflate: 'createInflate', 'deflate-raw': 'createInflateRaw', gzip: 'createGunzip' }),
  };
})`

var compressionProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("node:internal/webstreams/compression", compressionJS, true)
})

type compressionKey struct{}

func compressionClasses(r *webapi.Realm) *goja.Object {
	return r.State(compressionKey{}, func() any {
		fn, err := r.VM.RunProgram(compressionProgram())
		if err != nil {
			panic(err)
		}
		make, _ := goja.AssertFunction(fn)
		duplex := node.Require(r, "stream").(*goja.Object).Get("Duplex")
		classes, err := make(goja.Undefined(), node.Require(r, "zlib"), duplex, node.HostObject(r))
		if err != nil {
			panic(err)
		}
		return classes.(*goja.Object)
	}).(*goja.Object)
}

func init() {
	for _, name := range []string{"CompressionStream", "DecompressionStream"} {
		node.RegisterGlobal(name, func(r *webapi.Realm) goja.Value { return compressionClasses(r).Get(name) })
	}
}
