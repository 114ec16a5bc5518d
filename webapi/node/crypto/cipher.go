package crypto

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"strings"

	"golang.org/x/crypto/chacha20"
	"golang.org/x/crypto/chacha20poly1305"
)

// cipherInfo is one cipher of crypto.getCiphers() that jsroute implements (crypto.getCipherInfo).
type cipherInfo struct {
	name      string // OpenSSL's canonical name (getCipherInfo().name)
	mode      string // cbc, ecb, ctr, gcm, stream, cfb, ofb
	keyLen    int
	ivLen     int // 0: no IV
	blockSize int // getCipherInfo().blockSize; 0 omitted
	nid       int
}

var ciphers = map[string]*cipherInfo{}

// cipherNames is what getCiphers() lists: the ciphers below and their aliases.
var cipherNames []string

func init() {
	add := func(c *cipherInfo, names ...string) {
		for _, n := range names {
			ciphers[strings.ToLower(n)] = c
			cipherNames = append(cipherNames, n)
		}
	}
	nids := map[string][4]int{ // cbc, ecb, ctr, gcm, by key size
		"128": {419, 418, 904, 895}, "192": {423, 422, 905, 898}, "256": {427, 426, 906, 901},
	}
	cfb := map[string][2]int{"128": {421, 420}, "192": {425, 424}, "256": {429, 428}} // cfb, ofb
	for _, bits := range []string{"128", "192", "256"} {
		kl := map[string]int{"128": 16, "192": 24, "256": 32}[bits]
		n := nids[bits]
		add(&cipherInfo{name: "aes-" + bits + "-cbc", mode: "cbc", keyLen: kl, ivLen: 16, blockSize: 16, nid: n[0]}, "aes-"+bits+"-cbc", "aes"+bits)
		add(&cipherInfo{name: "aes-" + bits + "-ecb", mode: "ecb", keyLen: kl, blockSize: 16, nid: n[1]}, "aes-"+bits+"-ecb")
		add(&cipherInfo{name: "aes-" + bits + "-ctr", mode: "ctr", keyLen: kl, ivLen: 16, blockSize: 1, nid: n[2]}, "aes-"+bits+"-ctr")
		add(&cipherInfo{name: "id-aes" + bits + "-gcm", mode: "gcm", keyLen: kl, ivLen: 12, blockSize: 1, nid: n[3]}, "aes-"+bits+"-gcm", "id-aes"+bits+"-GCM")
		add(&cipherInfo{name: "aes-" + bits + "-cfb", mode: "cfb", keyLen: kl, ivLen: 16, blockSize: 1, nid: cfb[bits][0]}, "aes-"+bits+"-cfb")
		add(&cipherInfo{name: "aes-" + bits + "-ofb", mode: "ofb", keyLen: kl, ivLen: 16, blockSize: 1, nid: cfb[bits][1]}, "aes-"+bits+"-ofb")
	}
	add(&cipherInfo{name: "chacha20-poly1305", mode: "stream", keyLen: 32, ivLen: 12, nid: 1018}, "chacha20-poly1305")
	add(&cipherInfo{name: "chacha20", mode: "stream", keyLen: 32, ivLen: 16, nid: 1019}, "chacha20")
}

func lookupCipher(name string) *cipherInfo { return ciphers[strings.ToLower(name)] }

// cipherError carries the Node error a cipher operation fails with.
type cipherError struct {
	ctor, code, msg string
	openssl         bool // an OpenSSL error: library and reason properties too
}

func (e *cipherError) Error() string { return e.msg }

