package crypto

import (
	"bytes"
	gocrypto "crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"

	wcrypto "github.com/jsroute/jsroute/webapi/crypto"
)

// keyHandle is a KeyObject's key: secret bytes, or a Go public/private key.
type keyHandle struct {
	typ    string // secret, public, private
	secret []byte
	pub    gocrypto.PublicKey  // *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey, *ecdh.PublicKey
	priv   gocrypto.PrivateKey // *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey, *ecdh.PrivateKey
}

type signer interface{ Public() gocrypto.PublicKey }

func privateHandle(priv gocrypto.PrivateKey) *keyHandle {
	h := &keyHandle{typ: "private", priv: priv}
	if s, ok := priv.(signer); ok {
		h.pub = s.Public()
	}
	return h
}

// public returns the public half (a private key's derived one).
func (k *keyHandle) public() *keyHandle { return &keyHandle{typ: "public", pub: k.pub} }

// asymType is asymmetricKeyType.
func asymType(pub gocrypto.PublicKey) string {
	switch p := pub.(type) {
	case *rsa.PublicKey:
		return "rsa"
	case *ecdsa.PublicKey:
		return "ec"
	case ed25519.PublicKey:
		return "ed25519"
	case *ecdh.PublicKey:
		if p.Curve() == ecdh.X25519() {
			return "x25519"
		}
		return "ec"
	}
	return ""
}

// curveName is OpenSSL's name of a curve (asymmetricKeyDetails.namedCurve).
func curveName(c elliptic.Curve) string {
	switch c {
	case elliptic.P256():
		return "prime256v1"
	case elliptic.P384():
		return "secp384r1"
	case elliptic.P521():
		return "secp521r1"
	case elliptic.P224():
		return "secp224r1"
	}
	return ""
}

func curveByName(name string) elliptic.Curve {
	switch name {
	case "prime256v1", "P-256", "secp256r1":
		return elliptic.P256()
	case "secp384r1", "P-384":
		return elliptic.P384()
	case "secp521r1", "P-521":
		return elliptic.P521()
	case "secp224r1", "P-224":
		return elliptic.P224()
	}
	return nil
}

func jwkCurve(c elliptic.Curve) string {
	switch c {
	case elliptic.P256():
		return "P-256"
	case elliptic.P384():
		return "P-384"
	case elliptic.P521():
		return "P-521"
	}
	return ""
}

var errUnsupportedKey = errors.New("unsupported key")

// keyError is a key parse failure worded as Node's OpenSSL decoder failures.
type keyError struct{ code, msg string }

func (e *keyError) Error() string { return e.msg }

var errDecode = &keyError{"ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported"}

// parsePEM reads the first PEM block jsroute knows. wantPrivate: a public key only from a private
// key block when false is fine too (createPublicKey accepts private keys and certificates).
func parsePEM(data []byte, wantPrivate bool) (*keyHandle, error) {
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, &keyError{"ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported"}
		}
		if _, enc := block.Headers["Proc-Type"]; enc || block.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, &keyError{"ERR_NOT_SUPPORTED", "encrypted PEM keys are not supported by jsroute"}
		}
		var h *keyHandle
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			h, err = parseDER(block.Bytes, "pkcs8", true)
		case "RSA PRIVATE KEY":
			h, err = parseDER(block.Bytes, "pkcs1", true)
		case "EC PRIVATE KEY":
			h, err = parseDER(block.Bytes, "sec1", true)
		case "PUBLIC KEY":
			h, err = parseDER(block.Bytes, "spki", false)
		case "RSA PUBLIC KEY":
			h, err = parseDER(block.Bytes, "pkcs1", false)
		case "CERTIFICATE":
			var cert *x509.Certificate
			if cert, err = x509.ParseCertificate(block.Bytes); err == nil {
				h = &keyHandle{typ: "public", pub: cert.PublicKey}
			}
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		if wantPrivate && h.typ != "private" {
			return nil, &keyError{"ERR_OSSL_UNSUPPORTED", "error:1E08010C:DECODER routines::unsupported"}
		}
		return h, nil
	}
}

