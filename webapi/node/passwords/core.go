package passwords

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/blowfish"
)

// bcrypt's own base64 (OpenBSD bcrypt.c): the alphabet "./A-Za-z0-9", no padding.
const bcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

var bcryptB64 = base64.NewEncoding(bcryptAlphabet).WithPadding(base64.NoPadding)

// magic is the 24-byte text bcrypt encrypts 64 times with the expensive key schedule.
var magic = []byte("OrpheanBeholderScryDoubt")

// eksBlowfish is bcrypt's core (Provos & Mazières, "A Future-Adaptable Password Scheme", 1999, §3:
// EksBlowfishSetup then 64 ECB encryptions of the magic text), built on x/crypto/blowfish's salted key
// schedule. key is used cyclically, so only its first 72 bytes count; the result is the 23 bytes the
// hash string keeps.
//
// stop is asked between rounds of the expensive key schedule (2^cost of them, ~0.1 ms each): a
// cost of 31 takes days, and a hash must end when the request that asked for it is stopped
// (errStopped).
func eksBlowfish(key []byte, cost int, salt []byte, stop func() bool) ([]byte, error) {
	if len(key) == 0 {
		// The C implementations read the key's terminating NUL when its length is zero.
		key = []byte{0}
	}
	c, err := blowfish.NewSaltedCipher(key, salt)
	if err != nil {
		panic(err) // key and salt are never empty here
	}
	for i := uint64(0); i < 1<<uint(cost); i++ {
		if i%stopEvery == 0 && stop() {
			return nil, errStopped
		}
		blowfish.ExpandKey(key, c)
		blowfish.ExpandKey(salt, c)
	}
	out := append([]byte(nil), magic...)
	for i := 0; i < 64; i++ {
		for j := 0; j < len(out); j += 8 {
			c.Encrypt(out[j:j+8], out[j:j+8])
		}
	}
	return out[:23], nil
}

// stopEvery is how many rounds of the key schedule run between two questions to stop (about a
// millisecond of work).
const stopEvery = 16

// errStopped ends a hash whose request was stopped: past its time limit, over the memory budget,
// or at shutdown.
var errStopped = errors.New("the hash was stopped with its request (time limit, memory budget or shutdown)")

// bcryptString formats a hash: $2<minor>$<cost>$<22 chars of salt><31 chars of hash>.
func bcryptString(minor byte, cost int, salt, sum []byte) string {
	v := "$2"
	if minor != 0 {
		v += string(minor)
	}
	return fmt.Sprintf("%s$%02d$%s%s", v, cost, bcryptB64.EncodeToString(salt), bcryptB64.EncodeToString(sum))
}

// newSalt returns the 16 random bytes of a bcrypt salt.
func newSalt() []byte {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}

// saltString is a bcrypt salt as genSalt returns it: $2<minor>$<cost>$<22 chars>.
func saltString(minor byte, cost int) string {
	return fmt.Sprintf("$2%c$%02d$%s", minor, cost, bcryptB64.EncodeToString(newSalt()))
}

// decodeSalt decodes the 22 characters of a bcrypt salt into its 16 bytes.
func decodeSalt(s string) ([]byte, bool) {
	if len(s) < 22 {
		return nil, false
	}
	b, err := bcryptB64.DecodeString(s[:22])
	if err != nil || len(b) != 16 {
		return nil, false
	}
	return b, true
}

// nativeSetting is a salt or hash parsed as the bcrypt npm package's addon does (ValidateSalt in
// src/bcrypt_node.cc of bcrypt@6.0.0): "$2$", "$2a$" or "$2b$", two digits of cost 4–31, "$", then at least
// 22 salt characters.
type nativeSetting struct {
	minor byte
	cost  int
	salt  []byte
}

var errNativeSalt = errors.New("Invalid salt. Salt must be in the form of: $Vers$log2(NumRounds)$saltvalue")

func parseNative(s string) (nativeSetting, error) {
	var st nativeSetting
	if len(s) < 4 || s[0] != '$' || s[1] != '2' {
		return st, errNativeSalt
	}
	i := 2
	if s[i] != '$' {
		if s[i] != 'a' && s[i] != 'b' {
			return st, errNativeSalt
		}
		st.minor = s[i]
		i++
	}
	i++ // the '$' after the version
	if len(s) < i+3 || s[i+2] != '$' || !digit(s[i]) || !digit(s[i+1]) {
		return st, errNativeSalt
	}
	st.cost = int(s[i]-'0')*10 + int(s[i+1]-'0')
	if st.cost < 4 || st.cost > 31 {
		return st, errNativeSalt
	}
	salt, ok := decodeSalt(s[i+3:])
	if !ok {
		return st, errNativeSalt
	}
	st.salt = salt
	return st, nil
}

func digit(c byte) bool { return c >= '0' && c <= '9' }

