// The JavaScript half of node:crypto (https://nodejs.org/docs/latest-v20.x/api/crypto.html): the
// classes' shapes and the argument checks in Node 20's order and words; hashing, ciphers, key
// derivation, randomness, keys and signatures are Go (`binding`, crypto.go). Run once per
// runtime; the value of this script is the module's exports.
(function (binding, Buffer, StringDecoder, webcrypto) {
  'use strict';
  const { err, invalidArgType, outOfRange } = binding;
  const isView = ArrayBuffer.isView;
  const isArrayBuffer = (v) => v instanceof ArrayBuffer ||
    (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object ArrayBuffer]');
  const kHandle = Symbol('kHandle');

  function validateString(v, name) {
    if (typeof v !== 'string') throw invalidArgType(name, ['string'], v);
  }
  function validateFunction(v, name) {
    if (typeof v !== 'function') throw invalidArgType(name, ['function'], v);
  }
  function validateObject(v, name) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidArgType(name, ['object'], v);
  }
  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
    if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
      throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
    }
  }
  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  const validateInt32 = (value, name, min = -2147483648, max = 2147483647) => validateInteger(value, name, min, max);
  const validateUint32 = (value, name, positive) => validateInteger(value, name, positive ? 1 : 0, 4294967295);

  // Bytes of data given as a string in encoding or as any BufferSource (Node's prepareSecretKey
  // and friends). name and the accepted kinds word the error.
  function toBuf(data, encoding) {
    if (typeof data === 'string') return Buffer.from(data, encoding === 'buffer' ? 'utf8' : encoding);
    return data;
  }
  function bytesArg(data, name, encoding, kinds = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']) {
    if (typeof data === 'string') return Buffer.from(data, encoding === 'buffer' || !encoding ? 'utf8' : encoding);
    if (isView(data) || isArrayBuffer(data)) return data;
    throw invalidArgType(name, kinds, data);
  }
  // encode returns bytes (a Buffer) as a string in encoding, or the Buffer for none/'buffer'.
  function encode(buf, encoding) {
    if (encoding === undefined || encoding === 'buffer') return buf;
    return Buffer.isEncoding(encoding) ? buf.toString(encoding) : buf;
  }

  // --- Hash, Hmac ------------------------------------------------------------------------------

  function Hash(algorithm, options) {
    if (!(this instanceof Hash)) return new Hash(algorithm, options);
    const xofLen = typeof options === 'object' && options !== null ? options.outputLength : undefined;
    if (xofLen !== undefined) validateUint32(xofLen, 'options.outputLength');
    if (algorithm instanceof Hash) {
      this[kHandle] = binding.hashCopy(algorithm[kHandle], xofLen === undefined ? -1 : xofLen);
    } else {
      validateString(algorithm, 'algorithm');
      this[kHandle] = binding.hashNew(algorithm, xofLen === undefined ? -1 : xofLen);
    }
    this._options = options;
  }
  Hash.prototype.copy = function copy(options) {
    if (binding.hashFinal(this[kHandle])) throw err('Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    return new Hash(this, options);
  };
  Hash.prototype.update = function update(data, encoding) {
    if (binding.hashFinal(this[kHandle])) throw err('Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    if (typeof data !== 'string' && !isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    binding.hashUpdate(this[kHandle], typeof data === 'string' ? Buffer.from(data, encoding) : data);
    return this;
  };
  Hash.prototype.digest = function digest(outputEncoding) {
    if (binding.hashFinal(this[kHandle])) throw err('Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    return encode(binding.hashDigest(this[kHandle]), outputEncoding);
  };

  // The Transform hooks Node's Hash/Hmac/Cipher define (they are LazyTransforms there). Here the
  // objects are not streams (node:stream is another module): the hooks exist for code that calls
  // them directly and for the day these classes extend Transform.
  function transformHooks(proto, flushOut) {
    proto._transform = function _transform(chunk, encoding, callback) {
      this.update(chunk, encoding);
      callback();
    };
    proto._flush = function _flush(callback) {
      this.push(flushOut(this));
      callback();
    };
  }
  transformHooks(Hash.prototype, (h) => h.digest());

  function Hmac(hmac, key, options) {
    if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
    validateString(hmac, 'hmac');
    const encoding = options && options.encoding;
    const k = secretKeyBytes(key, encoding);
    this[kHandle] = binding.hmacNew(hmac, k);
  }
  Hmac.prototype.update = Hash.prototype.update;
  Hmac.prototype.digest = function digest(outputEncoding) {
    if (binding.hashFinal(this[kHandle])) return encode(Buffer.alloc(0), outputEncoding); // Node: '' after the first
    return encode(binding.hashDigest(this[kHandle]), outputEncoding);
  };

  transformHooks(Hmac.prototype, (h) => h.digest());
  function createHash(algorithm, options) { return new Hash(algorithm, options); }
  function createHmac(hmac, key, options) { return new Hmac(hmac, key, options); }

  function hash(algorithm, input, outputEncoding = 'hex') {
    validateString(algorithm, 'algorithm');
    if (typeof input !== 'string' && !isView(input)) throw invalidArgType('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
    if (!binding.hashExists(algorithm)) throw new Error(`Digest method ${algorithm} is not supported`);
    if (outputEncoding !== 'buffer' && !Buffer.isEncoding(outputEncoding)) {
      throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'outputEncoding' is invalid for data of length ${String(input.length)}. Received ${binding.inspect(outputEncoding)}`);
    }
    const h = binding.hashNew(algorithm, -1);
    binding.hashUpdate(h, typeof input === 'string' ? Buffer.from(input) : input);
    return encode(binding.hashDigest(h), outputEncoding);
  }

  // --- Streams ---------------------------------------------------------------------------------
  // Hash, Hmac, Cipheriv and Decipheriv are LazyTransforms as in Node (lib/internal/streams/
  // lazy_transform.js): Transforms whose stream state is built the first time a stream property
  // is read, so createHash().update().digest() pays nothing for it; Sign and Verify are Writables,
  // made lazily the same way. Only where node:stream is provided, and node:stream itself is loaded
  // the first time one of these objects is used as a stream: until then their prototypes inherit
  // from a stub whose stream members load it, re-link the chain and answer.
  const streamMembers = ['pipe', 'unpipe', 'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'prependListener',
    'prependOnceListener', 'emit', 'listeners', 'rawListeners', 'listenerCount', 'eventNames', 'setMaxListeners', 'getMaxListeners', 'write', 'end',
    'read', 'setEncoding', 'setDefaultEncoding', 'pause', 'resume', 'isPaused', 'destroy', 'cork', 'uncork', 'push', 'unshift', 'wrap', 'readable',
    'writable', 'destroyed', 'closed', 'errored', 'readableEnded', 'writableEnded', 'writableFinished', 'readableFlowing', 'readableLength',
    'writableLength', 'readableEncoding', 'readableObjectMode', 'writableObjectMode', 'readableHighWaterMark', 'writableHighWaterMark',
    '_readableState', '_writableState', '_transformState', '_events', '_eventsCount', '_maxListeners', Symbol.asyncIterator];
  function lazyStream(classes, baseName, stateNames) {
    if (!binding.provided('stream')) return;
    const stub = {};
    let linked = false;
    const link = () => {
      if (linked) return;
      linked = true;
      for (const m of streamMembers) delete stub[m];
      const Base = binding.require('stream')[baseName];
      function Lazy(options) { this._options = options; }
      Object.setPrototypeOf(Lazy.prototype, Base.prototype);
      Object.setPrototypeOf(Lazy, Base);
      const lazy = {};
      for (const name of stateNames) {
        lazy[name] = {
          configurable: true,
          enumerable: true,
          get() {
            Base.call(this, this._options);
            if (this._writableState) this._writableState.decodeStrings = false;
            return this[name];
          },
          set(val) {
            Object.defineProperty(this, name, { value: val, enumerable: true, configurable: true, writable: true });
          },
        };
      }
      Object.defineProperties(Lazy.prototype, lazy);
      Object.setPrototypeOf(stub, Lazy.prototype);
    };
    for (const m of streamMembers) {
      Object.defineProperty(stub, m, {
        configurable: true,
        get() { link(); return this[m]; },
        set(v) { link(); this[m] = v; },
      });
    }
    for (const C of classes) Object.setPrototypeOf(C.prototype, stub);
  }

  // --- Randomness ------------------------------------------------------------------------------

  const kMaxUint32 = 2 ** 32 - 1;
  const kMaxPossibleLength = Math.min(2 ** 31 - 1, 2 ** 32);
  function assertSize(size, elementSize, offset, length) {
    validateNumber(size, 'size');
    size *= elementSize;
    if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) throw outOfRange('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
    if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
    return size >>> 0;
  }
  function assertOffset(offset, elementSize, length) {
    validateNumber(offset, 'offset');
    offset *= elementSize;
    const maxLength = Math.min(length, kMaxPossibleLength);
    if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange('offset', `>= 0 && <= ${maxLength}`, offset);
    return offset >>> 0;
  }
  function randomBytes(size, callback) {
    validateNumber(size, 'size', 0, kMaxPossibleLength);
    if (callback !== undefined) validateFunction(callback, 'callback');
    const buf = Buffer.alloc(size);
    binding.randomFill(buf, 0, size);
    if (callback === undefined) return buf;
    binding.defer(() => callback(null, buf));
  }
  function randomFillSync(buf, offset = 0, size) {
    if (!isView(buf) && !isArrayBuffer(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
    const elementSize = buf.BYTES_PER_ELEMENT || 1;
    offset = assertOffset(offset, elementSize, buf.byteLength);
    if (size === undefined) size = buf.byteLength - offset;
    else size = assertSize(size, elementSize, offset, buf.byteLength);
    if (size > 0) binding.randomFill(buf, offset, size);
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    if (!isView(buf) && !isArrayBuffer(buf)) throw invalidArgType('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
    const elementSize = buf.BYTES_PER_ELEMENT || 1;
    if (typeof offset === 'function') {
      callback = offset;
      offset = 0;
      size = buf.byteLength;
    } else if (typeof size === 'function') {
      callback = size;
      offset = assertOffset(offset, elementSize, buf.byteLength);
      size = buf.byteLength - offset;
    } else {
      validateFunction(callback, 'callback');
      offset = assertOffset(offset, elementSize, buf.byteLength);
      if (size === undefined) size = buf.byteLength - offset;
      else size = assertSize(size, elementSize, offset, buf.byteLength);
    }
    validateFunction(callback, 'callback');
    if (size > 0) binding.randomFill(buf, offset, size);
    binding.defer(() => callback(null, buf));
  }
  const RAND_MAX = 0xFFFFFFFFFFFF;
  function randomInt(min, max, callback) {
    const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
    if (minNotSpecified) {
      callback = max;
      max = min;
      min = 0;
    }
    const isSync = typeof callback === 'undefined';
    if (!isSync) validateFunction(callback, 'callback');
    if (!Number.isSafeInteger(min)) throw invalidArgType('min', ['a safe integer'], min, true);
    if (!Number.isSafeInteger(max)) throw invalidArgType('max', ['a safe integer'], max, true);
    if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
    const range = max - min;
    if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? '' : ' - min'}`, `<= ${RAND_MAX}`, range);
    const n = min + binding.randomUint(range);
    if (isSync) return n;
    binding.defer(() => callback(undefined, n)); // Node passes undefined here, null elsewhere
  }
  function randomUUID(options) {
    if (options !== undefined) validateObject(options, 'options');
    if (options && options.disableEntropyCache !== undefined && typeof options.disableEntropyCache !== 'boolean') {
      throw invalidArgType('options.disableEntropyCache', ['boolean'], options.disableEntropyCache);
    }
    return binding.randomUUID();
  }

  function timingSafeEqual(buf1, buf2) {
    if (!isView(buf1) && !isArrayBuffer(buf1)) throw err('TypeError', 'ERR_INVALID_ARG_TYPE', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    if (!isView(buf2) && !isArrayBuffer(buf2)) throw err('TypeError', 'ERR_INVALID_ARG_TYPE', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
    if (buf1.byteLength !== buf2.byteLength) throw err('RangeError', 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    return binding.timingSafeEqual(buf1, buf2);
  }

  // --- Key derivation --------------------------------------------------------------------------

  const keyKinds = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];
  function pbkdf2Args(password, salt, iterations, keylen, digest) {
    password = bytesArg(password, 'password', 'utf8', keyKinds);
    salt = bytesArg(salt, 'salt', 'utf8', keyKinds);
    validateInt32(iterations, 'iterations', 1);
    validateInt32(keylen, 'keylen', 0);
    validateString(digest, 'digest');
    if (!binding.digestKnown(digest)) throw err('TypeError', 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
    return [password, salt, iterations, keylen, digest];
  }
  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    return binding.pbkdf2(...pbkdf2Args(password, salt, iterations, keylen, digest));
  }
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof digest === 'function') {
      callback = digest;
      digest = undefined;
    }
    const args = pbkdf2Args(password, salt, iterations, keylen, digest);
    validateFunction(callback, 'callback');
    binding.async('pbkdf2', args, callback);
  }

  const scryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
  function scryptArgs(password, salt, keylen, options) {
    password = bytesArg(password, 'password', 'utf8', keyKinds);
    salt = bytesArg(salt, 'salt', 'utf8', keyKinds);
    validateInt32(keylen, 'keylen', 0);
    let { N, r, p, maxmem } = scryptDefaults;
    if (options && options !== scryptDefaults) {
      const has = (k) => options[k] !== undefined;
      if (has('N')) { if (has('cost')) throw err('Error', 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter'); N = options.N; validateUint32(N, 'N'); }
      if (has('cost')) { N = options.cost; validateUint32(N, 'cost'); }
      if (has('r')) { if (has('blockSize')) throw err('Error', 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter'); r = options.r; validateUint32(r, 'r'); }
      if (has('blockSize')) { r = options.blockSize; validateUint32(r, 'blockSize'); }
      if (has('p')) { if (has('parallelization')) throw err('Error', 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter'); p = options.p; validateUint32(p, 'p'); }
      if (has('parallelization')) { p = options.parallelization; validateUint32(p, 'parallelization'); }
      if (has('maxmem')) { maxmem = options.maxmem; validateInteger(maxmem, 'maxmem', 0); }
      if (N === 0) N = scryptDefaults.N;
      if (r === 0) r = scryptDefaults.r;
      if (p === 0) p = scryptDefaults.p;
      if (maxmem === 0) maxmem = scryptDefaults.maxmem;
    }
    const problem = binding.scryptCheck(N, r, p, maxmem);
    if (problem) throw err('RangeError', 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', problem === '-' ? 'Invalid scrypt params' : `Invalid scrypt params: ${problem}`);
    return [password, salt, keylen, N, r, p];
  }
  function scryptSync(password, salt, keylen, options = scryptDefaults) {
    return binding.scrypt(...scryptArgs(password, salt, keylen, options));
  }
  function scrypt(password, salt, keylen, options, callback = scryptDefaults) {
    if (callback === scryptDefaults) {
      callback = options;
      options = scryptDefaults;
    }
    const args = scryptArgs(password, salt, keylen, options);
    validateFunction(callback, 'callback');
    binding.async('scrypt', args, callback);
  }

  function hkdfArgs(digest, ikm, salt, info, length) {
    validateString(digest, 'digest');
    ikm = hkdfKey(ikm);
    salt = bytesArg(salt, 'salt', 'utf8', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']);
    info = bytesArg(info, 'info', 'utf8', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']);
    validateInteger(length, 'length', 0, kMaxLength);
    if (info.byteLength > 1024) throw outOfRange('info', 'must not contain more than 1024 bytes', info.byteLength);
    if (!binding.digestKnown(digest)) throw err('TypeError', 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
    if (length > 255 * binding.digestSize(digest)) throw err('RangeError', 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    return [digest, ikm, salt, info, length];
  }
  const kMaxLength = 2 ** 32;
  function hkdfKey(ikm) {
    if (ikm instanceof KeyObject) {
      if (ikm.type !== 'secret') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${ikm.type}, expected secret.`);
      return binding.keyExport(ikm[kHandle], 'buffer');
    }
    return bytesArg(ikm, 'ikm', 'utf8', ['string', 'SecretKeyObject', 'ArrayBuffer', 'TypedArray', 'DataView', 'Buffer']);
  }
  function hkdfSync(digest, ikm, salt, info, length) {
    return binding.hkdf(...hkdfArgs(digest, ikm, salt, info, length)).buffer;
  }
  function hkdf(digest, ikm, salt, info, length, callback) {
    const args = hkdfArgs(digest, ikm, salt, info, length);
    validateFunction(callback, 'callback');
    binding.async('hkdf', args, (e, b) => callback(e, b && b.buffer));
  }

  // --- Ciphers ---------------------------------------------------------------------------------

  function cipherInit(self, cipher, key, iv, options, decipher) {
    validateString(cipher, 'cipher');
    const encoding = options && options.encoding;
    const k = secretKeyBytes(key, encoding);
    if (iv !== null && typeof iv !== 'string' && !isView(iv) && !isArrayBuffer(iv)) {
      throw invalidArgType('iv', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], iv);
    }
    const ivBytes = iv === null ? null : toBuf(iv, encoding);
    let authTagLength = options && options.authTagLength;
    if (authTagLength !== undefined) validateInt32(authTagLength, 'options.authTagLength', 0);
    self[kHandle] = binding.cipherNew(cipher, k, ivBytes, decipher, authTagLength === undefined ? 0 : authTagLength);
    self._decoder = null;
    self._options = options;
  }
  function cipherUpdate(data, inputEncoding, outputEncoding) {
    if (typeof data === 'string') data = Buffer.from(data, inputEncoding);
    else if (!isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    const out = binding.cipherUpdate(this[kHandle], data);
    if (outputEncoding && outputEncoding !== 'buffer') {
      if (!this._decoder) this._decoder = new StringDecoder(outputEncoding);
      return this._decoder.write(out);
    }
    return out;
  }
  function cipherFinal(outputEncoding) {
    const out = binding.cipherFinal(this[kHandle]);
    if (outputEncoding && outputEncoding !== 'buffer') {
      if (!this._decoder) this._decoder = new StringDecoder(outputEncoding);
      return this._decoder.end(out);
    }
    return out;
  }
  function Cipheriv(cipher, key, iv, options) {
    if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
    cipherInit(this, cipher, key, iv, options, false);
  }
  function Decipheriv(cipher, key, iv, options) {
    if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
    cipherInit(this, cipher, key, iv, options, true);
  }
  for (const C of [Cipheriv, Decipheriv]) {
    C.prototype.update = cipherUpdate;
    C.prototype.final = cipherFinal;
    C.prototype.setAutoPadding = function setAutoPadding(ap) {
      if (!binding.cipherSet(this[kHandle], 'padding', ap === undefined ? true : !!ap)) throw err('Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding');
      return this;
    };
    C.prototype.setAAD = function setAAD(aadbuf, options) {
      if (!isView(aadbuf)) throw invalidArgType('buffer', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], aadbuf);
      if (!binding.cipherSet(this[kHandle], 'aad', aadbuf)) throw err('Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAAD');
      return this;
    };
  }
  for (const C of [Cipheriv, Decipheriv]) {
    C.prototype._transform = function _transform(chunk, encoding, callback) {
      this.push(binding.cipherUpdate(this[kHandle], typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
      callback();
    };
    C.prototype._flush = function _flush(callback) {
      try {
        this.push(this.final());
      } catch (e) {
        callback(e);
        return;
      }
      callback();
    };
  }
  Cipheriv.prototype.getAuthTag = function getAuthTag() {
    const tag = binding.cipherGetTag(this[kHandle]);
    if (!tag) throw err('Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation getAuthTag');
    return tag;
  };
  Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
    tagbuf = bytesArg(tagbuf, 'buffer', encoding, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']);
    const problem = binding.cipherSet(this[kHandle], 'tag', tagbuf);
    if (problem === false) throw err('Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAuthTag');
    if (typeof problem === 'string') throw err('TypeError', 'ERR_CRYPTO_INVALID_AUTH_TAG', problem);
    return this;
  };
  function createCipheriv(cipher, key, iv, options) { return new Cipheriv(cipher, key, iv, options); }
  function createDecipheriv(cipher, key, iv, options) { return new Decipheriv(cipher, key, iv, options); }
  function getCipherInfo(nameOrNid, options) {
    if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') throw invalidArgType('nameOrNid', ['string', 'number'], nameOrNid);
    return binding.cipherInfo(nameOrNid, options && options.keyLength, options && options.ivLength);
  }

  // --- Keys (filled in by keys.js's part below) --------------------------------------------------
  // KeyObject and the secret-key preparation are defined here so the sections above can use them.
  class KeyObject {
    constructor(type, handle) {
      if (type !== 'secret' && type !== 'public' && type !== 'private') throw invalidArgType('type', ['secret', 'public', 'private'], type);
      if (typeof handle !== 'object' || handle === null || !(kHandle in handle)) throw invalidArgType('handle', ['object'], handle);
      this[kHandle] = handle[kHandle];
    }
    get type() { return binding.keyType(this[kHandle]); }
    static from(key) {
      if (!isCryptoKey(key)) throw invalidArgType('key', ['CryptoKey'], key);
      return wrapKey(binding.keyFromCryptoKey(key));
    }
    equals(otherKeyObject) {
      if (!(otherKeyObject instanceof KeyObject)) throw invalidArgType('otherKeyObject', ['KeyObject'], otherKeyObject);
      return binding.keyEquals(this[kHandle], otherKeyObject[kHandle]);
    }
  }
  class SecretKeyObject extends KeyObject {
    get symmetricKeySize() { return binding.keySize(this[kHandle]); }
    export(options) {
      if (options !== undefined) validateObject(options, 'options');
      const format = options && options.format;
      if (format === 'jwk') return binding.keyExportJWK(this[kHandle]);
      if (format !== undefined && format !== 'buffer') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.format' must be one of: undefined, 'buffer', 'jwk'. Received ${binding.inspect(format)}`);
      return binding.keyExport(this[kHandle], 'buffer');
    }
  }
  class AsymmetricKeyObject extends KeyObject {
    get asymmetricKeyType() { return binding.keyAsymType(this[kHandle]); }
    get asymmetricKeyDetails() { return binding.keyDetails(this[kHandle]); }
  }
  class PublicKeyObject extends AsymmetricKeyObject {
    export(options) { return exportAsym(this, options, 'public'); }
  }
  class PrivateKeyObject extends AsymmetricKeyObject {
    export(options) { return exportAsym(this, options, 'private'); }
  }
  function exportAsym(key, options, kind) {
    validateObject(options, 'options');
    const { format, type, cipher, passphrase } = options;
    if (format === 'jwk') return binding.keyExportJWK(key[kHandle]);
    if (format !== 'pem' && format !== 'der') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.format' is invalid. Received ${binding.inspect(format)}`);
    if (cipher !== undefined || passphrase !== undefined) throw binding.unsupported('KeyObject.export', 'encrypted private keys');
    const types = kind === 'public' ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
    if (!types.includes(type)) throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.type' is invalid. Received ${binding.inspect(type)}`);
    return binding.keyExport(key[kHandle], format, type);
  }
  function wrapKey(handle) {
    const type = binding.keyType(handle);
    const C = type === 'secret' ? SecretKeyObject : type === 'public' ? PublicKeyObject : PrivateKeyObject;
    const k = Object.create(C.prototype);
    k[kHandle] = handle;
    return k;
  }
  function isCryptoKey(v) { return Object.prototype.toString.call(v) === '[object CryptoKey]'; }

  // secretKeyBytes is Node's prepareSecretKey: a string (in encoding), a BufferSource, a secret
  // KeyObject or a secret CryptoKey.
  function secretKeyBytes(key, encoding) {
    if (key instanceof KeyObject) {
      if (key.type !== 'secret') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
      return binding.keyExport(key[kHandle], 'buffer');
    }
    if (isCryptoKey(key)) {
      if (key.type !== 'secret') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected secret.`);
      return binding.keyExport(binding.keyFromCryptoKey(key), 'buffer');
    }
    if (typeof key === 'string') return Buffer.from(key, encoding === 'buffer' || !encoding ? 'utf8' : encoding);
    if (isView(key) || isArrayBuffer(key)) return key;
    throw invalidArgType('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'string', 'KeyObject', 'CryptoKey'], key);
  }

  //#KEYS#

  const exportsObj = {
    createHash, createHmac, hash, Hash, Hmac,
    randomBytes, randomFill, randomFillSync, randomInt, randomUUID,
    timingSafeEqual,
    pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync,
    createCipheriv, createDecipheriv, Cipheriv, Decipheriv, getCipherInfo,
    getHashes: () => binding.hashNames(),
    getCiphers: () => binding.cipherNames(),
    getCurves: () => ['prime256v1', 'secp256k1', 'secp384r1', 'secp521r1'],
    KeyObject,
    webcrypto,
    subtle: webcrypto.subtle,
    getRandomValues: (array) => webcrypto.getRandomValues(array),
    getFips: () => 0,
    setFips: (v) => { if (v) throw err('Error', 'ERR_CRYPTO_FIPS_FORCED', 'Cannot set FIPS mode in a non-FIPS build.'); },
    secureHeapUsed: () => ({ total: 0, min: 0, used: 0, utilization: 0 }),
    constants: binding.constants,
  };
  if (typeof keysPart === 'function') keysPart(exportsObj);
  lazyStream([Hash, Hmac, Cipheriv, Decipheriv], 'Transform', ['_readableState', '_writableState', '_transformState']);
  // Deprecated aliases Node keeps non-enumerable (DEP0115).
  for (const name of ['pseudoRandomBytes', 'prng', 'rng']) {
    Object.defineProperty(exportsObj, name, { value: randomBytes, writable: true, configurable: true, enumerable: false });
  }
  return exportsObj;
})
