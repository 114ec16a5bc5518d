// Package crypto is the Web Cryptography API (https://w3c.github.io/webcrypto/): the global
// `crypto` (a Crypto) with getRandomValues, randomUUID and `subtle` (a SubtleCrypto), and the
// CryptoKey class, implemented with Go's crypto packages.
//
// Supported, as in Node.js 20: digests SHA-1/256/384/512; HMAC; AES-CTR, AES-CBC, AES-GCM,
// AES-KW; RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP; ECDSA and ECDH on P-256, P-384, P-521; Ed25519
// and X25519; HKDF and PBKDF2; the raw, spki, pkcs8 and jwk formats. Ed448 and X448 are not
// (Go has no implementation); RSA keys below 1024 bits are refused by Go.
//
// The Go side (ops.go: Digest, Sign, ImportKey, ...) works on plain Go values and can be used
// without JavaScript; the SubtleCrypto bindings convert the arguments, run the operation on the
// event loop (RSA key generation on a goroutine) and settle the promise. Node.js 20 is the
// reference for behaviour the specification leaves open, error texts and the shapes of results.
package crypto

import (
	"crypto/rand"
	"fmt"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// Install defines the global `crypto` and the classes Crypto, SubtleCrypto and CryptoKey (whose
// constructors are illegal).
func Install(r *webapi.Realm) {
	s := classes(r)
	s.crypto.Global()
	s.subtle.Global()
	s.key.Global()
	get := webidl.Function(r.VM, "get crypto", 0, func(goja.FunctionCall) goja.Value { return s.cryptoObj })
	// An accessor, as in Node.js and browsers (Window's `crypto` attribute).
	r.VM.GlobalObject().DefineAccessorProperty("crypto", get, nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// realmState holds the classes and the two singletons of one realm.
type realmState struct {
	r *webapi.Realm

	crypto *webidl.Class[*cryptoState]
	subtle *webidl.Class[*subtleState]
	key    *webidl.Class[*keyState]

	cryptoObj, subtleObj *goja.Object
}

type (
	cryptoState struct{}
	subtleState struct{}
)

type stateKey struct{}

func classes(r *webapi.Realm) *realmState {
	return r.State(stateKey{}, func() any {
		s := &realmState{r: r}
		s.key = defineCryptoKey(s)
		s.subtle = defineSubtleCrypto(s)
		s.crypto = defineCrypto(s)
		s.subtleObj = s.subtle.Wrap(&subtleState{})
		s.cryptoObj = s.crypto.Wrap(&cryptoState{})
		return s
	}).(*realmState)
}

// defineCrypto is the Crypto interface. The members come in the IDL's order (subtle,
// getRandomValues, randomUUID), as in Node.js, so the methods are added after the accessor.
func defineCrypto(s *realmState) *webidl.Class[*cryptoState] {
	vm := s.r.VM
	c := webidl.Define(s.r, webidl.Spec[*cryptoState]{
		Name: "Crypto",
		Accessors: []webidl.Accessor[*cryptoState]{
			{Name: "subtle", Get: func(*cryptoState) goja.Value { return s.subtleObj }},
		},
	})
	method := func(name string, length int, fn func(call goja.FunctionCall) goja.Value) {
		f := webidl.Function(vm, name, length, func(call goja.FunctionCall) goja.Value {
			c.This(call.This)
			return fn(call)
		})
		c.Proto.DefineDataProperty(name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	method("getRandomValues", 1, s.getRandomValues)
	method("randomUUID", 0, func(goja.FunctionCall) goja.Value { return vm.ToValue(RandomUUID()) })
	return c
}

// maxRandomBytes is the quota of getRandomValues (its step 2).
const maxRandomBytes = 65536

// getRandomValues is Crypto.getRandomValues: it fills an integer typed array with random bytes and returns it.
func (s *realmState) getRandomValues(call goja.FunctionCall) goja.Value {
	vm := s.r.VM
	if len(call.Arguments) < 1 {
		panic(webidl.TypeError(vm, "Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present."))
	}
	v := call.Argument(0)
	// 1. Not an Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
	// Uint32Array, BigInt64Array or BigUint64Array: TypeMismatchError.
	integer := false
	if o, ok := v.(*goja.Object); ok && webidl.IsArrayBufferView(vm, o) {
		switch o.Export().(type) {
		case []uint8, []int8, []uint16, []int16, []uint32, []int32, []uint64, []int64:
			integer = true
		}
	}
	if !integer {
		dom.Throw(s.r, "The data argument must be an integer-type TypedArray", "TypeMismatchError")
	}
	b, _ := webidl.Bytes(vm, v)
	// 2. More than 65536 bytes: QuotaExceededError.
	if len(b) > maxRandomBytes {
		dom.Throw(s.r, "The requested length exceeds 65,536 bytes", "QuotaExceededError")
	}
	rand.Read(b)
	return v
}

// RandomUUID is crypto.randomUUID(): a version 4 UUID (RFC 9562 §5.4) in lower-case
// hexadecimal.
func RandomUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0F | 0x40
	b[8] = b[8]&0x3F | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
