package crypto_test

import "testing"

// TestErrors checks which error each kind of mistake gives (§14.3 and §18.4.4): TypeError for
// arguments WebIDL cannot convert, NotSupportedError for unknown algorithms and formats,
// SyntaxError for usages, InvalidAccessError for keys used wrongly, DataError for bad key data.
// Every method reports by rejecting its promise.
func TestErrors(t *testing.T) {
	const setup = `const hk = await S.importKey('raw', enc('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
		const hmac = { name: 'HMAC', hash: 'SHA-256' };
	`
	rows := []conformance{
		// TypeError: WebIDL conversions
		{"too few arguments, for every method", `const calls = [() => S.encrypt('AES-GCM', hk), () => S.decrypt(), () => S.sign('HMAC', hk), () => S.verify('HMAC', hk, enc('')),
				() => S.digest('SHA-1'), () => S.generateKey(hmac, true), () => S.deriveKey(), () => S.deriveBits('HKDF'), () => S.importKey('raw', enc('k'), hmac, true),
				() => S.exportKey('raw'), () => S.wrapKey('raw', hk, hk), () => S.unwrapKey('raw', enc(''), hk, 'AES-KW', hmac, true)];
			const out = []; for (const c of calls) { const p = c(); out.push(p instanceof Promise ? await rejected(p) : 'sync') } return out.join()`,
			"TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError"},
		{"the argument count message", `try { await S.exportKey('raw') } catch (e) { return e.message }`,
			"Failed to execute 'exportKey' on 'SubtleCrypto': 2 arguments required, but only 1 present."},
		{"a key that is not a CryptoKey", `return [await rejected(S.sign('HMAC', {}, enc(''))), await rejected(S.exportKey('raw', null)), await rejected(S.verify('HMAC', 'k', enc(''), enc('')))].join()`,
			"TypeError,TypeError,TypeError"},
		{"data that is not a BufferSource", `return [await rejected(S.sign('HMAC', hk, 'text')), await rejected(S.verify('HMAC', hk, 'x', enc(''))), await rejected(S.importKey('raw', { kty: 'oct' }, hmac, true, ['sign']))].join()`,
			"TypeError,TypeError,TypeError"},
		{"an unknown KeyFormat", `return [await rejected(S.importKey('foo', enc('k'), hmac, true, ['sign'])), await rejected(S.exportKey('RAW', hk))].join()`, "TypeError,TypeError"},
		{"usages that are not a sequence of KeyUsage", `return [await rejected(S.importKey('raw', enc('k'), hmac, true, 'sign')), await rejected(S.importKey('raw', enc('k'), hmac, true, ['sign', 'foo'])),
				await rejected(S.generateKey(hmac, true, undefined))].join()`, "TypeError,TypeError,TypeError"},
		{"the KeyUsage message", `try { await S.generateKey(hmac, true, ['sign', 'foo']) } catch (e) { return e.message }`,
			"Failed to execute 'generateKey' on 'SubtleCrypto': 3rd argument, index 1 value 'foo' is not a valid enum value of type KeyUsage."},
		{"a jwk that is not an object", `return [await rejected(S.importKey('jwk', 'abc', hmac, true, ['sign'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', key_ops: 'sign' }, hmac, true, ['sign']))].join()`,
			"TypeError,TypeError"},
		{"a null jwk is an empty one", `return rejected(S.importKey('jwk', null, hmac, true, ['sign']))`, "DOMException:DataError"},
		{"an algorithm without name", `return [await rejected(S.sign({}, hk, enc(''))), await rejected(S.importKey('raw', enc('k'), { hash: 'SHA-256' }, true, ['sign']))].join()`, "TypeError,TypeError"},
		{"the normalization message", `try { await S.generateKey({ name: 'HMAC' }, true, ['sign']) } catch (e) { return e.message }`,
			"Failed to normalize algorithm: passed algorithm can not be converted to 'HmacKeyGenParams' because 'hash' is required in 'HmacKeyGenParams'."},
		{"[EnforceRange] members", `return [await rejected(S.generateKey({ ...hmac, length: -1 }, true, ['sign'])), await rejected(S.generateKey({ ...hmac, length: NaN }, true, ['sign'])),
				await rejected(S.generateKey({ ...hmac, length: 2 ** 32 }, true, ['sign'])), await rejected(S.generateKey({ name: 'AES-GCM', length: 65536 }, true, ['encrypt'])),
				(await S.generateKey({ name: 'AES-GCM', length: '128' }, true, ['encrypt'])).algorithm.length].join()`, "TypeError,TypeError,TypeError,TypeError,128"},
		{"HMAC key lengths must be whole bytes (Node.js)", `return rejected(S.generateKey({ ...hmac, length: 100 }, true, ['sign']))`, "TypeError"},
		{"a BufferSource member that is not one", `return [await rejected(S.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: 'x', info: enc('') }, hk, 8)),
				await rejected(S.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: [1, 0, 1], hash: 'SHA-256' }, true, ['sign']))].join()`, "TypeError,TypeError"},

		// NotSupportedError
		{"an algorithm not registered for the operation", `return [await rejected(S.sign('AES-GCM', hk, enc(''))), await rejected(S.sign('SHA-256', hk, enc(''))), await rejected(S.encrypt('HMAC', hk, enc(''))),
				await rejected(S.generateKey('HKDF', false, ['deriveBits'])), await rejected(S.importKey('raw', enc('k'), 'SHA-256', true, ['sign'])), await rejected(S.deriveBits('HMAC', hk, 8))].join()`,
			"DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError,DOMException:NotSupportedError"},
		{"Ed448 and X448 are not supported", `return [await rejected(S.generateKey('Ed448', true, ['sign'])), await rejected(S.generateKey('X448', true, ['deriveBits']))].join()`,
			"DOMException:NotSupportedError,DOMException:NotSupportedError"},
		{"an unknown hash", `return [await rejected(S.generateKey({ name: 'HMAC', hash: 'MD5' }, true, ['sign'])), await rejected(S.importKey('raw', enc('k'), { name: 'HMAC', hash: { name: 'SHA-3' } }, true, ['sign']))].join()`,
			"DOMException:NotSupportedError,DOMException:NotSupportedError"},
		{"importKey spki for HMAC is NotSupportedError", `return rejected(S.importKey('spki', enc('k'), hmac, true, ['sign']))`, "DOMException:NotSupportedError"},
		{"importKey jwk for PBKDF2", `return rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA' }, 'PBKDF2', false, ['deriveBits']))`, "DOMException:NotSupportedError"},
		{"the error is a DOMException with its code", `try { await S.digest('MD5', enc('')) } catch (e) { return [e instanceof DOMException, e instanceof Error, e.name, e.code, e.message].join() }`,
			"true,true,NotSupportedError,9,Unrecognized algorithm name"},

		// SyntaxError: usages
		{"a usage the algorithm does not have", `return [await rejected(S.importKey('raw', enc('k'), hmac, true, ['encrypt'])), await rejected(S.generateKey({ name: 'AES-GCM', length: 128 }, true, ['sign'])),
				await rejected(S.generateKey('Ed25519', true, ['deriveBits']))].join()`, "DOMException:SyntaxError,DOMException:SyntaxError,DOMException:SyntaxError"},
		{"no usages for a secret or private key", `return [await rejected(S.importKey('raw', enc('k'), hmac, true, [])), await rejected(S.generateKey(hmac, true, [])),
				await rejected(S.generateKey('Ed25519', true, ['verify']))].join()`, "DOMException:SyntaxError,DOMException:SyntaxError,DOMException:SyntaxError"},

		// InvalidAccessError: keys used wrongly
		{"a key without the usage", `const v = await S.importKey('raw', enc('key'), hmac, false, ['verify']);
			return [await rejected(S.sign('HMAC', v, enc(''))), await rejected(S.verify('HMAC', hk, enc(''), enc('')))].join()`,
			"DOMException:InvalidAccessError,DOMException:InvalidAccessError"},
		{"the usage message", `const v = await S.importKey('raw', enc('key'), hmac, false, ['verify']); try { await S.sign('HMAC', v, enc('')) } catch (e) { return [e.code, e.message].join() }`,
			"15,Unable to use this key to sign"},
		{"exporting a non-extractable key is InvalidAccessError", `return rejected(S.exportKey('raw', hk))`, "DOMException:InvalidAccessError"},
		{"wrapping a non-extractable key is InvalidAccessError", `const kw = await S.importKey('raw', new Uint8Array(16), 'AES-KW', false, ['wrapKey']); return rejected(S.wrapKey('raw', hk, kw, 'AES-KW'))`,
			"DOMException:InvalidAccessError"},
		{"exporting in a format the key does not have", `const k = await S.importKey('raw', enc('key'), hmac, true, ['sign']); return [await rejected(S.exportKey('spki', k)), await rejected(S.exportKey('pkcs8', k))].join()`,
			"DOMException:InvalidAccessError,DOMException:InvalidAccessError"},

		// DataError: key data
		{"bad key data", `return [await rejected(S.importKey('raw', new Uint8Array(0), hmac, true, ['sign'])), await rejected(S.importKey('raw', enc('abc'), { ...hmac, length: 32 }, true, ['sign'])),
				await rejected(S.importKey('spki', enc('not DER'), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])), await rejected(S.importKey('pkcs8', new Uint8Array(10), 'Ed25519', true, ['sign'])),
				await rejected(S.importKey('jwk', { kty: 'oct' }, hmac, true, ['sign']))].join()`,
			"DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError"},
		{"jwk members that disagree", `return [await rejected(S.importKey('jwk', { kty: 'RSA', k: 'AAAA' }, hmac, true, ['sign'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', alg: 'HS384' }, hmac, true, ['sign'])),
				await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', use: 'enc' }, hmac, true, ['sign'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', ext: false }, hmac, true, ['sign'])),
				await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', key_ops: ['verify'] }, hmac, true, ['sign'])), await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', key_ops: ['sign', 'sign'] }, hmac, true, ['sign']))].join()`,
			"DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError,DOMException:DataError"},
		{"jwk members that agree", `return [await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', use: 'sig', ext: false, key_ops: ['sign', 'verify', 'other'] }, hmac, false, ['sign'])),
				await rejected(S.importKey('jwk', { kty: 'oct', k: 'AAAA', ext: true }, hmac, false, ['sign']))].join()`, "none,none"},
	}
	for i := range rows {
		rows[i].script = setup + rows[i].script
	}
	runConformance(t, rows)
}
