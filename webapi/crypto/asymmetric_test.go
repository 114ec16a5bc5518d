package crypto_test

import "testing"

// TestSignatures checks RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA and Ed25519 (§20, §21, §23, Secure
// Curves §5) against keys and signatures made by Node.js (testdata/vectors.json): verifying
// Node's signatures, signing what Node verifies (the deterministic schemes byte for byte), and
// importing and exporting keys in every format.
func TestSignatures(t *testing.T) {
	runConformance(t, []conformance{
		// RSASSA-PKCS1-v1_5
		{"RS256: verify Node's signature with the spki key", `const k = await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
			const sig = b64d(V.rs256.signature), bad = sig.slice(); bad[5] ^= 1;
			return [await S.verify('RSASSA-PKCS1-v1_5', k, sig, b64d(V.message)), await S.verify('RSASSA-PKCS1-v1_5', k, bad, b64d(V.message)), await S.verify('RSASSA-PKCS1-v1_5', k, sig, enc('other'))].join()`,
			"true,false,false"},
		{"RS256: signing with the pkcs8 key gives Node's signature", `const k = await S.importKey('pkcs8', b64d(V.rs256.pkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
			return b64u(await S.sign({ name: 'RSASSA-PKCS1-v1_5' }, k, b64d(V.message))) == b64u(b64d(V.rs256.signature))`, "true"},
		{"RS256: verify with the jwk key", `const k = await S.importKey('jwk', V.rs256.publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
			return S.verify('RSASSA-PKCS1-v1_5', k, b64d(V.rs256.signature), b64d(V.message))`, "true"},
		{"RSA key shape", `return show(await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']))`,
			`{"type":"public","extractable":true,"algorithm":{"name":"RSASSA-PKCS1-v1_5","modulusLength":2048,"publicExponent":{"0":1,"1":0,"2":1},"hash":{"name":"SHA-256"}},"usages":["verify"]}`},
		{"RSA publicExponent is a Uint8Array", `const k = await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSA-PSS', hash: 'SHA-1' }, true, ['verify']);
			return [k.algorithm.publicExponent instanceof Uint8Array, k.algorithm.publicExponent.join()].join()`, "true,1,0,1"},
		{"RSA spki and pkcs8 export byte for byte", `const pub = await S.importKey('jwk', V.rs256.publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
			const priv = await S.importKey('jwk', V.rs256.privateJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
			return [b64u(await S.exportKey('spki', pub)) == b64u(b64d(V.rs256.spki)), b64u(await S.exportKey('pkcs8', priv)) == b64u(b64d(V.rs256.pkcs8))].join()`, "true,true"},
		{"RSA jwk export matches Node's", `const pub = await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
			const priv = await S.importKey('pkcs8', b64d(V.rs256.pkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']);
			return [JSON.stringify(await S.exportKey('jwk', pub)) == JSON.stringify(V.rs256.publicJwk), JSON.stringify(await S.exportKey('jwk', priv)) == JSON.stringify(V.rs256.privateJwk)].join()`, "true,true"},
		{"RSA jwk members and alg", `const k = await S.importKey('pkcs8', b64d(V.rs256.pkcs8), { name: 'RSA-PSS', hash: 'SHA-512' }, true, ['sign']);
			const j = await S.exportKey('jwk', k); return [Object.keys(j).join(' '), j.alg].join()`, "key_ops ext kty n e d p q dp dq qi alg,PS512"},
		{"RSA-OAEP jwk alg", `const algs = [];
			for (const hash of ['SHA-1', 'SHA-256', 'SHA-384']) algs.push((await S.exportKey('jwk', await S.importKey('spki', b64d(V.oaep.spki), { name: 'RSA-OAEP', hash }, true, ['encrypt']))).alg);
			return algs.join()`, "RSA-OAEP,RSA-OAEP-256,RSA-OAEP-384"},
		{"RSA: a generated pair signs and verifies", `const { publicKey, privateKey } = await S.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['sign', 'verify']);
			const sig = await S.sign('RSASSA-PKCS1-v1_5', privateKey, enc('m'));
			return [sig.byteLength, await S.verify('RSASSA-PKCS1-v1_5', publicKey, sig, enc('m')), show(publicKey), show(privateKey)].join(' ')`,
			`128 true {"type":"public","extractable":true,"algorithm":{"name":"RSASSA-PKCS1-v1_5","modulusLength":1024,"publicExponent":{"0":1,"1":0,"2":1},"hash":{"name":"SHA-256"}},"usages":["verify"]} {"type":"private","extractable":false,"algorithm":{"name":"RSASSA-PKCS1-v1_5","modulusLength":1024,"publicExponent":{"0":1,"1":0,"2":1},"hash":{"name":"SHA-256"}},"usages":["sign"]}`},
		{"RSA: a key pair has publicKey then privateKey", `const p = await S.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['sign']);
			return Object.keys(p).join()`, "publicKey,privateKey"},
		{"RSA: another public exponent", `const { publicKey, privateKey } = await S.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([3]), hash: 'SHA-256' }, true, ['sign', 'verify']);
			return [(await S.exportKey('jwk', publicKey)).e, await S.verify('RSASSA-PKCS1-v1_5', publicKey, await S.sign('RSASSA-PKCS1-v1_5', privateKey, enc('m')), enc('m'))].join()`, "Aw,true"},

		// RSA-PSS
		{"PS256: verify Node's signature", `const k = await S.importKey('spki', b64d(V.ps256.spki), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
			return [await S.verify({ name: 'RSA-PSS', saltLength: 32 }, k, b64d(V.ps256.signature), b64d(V.message)), await S.verify({ name: 'RSA-PSS', saltLength: 20 }, k, b64d(V.ps256.signature), b64d(V.message))].join()`,
			"true,false"},
		{"PS256: sign and verify", `const priv = await S.importKey('pkcs8', b64d(V.ps256.pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
			const pub = await S.importKey('jwk', V.ps256.publicJwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
			const a = await S.sign({ name: 'RSA-PSS', saltLength: 32 }, priv, enc('m')), b = await S.sign({ name: 'RSA-PSS', saltLength: 32 }, priv, enc('m'));
			return [hex(a) != hex(b), await S.verify({ name: 'RSA-PSS', saltLength: 32 }, pub, a, enc('m'))].join()`, "true,true"},
		{"PSS with an empty salt is deterministic and gives Node's signature", `const priv = await S.importKey('pkcs8', b64d(V.ps256.pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
			const pub = await S.importKey('spki', b64d(V.ps256.spki), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
			const sig = await S.sign({ name: 'RSA-PSS', saltLength: 0 }, priv, b64d(V.message));
			return [b64u(sig) == b64u(b64d(V.ps256.signatureSalt0)), await S.verify({ name: 'RSA-PSS', saltLength: 0 }, pub, sig, b64d(V.message)),
				await S.verify({ name: 'RSA-PSS', saltLength: 0 }, pub, b64d(V.ps256.signature), b64d(V.message)), await S.verify({ name: 'RSA-PSS', saltLength: 32 }, pub, sig, b64d(V.message))].join()`,
			"true,true,false,false"},
		{"PSS without saltLength is TypeError", `const k = await S.importKey('pkcs8', b64d(V.ps256.pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
			return [await rejected(S.sign('RSA-PSS', k, enc('m'))), await rejected(S.sign({ name: 'RSA-PSS' }, k, enc('m')))].join()`, "TypeError,TypeError"},
		{"a PKCS1 key cannot sign PSS", `const k = await S.importKey('pkcs8', b64d(V.rs256.pkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
			return rejected(S.sign({ name: 'RSA-PSS', saltLength: 32 }, k, enc('m')))`, "DOMException:InvalidAccessError"},

		// ECDSA
		{"ES256: verify Node's signature (IEEE P1363)", `const k = await S.importKey('spki', b64d(V.es256.spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
			const sig = b64d(V.es256.signature);
			return [sig.length, await S.verify({ name: 'ECDSA', hash: 'SHA-256' }, k, sig, b64d(V.message)), await S.verify({ name: 'ECDSA', hash: 'SHA-384' }, k, sig, b64d(V.message)), await S.verify({ name: 'ECDSA', hash: 'SHA-256' }, k, sig.slice(1), b64d(V.message))].join()`,
			"64,true,false,false"},
		{"ES384 and ES512: verify Node's signatures", `const out = [];
			for (const [v, crv, hash] of [[V.es384, 'P-384', 'SHA-384'], [V.es512, 'P-521', 'SHA-512']]) {
				const k = await S.importKey('jwk', v.publicJwk, { name: 'ECDSA', namedCurve: crv }, false, ['verify']);
				out.push(b64d(v.signature).length, await S.verify({ name: 'ECDSA', hash }, k, b64d(v.signature), b64d(V.message)));
			}
			return out.join()`, "96,true,132,true"},
		{"ECDSA: sign with pkcs8, verify with raw", `const priv = await S.importKey('pkcs8', b64d(V.es256.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
			const pub = await S.importKey('raw', b64d(V.es256.raw), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
			const sig = await S.sign({ name: 'ECDSA', hash: 'SHA-256' }, priv, enc('m'));
			return [sig.byteLength, await S.verify({ name: 'ECDSA', hash: 'SHA-256' }, pub, sig, enc('m'))].join()`, "64,true"},
		{"ECDSA: a generated P-521 pair", `const { publicKey, privateKey } = await S.generateKey({ name: 'ECDSA', namedCurve: 'P-521' }, true, ['sign', 'verify']);
			const sig = await S.sign({ name: 'ECDSA', hash: 'SHA-512' }, privateKey, enc('m'));
			return [sig.byteLength, await S.verify({ name: 'ECDSA', hash: 'SHA-512' }, publicKey, sig, enc('m')), show(publicKey), show(privateKey)].join(' ')`,
			`132 true {"type":"public","extractable":true,"algorithm":{"name":"ECDSA","namedCurve":"P-521"},"usages":["verify"]} {"type":"private","extractable":true,"algorithm":{"name":"ECDSA","namedCurve":"P-521"},"usages":["sign"]}`},
		{"EC jwk, spki, pkcs8 and raw export match Node's", `const priv = await S.importKey('jwk', V.es384.privateJwk, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign']);
			const pub = await S.importKey('spki', b64d(V.es384.spki), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']);
			return [JSON.stringify(await S.exportKey('jwk', priv)) == JSON.stringify(V.es384.privateJwk), JSON.stringify(await S.exportKey('jwk', pub)) == JSON.stringify(V.es384.publicJwk),
				b64u(await S.exportKey('pkcs8', priv)) == b64u(b64d(V.es384.pkcs8)), b64u(await S.exportKey('spki', pub)) == b64u(b64d(V.es384.spki)),
				b64u(await S.exportKey('raw', pub)) == b64u(b64d(V.es384.raw))].join()`, "true,true,true,true,true"},
		{"EC jwk members", `return Object.keys(await S.exportKey('jwk', await S.importKey('pkcs8', b64d(V.es256.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']))).join(' ')`,
			"key_ops ext kty x y crv d"},
		{"EC raw import of a compressed point", `const raw = b64d(V.es256.raw); const c = new Uint8Array(33); c[0] = 2 + (raw[64] & 1); c.set(raw.subarray(1, 33), 1);
			const k = await S.importKey('raw', c, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
			return [b64u(await S.exportKey('raw', k)) == b64u(raw), await S.verify({ name: 'ECDSA', hash: 'SHA-256' }, k, b64d(V.es256.signature), b64d(V.message))].join()`, "true,true"},
		{"EC import errors", `const alg = { name: 'ECDSA', namedCurve: 'P-256' };
			return [await rejected(S.importKey('raw', new Uint8Array(65), alg, true, ['verify'])), await rejected(S.importKey('raw', b64d(V.es256.raw), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify'])),
				await rejected(S.importKey('spki', b64d(V.es256.spki), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify'])), await rejected(S.importKey('spki', b64d(V.rs256.spki), alg, true, ['verify'])),
				await rejected(S.importKey('raw', b64d(V.es256.raw), alg, true, ['sign'])), await rejected(S.importKey('jwk', { ...V.es256.privateJwk, key_ops: undefined, alg: 'ES384' }, alg, true, ['sign'])),
				await rejected(S.importKey('jwk', { ...V.es256.privateJwk, key_ops: undefined, crv: 'P-384' }, alg, true, ['sign'])), await rejected(S.importKey('raw', b64d(V.es256.raw), { name: 'ECDSA', namedCurve: 'p-256' }, true, ['verify']))].join()`,
			"DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:SyntaxError,DOMException:DataError,DOMException:DataError,DOMException:NotSupportedError"},
		{"EC export errors", `const priv = await S.importKey('pkcs8', b64d(V.es256.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
			const pub = await S.importKey('raw', b64d(V.es256.raw), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
			return [await rejected(S.exportKey('raw', priv)), await rejected(S.exportKey('spki', priv)), await rejected(S.exportKey('pkcs8', pub))].join()`,
			"DOMException:InvalidAccessError,DOMException:InvalidAccessError,DOMException:InvalidAccessError"},
		{"generateKey with an unknown curve", `return rejected(S.generateKey({ name: 'ECDSA', namedCurve: 'P-257' }, true, ['sign']))`, "DOMException:NotSupportedError"},

		// Ed25519
		{"Ed25519: verify Node's signature", `const k = await S.importKey('raw', b64d(V.ed25519.raw), 'Ed25519', false, ['verify']);
			const sig = b64d(V.ed25519.signature), bad = sig.slice(); bad[0] ^= 1;
			return [await S.verify('Ed25519', k, sig, b64d(V.message)), await S.verify({ name: 'Ed25519' }, k, bad, b64d(V.message)), await S.verify('Ed25519', k, sig.slice(1), b64d(V.message))].join()`,
			"true,false,false"},
		{"Ed25519: signing gives Node's signature", `const k = await S.importKey('pkcs8', b64d(V.ed25519.pkcs8), { name: 'ed25519' }, false, ['sign']);
			return b64u(await S.sign('Ed25519', k, b64d(V.message))) == b64u(b64d(V.ed25519.signature))`, "true"},
		{"Ed25519: jwk, spki and pkcs8 export match Node's", `const priv = await S.importKey('jwk', V.ed25519.privateJwk, 'Ed25519', true, ['sign']);
			const pub = await S.importKey('jwk', V.ed25519.publicJwk, 'Ed25519', true, ['verify']);
			return [JSON.stringify(await S.exportKey('jwk', priv)) == JSON.stringify(V.ed25519.privateJwk), JSON.stringify(await S.exportKey('jwk', pub)) == JSON.stringify(V.ed25519.publicJwk),
				b64u(await S.exportKey('pkcs8', priv)) == b64u(b64d(V.ed25519.pkcs8)), b64u(await S.exportKey('spki', pub)) == b64u(b64d(V.ed25519.spki))].join()`, "true,true,true,true"},
		{"Ed25519 jwk members", `return JSON.stringify(Object.keys(V.ed25519.privateJwk)) + ' ' + Object.keys(await S.exportKey('jwk', await S.importKey('pkcs8', b64d(V.ed25519.pkcs8), 'Ed25519', true, ['sign']))).join(' ')`,
			`["key_ops","ext","crv","d","x","kty","alg"] key_ops ext crv d x kty alg`},
		{"Ed25519: a generated pair", `const { publicKey, privateKey } = await S.generateKey('Ed25519', false, ['sign', 'verify']);
			const sig = await S.sign('Ed25519', privateKey, enc('m'));
			return [sig.byteLength, await S.verify('Ed25519', publicKey, sig, enc('m')), show(publicKey), show(privateKey)].join(' ')`,
			`64 true {"type":"public","extractable":true,"algorithm":{"name":"Ed25519"},"usages":["verify"]} {"type":"private","extractable":false,"algorithm":{"name":"Ed25519"},"usages":["sign"]}`},
		{"Ed25519 jwk alg may be EdDSA or Ed25519", `const out = [];
			for (const alg of ['EdDSA', 'Ed25519', 'ES256']) out.push(await rejected(S.importKey('jwk', { ...V.ed25519.publicJwk, key_ops: undefined, alg }, 'Ed25519', true, ['verify'])));
			return out.join()`, "none,none,DOMException:DataError"},
		{"Ed25519 import errors", `return [await rejected(S.importKey('raw', new Uint8Array(31), 'Ed25519', true, ['verify'])), await rejected(S.importKey('raw', new Uint8Array(32), 'Ed25519', true, ['sign'])),
				await rejected(S.importKey('spki', b64d(V.es256.spki), 'Ed25519', true, ['verify'])), await rejected(S.importKey('jwk', { ...V.ed25519.privateJwk, x: V.ed25519.privateJwk.d }, 'Ed25519', true, ['sign'])),
				await rejected(S.importKey('jwk', { ...V.ed25519.publicJwk, key_ops: undefined, crv: 'X25519' }, 'Ed25519', true, ['verify'])), await rejected(S.importKey('pkcs8', b64d(V.ed25519.pkcs8), 'Ed25519', true, ['verify']))].join()`,
			"DOMException:DataError,DOMException:SyntaxError,DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:SyntaxError"},

		// Shared checks
		{"a key signs only with its own algorithm", `const { privateKey } = await S.generateKey('Ed25519', false, ['sign']);
			return rejected(S.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, enc('m')))`, "DOMException:InvalidAccessError"},
		{"a public key cannot sign", `const k = await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
			return rejected(S.sign('RSASSA-PKCS1-v1_5', k, enc('m')))`, "DOMException:InvalidAccessError"},
		{"a private key needs usages", `return [await rejected(S.importKey('pkcs8', b64d(V.es256.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, true, [])),
				await rejected(S.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']))].join()`, "DOMException:SyntaxError,DOMException:SyntaxError"},
		{"a public key may have no usages", `return (await S.importKey('spki', b64d(V.es256.spki), { name: 'ECDSA', namedCurve: 'P-256' }, true, [])).usages.length`, "0"},
		{"an RSA spki given as pkcs8 is DataError", `return rejected(S.importKey('pkcs8', b64d(V.rs256.spki), { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['sign']))`, "DOMException:DataError"},
		{"RSA import needs a hash", `return rejected(S.importKey('spki', b64d(V.rs256.spki), { name: 'RSA-PSS' }, true, ['verify']))`, "TypeError"},
		{"an inconsistent RSA private jwk is DataError", `const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, j = V.rs256.privateJwk;
			return [await rejected(S.importKey('jwk', { ...j, dp: j.dq }, alg, true, ['sign'])), await rejected(S.importKey('jwk', { ...j, d: j.p }, alg, true, ['sign'])),
				await rejected(S.importKey('jwk', { ...j, n: j.p }, alg, true, ['sign']))].join()`, "DOMException:DataError,DOMException:DataError,DOMException:DataError"},
		{"an RSA private jwk needs the CRT members", `const { dp, ...j } = V.rs256.privateJwk;
			return rejected(S.importKey('jwk', j, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']))`, "DOMException:DataError"},
		{"an RSA jwk alg must match", `return rejected(S.importKey('jwk', V.rs256.privateJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, true, ['sign']))`, "DOMException:DataError"},
	})
}
