// Re-records vectors.json with Node.js 20's Web Crypto: keys in every format and signatures made
// by Node, which the conformance tests import and verify.
//   node webapi/crypto/testdata/gen_vectors.mjs > webapi/crypto/testdata/vectors.json
const s = globalThis.crypto.subtle;
const b64 = (buf) => Buffer.from(buf).toString('base64');
const message = new TextEncoder().encode('jsroute signs this message');
const out = { message: b64(message) };

async function pair(name, alg, signAlg, usages = ['sign', 'verify']) {
  const k = await s.generateKey(alg, true, usages);
  const v = {
    spki: b64(await s.exportKey('spki', k.publicKey)),
    pkcs8: b64(await s.exportKey('pkcs8', k.privateKey)),
    publicJwk: await s.exportKey('jwk', k.publicKey),
    privateJwk: await s.exportKey('jwk', k.privateKey),
  };
  if (alg.name === 'ECDSA' || alg.name === 'Ed25519') v.raw = b64(await s.exportKey('raw', k.publicKey));
  if (signAlg) v.signature = b64(await s.sign(signAlg, k.privateKey, message));
  out[name] = v;
}

const rsa = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
await pair('rs256', { name: 'RSASSA-PKCS1-v1_5', ...rsa }, 'RSASSA-PKCS1-v1_5');
await pair('ps256', { name: 'RSA-PSS', ...rsa }, { name: 'RSA-PSS', saltLength: 32 });
out.ps256.signatureSalt0 = b64(await s.sign({ name: 'RSA-PSS', saltLength: 0 },
  await s.importKey('jwk', out.ps256.privateJwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']), message));
await pair('oaep', { name: 'RSA-OAEP', ...rsa }, null, ['encrypt', 'decrypt']);
out.oaep.ciphertext = b64(await s.encrypt({ name: 'RSA-OAEP', label: new Uint8Array([1, 2]) },
  await s.importKey('jwk', out.oaep.publicJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']), message));
await pair('es256', { name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' });
await pair('es384', { name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' });
await pair('es512', { name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' });
await pair('ed25519', { name: 'Ed25519' }, { name: 'Ed25519' });
await pair('ecdhA', { name: 'ECDH', namedCurve: 'P-256' }, null, ['deriveBits']);
await pair('ecdhB', { name: 'ECDH', namedCurve: 'P-256' }, null, ['deriveBits']);
out.ecdhSecret = b64(await s.deriveBits({ name: 'ECDH',
  public: await s.importKey('jwk', out.ecdhB.publicJwk, { name: 'ECDH', namedCurve: 'P-256' }, true, []) },
  await s.importKey('jwk', out.ecdhA.privateJwk, { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']), 256));
await pair('x25519A', { name: 'X25519' }, null, ['deriveBits']);
await pair('x25519B', { name: 'X25519' }, null, ['deriveBits']);
out.x25519Secret = b64(await s.deriveBits({ name: 'X25519',
  public: await s.importKey('jwk', out.x25519B.publicJwk, 'X25519', true, []) },
  await s.importKey('jwk', out.x25519A.privateJwk, 'X25519', true, ['deriveBits']), 256));
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
