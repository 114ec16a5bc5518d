package crypto

import (
	"errors"
	"math"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// subtleMethod is one SubtleCrypto operation: its name, length (as in Node.js 20), the number of
// arguments WebIDL requires, and the Go work, which returns the value to resolve the promise
// with or the error to reject it with.
type subtleMethod struct {
	name     string
	length   int
	required int
	fn       func(s *realmState, args []goja.Value) (goja.Value, error)
}

// subtleMethods are the methods of the SubtleCrypto interface, in Node.js's order.
func subtleMethods() []subtleMethod {
	return []subtleMethod{
		{"encrypt", 3, 3, subtleEncrypt},
		{"decrypt", 3, 3, subtleDecrypt},
		{"sign", 3, 3, subtleSign},
		{"verify", 4, 4, subtleVerify},
		{"digest", 2, 2, subtleDigest},
		{"generateKey", 3, 3, subtleGenerateKey},
		{"deriveKey", 5, 5, subtleDeriveKey},
		{"deriveBits", 2, 2, subtleDeriveBits},
		{"importKey", 5, 5, subtleImportKey},
		{"exportKey", 2, 2, subtleExportKey},
		{"wrapKey", 4, 4, subtleWrapKey},
		{"unwrapKey", 7, 7, subtleUnwrapKey},
	}
}

// defineSubtleCrypto is the SubtleCrypto interface. Its methods return promises, so even a
// wrong `this` or a bad argument rejects instead of throwing (WebIDL: an operation returning a
// promise turns exceptions into rejections); the class table's methods would throw, so they are
// defined here.
func defineSubtleCrypto(s *realmState) *webidl.Class[*subtleState] {
	c := webidl.Define(s.r, webidl.Spec[*subtleState]{Name: "SubtleCrypto"})
	for _, m := range subtleMethods() {
		f := webidl.Function(s.r.VM, m.name, m.length, s.promise(m))
		c.Proto.DefineDataProperty(m.name, f, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	return c
}

// promise runs a method and settles the promise it returns with the outcome.
func (s *realmState) promise(m subtleMethod) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		vm := s.r.VM
		p, resolve, reject := vm.NewPromise()
		var v goja.Value
		var err error
		ex := vm.Try(func() {
			if _, ok := s.subtle.Unwrap(call.This); !ok {
				err = errorf(TypeError, `Value of "this" must be of type SubtleCrypto`)
			} else if err = requireArgs(call, m.required, m.name); err == nil {
				v, err = m.fn(s, call.Arguments)
			}
		})
		switch {
		case ex != nil:
			reject(ex.Value())
		case err != nil:
			reject(s.errorValue(err))
		default:
			resolve(v)
		}
		return vm.ToValue(p)
	}
}

// errorValue is the JavaScript error of a failed operation: a TypeError or a DOMException.
func (s *realmState) errorValue(err error) goja.Value {
	var e *Error
	if !errors.As(err, &e) {
		e = opFailed()
	}
	if e.Name == TypeError {
		return webidl.TypeError(s.r.VM, "%s", e.Message)
	}
	return dom.NewDOMException(s.r, e.Message, e.Name)
}

func (s *realmState) arrayBuffer(b []byte) goja.Value {
	return s.r.VM.ToValue(s.r.VM.NewArrayBuffer(b))
}

// keyValue is a new CryptoKey, or a CryptoKeyPair dictionary with the members in Node.js's
// order.
func (s *realmState) keyValue(k *Key, pair *KeyPair) goja.Value {
	if pair == nil {
		return NewCryptoKey(s.r, k)
	}
	o := s.r.VM.NewObject()
	o.Set("publicKey", NewCryptoKey(s.r, pair.PublicKey))
	o.Set("privateKey", NewCryptoKey(s.r, pair.PrivateKey))
	return o
}

// §14.3.1 encrypt(algorithm, key, data) and §14.3.2 decrypt.
func subtleEncrypt(s *realmState, args []goja.Value) (goja.Value, error) {
	return s.cipher("encrypt", opEncrypt, Encrypt, args)
}

func subtleDecrypt(s *realmState, args []goja.Value) (goja.Value, error) {
	return s.cipher("decrypt", opDecrypt, Decrypt, args)
}

func (s *realmState) cipher(method, op string, run func(*Params, *Key, []byte) ([]byte, error), args []goja.Value) (goja.Value, error) {
	key, err := s.keyArg(args[1], 2, method)
	if err != nil {
		return nil, err
	}
	data, err := s.bufferArg(args[2], 3, method)
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[0], op)
	if err != nil {
		return nil, err
	}
	out, err := run(p, key, data)
	if err != nil {
		return nil, err
	}
	return s.arrayBuffer(out), nil
}

