package crypto

import (
	"crypto"
	"slices"
	"strings"
)

// Key types (the KeyType enumeration).
const (
	Secret  = "secret"
	Public  = "public"
	Private = "private"
)

// The KeyUsage enumeration, in the order the specification lists it.
var keyUsages = []string{"encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"}

// Key formats (the KeyFormat enumeration).
const (
	FormatRaw   = "raw"
	FormatSPKI  = "spki"
	FormatPKCS8 = "pkcs8"
	FormatJWK   = "jwk"
)

// Key is the state of a CryptoKey: its internal slots and the key material.
type Key struct {
	Type        string // Secret, Public or Private
	Extractable bool
	Algorithm   KeyAlgorithm
	Usages      []string

	secret  []byte
	public  crypto.PublicKey  // *rsa.PublicKey, *ecdsa.PublicKey, *ecdh.PublicKey or ed25519.PublicKey
	private crypto.PrivateKey // *rsa.PrivateKey, *ecdsa.PrivateKey, *ecdh.PrivateKey or ed25519.PrivateKey

	// lengthFirst orders an HMAC algorithm {name, length, hash} as Node.js does for keys made by
	// generateKey (imported and derived ones are {name, hash, length}).
	lengthFirst bool
}

// KeyAlgorithm is the [[algorithm]] slot: the KeyAlgorithm dictionary and the members of its
// algorithm-specific extension (AesKeyAlgorithm, HmacKeyAlgorithm, RsaHashedKeyAlgorithm,
// EcKeyAlgorithm). Members the algorithm does not have stay zero.
type KeyAlgorithm struct {
	Name           string
	Length         int    // AES and HMAC, in bits
	Hash           string // HMAC and RSA
	NamedCurve     string // ECDSA and ECDH
	ModulusLength  int    // RSA
	PublicExponent []byte // RSA, big-endian
}

// KeyPair is a CryptoKeyPair.
type KeyPair struct {
	PublicKey, PrivateKey *Key
}

func (k *Key) hasUsage(u string) bool { return slices.Contains(k.Usages, u) }

// usageRule lists the usages each key type of an algorithm admits (the "If usages contains an
// entry which is not ..." steps of each algorithm's import and generate key operations).
type usageRule struct {
	secret, public, private []string
}

var (
	signUsages    = usageRule{public: []string{"verify"}, private: []string{"sign"}}
	oaepUsages    = usageRule{public: []string{"encrypt", "wrapKey"}, private: []string{"decrypt", "unwrapKey"}}
	deriveUsages  = usageRule{private: []string{"deriveKey", "deriveBits"}}
	aesUsages     = usageRule{secret: []string{"encrypt", "decrypt", "wrapKey", "unwrapKey"}}
	aesKWUsages   = usageRule{secret: []string{"wrapKey", "unwrapKey"}}
	hmacUsages    = usageRule{secret: []string{"sign", "verify"}}
	kdfKeyUsages  = usageRule{secret: []string{"deriveKey", "deriveBits"}}
	usagesByAlgos = map[string]usageRule{
		RSASSAPKCS1v15: signUsages, RSAPSS: signUsages, RSAOAEP: oaepUsages,
		ECDSA: signUsages, Ed25519: signUsages, ECDH: deriveUsages, X25519: deriveUsages,
		AESCTR: aesUsages, AESCBC: aesUsages, AESGCM: aesUsages, AESKW: aesKWUsages,
		HMAC: hmacUsages, HKDF: kdfKeyUsages, PBKDF2: kdfKeyUsages,
	}
)

func (r usageRule) allowed(keyType string) []string {
	switch keyType {
	case Secret:
		return r.secret
	case Public:
		return r.public
	}
	return r.private
}

// checkUsages throws the SyntaxError of an algorithm's import steps when a usage does not apply
// to a key of that type.
func checkUsages(alg, keyType string, usages []string) error {
	allowed := usagesByAlgos[alg].allowed(keyType)
	for _, u := range usages {
		if !slices.Contains(allowed, u) {
			if strings.HasPrefix(alg, "AES-") {
				return errorf(SyntaxError, "Unsupported key usage for an AES key") // Node's aes.js names the family
			}
			return errorf(SyntaxError, "Unsupported key usage for %s %s key", article(alg), alg)
		}
	}
	return nil
}

// checkPairUsages is the generate key step for asymmetric algorithms: every usage must apply to
// one of the two keys; each key then gets those that apply to it, in the algorithm's order (as
// Node.js does: ECDH's private key lists deriveKey before deriveBits).
func checkPairUsages(alg string, usages []string) (public, private []string, err error) {
	rule := usagesByAlgos[alg]
	for _, u := range usages {
		if !slices.Contains(rule.public, u) && !slices.Contains(rule.private, u) {
			if strings.HasPrefix(alg, "RSA") {
				return nil, nil, errorf(SyntaxError, "Unsupported key usage for a RSA key") // Node's rsa.js generate step, word for word
			}
			return nil, nil, errorf(SyntaxError, "Unsupported key usage for %s %s key", article(alg), alg)
		}
	}
	pick := func(allowed []string) []string {
		out := []string{}
		for _, u := range allowed {
			if slices.Contains(usages, u) {
				out = append(out, u)
			}
		}
		return out
	}
	return pick(rule.public), pick(rule.private), nil
}

func article(alg string) string {
	if alg == HMAC || alg[0] == 'A' || alg[0] == 'R' {
		return "an"
	}
	return "a"
}

func dedupe(usages []string) []string {
	out := make([]string, 0, len(usages))
	for _, u := range usages {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
