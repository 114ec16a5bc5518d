// Package crypto is node:crypto (Node 20, https://nodejs.org/docs/latest-v20.x/api/crypto.html)
// on Go's crypto packages: hashes and HMAC, randomness, pbkdf2/scrypt/hkdf, AES and ChaCha20
// ciphers, KeyObject from PEM/DER/JWK, signatures, key generation, RSA encryption, ECDH, primes
// and X509Certificate. Like node:buffer, the classes and argument checks are a JavaScript file
// (crypto.js, keys.js) run once per runtime on first import, and every byte of work is Go. The
// WebCrypto objects are the global crypto's (webapi/crypto). Hash, Hmac and the ciphers are
// LazyTransforms and Sign/Verify Writables where node:stream is provided.
//
// Not provided: DiffieHellman (createDiffieHellman, getDiffieHellman), Certificate (SPKAC),
// privateEncrypt/publicDecrypt, encrypted PEM keys and passphrases, DSA, RSA-PSS, Ed448/X448 key
// types, RSA public exponents other than 65537, secp256k1; each throws ERR_NOT_SUPPORTED naming
// the feature (or Node's invalid-curve error).
package crypto

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding"
	"fmt"
	"hash"
	"math/big"
	"slices"
	"strings"
	"sync"

	"github.com/dop251/goja"
	"golang.org/x/crypto/scrypt"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	wcrypto "github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/node/internal/errs"
)

var (
	//go:embed crypto.js
	cryptoJS string
	//go:embed keys.js
	keysJS string

	programOnce sync.Once
	program     *goja.Program
)

func compiled() *goja.Program {
	programOnce.Do(func() {
		src := cryptoJS
		// keys.js is the KeyObject half of the same closure, kept in its own file.
		const mark = "//#KEYS#"
		src = strings.Replace(src, mark, keysJS, 1)
		program = goja.MustCompile("node:crypto", src, true)
	})
	return program
}

func init() {
	node.Register("crypto", build)
}

func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	fn, err := vm.RunProgram(compiled())
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	bufMod := node.Require(r, "buffer").(*goja.Object)
	sd := node.Require(r, "string_decoder").(*goja.Object)
	ex, err := call(goja.Undefined(), newBinding(r), bufMod.Get("Buffer"), sd.Get("StringDecoder"), vm.Get("crypto"))
	if err != nil {
		panic(err)
	}
	return ex
}

// binding is the Go side buffer.js-style: a plain object of functions.
type binding struct {
	r   *webapi.Realm
	obj *goja.Object
}

// set defines one binding function. A Go panic that is not a JavaScript value (a bug, or a Go
// library refusing its input) becomes a JavaScript Error instead of escaping the runtime.
func (b *binding) set(name string, fn func(call goja.FunctionCall) goja.Value) {
	b.obj.Set(name, errs.Guard(b.r.VM, "crypto", name, fn))
}

func (b *binding) bytes(v goja.Value) []byte {
	bs, ok := buffer.Bytes(b.r, v)
	if !ok {
		panic(b.r.VM.NewTypeError("crypto: expected bytes"))
	}
	return bs
}

// copyBytes is bytes(v) copied, for work that outlives the call (a goroutine, a key).
func (b *binding) copyBytes(v goja.Value) []byte { return append([]byte(nil), b.bytes(v)...) }

func (b *binding) buf(p []byte) goja.Value { return buffer.New(b.r, p) }

// throw panics with a Node error.
func (b *binding) throw(ctor, code, format string, args ...any) {
	panic(console.NodeError(b.r, ctor, code, format, args...))
}

func (b *binding) throwCipher(e error) {
	ce, ok := e.(*cipherError)
	if !ok {
		panic(b.r.VM.NewGoError(e))
	}
	var o *goja.Object
	if ce.code == "" {
		o, _ = b.r.VM.New(b.r.VM.Get(ce.ctor), b.r.VM.ToValue(ce.msg))
	} else {
		o = console.NodeError(b.r, ce.ctor, ce.code, "%s", ce.msg)
	}
	if ce.openssl {
		o.Set("library", "Provider routines")
		o.Set("reason", ce.msg[len("error:1C800064:Provider routines::"):])
	}
	panic(o)
}