// §14.3.3 sign(algorithm, key, data).
func subtleSign(s *realmState, args []goja.Value) (goja.Value, error) {
	return s.cipher("sign", opSign, Sign, args)
}

// §14.3.4 verify(algorithm, key, signature, data).
func subtleVerify(s *realmState, args []goja.Value) (goja.Value, error) {
	key, err := s.keyArg(args[1], 2, "verify")
	if err != nil {
		return nil, err
	}
	sig, err := s.bufferArg(args[2], 3, "verify")
	if err != nil {
		return nil, err
	}
	data, err := s.bufferArg(args[3], 4, "verify")
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[0], opVerify)
	if err != nil {
		return nil, err
	}
	ok, err := Verify(p, key, sig, data)
	if err != nil {
		return nil, err
	}
	return s.r.VM.ToValue(ok), nil
}

// §14.3.5 digest(algorithm, data).
func subtleDigest(s *realmState, args []goja.Value) (goja.Value, error) {
	data, err := s.bufferArg(args[1], 2, "digest")
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[0], opDigest)
	if err != nil {
		return nil, err
	}
	out, err := Digest(p, data)
	if err != nil {
		return nil, err
	}
	return s.arrayBuffer(out), nil
}

// §14.3.6 generateKey(algorithm, extractable, keyUsages). RSA keys take tens to hundreds of
// milliseconds to make, so they are made on a goroutine and the promise settles on the loop.
func subtleGenerateKey(s *realmState, args []goja.Value) (goja.Value, error) {
	extractable := args[1].ToBoolean()
	usages, err := s.usagesArg(args[2], 3, "generateKey")
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[0], opGenerateKey)
	if err != nil {
		return nil, err
	}
	if p.Name == RSASSAPKCS1v15 || p.Name == RSAPSS || p.Name == RSAOAEP {
		promise, resolve, reject := s.r.VM.NewPromise()
		complete := s.r.Host.Reserve()
		go func() {
			k, pair, err := GenerateKey(p, extractable, usages)
			complete(func() {
				if err != nil {
					reject(s.errorValue(err))
					return
				}
				resolve(s.keyValue(k, pair))
			})
		}()
		return s.r.VM.ToValue(promise), nil
	}
	k, pair, err := GenerateKey(p, extractable, usages)
	if err != nil {
		return nil, err
	}
	return s.keyValue(k, pair), nil
}

// §14.3.7 deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages).
func subtleDeriveKey(s *realmState, args []goja.Value) (goja.Value, error) {
	base, err := s.keyArg(args[1], 2, "deriveKey")
	if err != nil {
		return nil, err
	}
	extractable := args[3].ToBoolean()
	usages, err := s.usagesArg(args[4], 5, "deriveKey")
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[0], opDeriveBits)
	if err != nil {
		return nil, err
	}
	importParams, err := s.normalize(args[2], opImportKey)
	if err != nil {
		return nil, err
	}
	lengthParams, err := s.normalize(args[2], opGetKeyLength)
	if err != nil {
		return nil, err
	}
	k, err := DeriveKey(p, base, importParams, lengthParams, extractable, usages)
	if err != nil {
		return nil, err
	}
	return NewCryptoKey(s.r, k), nil
}

// §14.3.8 deriveBits(algorithm, baseKey, length): length is `optional unsigned long? = null`.
func subtleDeriveBits(s *realmState, args []goja.Value) (goja.Value, error) {
	base, err := s.keyArg(args[1], 2, "deriveBits")
	if err != nil {
		return nil, err
	}
	length := NoLength
	if len(args) > 2 && !webidl.IsNullish(args[2]) {
		length = int(toUint32(args[2]))
	}
	p, err := s.normalize(args[0], opDeriveBits)
	if err != nil {
		return nil, err
	}
	out, err := DeriveBits(p, base, length)
	if err != nil {
		return nil, err
	}
	return s.arrayBuffer(out), nil
}

