package crypto_test

import "testing"

// TestJWT signs and verifies JSON Web Tokens (RFC 7519) the way the `jose` library does: keys
// imported from raw secrets, JWKs (alg and use removed, as jose's importJWK does), SPKI and
// PKCS #8; the signing input base64url-encoded; ECDSA signatures in the raw r||s form JWS wants.
func TestJWT(t *testing.T) {
	const jwt = `const te = new TextEncoder(), td = new TextDecoder();
		const part = o => b64u(te.encode(JSON.stringify(o)));
		async function sign(alg, params, key, payload) {
			const input = part({ alg, typ: 'JWT' }) + '.' + part(payload);
			return input + '.' + b64u(await S.sign(params, key, te.encode(input)));
		}
		async function verify(token, params, key) {
			const [h, p, sig] = token.split('.');
			if (!await S.verify(params, key, b64ud(sig), te.encode(h + '.' + p))) throw new Error('signature verification failed');
			return JSON.parse(td.decode(b64ud(p)));
		}
		const importJWK = (jwk, alg, usages) => { const { alg: _, use, ...data } = jwk; return S.importKey('jwk', data, alg, true, usages) };
		const claims = { sub: 'user_123', iat: 1700000000, exp: 1700003600 };
	`
	rows := []conformance{
		{"HS256 token matches Node's", `const key = await S.importKey('raw', te.encode('a-string-secret-at-least-256-bits-long'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
			return sign('HS256', 'HMAC', key, claims)`,
			"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzEyMyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.T4RHY1mFRfXTeWmKURLbQrBtwv4McpaYTtCMLiWfEkk"},
		{"HS256 verify with a JWK secret, and a tampered token", `const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyXzEyMyIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.T4RHY1mFRfXTeWmKURLbQrBtwv4McpaYTtCMLiWfEkk';
			const key = await importJWK({ kty: 'oct', k: b64u(te.encode('a-string-secret-at-least-256-bits-long')), alg: 'HS256', use: 'sig' }, { name: 'HMAC', hash: 'SHA-256' }, ['verify']);
			const [h, , s] = token.split('.');
			return [(await verify(token, 'HMAC', key)).sub, await verify(h + '.' + part({ ...claims, sub: 'admin' }) + '.' + s, 'HMAC', key).catch(e => e.message)].join()`,
			"user_123,signature verification failed"},
		{"HS512 with a generated secret", `const key = await S.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign', 'verify']);
			const token = await sign('HS512', 'HMAC', key, claims);
			return [b64ud(token.split('.')[2]).length, (await verify(token, 'HMAC', key)).exp].join()`, "64,1700003600"},
		{"RS256: sign with PKCS #8, verify with SPKI; deterministic like Node's", `const priv = await S.importKey('pkcs8', b64d(V.rs256.pkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
			const pub = await S.importKey('spki', b64d(V.rs256.spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
			const token = await sign('RS256', 'RSASSA-PKCS1-v1_5', priv, claims);
			return [(await verify(token, 'RSASSA-PKCS1-v1_5', pub)).sub, pub.algorithm.modulusLength >= 2048, hex(await S.digest('SHA-256', te.encode(token)))].join()`,
			"user_123,true,aaaddd1a90de506f8a214d6ddaebddbc14593c2fd7b4f956ad4c1df5bda9835d"},
		{"RS256 verify with a JWK", `const priv = await importJWK(V.rs256.privateJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['sign']);
			const pub = await importJWK(V.rs256.publicJwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, ['verify']);
			return (await verify(await sign('RS256', 'RSASSA-PKCS1-v1_5', priv, claims), 'RSASSA-PKCS1-v1_5', pub)).iat`, "1700000000"},
		{"PS256", `const priv = await S.importKey('pkcs8', b64d(V.ps256.pkcs8), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
			const pub = await importJWK(V.ps256.publicJwk, { name: 'RSA-PSS', hash: 'SHA-256' }, ['verify']);
			return (await verify(await sign('PS256', { name: 'RSA-PSS', saltLength: 32 }, priv, claims), { name: 'RSA-PSS', saltLength: 32 }, pub)).sub`, "user_123"},
		{"ES256 with JWKs", `const priv = await importJWK(V.es256.privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, ['sign']);
			const pub = await importJWK(V.es256.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, ['verify']);
			const token = await sign('ES256', { name: 'ECDSA', hash: 'SHA-256' }, priv, claims);
			return [b64ud(token.split('.')[2]).length, (await verify(token, { name: 'ECDSA', hash: 'SHA-256' }, pub)).sub].join()`, "64,user_123"},
		{"EdDSA with a generated pair, exported and re-imported as JWKs", `const { publicKey, privateKey } = await S.generateKey('Ed25519', true, ['sign', 'verify']);
			const pub = await importJWK(await S.exportKey('jwk', publicKey), 'Ed25519', ['verify']);
			const token = await sign('EdDSA', 'Ed25519', privateKey, claims);
			return [b64ud(token.split('.')[2]).length, (await verify(token, 'Ed25519', pub)).sub].join()`, "64,user_123"},
		{"EdDSA verifies a token Node signed", `const pub = await S.importKey('spki', b64d(V.ed25519.spki), 'Ed25519', false, ['verify']);
			const input = part({ alg: 'EdDSA' }) + '.' + b64u(b64d(V.message));
			const priv = await S.importKey('pkcs8', b64d(V.ed25519.pkcs8), 'Ed25519', false, ['sign']);
			const token = input + '.' + b64u(await S.sign('Ed25519', priv, te.encode(input)));
			return [td.decode(b64ud(token.split('.')[1])), await S.verify('Ed25519', pub, b64ud(token.split('.')[2]), te.encode(input))].join()`,
			"jsroute signs this message,true"},
	}
	for i := range rows {
		rows[i].script = jwt + rows[i].script
	}
	runConformance(t, rows)
}