func parseDER(der []byte, typ string, private bool) (*keyHandle, error) {
	if private {
		var k any
		var err error
		switch typ {
		case "pkcs8":
			k, err = x509.ParsePKCS8PrivateKey(der)
		case "pkcs1":
			k, err = x509.ParsePKCS1PrivateKey(der)
		case "sec1":
			k, err = x509.ParseECPrivateKey(der)
		default:
			return nil, errDecode
		}
		if err != nil {
			return nil, errDecode
		}
		if e, ok := k.(ed25519.PrivateKey); ok {
			k = e
		}
		return privateHandle(k), nil
	}
	var k any
	var err error
	switch typ {
	case "spki":
		k, err = x509.ParsePKIXPublicKey(der)
	case "pkcs1":
		k, err = x509.ParsePKCS1PublicKey(der)
	default:
		return nil, errDecode
	}
	if err != nil {
		return nil, errDecode
	}
	return &keyHandle{typ: "public", pub: k}, nil
}

// --- JWK ---------------------------------------------------------------------------------------

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func unb64(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

func bigOf(s string) (*big.Int, error) {
	b, err := unb64(s)
	if err != nil {
		return nil, err
	}
	return new(big.Int).SetBytes(b), nil
}

// parseJWK builds a key from a JWK's members (RFC 7517/7518/8037).
func parseJWK(j map[string]string, wantPrivate bool) (*keyHandle, error) {
	bad := &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK data"}
	switch j["kty"] {
	case "oct":
		k, err := unb64(j["k"])
		if err != nil {
			return nil, bad
		}
		return &keyHandle{typ: "secret", secret: k}, nil
	case "RSA":
		n, err1 := bigOf(j["n"])
		e, err2 := bigOf(j["e"])
		if err1 != nil || err2 != nil || n.Sign() == 0 {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK RSA key"}
		}
		pub := &rsa.PublicKey{N: n, E: int(e.Int64())}
		if _, has := j["d"]; !has || !wantPrivate {
			return &keyHandle{typ: "public", pub: pub}, nil
		}
		var vals [6]*big.Int
		for i, name := range []string{"d", "p", "q", "dp", "dq", "qi"} {
			v, err := bigOf(j[name])
			if err != nil {
				return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK RSA key"}
			}
			vals[i] = v
		}
		priv := &rsa.PrivateKey{PublicKey: *pub, D: vals[0], Primes: []*big.Int{vals[1], vals[2]}}
		priv.Precompute()
		if err := priv.Validate(); err != nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK RSA key"}
		}
		return privateHandle(priv), nil
	case "EC":
		c := curveByName(j["crv"])
		if c == nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Unsupported JWK EC curve: " + j["crv"] + "."}
		}
		x, err1 := bigOf(j["x"])
		y, err2 := bigOf(j["y"])
		if err1 != nil || err2 != nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK EC key"}
		}
		pub := &ecdsa.PublicKey{Curve: c, X: x, Y: y}
		if _, has := j["d"]; !has || !wantPrivate {
			return &keyHandle{typ: "public", pub: pub}, nil
		}
		d, err := unb64(j["d"])
		if err != nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK EC key"}
		}
		priv := &ecdsa.PrivateKey{PublicKey: *pub, D: new(big.Int).SetBytes(d)}
		return privateHandle(priv), nil
	case "OKP":
		x, err := unb64(j["x"])
		if err != nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
		}
		switch j["crv"] {
		case "Ed25519":
			if len(x) != ed25519.PublicKeySize {
				return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
			}
			if d, has := j["d"]; has && wantPrivate {
				seed, err := unb64(d)
				if err != nil || len(seed) != ed25519.SeedSize {
					return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
				}
				return privateHandle(ed25519.NewKeyFromSeed(seed)), nil
			}
			return &keyHandle{typ: "public", pub: ed25519.PublicKey(x)}, nil
		case "X25519":
			if d, has := j["d"]; has && wantPrivate {
				seed, err := unb64(d)
				if err != nil {
					return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
				}
				k, err := ecdh.X25519().NewPrivateKey(seed)
				if err != nil {
					return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
				}
				return privateHandle(k), nil
			}
			k, err := ecdh.X25519().NewPublicKey(x)
			if err != nil {
				return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK OKP key"}
			}
			return &keyHandle{typ: "public", pub: k}, nil
		}
		return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Unsupported JWK OKP curve: " + j["crv"] + "."}
	}
	return nil, &keyError{"ERR_CRYPTO_INVALID_JWK", "Invalid JWK data"}
}

