package crypto

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
)

// newHash gives the SHA algorithm of a registered digest name (Web Crypto "SHA", FIPS 180-4).
func newHash(name string) (func() hash.Hash, bool) {
	switch name {
	case SHA1:
		return sha1.New, true
	case SHA256:
		return sha256.New, true
	case SHA384:
		return sha512.New384, true
	case SHA512:
		return sha512.New, true
	}
	return nil, false
}

// cryptoHash is the crypto.Hash of a registered digest name, for the RSA and ECDSA primitives.
func cryptoHash(name string) crypto.Hash {
	switch name {
	case SHA1:
		return crypto.SHA1
	case SHA256:
		return crypto.SHA256
	case SHA384:
		return crypto.SHA384
	}
	return crypto.SHA512
}

// hashSum digests data with a registered digest name.
func hashSum(name string, data []byte) []byte {
	h := cryptoHash(name).New()
	h.Write(data)
	return h.Sum(nil)
}

// hashSuffix is the bit length JOSE algorithm names end with ("1" for SHA-1): HS256, RS1, ...
func hashSuffix(name string) string {
	switch name {
	case SHA1:
		return "1"
	case SHA256:
		return "256"
	case SHA384:
		return "384"
	}
	return "512"
}
