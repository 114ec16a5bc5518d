package crypto

import "crypto/x509"

// parseSPKI reads a DER SubjectPublicKeyInfo holding a key of type T (WebCrypto "import key"
// with format "spki"): malformed data and a key of another type are DataErrors.
func parseSPKI[T any](data []byte) (T, error) {
	var zero T
	k, err := x509.ParsePKIXPublicKey(data)
	if err != nil {
		return zero, invalidKeyData()
	}
	key, ok := k.(T)
	if !ok {
		return zero, errorf(DataError, "Invalid key type")
	}
	return key, nil
}

// parsePKCS8 reads a DER PKCS #8 PrivateKeyInfo holding a key of type T (format "pkcs8").
func parsePKCS8[T any](data []byte) (T, error) {
	var zero T
	k, err := x509.ParsePKCS8PrivateKey(data)
	if err != nil {
		return zero, invalidKeyData()
	}
	key, ok := k.(T)
	if !ok {
		return zero, errorf(DataError, "Invalid key type")
	}
	return key, nil
}
