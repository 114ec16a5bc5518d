package crypto_test

import (
	"bytes"
	stdcrypto "crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/jsroute/jsroute/webapi/crypto"
)

// TestGoAPI uses the operations from Go, without JavaScript.
func TestGoAPI(t *testing.T) {
	sum, err := crypto.Digest(&crypto.Params{Name: crypto.SHA256}, []byte("abc"))
	if err != nil || hex.EncodeToString(sum) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("Digest = %x, %v", sum, err)
	}

	key, _, err := crypto.GenerateKey(&crypto.Params{Name: crypto.HMAC, Hash: crypto.SHA256}, true, []string{"sign", "verify"})
	if err != nil {
		t.Fatal(err)
	}
	hmacParams := &crypto.Params{Name: crypto.HMAC}
	sig, err := crypto.Sign(hmacParams, key, []byte("m"))
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := crypto.Verify(hmacParams, key, sig, []byte("m")); !ok || err != nil {
		t.Errorf("Verify = %v, %v", ok, err)
	}

	_, jwk, err := crypto.ExportKey(crypto.FormatJWK, key)
	if err != nil {
		t.Fatal(err)
	}
	back, err := crypto.ImportKey(crypto.FormatJWK, nil, jwk, &crypto.Params{Name: crypto.HMAC, Hash: crypto.SHA256}, false, []string{"verify"})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := crypto.Verify(hmacParams, back, sig, []byte("m")); !ok || back.Extractable || back.Algorithm.Length != 512 {
		t.Errorf("re-imported key: verify %v, %+v", ok, back)
	}

	// Errors carry the DOMException name.
	_, err = crypto.Sign(hmacParams, back, []byte("m"))
	var e *crypto.Error
	if !errors.As(err, &e) || e.Name != crypto.InvalidAccessError {
		t.Errorf("sign with a verify-only key: %v", err)
	}
	if _, err := crypto.Sign(&crypto.Params{Name: crypto.AESGCM}, key, nil); !errors.As(err, &e) || e.Name != crypto.NotSupportedError {
		t.Errorf("sign with AES-GCM: %v", err)
	}
	if _, _, err := crypto.ExportKey(crypto.FormatRaw, back); !errors.As(err, &e) || e.Name != crypto.InvalidAccessError {
		t.Errorf("export of a non-extractable key: %v", err)
	}
}

// TestAESCTRCounter compares AES-CTR with Go's counter mode, which increments all 128 bits, and
// checks the wrap of a shorter counter block by block.
func TestAESCTRCounter(t *testing.T) {
	raw := bytes.Repeat([]byte{1}, 16)
	key, err := crypto.ImportKey(crypto.FormatRaw, raw, nil, &crypto.Params{Name: crypto.AESCTR}, false, []string{"encrypt"})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := aes.NewCipher(raw)
	data := make([]byte, 100)
	for _, counter := range [][]byte{make([]byte, 16), bytes.Repeat([]byte{0xFF}, 16), append(make([]byte, 8), bytes.Repeat([]byte{0xFF}, 8)...)} {
		got, err := crypto.Encrypt(&crypto.Params{Name: crypto.AESCTR, Counter: counter, Length: 128}, key, data)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]byte, len(data))
		cipher.NewCTR(block, counter).XORKeyStream(want, data)
		if !bytes.Equal(got, want) {
			t.Errorf("counter %x: got %x, want %x", counter, got, want)
		}
	}
	// An 8-bit counter at 0xFE: the blocks use ...FE, ...FF, ...00, ...01 and leave the rest alone.
	counter := append(bytes.Repeat([]byte{0xAB}, 15), 0xFE)
	got, err := crypto.Encrypt(&crypto.Params{Name: crypto.AESCTR, Counter: counter, Length: 8}, key, make([]byte, 64))
	if err != nil {
		t.Fatal(err)
	}
	for i, low := range []byte{0xFE, 0xFF, 0x00, 0x01} {
		cb := append(bytes.Repeat([]byte{0xAB}, 15), low)
		want := make([]byte, 16)
		block.Encrypt(want, cb)
		if !bytes.Equal(got[16*i:16*i+16], want) {
			t.Errorf("block %d: got %x, want %x", i, got[16*i:16*i+16], want)
		}
	}
	// Five blocks with a 2-bit counter would reuse one.
	if _, err := crypto.Encrypt(&crypto.Params{Name: crypto.AESCTR, Counter: counter, Length: 2}, key, make([]byte, 65)); err == nil {
		t.Error("a 2-bit counter allowed five blocks")
	}
}

// TestPSSEmptySalt checks the hand-made empty-salt RSA-PSS signatures against Go's verifier,
// which detects the salt length.
func TestPSSEmptySalt(t *testing.T) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	key, err := crypto.ImportKey(crypto.FormatPKCS8, der, nil, &crypto.Params{Name: crypto.RSAPSS, Hash: crypto.SHA256}, false, []string{"sign"})
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("message")
	sig, err := crypto.Sign(&crypto.Params{Name: crypto.RSAPSS, SaltLength: 0}, key, msg)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256(msg)
	if err := rsa.VerifyPSS(&priv.PublicKey, stdcrypto.SHA256, digest[:], sig, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthAuto}); err != nil {
		t.Errorf("Go rejects the signature: %v", err)
	}
	pubDER, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	pub, _ := crypto.ImportKey(crypto.FormatSPKI, pubDER, nil, &crypto.Params{Name: crypto.RSAPSS, Hash: crypto.SHA256}, false, []string{"verify"})
	salted, _ := rsa.SignPSS(rand.Reader, priv, stdcrypto.SHA256, digest[:], &rsa.PSSOptions{SaltLength: 32})
	for _, c := range []struct {
		sig  []byte
		want bool
	}{{sig, true}, {salted, false}, {sig[1:], false}} {
		if ok, _ := crypto.Verify(&crypto.Params{Name: crypto.RSAPSS}, pub, c.sig, msg); ok != c.want {
			t.Errorf("verify with an empty salt = %v, want %v", ok, c.want)
		}
	}
}
