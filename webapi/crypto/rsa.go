package crypto

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"math/big"
)

// RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP (Web Crypto sections of those names, RFC 8017) share key handling.
var rsaAlgorithm = &algorithm{
	encrypt:     rsaEncrypt,
	decrypt:     rsaDecrypt,
	sign:        rsaSign,
	verify:      rsaVerify,
	generateKey: rsaGenerateKey,
	importKey:   rsaImportKey,
	exportKey:   rsaExportKey,
}

// rsaJWKAlg is the JWA name of an RSA key for its algorithm and hash ("export key" of each).
func rsaJWKAlg(name, hash string) string {
	switch name {
	case RSASSAPKCS1v15:
		return "RS" + hashSuffix(hash)
	case RSAPSS:
		return "PS" + hashSuffix(hash)
	}
	if hash == SHA1 {
		return "RSA-OAEP"
	}
	return "RSA-OAEP-" + hashSuffix(hash)
}

func rsaKeyAlgorithm(name, hash string, pub *rsa.PublicKey) KeyAlgorithm {
	return KeyAlgorithm{
		Name: name, Hash: hash, ModulusLength: pub.N.BitLen(),
		PublicExponent: big.NewInt(int64(pub.E)).Bytes(),
	}
}

// rsaGenerateKey is the "generate key" operation of the RSA algorithms. RSA key generation takes long:
// the bindings run it off the event loop.
func rsaGenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	pubUsages, privUsages, err := checkPairUsages(p.Name, usages)
	if err != nil {
		return nil, nil, err
	}
	e := new(big.Int).SetBytes(p.PublicExponent)
	if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 || e.Bit(0) == 0 || p.ModulusLength < 1024 || p.ModulusLength > 16384 {
		return nil, nil, opFailed()
	}
	priv, err := generateRSA(p.ModulusLength, int(e.Int64()))
	if err != nil {
		return nil, nil, opFailed()
	}
	alg := KeyAlgorithm{
		Name: p.Name, Hash: p.Hash, ModulusLength: p.ModulusLength,
		PublicExponent: append([]byte(nil), p.PublicExponent...),
	}
	return nil, &KeyPair{
		PublicKey:  &Key{Type: Public, Extractable: true, Algorithm: alg, Usages: pubUsages, public: &priv.PublicKey},
		PrivateKey: &Key{Type: Private, Extractable: extractable, Algorithm: alg, Usages: privUsages, private: priv},
	}, nil
}

// generateRSA makes a two-prime key. Go's rsa.GenerateKey always uses the exponent 65537; for
// any other the primes are drawn here.
func generateRSA(bits, e int) (*rsa.PrivateKey, error) {
	if e == 65537 {
		return rsa.GenerateKey(rand.Reader, bits)
	}
	one := big.NewInt(1)
	E := big.NewInt(int64(e))
	for {
		p, err := rand.Prime(rand.Reader, bits-bits/2)
		if err != nil {
			return nil, err
		}
		q, err := rand.Prime(rand.Reader, bits/2)
		if err != nil {
			return nil, err
		}
		n := new(big.Int).Mul(p, q)
		if p.Cmp(q) == 0 || n.BitLen() != bits {
			continue
		}
		p1, q1 := new(big.Int).Sub(p, one), new(big.Int).Sub(q, one)
		gcd := new(big.Int).GCD(nil, nil, p1, q1)
		lambda := new(big.Int).Div(new(big.Int).Mul(p1, q1), gcd)
		d := new(big.Int).ModInverse(E, lambda)
		if d == nil {
			continue
		}
		key := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: e}, D: d, Primes: []*big.Int{p, q}}
		key.Precompute()
		if key.Validate() == nil {
			return key, nil
		}
	}
}

func rsaImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	keyType := Public
	if format == FormatPKCS8 || (format == FormatJWK && jwk.D != "") {
		keyType = Private
	}
	if format == FormatSPKI || format == FormatPKCS8 || format == FormatJWK {
		if err := checkUsages(p.Name, keyType, usages); err != nil {
			return nil, err
		}
	}
	var pub *rsa.PublicKey
	var priv *rsa.PrivateKey
	var err error
	switch format {
	case FormatSPKI:
		if pub, err = parseSPKI[*rsa.PublicKey](data); err != nil {
			return nil, err
		}
	case FormatPKCS8:
		if priv, err = parsePKCS8[*rsa.PrivateKey](data); err != nil {
			return nil, err
		}
	case FormatJWK:
		use := "sig"
		if p.Name == RSAOAEP {
			use = "enc"
		}
		if err := jwk.check("RSA", usages, extractable, use); err != nil {
			return nil, err
		}
		if err := jwk.checkAlg(rsaJWKAlg(p.Name, p.Hash)); err != nil {
			return nil, err
		}
		var err error
		if pub, priv, err = rsaFromJWK(jwk); err != nil {
			return nil, err
		}
	default:
		return nil, errorf(NotSupportedError, "Unable to import %s key with format %s", p.Name, format)
	}
	if priv != nil {
		pub = &priv.PublicKey
	}
	return &Key{Type: keyType, Algorithm: rsaKeyAlgorithm(p.Name, p.Hash, pub), public: pub, private: priv}, nil
}

