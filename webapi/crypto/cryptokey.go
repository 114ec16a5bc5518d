package crypto

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// keyState is a CryptoKey's Go state: the key, and the algorithm and usages objects, made on
// first access and returned every time after (the cached ECMAScript objects of the algorithm and usages getters).
type keyState struct {
	key               *Key
	algorithm, usages goja.Value
}

// StructuredClone makes the copy structuredClone gives of a CryptoKey (CryptoKey is
// [Serializable]); the key material is shared, being immutable.
func (k *keyState) StructuredClone(r *webapi.Realm) *goja.Object {
	return classes(r).key.Wrap(&keyState{key: k.key})
}

// defineCryptoKey is the CryptoKey interface.
func defineCryptoKey(s *realmState) *webidl.Class[*keyState] {
	vm := s.r.VM
	return webidl.Define(s.r, webidl.Spec[*keyState]{
		Name: "CryptoKey",
		Accessors: []webidl.Accessor[*keyState]{
			{Name: "type", Get: func(k *keyState) goja.Value { return vm.ToValue(k.key.Type) }},
			{Name: "extractable", Get: func(k *keyState) goja.Value { return vm.ToValue(k.key.Extractable) }},
			{Name: "algorithm", Get: func(k *keyState) goja.Value {
				if k.algorithm == nil {
					k.algorithm = algorithmValue(vm, k.key)
				}
				return k.algorithm
			}},
			{Name: "usages", Get: func(k *keyState) goja.Value {
				if k.usages == nil {
					items := make([]any, len(k.key.Usages))
					for i, u := range k.key.Usages {
						items[i] = u
					}
					k.usages = vm.NewArray(items...)
				}
				return k.usages
			}},
		},
	})
}

// NewCryptoKey wraps a key in a CryptoKey of the realm.
func NewCryptoKey(r *webapi.Realm, k *Key) *goja.Object {
	return classes(r).key.Wrap(&keyState{key: k})
}

// KeyOf returns the key of a CryptoKey.
func KeyOf(r *webapi.Realm, v goja.Value) (*Key, bool) {
	ks, ok := classes(r).key.Unwrap(v)
	if !ok {
		return nil, false
	}
	return ks.key, true
}

// algorithmValue is the KeyAlgorithm dictionary of a key as a JavaScript object, shaped by the
// algorithm's extension of it: AesKeyAlgorithm {name, length}, HmacKeyAlgorithm {name, hash,
// length}, RsaHashedKeyAlgorithm {name, modulusLength, publicExponent, hash}, EcKeyAlgorithm
// {name, namedCurve}; the members come in the order Node.js gives them.
func algorithmValue(vm *goja.Runtime, k *Key) goja.Value {
	a := k.Algorithm
	o := vm.NewObject()
	o.Set("name", a.Name)
	hash := func() {
		h := vm.NewObject()
		h.Set("name", a.Hash)
		o.Set("hash", h)
	}
	switch a.Name {
	case HMAC:
		if k.lengthFirst {
			o.Set("length", a.Length)
			hash()
		} else {
			hash()
			o.Set("length", a.Length)
		}
	case AESCTR, AESCBC, AESGCM, AESKW:
		o.Set("length", a.Length)
	case ECDSA, ECDH:
		o.Set("namedCurve", a.NamedCurve)
	case RSASSAPKCS1v15, RSAPSS, RSAOAEP:
		o.Set("modulusLength", a.ModulusLength)
		o.Set("publicExponent", webidl.NewUint8Array(vm, a.PublicExponent))
		hash()
	}
	return o
}
