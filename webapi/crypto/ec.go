package crypto

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"math/big"
)

// ECDSA and ECDH (Web Crypto "ECDSA" and "ECDH") on the NIST curves P-256, P-384 and P-521. ECDSA keys hold
// crypto/ecdsa keys, ECDH keys crypto/ecdh ones.
var ecAlgorithm = &algorithm{
	sign:        ecdsaSign,
	verify:      ecdsaVerify,
	deriveBits:  ecdhDeriveBits,
	generateKey: ecGenerateKey,
	importKey:   ecImportKey,
	exportKey:   ecExportKey,
}

// curve is a NamedCurve and its Go implementations.
type curve struct {
	name  string
	ec    elliptic.Curve
	ecdh  ecdh.Curve
	size  int    // bytes of a coordinate or scalar
	jwsES string // the JWS algorithm of ECDSA with this curve (RFC 7518 §3.4)
}

var curves = []curve{
	{"P-256", elliptic.P256(), ecdh.P256(), 32, "ES256"},
	{"P-384", elliptic.P384(), ecdh.P384(), 48, "ES384"},
	{"P-521", elliptic.P521(), ecdh.P521(), 66, "ES512"},
}

// findCurve matches a NamedCurve; unlike algorithm names it is case-sensitive.
func findCurve(name string) (curve, error) {
	for _, c := range curves {
		if c.name == name {
			return c, nil
		}
	}
	return curve{}, errorf(NotSupportedError, "Unrecognized namedCurve")
}

func curveOf(c elliptic.Curve) string {
	for _, k := range curves {
		if k.ec == c {
			return k.name
		}
	}
	return ""
}

func ecGenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	pubUsages, privUsages, err := checkPairUsages(p.Name, usages)
	if err != nil {
		return nil, nil, err
	}
	c, err := findCurve(p.NamedCurve)
	if err != nil {
		return nil, nil, err
	}
	priv, err := ecdsa.GenerateKey(c.ec, rand.Reader)
	if err != nil {
		return nil, nil, opFailed()
	}
	pub, private, err := ecKeysFor(p.Name, &priv.PublicKey, priv)
	if err != nil {
		return nil, nil, err
	}
	alg := KeyAlgorithm{Name: p.Name, NamedCurve: c.name}
	return nil, &KeyPair{
		PublicKey:  &Key{Type: Public, Extractable: true, Algorithm: alg, Usages: pubUsages, public: pub},
		PrivateKey: &Key{Type: Private, Extractable: extractable, Algorithm: alg, Usages: privUsages, private: private},
	}, nil
}

// ecKeysFor turns crypto/ecdsa keys into what a key of the algorithm holds.
func ecKeysFor(name string, pub *ecdsa.PublicKey, priv *ecdsa.PrivateKey) (any, any, error) {
	if name == ECDSA {
		if priv == nil {
			return pub, nil, nil
		}
		return pub, priv, nil
	}
	epub, err := pub.ECDH()
	if err != nil {
		return nil, nil, invalidKeyData()
	}
	if priv == nil {
		return epub, nil, nil
	}
	epriv, err := priv.ECDH()
	if err != nil {
		return nil, nil, invalidKeyData()
	}
	return epub, epriv, nil
}