// toUint32 is the WebIDL unsigned long conversion without [EnforceRange]: ToNumber, truncated,
// modulo 2^32; NaN and infinities are 0.
func toUint32(v goja.Value) uint32 {
	f := v.ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	f = math.Mod(math.Trunc(f), 1<<32)
	if f < 0 {
		f += 1 << 32
	}
	return uint32(f)
}

// §14.3.9 importKey(format, keyData, algorithm, extractable, keyUsages).
func subtleImportKey(s *realmState, args []goja.Value) (goja.Value, error) {
	format, err := s.formatArg(args[0], "importKey")
	if err != nil {
		return nil, err
	}
	var data []byte
	var jwk *JWK
	if format == FormatJWK {
		jwk, err = s.jwkArg(args[1], 2, "importKey")
	} else {
		data, err = s.bufferArg(args[1], 2, "importKey")
	}
	if err != nil {
		return nil, err
	}
	extractable := args[3].ToBoolean()
	usages, err := s.usagesArg(args[4], 5, "importKey")
	if err != nil {
		return nil, err
	}
	p, err := s.normalize(args[2], opImportKey)
	if err != nil {
		return nil, err
	}
	k, err := ImportKey(format, data, jwk, p, extractable, usages)
	if err != nil {
		return nil, err
	}
	return NewCryptoKey(s.r, k), nil
}

// §14.3.10 exportKey(format, key).
func subtleExportKey(s *realmState, args []goja.Value) (goja.Value, error) {
	format, err := s.formatArg(args[0], "exportKey")
	if err != nil {
		return nil, err
	}
	key, err := s.keyArg(args[1], 2, "exportKey")
	if err != nil {
		return nil, err
	}
	data, jwk, err := ExportKey(format, key)
	if err != nil {
		return nil, err
	}
	if jwk != nil {
		return s.jwkValue(jwk), nil
	}
	return s.arrayBuffer(data), nil
}

// normalizeWrap normalizes a wrapping algorithm for op ("wrapKey" or "unwrapKey") or, failing
// that, for its fallback ("encrypt" or "decrypt"): §14.3.11 steps 4–5.
func (s *realmState) normalizeWrap(v goja.Value, op, fallback string) (*Params, error) {
	if p, err := s.normalize(v, op); err == nil {
		return p, nil
	}
	return s.normalize(v, fallback)
}

// §14.3.11 wrapKey(format, key, wrappingKey, wrapAlgorithm).
func subtleWrapKey(s *realmState, args []goja.Value) (goja.Value, error) {
	format, err := s.formatArg(args[0], "wrapKey")
	if err != nil {
		return nil, err
	}
	key, err := s.keyArg(args[1], 2, "wrapKey")
	if err != nil {
		return nil, err
	}
	wrappingKey, err := s.keyArg(args[2], 3, "wrapKey")
	if err != nil {
		return nil, err
	}
	p, err := s.normalizeWrap(args[3], opWrapKey, opEncrypt)
	if err != nil {
		return nil, err
	}
	out, err := WrapKey(format, key, wrappingKey, p)
	if err != nil {
		return nil, err
	}
	return s.arrayBuffer(out), nil
}

// §14.3.12 unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm,
// extractable, keyUsages).
func subtleUnwrapKey(s *realmState, args []goja.Value) (goja.Value, error) {
	format, err := s.formatArg(args[0], "unwrapKey")
	if err != nil {
		return nil, err
	}
	wrapped, err := s.bufferArg(args[1], 2, "unwrapKey")
	if err != nil {
		return nil, err
	}
	unwrappingKey, err := s.keyArg(args[2], 3, "unwrapKey")
	if err != nil {
		return nil, err
	}
	extractable := args[5].ToBoolean()
	usages, err := s.usagesArg(args[6], 7, "unwrapKey")
	if err != nil {
		return nil, err
	}
	p, err := s.normalizeWrap(args[3], opUnwrapKey, opDecrypt)
	if err != nil {
		return nil, err
	}
	keyParams, err := s.normalize(args[4], opImportKey)
	if err != nil {
		return nil, err
	}
	k, err := UnwrapKey(format, wrapped, unwrappingKey, p, keyParams, extractable, usages)
	if err != nil {
		return nil, err
	}
	return NewCryptoKey(s.r, k), nil
}
