package crypto

import (
	"crypto/hmac"
	"crypto/rand"
)

// HMAC (Web Crypto "HMAC", RFC 2104).
var hmacAlgorithm = &algorithm{
	sign:        hmacSign,
	verify:      hmacVerify,
	generateKey: hmacGenerateKey,
	importKey:   hmacImportKey,
	exportKey:   hmacExportKey,
	keyLength:   hmacKeyLength,
}

func hmacSign(_ *Params, k *Key, data []byte) ([]byte, error) {
	h, _ := newHash(k.Algorithm.Hash)
	m := hmac.New(h, k.secret)
	m.Write(data)
	return m.Sum(nil), nil
}

// hmacVerify compares in constant time (HMAC verify step 2).
func hmacVerify(p *Params, k *Key, sig, data []byte) (bool, error) {
	mac, _ := hmacSign(p, k, data)
	return hmac.Equal(mac, sig), nil
}

// blockSize is the default HMAC key length of a hash, in bits (HMAC generate key).
func blockSize(hash string) int {
	if hash == SHA384 || hash == SHA512 {
		return 1024
	}
	return 512
}

// hmacGenerateKey is the HMAC "generate key" operation. Like Node.js it refuses lengths that are not a whole
// number of bytes.
func hmacGenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	if err := checkUsages(HMAC, Secret, usages); err != nil {
		return nil, nil, err
	}
	length := blockSize(p.Hash)
	if p.HasLength {
		length = p.Length
		if length == 0 {
			return nil, nil, opFailed()
		}
		if length%8 != 0 {
			return nil, nil, errorf(TypeError, "The property 'algorithm.length' must be a multiple of 8. Received %d", length)
		}
	}
	secret := make([]byte, length/8)
	rand.Read(secret)
	return &Key{
		Type: Secret, Extractable: extractable, Usages: usages, secret: secret, lengthFirst: true,
		Algorithm: KeyAlgorithm{Name: HMAC, Hash: p.Hash, Length: length},
	}, nil, nil
}

// hmacImportKey is the HMAC "import key" operation. As in Node.js a length, when given, must be the length
// of the key data.
func hmacImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	if err := checkUsages(HMAC, Secret, usages); err != nil {
		return nil, err
	}
	switch format {
	case FormatRaw:
	case FormatJWK:
		if err := jwk.check("oct", usages, extractable, "sig"); err != nil {
			return nil, err
		}
		if jwk.K == "" {
			return nil, invalidKeyData()
		}
		var err error
		if data, err = unb64(jwk.K); err != nil {
			return nil, err
		}
		if err := jwk.checkAlg("HS" + hashSuffix(p.Hash)); err != nil {
			return nil, err
		}
	default:
		return nil, errorf(NotSupportedError, "Unable to import HMAC key with format %s", format)
	}
	if len(data) == 0 || (p.HasLength && p.Length == 0) {
		return nil, errorf(DataError, "Zero-length key is not supported")
	}
	if p.HasLength && p.Length != len(data)*8 {
		return nil, errorf(DataError, "Invalid key length")
	}
	return &Key{
		Type: Secret, secret: append([]byte(nil), data...),
		Algorithm: KeyAlgorithm{Name: HMAC, Hash: p.Hash, Length: len(data) * 8},
	}, nil
}

func hmacExportKey(format string, k *Key) ([]byte, *JWK, error) {
	switch format {
	case FormatRaw:
		return append([]byte(nil), k.secret...), nil, nil
	case FormatJWK:
		return nil, &JWK{Kty: "oct", K: b64(k.secret), Alg: "HS" + hashSuffix(k.Algorithm.Hash)}, nil
	}
	return nil, nil, errorf(InvalidAccessError, "Unable to export a HMAC secret key in %s format", format)
}

// hmacKeyLength is the HMAC "get key length" operation.
func hmacKeyLength(p *Params) (int, error) {
	if !p.HasLength {
		return blockSize(p.Hash), nil
	}
	if p.Length == 0 {
		return 0, errorf(TypeError, "length cannot be zero")
	}
	return p.Length, nil
}
