// bcryptjs's API (its index.js in bcryptjs@3.0.3, https://www.npmjs.com/package/bcryptjs: argument checks and
// messages, callbacks, promises, progress callbacks) with the hash computed in Go (binding.jsSalt,
// binding.jsHash: passwords.go). Same output as the package:
// "$2b$" salts, revisions a/b/y accepted, the key cycled over 72 bytes.
'use strict';
const DEFAULT_ROUNDS = 10;
const tick = (fn) => setImmediate(fn);
let randomFallback = null;

function setRandomFallback(random) { randomFallback = random; }

// utf8 encodes as the package does: a lone surrogate becomes its own three bytes (not U+FFFD), so the
// key of such a password is the package's.
function utf8(s) {
  const out = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if ((c & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c & 0x03ff) << 10) + (s.charCodeAt(++i) & 0x03ff);
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push((c >> 6) | 0xc0, (c & 63) | 0x80);
    else if (c < 0x10000) out.push((c >> 12) | 0xe0, ((c >> 6) & 63) | 0x80, (c & 63) | 0x80);
    else out.push((c >> 18) | 0xf0, ((c >> 12) & 63) | 0x80, ((c >> 6) & 63) | 0x80, (c & 63) | 0x80);
  }
  return new Uint8Array(out);
}

function genSaltSync(rounds, seed_length) {
  rounds = rounds || DEFAULT_ROUNDS;
  if (typeof rounds !== 'number') throw Error('Illegal arguments: ' + typeof rounds + ', ' + typeof seed_length);
  if (rounds < 4) rounds = 4;
  else if (rounds > 31) rounds = 31;
  return '$2b$' + (rounds < 10 ? '0' : '') + rounds.toString() + '$' + binding.jsSalt();
}

function withPromise(run, callback) {
  if (callback) {
    if (typeof callback !== 'function') throw Error('Illegal callback: ' + typeof callback);
    run(callback);
    return;
  }
  return new Promise((resolve, reject) => run((err, res) => (err ? reject(err) : resolve(res))));
}

function genSalt(rounds, seed_length, callback) {
  if (typeof seed_length === 'function') (callback = seed_length), (seed_length = undefined);
  if (typeof rounds === 'function') (callback = rounds), (rounds = undefined);
  if (typeof rounds === 'undefined') rounds = DEFAULT_ROUNDS;
  else if (typeof rounds !== 'number') throw Error('illegal arguments: ' + typeof rounds);
  return withPromise((cb) => tick(() => {
    let salt;
    try { salt = genSaltSync(rounds); } catch (err) { cb(err); return; }
    cb(null, salt);
  }), callback);
}

// parse checks a salt as bcryptjs's _hash does; it returns [error] or [null, minor, rounds, saltChars].
function parse(password, salt) {
  if (typeof password !== 'string' || typeof salt !== 'string') return [Error('Invalid string / salt: Not a string')];
  if (salt.charAt(0) !== '$' || salt.charAt(1) !== '2') return [Error('Invalid salt version: ' + salt.substring(0, 2))];
  let minor, offset;
  if (salt.charAt(2) === '$') (minor = ''), (offset = 3);
  else {
    minor = salt.charAt(2);
    if ((minor !== 'a' && minor !== 'b' && minor !== 'y') || salt.charAt(3) !== '$') {
      return [Error('Invalid salt revision: ' + salt.substring(2, 4))];
    }
    offset = 4;
  }
  if (salt.charAt(offset + 2) > '$') return [Error('Missing salt rounds')];
  const rounds = parseInt(salt.substring(offset, offset + 1), 10) * 10 + parseInt(salt.substring(offset + 1, offset + 2), 10);
  return [null, minor, rounds, salt.substring(offset + 3, offset + 25)];
}

function hashSalted(password, salt, callback, progressCallback) {
  const [err, minor, rounds, chars] = parse(password, salt);
  if (err) {
    if (callback) return tick(() => callback(err));
    throw err;
  }
  if (!callback) return binding.jsHash(utf8(password), minor, rounds, chars);
  if (progressCallback) progressCallback(0);
  binding.jsHash(utf8(password), minor, rounds, chars, (e, h) => {
    if (e) return callback(e, null);
    if (progressCallback) progressCallback(1);
    callback(null, h);
  });
}

