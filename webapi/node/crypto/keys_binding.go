package crypto

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"math/big"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/console"
	wcrypto "github.com/jsroute/jsroute/webapi/crypto"
)

var typeErrorCodes = map[string]bool{"ERR_CRYPTO_INVALID_JWK": true, "ERR_CRYPTO_INVALID_DIGEST": true, "ERR_CRYPTO_INVALID_CURVE": true, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE": true}

// throwKey panics with the Node error for a key operation's failure.
func (b *binding) throwKey(err error) {
	ke, ok := err.(*keyError)
	if !ok {
		panic(b.r.VM.NewGoError(err))
	}
	ctor := "Error"
	if typeErrorCodes[ke.code] {
		ctor = "TypeError"
	}
	o := console.NodeError(b.r, ctor, ke.code, "%s", ke.msg)
	if ke.code == "ERR_OSSL_UNSUPPORTED" {
		o.Set("library", "DECODER routines")
		o.Set("reason", "unsupported")
	}
	panic(o)
}

func (b *binding) keys() {
	vm := b.r.VM
	handle := func(v goja.Value) *keyHandle { return v.Export().(*keyHandle) }
	b.set("keyType", func(call goja.FunctionCall) goja.Value { return vm.ToValue(handle(call.Argument(0)).typ) })
	b.set("keySize", func(call goja.FunctionCall) goja.Value { return vm.ToValue(len(handle(call.Argument(0)).secret)) })
	b.set("keyAsymType", func(call goja.FunctionCall) goja.Value { return vm.ToValue(asymType(handle(call.Argument(0)).pub)) })
	b.set("keyDetails", func(call goja.FunctionCall) goja.Value {
		o := vm.NewObject()
		switch p := handle(call.Argument(0)).pub.(type) {
		case *rsa.PublicKey:
			o.Set("modulusLength", p.N.BitLen())
			o.Set("publicExponent", big.NewInt(int64(p.E)))
		case *ecdsa.PublicKey:
			o.Set("namedCurve", curveName(p.Curve))
		case *ecdh.PublicKey:
			if p.Curve() != ecdh.X25519() {
				o.Set("namedCurve", map[ecdh.Curve]string{ecdh.P256(): "prime256v1", ecdh.P384(): "secp384r1", ecdh.P521(): "secp521r1"}[p.Curve()])
			}
		}
		return o
	})
	// keyParse(data, format, type, kind): data is bytes (pem, der) or the JWK object.
	b.set("keyParse", func(call goja.FunctionCall) goja.Value {
		format, typ, kind := call.Argument(1).String(), call.Argument(2).String(), call.Argument(3).String()
		var h *keyHandle
		var err error
		switch format {
		case "jwk":
			j := map[string]string{}
			o := call.Argument(0).ToObject(vm)
			for _, k := range o.Keys() {
				if v := o.Get(k); v != nil {
					if _, isStr := v.(goja.String); isStr {
						j[k] = v.String()
					}
				}
			}
			h, err = parseJWK(j, kind == "private")
		case "der":
			if kind == "public" {
				h, err = parseDER(b.bytes(call.Argument(0)), typ, false)
				if err != nil && typ != "spki" { // a public key may also be read from private DER
					h, err = parseDER(b.bytes(call.Argument(0)), typ, true)
				}
				if err != nil && typ == "pkcs1" {
					h, err = parseDER(b.bytes(call.Argument(0)), typ, true)
				}
			} else {
				h, err = parseDER(b.bytes(call.Argument(0)), typ, true)
			}
		default:
			h, err = parsePEM(b.bytes(call.Argument(0)), kind == "private")
		}
		if err != nil {
			b.throwKey(err)
		}
		if kind == "public" && h.typ == "private" {
			h = h.public()
		}
		if kind == "private" && h.typ != "private" {
			b.throwKey(errDecode)
		}
		return vm.ToValue(h)
	})
	b.set("keySecret", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(&keyHandle{typ: "secret", secret: b.copyBytes(call.Argument(0))})
	})
	b.set("keyFromCryptoKey", func(call goja.FunctionCall) goja.Value {
		k, ok := wcrypto.KeyOf(b.r, call.Argument(0))
		if !ok {
			panic(vm.NewTypeError("not a CryptoKey"))
		}
		return vm.ToValue(fromCryptoKey(k))
	})
	b.set("keyPublicOf", func(call goja.FunctionCall) goja.Value { return vm.ToValue(handle(call.Argument(0)).public()) })
	b.set("keyEquals", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(keysEqual(handle(call.Argument(0)), handle(call.Argument(1))))
	})
	// keyExport(h, format, type): secret bytes; DER (Buffer) or PEM (string) of type.
	b.set("keyExport", func(call goja.FunctionCall) goja.Value {
		h := handle(call.Argument(0))
		if h.typ == "secret" {
			return b.buf(append([]byte(nil), h.secret...))
		}
		der, label, err := exportDER(h, call.Argument(2).String())
		if err != nil {
			b.throwKey(err)
		}
		if call.Argument(1).String() == "der" {
			return b.buf(der)
		}
		return vm.ToValue(string(pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der})))
	})
	b.set("keyExportJWK", func(call goja.FunctionCall) goja.Value {
		h := handle(call.Argument(0))
		members, err := jwkOf(h)
		if err != nil {
			b.throwKey(&keyError{"ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE", "Unsupported JWK Key Type."})
		}
		o := vm.NewObject()
		for _, m := range members {
			o.Set(m[0], m[1])
		}
		return o
	})
	opts := func(call goja.FunctionCall, from int) signOpts {
		o := signOpts{padding: 1, saltLength: -2}
		if d := call.Argument(from); !goja.IsUndefined(d) && !goja.IsNull(d) {
			o.digest = d.String()
		}
		if p := call.Argument(from + 1); !goja.IsUndefined(p) {
			o.padding = int(p.ToInteger())
		}
		if s := call.Argument(from + 2); !goja.IsUndefined(s) {
			o.saltLength = int(s.ToInteger())
		}
		o.p1363 = call.Argument(from+3).String() == "ieee-p1363"
		return o
	}
	// sign(h, data, digest, padding, saltLength, dsaEncoding)
	b.set("sign", func(call goja.FunctionCall) goja.Value {
		h := handle(call.Argument(0))
		o := opts(call, 2)
		if _, isRSA := h.priv.(*rsa.PrivateKey); !isRSA && o.digest == "" && asymType(h.pub) != "ed25519" {
			o.digest = "sha256"
		}
		sig, err := sign(h, b.bytes(call.Argument(1)), o)
		if err != nil {
			b.throwKey(err)
		}
		return b.buf(sig)
	})
	// verify(h, data, signature, digest, padding, saltLength, dsaEncoding)
	b.set("verify", func(call goja.FunctionCall) goja.Value {
		h := handle(call.Argument(0))
		o := opts(call, 3)
		if o.digest == "" && asymType(h.pub) != "ed25519" {
			o.digest = "sha256"
		}
		ok, err := verify(h, b.bytes(call.Argument(1)), b.bytes(call.Argument(2)), o)
		if err != nil {
			b.throwKey(err)
		}
		return vm.ToValue(ok)
	})
	genArgs := func(call goja.FunctionCall) (string, int, int64, string) {
		exp := int64(65537)
		if e := call.Argument(2); !goja.IsUndefined(e) {
			exp = e.ToInteger()
		}
		return call.Argument(0).String(), int(call.Argument(1).ToInteger()), exp, call.Argument(3).String()
	}
	b.set("generate", func(call goja.FunctionCall) goja.Value {
		h, err := generate(genArgs(call))
		if err != nil {
			b.throwKey(err)
		}
		return vm.ToValue(h)
	})
	// generateAsync(type, modulus, exponent, curve, callback(err, handle)) on a goroutine.
	b.set("generateAsync", func(call goja.FunctionCall) goja.Value {
		typ, mod, exp, curve := genArgs(call)
		cb, _ := goja.AssertFunction(call.Argument(4))
		complete := b.r.Host.Reserve()
		go func() {
			h, err := recovered(func() (*keyHandle, error) { return generate(typ, mod, exp, curve) })
			complete(func() {
				var e goja.Value = goja.Null()
				var res goja.Value = goja.Undefined()
				if err != nil {
					e = vm.ToValue(err.Error())
				} else {
					res = vm.ToValue(h)
				}
				if _, err := cb(goja.Undefined(), e, res); err != nil {
					panic(err)
				}
			})
		}()
		return goja.Undefined()
	})
	b.set("secretGenerate", func(call goja.FunctionCall) goja.Value {
		k := make([]byte, call.Argument(0).ToInteger())
		rand.Read(k)
		return vm.ToValue(&keyHandle{typ: "secret", secret: k})
	})
	// rsaCrypt(h, data, padding, oaepHash, label, decrypt)
	b.set("rsaCrypt", func(call goja.FunctionCall) goja.Value {
		h := handle(call.Argument(0))
		data := b.bytes(call.Argument(1))
		padding := int(call.Argument(2).ToInteger())
		hashName := call.Argument(3).String()
		var label []byte
		if l := call.Argument(4); !goja.IsUndefined(l) && !goja.IsNull(l) {
			label = b.copyBytes(l)
		}
		decrypt := call.Argument(5).ToBoolean()
		d := lookupDigest(hashName)
		if d == nil || d.xof > 0 {
			b.throwKey(&keyError{"ERR_OSSL_EVP_INVALID_DIGEST", "error:1C8000A6:Provider routines::invalid digest"})
		}
		var out []byte
		var err error
		switch {
		case decrypt:
			priv, ok := h.priv.(*rsa.PrivateKey)
			if !ok {
				b.throwKey(&keyError{"ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type"})
			}
			if padding == 4 {
				out, err = rsa.DecryptOAEP(d.new(), rand.Reader, priv, data, label)
			} else {
				b.throw("Error", "ERR_NOT_SUPPORTED", "padding %d is not supported by jsroute", padding)
			}
			if err != nil {
				b.throwKey(&keyError{"ERR_OSSL_RSA_OAEP_DECODING_ERROR", "error:02000079:rsa routines::oaep decoding error"})
			}
		default:
			pub, ok := h.pub.(*rsa.PublicKey)
			if !ok {
				b.throwKey(&keyError{"ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type"})
			}
			switch padding {
			case 4:
				out, err = rsa.EncryptOAEP(d.new(), rand.Reader, pub, data, label)
			case 1:
				out, err = rsa.EncryptPKCS1v15(rand.Reader, pub, data)
			default:
				b.throw("Error", "ERR_NOT_SUPPORTED", "padding %d is not supported by jsroute", padding)
			}
			if err != nil {
				b.throwKey(&keyError{"ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE", "error:0200006E:rsa routines::data too large for key size"})
			}
		}
		return b.buf(out)
	})
	// dh(privateHandle, publicHandle) → the shared secret.
	b.set("dh", func(call goja.FunctionCall) goja.Value {
		priv, err1 := ecdhPrivate(handle(call.Argument(0)))
		pub, err2 := ecdhPublic(handle(call.Argument(1)))
		if err1 != nil || err2 != nil {
			b.throw("Error", "ERR_CRYPTO_INCOMPATIBLE_KEY", "Incompatible key types for Diffie-Hellman: %s and %s", asymType(handle(call.Argument(0)).pub), asymType(handle(call.Argument(1)).pub))
		}
		s, err := priv.ECDH(pub)
		if err != nil {
			b.throw("Error", "ERR_CRYPTO_INCOMPATIBLE_KEY", "Incompatible key types for Diffie-Hellman: %s and %s", asymType(handle(call.Argument(0)).pub), asymType(handle(call.Argument(1)).pub))
		}
		return b.buf(s)
	})
}

