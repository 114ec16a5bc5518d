package crypto_test

import "testing"

// TestDerive checks deriveBits and deriveKey (§14.3.7–8) with PBKDF2 (RFC 6070 vectors), HKDF
// (RFC 5869 vectors), ECDH and X25519 (against secrets Node.js derived).
func TestDerive(t *testing.T) {
	runConformance(t, []conformance{
		{"PBKDF2-SHA-1, 1 iteration (RFC 6070)", `const k = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 1, hash: 'SHA-1' }, k, 160))`, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
		{"PBKDF2-SHA-1, 4096 iterations (RFC 6070)", `const k = await S.importKey('raw', enc('password'), { name: 'pbkdf2' }, false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 4096, hash: { name: 'SHA-1' } }, k, 160))`, "4b007901b765489abead49d926f721d065a429c1"},
		{"PBKDF2-SHA-256", `const k = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 2, hash: 'SHA-256' }, k, 256))`, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
		{"PBKDF2 length 0", `const k = await S.importKey('raw', enc('p'), 'PBKDF2', false, ['deriveBits']);
			return (await S.deriveBits({ name: 'PBKDF2', salt: enc('s'), iterations: 1, hash: 'SHA-1' }, k, 0)).byteLength`, "0"},
		{"PBKDF2 errors", `const k = await S.importKey('raw', enc('p'), 'PBKDF2', false, ['deriveBits']);
			const p = { name: 'PBKDF2', salt: enc('s'), iterations: 1, hash: 'SHA-1' };
			return [await rejected(S.deriveBits(p, k)), await rejected(S.deriveBits(p, k, null)), await rejected(S.deriveBits(p, k, 12)),
				await rejected(S.deriveBits({ ...p, iterations: 0 }, k, 128)), await rejected(S.deriveBits({ name: 'PBKDF2', iterations: 1, hash: 'SHA-1' }, k, 128)),
				await rejected(S.deriveBits({ ...p, hash: 'MD5' }, k, 128))].join()`,
			"DOMException:OperationError,DOMException:OperationError,DOMException:OperationError,DOMException:OperationError,TypeError,DOMException:NotSupportedError"},
		{"PBKDF2 key shape and rules", `return [show(await S.importKey('raw', enc('p'), 'PBKDF2', false, ['deriveBits', 'deriveKey'])),
				await rejected(S.importKey('raw', enc('p'), 'PBKDF2', true, ['deriveBits'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA' }, 'PBKDF2', false, ['deriveBits'])),
				await rejected(S.importKey('raw', enc('p'), 'PBKDF2', false, ['sign'])), await rejected(S.generateKey('PBKDF2', false, ['deriveBits']))].join(' ')`,
			`{"type":"secret","extractable":false,"algorithm":{"name":"PBKDF2"},"usages":["deriveBits","deriveKey"]} DOMException:SyntaxError DOMException:NotSupportedError DOMException:SyntaxError DOMException:NotSupportedError`},
		{"deriveKey: a password-based AES-GCM key", `const k = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveKey', 'deriveBits']);
			const p = { name: 'PBKDF2', salt: enc('salt'), iterations: 1000, hash: 'SHA-256' };
			const aes = await S.deriveKey(p, k, { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
			return [show(aes), hex(await S.exportKey('raw', aes)) == hex(await S.deriveBits(p, k, 256))].join(' ')`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"AES-GCM","length":256},"usages":["encrypt","decrypt"]} true`},
		{"deriveKey: an HMAC key takes the hash's block size", `const k = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveKey']);
			return show(await S.deriveKey({ name: 'PBKDF2', salt: enc('salt'), iterations: 1, hash: 'SHA-256' }, k, { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']))`,
			`{"type":"secret","extractable":false,"algorithm":{"name":"HMAC","hash":{"name":"SHA-384"},"length":1024},"usages":["sign"]}`},
		{"deriveKey errors", `const k = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits']);
			const kd = await S.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveKey']);
			const p = { name: 'PBKDF2', salt: enc('salt'), iterations: 1, hash: 'SHA-256' };
			return [await rejected(S.deriveKey(p, k, { name: 'AES-GCM', length: 128 }, true, ['encrypt'])), await rejected(S.deriveBits(p, kd, 128)),
				await rejected(S.deriveKey(p, kd, { name: 'AES-GCM' }, true, ['encrypt'])), await rejected(S.deriveKey(p, kd, 'HKDF', false, ['deriveBits'])),
				await rejected(S.deriveKey(p, kd, { name: 'AES-GCM', length: 100 }, true, ['encrypt'])), await rejected(S.deriveKey(p, kd, { name: 'AES-GCM', length: 128 }, true, ['sign'])),
				await rejected(S.deriveKey(p, kd, { name: 'AES-GCM', length: 128 }, true, []))].join()`,
			"DOMException:InvalidAccessError,DOMException:InvalidAccessError,TypeError,DOMException:OperationError,DOMException:OperationError,DOMException:SyntaxError,DOMException:SyntaxError"},

		{"HKDF-SHA-256 (RFC 5869 case 1)", `const k = await S.importKey('raw', new Uint8Array(22).fill(11), 'HKDF', false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: unhex('000102030405060708090a0b0c'), info: unhex('f0f1f2f3f4f5f6f7f8f9') }, k, 336))`,
			"3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
		{"HKDF-SHA-256 with empty salt and info (RFC 5869 case 3)", `const k = await S.importKey('raw', new Uint8Array(22).fill(11), 'HKDF', false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(0) }, k, 336))`,
			"8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
		{"HKDF-SHA-1 (RFC 5869 case 4)", `const k = await S.importKey('raw', new Uint8Array(11).fill(11), 'HKDF', false, ['deriveBits']);
			return hex(await S.deriveBits({ name: 'HKDF', hash: 'SHA-1', salt: unhex('000102030405060708090a0b0c'), info: unhex('f0f1f2f3f4f5f6f7f8f9') }, k, 336))`,
			"085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"},
		{"HKDF errors", `const k = await S.importKey('raw', enc('ikm'), 'HKDF', false, ['deriveBits']);
			const p = { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new Uint8Array(0) };
			return [await rejected(S.deriveBits(p, k, null)), await rejected(S.deriveBits(p, k, 12)), await rejected(S.deriveBits(p, k, 255 * 256 + 8)),
				await rejected(S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0) }, k, 128)), await rejected(S.deriveBits({ ...p, name: 'PBKDF2', iterations: 1 }, k, 128))].join()`,
			"DOMException:OperationError,DOMException:OperationError,DOMException:OperationError,TypeError,DOMException:InvalidAccessError"},
		{"HKDF keys may be empty and are not extractable", `return [show(await S.importKey('raw', new Uint8Array(0), 'HKDF', false, ['deriveKey'])), await rejected(S.importKey('raw', enc('x'), 'HKDF', true, ['deriveKey']))].join(' ')`,
			`{"type":"secret","extractable":false,"algorithm":{"name":"HKDF"},"usages":["deriveKey"]} DOMException:SyntaxError`},

		{"ECDH: the secret Node derived", `const a = await S.importKey('pkcs8', b64d(V.ecdhA.pkcs8), { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
			const b = await S.importKey('spki', b64d(V.ecdhB.spki), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
			return b64u(await S.deriveBits({ name: 'ECDH', public: b }, a, 256)) == b64u(b64d(V.ecdhSecret))`, "true"},
		{"ECDH: both sides agree; null, short and odd lengths", `const a = await S.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
			const b = await S.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
			const x = await S.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, null), y = await S.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 384);
			const odd = new Uint8Array(await S.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 12));
			return [x.byteLength, hex(x) == hex(y), (await S.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 128)).byteLength, odd.length, odd[0] == new Uint8Array(x)[0], odd[1] & 15, odd[1] == (new Uint8Array(x)[1] & 0xf0)].join()`,
			"48,true,16,2,true,0,true"},
		{"ECDH key shapes (a pair's usages in the algorithm's order)", `const p = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits', 'deriveKey']);
			return [show(p.publicKey), show(p.privateKey)].join(' ')`,
			`{"type":"public","extractable":true,"algorithm":{"name":"ECDH","namedCurve":"P-256"},"usages":[]} {"type":"private","extractable":false,"algorithm":{"name":"ECDH","namedCurve":"P-256"},"usages":["deriveKey","deriveBits"]}`},
		{"ECDH jwk export matches Node's", `const k = await S.importKey('jwk', V.ecdhA.privateJwk, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
			return [JSON.stringify(await S.exportKey('jwk', k)) == JSON.stringify(V.ecdhA.privateJwk), b64u(await S.exportKey('pkcs8', k)) == b64u(b64d(V.ecdhA.pkcs8))].join()`, "true,true"},
		{"ECDH deriveKey", `const a = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveKey']);
			const b = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveKey']);
			const k1 = await S.deriveKey({ name: 'ECDH', public: b.publicKey }, a.privateKey, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
			const k2 = await S.deriveKey({ name: 'ECDH', public: a.publicKey }, b.privateKey, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
			return [show(k1), hex(await S.exportKey('raw', k1)) == hex(await S.exportKey('raw', k2))].join(' ')`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"AES-GCM","length":256},"usages":["encrypt"]} true`},
		{"ECDH errors", `const a = await S.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
			const c = await S.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);
			const x = await S.generateKey('X25519', true, ['deriveBits']);
			return [await rejected(S.deriveBits({ name: 'ECDH', public: a.publicKey }, a.privateKey, 512)), await rejected(S.deriveBits({ name: 'ECDH', public: a.privateKey }, a.privateKey, 256)),
				await rejected(S.deriveBits({ name: 'ECDH' }, a.privateKey, 256)), await rejected(S.deriveBits({ name: 'ECDH', public: {} }, a.privateKey, 256)),
				await rejected(S.deriveBits({ name: 'ECDH', public: c.publicKey }, a.privateKey, 256)), await rejected(S.deriveBits({ name: 'ECDH', public: x.publicKey }, a.privateKey, 256)),
				await rejected(S.deriveBits({ name: 'ECDH', public: x.publicKey }, x.privateKey, 256)), await rejected(S.deriveKey({ name: 'ECDH', public: a.publicKey }, a.privateKey, { name: 'HMAC', hash: 'SHA-512' }, true, ['sign']))].join()`,
			"DOMException:OperationError,DOMException:InvalidAccessError,TypeError,TypeError,DOMException:InvalidAccessError,DOMException:InvalidAccessError,DOMException:InvalidAccessError,DOMException:InvalidAccessError"},

		{"X25519: the secret Node derived", `const a = await S.importKey('jwk', V.x25519A.privateJwk, 'X25519', false, ['deriveBits']);
			const b = await S.importKey('raw', b64ud(V.x25519B.publicJwk.x), { name: 'X25519' }, false, []);
			return b64u(await S.deriveBits({ name: 'X25519', public: b }, a, 256)) == b64u(b64d(V.x25519Secret))`, "true"},
		{"X25519 key shapes and exports", `const p = await S.generateKey('X25519', true, ['deriveKey']);
			const priv = await S.importKey('pkcs8', b64d(V.x25519A.pkcs8), 'X25519', true, ['deriveBits']);
			return [show(p.publicKey), show(p.privateKey), JSON.stringify(await S.exportKey('jwk', priv)) == JSON.stringify(V.x25519A.privateJwk),
				b64u(await S.exportKey('spki', await S.importKey('jwk', V.x25519A.publicJwk, 'X25519', true, []))) == b64u(b64d(V.x25519A.spki))].join(' ')`,
			`{"type":"public","extractable":true,"algorithm":{"name":"X25519"},"usages":[]} {"type":"private","extractable":true,"algorithm":{"name":"X25519"},"usages":["deriveKey"]} true true`},
		{"X25519 public keys have no usages", `return rejected(S.importKey('raw', new Uint8Array(32), 'X25519', true, ['deriveBits']))`, "DOMException:SyntaxError"},
	})
}