function hashSync(password, salt) {
  if (typeof salt === 'undefined') salt = DEFAULT_ROUNDS;
  if (typeof salt === 'number') salt = genSaltSync(salt);
  if (typeof password !== 'string' || typeof salt !== 'string') throw Error('Illegal arguments: ' + typeof password + ', ' + typeof salt);
  return hashSalted(password, salt);
}

function hash(password, salt, callback, progressCallback) {
  return withPromise((cb) => {
    if (typeof password === 'string' && typeof salt === 'number') {
      genSalt(salt, (err, s) => hashSalted(password, s, cb, progressCallback));
    } else if (typeof password === 'string' && typeof salt === 'string') {
      hashSalted(password, salt, cb, progressCallback);
    } else {
      tick(() => cb(Error('Illegal arguments: ' + typeof password + ', ' + typeof salt)));
    }
  }, callback);
}

function safeStringCompare(known, unknown) {
  let diff = known.length ^ unknown.length;
  for (let i = 0; i < known.length; ++i) diff |= known.charCodeAt(i) ^ unknown.charCodeAt(i);
  return diff === 0;
}

function compareSync(password, hash) {
  if (typeof password !== 'string' || typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof password + ', ' + typeof hash);
  if (hash.length !== 60) return false;
  return safeStringCompare(hashSync(password, hash.substring(0, 29)), hash);
}

function compare(password, hashValue, callback, progressCallback) {
  return withPromise((cb) => {
    if (typeof password !== 'string' || typeof hashValue !== 'string') {
      tick(() => cb(Error('Illegal arguments: ' + typeof password + ', ' + typeof hashValue)));
      return;
    }
    if (hashValue.length !== 60) {
      tick(() => cb(null, false));
      return;
    }
    hash(password, hashValue.substring(0, 29), (err, h) => (err ? cb(err) : cb(null, safeStringCompare(h, hashValue))), progressCallback);
  }, callback);
}

function getRounds(hash) {
  if (typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof hash);
  return parseInt(hash.split('$')[2], 10);
}

function getSalt(hash) {
  if (typeof hash !== 'string') throw Error('Illegal arguments: ' + typeof hash);
  if (hash.length !== 60) throw Error('Illegal hash length: ' + hash.length + ' != 60');
  return hash.substring(0, 29);
}

function truncates(password) {
  if (typeof password !== 'string') throw Error('Illegal arguments: ' + typeof password);
  return utf8(password).length > 72;
}

const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// encodeBase64/decodeBase64: bcrypt's base64 over arrays of byte values, as the package's helpers.
function encodeBase64(bytes, length) {
  if (length <= 0 || length > bytes.length) throw Error('Illegal len: ' + length);
  let out = '';
  for (let off = 0; off < length; ) {
    let c1 = bytes[off++] & 0xff;
    out += ALPHABET[(c1 >> 2) & 0x3f];
    c1 = (c1 & 0x03) << 4;
    if (off >= length) { out += ALPHABET[c1 & 0x3f]; break; }
    let c2 = bytes[off++] & 0xff;
    c1 |= (c2 >> 4) & 0x0f;
    out += ALPHABET[c1 & 0x3f];
    c1 = (c2 & 0x0f) << 2;
    if (off >= length) { out += ALPHABET[c1 & 0x3f]; break; }
    c2 = bytes[off++] & 0xff;
    c1 |= (c2 >> 6) & 0x03;
    out += ALPHABET[c1 & 0x3f] + ALPHABET[c2 & 0x3f];
  }
  return out;
}

function decodeBase64(string, length) {
  if (length <= 0) throw Error('Illegal len: ' + length);
  const val = (i) => (i < string.length ? ALPHABET.indexOf(string.charAt(i)) : -1);
  const out = [];
  let off = 0;
  while (off < string.length - 1 && out.length < length) {
    const c1 = val(off++), c2 = val(off++);
    if (c1 === -1 || c2 === -1) break;
    out.push(((c1 << 2) | ((c2 & 0x30) >> 4)) & 0xff);
    if (out.length >= length || off >= string.length) break;
    const c3 = val(off++);
    if (c3 === -1) break;
    out.push((((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2)) & 0xff);
    if (out.length >= length || off >= string.length) break;
    const c4 = val(off++);
    out.push((((c3 & 0x03) << 6) | c4) & 0xff);
  }
  return out;
}

const api = { setRandomFallback, genSaltSync, genSalt, hashSync, hash, compareSync, compare, getRounds, getSalt, truncates, encodeBase64, decodeBase64 };
return Object.assign({ default: api }, api);
