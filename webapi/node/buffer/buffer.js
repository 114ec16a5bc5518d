// The JavaScript half of node:buffer (https://nodejs.org/docs/latest-v20.x/api/buffer.html):
// argument checking and the class shape, as Node 20 lays them out; every byte conversion, search,
// comparison and copy is a call into `binding` (buffer.go). Run once per runtime by install; the
// value of this script is the module's exports.
(function (binding, Blob, File, atob, btoa) {
  'use strict';
  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 536870888;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const isView = ArrayBuffer.isView;
  const taLength = Object.getOwnPropertyDescriptor(TypedArray.prototype, 'length').get;
  const taTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const isUint8Array = (v) => taTag.call(v) === 'Uint8Array';
  const isTypedArray = (v) => taTag.call(v) !== undefined;
  const isArrayBuffer = (v) => v instanceof ArrayBuffer ||
    (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object ArrayBuffer]');

  // Node's internal errors (lib/internal/errors.js), built by console.NodeError in Go.
  const err = binding.error;
  const received = binding.received;
  const kTypes = ['string', 'function', 'number', 'object', 'boolean', 'bigint', 'symbol'];
  function listOr(words, lead) {
    if (words.length > 2) return `${lead}${words.slice(0, -1).join(', ')}, or ${words[words.length - 1]}`;
    if (words.length === 2) return `${lead}${words[0]} or ${words[1]}`;
    return `${lead}${words[0]}`;
  }
  function invalidArgType(name, expected, actual) {
    let msg = name.endsWith(' argument') ? `The ${name} must be ` :
      `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be `;
    const types = [], instances = [], other = [];
    for (const e of expected) {
      if (kTypes.includes(e)) types.push(e);
      else if (/^[A-Z][a-zA-Z0-9]*$/.test(e)) instances.push(e);
      else other.push(e);
    }
    const parts = [];
    if (types.length) parts.push(types.length === 1 ? `of type ${types[0]}` : listOr(types, 'one of type '));
    if (instances.length) {
      parts.push(instances.length > 2 ? listOr(instances, 'an instance of ') :
        `an instance of ${instances[0]}${instances.length === 2 ? ` or ${instances[1]}` : ''}`);
    }
    if (other.length) {
      parts.push(other.length === 1 ? `${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}` :
        listOr(other, 'one of '));
    }
    return err('TypeError', 'ERR_INVALID_ARG_TYPE', `${msg}${parts.join(' or ')}. Received ${received(actual)}`);
  }
  function separated(s) {
    let out = '';
    let i = s.length;
    const start = s[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) out = `_${s.slice(i - 3, i)}${out}`;
    return `${s.slice(0, i)}${out}`;
  }
  function outOfRange(name, range, value) {
    let shown;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = separated(String(value));
    else if (typeof value === 'bigint') {
      shown = String(value);
      if (value > 2n ** 32n || value < -(2n ** 32n)) shown = separated(shown);
      shown += 'n';
    } else shown = binding.inspect(value);
    return err('RangeError', 'ERR_OUT_OF_RANGE',
      `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
  }
  const outOfBounds = (name) => err('RangeError', 'ERR_BUFFER_OUT_OF_BOUNDS',
    name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  // The %s of Node's message format: strings as they are, objects inspected.
  const fmtS = (v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? binding.inspect(v) :
    typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v));
  const notString = () => err('TypeError', 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
  const unknownEncoding = (enc) => err('TypeError', 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${fmtS(enc)}`);

  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
    if ((min != null && value < min) || (max != null && value > max) ||
        ((min != null || max != null) && Number.isNaN(value))) {
      throw outOfRange(name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
    }
  }
  function validateOffset(value, name, min = 0, max = kMaxLength) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, ['number'], value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  // normalizeEncoding: the canonical name of an encoding label, or undefined.
  function normalizeEncoding(enc) {
    if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
    switch (String(enc).toLowerCase()) {
      case 'utf8': case 'utf-8': case '': return 'utf8';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      case 'latin1': case 'binary': return 'latin1';
      case 'base64': return 'base64';
      case 'base64url': return 'base64url';
      case 'hex': return 'hex';
      case 'ascii': return 'ascii';
    }
    return undefined;
  }
  // encodingOf is getEncodingOps: like normalizeEncoding but the empty string and nullish values
  // (converted to "undefined", "null") are unknown.
  function encodingOf(enc) {
    enc += '';
    return enc === '' ? undefined : normalizeEncoding(enc);
  }

  // FastBuffer is the class every Buffer really is; Buffer shares its prototype.
  class FastBuffer extends Uint8Array {
    // eslint-disable-next-line no-useless-constructor
    constructor(bufferOrLength, byteOffset, length) { super(bufferOrLength, byteOffset, length); }
  }

  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') throw invalidArgType('string', ['string'], arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true, enumerable: false });
  Object.setPrototypeOf(Buffer, Uint8Array);
  const proto = Buffer.prototype;

  binding.setClass(FastBuffer);

  Buffer.poolSize = 8 * 1024;

  function fromString(string, encoding) {
    let enc;
    if (typeof encoding !== 'string' || encoding.length === 0) {
      if (string.length === 0) return new FastBuffer();
      enc = 'utf8';
    } else {
      enc = encodingOf(encoding);
      if (enc === undefined) throw unknownEncoding(encoding);
    }
    return binding.fromString(string, enc);
  }
  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) byteOffset = 0;
    else {
      byteOffset = +byteOffset;
      if (Number.isNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw outOfBounds('offset');
    if (length === undefined) length = maxLength;
    else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw outOfBounds('length');
      } else length = 0;
    }
    return new FastBuffer(obj, byteOffset, length);
  }
  function fromArrayLike(obj) {
    if (obj.length <= 0) return new FastBuffer();
    return new FastBuffer(obj);
  }
  function fromObject(obj) {
    if (obj.length !== undefined || isArrayBuffer(obj.buffer)) {
      if (typeof obj.length !== 'number') return new FastBuffer();
      return fromArrayLike(obj);
    }
    if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
        return from(valueOf, encodingOrOffset, length);
      }
      const b = fromObject(value);
      if (b) return b;
      if (typeof value[Symbol.toPrimitive] === 'function') {
        const primitive = value[Symbol.toPrimitive]('string');
        if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
      }
    }
    throw invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!isView(view) || !isTypedArray(view)) throw invalidArgType('view', ['TypedArray'], view);
    const viewLength = taLength.call(view);
    if (viewLength === 0) return Buffer.alloc(0);
    if (offset !== undefined || length !== undefined) {
      if (offset !== undefined) {
        validateInteger(offset, 'offset', 0);
        if (offset >= viewLength) return Buffer.alloc(0);
      } else offset = 0;
      let end;
      if (length !== undefined) {
        validateInteger(length, 'length', 0);
        end = offset + length;
      } else end = viewLength;
      view = TypedArray.prototype.slice.call(view, offset, end);
    }
    return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  };

  Buffer.of = function of(...items) {
    const b = new FastBuffer(items.length);
    for (let k = 0; k < items.length; k++) b[k] = items[k];
    return b;
  };

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateNumber(size, 'size', 0, kMaxLength);
    if (fill !== undefined && fill !== 0 && size > 0) {
      const b = new FastBuffer(size);
      return fillImpl(b, fill, 0, b.length, encoding);
    }
    return new FastBuffer(size);
  };
  // No pool: every allocation is its own zero-filled ArrayBuffer (goja cannot hand out
  // uninitialised memory), so allocUnsafe is alloc without the fill.
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  };
  function SlowBuffer(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  }
  Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
  Object.setPrototypeOf(SlowBuffer, Uint8Array);

  Buffer.isBuffer = function isBuffer(b) { return b instanceof Buffer; };

  Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) throw invalidArgType('buf1', ['Buffer', 'Uint8Array'], buf1);
    if (!isUint8Array(buf2)) throw invalidArgType('buf2', ['Buffer', 'Uint8Array'], buf2);
    if (buf1 === buf2) return 0;
    return binding.compare(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
  };

  Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) throw invalidArgType('list', ['Array'], list);
    if (list.length === 0) return new FastBuffer();
    if (length === undefined) {
      length = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i].length) length += list[i].length;
      }
    } else validateOffset(length, 'length');
    const out = new FastBuffer(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (!isUint8Array(b)) throw invalidArgType(`list[${i}]`, ['Buffer', 'Uint8Array'], b);
      pos += copyActual(b, out, pos, 0, b.length);
    }
    return out;
  };

  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (isView(string) || isArrayBuffer(string)) return string.byteLength;
      throw invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], string);
    }
    const mustMatch = arguments.length > 2 && arguments[2] === true;
    if (!mustMatch && string.length === 0) return 0;
    const enc = encoding ? encodingOf(encoding) : 'utf8';
    if (enc === undefined) return mustMatch ? -1 : binding.byteLength(string, 'utf8');
    return binding.byteLength(string, enc);
  };

  // Per-encoding slice/write methods (buf.utf8Slice(start, end), buf.hexWrite(string, offset, length)).
  const encodings = { ascii: 'ascii', base64: 'base64', base64url: 'base64url', latin1: 'latin1', hex: 'hex', ucs2: 'utf16le', utf8: 'utf8' };
  for (const [prefix, enc] of Object.entries(encodings)) {
    const slice = {
      [`${prefix}Slice`](start, end) {
        return binding.slice(this, enc, start === undefined ? 0 : start, end === undefined ? this.length : end);
      },
    }[`${prefix}Slice`];
    const write = {
      [`${prefix}Write`](string, offset = 0, length = this.length - offset) {
        if (typeof string !== 'string') throw notString();
        if (offset > this.length) throw outOfBounds('offset');
        return binding.write(this, string, offset, Math.min(length, this.length - offset), enc);
      },
    }[`${prefix}Write`];
    proto[`${prefix}Slice`] = slice;
    proto[`${prefix}Write`] = write;
  }

  // --- Reads and writes of numbers --------------------------------------------------------------

  function boundsError(value, length, type) {
    if (Math.floor(value) !== value) {
      validateNumber(value, type || 'offset');
      throw outOfRange(type || 'offset', 'an integer', value);
    }
    if (length < 0) throw outOfBounds();
    throw outOfRange(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
  }
  function checkBounds(buf, offset, byteLength1) {
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + byteLength1] === undefined) {
      boundsError(offset, buf.length - (byteLength1 + 1));
    }
  }
  function checkInt(value, min, max, buf, offset, byteLength1) {
    if (value > max || value < min) {
      const n = typeof min === 'bigint' ? 'n' : '';
      let range;
      if (byteLength1 > 3) {
        if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${(byteLength1 + 1) * 8}${n}`;
        else range = `>= -(2${n} ** ${(byteLength1 + 1) * 8 - 1}${n}) and < 2${n} ** ${(byteLength1 + 1) * 8 - 1}${n}`;
      } else range = `>= ${min}${n} and <= ${max}${n}`;
      throw outOfRange('value', range, value);
    }
    checkBounds(buf, offset, byteLength1);
  }
  function readOffset(buf, offset, size) {
    if (offset === undefined) offset = 0;
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
    return offset;
  }

  // An unsigned little-endian integer of n bytes at o (n ≤ 6, exact in a double).
  function getUintLE(b, o, n) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[o + i];
    return v;
  }
  function getUintBE(b, o, n) {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + b[o + i];
    return v;
  }
  function signed(v, n) {
    const limit = 2 ** (8 * n - 1);
    return v >= limit ? v - 2 * limit : v;
  }
  function putLE(b, v, o, n) {
    // v is an integer within range; two's complement for negative values.
    if (v < 0) v += 2 ** (8 * n);
    for (let i = 0; i < n; i++) {
      b[o + i] = v % 256;
      v = Math.floor(v / 256);
    }
    return o + n;
  }
  function putBE(b, v, o, n) {
    if (v < 0) v += 2 ** (8 * n);
    for (let i = n - 1; i >= 0; i--) {
      b[o + i] = v % 256;
      v = Math.floor(v / 256);
    }
    return o + n;
  }

  const sizes = { 8: 1, 16: 2, 32: 4 };
  for (const bits of [8, 16, 32]) {
    const n = sizes[bits];
    for (const le of bits === 8 ? [''] : ['LE', 'BE']) {
      const get = le === 'BE' ? getUintBE : getUintLE;
      const put = le === 'BE' ? putBE : putLE;
      const umax = 2 ** bits - 1, smin = -(2 ** (bits - 1)), smax = 2 ** (bits - 1) - 1;
      const names = {
        [`readUInt${bits}${le}`](offset = 0) { offset = readOffset(this, offset, n); return get(this, offset, n); },
        [`readInt${bits}${le}`](offset = 0) { offset = readOffset(this, offset, n); return signed(get(this, offset, n), n); },
        [`writeUInt${bits}${le}`](value, offset = 0) { return writeInt(this, value, offset, 0, umax, n, put); },
        [`writeInt${bits}${le}`](value, offset = 0) { return writeInt(this, value, offset, smin, smax, n, put); },
      };
      for (const [name, fn] of Object.entries(names)) {
        proto[name] = fn;
        if (name.includes('UInt')) proto[name.replace('UInt', 'Uint')] = fn;
      }
    }
  }
  function writeInt(buf, value, offset, min, max, n, put) {
    value = +value;
    if (n === 1) {
      validateNumber(offset, 'offset');
      if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
      if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
      buf[offset] = value;
      return offset + 1;
    }
    checkInt(value, min, max, buf, offset, n - 1);
    return put(buf, Math.trunc(value), offset, n);
  }

  function byteLengthArg(byteLength) {
    if (byteLength === undefined) throw invalidArgType('byteLength', ['number'], byteLength);
    if (byteLength < 1 || byteLength > 6 || Math.floor(byteLength) !== byteLength) boundsError(byteLength, 6, 'byteLength');
    return byteLength;
  }
  const variable = {
    readUIntLE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', ['number'], offset);
      const n = byteLengthArg(byteLength);
      offset = readOffset(this, offset, n);
      return getUintLE(this, offset, n);
    },
    readUIntBE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', ['number'], offset);
      const n = byteLengthArg(byteLength);
      offset = readOffset(this, offset, n);
      return getUintBE(this, offset, n);
    },
    readIntLE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', ['number'], offset);
      const n = byteLengthArg(byteLength);
      offset = readOffset(this, offset, n);
      return signed(getUintLE(this, offset, n), n);
    },
    readIntBE(offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', ['number'], offset);
      const n = byteLengthArg(byteLength);
      offset = readOffset(this, offset, n);
      return signed(getUintBE(this, offset, n), n);
    },
    writeUIntLE(value, offset, byteLength) {
      const n = byteLengthArg(byteLength);
      return writeInt(this, value, offset, 0, 2 ** (8 * n) - 1, n, putLE);
    },
    writeUIntBE(value, offset, byteLength) {
      const n = byteLengthArg(byteLength);
      return writeInt(this, value, offset, 0, 2 ** (8 * n) - 1, n, putBE);
    },
    writeIntLE(value, offset, byteLength) {
      const n = byteLengthArg(byteLength);
      return writeInt(this, value, offset, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1, n, putLE);
    },
    writeIntBE(value, offset, byteLength) {
      const n = byteLengthArg(byteLength);
      return writeInt(this, value, offset, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1, n, putBE);
    },
  };
  for (const [name, fn] of Object.entries(variable)) {
    proto[name] = fn;
    if (name.includes('UInt')) proto[name.replace('UInt', 'Uint')] = fn;
  }

  // BigInt64: eight bytes through a DataView over the buffer's memory.
  const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  function readBig(buf, offset, signedRead, little) {
    if (offset === undefined) offset = 0;
    validateNumber(offset, 'offset');
    if (buf[offset] === undefined || buf[offset + 7] === undefined) boundsError(offset, buf.length - 8);
    const dv = view(buf);
    return signedRead ? dv.getBigInt64(offset, little) : dv.getBigUint64(offset, little);
  }
  function writeBig(buf, value, offset, signedWrite, little) {
    if (offset === undefined) offset = 0;
    const min = signedWrite ? -(2n ** 63n) : 0n;
    const max = signedWrite ? 2n ** 63n - 1n : 2n ** 64n - 1n;
    checkInt(value, min, max, buf, offset, 7);
    // A Number in range gets past the checks and fails where Node mixes it with BigInts.
    if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    const dv = view(buf);
    if (signedWrite) dv.setBigInt64(offset, value, little);
    else dv.setBigUint64(offset, value, little);
    return offset + 8;
  }
  const bigs = {
    readBigUInt64LE(offset) { return readBig(this, offset, false, true); },
    readBigUInt64BE(offset) { return readBig(this, offset, false, false); },
    readBigInt64LE(offset) { return readBig(this, offset, true, true); },
    readBigInt64BE(offset) { return readBig(this, offset, true, false); },
    writeBigUInt64LE(value, offset) { return writeBig(this, value, offset, false, true); },
    writeBigUInt64BE(value, offset) { return writeBig(this, value, offset, false, false); },
    writeBigInt64LE(value, offset) { return writeBig(this, value, offset, true, true); },
    writeBigInt64BE(value, offset) { return writeBig(this, value, offset, true, false); },
  };
  for (const [name, fn] of Object.entries(bigs)) {
    proto[name] = fn;
    if (name.includes('UInt')) proto[name.replace('UInt', 'Uint')] = fn;
  }

  // V8 writes NaN as the canonical quiet NaN; goja's DataView may keep another payload.
  function setFloat(buf, offset, value, size, little) {
    if (value !== value) {
      const nan = size === 4 ? [0x7f, 0xc0, 0, 0] : [0x7f, 0xf8, 0, 0, 0, 0, 0, 0];
      for (let i = 0; i < size; i++) buf[offset + (little ? size - 1 - i : i)] = nan[i];
    } else if (size === 4) view(buf).setFloat32(offset, value, little);
    else view(buf).setFloat64(offset, value, little);
    return offset + size;
  }
  const floats = {
    readFloatLE(offset = 0) { offset = readOffset(this, offset, 4); return view(this).getFloat32(offset, true); },
    readFloatBE(offset = 0) { offset = readOffset(this, offset, 4); return view(this).getFloat32(offset, false); },
    readDoubleLE(offset = 0) { offset = readOffset(this, offset, 8); return view(this).getFloat64(offset, true); },
    readDoubleBE(offset = 0) { offset = readOffset(this, offset, 8); return view(this).getFloat64(offset, false); },
    writeFloatLE(value, offset = 0) { value = +value; checkBounds(this, offset, 3); return setFloat(this, offset, value, 4, true); },
    writeFloatBE(value, offset = 0) { value = +value; checkBounds(this, offset, 3); return setFloat(this, offset, value, 4, false); },
    writeDoubleLE(value, offset = 0) { value = +value; checkBounds(this, offset, 7); return setFloat(this, offset, value, 8, true); },
    writeDoubleBE(value, offset = 0) { value = +value; checkBounds(this, offset, 7); return setFloat(this, offset, value, 8, false); },
  };
  Object.assign(proto, floats);

  // --- The rest of Buffer.prototype ------------------------------------------------------------

  Object.defineProperty(proto, 'parent', {
    enumerable: true,
    get() { return this instanceof Buffer ? this.buffer : undefined; },
  });
  Object.defineProperty(proto, 'offset', {
    enumerable: true,
    get() { return this instanceof Buffer ? this.byteOffset : undefined; },
  });

  function toInteger(n, def) {
    n = +n;
    if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
      return n % 1 === 0 ? n : Math.floor(n);
    }
    return def;
  }
  function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
    if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
    let nb = sourceEnd - sourceStart;
    const sourceLen = source.length - sourceStart;
    if (nb > sourceLen) nb = sourceLen;
    if (nb <= 0) return 0;
    return binding.copy(source, target, targetStart, sourceStart, nb);
  }
  proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
    if (!isUint8Array(this)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], this);
    if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
    if (targetStart === undefined) targetStart = 0;
    else {
      targetStart = toInteger(targetStart, 0);
      if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
    }
    if (sourceStart === undefined) sourceStart = 0;
    else {
      sourceStart = toInteger(sourceStart, 0);
      if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    }
    if (sourceEnd === undefined) sourceEnd = this.length;
    else {
      sourceEnd = toInteger(sourceEnd, 0);
      if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
    }
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    return copyActual(this, target, targetStart, sourceStart, sourceEnd);
  };

  proto.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return binding.slice(this, 'utf8', 0, this.length);
    const len = this.length;
    if (start <= 0) start = 0;
    else if (start >= len) return '';
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return '';
    let enc = 'utf8';
    if (encoding !== undefined) {
      enc = encodingOf(encoding);
      if (enc === undefined) throw unknownEncoding(encoding);
    }
    return binding.slice(this, enc, start, end);
  };

  proto.equals = function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
    if (this === otherBuffer) return true;
    if (this.byteLength !== otherBuffer.byteLength) return false;
    return this.byteLength === 0 || binding.compare(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
  };

  const exportsObj = {};
  proto[customInspect] = function inspect(recurseTimes, ctx) {
    const max = exportsObj.INSPECT_MAX_BYTES;
    const actualMax = Math.min(max, this.length);
    const remaining = this.length - max;
    let str = binding.hexPairs(this, actualMax);
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    if (ctx) {
      const extras = [];
      for (const key of Object.keys(this)) {
        if (/^(0|[1-9][0-9]*)$/.test(key)) continue;
        extras.push(`${key}: ${binding.inspect(this[key])}`);
      }
      if (extras.length) str += `${str ? ', ' : ''}${extras.join(', ')}`;
    }
    return `<${this.constructor.name} ${str}>`;
  };
  proto.inspect = proto[customInspect];

  proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType('target', ['Buffer', 'Uint8Array'], target);
    if (arguments.length === 1) return binding.compare(this, 0, this.length, target, 0, target.length);
    if (targetStart === undefined) targetStart = 0;
    else validateOffset(targetStart, 'targetStart');
    if (targetEnd === undefined) targetEnd = target.length;
    else validateOffset(targetEnd, 'targetEnd', 0, target.length);
    if (sourceStart === undefined) sourceStart = 0;
    else validateOffset(sourceStart, 'sourceStart');
    if (sourceEnd === undefined) sourceEnd = this.length;
    else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return binding.compare(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  };

  function indexOfImpl(buffer, val, byteOffset, encoding, dir) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
    else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
    if (typeof val === 'number') return binding.indexOfNumber(buffer, val >>> 0, byteOffset, dir);
    const enc = encoding === undefined ? 'utf8' : encodingOf(encoding);
    if (typeof val === 'string') {
      if (enc === undefined) throw unknownEncoding(encoding);
      return binding.indexOfString(buffer, val, byteOffset, enc, dir);
    }
    if (isUint8Array(val)) return binding.indexOfBuffer(buffer, val, byteOffset, enc || 'utf8', dir);
    throw invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
  }
  proto.indexOf = function indexOf(val, byteOffset, encoding) { return indexOfImpl(this, val, byteOffset, encoding, true); };
  proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) { return indexOfImpl(this, val, byteOffset, encoding, false); };
  proto.includes = function includes(val, byteOffset, encoding) { return this.indexOf(val, byteOffset, encoding) !== -1; };

  function fillImpl(buf, value, offset, end, encoding) {
    let enc;
    if (typeof value === 'string') {
      if (offset === undefined || typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = buf.length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = buf.length;
      }
      enc = normalizeEncoding(encoding);
      if (enc === undefined) {
        if (typeof encoding !== 'string') throw invalidArgType('encoding', ['string'], encoding);
        throw unknownEncoding(encoding);
      }
      if (value.length === 0) value = 0;
      else if (value.length === 1) {
        if (enc === 'utf8') {
          const code = value.charCodeAt(0);
          if (code < 128) value = code;
        } else if (enc === 'latin1') value = value.charCodeAt(0);
      }
    }
    if (offset === undefined) {
      offset = 0;
      end = buf.length;
    } else {
      validateOffset(offset, 'offset');
      if (end === undefined) end = buf.length;
      else validateOffset(end, 'end', 0, buf.length);
      if (offset >= end) return buf;
    }
    if (typeof value === 'number') {
      if (offset > end || end > buf.byteLength) throw outOfBounds();
      TypedArray.prototype.fill.call(buf, value, offset, end);
    } else {
      let bytes;
      if (typeof value === 'string') bytes = binding.fromString(value, enc);
      else if (isView(value)) bytes = value;
      else {
        TypedArray.prototype.fill.call(buf, value & 255, offset, end);
        return buf;
      }
      if (bytes.byteLength === 0) {
        throw err('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'value' is invalid. Received ${binding.inspect(value)}`);
      }
      if (end > buf.length) throw outOfBounds();
      binding.fill(buf, bytes, offset, end);
    }
    return buf;
  }
  proto.fill = function fill(value, offset, end, encoding) { return fillImpl(this, value, offset, end, encoding); };

  proto.write = function write(string, offset, length, encoding) {
    if (offset === undefined) return this.utf8Write(string, 0, this.length);
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, 'offset', 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) length = remaining;
      else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, 'length', 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding || encoding === 'utf8') return this.utf8Write(string, offset, length);
    const enc = encodingOf(encoding);
    if (enc === undefined) throw unknownEncoding(encoding);
    if (typeof string !== 'string') throw notString();
    return binding.write(this, string, offset, length, enc);
  };

  proto.toJSON = function toJSON() {
    if (this.length > 0) {
      const data = new Array(this.length);
      for (let i = 0; i < this.length; ++i) data[i] = this[i];
      return { type: 'Buffer', data };
    }
    return { type: 'Buffer', data: [] };
  };

  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || Number.isNaN(offset)) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    return offset < length ? offset : length;
  }
  proto.subarray = function subarray(start, end) {
    const srcLength = this.length;
    start = adjustOffset(start, srcLength);
    end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
  };
  proto.slice = function slice(start, end) {
    const srcLength = this.length;
    start = adjustOffset(start, srcLength);
    end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
  };

  const badSize = (bits) => err('RangeError', 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${bits}`);
  proto.swap16 = function swap16() {
    if (this.length % 2 !== 0) throw badSize('16-bits');
    binding.swap(this, 2);
    return this;
  };
  proto.swap32 = function swap32() {
    if (this.length % 4 !== 0) throw badSize('32-bits');
    binding.swap(this, 4);
    return this;
  };
  proto.swap64 = function swap64() {
    if (this.length % 8 !== 0) throw badSize('64-bits');
    binding.swap(this, 8);
    return this;
  };
  proto.toLocaleString = proto.toString;

  // --- Module functions ------------------------------------------------------------------------

  function bytesInput(input) {
    if (!isView(input) && !isArrayBuffer(input)) throw invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    return input;
  }
  function isUtf8(input) { return binding.isUtf8(bytesInput(input)); }
  function isAscii(input) { return binding.isAscii(bytesInput(input)); }

  // transcode(source, fromEnc, toEnc) between the encodings Node's ICU transcoder knows
  // (utf8, ucs2/utf16le, latin1/binary, ascii); characters the target cannot hold become "?".
  function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) throw invalidArgType('source', ['Buffer', 'Uint8Array'], source);
    if (source.length === 0) return Buffer.alloc(0);
    const from = normalizeEncoding(fromEncoding) || fromEncoding;
    const to = normalizeEncoding(toEncoding) || toEncoding;
    const known = ['utf8', 'utf16le', 'latin1', 'ascii'];
    if (!known.includes(from) || !known.includes(to)) {
      const e = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
      e.code = 'U_ILLEGAL_ARGUMENT_ERROR';
      e.errno = 1;
      throw e;
    }
    return binding.transcode(source, from, to);
  }

  Object.assign(exportsObj, {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    btoa,
    atob,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    INSPECT_MAX_BYTES: 50,
    Blob,
    resolveObjectURL(id) { return undefined; },
    File,
  });
  return exportsObj;
})
