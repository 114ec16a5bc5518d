package crypto_test

import "testing"

// TestCiphers checks AES-GCM, AES-CBC, AES-CTR (§26–§28), RSA-OAEP (§22), and AES-KW with
// wrapKey and unwrapKey (§25, §14.3.11–12). Ciphertexts are Node.js's for the same inputs.
func TestCiphers(t *testing.T) {
	const keys = `const raw = new Uint8Array(16).fill(1);
		const gcm = await S.importKey('raw', raw, 'AES-GCM', true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
		const cbc = await S.importKey('raw', raw, 'AES-CBC', true, ['encrypt', 'decrypt']);
		const ctr = await S.importKey('raw', raw, 'AES-CTR', true, ['encrypt', 'decrypt']);
		const kw = await S.importKey('raw', raw, 'AES-KW', true, ['wrapKey', 'unwrapKey']);
		const iv = new Uint8Array(12).fill(2);
	`
	rows := []conformance{
		// AES-GCM
		{"AES-GCM encrypt", `return hex(await S.encrypt({ name: 'AES-GCM', iv }, gcm, enc('hello')))`, "3b817c0fa97ef3cdbe510337cbe05016fa1582e394"},
		{"AES-GCM with additional data and a 96-bit tag", `return hex(await S.encrypt({ name: 'AES-GCM', iv, additionalData: new Uint8Array([1]), tagLength: 96 }, gcm, enc('hello')))`,
			"3b817c0fa9414019dc604e554de355deb2"},
		{"AES-GCM with a 32-bit tag", `const c = await S.encrypt({ name: 'AES-GCM', iv, tagLength: 32 }, gcm, enc('hello'));
			return [hex(c), new TextDecoder().decode(await S.decrypt({ name: 'AES-GCM', iv, tagLength: 32 }, gcm, c))].join()`, "3b817c0fa97ef3cdbe,hello"},
		{"AES-GCM with a 16-byte iv", `return hex(await S.encrypt({ name: 'AES-GCM', iv: new Uint8Array(16) }, gcm, enc('hello')))`, "b930ee45e44ffa8f6096160e3fc56f08be79b5c8c1"},
		{"AES-GCM round trip", `const data = crypto.getRandomValues(new Uint8Array(1000));
			const c = await S.encrypt({ name: 'AES-GCM', iv, additionalData: enc('aad') }, gcm, data);
			return [c.byteLength, hex(await S.decrypt({ name: 'AES-GCM', iv, additionalData: enc('aad') }, gcm, c)) == hex(data)].join()`, "1016,true"},
		{"AES-GCM decrypt of a tampered message is OperationError", `const c = new Uint8Array(await S.encrypt({ name: 'AES-GCM', iv }, gcm, enc('hello'))); c[0] ^= 1;
			return [await rejected(S.decrypt({ name: 'AES-GCM', iv }, gcm, c)), await rejected(S.decrypt({ name: 'AES-GCM', iv, additionalData: enc('x') }, gcm, c.slice(0)))].join()`,
			"DOMException:OperationError,DOMException:OperationError"},
		{"AES-GCM errors", `return [await rejected(S.encrypt({ name: 'AES-GCM', iv, tagLength: 100 }, gcm, enc(''))), await rejected(S.decrypt({ name: 'AES-GCM', iv }, gcm, new Uint8Array(5))),
				await rejected(S.encrypt({ name: 'AES-GCM' }, gcm, enc(''))), await rejected(S.encrypt({ name: 'AES-GCM', iv: 'x' }, gcm, enc(''))), await rejected(S.encrypt({ name: 'AES-GCM', iv: new Uint8Array(0) }, gcm, enc('')))].join()`,
			"DOMException:OperationError,DOMException:OperationError,TypeError,TypeError,DOMException:OperationError"},

		// AES-CBC
		{"AES-CBC encrypt (PKCS #7 padded)", `return hex(await S.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, enc('hello')))`, "4c55a6ffda2e565b40c2051d3d067614"},
		{"AES-CBC round trips at block boundaries", `const out = [];
			for (const n of [0, 15, 16, 17, 32]) { const d = new Uint8Array(n).fill(n); const c = await S.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, d);
				out.push(c.byteLength + ':' + (hex(await S.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, c)) == hex(d))) }
			return out.join()`, "16:true,16:true,32:true,32:true,48:true"},
		{"AES-CBC errors are OperationError", `return [await rejected(S.encrypt({ name: 'AES-CBC', iv: new Uint8Array(12) }, cbc, enc(''))), await rejected(S.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, new Uint8Array(16))),
				await rejected(S.decrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, cbc, new Uint8Array(15)))].join()`,
			"DOMException:OperationError,DOMException:OperationError,DOMException:OperationError"},

		// AES-CTR
		{"AES-CTR with an 8-bit counter wraps within it", `return hex(await S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length: 8 }, ctr, new Uint8Array(40)))`,
			"6ad77cdab9adb3bfed21ef94210e121e8cb6e6ec3db0397a0ec17331f8297c71b3ef7ad9c0313a99"},
		{"AES-CTR with a 128-bit counter", `return hex(await S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length: 128 }, ctr, new Uint8Array(40)))`,
			"6ad77cdab9adb3bfed21ef94210e121eb6aeaffa752dc08b51639731761aed00e431c158177be7de"},
		{"AES-CTR decrypt is encrypt", `const p = { name: 'AES-CTR', counter: new Uint8Array(16), length: 64 };
			return new TextDecoder().decode(await S.decrypt(p, ctr, await S.encrypt(p, ctr, enc('counter mode'))))`, "counter mode"},
		{"AES-CTR errors are OperationError", `return [await rejected(S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 0 }, ctr, enc('x'))),
				await rejected(S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 129 }, ctr, enc('x'))), await rejected(S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(15), length: 64 }, ctr, enc('x'))),
				await rejected(S.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 1 }, ctr, new Uint8Array(48)))].join()`,
			"DOMException:OperationError,DOMException:OperationError,DOMException:OperationError,DOMException:OperationError"},

		// AES keys
		{"AES key shapes", `return [show(gcm), show(await S.generateKey({ name: 'aes-cbc', length: 256 }, false, ['decrypt']))].join(' ')`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"AES-GCM","length":128},"usages":["encrypt","decrypt","wrapKey","unwrapKey"]} {"type":"secret","extractable":false,"algorithm":{"name":"AES-CBC","length":256},"usages":["decrypt"]}`},
		{"AES jwk alg names", `const out = [];
			for (const [name, len] of [['AES-GCM', 128], ['AES-CBC', 256], ['AES-CTR', 192], ['AES-KW', 128]]) out.push((await S.exportKey('jwk', await S.generateKey({ name, length: len }, true, [name == 'AES-KW' ? 'wrapKey' : 'encrypt']))).alg);
			return out.join()`, "A128GCM,A256CBC,A192CTR,A128KW"},
		{"AES jwk export", `return JSON.stringify(await S.exportKey('jwk', kw))`, `{"key_ops":["wrapKey","unwrapKey"],"ext":true,"kty":"oct","k":"AQEBAQEBAQEBAQEBAQEBAQ","alg":"A128KW"}`},
		{"AES key errors", `return [await rejected(S.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt'])), await rejected(S.generateKey({ name: 'AES-GCM' }, true, ['encrypt'])),
				await rejected(S.importKey('raw', new Uint8Array(15), 'AES-GCM', true, ['encrypt'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AQEBAQEBAQEBAQEBAQEBAQ', alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt'])),
				await rejected(S.generateKey({ name: 'AES-KW', length: 128 }, true, ['encrypt'])), await rejected(S.encrypt('AES-KW', kw, new Uint8Array(16)))].join()`,
			"DOMException:OperationError,TypeError,DOMException:DataError,DOMException:DataError,DOMException:SyntaxError,DOMException:NotSupportedError"},
		{"a key encrypts only with its own algorithm and usages", `const d = await S.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
			return [await rejected(S.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, gcm, enc(''))), await rejected(S.encrypt({ name: 'AES-GCM', iv }, d, enc('')))].join()`,
			"DOMException:InvalidAccessError,DOMException:InvalidAccessError"},

		// AES-KW, wrapKey and unwrapKey
		{"AES-KW wraps a raw key (RFC 3394)", `return hex(await S.wrapKey('raw', gcm, kw, 'AES-KW'))`, "a6854fe987bc7afd97b3df2b9eaee136e8d9c780d5423e72"},
		{"RFC 3394 §4.1 test vector", `const kek = await S.importKey('raw', unhex('000102030405060708090A0B0C0D0E0F'), 'AES-KW', false, ['wrapKey']);
			const k = await S.importKey('raw', unhex('00112233445566778899AABBCCDDEEFF'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
			return hex(await S.wrapKey('raw', k, kek, { name: 'AES-KW' }))`, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
		{"wrapping a jwk encrypts Node's JSON byte for byte", `return hex(await S.wrapKey('jwk', gcm, kw, 'AES-KW'))`,
			"bc48da6ec43f20c84475e6452df68c6316bbd485e6fbc51c64a1850d2470b18eeec912304e4464f74788de172df15a40de84b9bd143790ad8baeac661ee3720ea7d16376b7b4c90f5115762ca8c5cfbdf6e031d2f3d3403cac75d505dec6b506dd2ca8ca3fa3665ec154dab7970ef482f06f724808e93b3fcb0b76bb3039e3651762cab32bd6e627"},
		{"wrap with AES-GCM falls back to encrypt", `return hex(await S.wrapKey('jwk', gcm, gcm, { name: 'AES-GCM', iv }))`,
			"28c67b06bf71290ce4c2346f908414382934394972de527ead01734efdf8afc22a379d964d16f629a4b4cd11d1756d724f48afce23266ba0b6f570536838516fd9015d8af2d62a2b19b9ca6a2387177d9fd0c5feb30a305b16b9d857e05adda85f46853ac472249e4b3224ad36b29e9c8c79fbaf4067538b970f0a3b3bce336860b44cb2da4f132601a79c"},
		{"unwrap a raw key", `const w = await S.wrapKey('raw', gcm, kw, 'AES-KW');
			const k = await S.unwrapKey('raw', w, kw, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
			return show(k)`, `{"type":"secret","extractable":false,"algorithm":{"name":"HMAC","hash":{"name":"SHA-256"},"length":128},"usages":["sign"]}`},
		{"unwrap a jwk with AES-GCM", `const w = await S.wrapKey('jwk', gcm, gcm, { name: 'AES-GCM', iv });
			const k = await S.unwrapKey('jwk', w, gcm, { name: 'AES-GCM', iv }, 'AES-GCM', true, ['encrypt']);
			return [show(k), hex(await S.exportKey('raw', k))].join(' ')`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"AES-GCM","length":128},"usages":["encrypt"]} 01010101010101010101010101010101`},
		{"unwrap a jwk of a private key", `const ec = await S.importKey('pkcs8', b64d(V.es256.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
			const w = await S.wrapKey('jwk', ec, kw, 'AES-KW');
			const k = await S.unwrapKey('jwk', w, kw, 'AES-KW', { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
			return [show(k), b64u(await S.exportKey('pkcs8', k)) == b64u(b64d(V.es256.pkcs8))].join(' ')`,
			`{"type":"private","extractable":true,"algorithm":{"name":"ECDSA","namedCurve":"P-256"},"usages":["sign"]} true`},
		{"wrap and unwrap errors", `const hm = await S.importKey('raw', new Uint8Array(5), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']);
			return [await rejected(S.unwrapKey('raw', new Uint8Array(24), kw, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])),
				await rejected(S.wrapKey('raw', hm, kw, 'AES-KW')), await rejected(S.wrapKey('raw', gcm, cbc, { name: 'AES-CBC', iv: new Uint8Array(16) })),
				await rejected(S.wrapKey('raw', gcm, kw, 'AES-FOO')), await rejected(S.wrapKey('raw', gcm, kw, { name: 'AES-GCM', iv }))].join()`,
			"DOMException:OperationError,DOMException:OperationError,DOMException:InvalidAccessError,DOMException:NotSupportedError,DOMException:InvalidAccessError"},

		// RSA-OAEP
		{"RSA-OAEP: decrypt Node's ciphertext", `const k = await S.importKey('pkcs8', b64d(V.oaep.pkcs8), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
			return [new TextDecoder().decode(await S.decrypt({ name: 'RSA-OAEP', label: new Uint8Array([1, 2]) }, k, b64d(V.oaep.ciphertext))),
				await rejected(S.decrypt({ name: 'RSA-OAEP' }, k, b64d(V.oaep.ciphertext)))].join()`, "jsroute signs this message,DOMException:OperationError"},
		{"RSA-OAEP round trip", `const pub = await S.importKey('spki', b64d(V.oaep.spki), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
			const priv = await S.importKey('jwk', V.oaep.privateJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
			const c = await S.encrypt('RSA-OAEP', pub, enc('secret'));
			return [c.byteLength, new TextDecoder().decode(await S.decrypt('RSA-OAEP', priv, c)), await rejected(S.encrypt('RSA-OAEP', pub, new Uint8Array(200)))].join()`,
			"256,secret,DOMException:OperationError"},
		{"RSA-OAEP usages", `return [await rejected(S.importKey('spki', b64d(V.oaep.spki), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['sign'])),
				show(await S.importKey('spki', b64d(V.oaep.spki), { name: 'RSA-OAEP', hash: 'SHA-1' }, true, ['encrypt', 'wrapKey']))].join(' ')`,
			`DOMException:SyntaxError {"type":"public","extractable":true,"algorithm":{"name":"RSA-OAEP","modulusLength":2048,"publicExponent":{"0":1,"1":0,"2":1},"hash":{"name":"SHA-1"}},"usages":["encrypt","wrapKey"]}`},
		{"RSA-OAEP wraps an AES key", `const pub = await S.importKey('spki', b64d(V.oaep.spki), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['wrapKey']);
			const priv = await S.importKey('pkcs8', b64d(V.oaep.pkcs8), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['unwrapKey']);
			const k = await S.unwrapKey('raw', await S.wrapKey('raw', gcm, pub, 'RSA-OAEP'), priv, 'RSA-OAEP', 'AES-GCM', true, ['decrypt']);
			return hex(await S.exportKey('raw', k))`, "01010101010101010101010101010101"},
	}
	for i := range rows {
		rows[i].script = keys + rows[i].script
	}
	runConformance(t, rows)
}
