// Package passwords provides, as host modules, the password-hashing npm packages a JavaScript-only
// runtime cannot run or runs slowly:
//
//   - bcrypt (https://www.npmjs.com/package/bcrypt, 6.x) and argon2 (https://www.npmjs.com/package/argon2,
//     0.4x) are native addons: their npm APIs are written here (bcrypt.js, argon2.js) over Go
//     implementations (eksBlowfish on golang.org/x/crypto/blowfish, golang.org/x/crypto/argon2);
//   - bcryptjs (https://www.npmjs.com/package/bcryptjs, 3.x) is pure JavaScript that goja runs ~250×
//     slower than Node: its API is reproduced in bcryptjs.js with the hash computed in Go ("accelerated";
//     engine.Options.NoAccelerate leaves the real package to run).
//
// The loader resolves the package names to these modules (loader/hostpackages.go); the async forms hash on
// their own goroutine and call back through webapi.Host.Reserve, so a hash never holds the worker's loop.
package passwords

import (
	_ "embed"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
)

var (
	//go:embed bcrypt.js
	bcryptJS string
	//go:embed bcryptjs.js
	bcryptjsJS string
	//go:embed argon2.js
	argon2JS string

	progMu sync.Mutex
	progs  = map[string]*goja.Program{}
)

func program(name, src string) *goja.Program {
	progMu.Lock()
	defer progMu.Unlock()
	p := progs[name]
	if p == nil {
		p = goja.MustCompile(name, "(function (host, binding) {\n"+src+"\n})", true)
		progs[name] = p
	}
	return p
}

func init() {
	for name, src := range map[string]string{"bcrypt": bcryptJS, "bcryptjs": bcryptjsJS, "argon2": argon2JS} {
		node.Register(name, func(r *webapi.Realm) goja.Value {
			fn, err := r.VM.RunProgram(program(name, src))
			if err != nil {
				panic(err)
			}
			call, _ := goja.AssertFunction(fn)
			v, err := call(goja.Undefined(), node.HostObject(r), binding(r))
			if err != nil {
				panic(err)
			}
			return v
		})
	}
}

type bindingKey struct{}

// binding is the Go half the three JS modules share, built once per realm.
func binding(r *webapi.Realm) *goja.Object {
	return r.State(bindingKey{}, func() any { return newBinding(r) }).(*goja.Object)
}

// later runs work on its own goroutine and delivers its result on the loop to done.
func later[T any](r *webapi.Realm, work func() (T, error), done func(T, error)) {
	complete := r.Host.Reserve()
	go func() {
		var v T
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					err = errorf("%v", p)
				}
			}()
			v, err = work()
		}()
		complete(func() { done(v, err) })
	}()
}