func newBinding(r *webapi.Realm) *goja.Object {
	vm := r.VM
	b := &binding{r: r, obj: vm.NewObject()}
	b.set("err", func(call goja.FunctionCall) goja.Value {
		return errs.New(r, call.Argument(0).String(), call.Argument(1).String(), call.Argument(2).String())
	})
	b.set("invalidArgType", func(call goja.FunctionCall) goja.Value {
		var expected []string
		vm.ExportTo(call.Argument(1), &expected)
		return errs.InvalidArgType(r, call.Argument(0).String(), expected, call.Argument(2))
	})
	b.set("outOfRange", func(call goja.FunctionCall) goja.Value {
		return errs.OutOfRange(r, call.Argument(0).String(), call.Argument(1).String(), call.Argument(2))
	})
	b.set("provided", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(slices.Contains(node.Registered(), call.Argument(0).String()))
	})
	b.set("require", func(call goja.FunctionCall) goja.Value { return node.Require(r, call.Argument(0).String()) })
	b.set("inspect", func(call goja.FunctionCall) goja.Value { return vm.ToValue(console.Inspect(r, call.Argument(0))) })
	// unsupported(fn, what): ERR_NOT_SUPPORTED for one feature of a provided function.
	b.set("unsupported", func(call goja.FunctionCall) goja.Value {
		return console.NodeError(r, "Error", "ERR_NOT_SUPPORTED", "node:crypto %s() with %s is not supported by jsroute", call.Argument(0).String(), call.Argument(1).String())
	})
	b.set("unsupportedExport", func(call goja.FunctionCall) goja.Value {
		return node.NotSupported(r, "crypto", call.Argument(0).String())
	})
	// defer(fn) calls fn on a later turn of the loop, as Node's thread-pool callbacks arrive.
	b.set("defer", func(call goja.FunctionCall) goja.Value {
		fn, _ := goja.AssertFunction(call.Argument(0))
		complete := r.Host.Reserve()
		complete(func() {
			if _, err := fn(goja.Undefined()); err != nil {
				panic(err)
			}
		})
		return goja.Undefined()
	})
	b.hashes()
	b.random()
	b.kdf()
	b.ciphers()
	b.keys()
	b.ecdh()
	b.primes()
	b.x509()
	b.obj.Set("constants", constants(vm))
	return b.obj
}

// async(op, args, callback) runs a key derivation on its own goroutine and calls back
// callback(null, Buffer) on the loop.
func (b *binding) async(run func() ([]byte, error), callback goja.Value) {
	vm := b.r.VM
	cb, _ := goja.AssertFunction(callback)
	complete := b.r.Host.Reserve()
	go func() {
		out, err := recovered(run)
		complete(func() {
			var res goja.Value
			if err != nil {
				res = vm.NewGoError(err)
				_, e := cb(goja.Undefined(), res)
				if e != nil {
					panic(e)
				}
				return
			}
			if _, e := cb(goja.Undefined(), goja.Null(), b.buf(out)); e != nil {
				panic(e)
			}
		})
	}()
}

// recovered runs work off the loop, turning a panic (a Go library refusing its input) into an
// error: a goroutine's panic would end the process.
func recovered[T any](work func() (T, error)) (out T, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%v", x)
		}
	}()
	return work()
}

// --- hashes -------------------------------------------------------------------------------------

type hashState struct {
	d    *digestInfo
	h    hash.Hash
	done bool
	// seen keeps the input of a hash Go cannot snapshot (RIPEMD-160), so copy() can replay it.
	seen    []byte
	replays bool
}

func newHashState(d *digestInfo, h hash.Hash) *hashState {
	_, marshals := h.(encoding.BinaryMarshaler)
	switch h.(type) {
	case *shakeHash, *md5sha1:
		marshals = true
	}
	return &hashState{d: d, h: h, replays: !marshals}
}