var (
	errBadDecrypt       = &cipherError{"Error", "ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt", true}
	errWrongFinalLength = &cipherError{"Error", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", "error:1C80006B:Provider routines::wrong final block length", true}
	errAuth             = &cipherError{"Error", "", "Unsupported state or unable to authenticate data", false}
	errAddData          = &cipherError{"Error", "", "Trying to add data in unsupported state", false}
)

// cipherState is one Cipheriv/Decipheriv: the mode's streaming state and, for the AEAD modes,
// the whole input (Go's AEADs seal and open in one call; update still returns its bytes at once,
// made by the same keystream).
type cipherState struct {
	info     *cipherInfo
	decrypt  bool
	block    cipher.Block
	mode     cipher.BlockMode // cbc, ecb
	stream   cipher.Stream    // ctr, cfb, ofb, gcm's and chacha's keystream
	aead     cipher.AEAD
	key, iv  []byte
	pending  []byte // cbc/ecb: bytes not yet a whole block (decrypt: the last block is held back)
	all      []byte // aead: every input byte
	aad      []byte
	tag      []byte
	tagLen   int
	padding  bool
	finished bool
	updated  bool
}

// newCipher checks key and IV lengths as Node does and builds the state.
func newCipher(info *cipherInfo, key, iv []byte, decrypt bool, tagLen int) (*cipherState, error) {
	if len(key) != info.keyLen {
		return nil, &cipherError{"RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length", false}
	}
	badIV := &cipherError{"TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector", false}
	switch {
	case info.mode == "gcm":
		if len(iv) == 0 {
			return nil, badIV
		}
	case info.ivLen == 0:
		if len(iv) != 0 {
			return nil, badIV
		}
	case len(iv) != info.ivLen:
		return nil, badIV
	}
	c := &cipherState{info: info, decrypt: decrypt, key: append([]byte(nil), key...), iv: append([]byte(nil), iv...), padding: true, tagLen: tagLen}
	if strings.HasPrefix(info.name, "chacha20") {
		if info.name == "chacha20" {
			// OpenSSL's chacha20 IV is a 4-byte little-endian counter, then the 12-byte nonce.
			s, err := chacha20.NewUnauthenticatedCipher(key, iv[4:])
			if err != nil {
				return nil, err
			}
			s.SetCounter(binary.LittleEndian.Uint32(iv[:4]))
			c.stream = s
			return c, nil
		}
		aead, err := chacha20poly1305.New(key)
		if err != nil {
			return nil, err
		}
		s, err := chacha20.NewUnauthenticatedCipher(key, iv)
		if err != nil {
			return nil, err
		}
		s.SetCounter(1)
		c.aead, c.stream = aead, s
		if c.tagLen == 0 {
			c.tagLen = 16
		}
		return c, nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	c.block = block
	switch info.mode {
	case "cbc":
		if decrypt {
			c.mode = cipher.NewCBCDecrypter(block, iv)
		} else {
			c.mode = cipher.NewCBCEncrypter(block, iv)
		}
	case "ecb":
		c.mode = ecb{block, decrypt}
	case "ctr":
		c.stream = cipher.NewCTR(block, iv)
	case "cfb":
		if decrypt {
			c.stream = cipher.NewCFBDecrypter(block, iv) //nolint:staticcheck // Node offers CFB
		} else {
			c.stream = cipher.NewCFBEncrypter(block, iv) //nolint:staticcheck
		}
	case "ofb":
		c.stream = cipher.NewOFB(block, iv) //nolint:staticcheck // Node offers OFB
	case "gcm":
		if c.tagLen == 0 {
			c.tagLen = 16
		}
		if len(iv) == 12 {
			c.aead, err = cipher.NewGCM(block)
		} else {
			c.aead, err = cipher.NewGCMWithNonceSize(block, len(iv))
		}
		if err != nil {
			return nil, err
		}
		c.stream = newGCMCounter(block, c.aead, iv)
	}
	return c, nil
}

// gcmCounter is GCM's keystream, GCTR (NIST SP 800-38D §6.5): the block cipher over a counter whose
// low 32 bits alone count up (inc32), so update() gives out the bytes of any IV as they come, as
// OpenSSL does (cipher.NewCTR counts over all 128 bits).
type gcmCounter struct {
	b    cipher.Block
	ctr  [16]byte
	buf  [16]byte
	used int
}

// newGCMCounter starts at inc32(J0) (§7.1): IV || 2 for a 96-bit IV; for another length J0 is a
// GHASH of the IV, which Go does not expose, so the first keystream block is taken from a seal of
// zeros and deciphered back into its counter.
func newGCMCounter(b cipher.Block, aead cipher.AEAD, iv []byte) *gcmCounter {
	g := &gcmCounter{b: b, used: 16}
	if len(iv) == 12 {
		copy(g.ctr[:], iv)
		g.ctr[15] = 2
		return g
	}
	k0 := aead.Seal(nil, iv, make([]byte, 16), nil)[:16]
	b.Decrypt(g.ctr[:], k0)
	return g
}

func (g *gcmCounter) XORKeyStream(dst, src []byte) {
	for i := range src {
		if g.used == 16 {
			g.b.Encrypt(g.buf[:], g.ctr[:])
			binary.BigEndian.PutUint32(g.ctr[12:], binary.BigEndian.Uint32(g.ctr[12:])+1)
			g.used = 0
		}
		dst[i] = src[i] ^ g.buf[g.used]
		g.used++
	}
}

// ecb is AES in ECB mode (Go has no ECB BlockMode).
type ecb struct {
	b       cipher.Block
	decrypt bool
}

func (e ecb) BlockSize() int { return e.b.BlockSize() }
func (e ecb) CryptBlocks(dst, src []byte) {
	n := e.b.BlockSize()
	for i := 0; i < len(src); i += n {
		if e.decrypt {
			e.b.Decrypt(dst[i:i+n], src[i:i+n])
		} else {
			e.b.Encrypt(dst[i:i+n], src[i:i+n])
		}
	}
}

// update is cipher.update(data): the output bytes available now.
func (c *cipherState) update(in []byte) ([]byte, error) {
	if c.finished {
		return nil, errAddData
	}
	c.updated = true
	switch {
	case c.aead != nil:
		c.all = append(c.all, in...)
		out := make([]byte, len(in))
		c.stream.XORKeyStream(out, in)
		return out, nil
	case c.stream != nil:
		out := make([]byte, len(in))
		c.stream.XORKeyStream(out, in)
		return out, nil
	}
	bs := c.block.BlockSize()
	c.pending = append(c.pending, in...)
	n := len(c.pending) / bs * bs
	if c.decrypt && c.padding && n == len(c.pending) && n > 0 {
		n -= bs // hold the last block back: it carries the padding
	}
	out := make([]byte, n)
	c.mode.CryptBlocks(out, c.pending[:n])
	c.pending = append([]byte(nil), c.pending[n:]...)
	return out, nil
}

// final is cipher.final(): the last bytes, padding added or checked, the tag made or verified.
func (c *cipherState) final() ([]byte, error) {
	if c.finished {
		return nil, &cipherError{"Error", "ERR_CRYPTO_INVALID_STATE", "Invalid state", false}
	}
	c.finished = true
	switch {
	case c.aead != nil:
		if c.decrypt {
			if c.tag == nil {
				return nil, errAuth
			}
			aead := c.aead
			if len(c.tag) != aead.Overhead() && c.info.mode == "gcm" {
				var err error
				if aead, err = cipher.NewGCMWithTagSize(c.block, len(c.tag)); err != nil || len(c.iv) != 12 {
					return nil, errAuth
				}
			}
			plain, err := aead.Open(nil, c.iv, append(append([]byte(nil), c.all...), c.tag...), c.aad)
			if err != nil {
				return nil, errAuth
			}
			if c.stream == nil {
				return plain, nil
			}
			return []byte{}, nil
		}
		sealed := c.aead.Seal(nil, c.iv, c.all, c.aad)
		c.tag = sealed[len(c.all):][:c.tagLen]
		if c.stream == nil {
			return sealed[:len(c.all)], nil
		}
		return []byte{}, nil
	case c.stream != nil:
		return []byte{}, nil
	}
	bs := c.block.BlockSize()
	if !c.decrypt {
		if c.padding {
			p := bs - len(c.pending)%bs
			for i := 0; i < p; i++ {
				c.pending = append(c.pending, byte(p))
			}
		} else if len(c.pending)%bs != 0 {
			return nil, errWrongFinalLength
		}
		out := make([]byte, len(c.pending))
		c.mode.CryptBlocks(out, c.pending)
		return out, nil
	}
	if len(c.pending)%bs != 0 || (c.padding && len(c.pending) == 0) {
		return nil, errWrongFinalLength
	}
	out := make([]byte, len(c.pending))
	c.mode.CryptBlocks(out, c.pending)
	if !c.padding {
		return out, nil
	}
	p := int(out[len(out)-1])
	if p == 0 || p > bs {
		return nil, errBadDecrypt
	}
	good := 1
	for _, b := range out[len(out)-p:] {
		good &= subtle.ConstantTimeByteEq(b, byte(p))
	}
	if good != 1 {
		return nil, errBadDecrypt
	}
	return out[:len(out)-p], nil
}
