package crypto

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/binary"
	"math/big"
)

// signPSS is RSASSA-PSS-SIGN (RFC 8017 §8.1.1) with the salt length of RsaPssParams. Go's
// rsa.SignPSS reads a salt length of 0 as "as long as possible", so an empty salt, which Web
// Crypto allows, is encoded here (EMSA-PSS-ENCODE, §9.1.1) and signed with RSASP1.
func signPSS(priv *rsa.PrivateKey, hash string, digest []byte, saltLength int) ([]byte, error) {
	if saltLength > 0 {
		return rsa.SignPSS(rand.Reader, priv, cryptoHash(hash), digest, &rsa.PSSOptions{SaltLength: saltLength})
	}
	emBits := priv.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hLen := len(digest)
	if emLen < hLen+2 {
		return nil, opFailed()
	}
	h := pssHash(hash, digest, nil)
	db := make([]byte, emLen-hLen-1)
	db[len(db)-1] = 0x01
	subtle.XORBytes(db, db, mgf1(hash, h, len(db)))
	db[0] &= 0xFF >> (8*emLen - emBits)
	em := append(append(db, h...), 0xBC)

	m := new(big.Int).SetBytes(em)
	s := new(big.Int).Exp(m, priv.D, priv.N)
	// Check the result with the public key, as RSA implementations do against faults.
	if new(big.Int).Exp(s, big.NewInt(int64(priv.E)), priv.N).Cmp(m) != 0 {
		return nil, opFailed()
	}
	return s.FillBytes(make([]byte, priv.Size())), nil
}

// verifyPSS is RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) with an exact salt length.
func verifyPSS(pub *rsa.PublicKey, hash string, digest, sig []byte, saltLength int) bool {
	if saltLength > 0 {
		return rsa.VerifyPSS(pub, cryptoHash(hash), digest, sig, &rsa.PSSOptions{SaltLength: saltLength}) == nil
	}
	if len(sig) != pub.Size() {
		return false
	}
	s := new(big.Int).SetBytes(sig)
	if s.Cmp(pub.N) >= 0 {
		return false
	}
	m := new(big.Int).Exp(s, big.NewInt(int64(pub.E)), pub.N)
	emBits := pub.N.BitLen() - 1
	emLen := (emBits + 7) / 8
	hLen := len(digest)
	if m.BitLen() > emBits || emLen < hLen+2 {
		return false
	}
	em := m.FillBytes(make([]byte, emLen))
	if em[emLen-1] != 0xBC {
		return false
	}
	db, h := em[:emLen-hLen-1], em[emLen-hLen-1:emLen-1]
	if db[0]&^(0xFF>>(8*emLen-emBits)) != 0 {
		return false
	}
	subtle.XORBytes(db, db, mgf1(hash, h, len(db)))
	db[0] &= 0xFF >> (8*emLen - emBits)
	for _, b := range db[:len(db)-1] {
		if b != 0 {
			return false
		}
	}
	return db[len(db)-1] == 0x01 && bytes.Equal(pssHash(hash, digest, nil), h)
}

// pssHash is H = Hash(0x00 × 8 || mHash || salt) of EMSA-PSS.
func pssHash(hash string, digest, salt []byte) []byte {
	h := cryptoHash(hash).New()
	h.Write(make([]byte, 8))
	h.Write(digest)
	h.Write(salt)
	return h.Sum(nil)
}

// mgf1 is the mask generation function of RFC 8017 §B.2.1.
func mgf1(hash string, seed []byte, n int) []byte {
	var out []byte
	var c [4]byte
	for i := uint32(0); len(out) < n; i++ {
		binary.BigEndian.PutUint32(c[:], i)
		h := cryptoHash(hash).New()
		h.Write(seed)
		h.Write(c[:])
		out = h.Sum(out)
	}
	return out[:n]
}
