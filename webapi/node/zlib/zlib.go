// Package zlib is node:zlib (Node 20, https://nodejs.org/docs/latest-v20.x/api/zlib.html) on Go's
// compress/flate, compress/gzip, compress/zlib and github.com/andybalholm/brotli: the Sync and
// callback forms of every format, crc32, the constants, and the stream classes (Gzip, Inflate...)
// built on node:stream's Transform when first used.
//
// Compressed bytes are Go's, not zlib's: valid deflate/gzip/brotli that any decompressor reads, but
// not byte-identical to Node's output (the headers are; Go also always uses a 32 KiB window, so
// windowBits below 15 only checks its range when compressing). Decompression reads Node-made data
// exactly. Stream decompression returns each chunk's output as the chunk is written (Go's readers cannot
// resume after running out of input, so each stream's decompressor runs on a goroutine of its own
// and every write waits until it has used the chunk: inflate_stream.go); stream compression
// emits as Go's compressor fills blocks.
package zlib

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/node/internal/errs"
)

var (
	//go:embed zlib.js
	source string
	//go:embed constants.json
	constantsJSON []byte

	programOnce sync.Once
	program     *goja.Program
)

func init() {
	node.Register("zlib", build)
}

func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	programOnce.Do(func() { program = goja.MustCompile("node:zlib", source, true) })
	fn, err := vm.RunProgram(program)
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	var consts map[string]any
	if err := json.Unmarshal(constantsJSON, &consts); err != nil {
		panic(err)
	}
	bufMod := node.Require(r, "buffer").(*goja.Object)
	ex, err := call(goja.Undefined(), newBinding(r), bufMod.Get("Buffer"), vm.ToValue(consts["constants"]), vm.ToValue(consts["codes"]))
	if err != nil {
		panic(err)
	}
	return ex
}

type binding struct {
	r   *webapi.Realm
	obj *goja.Object
}

// set defines a binding function; a stray Go panic becomes a JavaScript Error.
func (b *binding) set(name string, fn func(call goja.FunctionCall) goja.Value) {
	b.obj.Set(name, errs.Guard(b.r.VM, "zlib", name, fn))
}

func (b *binding) bytes(v goja.Value) []byte {
	bs, ok := buffer.Bytes(b.r, v)
	if !ok {
		panic(b.r.VM.NewTypeError("zlib: expected bytes"))
	}
	return bs
}

// errorValue is the JavaScript error for a zlib failure.
func (b *binding) errorValue(err error, max int) goja.Value {
	vm := b.r.VM
	if err == errTooLarge {
		return errs.New(b.r, "RangeError", "ERR_BUFFER_TOO_LARGE", fmt.Sprintf("Cannot create a Buffer larger than %d bytes", max))
	}
	ze, ok := err.(*zerr)
	if !ok {
		return vm.NewGoError(err)
	}
	o, _ := vm.New(vm.Get("Error"), vm.ToValue(ze.msg))
	o.Set("errno", ze.errno)
	o.Set("code", ze.code)
	return o
}

// optionsOf reads the options zlib.js passes: {level, strategy, dictionary, syncFlush,
// maxOutputLength, quality, lgwin}.
func (b *binding) optionsOf(v goja.Value) *options {
	o := &options{level: -1}
	obj, ok := v.(*goja.Object)
	if !ok {
		return o
	}
	num := func(name string) (int, bool) {
		x := obj.Get(name)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return 0, false
		}
		return int(x.ToInteger()), true
	}
	if n, ok := num("level"); ok {
		o.level = n
	}
	o.strategy, _ = num("strategy")
	if d := obj.Get("dictionary"); d != nil && !goja.IsUndefined(d) {
		o.dictionary = append([]byte(nil), b.bytes(d)...)
	}
	o.syncFlush = obj.Get("syncFlush") != nil && obj.Get("syncFlush").ToBoolean()
	o.maxOutput, _ = num("maxOutputLength")
	o.quality, o.hasQuality = num("quality")
	o.lgwin, o.hasLGWin = num("lgwin")
	return o
}

func run(mode string, in []byte, o *options) ([]byte, error) {
	if isCompress(mode) {
		return compress(mode, in, o)
	}
	return decompress(mode, in, o)
}

// stream is the Go state of a zlib stream object.
type stream struct {
	mode string
	opts *options
	out  bytes.Buffer
	w    io.WriteCloser // compression
	inf  *inflateHandle // decompression
	done bool
}