func (b *binding) hashes() {
	vm := b.r.VM
	state := func(v goja.Value) *hashState { return v.Export().(*hashState) }
	b.set("digestKnown", func(call goja.FunctionCall) goja.Value {
		d := lookupDigest(call.Argument(0).String())
		return vm.ToValue(d != nil && d.xof == 0)
	})
	b.set("hashExists", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(lookupDigest(call.Argument(0).String()) != nil)
	})
	b.set("digestSize", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(lookupDigest(call.Argument(0).String()).new().Size())
	})
	b.set("hashNames", func(goja.FunctionCall) goja.Value { return vm.ToValue(append([]string(nil), hashNames...)) })
	b.set("hashNew", func(call goja.FunctionCall) goja.Value {
		d := lookupDigest(call.Argument(0).String())
		if d == nil {
			o, _ := vm.New(vm.Get("Error"), vm.ToValue("Digest method not supported"))
			panic(o)
		}
		out := int(call.Argument(1).ToInteger())
		if out >= 0 && d.xof == 0 && out != d.new().Size() {
			b.throw("Error", "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH", "error:030000B2:digital envelope routines::not XOF or invalid length")
		}
		return vm.ToValue(newHashState(d, d.newHash(out)))
	})
	b.set("hashCopy", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		if s.replays {
			h := s.d.new()
			h.Write(s.seen)
			return vm.ToValue(&hashState{d: s.d, h: h, replays: true, seen: append([]byte(nil), s.seen...)})
		}
		h, err := cloneHash(s.d, s.h)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		if sh, ok := h.(*shakeHash); ok {
			sh.out = s.d.xof // a copy without outputLength has the default length again
			if out := int(call.Argument(1).ToInteger()); out >= 0 {
				sh.out = out
			}
		}
		return vm.ToValue(&hashState{d: s.d, h: h})
	})
	b.set("hashUpdate", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		data := b.bytes(call.Argument(1))
		s.h.Write(data)
		if s.replays {
			s.seen = append(s.seen, data...)
		}
		return goja.Undefined()
	})
	b.set("hashFinal", func(call goja.FunctionCall) goja.Value { return vm.ToValue(state(call.Argument(0)).done) })
	b.set("hashDigest", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		s.done = true
		return b.buf(s.h.Sum(nil))
	})
	b.set("hmacNew", func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		d := lookupDigest(name)
		if d == nil {
			b.throw("TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: %s", name)
		}
		if d.xof > 0 { // OpenSSL's HMAC refuses an XOF without a reason
			o, _ := vm.New(vm.Get("Error"), vm.ToValue("error:00000000:lib(0)::reason(0)"))
			panic(o)
		}
		key := b.copyBytes(call.Argument(1))
		return vm.ToValue(&hashState{d: d, h: hmac.New(d.new, key)})
	})
}

// --- randomness ---------------------------------------------------------------------------------

func (b *binding) random() {
	vm := b.r.VM
	b.set("randomFill", func(call goja.FunctionCall) goja.Value {
		bs := b.bytes(call.Argument(0))
		off, n := int(call.Argument(1).ToInteger()), int(call.Argument(2).ToInteger())
		rand.Read(bs[off : off+n])
		return goja.Undefined()
	})
	// randomUint(range) is a uniform integer in [0, range), range ≤ 2**48.
	b.set("randomUint", func(call goja.FunctionCall) goja.Value {
		n, err := rand.Int(rand.Reader, big.NewInt(call.Argument(0).ToInteger()))
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return vm.ToValue(n.Int64())
	})
	b.set("randomUUID", func(goja.FunctionCall) goja.Value { return vm.ToValue(wcrypto.RandomUUID()) })
	b.set("timingSafeEqual", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(subtle.ConstantTimeCompare(b.bytes(call.Argument(0)), b.bytes(call.Argument(1))) == 1)
	})
}

// --- key derivation -----------------------------------------------------------------------------

func pbkdf2Key(pass, salt []byte, iter, keylen int, digest string) ([]byte, error) {
	if keylen == 0 {
		return []byte{}, nil
	}
	return pbkdf2.Key(lookupDigest(digest).new, string(pass), salt, iter, keylen)
}

