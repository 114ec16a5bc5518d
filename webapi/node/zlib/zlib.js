// The JavaScript half of node:zlib (https://nodejs.org/docs/latest-v20.x/api/zlib.html): option
// checks in Node 20's order and words, the Sync/callback/stream entry points; the compression is Go
// (`binding`, zlib.go). Run once per runtime; the value of this script is the module's exports.
(function (binding, Buffer, constants, codes) {
  'use strict';
  const isView = ArrayBuffer.isView;
  const isArrayBuffer = (v) => v instanceof ArrayBuffer ||
    (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object ArrayBuffer]');
  const invalidArgType = (name, expected, v) => binding.errs('type', name, expected, v);
  const outOfRange = (name, range, v) => binding.errs('range', name, range, v);
  const kMaxLength = 2 ** 32;
  const {
    Z_NO_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK, Z_DEFAULT_CHUNK, Z_MIN_CHUNK, Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS,
    Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL, Z_DEFAULT_STRATEGY, Z_FIXED,
    BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN,
  } = constants;
  const kMaxBrotliParam = Math.max(...Object.entries(constants).map(([k, v]) => (k.startsWith('BROTLI_PARAM_') ? v : 0)));

  function validateNumber(value, name) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
  }
  function validateFiniteNumber(number, name) {
    if (number === undefined) return false;
    if (Number.isFinite(number)) return true;
    if (Number.isNaN(number)) return false;
    validateNumber(number, name);
    throw outOfRange(name, 'a finite number', number);
  }
  function checkRangesOrGetDefault(number, name, lower, upper, def) {
    if (!validateFiniteNumber(number, name)) return def;
    if (number < lower || number > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, number);
    return number;
  }

  const zlibModes = { deflate: 1, inflate: 2, gzip: 3, gunzip: 4, deflateRaw: 5, inflateRaw: 6, unzip: 7 };
  const isDecompress = (mode) => mode === 'inflate' || mode === 'gunzip' || mode === 'unzip' || mode === 'inflateRaw' || mode === 'brotliDecompress';

  // settings checks opts for mode as Node's Zlib/Brotli and ZlibBase constructors do, in their
  // order, and returns what the Go side needs plus the stream flags.
  function settings(opts, mode) {
    const s = { level: Z_DEFAULT_COMPRESSION, strategy: Z_DEFAULT_STRATEGY, dictionary: undefined, maxOutputLength: 0, syncFlush: false };
    const brotli = mode.startsWith('brotli');
    let flush = brotli ? BROTLI_OPERATION_PROCESS : Z_NO_FLUSH;
    let finishFlush = brotli ? BROTLI_OPERATION_FINISH : Z_FINISH;
    let fullFlush = brotli ? BROTLI_OPERATION_FLUSH : Z_FULL_FLUSH;
    if (!brotli && opts) {
      if (!((opts.windowBits == null || opts.windowBits === 0) && (mode === 'inflate' || mode === 'gunzip' || mode === 'unzip'))) {
        const min = Z_MIN_WINDOWBITS + (mode === 'gzip' ? 1 : 0);
        checkRangesOrGetDefault(opts.windowBits, 'options.windowBits', min, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
      }
      s.level = checkRangesOrGetDefault(opts.level, 'options.level', Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
      checkRangesOrGetDefault(opts.memLevel, 'options.memLevel', Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
      s.strategy = checkRangesOrGetDefault(opts.strategy, 'options.strategy', Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
      let dictionary = opts.dictionary;
      if (dictionary !== undefined && !isView(dictionary)) {
        if (isArrayBuffer(dictionary)) dictionary = Buffer.from(dictionary);
        else throw invalidArgType('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], dictionary);
      }
      s.dictionary = dictionary;
    }
    if (brotli && opts && opts.params) {
      const seen = new Set();
      for (const origKey of Object.keys(opts.params)) {
        const key = +origKey;
        if (Number.isNaN(key) || key < 0 || key > kMaxBrotliParam || seen.has(key)) {
          throw binding.errs('error', 'RangeError', 'ERR_BROTLI_INVALID_PARAM', `${origKey} is not a valid Brotli parameter`);
        }
        seen.add(key);
        const value = opts.params[origKey];
        if (typeof value !== 'number' && typeof value !== 'boolean') throw invalidArgType('options.params[key]', ['number'], value);
        if (key === BROTLI_PARAM_QUALITY) s.quality = Math.max(0, Math.min(11, +value));
        if (key === BROTLI_PARAM_LGWIN) s.lgwin = Math.max(10, Math.min(24, +value));
      }
    }
    let chunkSize = Z_DEFAULT_CHUNK;
    if (opts) {
      chunkSize = opts.chunkSize;
      if (!validateFiniteNumber(chunkSize, 'options.chunkSize')) chunkSize = Z_DEFAULT_CHUNK;
      else if (chunkSize < Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${Z_MIN_CHUNK}`, chunkSize);
      flush = checkRangesOrGetDefault(opts.flush, 'options.flush', Z_NO_FLUSH, Z_BLOCK, flush);
      finishFlush = checkRangesOrGetDefault(opts.finishFlush, 'options.finishFlush', Z_NO_FLUSH, Z_BLOCK, finishFlush);
      s.maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
    }
    s.syncFlush = !brotli && finishFlush !== Z_FINISH;
    return { go: s, chunkSize, flush, finishFlush, fullFlush, info: !!(opts && opts.info) };
  }

  function input(buffer) {
    if (typeof buffer === 'string') return Buffer.from(buffer);
    if (isView(buffer)) return buffer;
    if (isArrayBuffer(buffer)) return Buffer.from(buffer);
    throw invalidArgType('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
  }

  const exportsObj = {};
  const classes = {};

  function syncMethod(mode) {
    return function syncBufferWrapper(buffer, opts) {
      const st = settings(opts, mode);
      const out = binding.sync(mode, input(buffer), st.go);
      if (st.info) return { buffer: out, engine: { mode, options: opts } };
      return out;
    };
  }
  function asyncMethod(mode) {
    return function asyncBufferWrapper(buffer, opts, callback) {
      if (typeof opts === 'function') {
        callback = opts;
        opts = {};
      }
      const st = settings(opts, mode);
      if (typeof callback !== 'function') throw invalidArgType('callback', ['function'], callback);
      // Node writes the data into a stream engine: its chunk check words the error.
      if (typeof buffer !== 'string' && !isView(buffer)) throw invalidArgType('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
      const data = input(buffer);
      binding.async(mode, data, st.go, (err, out) => {
        if (err) return callback(err);
        callback(null, st.info ? { buffer: out, engine: { mode, options: opts } } : out);
      });
    };
  }

  // The stream classes, made on first use from node:stream's Transform.
  const kHandle = Symbol('kHandle');
  const classNames = {
    Deflate: 'deflate', Inflate: 'inflate', Gzip: 'gzip', Gunzip: 'gunzip', DeflateRaw: 'deflateRaw', InflateRaw: 'inflateRaw', Unzip: 'unzip',
    BrotliCompress: 'brotliCompress', BrotliDecompress: 'brotliDecompress',
  };
  function streamClass(name) {
    if (classes[name]) return classes[name];
    const mode = classNames[name];
    if (!binding.provided('stream')) {
      throw binding.errs('error', 'Error', 'ERR_NOT_SUPPORTED', `node:zlib ${name} streams need node:stream, which this jsroute build does not provide`);
    }
    const { Transform } = binding.require('stream');
    class ZlibStream extends Transform {
      constructor(opts) {
        const st = settings(opts, mode);
        const streamOpts = { ...(opts || {}) };
        streamOpts.encoding = null;
        streamOpts.objectMode = false;
        streamOpts.writableObjectMode = false;
        super({ ...streamOpts, readableHighWaterMark: st.chunkSize, writableHighWaterMark: st.chunkSize });
        this[kHandle] = binding.streamNew(mode, st.go);
        this.bytesWritten = 0;
        this._level = st.go.level;
        this._strategy = st.go.strategy;
        this._chunkSize = st.chunkSize;
        this._defaultFlushFlag = st.flush;
        this._finishFlushFlag = st.finishFlush;
        this._defaultFullFlushFlag = st.fullFlush;
        this._info = st.info;
        this._maxOutputLength = st.go.maxOutputLength;
      }
      _transform(chunk, encoding, callback) {
        let out;
        try {
          const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
          this.bytesWritten += data.byteLength;
          out = binding.streamWrite(this[kHandle], data, false);
        } catch (e) {
          return callback(e);
        }
        if (out.length) this.push(out);
        callback();
      }
      _flush(callback) {
        let out;
        try {
          out = binding.streamEnd(this[kHandle]);
        } catch (e) {
          return callback(e);
        }
        if (out.length) this.push(out);
        callback();
      }
      _destroy(err, callback) {
        binding.streamAbort(this[kHandle]);
        callback(err);
      }
      flush(kind, callback) {
        if (typeof kind === 'function' || (kind === undefined && !callback)) {
          callback = kind;
          kind = this._defaultFullFlushFlag;
        }
        const out = binding.streamWrite(this[kHandle], Buffer.alloc(0), !isDecompress(mode));
        if (out.length) this.push(out);
        if (callback) process.nextTick(callback);
      }
      params(level, strategy, callback) {
        this._level = level;
        this._strategy = strategy;
        if (callback) process.nextTick(callback);
      }
      close(callback) {
        if (callback) this.once('close', callback);
        this.destroy();
      }
      reset() {}
      get bytesRead() { return this.bytesWritten; }
      get _closed() { return this.destroyed; }
    }
    function Ctor(opts) {
      return Reflect.construct(ZlibStream, [opts], new.target || Ctor);
    }
    Ctor.prototype = ZlibStream.prototype;
    Object.defineProperty(ZlibStream.prototype, 'constructor', { value: Ctor, writable: true, configurable: true });
    Object.defineProperty(Ctor, 'name', { value: name });
    Object.setPrototypeOf(Ctor, Transform);
    classes[name] = Ctor;
    return Ctor;
  }

  function crc32(data, value = 0) {
    if (typeof data !== 'string' && !isView(data)) throw invalidArgType('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
    if (typeof value !== 'number') throw invalidArgType('value', ['number'], value);
    if (!Number.isInteger(value) || value < 0 || value > 4294967295) throw outOfRange('value', '>= 0 && <= 4294967295', value);
    return binding.crc32(typeof data === 'string' ? Buffer.from(data) : data, value);
  }

  exportsObj.crc32 = crc32;
  for (const name of Object.keys(classNames)) {
    Object.defineProperty(exportsObj, name, { enumerable: true, configurable: true, get: () => streamClass(name), set(v) { Object.defineProperty(exportsObj, name, { value: v, writable: true, enumerable: true, configurable: true }); } });
  }
  for (const mode of ['deflate', 'gzip', 'deflateRaw', 'unzip', 'inflate', 'gunzip', 'inflateRaw', 'brotliCompress', 'brotliDecompress']) {
    exportsObj[mode] = asyncMethod(mode);
    exportsObj[mode + 'Sync'] = syncMethod(mode);
  }
  for (const name of Object.keys(classNames)) {
    exportsObj['create' + name] = function (options) { return new (streamClass(name))(options); };
  }
  Object.defineProperty(exportsObj, 'constants', { value: { ...constants }, enumerable: true, writable: false });
  Object.defineProperty(exportsObj, 'codes', { value: Object.freeze({ ...codes }), enumerable: true, writable: false });
  return exportsObj;
})
