package crypto

// Algorithm names as registered (Web Crypto "Algorithm registration" and the Secure Curves draft for Ed25519 and
// X25519). Lookups are case-insensitive; keys and results always carry these spellings.
const (
	RSASSAPKCS1v15 = "RSASSA-PKCS1-v1_5"
	RSAPSS         = "RSA-PSS"
	RSAOAEP        = "RSA-OAEP"
	ECDSA          = "ECDSA"
	ECDH           = "ECDH"
	Ed25519        = "Ed25519"
	X25519         = "X25519"
	AESCTR         = "AES-CTR"
	AESCBC         = "AES-CBC"
	AESGCM         = "AES-GCM"
	AESKW          = "AES-KW"
	HMAC           = "HMAC"
	SHA1           = "SHA-1"
	SHA256         = "SHA-256"
	SHA384         = "SHA-384"
	SHA512         = "SHA-512"
	HKDF           = "HKDF"
	PBKDF2         = "PBKDF2"
)

// The operations algorithms are registered for. "get key length" is deriveKey's
// helper; wrapKey and unwrapKey fall back to encrypt and decrypt.
const (
	opEncrypt      = "encrypt"
	opDecrypt      = "decrypt"
	opSign         = "sign"
	opVerify       = "verify"
	opDigest       = "digest"
	opGenerateKey  = "generateKey"
	opDeriveBits   = "deriveBits"
	opImportKey    = "importKey"
	opWrapKey      = "wrapKey"
	opUnwrapKey    = "unwrapKey"
	opGetKeyLength = "get key length"
)

// Params is a normalized algorithm ("normalize an algorithm"): the name in its registered spelling and the
// members of the IDL dictionary the algorithm takes for the operation. Members a dictionary
// does not have stay zero.
type Params struct {
	Name string

	Hash           string // HashAlgorithmIdentifier members, normalized to a registered digest name
	Length         int    // AesKeyGenParams, AesDerivedKeyParams, AesCtrParams, HmacImportParams
	HasLength      bool   // HmacImportParams.length and HmacKeyGenParams.length are optional
	ModulusLength  int    // RsaKeyGenParams
	PublicExponent []byte // RsaKeyGenParams (a BigInteger: big-endian bytes)
	NamedCurve     string // EcKeyGenParams, EcKeyImportParams
	SaltLength     int    // RsaPssParams
	Label          []byte // RsaOaepParams
	IV             []byte // AesCbcParams, AesGcmParams
	Counter        []byte // AesCtrParams
	AdditionalData []byte // AesGcmParams
	TagLength      int    // AesGcmParams, in bits
	HasTagLength   bool
	Salt           []byte // HkdfParams, Pbkdf2Params
	Info           []byte // HkdfParams
	Iterations     int    // Pbkdf2Params
	Public         *Key   // EcdhKeyDeriveParams
}

// memberKind is the IDL type of a dictionary member, which decides its conversion.
type memberKind int

const (
	kindHash       memberKind = iota // HashAlgorithmIdentifier: normalized for "digest"
	kindBuffer                       // BufferSource: a copy of the bytes
	kindBigInteger                   // BigInteger (a Uint8Array)
	kindULong                        // [EnforceRange] unsigned long
	kindUShort                       // [EnforceRange] unsigned short
	kindOctet                        // [EnforceRange] octet
	kindString                       // DOMString
	kindKey                          // CryptoKey
)

type member struct {
	name     string
	kind     memberKind
	required bool
}

// dictionary is an IDL dictionary of the registration table, its members in the order WebIDL converts
// them (inherited first, then lexicographic).
type dictionary struct {
	name    string
	members []member
}