// jwkOf is KeyObject.export({format: 'jwk'}): members in Node's order.
func jwkOf(k *keyHandle) ([][2]string, error) {
	pad := func(b []byte, n int) []byte {
		out := make([]byte, n)
		copy(out[n-len(b):], b)
		return out
	}
	if k.typ == "secret" {
		return [][2]string{{"kty", "oct"}, {"k", b64(k.secret)}}, nil
	}
	switch p := k.pub.(type) {
	case *rsa.PublicKey:
		out := [][2]string{{"kty", "RSA"}, {"n", b64(p.N.Bytes())}, {"e", b64(big.NewInt(int64(p.E)).Bytes())}}
		if priv, ok := k.priv.(*rsa.PrivateKey); ok {
			priv.Precompute()
			out = append(out, [2]string{"d", b64(priv.D.Bytes())}, [2]string{"p", b64(priv.Primes[0].Bytes())}, [2]string{"q", b64(priv.Primes[1].Bytes())},
				[2]string{"dp", b64(priv.Precomputed.Dp.Bytes())}, [2]string{"dq", b64(priv.Precomputed.Dq.Bytes())}, [2]string{"qi", b64(priv.Precomputed.Qinv.Bytes())})
		}
		return out, nil
	case *ecdsa.PublicKey:
		n := (p.Curve.Params().BitSize + 7) / 8
		crv := jwkCurve(p.Curve)
		if crv == "" {
			return nil, errUnsupportedKey
		}
		out := [][2]string{{"kty", "EC"}, {"x", b64(pad(p.X.Bytes(), n))}, {"y", b64(pad(p.Y.Bytes(), n))}, {"crv", crv}}
		if priv, ok := k.priv.(*ecdsa.PrivateKey); ok {
			out = append(out, [2]string{"d", b64(pad(priv.D.Bytes(), n))})
		}
		return out, nil
	case ed25519.PublicKey:
		out := [][2]string{{"crv", "Ed25519"}}
		if priv, ok := k.priv.(ed25519.PrivateKey); ok {
			out = append(out, [2]string{"d", b64(priv.Seed())})
		}
		return append(out, [2]string{"x", b64(p)}, [2]string{"kty", "OKP"}), nil
	case *ecdh.PublicKey:
		if p.Curve() != ecdh.X25519() {
			return nil, errUnsupportedKey
		}
		out := [][2]string{{"crv", "X25519"}}
		if priv, ok := k.priv.(*ecdh.PrivateKey); ok {
			out = append(out, [2]string{"d", b64(priv.Bytes())})
		}
		return append(out, [2]string{"x", b64(p.Bytes())}, [2]string{"kty", "OKP"}), nil
	}
	return nil, errUnsupportedKey
}

