package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"math/bits"
)

// AES-CTR, AES-CBC, AES-GCM and AES-KW (Web Crypto, the AES-CTR, AES-CBC, AES-GCM and AES-KW sections) share key generation, import and export.
var aesAlgorithm = &algorithm{
	encrypt:     aesEncrypt,
	decrypt:     aesDecrypt,
	wrapKey:     aesKWWrap,
	unwrapKey:   aesKWUnwrap,
	generateKey: aesGenerateKey,
	importKey:   aesImportKey,
	exportKey:   aesExportKey,
	keyLength:   aesKeyLength,
}

func validAESLength(bits int) bool { return bits == 128 || bits == 192 || bits == 256 }

// jwkAESAlg is the JWA name of an AES key: A128GCM, A256CBC, A192KW, ...
func jwkAESAlg(name string, bits int) string {
	return fmt.Sprintf("A%d%s", bits, name[len("AES-"):])
}

func aesGenerateKey(p *Params, extractable bool, usages []string) (*Key, *KeyPair, error) {
	if err := checkUsages(p.Name, Secret, usages); err != nil {
		return nil, nil, err
	}
	if !validAESLength(p.Length) {
		return nil, nil, errorf(OperationError, "AES key length must be 128, 192, or 256 bits")
	}
	secret := make([]byte, p.Length/8)
	rand.Read(secret)
	return &Key{
		Type: Secret, Extractable: extractable, Usages: usages, secret: secret,
		Algorithm: KeyAlgorithm{Name: p.Name, Length: p.Length},
	}, nil, nil
}

func aesImportKey(format string, data []byte, jwk *JWK, p *Params, extractable bool, usages []string) (*Key, error) {
	if err := checkUsages(p.Name, Secret, usages); err != nil {
		return nil, err
	}
	switch format {
	case FormatRaw:
	case FormatJWK:
		if err := jwk.check("oct", usages, extractable, "enc"); err != nil {
			return nil, err
		}
		if jwk.K == "" {
			return nil, invalidKeyData()
		}
		var err error
		if data, err = unb64(jwk.K); err != nil {
			return nil, err
		}
		if validAESLength(len(data) * 8) {
			if err := jwk.checkAlg(jwkAESAlg(p.Name, len(data)*8)); err != nil {
				return nil, err
			}
		}
	default:
		return nil, errorf(NotSupportedError, "Unable to import %s key with format %s", p.Name, format)
	}
	if !validAESLength(len(data) * 8) {
		return nil, errorf(DataError, "Invalid key length")
	}
	return &Key{
		Type: Secret, secret: append([]byte(nil), data...),
		Algorithm: KeyAlgorithm{Name: p.Name, Length: len(data) * 8},
	}, nil
}

func aesExportKey(format string, k *Key) ([]byte, *JWK, error) {
	switch format {
	case FormatRaw:
		return append([]byte(nil), k.secret...), nil, nil
	case FormatJWK:
		return nil, &JWK{Kty: "oct", K: b64(k.secret), Alg: jwkAESAlg(k.Algorithm.Name, k.Algorithm.Length)}, nil
	}
	return nil, nil, errorf(InvalidAccessError, "Unable to export a %s secret key in %s format", k.Algorithm.Name, format)
}

func aesKeyLength(p *Params) (int, error) {
	if !validAESLength(p.Length) {
		return 0, errorf(OperationError, "AES key length must be 128, 192, or 256 bits")
	}
	return p.Length, nil
}

func aesEncrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	block, _ := aes.NewCipher(k.secret)
	switch p.Name {
	case AESCTR:
		return aesCTR(p, block, data)
	case AESCBC:
		if len(p.IV) != aes.BlockSize {
			return nil, errorf(OperationError, "algorithm.iv must contain exactly 16 bytes")
		}
		// §27.6 encrypt step 2: PKCS#7 padding (RFC 2315 §10.3).
		pad := aes.BlockSize - len(data)%aes.BlockSize
		out := append(append([]byte(nil), data...), bytes.Repeat([]byte{byte(pad)}, pad)...)
		cipher.NewCBCEncrypter(block, p.IV).CryptBlocks(out, out)
		return out, nil
	}
	return aesGCMSeal(p, block, data)
}

