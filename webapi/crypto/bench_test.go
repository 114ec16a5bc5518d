package crypto_test

import (
	"fmt"
	"testing"
)

// benchJS runs body b.N times in one JavaScript loop, after setup, and reports per iteration.
func benchJS(b *testing.B, setup, body string) {
	env := newEnv(b)
	env.Run(setup)
	b.ReportAllocs()
	b.ResetTimer()
	env.Run(fmt.Sprintf("for (let i = 0; i < %d; i++) { %s }", b.N, body))
}

// BenchmarkDigestSHA256_1KB is `await crypto.subtle.digest('SHA-256', data)` of 1 KB from JS.
func BenchmarkDigestSHA256_1KB(b *testing.B) {
	benchJS(b, `globalThis.data = new Uint8Array(1024).fill(7)`,
		`await crypto.subtle.digest('SHA-256', data)`)
}

// BenchmarkHMACSign_1KB is `await crypto.subtle.sign('HMAC', key, data)` (SHA-256) of 1 KB from
// JS, as a webhook check does.
func BenchmarkHMACSign_1KB(b *testing.B) {
	benchJS(b, `globalThis.data = new Uint8Array(1024).fill(7);
		globalThis.key = await crypto.subtle.importKey('raw', new TextEncoder().encode('whsec_secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])`,
		`await crypto.subtle.sign('HMAC', key, data)`)
}

// BenchmarkRandomUUID is crypto.randomUUID() from JS.
func BenchmarkRandomUUID(b *testing.B) {
	benchJS(b, ``, `crypto.randomUUID()`)
}