// exportDER encodes a key as type (pkcs1, spki, pkcs8, sec1).
func exportDER(k *keyHandle, typ string) ([]byte, string, error) {
	if k.typ == "public" {
		switch typ {
		case "spki":
			der, err := x509.MarshalPKIXPublicKey(k.pub)
			return der, "PUBLIC KEY", err
		case "pkcs1":
			p, ok := k.pub.(*rsa.PublicKey)
			if !ok {
				return nil, "", &keyError{"ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "The selected key encoding pkcs1 can only be used for RSA keys."}
			}
			return x509.MarshalPKCS1PublicKey(p), "RSA PUBLIC KEY", nil
		}
		return nil, "", errUnsupportedKey
	}
	switch typ {
	case "pkcs8":
		der, err := x509.MarshalPKCS8PrivateKey(k.priv)
		return der, "PRIVATE KEY", err
	case "pkcs1":
		p, ok := k.priv.(*rsa.PrivateKey)
		if !ok {
			return nil, "", &keyError{"ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "The selected key encoding pkcs1 can only be used for RSA keys."}
		}
		return x509.MarshalPKCS1PrivateKey(p), "RSA PRIVATE KEY", nil
	case "sec1":
		p, ok := k.priv.(*ecdsa.PrivateKey)
		if !ok {
			return nil, "", &keyError{"ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", "The selected key encoding sec1 can only be used for EC keys."}
		}
		der, err := x509.MarshalECPrivateKey(p)
		return der, "EC PRIVATE KEY", err
	}
	return nil, "", errUnsupportedKey
}

// fromCryptoKey is KeyObject.from: the material of a WebCrypto key.
func fromCryptoKey(k *wcrypto.Key) *keyHandle {
	secret, pub, priv := k.Material()
	switch k.Type {
	case wcrypto.Secret:
		return &keyHandle{typ: "secret", secret: append([]byte(nil), secret...)}
	case wcrypto.Public:
		return &keyHandle{typ: "public", pub: pub}
	}
	h := privateHandle(priv)
	if h.pub == nil {
		h.pub = pub
	}
	return h
}

// --- signatures ---------------------------------------------------------------------------------

var cryptoHashes = map[string]gocrypto.Hash{
	"md5": gocrypto.MD5, "sha1": gocrypto.SHA1, "sha224": gocrypto.SHA224, "sha256": gocrypto.SHA256, "sha384": gocrypto.SHA384,
	"sha512": gocrypto.SHA512, "sha512-224": gocrypto.SHA512_224, "sha512-256": gocrypto.SHA512_256, "sha3-224": gocrypto.SHA3_224,
	"sha3-256": gocrypto.SHA3_256, "sha3-384": gocrypto.SHA3_384, "sha3-512": gocrypto.SHA3_512, "ripemd160": gocrypto.RIPEMD160,
	"md5-sha1": gocrypto.MD5SHA1,
}

// signOpts are the options of sign/verify: RSA padding and salt length, ECDSA's encoding.
type signOpts struct {
	digest     string // "" for Ed25519
	padding    int    // 1 PKCS#1 v1.5 (default), 6 PSS
	saltLength int    // -1 digest, -2 max/auto
	p1363      bool
}

func digestOf(name string, data []byte) (gocrypto.Hash, []byte, error) {
	d := lookupDigest(name)
	if d == nil || d.xof > 0 {
		return 0, nil, &keyError{"ERR_CRYPTO_INVALID_DIGEST", "Invalid digest: " + name}
	}
	h := d.new()
	h.Write(data)
	return cryptoHashes[d.name], h.Sum(nil), nil
}

func pssSalt(n int) int {
	switch n {
	case -1:
		return rsa.PSSSaltLengthEqualsHash
	case -2:
		return rsa.PSSSaltLengthAuto
	}
	return n
}

func sign(k *keyHandle, data []byte, o signOpts) ([]byte, error) {
	switch priv := k.priv.(type) {
	case ed25519.PrivateKey:
		return ed25519.Sign(priv, data), nil
	case *rsa.PrivateKey:
		h, sum, err := digestOf(o.digest, data)
		if err != nil {
			return nil, err
		}
		if o.padding == 6 {
			return rsa.SignPSS(rand.Reader, priv, h, sum, &rsa.PSSOptions{SaltLength: pssSalt(o.saltLength)})
		}
		return rsa.SignPKCS1v15(rand.Reader, priv, h, sum)
	case *ecdsa.PrivateKey:
		_, sum, err := digestOf(o.digest, data)
		if err != nil {
			return nil, err
		}
		if o.p1363 {
			r, s, err := ecdsa.Sign(rand.Reader, priv, sum)
			if err != nil {
				return nil, err
			}
			n := (priv.Curve.Params().BitSize + 7) / 8
			out := make([]byte, 2*n)
			r.FillBytes(out[:n])
			s.FillBytes(out[n:])
			return out, nil
		}
		return ecdsa.SignASN1(rand.Reader, priv, sum)
	}
	return nil, &keyError{"ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type for signing"}
}

func verify(k *keyHandle, data, sig []byte, o signOpts) (bool, error) {
	switch pub := k.pub.(type) {
	case ed25519.PublicKey:
		return ed25519.Verify(pub, data, sig), nil
	case *rsa.PublicKey:
		h, sum, err := digestOf(o.digest, data)
		if err != nil {
			return false, err
		}
		if o.padding == 6 {
			return rsa.VerifyPSS(pub, h, sum, sig, &rsa.PSSOptions{SaltLength: pssSalt(o.saltLength)}) == nil, nil
		}
		return rsa.VerifyPKCS1v15(pub, h, sum, sig) == nil, nil
	case *ecdsa.PublicKey:
		_, sum, err := digestOf(o.digest, data)
		if err != nil {
			return false, err
		}
		if o.p1363 {
			n := (pub.Curve.Params().BitSize + 7) / 8
			if len(sig) != 2*n {
				return false, nil
			}
			r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
			return ecdsa.Verify(pub, sum, r, s), nil
		}
		var parsed struct{ R, S *big.Int }
		if _, err := asn1.Unmarshal(sig, &parsed); err != nil {
			return false, nil
		}
		return ecdsa.VerifyASN1(pub, sum, sig), nil
	}
	return false, &keyError{"ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type for verification"}
}

// --- key generation -----------------------------------------------------------------------------

func generate(typ string, modulus int, exponent int64, curve string) (*keyHandle, error) {
	switch typ {
	case "rsa":
		if exponent != 65537 {
			return nil, &keyError{"ERR_NOT_SUPPORTED", fmt.Sprintf("RSA public exponent %d is not supported by jsroute (only 65537)", exponent)}
		}
		k, err := rsa.GenerateKey(rand.Reader, modulus)
		if err != nil {
			return nil, err
		}
		return privateHandle(k), nil
	case "ec":
		c := curveByName(curve)
		if c == nil {
			return nil, &keyError{"ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name"}
		}
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			return nil, err
		}
		return privateHandle(k), nil
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		return privateHandle(k), nil
	case "x25519":
		k, err := ecdh.X25519().GenerateKey(rand.Reader)
		if err != nil {
			return nil, err
		}
		return privateHandle(k), nil
	}
	return nil, &keyError{"ERR_NOT_SUPPORTED", "key type " + typ + " is not supported by jsroute"}
}

// ecdhOf converts an EC or X25519 key to crypto/ecdh for diffieHellman.
func ecdhPrivate(k *keyHandle) (*ecdh.PrivateKey, error) {
	switch p := k.priv.(type) {
	case *ecdh.PrivateKey:
		return p, nil
	case *ecdsa.PrivateKey:
		return p.ECDH()
	}
	return nil, errUnsupportedKey
}

func ecdhPublic(k *keyHandle) (*ecdh.PublicKey, error) {
	switch p := k.pub.(type) {
	case *ecdh.PublicKey:
		return p, nil
	case *ecdsa.PublicKey:
		return p.ECDH()
	}
	return nil, errUnsupportedKey
}

// keysEqual is KeyObject.equals.
func keysEqual(a, b *keyHandle) bool {
	if a.typ != b.typ {
		return false
	}
	if a.typ == "secret" {
		return bytes.Equal(a.secret, b.secret)
	}
	type eq interface{ Equal(gocrypto.PublicKey) bool }
	if a.typ == "private" {
		if e, ok := a.priv.(interface {
			Equal(gocrypto.PrivateKey) bool
		}); ok {
			return e.Equal(b.priv)
		}
	}
	if e, ok := a.pub.(eq); ok {
		return e.Equal(b.pub)
	}
	return false
}