func newBinding(r *webapi.Realm) *goja.Object {
	vm := r.VM
	b := vm.NewObject()
	set := func(name string, fn func(goja.FunctionCall) goja.Value) { b.Set(name, fn) }
	callback := func(v goja.Value) goja.Callable {
		cb, ok := goja.AssertFunction(v)
		if !ok {
			panic(vm.NewTypeError("callback must be a function"))
		}
		return cb
	}
	call := func(cb goja.Callable, args ...goja.Value) {
		if _, err := cb(goja.Undefined(), args...); err != nil {
			panic(err)
		}
	}
	// jsErr is a plain Error, as the packages throw.
	jsErr := func(err error) goja.Value {
		ctor, _ := goja.AssertConstructor(vm.Get("Error"))
		o, e := ctor(nil, vm.ToValue(err.Error()))
		if e != nil {
			panic(e)
		}
		return o
	}
	// A sync hash stops when the JS it runs for is interrupted (its request ran past its time
	// limit); an async one, on its own goroutine, when the runtime is closed (rebuilt after an
	// interrupt, or at shutdown), so that no stopped request leaves a goroutine hashing for days.
	syncStop := r.Interrupted()
	var closed atomic.Bool
	r.OnClose(func() { closed.Store(true) })
	asyncStop := closed.Load
	// bytesOf: a string's UTF-8 bytes or a Buffer's (the addon's std::string of either).
	bytesOf := func(v goja.Value) []byte {
		if p, ok := buffer.Bytes(r, v); ok {
			return append([]byte(nil), p...)
		}
		return []byte(v.String())
	}

	// --- bcrypt (native addon) ---
	set("nativeSalt", func(c goja.FunctionCall) goja.Value {
		rounds := int(min(max(c.Argument(1).ToInteger(), 4), 31))
		return vm.ToValue(saltString(c.Argument(0).String()[0], rounds))
	})
	// nativeEncrypt(data, salt[, cb]): sync returns the hash or throws; async calls cb(err, hash).
	set("nativeEncrypt", func(c goja.FunctionCall) goja.Value {
		data, salt := bytesOf(c.Argument(0)), c.Argument(1).String()
		if goja.IsUndefined(c.Argument(2)) {
			st, err := parseNative(salt)
			if err != nil {
				panic(jsErr(err))
			}
			h, err := nativeHash(data, st, syncStop)
			if err != nil {
				panic(jsErr(err))
			}
			return vm.ToValue(h)
		}
		cb := callback(c.Argument(2))
		later(r, func() (string, error) {
			st, err := parseNative(salt)
			if err != nil {
				return "", err
			}
			return nativeHash(data, st, asyncStop)
		}, func(h string, err error) {
			if err != nil {
				call(cb, jsErr(err))
				return
			}
			call(cb, goja.Undefined(), vm.ToValue(h))
		})
		return goja.Undefined()
	})
	set("nativeCompare", func(c goja.FunctionCall) goja.Value {
		data, hash := bytesOf(c.Argument(0)), c.Argument(1).String()
		if goja.IsUndefined(c.Argument(2)) {
			ok, err := nativeCompare(data, hash, syncStop)
			if err != nil {
				panic(jsErr(err))
			}
			return vm.ToValue(ok)
		}
		cb := callback(c.Argument(2))
		later(r, func() (bool, error) { return nativeCompare(data, hash, asyncStop) }, func(ok bool, err error) {
			if err != nil {
				call(cb, jsErr(err))
				return
			}
			call(cb, goja.Undefined(), vm.ToValue(ok))
		})
		return goja.Undefined()
	})
	set("nativeRounds", func(c goja.FunctionCall) goja.Value { return vm.ToValue(nativeRounds(c.Argument(0).String())) })

	// --- bcryptjs (accelerated) ---
	set("jsSalt", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(bcryptB64.EncodeToString(newSalt()))
	})
	// jsHash(passwordUTF8, minor, rounds, saltChars[, cb]) after bcryptjs.js's checks of the setting.
	set("jsHash", func(c goja.FunctionCall) goja.Value {
		pw := bytesOf(c.Argument(0))
		minorS := c.Argument(1).String()
		var minor byte
		if minorS != "" {
			minor = minorS[0]
		}
		rounds := int(c.Argument(2).ToInteger())
		salt, err := jsSaltBytes(c.Argument(3).String())
		if err == nil && (rounds < 4 || rounds > 31) {
			err = errorf("Illegal number of rounds (4-31): %d", rounds)
		}
		if goja.IsUndefined(c.Argument(4)) {
			if err != nil {
				panic(jsErr(err))
			}
			h, err := bcryptjsHash(pw, minor, rounds, salt, syncStop)
			if err != nil {
				panic(jsErr(err))
			}
			return vm.ToValue(h)
		}
		cb := callback(c.Argument(4))
		if err != nil {
			later(r, func() (string, error) { return "", err }, func(_ string, err error) { call(cb, jsErr(err)) })
			return goja.Undefined()
		}
		later(r, func() (string, error) { return bcryptjsHash(pw, minor, rounds, salt, asyncStop) }, func(h string, err error) {
			if err != nil {
				call(cb, jsErr(err))
				return
			}
			call(cb, goja.Null(), vm.ToValue(h))
		})
		return goja.Undefined()
	})

	// --- argon2 (native addon) ---
	// argon2Hash(options, cb): cb(err, Buffer) with the raw hash.
	set("argon2Hash", func(c goja.FunctionCall) goja.Value {
		o := c.Argument(0).ToObject(vm)
		cb := callback(c.Argument(1))
		num := func(k string) uint32 {
			f := o.Get(k).ToFloat()
			if f < 0 || f != f {
				return 0
			}
			return uint32(f)
		}
		p := argon2Params{
			typ:         int(o.Get("type").ToInteger()),
			password:    bytesOf(o.Get("password")),
			salt:        bytesOf(o.Get("salt")),
			secret:      bytesOf(o.Get("secret")),
			data:        bytesOf(o.Get("data")),
			time:        num("t"),
			memory:      num("m"),
			parallelism: num("p"),
			hashLength:  num("hashLength"),
			version:     int(o.Get("version").ToInteger()),
		}
		later(r, func() ([]byte, error) { return argon2Key(p) }, func(sum []byte, err error) {
			if err != nil {
				call(cb, jsErr(err))
				return
			}
			call(cb, goja.Null(), buffer.New(r, sum))
		})
		return goja.Undefined()
	})
	return b
}
