package crypto

import gocrypto "crypto"

// Material returns a key's material for the node:crypto bindings (KeyObject.from): the secret
// bytes of a secret key, else the Go public and private keys (*rsa, *ecdsa, *ecdh, ed25519).
func (k *Key) Material() (secret []byte, public gocrypto.PublicKey, private gocrypto.PrivateKey) {
	return k.secret, k.public, k.private
}
