// The bcrypt npm package's API (its bcrypt.js in bcrypt@6.0.0, https://www.npmjs.com/package/bcrypt:
// argument checks and messages, callbacks, promises), over the Go binding: nativeSalt, nativeEncrypt,
// nativeCompare, nativeRounds (passwords.go).
'use strict';
const { Buffer } = host.require('buffer');
// process.nextTick, as the package defers its callback errors (a microtask where there is no process).
const later = (cb, ...args) =>
  typeof process === 'object' && process ? process.nextTick(() => cb(...args)) : queueMicrotask(() => cb(...args));
const ARGS = 'data must be a string or Buffer and salt must either be a salt string or a number of rounds';
const isData = (d) => typeof d === 'string' || d instanceof Buffer;

function promised(fn, self, args) {
  return new Promise((resolve, reject) => {
    fn.apply(self, [...args, (err, v) => (err ? reject(err) : resolve(v))]);
  });
}

function checkSalt(rounds, minor) {
  if (!rounds) rounds = 10;
  else if (typeof rounds !== 'number') return [new Error('rounds must be a number')];
  if (!minor) minor = 'b';
  else if (minor !== 'b' && minor !== 'a') return [new Error('minor must be either "a" or "b"')];
  return [null, rounds, minor];
}

function genSaltSync(rounds, minor) {
  const [err, r, m] = checkSalt(rounds, minor);
  if (err) throw err;
  return binding.nativeSalt(m, r);
}

function genSalt(rounds, minor, cb) {
  if (typeof arguments[0] === 'function') { cb = arguments[0]; rounds = 10; minor = 'b'; }
  else if (typeof arguments[1] === 'function') { cb = arguments[1]; minor = 'b'; }
  if (!cb) return promised(genSalt, this, [rounds, minor]);
  const [err, r, m] = checkSalt(rounds, minor);
  if (err) return later(cb, err);
  const salt = binding.nativeSalt(m, r);
  later(cb, undefined, salt);
}

function hashSync(data, salt) {
  if (data == null || salt == null) throw new Error('data and salt arguments required');
  if (!isData(data) || (typeof salt !== 'string' && typeof salt !== 'number')) throw new Error(ARGS);
  if (typeof salt === 'number') salt = module.genSaltSync(salt);
  return binding.nativeEncrypt(data, salt);
}

function hash(data, salt, cb) {
  if (typeof data === 'function') return later(data, new Error(ARGS));
  if (typeof salt === 'function') return later(salt, new Error(ARGS));
  if (cb && typeof cb !== 'function') return Promise.reject(new Error('cb must be a function or null to return a Promise'));
  if (!cb) return promised(hash, this, [data, salt]);
  if (data == null || salt == null) return later(cb, new Error('data and salt arguments required'));
  if (!isData(data) || (typeof salt !== 'string' && typeof salt !== 'number')) return later(cb, new Error(ARGS));
  if (typeof salt === 'number') {
    return module.genSalt(salt, (err, s) => binding.nativeEncrypt(data, s, cb));
  }
  binding.nativeEncrypt(data, salt, cb);
}

function compareSync(data, hash) {
  if (data == null || hash == null) throw new Error('data and hash arguments required');
  if (!isData(data) || typeof hash !== 'string') throw new Error('data must be a string or Buffer and hash must be a string');
  return binding.nativeCompare(data, hash);
}

function compare(data, hash, cb) {
  if (typeof data === 'function') return later(data, new Error('data and hash arguments required'));
  if (typeof hash === 'function') return later(hash, new Error('data and hash arguments required'));
  if (cb && typeof cb !== 'function') return Promise.reject(new Error('cb must be a function or null to return a Promise'));
  if (!cb) return promised(compare, this, [data, hash]);
  if (data == null || hash == null) return later(cb, new Error('data and hash arguments required'));
  if (!isData(data) || typeof hash !== 'string') return later(cb, new Error('data and hash must be strings'));
  binding.nativeCompare(data, hash, cb);
}

function getRounds(hash) {
  if (hash == null) throw new Error('hash argument required');
  if (typeof hash !== 'string') throw new Error('hash must be a string');
  const n = binding.nativeRounds(hash);
  if (!n) throw new Error('invalid hash provided');
  return n;
}

const module = { genSaltSync, genSalt, hashSync, hash, compareSync, compare, getRounds };
return module;
