package crypto_test

import "testing"

// TestDigest checks SubtleCrypto.digest (§14.3.5) with the FIPS 180-4 example digests.
func TestDigest(t *testing.T) {
	runConformance(t, []conformance{
		{"SHA-1 of empty", `return hex(await S.digest('SHA-1', new Uint8Array(0)))`, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{"SHA-1 of abc", `return hex(await S.digest('SHA-1', enc('abc')))`, "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"SHA-256 of empty", `return hex(await S.digest('SHA-256', new Uint8Array(0)))`, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"SHA-256 of abc", `return hex(await S.digest('SHA-256', enc('abc')))`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"SHA-384 of abc", `return hex(await S.digest('SHA-384', enc('abc')))`,
			"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"},
		{"SHA-512 of abc", `return hex(await S.digest('SHA-512', enc('abc')))`,
			"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
		{"SHA-256 of a million a", `return hex(await S.digest('SHA-256', new Uint8Array(1000000).fill(97)))`,
			"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
		{"the algorithm as {name}", `return hex(await S.digest({ name: 'SHA-1' }, enc('abc')))`, "a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"names are case-insensitive", `return hex(await S.digest('sHa-256', enc('abc'))) == hex(await S.digest({ name: 'sha-256' }, enc('abc')))`, "true"},
		{"result is a new ArrayBuffer", `const r = await S.digest('SHA-256', enc('x')); return [r instanceof ArrayBuffer, r.byteLength].join()`, "true,32"},
		{"the data as ArrayBuffer, DataView and a view's window", `const b = enc('xabcx');
			return [hex(await S.digest('SHA-1', b.buffer.slice(1, 4))), hex(await S.digest('SHA-1', new DataView(b.buffer, 1, 3))), hex(await S.digest('SHA-1', b.subarray(1, 4)))].join()`,
			"a9993e364706816aba3e25717850c26c9cd0d89d,a9993e364706816aba3e25717850c26c9cd0d89d,a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"the data is copied when called", `const b = enc('abc'); const p = S.digest('SHA-1', b); b.fill(0); return hex(await p)`,
			"a9993e364706816aba3e25717850c26c9cd0d89d"},
		{"digest returns a promise", `const p = S.digest('SHA-1', enc('')); await p; return p instanceof Promise`, "true"},
		{"unknown algorithm is NotSupportedError", `return [await rejected(S.digest('SHA-257', enc(''))), await rejected(S.digest('MD5', enc(''))), await rejected(S.digest('HMAC', enc(''))), await rejected(S.digest(null, enc('')))].join()`,
			"DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError"},
		{"an algorithm without name is TypeError", `return rejected(S.digest({}, enc('')))`, "TypeError"},
		{"data that is not a BufferSource is TypeError", `return [await rejected(S.digest('SHA-256', 'abc')), await rejected(S.digest('SHA-256', [1, 2]))].join()`, "TypeError,TypeError"},
		{"missing arguments reject with TypeError", `const p = S.digest('SHA-256'); return [p instanceof Promise, await rejected(p)].join()`, "true,TypeError"},
		{"a wrong this rejects with TypeError", `const p = SubtleCrypto.prototype.digest.call({}, 'SHA-256', enc('')); return [p instanceof Promise, await rejected(p)].join()`, "true,TypeError"},
		{"a throwing name getter rejects with what it threw", `return rejected(S.digest({ get name() { throw new RangeError('x') } }, enc('')))`, "RangeError"},
	})
}

// TestHMAC checks HMAC (§29) with the RFC 4231 and RFC 2202 test cases, and the webhook checks
// route handlers run (GitHub's X-Hub-Signature-256 example, a Stripe-style signed payload).
func TestHMAC(t *testing.T) {
	jefe := `const key = await S.importKey('raw', enc('Jefe'), { name: 'HMAC', hash: HASH }, true, ['sign', 'verify']);
		return hex(await S.sign('HMAC', key, enc('what do ya want for nothing?')))`
	with := func(hash string) string { return `const HASH = '` + hash + `';` + jefe }
	runConformance(t, []conformance{
		{"RFC 2202 HMAC-SHA-1 case 2", with("SHA-1"), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
		{"RFC 4231 HMAC-SHA-256 case 2", with("SHA-256"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
		{"RFC 4231 HMAC-SHA-384 case 2", with("SHA-384"), "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"},
		{"RFC 4231 HMAC-SHA-512 case 2", with("SHA-512"),
			"164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
		{"RFC 4231 case 1 (key of 20 0x0b bytes)", `const key = await S.importKey('raw', new Uint8Array(20).fill(11), { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['sign']);
			return hex(await S.sign({ name: 'hmac' }, key, enc('Hi There')))`, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
		{"GitHub webhook signature", `const key = await S.importKey('raw', enc("It's a Secret to Everybody"), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
			return 'sha256=' + hex(await S.sign('HMAC', key, enc('Hello, World!')))`, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"},
		{"Stripe-style webhook verification", `const header = 't=1700000000,v1=a13d4b1f9003bc2fb6c06224e878b6056185eaa50d40e1e7dc05517f8af41d7b';
			const body = '{"id":"evt_1","type":"checkout.session.completed"}';
			const parts = Object.fromEntries(header.split(',').map(p => p.split('=')));
			const key = await S.importKey('raw', enc('whsec_test_secret'), { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['verify']);
			return [await S.verify('HMAC', key, unhex(parts.v1), enc(parts.t + '.' + body)), await S.verify('HMAC', key, unhex(parts.v1), enc(parts.t + '.' + body + ' '))].join()`, "true,false"},
		{"verify accepts the signature and rejects others", `const key = await S.importKey('raw', enc('k'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
			const sig = new Uint8Array(await S.sign('HMAC', key, enc('m')));
			const bad = sig.slice(); bad[0] ^= 1;
			return [await S.verify('HMAC', key, sig, enc('m')), await S.verify('HMAC', key, bad, enc('m')), await S.verify('HMAC', key, sig.slice(1), enc('m')), await S.verify('HMAC', key, new Uint8Array(0), enc('m'))].join()`,
			"true,false,false,false"},
		{"imported key shape", `return show(await S.importKey('raw', new Uint8Array(16), { name: 'hmac', hash: 'sha-384' }, true, ['verify', 'sign']))`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"HMAC","hash":{"name":"SHA-384"},"length":128},"usages":["verify","sign"]}`},
		{"import with a matching length", `return (await S.importKey('raw', new Uint8Array(3), { name: 'HMAC', hash: 'SHA-256', length: 24 }, true, ['sign'])).algorithm.length`, "24"},
		{"generated key shape (Node.js orders length before hash)", `return show(await S.generateKey({ name: 'HMAC', hash: 'SHA-512' }, false, ['sign', 'verify', 'sign']))`,
			`{"type":"secret","extractable":false,"algorithm":{"name":"HMAC","length":1024,"hash":{"name":"SHA-512"}},"usages":["sign","verify"]}`},
		{"generated key default length is the hash block size", `const ls = [];
			for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) ls.push((await S.generateKey({ name: 'HMAC', hash }, true, ['sign'])).algorithm.length);
			return ls.join()`, "512,512,1024,1024"},
		{"generated key with a length", `const k = await S.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 128 }, true, ['sign']);
			return [k.algorithm.length, (await S.exportKey('raw', k)).byteLength].join()`, "128,16"},
		{"generate sign verify round trip", `const k = await S.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
			return S.verify('HMAC', k, await S.sign('HMAC', k, enc('data')), enc('data'))`, "true"},
		{"export raw", `const k = await S.importKey('raw', enc('secret'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
			return new TextDecoder().decode(await S.exportKey('raw', k))`, "secret"},
		{"export jwk (Node.js's member order)", `const k = await S.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
			return JSON.stringify(await S.exportKey('jwk', k))`, `{"key_ops":["sign","verify"],"ext":true,"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA","alg":"HS256"}`},
		{"jwk alg follows the hash", `const algs = [];
			for (const hash of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) algs.push((await S.exportKey('jwk', await S.generateKey({ name: 'HMAC', hash }, true, ['sign']))).alg);
			return algs.join()`, "HS1,HS256,HS384,HS512"},
		{"import jwk", `const k = await S.importKey('jwk', { kty: 'oct', k: 'c2VjcmV0', alg: 'HS256', ext: true, key_ops: ['sign'] }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
			return [show(k), new TextDecoder().decode(await S.exportKey('raw', k))].join(' ')`,
			`{"type":"secret","extractable":true,"algorithm":{"name":"HMAC","hash":{"name":"SHA-256"},"length":48},"usages":["sign"]} secret`},
		{"jwk round trip", `const jwk = { kty: 'oct', k: 'AQIDBAUGBwgJCgsMDQ4PEA', alg: 'HS512' };
			const k = await S.importKey('jwk', jwk, { name: 'HMAC', hash: 'SHA-512' }, true, ['verify']);
			return JSON.stringify(await S.exportKey('jwk', k))`, `{"key_ops":["verify"],"ext":true,"kty":"oct","k":"AQIDBAUGBwgJCgsMDQ4PEA","alg":"HS512"}`},
		{"jwk k in the standard alphabet is accepted", `return (await S.importKey('jwk', { kty: 'oct', k: 'A+/=' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])).algorithm.length`, "16"},
		{"keys are CryptoKeys with cached algorithm and usages", `const k = await S.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
			return [k instanceof CryptoKey, Object.prototype.toString.call(k), k.algorithm === k.algorithm, k.usages === k.usages, k.algorithm.hash === k.algorithm.hash, Object.keys(k).length].join()`,
			"true,[object CryptoKey],true,true,true,0"},
		{"structuredClone copies a key", `const k = await S.importKey('raw', enc('secret'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
			const c = structuredClone(k);
			return [c !== k, c instanceof CryptoKey, show(c) == show(k), await S.verify('HMAC', c, await S.sign('HMAC', k, enc('m')), enc('m'))].join()`, "true,true,true,true"},
	})
}
