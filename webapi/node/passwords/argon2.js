// The argon2 npm package's API (its argon2.cjs in argon2@0.45.1, https://www.npmjs.com/package/argon2: hash,
// verify, needsRehash, the type constants, defaults and range checks), with the PHC string format of @phc/format
// (https://github.com/P-H-C/phc-string-format/blob/master/phc-sf-spec.md), over binding.argon2Hash
// (golang.org/x/crypto/argon2: argon2i and argon2id, version 0x13, no secret or associated data).
'use strict';
const { Buffer } = host.require('buffer');
const crypto = host.require('crypto');

const argon2d = 0, argon2i = 1, argon2id = 2;
const types = Object.freeze({ argon2d, argon2i, argon2id });
const names = Object.freeze({ [argon2d]: 'argon2d', [argon2i]: 'argon2i', [argon2id]: 'argon2id' });
const defaults = { hashLength: 32, memoryCost: 1 << 16, parallelism: 4, timeCost: 3, type: argon2id, version: 0x13 };

const raw = (o) => new Promise((resolve, reject) => binding.argon2Hash(o, (err, h) => (err ? reject(err) : resolve(h))));
const b64 = (buf) => buf.toString('base64').split('=')[0];

const idRe = /^[a-z0-9-]{1,32}$/, valueRe = /^[a-zA-Z0-9/+.-]+$/, b64Re = /^([a-zA-Z0-9/+.-]+|)$/;
const decimalRe = /^((-)?[1-9]\d*|0)$/, versionRe = /^v=(\d+)$/;

// deserialize reads a PHC string as @phc/format does, with its TypeErrors.
function deserialize(s) {
  if (typeof s !== 'string' || s === '') throw new TypeError('pchstr must be a non-empty string');
  if (s[0] !== '$') throw new TypeError('pchstr must contain a $ as first char');
  const fields = s.split('$');
  fields.shift();
  const maxf = versionRe.test(fields[1]) ? 5 : 4;
  if (fields.length > maxf) throw new TypeError(`pchstr contains too many fileds: ${fields.length}/${maxf}`);
  const id = fields.shift();
  if (!idRe.test(id)) throw new TypeError(`id must satisfy ${idRe}`);
  const out = { id };
  if (versionRe.test(fields[0])) out.version = parseInt(fields.shift().match(versionRe)[1], 10) || undefined;
  if (out.version === undefined) delete out.version;
  let salt, hash;
  if (b64Re.test(fields[fields.length - 1])) {
    if (fields.length > 1 && b64Re.test(fields[fields.length - 2])) {
      hash = Buffer.from(fields.pop(), 'base64');
      salt = Buffer.from(fields.pop(), 'base64');
    } else {
      salt = Buffer.from(fields.pop(), 'base64');
    }
  }
  if (fields.length > 0) {
    const params = {};
    for (const ps of fields.pop().split(',')) {
      const kv = ps.split('=');
      if (kv.length < 2) throw new TypeError('params must be in the format name=value');
      params[kv.shift()] = kv.join('=');
    }
    for (const [k, v] of Object.entries(params)) {
      if (!idRe.test(k)) throw new TypeError('params names must satisfy /^[a-z0-9-]{1,32}$/');
      if (!valueRe.test(v)) throw new TypeError(`params values must satisfy ${valueRe}`);
      params[k] = decimalRe.test(v) ? parseInt(v, 10) : v;
    }
    out.params = params;
  }
  if (fields.length > 0) throw new TypeError(`pchstr contains unrecognized fileds: ${fields}`);
  if (salt) out.salt = salt;
  if (hash) out.hash = hash;
  return out;
}

async function hash(password, options) {
  const { raw: wantRaw, salt: givenSalt, ...rest } = { ...defaults, ...options };
  if (rest.hashLength > 2 ** 32 - 1) throw new RangeError('Hash length is too large');
  if (rest.memoryCost > 2 ** 32 - 1) throw new RangeError('Memory cost is too large');
  if (rest.timeCost > 2 ** 32 - 1) throw new RangeError('Time cost is too large');
  if (rest.parallelism > 2 ** 24 - 1) throw new RangeError('Parallelism is too large');
  const salt = givenSalt ?? crypto.randomBytes(16);
  const { hashLength, secret = Buffer.alloc(0), type, version, memoryCost: m, timeCost: t, parallelism: p,
    associatedData: data = Buffer.alloc(0) } = rest;
  const result = await raw({ data, hashLength, m, p, password: Buffer.from(password), salt, secret, t, type, version });
  if (wantRaw) return result;
  let params = `m=${m},p=${p},t=${t}`;
  if (data.byteLength > 0) params += ',data=' + b64(Buffer.from(data));
  return `$${names[type]}$v=${version}$${params}$${b64(Buffer.from(salt))}$${b64(result)}`;
}

function needsRehash(digest, options = {}) {
  const { memoryCost, timeCost, parallelism, version } = { ...defaults, ...options };
  const { version: v, params: { m, t, p } } = deserialize(digest);
  return Number(v) !== Number(version) || Number(m) !== Number(memoryCost) || Number(t) !== Number(timeCost) ||
    Number(p) !== Number(parallelism);
}

async function verify(digest, password, options = {}) {
  const { id, ...rest } = deserialize(digest);
  if (!(id in types)) return false;
  const { version = 0x10, params: { m, t, p, data = '' }, salt, hash: actual } = rest;
  const { secret = Buffer.alloc(0) } = options;
  const expected = await raw({
    data: Buffer.from(data, 'base64'), hashLength: actual.byteLength, m: Number(m), p: Number(p),
    password: Buffer.from(password), salt, secret, t: Number(t), type: types[id], version: Number(version),
  });
  return crypto.timingSafeEqual(expected, actual);
}

return { argon2d, argon2i, argon2id, hash, verify, needsRehash };