func aesDecrypt(p *Params, k *Key, data []byte) ([]byte, error) {
	block, _ := aes.NewCipher(k.secret)
	switch p.Name {
	case AESCTR:
		return aesCTR(p, block, data)
	case AESCBC:
		if len(p.IV) != aes.BlockSize {
			return nil, errorf(OperationError, "algorithm.iv must contain exactly 16 bytes")
		}
		if len(data) == 0 || len(data)%aes.BlockSize != 0 {
			return nil, opFailed()
		}
		out := make([]byte, len(data))
		cipher.NewCBCDecrypter(block, p.IV).CryptBlocks(out, data)
		pad := int(out[len(out)-1])
		if pad == 0 || pad > aes.BlockSize || !bytes.Equal(out[len(out)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
			return nil, opFailed()
		}
		return out[:len(out)-pad], nil
	}
	return aesGCMOpen(p, block, data)
}

// aesCTR is AES-CTR encrypt and decrypt: counter mode where only the rightmost length bits of the
// counter block count and wrap around (NIST SP 800-38A Appendix B.1); using a counter value twice
// is an OperationError.
func aesCTR(p *Params, block cipher.Block, data []byte) ([]byte, error) {
	if len(p.Counter) != aes.BlockSize {
		return nil, errorf(OperationError, "algorithm.counter must contain exactly 16 bytes")
	}
	if p.Length == 0 || p.Length > 128 {
		return nil, errorf(OperationError, "AES-CTR algorithm.length must be between 1 and 128")
	}
	blocks := (len(data) + aes.BlockSize - 1) / aes.BlockSize
	if p.Length < 64 && uint64(blocks) > 1<<p.Length {
		return nil, opFailed()
	}
	hi, lo := binary.BigEndian.Uint64(p.Counter), binary.BigEndian.Uint64(p.Counter[8:])
	// The counter bits as one 128-bit mask (mhi, mlo).
	var mhi, mlo uint64 = 0, ^uint64(0)
	switch {
	case p.Length < 64:
		mlo = 1<<p.Length - 1
	case p.Length < 128:
		mhi = 1<<(p.Length-64) - 1
	default:
		mhi = ^uint64(0)
	}
	out := make([]byte, len(data))
	var ctr, ks [aes.BlockSize]byte
	for i := 0; i < len(data); i += aes.BlockSize {
		binary.BigEndian.PutUint64(ctr[:], hi)
		binary.BigEndian.PutUint64(ctr[8:], lo)
		block.Encrypt(ks[:], ctr[:])
		subtle.XORBytes(out[i:], data[i:], ks[:])
		nlo, carry := bits.Add64(lo&mlo, 1, 0)
		nhi := (hi & mhi) + carry
		lo = lo&^mlo | nlo&mlo
		hi = hi&^mhi | nhi&mhi
	}
	return out, nil
}

// gcmTagLength is the AES-GCM encrypt step on tagLength: the tag length in bytes.
func gcmTagLength(p *Params) (int, error) {
	if !p.HasTagLength {
		return 16, nil
	}
	switch p.TagLength {
	case 32, 64, 96, 104, 112, 120, 128:
		return p.TagLength / 8, nil
	}
	return 0, errorf(OperationError, "%d is not a valid AES-GCM tag length", p.TagLength)
}

// newGCM makes a GCM with the 16-byte tag; shorter tags are its truncations (NIST SP 800-38D
// §5.2.1.2), which Go's GCM does not offer below 12 bytes.
func newGCM(p *Params, block cipher.Block) (cipher.AEAD, error) {
	if len(p.IV) == 0 {
		return nil, opFailed()
	}
	return cipher.NewGCMWithNonceSize(block, len(p.IV))
}

func aesGCMSeal(p *Params, block cipher.Block, data []byte) ([]byte, error) {
	tagLen, err := gcmTagLength(p)
	if err != nil {
		return nil, err
	}
	gcm, err := newGCM(p, block)
	if err != nil {
		return nil, err
	}
	out := gcm.Seal(nil, p.IV, data, p.AdditionalData)
	return out[:len(out)-16+tagLen], nil
}

func aesGCMOpen(p *Params, block cipher.Block, data []byte) ([]byte, error) {
	tagLen, err := gcmTagLength(p)
	if err != nil {
		return nil, err
	}
	if len(data) < tagLen {
		return nil, errorf(OperationError, "The provided data is too small.")
	}
	gcm, err := newGCM(p, block)
	if err != nil {
		return nil, err
	}
	if tagLen == 16 {
		out, err := gcm.Open(nil, p.IV, data, p.AdditionalData)
		if err != nil {
			return nil, opFailed()
		}
		return out, nil
	}
	// A truncated tag: GCM's ciphertext is CTR mode, so sealing the ciphertext gives back the
	// plaintext; sealing that gives the full tag to compare the truncated one with.
	ct, tag := data[:len(data)-tagLen], data[len(data)-tagLen:]
	plain := gcm.Seal(nil, p.IV, ct, nil)[:len(ct)]
	full := gcm.Seal(nil, p.IV, plain, p.AdditionalData)
	if subtle.ConstantTimeCompare(full[len(ct):len(ct)+tagLen], tag) != 1 {
		return nil, opFailed()
	}
	return plain, nil
}

// kwIV is the default initial value of RFC 3394 §2.2.3.1.
var kwIV = [8]byte{0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}

// aesKWWrap is §25.5 wrap key: RFC 3394 §2.2.1 key wrap.
func aesKWWrap(_ *Params, k *Key, data []byte) ([]byte, error) {
	if len(data) < 16 || len(data)%8 != 0 {
		return nil, opFailed()
	}
	block, _ := aes.NewCipher(k.secret)
	n := len(data) / 8
	out := make([]byte, 8+len(data))
	copy(out, kwIV[:])
	copy(out[8:], data)
	var b [16]byte
	for j := 0; j < 6; j++ {
		for i := 1; i <= n; i++ {
			copy(b[:8], out[:8])
			copy(b[8:], out[8*i:8*i+8])
			block.Encrypt(b[:], b[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(out[:8], binary.BigEndian.Uint64(b[:8])^t)
			copy(out[8*i:], b[8:])
		}
	}
	return out, nil
}

// aesKWUnwrap is §25.5 unwrap key: RFC 3394 §2.2.2 key unwrap with the integrity check of
// §2.2.3.
func aesKWUnwrap(_ *Params, k *Key, data []byte) ([]byte, error) {
	if len(data) < 24 || len(data)%8 != 0 {
		return nil, opFailed()
	}
	block, _ := aes.NewCipher(k.secret)
	n := len(data)/8 - 1
	out := append([]byte(nil), data...)
	var b [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(b[:8], binary.BigEndian.Uint64(out[:8])^t)
			copy(b[8:], out[8*i:8*i+8])
			block.Decrypt(b[:], b[:])
			copy(out[:8], b[:8])
			copy(out[8*i:], b[8:])
		}
	}
	if subtle.ConstantTimeCompare(out[:8], kwIV[:]) != 1 {
		return nil, opFailed()
	}
	return out[8:], nil
}
