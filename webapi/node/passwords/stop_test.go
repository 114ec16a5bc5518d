package passwords

import (
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// A hash of cost 31 (days of work) ends within a few milliseconds of its stop turning true, with
// errStopped; one that is never stopped is bcrypt's (checked against golang.org/x/crypto/bcrypt,
// which shares no code with eksBlowfish's loop).
func TestHashStops(t *testing.T) {
	salt := make([]byte, 16)
	for name, hash := range map[string]func(stop func() bool) error{
		"bcrypt": func(stop func() bool) error {
			_, err := nativeHash([]byte("pw"), nativeSetting{minor: 'b', cost: 31, salt: salt}, stop)
			return err
		},
		"bcryptjs": func(stop func() bool) error {
			_, err := bcryptjsHash([]byte("pw"), 'b', 31, salt, stop)
			return err
		},
		"compare": func(stop func() bool) error {
			_, err := nativeCompare([]byte("pw"), "$2b$31$"+bcryptB64.EncodeToString(salt)+"0123456789012345678901234567890", stop)
			return err
		},
	} {
		var stopped atomic.Bool
		time.AfterFunc(50*time.Millisecond, func() { stopped.Store(true) })
		start := time.Now()
		err := hash(stopped.Load)
		if took := time.Since(start); err != errStopped || took > time.Second {
			t.Errorf("%s: %v after %s, want errStopped soon after 50 ms", name, err, took)
		}
	}

	h, err := nativeHash([]byte("pw"), nativeSetting{minor: 'b', cost: 6, salt: salt}, func() bool { return false })
	if err != nil || bcrypt.CompareHashAndPassword([]byte(h), []byte("pw")) != nil {
		t.Errorf("unstopped hash %q (%v) does not verify with x/crypto/bcrypt", h, err)
	}
}
