package crypto

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding"
	"errors"
	"hash"
	"strings"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"
	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // Node offers it; Go keeps it only in x/crypto
)

// digestInfo describes one message digest Node's OpenSSL build offers (crypto.getHashes()).
type digestInfo struct {
	name  string // canonical lower-case name
	new   func() hash.Hash
	xof   int // > 0: an extendable-output function (SHAKE) with this default output length
	block int
}

func shake(f func() *sha3.SHAKE) func() hash.Hash {
	return func() hash.Hash { return &shakeHash{s: f(), mk: f} }
}

// shakeHash adapts crypto/sha3's SHAKE to hash.Hash with a settable output length.
type shakeHash struct {
	s   *sha3.SHAKE
	mk  func() *sha3.SHAKE // a fresh one of the same kind, to unmarshal a copy into
	out int
}

func (h *shakeHash) Write(p []byte) (int, error) { return h.s.Write(p) }
func (h *shakeHash) Sum(b []byte) []byte {
	// Reading advances a SHAKE: read from a copy, as Sum must not change the state.
	st, _ := h.s.MarshalBinary()
	cp := h.mk()
	if err := cp.UnmarshalBinary(st); err != nil {
		panic(err)
	}
	out := make([]byte, h.out)
	cp.Read(out)
	return append(b, out...)
}
func (h *shakeHash) Reset()         { h.s.Reset() }
func (h *shakeHash) Size() int      { return h.out }
func (h *shakeHash) BlockSize() int { return h.s.BlockSize() }

// md5sha1 is OpenSSL's "md5-sha1": the MD5 and SHA-1 digests concatenated (TLS 1.0's PRF hash).
type md5sha1 struct{ a, b hash.Hash }

func (h *md5sha1) Write(p []byte) (int, error) { h.a.Write(p); return h.b.Write(p) }
func (h *md5sha1) Sum(b []byte) []byte         { return h.b.Sum(h.a.Sum(b)) }
func (h *md5sha1) Reset()                      { h.a.Reset(); h.b.Reset() }
func (h *md5sha1) Size() int                   { return 36 }
func (h *md5sha1) BlockSize() int              { return 64 }

func mustBlake2b() hash.Hash {
	h, _ := blake2b.New512(nil)
	return h
}
func mustBlake2s() hash.Hash {
	h, _ := blake2s.New256(nil)
	return h
}

var digests = map[string]*digestInfo{}

// hashNames is crypto.getHashes() of Node 20 with OpenSSL 3, less the SM3 names (no Go
// implementation).
var hashNames = []string{"RSA-MD5", "RSA-RIPEMD160", "RSA-SHA1", "RSA-SHA1-2", "RSA-SHA224", "RSA-SHA256", "RSA-SHA3-224", "RSA-SHA3-256", "RSA-SHA3-384", "RSA-SHA3-512", "RSA-SHA384", "RSA-SHA512", "RSA-SHA512/224", "RSA-SHA512/256", "blake2b512", "blake2s256", "id-rsassa-pkcs1-v1_5-with-sha3-224", "id-rsassa-pkcs1-v1_5-with-sha3-256", "id-rsassa-pkcs1-v1_5-with-sha3-384", "id-rsassa-pkcs1-v1_5-with-sha3-512", "md5", "md5-sha1", "md5WithRSAEncryption", "ripemd", "ripemd160", "ripemd160WithRSA", "rmd160", "sha1", "sha1WithRSAEncryption", "sha224", "sha224WithRSAEncryption", "sha256", "sha256WithRSAEncryption", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "sha384", "sha384WithRSAEncryption", "sha512", "sha512-224", "sha512-224WithRSAEncryption", "sha512-256", "sha512-256WithRSAEncryption", "sha512WithRSAEncryption", "shake128", "shake256", "ssl3-md5", "ssl3-sha1"}