func newBinding(r *webapi.Realm) *goja.Object {
	vm := r.VM
	b := &binding{r: r, obj: vm.NewObject()}
	b.set("errs", func(call goja.FunctionCall) goja.Value {
		switch call.Argument(0).String() {
		case "type":
			var expected []string
			vm.ExportTo(call.Argument(2), &expected)
			return errs.InvalidArgType(r, call.Argument(1).String(), expected, call.Argument(3))
		case "range":
			return errs.OutOfRange(r, call.Argument(1).String(), call.Argument(2).String(), call.Argument(3))
		}
		return errs.New(r, call.Argument(1).String(), call.Argument(2).String(), call.Argument(3).String())
	})
	// sync(mode, data, options) → Buffer, or throws the zlib error.
	b.set("sync", func(call goja.FunctionCall) goja.Value {
		o := b.optionsOf(call.Argument(2))
		out, err := run(call.Argument(0).String(), b.bytes(call.Argument(1)), o)
		if err != nil {
			panic(b.errorValue(err, o.maxOutput))
		}
		return buffer.New(r, out)
	})
	// async(mode, data, options, callback(err, Buffer)): the work on a goroutine.
	b.set("async", func(call goja.FunctionCall) goja.Value {
		mode := call.Argument(0).String()
		in := append([]byte(nil), b.bytes(call.Argument(1))...)
		o := b.optionsOf(call.Argument(2))
		cb, _ := goja.AssertFunction(call.Argument(3))
		complete := r.Host.Reserve()
		go func() {
			out, err := func() (out []byte, err error) {
				// A goroutine's panic would end the process: a decompressor's is an error.
				defer func() {
					if x := recover(); x != nil {
						err = &zerr{fmt.Sprint(x), "Z_DATA_ERROR", -3}
					}
				}()
				return run(mode, in, o)
			}()
			complete(func() {
				var res []goja.Value
				if err != nil {
					res = []goja.Value{b.errorValue(err, o.maxOutput)}
				} else {
					res = []goja.Value{goja.Null(), buffer.New(r, out)}
				}
				if _, err := cb(goja.Undefined(), res...); err != nil {
					panic(err)
				}
			})
		}()
		return goja.Undefined()
	})
	b.set("crc32", func(call goja.FunctionCall) goja.Value {
		init := uint32(call.Argument(1).ToInteger())
		return vm.ToValue(crc32.Update(init, crc32.IEEETable, b.bytes(call.Argument(0))))
	})
	// Streams: streamNew(mode, options) → handle; streamWrite(h, chunk, flush) → Buffer;
	// streamEnd(h) → Buffer.
	b.set("streamNew", func(call goja.FunctionCall) goja.Value {
		s := &stream{mode: call.Argument(0).String(), opts: b.optionsOf(call.Argument(1))}
		if isCompress(s.mode) {
			w, err := newCompressor(s.mode, &s.out, s.opts)
			if err != nil {
				panic(b.errorValue(err, 0))
			}
			s.w = w
		} else {
			s.inf = newInflateHandle(s.mode, s.opts)
		}
		return vm.ToValue(s)
	})
	drain := func(s *stream) goja.Value {
		out := append([]byte(nil), s.out.Bytes()...)
		s.out.Reset()
		return buffer.New(r, out)
	}
	b.set("streamWrite", func(call goja.FunctionCall) goja.Value {
		s := call.Argument(0).Export().(*stream)
		chunk := b.bytes(call.Argument(1))
		if s.inf != nil {
			out, err, _ := s.inf.f.step(chunk, false)
			if err != nil {
				panic(b.errorValue(err, s.opts.maxOutput))
			}
			return buffer.New(r, out)
		}
		if _, err := s.w.Write(chunk); err != nil {
			panic(b.errorValue(err, 0))
		}
		if call.Argument(2).ToBoolean() {
			if f, ok := s.w.(interface{ Flush() error }); ok {
				f.Flush()
			}
		}
		return drain(s)
	})
	b.set("streamEnd", func(call goja.FunctionCall) goja.Value {
		s := call.Argument(0).Export().(*stream)
		if s.done {
			return buffer.New(r, nil)
		}
		s.done = true
		if s.inf != nil {
			out, err, _ := s.inf.f.step(nil, true)
			if err != nil {
				panic(b.errorValue(err, s.opts.maxOutput))
			}
			return buffer.New(r, out)
		}
		if err := s.w.Close(); err != nil {
			panic(b.errorValue(err, 0))
		}
		return drain(s)
	})
	b.set("streamAbort", func(call goja.FunctionCall) goja.Value {
		if s, ok := call.Argument(0).Export().(*stream); ok && s.inf != nil {
			s.inf.f.abort()
		}
		return goja.Undefined()
	})
	b.set("require", func(call goja.FunctionCall) goja.Value { return node.Require(r, call.Argument(0).String()) })
	b.set("provided", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(slices.Contains(node.Registered(), call.Argument(0).String()))
	})
	return b.obj
}
