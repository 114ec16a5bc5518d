package crypto

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
)

// Ed25519 and X25519 (Web Crypto "Ed25519" and "X25519", from the Secure Curves draft; RFC
// 8032, RFC 7748): 32-byte keys, JWK type OKP (RFC 8037).
var okpAlgorithm = &algorithm{
	sign:        ed25519Sign,
	verify:      ed25519Verify,
	deriveBits:  ecdhDeriveBits,
	generateKey: okpGenerateKey,
	importKey:   okpImportKey,
	exportKey:   okpExportKey,
}

func okpGenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	pubUsages, privUsages, err := checkPairUsages(p.Name, usages)
	if err != nil {
		return nil, nil, err
	}
	var pub, priv any
	if p.Name == Ed25519 {
		pub, priv, err = ed25519.GenerateKey(rand.Reader)
	} else {
		var k *ecdh.PrivateKey
		k, err = ecdh.X25519().GenerateKey(rand.Reader)
		pub, priv = k.PublicKey(), k
	}
	if err != nil {
		return nil, nil, opFailed()
	}
	alg := KeyAlgorithm{Name: p.Name}
	return nil, &KeyPair{
		PublicKey:  &Key{Type: Public, Extractable: true, Algorithm: alg, Usages: pubUsages, public: pub},
		PrivateKey: &Key{Type: Private, Extractable: extractable, Algorithm: alg, Usages: privUsages, private: priv},
	}, nil
}

// okpImportKey is the "import key" operation of Ed25519 and X25519.
func okpImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
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
	k := &Key{Type: keyType, Algorithm: KeyAlgorithm{Name: p.Name}}
	var err error
	switch format {
	case FormatRaw:
		if len(data) != 32 {
			return nil, errorf(DataError, "%s raw keys must be exactly 32-bytes", p.Name)
		}
		k.public, err = okpPublic(p.Name, data)
	case FormatSPKI:
		parsed, perr := x509.ParsePKIXPublicKey(data)
		if perr != nil {
			return nil, invalidKeyData()
		}
		k.public, err = okpCheckType(p.Name, parsed)
	case FormatPKCS8:
		parsed, perr := x509.ParsePKCS8PrivateKey(data)
		if perr != nil {
			return nil, invalidKeyData()
		}
		k.private, err = okpCheckType(p.Name, parsed)
	case FormatJWK:
		k.public, k.private, err = okpFromJWK(p.Name, jwk, usages, extractable)
	}
	if err != nil {
		return nil, err
	}
	return k, nil
}

func okpPublic(name string, b []byte) (any, error) {
	if name == Ed25519 {
		return ed25519.PublicKey(append([]byte(nil), b...)), nil
	}
	pub, err := ecdh.X25519().NewPublicKey(b)
	if err != nil {
		return nil, invalidKeyData()
	}
	return pub, nil
}

// okpCheckType accepts a parsed SPKI or PKCS #8 key when it is of the algorithm asked for.
func okpCheckType(name string, k any) (any, error) {
	switch x := k.(type) {
	case ed25519.PublicKey, ed25519.PrivateKey:
		if name == Ed25519 {
			return x, nil
		}
	case *ecdh.PublicKey:
		if name == X25519 && x.Curve() == ecdh.X25519() {
			return x, nil
		}
	case *ecdh.PrivateKey:
		if name == X25519 && x.Curve() == ecdh.X25519() {
			return x, nil
		}
	}
	return nil, errorf(DataError, "Invalid key type")
}

func okpFromJWK(name string, j *JWK, usages []string, extractable bool) (pub, priv any, err error) {
	use := "sig"
	if name == X25519 {
		use = "enc"
	}
	if err := j.check("OKP", usages, extractable, use); err != nil {
		return nil, nil, err
	}
	if j.Crv != name {
		return nil, nil, errorf(DataError, `JWK "crv" Parameter and algorithm name mismatch`)
	}
	if name == Ed25519 {
		if err := j.checkAlg("EdDSA", Ed25519); err != nil {
			return nil, nil, err
		}
	}
	x, err := unb64(j.X)
	if err != nil || len(x) != 32 {
		return nil, nil, invalidKeyData()
	}
	if j.D == "" {
		pub, err := okpPublic(name, x)
		return pub, nil, err
	}
	d, err := unb64(j.D)
	if err != nil || len(d) != 32 {
		return nil, nil, invalidKeyData()
	}
	var derived []byte
	if name == Ed25519 {
		k := ed25519.NewKeyFromSeed(d)
		priv, derived = k, k.Public().(ed25519.PublicKey)
	} else {
		k, err := ecdh.X25519().NewPrivateKey(d)
		if err != nil {
			return nil, nil, invalidKeyData()
		}
		priv, derived = k, k.PublicKey().Bytes()
	}
	if !bytes.Equal(derived, x) {
		return nil, nil, invalidKeyData()
	}
	return nil, priv, nil
}

// okpBytes gives the public key and, for a private key, the private key bytes (the Ed25519 seed).
func okpBytes(k *Key) (pub, priv []byte) {
	switch x := k.private.(type) {
	case ed25519.PrivateKey:
		return x.Public().(ed25519.PublicKey), x.Seed()
	case *ecdh.PrivateKey:
		return x.PublicKey().Bytes(), x.Bytes()
	}
	switch x := k.public.(type) {
	case ed25519.PublicKey:
		return x, nil
	case *ecdh.PublicKey:
		return x.Bytes(), nil
	}
	return nil, nil
}

func okpExportKey(format string, k *Key) ([]byte, *JWK, error) {
	pub, priv := okpBytes(k)
	switch {
	case format == FormatRaw && k.Type == Public:
		return append([]byte(nil), pub...), nil, nil
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
		j := &JWK{Kty: "OKP", Crv: k.Algorithm.Name, X: b64(pub)}
		if priv != nil {
			j.D = b64(priv)
		}
		if k.Algorithm.Name == Ed25519 {
			j.Alg = Ed25519 // as Node.js 20 writes it
		}
		return nil, j, nil
	}
	return nil, nil, errorf(InvalidAccessError, "Unable to export a %s %s key in %s format", k.Algorithm.Name, k.Type, format)
}

func ed25519Sign(_ *Params, k *Key, data []byte) ([]byte, error) {
	return ed25519.Sign(k.private.(ed25519.PrivateKey), data), nil
}

func ed25519Verify(_ *Params, k *Key, sig, data []byte) (bool, error) {
	pub := k.public.(ed25519.PublicKey)
	if len(sig) != ed25519.SignatureSize {
		return false, nil
	}
	return ed25519.Verify(pub, data, sig), nil
}