func hkdfKey(digest string, ikm, salt, info []byte, n int) ([]byte, error) {
	if n == 0 {
		return []byte{}, nil
	}
	return hkdf.Key(lookupDigest(digest).new, ikm, salt, string(info), n)
}

// scryptCheck words OpenSSL's refusals of scrypt parameters ("" when they are fine).
func scryptCheck(n, r, p, maxmem int64) string {
	if n < 2 || n&(n-1) != 0 || r*p >= 1<<30 {
		return "-" // OpenSSL refuses without queuing an error: Node says only "Invalid scrypt params"
	}
	if 128*n*r+128*r*p > maxmem {
		return "error:030000AC:digital envelope routines::memory limit exceeded"
	}
	return ""
}

func (b *binding) kdf() {
	vm := b.r.VM
	ints := func(call goja.FunctionCall, from int) []int {
		out := []int{}
		for i := from; i < len(call.Arguments); i++ {
			out = append(out, int(call.Arguments[i].ToInteger()))
		}
		return out
	}
	pb := func(call goja.FunctionCall) func() ([]byte, error) {
		pass, salt := b.copyBytes(call.Argument(0)), b.copyBytes(call.Argument(1))
		iter, keylen, digest := int(call.Argument(2).ToInteger()), int(call.Argument(3).ToInteger()), call.Argument(4).String()
		return func() ([]byte, error) { return pbkdf2Key(pass, salt, iter, keylen, digest) }
	}
	sc := func(call goja.FunctionCall) func() ([]byte, error) {
		pass, salt := b.copyBytes(call.Argument(0)), b.copyBytes(call.Argument(1))
		v := ints(call, 2) // keylen, N, r, p
		return func() ([]byte, error) {
			if v[0] == 0 {
				return []byte{}, nil
			}
			return scrypt.Key(pass, salt, v[1], v[2], v[3], v[0])
		}
	}
	hk := func(call goja.FunctionCall) func() ([]byte, error) {
		digest := call.Argument(0).String()
		ikm, salt, info := b.copyBytes(call.Argument(1)), b.copyBytes(call.Argument(2)), b.copyBytes(call.Argument(3))
		n := int(call.Argument(4).ToInteger())
		return func() ([]byte, error) { return hkdfKey(digest, ikm, salt, info, n) }
	}
	sync := func(run func() ([]byte, error)) goja.Value {
		out, err := run()
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return b.buf(out)
	}
	b.set("pbkdf2", func(call goja.FunctionCall) goja.Value { return sync(pb(call)) })
	b.set("scrypt", func(call goja.FunctionCall) goja.Value { return sync(sc(call)) })
	b.set("hkdf", func(call goja.FunctionCall) goja.Value { return sync(hk(call)) })
	b.set("scryptCheck", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(scryptCheck(call.Argument(0).ToInteger(), call.Argument(1).ToInteger(), call.Argument(2).ToInteger(), call.Argument(3).ToInteger()))
	})
	// async(op, [args...], callback)
	b.set("async", func(call goja.FunctionCall) goja.Value {
		var args []goja.Value
		vm.ExportTo(call.Argument(1), &args)
		inner := goja.FunctionCall{This: goja.Undefined(), Arguments: args}
		var run func() ([]byte, error)
		switch call.Argument(0).String() {
		case "pbkdf2":
			run = pb(inner)
		case "scrypt":
			run = sc(inner)
		case "hkdf":
			run = hk(inner)
		}
		b.async(run, call.Argument(2))
		return goja.Undefined()
	})
}

// --- ciphers ------------------------------------------------------------------------------------