// constants is crypto.constants of Node 20 (OpenSSL 3).
func constants(vm *goja.Runtime) *goja.Object {
	o := vm.NewObject()
	const list = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA"
	for _, kv := range []struct {
		k string
		v any
	}{
		{"OPENSSL_VERSION_NUMBER", 805306672}, {"SSL_OP_ALL", 2147485776}, {"SSL_OP_ALLOW_NO_DHE_KEX", 1024}, {"SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION", 262144},
		{"SSL_OP_CIPHER_SERVER_PREFERENCE", 4194304}, {"SSL_OP_CISCO_ANYCONNECT", 32768}, {"SSL_OP_COOKIE_EXCHANGE", 8192}, {"SSL_OP_CRYPTOPRO_TLSEXT_BUG", 2147483648},
		{"SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS", 2048}, {"SSL_OP_LEGACY_SERVER_CONNECT", 4}, {"SSL_OP_NO_COMPRESSION", 131072}, {"SSL_OP_NO_ENCRYPT_THEN_MAC", 524288},
		{"SSL_OP_NO_QUERY_MTU", 4096}, {"SSL_OP_NO_RENEGOTIATION", 1073741824}, {"SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION", 65536}, {"SSL_OP_NO_SSLv2", 0},
		{"SSL_OP_NO_SSLv3", 33554432}, {"SSL_OP_NO_TICKET", 16384}, {"SSL_OP_NO_TLSv1", 67108864}, {"SSL_OP_NO_TLSv1_1", 268435456}, {"SSL_OP_NO_TLSv1_2", 134217728},
		{"SSL_OP_NO_TLSv1_3", 536870912}, {"SSL_OP_PRIORITIZE_CHACHA", 2097152}, {"SSL_OP_TLS_ROLLBACK_BUG", 8388608}, {"ENGINE_METHOD_RSA", 1}, {"ENGINE_METHOD_DSA", 2},
		{"ENGINE_METHOD_DH", 4}, {"ENGINE_METHOD_RAND", 8}, {"ENGINE_METHOD_EC", 2048}, {"ENGINE_METHOD_CIPHERS", 64}, {"ENGINE_METHOD_DIGESTS", 128},
		{"ENGINE_METHOD_PKEY_METHS", 512}, {"ENGINE_METHOD_PKEY_ASN1_METHS", 1024}, {"ENGINE_METHOD_ALL", 65535}, {"ENGINE_METHOD_NONE", 0},
		{"DH_CHECK_P_NOT_SAFE_PRIME", 2}, {"DH_CHECK_P_NOT_PRIME", 1}, {"DH_UNABLE_TO_CHECK_GENERATOR", 4}, {"DH_NOT_SUITABLE_GENERATOR", 8},
		{"RSA_PKCS1_PADDING", 1}, {"RSA_NO_PADDING", 3}, {"RSA_PKCS1_OAEP_PADDING", 4}, {"RSA_X931_PADDING", 5}, {"RSA_PKCS1_PSS_PADDING", 6},
		{"RSA_PSS_SALTLEN_DIGEST", -1}, {"RSA_PSS_SALTLEN_MAX_SIGN", -2}, {"RSA_PSS_SALTLEN_AUTO", -2}, {"defaultCoreCipherList", list},
		{"TLS1_VERSION", 769}, {"TLS1_1_VERSION", 770}, {"TLS1_2_VERSION", 771}, {"TLS1_3_VERSION", 772},
		{"POINT_CONVERSION_COMPRESSED", 2}, {"POINT_CONVERSION_UNCOMPRESSED", 4}, {"POINT_CONVERSION_HYBRID", 6}, {"defaultCipherList", list},
	} {
		o.Set(kv.k, kv.v)
	}
	return o
}
