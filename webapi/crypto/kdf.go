package crypto

import (
	"crypto/hkdf"
	"crypto/pbkdf2"
	"hash"
)

// HKDF and PBKDF2 (Web Crypto "HKDF" and "PBKDF2"; RFC 5869, RFC 8018): base keys for deriveBits and deriveKey, imported
// from raw bytes and never extractable.
var kdfAlgorithm = &algorithm{
	deriveBits: kdfDeriveBits,
	importKey:  kdfImportKey,
	exportKey: func(format string, k *Key) ([]byte, *JWK, error) {
		return nil, nil, errorf(InvalidAccessError, "key is not extractable")
	},
	keyLength: func(*Params) (int, error) { return NoLength, nil },
}

// kdfImportKey is the "import key" operation of HKDF and PBKDF2.
func kdfImportKey(format string, data []byte, _ *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	if format != FormatRaw {
		return nil, errorf(NotSupportedError, "Unable to import %s key with format %s", p.Name, format)
	}
	if err := checkUsages(p.Name, Secret, usages); err != nil {
		return nil, err
	}
	if extractable {
		return nil, errorf(SyntaxError, "%s keys are not extractable", p.Name)
	}
	return &Key{Type: Secret, Algorithm: KeyAlgorithm{Name: p.Name}, secret: append([]byte(nil), data...)}, nil
}

// kdfDeriveBits is the "derive bits" operation of HKDF and PBKDF2. Length must be a whole number of bytes (Node.js
// and the current draft agree); 0 gives an empty result.
func kdfDeriveBits(p *Params, k *Key, length int) ([]byte, error) {
	if length == NoLength {
		return nil, errorf(OperationError, "length cannot be null")
	}
	if length%8 != 0 {
		return nil, errorf(OperationError, "length must be a multiple of 8")
	}
	h, _ := newHash(p.Hash)
	if p.Name == PBKDF2 {
		if p.Iterations == 0 {
			return nil, errorf(OperationError, "iterations cannot be zero")
		}
		if length == 0 {
			return []byte{}, nil
		}
		out, err := pbkdf2.Key(func() hash.Hash { return h() }, string(k.secret), p.Salt, p.Iterations, length/8)
		if err != nil {
			return nil, opFailed()
		}
		return out, nil
	}
	if length == 0 {
		return []byte{}, nil
	}
	out, err := hkdf.Key(func() hash.Hash { return h() }, k.secret, p.Salt, string(p.Info), length/8)
	if err != nil {
		return nil, opFailed()
	}
	return out, nil
}
