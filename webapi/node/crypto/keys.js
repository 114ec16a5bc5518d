  // --- Keys, signatures, key generation, RSA encryption (spliced into crypto.js) ---------------

  Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: 'KeyObject', configurable: true });

  const keyInputKinds = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];

  // keyHandleOf is Node's prepareAsymmetricKey + create: kind is 'private' or 'public' (a public
  // key may come from private material, a private key may not).
  function keyHandleOf(key, kind, name = 'key') {
    if (key instanceof KeyObject) return checkKeyObject(key, kind);
    if (isCryptoKey(key)) return checkKeyObject(wrapKey(binding.keyFromCryptoKey(key)), kind);
    if (typeof key === 'string' || isView(key) || isArrayBuffer(key)) {
      return binding.keyParse(typeof key === 'string' ? Buffer.from(key) : key, 'pem', '', kind);
    }
    if (typeof key === 'object' && key !== null) {
      const { key: data, format = 'pem', type, passphrase, encoding } = key;
      if (data instanceof KeyObject || isCryptoKey(data)) return keyHandleOf(data, kind, name);
      if (passphrase !== undefined) throw binding.unsupported(kind === 'private' ? 'createPrivateKey' : 'createPublicKey', 'a passphrase (encrypted keys)');
      if (format === 'jwk') {
        validateObject(data, 'key.key');
        checkJWK(data, kind);
        return binding.keyParse(data, 'jwk', '', kind);
      }
      if (typeof data !== 'string' && !isView(data) && !isArrayBuffer(data)) {
        throw invalidArgType('key.key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], data);
      }
      const bytes = typeof data === 'string' ? Buffer.from(data, encoding || 'utf8') : data;
      if (format === 'pem') return binding.keyParse(bytes, 'pem', '', kind);
      if (format === 'der') {
        const types = kind === 'public' ? ['pkcs1', 'spki', 'pkcs8', 'sec1'] : ['pkcs1', 'pkcs8', 'sec1'];
        if (!types.includes(type)) throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.type' is invalid. Received ${binding.inspect(type)}`);
        return binding.keyParse(bytes, 'der', type, kind);
      }
      throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.format' is invalid. Received ${binding.inspect(format)}`);
    }
    throw invalidArgType(name, keyInputKinds, key);
  }
  // checkJWK words a malformed JWK as Node does before any parsing.
  function checkJWK(jwk, kind) {
    const str = (name) => {
      if (typeof jwk[name] !== 'string') throw invalidArgType(`key.${name}`, ['string'], jwk[name]);
    };
    switch (jwk.kty) {
      case 'RSA':
        str('n');
        str('e');
        if (kind === 'private' || jwk.d !== undefined) for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (kind === 'private') str(m);
        return;
      case 'EC':
        str('crv');
        str('x');
        str('y');
        if (kind === 'private') str('d');
        return;
      case 'OKP':
        str('crv');
        str('x');
        if (kind === 'private') str('d');
        return;
    }
    throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received ${binding.inspect(jwk.kty)}`);
  }
  function checkKeyObject(k, kind) {
    const type = k.type;
    if (kind === 'private' && type !== 'private') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${type}, expected private.`);
    if (kind === 'public') {
      if (type === 'secret') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${type}, expected private or public.`);
      return type === 'private' ? binding.keyPublicOf(k[kHandle]) : k[kHandle];
    }
    return k[kHandle];
  }

  function createSecretKey(key, encoding) {
    if (typeof key === 'string') key = Buffer.from(key, encoding || 'utf8');
    else if (!isView(key) && !isArrayBuffer(key)) throw invalidArgType('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
    return wrapKey(binding.keySecret(key));
  }
  function createPublicKey(key) {
    if (key instanceof KeyObject && key.type === 'private') return wrapKey(binding.keyPublicOf(key[kHandle]));
    if (key instanceof KeyObject && key.type !== 'private') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${key.type}, expected private.`);
    return wrapKey(keyHandleOf(key, 'public'));
  }
  function createPrivateKey(key) {
    if (key instanceof KeyObject) throw invalidArgType('key', keyInputKinds, key);
    return wrapKey(keyHandleOf(key, 'private'));
  }

  // --- sign / verify ----------------------------------------------------------------------------
  function signOptions(key) {
    const o = typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isView(key) && !isArrayBuffer(key) && !isCryptoKey(key) ? key : {};
    const { padding, saltLength, dsaEncoding } = o;
    if (padding !== undefined && typeof padding !== 'number') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.padding' is invalid. Received ${binding.inspect(padding)}`);
    if (saltLength !== undefined && typeof saltLength !== 'number') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.saltLength' is invalid. Received ${binding.inspect(saltLength)}`);
    if (dsaEncoding !== undefined && dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.dsaEncoding' is invalid. Received ${binding.inspect(dsaEncoding)}`);
    return [padding, saltLength, dsaEncoding];
  }
  // dataArg is getArrayBufferOrView: a string (UTF-8) or any BufferSource.
  function dataArg(v, name) {
    if (typeof v === 'string') return Buffer.from(v);
    if (isView(v) || isArrayBuffer(v)) return v;
    throw invalidArgType(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], v);
  }
  function signOneShot(algorithm, data, key, callback) {
    if (algorithm != null) validateString(algorithm, 'algorithm');
    if (callback !== undefined) validateFunction(callback, 'callback');
    data = dataArg(data, 'data');
    if (!key) throw err('Error', 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
    const h = keyHandleOf(key, 'private');
    const sig = binding.sign(h, data, algorithm, ...signOptions(key));
    if (callback === undefined) return sig;
    binding.defer(() => callback(null, sig));
  }
  function verifyOneShot(algorithm, data, key, signature, callback) {
    if (algorithm != null) validateString(algorithm, 'algorithm');
    if (callback !== undefined) validateFunction(callback, 'callback');
    data = dataArg(data, 'data');
    if (!isView(signature)) throw invalidArgType('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
    const h = keyHandleOf(key, 'public');
    const ok = binding.verify(h, data, signature, algorithm, ...signOptions(key));
    if (callback === undefined) return ok;
    binding.defer(() => callback(null, ok));
  }

  function signInit(self, algorithm) {
    validateString(algorithm, 'algorithm');
    if (!binding.digestKnown(algorithm)) throw err('TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
    self._algorithm = algorithm;
    self._chunks = [];
  }
  function Sign(algorithm, options) {
    if (!(this instanceof Sign)) return new Sign(algorithm, options);
    signInit(this, algorithm);
    this._options = options;
  }
  Sign.prototype.update = function update(data, encoding) {
    if (typeof data === 'string') data = Buffer.from(data, encoding);
    else if (!isView(data)) throw invalidArgType('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    this._chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return this;
  };
  Sign.prototype._write = function _write(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  };
  Sign.prototype.sign = function sign(privateKey, outputEncoding) {
    if (!privateKey) throw err('Error', 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
    const h = keyHandleOf(privateKey, 'private');
    const sig = binding.sign(h, Buffer.concat(this._chunks), this._algorithm, ...signOptions(privateKey));
    return encode(sig, outputEncoding);
  };
  function Verify(algorithm, options) {
    if (!(this instanceof Verify)) return new Verify(algorithm, options);
    signInit(this, algorithm);
    this._options = options;
  }
  Verify.prototype.update = Sign.prototype.update;
  Verify.prototype._write = Sign.prototype._write;
  Verify.prototype.verify = function verify(object, signature, sigEncoding) {
    const h = keyHandleOf(object, 'public');
    const sig = typeof signature === 'string' ? Buffer.from(signature, sigEncoding) : signature;
    if (!isView(sig) && !isArrayBuffer(sig)) throw invalidArgType('signature', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], signature);
    return binding.verify(h, Buffer.concat(this._chunks), sig, this._algorithm, ...signOptions(object));
  };
  const createSign = (algorithm, options) => new Sign(algorithm, options);
  const createVerify = (algorithm, options) => new Verify(algorithm, options);

  // --- key generation ---------------------------------------------------------------------------
  function keyGenArgs(type, options) {
    validateString(type, 'type');
    if (options !== undefined) validateObject(options, 'options');
    const o = options || {};
    switch (type) {
      case 'rsa': {
        validateUint32(o.modulusLength, 'options.modulusLength');
        if (o.publicExponent !== undefined) validateUint32(o.publicExponent, 'options.publicExponent');
        return [type, o.modulusLength, o.publicExponent, ''];
      }
      case 'ec':
        validateString(o.namedCurve, 'options.namedCurve');
        return [type, 0, undefined, o.namedCurve];
      case 'ed25519': case 'x25519':
        return [type, 0, undefined, ''];
      case 'rsa-pss': case 'dsa': case 'dh': case 'ed448': case 'x448':
        throw binding.unsupported('generateKeyPair', `type '${type}'`);
    }
    throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received ${binding.inspect(type)}`);
  }
  function encodePair(handle, options) {
    const priv = wrapKey(handle);
    const pub = wrapKey(binding.keyPublicOf(handle));
    const o = options || {};
    const out = (k, enc) => (enc && enc.format ? k.export(enc) : k);
    return { publicKey: out(pub, o.publicKeyEncoding), privateKey: out(priv, o.privateKeyEncoding) };
  }
  function generateKeyPairSync(type, options) {
    return encodePair(binding.generate(...keyGenArgs(type, options)), options);
  }
  function generateKeyPair(type, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'callback');
    const args = keyGenArgs(type, options);
    binding.generateAsync(...args, (e, handle) => {
      if (e) return callback(err('Error', 'ERR_CRYPTO_OPERATION_FAILED', e));
      let pair;
      try {
        pair = encodePair(handle, options);
      } catch (x) {
        return callback(x);
      }
      callback(null, pair.publicKey, pair.privateKey);
    });
  }
  function generateKeySync(type, options) {
    validateString(type, 'type');
    validateObject(options, 'options');
    const { length } = options;
    if (type === 'hmac') validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
    else if (type === 'aes') {
      if (![128, 192, 256].includes(length)) throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.length' must be one of: 128, 192, 256. Received ${binding.inspect(length)}`);
    } else throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received ${binding.inspect(type)}`);
    return wrapKey(binding.secretGenerate(Math.floor(length / 8)));
  }
  function generateKey(type, options, callback) {
    validateFunction(callback, 'callback');
    const k = generateKeySync(type, options);
    binding.defer(() => callback(null, k));
  }

  // --- RSA encryption ---------------------------------------------------------------------------
  function rsaOptions(key, defaultPadding) {
    const o = typeof key === 'object' && key !== null && !(key instanceof KeyObject) && !isView(key) && !isArrayBuffer(key) && !isCryptoKey(key) ? key : {};
    const padding = o.padding === undefined ? defaultPadding : o.padding;
    const oaepHash = o.oaepHash === undefined ? 'sha1' : o.oaepHash;
    if (o.oaepHash !== undefined) validateString(oaepHash, 'key.oaepHash');
    let label = o.oaepLabel;
    if (label !== undefined && !isView(label) && !isArrayBuffer(label)) throw invalidArgType('key.oaepLabel', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], label);
    return [padding, oaepHash, label];
  }
  function bufferArg(buffer, encoding) {
    if (typeof buffer === 'string') return Buffer.from(buffer, encoding);
    if (isView(buffer) || isArrayBuffer(buffer)) return buffer;
    throw invalidArgType('buffer', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  function publicEncrypt(key, buffer) {
    const h = keyHandleOf(key, 'public');
    const [padding, oaepHash, label] = rsaOptions(key, 4);
    return binding.rsaCrypt(h, bufferArg(buffer, key && key.encoding), padding, oaepHash, label, false);
  }
  function privateDecrypt(key, buffer) {
    const h = keyHandleOf(key, 'private');
    const [padding, oaepHash, label] = rsaOptions(key, 4);
    if (padding === 1) {
      throw err('TypeError', 'ERR_INVALID_ARG_VALUE', 'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
    }
    return binding.rsaCrypt(h, bufferArg(buffer, key && key.encoding), padding, oaepHash, label, true);
  }

  function diffieHellman(options) {
    validateObject(options, 'options');
    const { privateKey, publicKey } = options;
    if (!(privateKey instanceof KeyObject)) throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.privateKey' is invalid. Received ${binding.inspect(privateKey)}`);
    if (!(publicKey instanceof KeyObject)) throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.publicKey' is invalid. Received ${binding.inspect(publicKey)}`);
    if (privateKey.type !== 'private') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${privateKey.type}, expected private.`);
    if (publicKey.type !== 'public' && publicKey.type !== 'private') throw err('TypeError', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${publicKey.type}, expected private or public.`);
    const pub = publicKey.type === 'private' ? binding.keyPublicOf(publicKey[kHandle]) : publicKey[kHandle];
    return binding.dh(privateKey[kHandle], pub);
  }

  // --- ECDH (createECDH) --------------------------------------------------------------------------
  const pointFormats = ['uncompressed', 'compressed', 'hybrid'];
  function pointFormat(format) {
    if (format === undefined) return 'uncompressed';
    if (!pointFormats.includes(format)) throw err('TypeError', 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`);
    return format;
  }
  function ECDH(curve) {
    if (!(this instanceof ECDH)) return new ECDH(curve);
    validateString(curve, 'curve');
    this[kHandle] = binding.ecdhNew(curve);
  }
  ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
    binding.ecdhGenerate(this[kHandle]);
    return this.getPublicKey(encoding, format);
  };
  ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
    return encode(binding.ecdhPublic(this[kHandle], pointFormat(format)), encoding);
  };
  ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
    return encode(binding.ecdhPrivate(this[kHandle]), encoding);
  };
  ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
    binding.ecdhSetPrivate(this[kHandle], bytesArg(key, 'key', encoding, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']));
    return this;
  };
  ECDH.prototype.setPublicKey = function setPublicKey() {
    throw binding.unsupportedExport('ECDH.prototype.setPublicKey');
  };
  ECDH.prototype.computeSecret = function computeSecret(key, inEnc, outEnc) {
    const k = bytesArg(key, 'key', inEnc, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']);
    return encode(binding.ecdhCompute(this[kHandle], k), outEnc);
  };
  ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
    validateString(curve, 'curve');
    const k = bytesArg(key, 'key', inEnc, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView']);
    return encode(binding.ecdhConvert(curve, k, pointFormat(format)), outEnc);
  };
  const createECDH = (curve) => new ECDH(curve);

  // --- primes -----------------------------------------------------------------------------------
  function candidateBytes(candidate) {
    if (typeof candidate === 'bigint') {
      if (candidate < 0n) throw outOfRange('candidate', '>= 0', candidate);
      const hex = candidate.toString(16);
      return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
    }
    if (isView(candidate) || isArrayBuffer(candidate)) return candidate;
    throw invalidArgType('candidate', ['bigint', 'ArrayBuffer', 'TypedArray', 'Buffer', 'DataView'], candidate);
  }
  function primeChecks(options) {
    validateObject(options, 'options');
    const { checks = 0 } = options;
    validateInt32(checks, 'options.checks', 0);
    return checks;
  }
  function checkPrimeSync(candidate, options = {}) {
    const bytes = candidateBytes(candidate);
    return binding.checkPrime(bytes, primeChecks(options));
  }
  function checkPrime(candidate, options = {}, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    const bytes = candidateBytes(candidate);
    const checks = primeChecks(options);
    validateFunction(callback, 'callback');
    const r = binding.checkPrime(bytes, checks);
    binding.defer(() => callback(null, r));
  }
  function generatePrimeSync(size, options = {}) {
    validateInt32(size, 'size', 1);
    validateObject(options, 'options');
    const { safe = false, bigint = false, add, rem } = options;
    if (add !== undefined || rem !== undefined) throw binding.unsupported('generatePrime', 'options.add/options.rem');
    const buf = binding.generatePrime(size, !!safe);
    if (bigint) return BigInt('0x' + buf.toString('hex'));
    const ab = new ArrayBuffer(buf.length);
    new Uint8Array(ab).set(buf);
    return ab;
  }
  function generatePrime(size, options = {}, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    validateFunction(callback, 'callback');
    const p = generatePrimeSync(size, options);
    binding.defer(() => callback(null, p));
  }

  // --- X509Certificate ----------------------------------------------------------------------------
  const kInfo = Symbol('kInfo');
  class X509Certificate {
    constructor(buffer) {
      if (typeof buffer === 'string') buffer = Buffer.from(buffer);
      if (!isView(buffer) && !isArrayBuffer(buffer)) throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
      this[kHandle] = binding.x509Parse(buffer);
      this[kInfo] = binding.x509Info(this[kHandle]);
    }
    get subject() { return this[kInfo].subject; }
    get subjectAltName() { return this[kInfo].subjectAltName; }
    get issuer() { return this[kInfo].issuer; }
    get issuerCertificate() { return undefined; }
    get infoAccess() { return this[kInfo].infoAccess; }
    get validFrom() { return this[kInfo].validFrom; }
    get validTo() { return this[kInfo].validTo; }
    get fingerprint() { return this[kInfo].fingerprint; }
    get fingerprint256() { return this[kInfo].fingerprint256; }
    get fingerprint512() { return this[kInfo].fingerprint512; }
    get keyUsage() { return this[kInfo].keyUsage; }
    get serialNumber() { return this[kInfo].serialNumber; }
    get raw() { return binding.x509Raw(this[kHandle]); }
    get publicKey() { return wrapKey(binding.x509PublicKey(this[kHandle])); }
    toString() { return this[kInfo].pem; }
    toJSON() { return this.toString(); }
    get ca() { return this[kInfo].ca; }
    checkHost(name, options) {
      validateString(name, 'name');
      return binding.x509CheckHost(this[kHandle], name);
    }
    checkEmail(email, options) {
      validateString(email, 'email');
      return binding.x509CheckEmail(this[kHandle], email);
    }
    checkIP(ip) {
      validateString(ip, 'ip');
      return binding.x509CheckIP(this[kHandle], ip);
    }
    checkIssued(otherCert) {
      if (!(otherCert instanceof X509Certificate)) throw invalidArgType('otherCert', ['X509Certificate'], otherCert);
      return binding.x509CheckIssued(this[kHandle], otherCert[kHandle]);
    }
    checkPrivateKey(pkey) {
      if (!(pkey instanceof KeyObject)) throw invalidArgType('pkey', ['KeyObject'], pkey);
      if (pkey.type !== 'private') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'pkey' is invalid. Received ${binding.inspect(pkey)}`);
      return binding.x509CheckPrivateKey(this[kHandle], pkey[kHandle]);
    }
    verify(pkey) {
      if (!(pkey instanceof KeyObject)) throw invalidArgType('pkey', ['KeyObject'], pkey);
      if (pkey.type !== 'public') throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'pkey' is invalid. Received ${binding.inspect(pkey)}`);
      return binding.x509Verify(this[kHandle], pkey[kHandle]);
    }
    toLegacyObject() { throw binding.unsupportedExport('X509Certificate.prototype.toLegacyObject'); }
  }

  function keysPart(ex) {
    lazyStream([Sign, Verify], 'Writable', ['_writableState']);
    Object.assign(ex, {
      createSecretKey, createPublicKey, createPrivateKey,
      sign: signOneShot, verify: verifyOneShot, createSign, createVerify, Sign, Verify,
      generateKeyPair, generateKeyPairSync, generateKey, generateKeySync,
      publicEncrypt, privateDecrypt, diffieHellman, createECDH, ECDH, checkPrime, checkPrimeSync, generatePrime, generatePrimeSync,
      X509Certificate,
    });
    for (const name of ['privateEncrypt', 'publicDecrypt', 'createDiffieHellman', 'createDiffieHellmanGroup', 'getDiffieHellman',
      'setEngine', 'Certificate', 'DiffieHellman',
      'DiffieHellmanGroup', 'Cipher', 'Decipher']) {
      ex[name] = function () { throw binding.unsupportedExport(name); };
    }
  }