func init() {
	add := func(d *digestInfo, aliases ...string) {
		digests[d.name] = d
		for _, a := range aliases {
			digests[strings.ToLower(a)] = d
		}
	}
	add(&digestInfo{name: "md5", new: md5.New}, "rsa-md5", "md5withrsaencryption", "ssl3-md5")
	add(&digestInfo{name: "sha1", new: sha1.New}, "rsa-sha1", "rsa-sha1-2", "sha1withrsaencryption", "ssl3-sha1", "sha-1")
	add(&digestInfo{name: "sha224", new: sha256.New224}, "rsa-sha224", "sha224withrsaencryption", "sha-224", "sha2-224")
	add(&digestInfo{name: "sha256", new: sha256.New}, "rsa-sha256", "sha256withrsaencryption", "sha-256", "sha2-256")
	add(&digestInfo{name: "sha384", new: sha512.New384}, "rsa-sha384", "sha384withrsaencryption", "sha-384", "sha2-384")
	add(&digestInfo{name: "sha512", new: sha512.New}, "rsa-sha512", "sha512withrsaencryption", "sha-512", "sha2-512")
	add(&digestInfo{name: "sha512-224", new: sha512.New512_224}, "rsa-sha512/224", "sha512-224withrsaencryption", "sha-512/224", "sha2-512/224")
	add(&digestInfo{name: "sha512-256", new: sha512.New512_256}, "rsa-sha512/256", "sha512-256withrsaencryption", "sha-512/256", "sha2-512/256")
	add(&digestInfo{name: "sha3-224", new: func() hash.Hash { return sha3.New224() }}, "rsa-sha3-224", "id-rsassa-pkcs1-v1_5-with-sha3-224")
	add(&digestInfo{name: "sha3-256", new: func() hash.Hash { return sha3.New256() }}, "rsa-sha3-256", "id-rsassa-pkcs1-v1_5-with-sha3-256")
	add(&digestInfo{name: "sha3-384", new: func() hash.Hash { return sha3.New384() }}, "rsa-sha3-384", "id-rsassa-pkcs1-v1_5-with-sha3-384")
	add(&digestInfo{name: "sha3-512", new: func() hash.Hash { return sha3.New512() }}, "rsa-sha3-512", "id-rsassa-pkcs1-v1_5-with-sha3-512")
	add(&digestInfo{name: "shake128", new: shake(sha3.NewSHAKE128), xof: 16})
	add(&digestInfo{name: "shake256", new: shake(sha3.NewSHAKE256), xof: 32})
	add(&digestInfo{name: "ripemd160", new: ripemd160.New}, "rsa-ripemd160", "ripemd", "rmd160", "ripemd160withrsa", "ripemd-160")
	add(&digestInfo{name: "blake2b512", new: mustBlake2b})
	add(&digestInfo{name: "blake2s256", new: mustBlake2s})
	add(&digestInfo{name: "md5-sha1", new: func() hash.Hash { return &md5sha1{md5.New(), sha1.New()} }})
}

// lookupDigest finds a digest by any of its OpenSSL names, ignoring case.
func lookupDigest(name string) *digestInfo { return digests[strings.ToLower(name)] }

// newHash makes a hash; outLen < 0 keeps an XOF's default length.
func (d *digestInfo) newHash(outLen int) hash.Hash {
	h := d.new()
	if s, ok := h.(*shakeHash); ok {
		s.out = d.xof
		if outLen >= 0 {
			s.out = outLen
		}
	}
	return h
}

// cloneHash copies a running hash through its binary marshaling (every hash here has it).
func cloneHash(d *digestInfo, h hash.Hash) (hash.Hash, error) {
	switch x := h.(type) {
	case *shakeHash:
		st, err := x.s.MarshalBinary()
		if err != nil {
			return nil, err
		}
		c := &shakeHash{s: x.mk(), mk: x.mk, out: x.out}
		return c, c.s.UnmarshalBinary(st)
	case *md5sha1:
		a, err := cloneHash(nil, x.a)
		if err != nil {
			return nil, err
		}
		b, err := cloneHash(nil, x.b)
		return &md5sha1{a, b}, err
	}
	m, ok := h.(encoding.BinaryMarshaler)
	if !ok {
		return nil, errors.New("hash cannot be copied")
	}
	st, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	var c hash.Hash
	if d != nil {
		c = d.new()
	} else {
		switch h.Size() {
		case 16:
			c = md5.New()
		default:
			c = sha1.New()
		}
	}
	u, ok := c.(encoding.BinaryUnmarshaler)
	if !ok {
		return nil, errors.New("hash cannot be copied")
	}
	return c, u.UnmarshalBinary(st)
}