var (
	dictAlgorithm = &dictionary{name: "Algorithm"}

	dictRsaHashedKeyGen = &dictionary{"RsaHashedKeyGenParams", []member{
		{"modulusLength", kindULong, true}, {"publicExponent", kindBigInteger, true}, {"hash", kindHash, true}}}
	dictRsaHashedImport = &dictionary{"RsaHashedImportParams", []member{{"hash", kindHash, true}}}
	dictRsaPss          = &dictionary{"RsaPssParams", []member{{"saltLength", kindULong, true}}}
	dictRsaOaep         = &dictionary{"RsaOaepParams", []member{{"label", kindBuffer, false}}}
	dictEcdsa           = &dictionary{"EcdsaParams", []member{{"hash", kindHash, true}}}
	dictEcKeyGen        = &dictionary{"EcKeyGenParams", []member{{"namedCurve", kindString, true}}}
	dictEcKeyImport     = &dictionary{"EcKeyImportParams", []member{{"namedCurve", kindString, true}}}
	dictEcdhKeyDerive   = &dictionary{"EcdhKeyDeriveParams", []member{{"public", kindKey, true}}}
	dictAesCtr          = &dictionary{"AesCtrParams", []member{{"counter", kindBuffer, true}, {"length", kindOctet, true}}}
	dictAesCbc          = &dictionary{"AesCbcParams", []member{{"iv", kindBuffer, true}}}
	dictAesGcm          = &dictionary{"AesGcmParams", []member{
		{"additionalData", kindBuffer, false}, {"iv", kindBuffer, true}, {"tagLength", kindOctet, false}}}
	dictAesKeyGen     = &dictionary{"AesKeyGenParams", []member{{"length", kindUShort, true}}}
	dictAesDerivedKey = &dictionary{"AesDerivedKeyParams", []member{{"length", kindUShort, true}}}
	dictHmacImport    = &dictionary{"HmacImportParams", []member{{"hash", kindHash, true}, {"length", kindULong, false}}}
	dictHmacKeyGen    = &dictionary{"HmacKeyGenParams", []member{{"hash", kindHash, true}, {"length", kindULong, false}}}
	dictHkdf          = &dictionary{"HkdfParams", []member{{"hash", kindHash, true}, {"info", kindBuffer, true}, {"salt", kindBuffer, true}}}
	dictPbkdf2        = &dictionary{"Pbkdf2Params", []member{
		{"hash", kindHash, true}, {"iterations", kindULong, true}, {"salt", kindBuffer, true}}}
)

// registry is the specification's "supportedAlgorithms": for each operation, the algorithms registered
// for it and the dictionary their parameters convert to.
var registry = map[string]map[string]*dictionary{
	opEncrypt: {RSAOAEP: dictRsaOaep, AESCTR: dictAesCtr, AESCBC: dictAesCbc, AESGCM: dictAesGcm},
	opDecrypt: {RSAOAEP: dictRsaOaep, AESCTR: dictAesCtr, AESCBC: dictAesCbc, AESGCM: dictAesGcm},
	opSign: {RSASSAPKCS1v15: dictAlgorithm, RSAPSS: dictRsaPss, ECDSA: dictEcdsa, Ed25519: dictAlgorithm,
		HMAC: dictAlgorithm},
	opVerify: {RSASSAPKCS1v15: dictAlgorithm, RSAPSS: dictRsaPss, ECDSA: dictEcdsa, Ed25519: dictAlgorithm,
		HMAC: dictAlgorithm},
	opDigest: {SHA1: dictAlgorithm, SHA256: dictAlgorithm, SHA384: dictAlgorithm, SHA512: dictAlgorithm},
	opGenerateKey: {RSASSAPKCS1v15: dictRsaHashedKeyGen, RSAPSS: dictRsaHashedKeyGen, RSAOAEP: dictRsaHashedKeyGen,
		ECDSA: dictEcKeyGen, ECDH: dictEcKeyGen, Ed25519: dictAlgorithm, X25519: dictAlgorithm,
		AESCTR: dictAesKeyGen, AESCBC: dictAesKeyGen, AESGCM: dictAesKeyGen, AESKW: dictAesKeyGen,
		HMAC: dictHmacKeyGen},
	opDeriveBits: {ECDH: dictEcdhKeyDerive, X25519: dictEcdhKeyDerive, HKDF: dictHkdf, PBKDF2: dictPbkdf2},
	opImportKey: {RSASSAPKCS1v15: dictRsaHashedImport, RSAPSS: dictRsaHashedImport, RSAOAEP: dictRsaHashedImport,
		ECDSA: dictEcKeyImport, ECDH: dictEcKeyImport, Ed25519: dictAlgorithm, X25519: dictAlgorithm,
		AESCTR: dictAlgorithm, AESCBC: dictAlgorithm, AESGCM: dictAlgorithm, AESKW: dictAlgorithm,
		HMAC: dictHmacImport, HKDF: dictAlgorithm, PBKDF2: dictAlgorithm},
	opWrapKey:   {AESKW: dictAlgorithm},
	opUnwrapKey: {AESKW: dictAlgorithm},
	opGetKeyLength: {AESCTR: dictAesDerivedKey, AESCBC: dictAesDerivedKey, AESGCM: dictAesDerivedKey,
		AESKW: dictAesDerivedKey, HMAC: dictHmacImport, HKDF: dictAlgorithm, PBKDF2: dictAlgorithm},
}

// lookup finds name among the algorithms registered for op, ignoring ASCII case ("normalize an algorithm" step 5).
func lookup(op, name string) (canonical string, dict *dictionary, ok bool) {
	for n, d := range registry[op] {
		if asciiEqualFold(n, name) {
			return n, d, true
		}
	}
	return "", nil, false
}

func unrecognized() *Error { return errorf(NotSupportedError, "Unrecognized algorithm name") }

// asciiEqualFold is "ASCII case-insensitive match" (Infra §4.7): unlike strings.EqualFold it does
// not fold non-ASCII letters such as U+212A KELVIN SIGN onto ASCII ones.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
