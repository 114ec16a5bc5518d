package crypto

import (
	"bytes"
	"encoding/json"
	"slices"
)

// NoLength is the null length of deriveBits (§14.3.8: `optional unsigned long? length = null`)
// and of "get key length" for HKDF and PBKDF2.
const NoLength = -1

// algorithm is what one registered algorithm implements; nil members are operations it does not
// support (the registry in params.go decides which names reach each of them).
type algorithm struct {
	encrypt     func(p *Params, k *Key, data []byte) ([]byte, error)
	decrypt     func(p *Params, k *Key, data []byte) ([]byte, error)
	sign        func(p *Params, k *Key, data []byte) ([]byte, error)
	verify      func(p *Params, k *Key, sig, data []byte) (bool, error)
	deriveBits  func(p *Params, k *Key, length int) ([]byte, error)
	wrapKey     func(p *Params, k *Key, data []byte) ([]byte, error)
	unwrapKey   func(p *Params, k *Key, data []byte) ([]byte, error)
	generateKey func(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error)
	importKey   func(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error)
	exportKey   func(format string, k *Key) ([]byte, *JWK, error)
	keyLength   func(p *Params) (int, error)
}

func impl(name string) *algorithm {
	switch name {
	case HMAC:
		return hmacAlgorithm
	case AESCTR, AESCBC, AESGCM, AESKW:
		return aesAlgorithm
	case RSASSAPKCS1v15, RSAPSS, RSAOAEP:
		return rsaAlgorithm
	case ECDSA, ECDH:
		return ecAlgorithm
	case Ed25519, X25519:
		return okpAlgorithm
	case HKDF, PBKDF2:
		return kdfAlgorithm
	}
	return &algorithm{}
}

func keyMismatch(op string) *Error {
	if op == "sign" || op == "verify" {
		return errorf(InvalidAccessError, "Unable to use this key to %s", op)
	}
	return errorf(InvalidAccessError, "The requested operation is not valid for the provided key")
}

// checkKey is the step encrypt, decrypt, sign and verify share: the key must be of the
// algorithm asked for and allow the operation (and, for Go callers who edit Usages, be of a type
// that can do it).
func checkKey(p *Params, k *Key, usage string) error {
	if p.Name != k.Algorithm.Name || !k.hasUsage(usage) || !slices.Contains(usagesByAlgos[p.Name].allowed(k.Type), usage) {
		return keyMismatch(usage)
	}
	return nil
}

// registered reports the step every method starts with ("normalize an algorithm"): p names an
// algorithm registered for op. The bindings only make such Params; this guards Go callers.
func registered(op string, p *Params) error {
	if _, ok := registry[op][p.Name]; !ok {
		return unrecognized()
	}
	return nil
}

// Digest implements SubtleCrypto.digest (§14.3.5) for a normalized algorithm.
func Digest(p *Params, data []byte) ([]byte, error) {
	h, ok := newHash(p.Name)
	if !ok {
		return nil, unrecognized()
	}
	w := h()
	w.Write(data)
	return w.Sum(nil), nil
}

// Encrypt implements SubtleCrypto.encrypt (§14.3.1) from step 8.
func Encrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	if err := registered(opEncrypt, p); err != nil {
		return nil, err
	}
	if err := checkKey(p, k, "encrypt"); err != nil {
		return nil, err
	}
	return impl(p.Name).encrypt(p, k, data)
}

// Decrypt implements SubtleCrypto.decrypt (§14.3.2) from step 8.
func Decrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	if err := registered(opDecrypt, p); err != nil {
		return nil, err
	}
	if err := checkKey(p, k, "decrypt"); err != nil {
		return nil, err
	}
	return impl(p.Name).decrypt(p, k, data)
}

// Sign implements SubtleCrypto.sign (§14.3.3) from step 8.
func Sign(p *Params, k *Key, data []byte) ([]byte, error) {
	if err := registered(opSign, p); err != nil {
		return nil, err
	}
	if err := checkKey(p, k, "sign"); err != nil {
		return nil, err
	}
	return impl(p.Name).sign(p, k, data)
}

// Verify implements SubtleCrypto.verify (§14.3.4) from step 9.
func Verify(p *Params, k *Key, signature, data []byte) (bool, error) {
	if err := registered(opVerify, p); err != nil {
		return false, err
	}
	if err := checkKey(p, k, "verify"); err != nil {
		return false, err
	}
	return impl(p.Name).verify(p, k, signature, data)
}

// GenerateKey implements SubtleCrypto.generateKey (§14.3.6) from step 6. It makes a secret key
// or a key pair. Usages are taken once each, in the order given, as Node.js does.
func GenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	if err := registered(opGenerateKey, p); err != nil {
		return nil, nil, err
	}
	k, pair, err := impl(p.Name).generateKey(p, extractable, dedupe(usages))
	if err != nil {
		return nil, nil, err
	}
	if (k != nil && len(k.Usages) == 0) || (pair != nil && len(pair.PrivateKey.Usages) == 0) {
		return nil, nil, errorf(SyntaxError, "Usages cannot be empty when creating a key.")
	}
	return k, pair, nil
}

// DeriveBits implements SubtleCrypto.deriveBits (§14.3.8) from step 7; length is in bits, or
// NoLength.
func DeriveBits(p *Params, base *Key, length int) ([]byte, error) {
	if err := registered(opDeriveBits, p); err != nil {
		return nil, err
	}
	if p.Name != base.Algorithm.Name {
		return nil, errorf(InvalidAccessError, "Key algorithm mismatch")
	}
	if !base.hasUsage("deriveBits") {
		return nil, errorf(InvalidAccessError, "baseKey does not have deriveBits usage")
	}
	return impl(p.Name).deriveBits(p, base, length)
}

