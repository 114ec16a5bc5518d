package crypto

import (
	"crypto/ecdh"
	"crypto/elliptic"
	"crypto/rand"
	"math/big"

	"github.com/dop251/goja"
)

// ecdhState is a crypto.ECDH object (createECDH): a curve and, once generated or set, a key.
type ecdhState struct {
	curve ecdh.Curve
	ell   elliptic.Curve
	priv  *ecdh.PrivateKey
}

func ecdhCurve(name string) (ecdh.Curve, elliptic.Curve) {
	switch name {
	case "prime256v1", "secp256r1", "P-256":
		return ecdh.P256(), elliptic.P256()
	case "secp384r1", "P-384":
		return ecdh.P384(), elliptic.P384()
	case "secp521r1", "P-521":
		return ecdh.P521(), elliptic.P521()
	}
	return nil, nil
}

// encodePoint writes an uncompressed SEC 1 point (crypto/ecdh's form) as format: uncompressed,
// compressed or hybrid.
func encodePoint(ell elliptic.Curve, point []byte, format string) []byte {
	if format == "uncompressed" || format == "" {
		return point
	}
	x, y := elliptic.Unmarshal(ell, point) //nolint:staticcheck // only to re-encode a valid point
	if x == nil {
		return point
	}
	if format == "compressed" {
		return elliptic.MarshalCompressed(ell, x, y)
	}
	out := append([]byte(nil), point...)
	out[0] = 6 | byte(y.Bit(0)) // hybrid: 0x06 or 0x07
	return out
}

// decodePoint reads any SEC 1 form into the uncompressed one.
func decodePoint(ell elliptic.Curve, b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case 2, 3:
		x, y := elliptic.UnmarshalCompressed(ell, b)
		if x == nil {
			return nil
		}
		return elliptic.Marshal(ell, x, y) //nolint:staticcheck
	case 6, 7:
		c := append([]byte(nil), b...)
		c[0] = 4
		return c
	}
	return b
}

func (b *binding) ecdh() {
	vm := b.r.VM
	state := func(v goja.Value) *ecdhState { return v.Export().(*ecdhState) }
	b.set("ecdhNew", func(call goja.FunctionCall) goja.Value {
		c, ell := ecdhCurve(call.Argument(0).String())
		if c == nil {
			b.throw("TypeError", "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name")
		}
		return vm.ToValue(&ecdhState{curve: c, ell: ell})
	})
	b.set("ecdhGenerate", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		k, err := s.curve.GenerateKey(rand.Reader)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		s.priv = k
		return goja.Undefined()
	})
	b.set("ecdhPublic", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		if s.priv == nil {
			b.throw("Error", "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH public key")
		}
		return b.buf(encodePoint(s.ell, s.priv.PublicKey().Bytes(), call.Argument(1).String()))
	})
	b.set("ecdhPrivate", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		if s.priv == nil {
			b.throw("Error", "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH private key")
		}
		return b.buf(s.priv.Bytes())
	})
	b.set("ecdhSetPrivate", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		raw := b.bytes(call.Argument(1))
		n := (s.ell.Params().BitSize + 7) / 8
		// OpenSSL takes the scalar as a big-endian integer of any length below the order.
		d := new(big.Int).SetBytes(raw)
		if d.Sign() == 0 || d.Cmp(s.ell.Params().N) >= 0 {
			b.throw("RangeError", "ERR_CRYPTO_INVALID_KEYTYPE", "Private key is not valid for specified curve.")
		}
		k, err := s.curve.NewPrivateKey(d.FillBytes(make([]byte, n)))
		if err != nil {
			b.throw("RangeError", "ERR_CRYPTO_INVALID_KEYTYPE", "Private key is not valid for specified curve.")
		}
		s.priv = k
		return goja.Undefined()
	})
	b.set("ecdhCompute", func(call goja.FunctionCall) goja.Value {
		s := state(call.Argument(0))
		pt := decodePoint(s.ell, b.bytes(call.Argument(1)))
		pub, err := s.curve.NewPublicKey(pt)
		if err != nil || s.priv == nil {
			b.throw("Error", "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve")
		}
		secret, err := s.priv.ECDH(pub)
		if err != nil {
			b.throw("Error", "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve")
		}
		return b.buf(secret)
	})
	// ecdhConvert(curve, key, format): ECDH.convertKey.
	b.set("ecdhConvert", func(call goja.FunctionCall) goja.Value {
		c, ell := ecdhCurve(call.Argument(0).String())
		if c == nil {
			b.throw("TypeError", "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name")
		}
		pt := decodePoint(ell, b.bytes(call.Argument(1)))
		if _, err := c.NewPublicKey(pt); err != nil {
			b.throw("Error", "ERR_CRYPTO_OPERATION_FAILED", "Failed to convert Buffer to EC_POINT")
		}
		return b.buf(encodePoint(ell, pt, call.Argument(2).String()))
	})
}

// primes: checkPrime (candidate bytes, big-endian) and generatePrime (bits, safe).
func (b *binding) primes() {
	vm := b.r.VM
	b.set("checkPrime", func(call goja.FunctionCall) goja.Value {
		n := new(big.Int).SetBytes(b.bytes(call.Argument(0)))
		checks := int(call.Argument(1).ToInteger())
		if checks <= 0 {
			checks = 20
		}
		return vm.ToValue(n.ProbablyPrime(checks))
	})
	b.set("generatePrime", func(call goja.FunctionCall) goja.Value {
		bits := int(call.Argument(0).ToInteger())
		safe := call.Argument(1).ToBoolean()
		for {
			p, err := rand.Prime(rand.Reader, bits)
			if err != nil {
				panic(vm.NewGoError(err))
			}
			if safe && !new(big.Int).Rsh(p, 1).ProbablyPrime(20) {
				continue
			}
			return b.buf(p.FillBytes(make([]byte, (bits+7)/8)))
		}
	})
}