func (b *binding) ciphers() {
	vm := b.r.VM
	state := func(v goja.Value) *cipherState { return v.Export().(*cipherState) }
	b.set("cipherNames", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(append([]string(nil), cipherNames...))
	})
	b.set("cipherNew", func(call goja.FunctionCall) goja.Value {
		info := lookupCipher(call.Argument(0).String())
		if info == nil {
			b.throw("Error", "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher")
		}
		key := b.bytes(call.Argument(1))
		var iv []byte
		if !goja.IsNull(call.Argument(2)) {
			iv = b.bytes(call.Argument(2))
		}
		tagLen := int(call.Argument(4).ToInteger())
		if info.mode != "gcm" && info.name != "chacha20-poly1305" {
			tagLen = 0 // only the AEADs read authTagLength
		}
		if tagLen != 0 && (tagLen < 4 || tagLen > 16 || (tagLen < 12 && tagLen != 4 && tagLen != 8)) {
			b.throw("TypeError", "ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: %d", tagLen)
		}
		c, err := newCipher(info, key, iv, call.Argument(3).ToBoolean(), tagLen)
		if err != nil {
			b.throwCipher(err)
		}
		return vm.ToValue(c)
	})
	b.set("cipherUpdate", func(call goja.FunctionCall) goja.Value {
		out, err := state(call.Argument(0)).update(b.bytes(call.Argument(1)))
		if err != nil {
			b.throwCipher(err)
		}
		return b.buf(out)
	})
	b.set("cipherFinal", func(call goja.FunctionCall) goja.Value {
		out, err := state(call.Argument(0)).final()
		if err != nil {
			b.throwCipher(err)
		}
		return b.buf(out)
	})
	b.set("cipherGetTag", func(call goja.FunctionCall) goja.Value {
		c := state(call.Argument(0))
		if c.decrypt || !c.finished || c.tag == nil {
			return goja.Undefined()
		}
		return b.buf(append([]byte(nil), c.tag...))
	})
	// cipherSet(state, what, value): false when the state does not allow it, a string for a
	// bad tag length.
	b.set("cipherSet", func(call goja.FunctionCall) goja.Value {
		c := state(call.Argument(0))
		if c.finished {
			return vm.ToValue(false)
		}
		switch call.Argument(1).String() {
		case "padding":
			if c.mode == nil {
				return vm.ToValue(true) // stream modes ignore it
			}
			c.padding = call.Argument(2).ToBoolean()
		case "aad":
			if c.aead == nil || c.updated {
				return vm.ToValue(false)
			}
			c.aad = append(c.aad, b.bytes(call.Argument(2))...)
		case "tag":
			if c.aead == nil || !c.decrypt || c.tag != nil {
				return vm.ToValue(false)
			}
			tag := b.copyBytes(call.Argument(2))
			n := len(tag)
			if (c.tagLen != 16 && n != c.tagLen) || n < 4 || n > 16 || (n < 12 && n != 4 && n != 8) {
				return vm.ToValue(fmt.Sprintf("Invalid authentication tag length: %d", n))
			}
			c.tag = tag
		}
		return vm.ToValue(true)
	})
	b.set("cipherInfo", func(call goja.FunctionCall) goja.Value {
		var info *cipherInfo
		if n, ok := call.Argument(0).Export().(int64); ok {
			for _, c := range ciphers {
				if int64(c.nid) == n {
					info = c
				}
			}
		} else {
			info = lookupCipher(call.Argument(0).String())
		}
		if info == nil {
			return goja.Undefined()
		}
		if kl := call.Argument(1); !goja.IsUndefined(kl) && int(kl.ToInteger()) != info.keyLen {
			return goja.Undefined()
		}
		ivLen := info.ivLen
		if il := call.Argument(2); !goja.IsUndefined(il) && int(il.ToInteger()) != info.ivLen {
			if info.mode != "gcm" {
				return goja.Undefined()
			}
			ivLen = int(il.ToInteger()) // GCM takes any IV length
		}
		o := vm.NewObject()
		o.Set("mode", info.mode)
		o.Set("name", info.name)
		o.Set("nid", info.nid)
		if info.blockSize > 0 {
			o.Set("blockSize", info.blockSize)
		}
		if ivLen > 0 {
			o.Set("ivLength", ivLen)
		}
		o.Set("keyLength", info.keyLen)
		return o
	})
}