// DeriveKey implements SubtleCrypto.deriveKey (§14.3.7) from step 11. derivedImport and
// derivedLength are derivedKeyType normalized for "importKey" and for "get key length".
func DeriveKey(p *Params, base *Key, derivedImport, derivedLength *Params, extractable bool, usages []string) (*Key, error) {
	if err := registered(opDeriveBits, p); err != nil {
		return nil, err
	}
	if err := registered(opGetKeyLength, derivedLength); err != nil {
		return nil, err
	}
	if p.Name != base.Algorithm.Name {
		return nil, errorf(InvalidAccessError, "Key algorithm mismatch")
	}
	if !base.hasUsage("deriveKey") {
		return nil, errorf(InvalidAccessError, "baseKey does not have deriveKey usage")
	}
	length, err := impl(derivedLength.Name).keyLength(derivedLength)
	if err != nil {
		return nil, err
	}
	secret, err := impl(p.Name).deriveBits(p, base, length)
	if err != nil {
		return nil, err
	}
	return ImportKey(FormatRaw, secret, nil, derivedImport, extractable, usages)
}

// ImportKey implements SubtleCrypto.importKey (§14.3.9) from step 7: data holds the bytes of the
// raw, spki and pkcs8 formats, jwk the JsonWebKey of the jwk format.
func ImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	if err := registered(opImportKey, p); err != nil {
		return nil, err
	}
	if format == FormatJWK && jwk == nil {
		return nil, invalidKeyData()
	}
	k, err := impl(p.Name).importKey(format, data, jwk, p, extractable, usages)
	if err != nil {
		return nil, err
	}
	if (k.Type == Secret || k.Type == Private) && len(usages) == 0 {
		return nil, errorf(SyntaxError, "Usages cannot be empty when importing a %s key.", k.Type)
	}
	k.Extractable = extractable
	k.Usages = append([]string{}, usages...)
	return k, nil
}

// ExportKey implements SubtleCrypto.exportKey (§14.3.10) from step 5. The jwk format gives a
// JWK, the others bytes.
func ExportKey(format string, k *Key) ([]byte, *JWK, error) {
	if !k.Extractable {
		return nil, nil, errorf(InvalidAccessError, "key is not extractable")
	}
	return exportKey(format, k)
}

func exportKey(format string, k *Key) ([]byte, *JWK, error) {
	data, jwk, err := impl(k.Algorithm.Name).exportKey(format, k)
	if err != nil {
		return nil, nil, err
	}
	if jwk != nil {
		jwk.KeyOps = append([]string{}, k.Usages...)
		ext := k.Extractable
		jwk.Ext = &ext
	}
	return data, jwk, nil
}

// WrapKey implements SubtleCrypto.wrapKey (§14.3.11) from step 9: p is the wrapping algorithm
// normalized for "wrapKey" or, failing that, for "encrypt".
func WrapKey(format string, k, wrappingKey *Key, p *Params) ([]byte, error) {
	if registered(opWrapKey, p) != nil && registered(opEncrypt, p) != nil {
		return nil, unrecognized()
	}
	if p.Name != wrappingKey.Algorithm.Name || !wrappingKey.hasUsage("wrapKey") {
		return nil, errorf(InvalidAccessError, "The requested operation is not valid for the provided key")
	}
	if !k.Extractable {
		return nil, errorf(InvalidAccessError, "key is not extractable")
	}
	data, jwk, err := exportKey(format, k)
	if err != nil {
		return nil, err
	}
	_, wraps := registry[opWrapKey][p.Name]
	if jwk != nil {
		data = jwk.marshal()
		// Node.js pads the JSON with spaces to a whole number of 64-bit blocks for AES-KW, as
		// the note to step 13 suggests.
		if wraps && len(data)%8 != 0 {
			data = append(data, bytes.Repeat([]byte{' '}, 8-len(data)%8)...)
		}
	}
	a := impl(p.Name)
	if wraps {
		return a.wrapKey(p, wrappingKey, data)
	}
	return a.encrypt(p, wrappingKey, data)
}

// UnwrapKey implements SubtleCrypto.unwrapKey (§14.3.12) from step 11: p is the unwrapping
// algorithm normalized for "unwrapKey" or, failing that, for "decrypt"; keyParams is the
// unwrapped key's algorithm normalized for "importKey".
func UnwrapKey(format string, wrapped []byte, unwrappingKey *Key, p, keyParams *Params, extractable bool, usages []string) (*Key, error) {
	if registered(opUnwrapKey, p) != nil && registered(opDecrypt, p) != nil {
		return nil, unrecognized()
	}
	if p.Name != unwrappingKey.Algorithm.Name || !unwrappingKey.hasUsage("unwrapKey") {
		return nil, errorf(InvalidAccessError, "The requested operation is not valid for the provided key")
	}
	a := impl(p.Name)
	var data []byte
	var err error
	if _, unwraps := registry[opUnwrapKey][p.Name]; unwraps {
		data, err = a.unwrapKey(p, unwrappingKey, wrapped)
	} else {
		data, err = a.decrypt(p, unwrappingKey, wrapped)
	}
	if err != nil {
		return nil, err
	}
	var jwk *JWK
	if format == FormatJWK {
		jwk = new(JWK)
		if err := json.Unmarshal(data, jwk); err != nil {
			return nil, errorf(DataError, "Invalid JWK: %v", err)
		}
		data = nil
	}
	return ImportKey(format, data, jwk, keyParams, extractable, usages)
}