// nativeHash is the bcrypt npm package's hash of data under setting (src/bcrypt.cc in bcrypt@6.0.0): "$2b$" caps the key at
// 72 bytes and adds its NUL, "$2a$" adds the NUL with the key length kept in 8 bits (the original
// OpenBSD wrap-around, which the package keeps), "$2$" uses the bytes alone, with the same 8-bit length.
func nativeHash(data []byte, st nativeSetting, stop func() bool) (string, error) {
	withNUL := append(append(make([]byte, 0, len(data)+1), data...), 0)
	var n int
	switch st.minor {
	case 'b':
		n = min(len(data), 72) + 1
	case 'a':
		n = (len(data) + 1) & 0xff
	default:
		n = len(data) & 0xff
	}
	key := withNUL[:max(n, 1)]
	if n > len(withNUL) {
		key = withNUL
	}
	sum, err := eksBlowfish(key, st.cost, st.salt, stop)
	if err != nil {
		return "", err
	}
	return bcryptString(st.minor, st.cost, st.salt, sum), nil
}

// nativeCompare reports whether data hashes to hash exactly (false for a malformed hash, as the package).
func nativeCompare(data []byte, hash string, stop func() bool) (bool, error) {
	st, err := parseNative(hash)
	if err != nil {
		return false, nil
	}
	h, err := nativeHash(data, st, stop)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(h), []byte(hash)) == 1, nil
}

// nativeRounds is the package's getRounds: the number after the version, 0 when there is none.
func nativeRounds(hash string) int {
	if len(hash) < 2 || hash[0] != '$' {
		return 0
	}
	i := 2
	if i < len(hash) && hash[i] != '$' {
		i++
	}
	if i >= len(hash) || hash[i] != '$' {
		return 0
	}
	n := 0
	for i++; i < len(hash) && digit(hash[i]) && n < 1<<20; i++ {
		n = n*10 + int(hash[i]-'0')
	}
	return n
}

// bcryptjsHash is bcryptjs's _hash after its checks: the key is the password's bytes (bcryptjs.js utf8) plus a NUL for
// revisions a, b and y, cycled over 72 bytes (no length cap, no 8-bit wrap).
func bcryptjsHash(password []byte, minor byte, cost int, salt []byte, stop func() bool) (string, error) {
	key := password
	if minor >= 'a' {
		key = append(key, 0)
	}
	sum, err := eksBlowfish(key, cost, salt, stop)
	if err != nil {
		return "", err
	}
	return bcryptString(minor, cost, salt, sum), nil
}

// argon2Params are the inputs of one Argon2 hash (RFC 9106 §3.1).
type argon2Params struct {
	typ            int // 0 argon2d, 1 argon2i, 2 argon2id (the npm package's constants)
	password, salt []byte
	secret, data   []byte
	time, memory   uint32
	parallelism    uint32
	hashLength     uint32
	version        int
}

// maxArgon2Memory bounds memoryCost (KiB): 1 GiB, 16× the package's default.
const maxArgon2Memory = 1 << 20

// argon2Key runs Argon2 with golang.org/x/crypto/argon2, which implements argon2i and argon2id version
// 0x13 without a secret or associated data; the other cases are errors naming what is missing. The
// range errors are those of the reference implementation the npm package links (argon2.h's messages).
func argon2Key(p argon2Params) ([]byte, error) {
	switch {
	case p.typ == 0:
		return nil, errors.New("argon2d is not supported by jsroute (golang.org/x/crypto/argon2 has argon2i and argon2id)")
	case p.typ != 1 && p.typ != 2:
		return nil, errors.New("Invalid type")
	case p.version != 0x13:
		return nil, fmt.Errorf("argon2 version 0x%x is not supported by jsroute (only 0x13)", p.version)
	case len(p.secret) > 0:
		return nil, errors.New("argon2 secret is not supported by jsroute")
	case len(p.data) > 0:
		return nil, errors.New("argon2 associatedData is not supported by jsroute")
	case p.hashLength < 4:
		return nil, errors.New("Output is too short")
	case len(p.salt) < 8:
		return nil, errors.New("Salt is too short")
	case p.time < 1:
		return nil, errors.New("Time cost is too small")
	case p.parallelism < 1:
		return nil, errors.New("Too few lanes")
	case p.parallelism > 255:
		return nil, errors.New("argon2 parallelism above 255 is not supported by jsroute")
	case p.memory < 8*p.parallelism:
		return nil, errors.New("Memory cost is too small")
	case p.memory > maxArgon2Memory:
		// The Go implementation allocates it at once: past the machine's memory that is a fatal error of
		// the whole server, where the addon would fail one call.
		return nil, fmt.Errorf("argon2 memoryCost above %d KiB (1 GiB) is not supported by jsroute", maxArgon2Memory)
	}
	if p.typ == 1 {
		return argon2.Key(p.password, p.salt, p.time, p.memory, uint8(p.parallelism), p.hashLength), nil
	}
	return argon2.IDKey(p.password, p.salt, p.time, p.memory, uint8(p.parallelism), p.hashLength), nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// jsSaltBytes decodes bcryptjs's 22 salt characters; bcryptjs stops at the first character outside the
// alphabet and then finds the salt short.
func jsSaltBytes(s string) ([]byte, error) {
	if len(s) > 22 {
		s = s[:22]
	}
	n := len(s)
	for i := 0; i < len(s); i++ {
		if indexByte(bcryptAlphabet, s[i]) < 0 {
			n = i
			break
		}
	}
	b, _ := bcryptB64.DecodeString(s[:n])
	if len(b) != 16 {
		return nil, errorf("Illegal salt length: %d != 16", len(b))
	}
	return b, nil
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