// ecImportKey is the "import key" operation of ECDSA and ECDH.
func ecImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	keyType := Public
	if format == FormatPKCS8 || (format == FormatJWK && jwk.D != "") {
		keyType = Private
	}
	if format != FormatRaw && format != FormatSPKI && format != FormatPKCS8 && format != FormatJWK {
		return nil, errorf(NotSupportedError, "Unable to import %s key with format %s", p.Name, format)
	}
	if err := checkUsages(p.Name, keyType, usages); err != nil {
		return nil, err
	}
	c, err := findCurve(p.NamedCurve)
	if err != nil {
		return nil, err
	}
	var pub *ecdsa.PublicKey
	var priv *ecdsa.PrivateKey
	switch format {
	case FormatRaw:
		if pub, err = parsePoint(c, data); err != nil {
			return nil, err
		}
	case FormatSPKI:
		if pub, err = parseSPKI[*ecdsa.PublicKey](data); err != nil {
			return nil, err
		}
	case FormatPKCS8:
		if priv, err = parsePKCS8[*ecdsa.PrivateKey](data); err != nil {
			return nil, err
		}
		pub = &priv.PublicKey
	case FormatJWK:
		if pub, priv, err = ecFromJWK(c, jwk, p.Name, usages, extractable); err != nil {
			return nil, err
		}
	}
	if curveOf(pub.Curve) != c.name {
		return nil, errorf(DataError, "Named curve mismatch")
	}
	public, private, err := ecKeysFor(p.Name, pub, priv)
	if err != nil {
		return nil, err
	}
	return &Key{Type: keyType, Algorithm: KeyAlgorithm{Name: p.Name, NamedCurve: c.name}, public: public, private: private}, nil
}

// parsePoint reads an uncompressed or compressed point (SEC 1 §2.3.4).
func parsePoint(c curve, data []byte) (*ecdsa.PublicKey, error) {
	if len(data) == 1+c.size && (data[0] == 2 || data[0] == 3) {
		x, y := elliptic.UnmarshalCompressed(c.ec, data)
		if x == nil {
			return nil, invalidKeyData()
		}
		data = uncompressed(c, x, y)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c.ec, data)
	if err != nil {
		return nil, invalidKeyData()
	}
	return pub, nil
}

func uncompressed(c curve, x, y *big.Int) []byte {
	b := make([]byte, 1+2*c.size)
	b[0] = 4
	x.FillBytes(b[1 : 1+c.size])
	y.FillBytes(b[1+c.size:])
	return b
}

func ecFromJWK(c curve, j *JWK, name string, usages []string, extractable bool) (*ecdsa.PublicKey, *ecdsa.PrivateKey, error) {
	use := "sig"
	if name == ECDH {
		use = "enc"
	}
	if err := j.check("EC", usages, extractable, use); err != nil {
		return nil, nil, err
	}
	if j.Crv != c.name {
		return nil, nil, errorf(DataError, `JWK "crv" does not match the requested algorithm`)
	}
	if name == ECDSA {
		if err := j.checkAlg(c.jwsES); err != nil {
			return nil, nil, err
		}
	}
	x, err := unb64(j.X)
	if err != nil {
		return nil, nil, err
	}
	y, err := unb64(j.Y)
	if err != nil {
		return nil, nil, err
	}
	if len(x) != c.size || len(y) != c.size {
		return nil, nil, invalidKeyData()
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c.ec, append(append([]byte{4}, x...), y...))
	if err != nil {
		return nil, nil, invalidKeyData()
	}
	if j.D == "" {
		return pub, nil, nil
	}
	d, err := unb64(j.D)
	if err != nil {
		return nil, nil, err
	}
	priv, err := ecdsa.ParseRawPrivateKey(c.ec, d)
	if err != nil || !priv.PublicKey.Equal(pub) {
		return nil, nil, invalidKeyData()
	}
	return pub, priv, nil
}

// ecPoint gives the uncompressed public point and, for a private key, the scalar.
func ecPoint(k *Key) (point, d []byte) {
	switch x := k.private.(type) {
	case *ecdsa.PrivateKey:
		point, _ = x.PublicKey.Bytes()
		d, _ = x.Bytes()
		return point, d
	case *ecdh.PrivateKey:
		return x.PublicKey().Bytes(), x.Bytes()
	}
	switch x := k.public.(type) {
	case *ecdsa.PublicKey:
		point, _ = x.Bytes()
		return point, nil
	case *ecdh.PublicKey:
		return x.Bytes(), nil
	}
	return nil, nil
}

