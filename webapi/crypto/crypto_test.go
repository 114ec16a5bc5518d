package crypto_test

import (
	"regexp"
	"testing"

	"github.com/jsroute/jsroute/webapi/crypto"
)

// TestCrypto checks the Crypto interface (§10) and the shape of the three classes.
func TestCrypto(t *testing.T) {
	runConformance(t, []conformance{
		{"crypto is a Crypto", `return [typeof crypto, crypto instanceof Crypto, Object.prototype.toString.call(crypto)].join()`,
			"object,true,[object Crypto]"},
		{"subtle is one SubtleCrypto", `return [crypto.subtle instanceof SubtleCrypto, crypto.subtle === crypto.subtle, Object.prototype.toString.call(crypto.subtle)].join()`,
			"true,true,[object SubtleCrypto]"},
		{"crypto is an enumerable accessor of the global", `const d = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
			return [typeof d.get, d.set, d.enumerable, d.configurable].join()`, "function,,true,true"},
		{"class globals are not enumerable", `const d = Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey');
			return [d.enumerable, d.configurable].join()`, "false,true"},
		{"constructors are illegal", `return [thrown(() => new Crypto()), thrown(() => new SubtleCrypto()), thrown(() => new CryptoKey()), thrown(() => Crypto())].join()`,
			"TypeError,TypeError,TypeError,TypeError"},
		{"Crypto members", `return Object.getOwnPropertyNames(Crypto.prototype).join()`, "constructor,subtle,getRandomValues,randomUUID"},
		{"SubtleCrypto members and lengths (Node.js 20)", `return Object.getOwnPropertyNames(SubtleCrypto.prototype).filter(n => n != 'constructor').map(n => n + ':' + SubtleCrypto.prototype[n].length).join()`,
			"encrypt:3,decrypt:3,sign:3,verify:4,digest:2,generateKey:3,deriveKey:5,deriveBits:2,importKey:5,exportKey:2,wrapKey:4,unwrapKey:7"},
		{"CryptoKey members", `return Object.getOwnPropertyNames(CryptoKey.prototype).join()`, "constructor,type,extractable,algorithm,usages"},
		{"subtle getter is an enumerable accessor", `const d = Object.getOwnPropertyDescriptor(Crypto.prototype, 'subtle'); return [typeof d.get, d.enumerable].join()`,
			"function,true"},

		// §10.1.1 getRandomValues
		{"getRandomValues returns its argument", `const a = new Uint8Array(32); return crypto.getRandomValues(a) === a`, "true"},
		{"getRandomValues fills the array", `const a = crypto.getRandomValues(new Uint32Array(64)); return a.some(x => x != 0)`, "true"},
		{"every integer typed array", `return [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array]
			.map(C => { const a = new C(4); return crypto.getRandomValues(a) === a }).join()`, "true,true,true,true,true,true,true,true,true"},
		{"only the view is filled", `const a = new Uint8Array(64); crypto.getRandomValues(a.subarray(16, 48));
			return [a.slice(0, 16).every(x => x == 0), a.slice(48).every(x => x == 0), a.slice(16, 48).some(x => x != 0)].join()`, "true,true,true"},
		{"an empty array", `return crypto.getRandomValues(new Uint8Array(0)).length`, "0"},
		{"65536 bytes is the limit", `return crypto.getRandomValues(new Uint8Array(65536)).length`, "65536"},
		{"more than 65536 bytes is QuotaExceededError", `return [thrown(() => crypto.getRandomValues(new Uint8Array(65537))), thrown(() => crypto.getRandomValues(new Uint32Array(16385)))].join()`,
			"DOMException:QuotaExceededError,DOMException:QuotaExceededError"},
		{"quota error code", `try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { return e.code }`, "22"},
		{"float arrays, DataView, ArrayBuffer, arrays and null are TypeMismatchError", `
			return [new Float32Array(1), new Float64Array(1), new DataView(new ArrayBuffer(1)), new ArrayBuffer(1), [1], null, undefined, 'x']
				.map(v => thrown(() => crypto.getRandomValues(v))).join()`,
			"DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError,DOMException:TypeMismatchError"},
		{"type mismatch code", `try { crypto.getRandomValues(new Float32Array(1)) } catch (e) { return e.code }`, "17"},
		{"a type mismatch is checked before the quota", `return thrown(() => crypto.getRandomValues(new Float64Array(10000)))`, "DOMException:TypeMismatchError"},
		{"no argument is a TypeError", `return thrown(() => crypto.getRandomValues())`, "TypeError"},
		{"a wrong this is a TypeError", `const { getRandomValues } = crypto; return thrown(() => getRandomValues(new Uint8Array(1)))`, "TypeError"},

		// §10.1.2 randomUUID
		{"randomUUID is a version 4 UUID", `return /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID())`, "true"},
		{"randomUUID differs each time", `const s = new Set(); for (let i = 0; i < 100; i++) s.add(crypto.randomUUID()); return s.size`, "100"},
		{"randomUUID needs a Crypto this", `return thrown(() => crypto.randomUUID.call({}))`, "TypeError"},
	})
}

func TestRandomUUIDGo(t *testing.T) {
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	for range 1000 {
		if u := crypto.RandomUUID(); !re.MatchString(u) {
			t.Fatalf("%q is not a version 4 UUID", u)
		}
	}
}