// rsaFromJWK reads the members of RFC 7518 §6.3. Like Node.js it needs all of the CRT members
// of a private key.
func rsaFromJWK(j *JWK) (*rsa.PublicKey, *rsa.PrivateKey, error) {
	n, err := unb64Int(j.N)
	if err != nil {
		return nil, nil, err
	}
	e, err := unb64Int(j.E)
	if err != nil {
		return nil, nil, err
	}
	if !e.IsInt64() || e.Int64() > 1<<31-1 || e.Sign() == 0 || n.Sign() == 0 {
		return nil, nil, invalidKeyData()
	}
	pub := &rsa.PublicKey{N: n, E: int(e.Int64())}
	if j.D == "" {
		return pub, nil, nil
	}
	var ints [6]*big.Int
	for i, s := range []string{j.D, j.P, j.Q, j.DP, j.DQ, j.QI} {
		if ints[i], err = unb64Int(s); err != nil {
			return nil, nil, err
		}
	}
	priv := &rsa.PrivateKey{
		PublicKey: *pub, D: ints[0], Primes: []*big.Int{ints[1], ints[2]},
		Precomputed: rsa.PrecomputedValues{Dp: ints[3], Dq: ints[4], Qinv: ints[5]},
	}
	if priv.Validate() != nil {
		return nil, nil, invalidKeyData()
	}
	priv.Precompute()
	return pub, priv, nil
}

func rsaExportKey(format string, k *Key) ([]byte, *JWK, error) {
	switch {
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
		var pub *rsa.PublicKey
		priv, _ := k.private.(*rsa.PrivateKey)
		if priv != nil {
			pub = &priv.PublicKey
		} else {
			pub = k.public.(*rsa.PublicKey)
		}
		j := &JWK{Kty: "RSA", N: b64(pub.N.Bytes()), E: b64(big.NewInt(int64(pub.E)).Bytes()),
			Alg: rsaJWKAlg(k.Algorithm.Name, k.Algorithm.Hash)}
		if priv != nil {
			j.D = b64(priv.D.Bytes())
			j.P, j.Q = b64(priv.Primes[0].Bytes()), b64(priv.Primes[1].Bytes())
			j.DP, j.DQ = b64(priv.Precomputed.Dp.Bytes()), b64(priv.Precomputed.Dq.Bytes())
			j.QI = b64(priv.Precomputed.Qinv.Bytes())
		}
		return nil, j, nil
	}
	return nil, nil, errorf(InvalidAccessError, "Unable to export a %s %s key in %s format", k.Algorithm.Name, k.Type, format)
}

func rsaSign(p *Params, k *Key, data []byte) ([]byte, error) {
	priv := k.private.(*rsa.PrivateKey)
	h := cryptoHash(k.Algorithm.Hash)
	digest := hashSum(k.Algorithm.Hash, data)
	var sig []byte
	var err error
	if p.Name == RSAPSS {
		sig, err = signPSS(priv, k.Algorithm.Hash, digest, p.SaltLength)
	} else {
		sig, err = rsa.SignPKCS1v15(nil, priv, h, digest)
	}
	if err != nil {
		return nil, opFailed()
	}
	return sig, nil
}

func rsaVerify(p *Params, k *Key, sig, data []byte) (bool, error) {
	pub := k.public.(*rsa.PublicKey)
	h := cryptoHash(k.Algorithm.Hash)
	digest := hashSum(k.Algorithm.Hash, data)
	if p.Name == RSAPSS {
		return verifyPSS(pub, k.Algorithm.Hash, digest, sig, p.SaltLength), nil
	}
	return rsa.VerifyPKCS1v15(pub, h, digest, sig) == nil, nil
}

func rsaEncrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	out, err := rsa.EncryptOAEP(cryptoHash(k.Algorithm.Hash).New(), rand.Reader, k.public.(*rsa.PublicKey), data, p.Label)
	if err != nil {
		return nil, opFailed()
	}
	return out, nil
}

func rsaDecrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	out, err := rsa.DecryptOAEP(cryptoHash(k.Algorithm.Hash).New(), nil, k.private.(*rsa.PrivateKey), data, p.Label)
	if err != nil {
		return nil, opFailed()
	}
	return out, nil
}