func ecExportKey(format string, k *Key) ([]byte, *JWK, error) {
	point, d := ecPoint(k)
	switch {
	case format == FormatRaw && k.Type == Public:
		return point, nil, nil
	case format == FormatSPKI && k.Type == Public:
		b, err := x509.MarshalPKIXPublicKey(k.public)
		if err != nil {
			return nil, nil, opFailed()
		}
		return b, nil, nil
	case format == FormatPKCS8 && k.Type == Private:
		b, err := x509.MarshalPKCS8PrivateKey(k.private)
		if err != nil {
			return nil, nil, opFailed()
		}
		return b, nil, nil
	case format == FormatJWK:
		size := (len(point) - 1) / 2
		j := &JWK{Kty: "EC", Crv: k.Algorithm.NamedCurve, X: b64(point[1 : 1+size]), Y: b64(point[1+size:])}
		if d != nil {
			j.D = b64(d)
		}
		return nil, j, nil
	}
	return nil, nil, errorf(InvalidAccessError, "Unable to export a %s %s key in %s format", k.Algorithm.Name, k.Type, format)
}

// ecdsaSign is the ECDSA sign operation: the signature is r and s, each as long as the curve's order,
// concatenated (IEEE P1363), not DER.
func ecdsaSign(p *Params, k *Key, data []byte) ([]byte, error) {
	priv := k.private.(*ecdsa.PrivateKey)
	r, s, err := ecdsa.Sign(rand.Reader, priv, hashSum(p.Hash, data))
	if err != nil {
		return nil, opFailed()
	}
	n := (priv.Curve.Params().N.BitLen() + 7) / 8
	sig := make([]byte, 2*n)
	r.FillBytes(sig[:n])
	s.FillBytes(sig[n:])
	return sig, nil
}

// ecdsaVerify is the ECDSA verify operation.
func ecdsaVerify(p *Params, k *Key, sig, data []byte) (bool, error) {
	pub := k.public.(*ecdsa.PublicKey)
	n := (pub.Curve.Params().N.BitLen() + 7) / 8
	if len(sig) != 2*n {
		return false, nil
	}
	r, s := new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])
	return ecdsa.Verify(pub, hashSum(p.Hash, data), r, s), nil
}

// ecdhDeriveBits is the ECDH "derive bits" operation; X25519's is the same.
func ecdhDeriveBits(p *Params, k *Key, length int) ([]byte, error) {
	pub := p.Public
	if pub == nil {
		return nil, errorf(TypeError, "algorithm.public is required")
	}
	if pub.Type != Public {
		return nil, errorf(InvalidAccessError, "algorithm.public must be a public key")
	}
	if pub.Algorithm.Name != k.Algorithm.Name {
		if pub.Algorithm.Name == ECDH || pub.Algorithm.Name == X25519 {
			return nil, errorf(InvalidAccessError, "The public and private keys must be of the same type")
		}
		return nil, errorf(InvalidAccessError, "Key algorithm mismatch")
	}
	if pub.Algorithm.NamedCurve != k.Algorithm.NamedCurve {
		return nil, errorf(InvalidAccessError, "Named curve mismatch")
	}
	secret, err := k.private.(*ecdh.PrivateKey).ECDH(pub.public.(*ecdh.PublicKey))
	if err != nil {
		return nil, opFailed()
	}
	return truncateBits(secret, length)
}

// truncateBits takes the first length bits of secret, the rest of the last byte zeroed; the
// whole secret for NoLength (the last steps of ECDH "derive bits").
func truncateBits(secret []byte, length int) ([]byte, error) {
	if length == NoLength {
		return secret, nil
	}
	if length > len(secret)*8 {
		return nil, errorf(OperationError, "derived bit length is too small")
	}
	out := secret[:(length+7)/8]
	if r := length % 8; r != 0 {
		out[len(out)-1] &= 0xFF << (8 - r)
	}
	return out, nil
}
