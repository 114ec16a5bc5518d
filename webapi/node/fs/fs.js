// node:fs — the API surface of https://nodejs.org/docs/latest-v20.x/api/fs.html over the Go
// calls of binding.go: argument checks with Node's error codes, flags and modes, encodings,
// Stats/BigIntStats/Dirent, the sync, callback and promise forms, FileHandle.
//
// binding: call(name, ...args) (sync), callAsync(name, cb, ...args), off, notSupported(export),
// cwd; plus jsmodule's error, received, require.
const { call, callAsync, off, notSupported, error, received, cwd } = binding;

const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, EXTENSIONLESS_FORMAT_JAVASCRIPT: 0,
  EXTENSIONLESS_FORMAT_WASM: 1, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192,
  S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128,
  UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536,
  O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384,
  O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
  S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2,
  X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC } = constants;

// --- errors and argument checks (Node's lib/internal/errors.js and validators.js codes) ---

const argType = (name, what, value) => error('TypeError', 'ERR_INVALID_ARG_TYPE',
  `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be ${what}. Received ${received(value)}`);
// inspect is util.inspect's text for the values these errors show (strings quoted and escaped).
function inspect(v) {
  if (typeof v === 'string') {
    const q = v.includes("'") && !v.includes('"') ? '"' : "'";
    return q + v.replace(/[\\\x00-\x1f\x7f]/g, (ch) => {
      const named = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\\': '\\\\' }[ch];
      return named || '\\x' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    }) + q;
  }
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === 0) return '{}';
  if (Array.isArray(v) && v.length === 0) return '[]';
  return received(v);
}
// addNumericalSeparator: ERR_OUT_OF_RANGE writes big integers as 4_294_967_296.
function rangeText(v) {
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) > 2 ** 32) {
    let s = String(Math.abs(v)), out = '';
    for (; s.length > 3; s = s.slice(0, -3)) out = '_' + s.slice(-3) + out;
    return (v < 0 ? '-' : '') + s + out;
  }
  return inspect(v);
}
const argValue = (name, value, reason = 'is invalid') => error('TypeError', 'ERR_INVALID_ARG_VALUE',
  `The argument '${name}' ${reason}. Received ${inspect(value)}`);
const outOfRange = (name, range, value) => error('RangeError', 'ERR_OUT_OF_RANGE',
  `The value of "${name}" is out of range. It must be ${range}. Received ${rangeText(value)}`);
// getValidMode (access, copyFile) words its range error the old way.
function validMode(mode, min, max) {
  if (mode === undefined || mode === null) return min;
  validateInt32(mode, 'mode');
  if (mode < min || mode > max) throw error('RangeError', 'ERR_OUT_OF_RANGE', `mode is out of range: >= ${min} && <= ${max}`);
  return mode;
}

function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw argType(name, 'of type function', fn);
  return fn;
}
function validateInt32(v, name, min = -2147483648, max = 2147483647) {
  if (typeof v !== 'number') throw argType(name, 'of type number', v);
  if (!Number.isInteger(v)) throw outOfRange(name, 'an integer', v);
  if (v < min || v > max) throw outOfRange(name, `>= ${min} && <= ${max}`, v);
  return v;
}
const getFd = (fd) => validateInt32(fd, 'fd', 0);

function bufferClass() {
  const B = globalThis.Buffer;
  return typeof B === 'function' && typeof B.from === 'function' ? B : null;
}
// toBuffer wraps the bytes of an ArrayBuffer as a Buffer (a Uint8Array where no Buffer exists).
function toBuffer(ab) {
  const B = bufferClass();
  return B ? B.from(ab) : new Uint8Array(ab);
}
const encodings = ['utf8', 'utf-8', 'utf16le', 'utf-16le', 'ucs2', 'ucs-2', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'ascii'];
function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === 'buffer') return enc === 'buffer' ? 'buffer' : null;
  const lower = String(enc).toLowerCase();
  if (typeof enc === 'string' && encodings.includes(lower)) return lower === 'utf-8' ? 'utf8' : lower;
  throw argValue('encoding', enc, 'is invalid encoding');
}
function decode(ab, encoding) {
  if (!encoding || encoding === 'buffer') return toBuffer(ab);
  const B = bufferClass();
  if (B) return B.from(ab).toString(encoding);
  if (encoding === 'utf8') return new TextDecoder().decode(ab);
  if (encoding === 'latin1' || encoding === 'binary' || encoding === 'ascii') return String.fromCharCode(...new Uint8Array(ab));
  throw notSupported(`encoding ${encoding} without Buffer`);
}
function encode(str, encoding) {
  const B = bufferClass();
  if (B) return B.from(str, encoding || 'utf8');
  return new TextEncoder().encode(str);
}

function fileURLToPath(u) {
  if (u.protocol !== 'file:') throw error('TypeError', 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (u.hostname !== '') throw error('TypeError', 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  const p = u.pathname;
  for (let n = 0; n < p.length; n++) {
    if (p[n] === '%' && (p[n + 1] === '2') && (p[n + 2] === 'f' || p[n + 2] === 'F')) {
      throw error('TypeError', 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    }
  }
  return decodeURIComponent(p);
}
const isURL = (v) => v != null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string' && typeof v.pathname === 'string';

function getPath(p, name = 'path') {
  if (isURL(p)) p = fileURLToPath(p);
  else if (ArrayBuffer.isView(p) && p instanceof Uint8Array) p = new TextDecoder().decode(p);
  else if (typeof p !== 'string') throw argType(name, 'of type string or an instance of Buffer or URL', p);
  if (p.includes('\u0000')) throw argValue(name, p, 'must be a string, Uint8Array, or URL without null bytes');
  return p;
}
// getPathOrFd: readFile, writeFile and appendFile take an fd too.
const isFd = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2147483647;

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') return validateInt32(flags, name);
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs': case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+': case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx': case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+': case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax': case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as': case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+': case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+': case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw argValue('flags', flags);
}
function parseMode(mode, name, def) {
  if (mode === undefined || mode === null) return def;
  if (typeof mode === 'string') {
    if (!/^[0-7]+$/.test(mode)) throw argValue(name, mode, 'must be a 32-bit unsigned integer or an octal string');
    mode = parseInt(mode, 8);
  }
  if (typeof mode !== 'number') throw argType(name, 'of type number', mode);
  if (!Number.isInteger(mode)) throw outOfRange(name, 'an integer', mode);
  if (mode < 0 || mode > 4294967295) throw outOfRange(name, '>= 0 && <= 4294967295', mode);
  return mode;
}
// getOptions is Node's: a string is the encoding, an object the options; anything else fails
// (for the calls that take both) with Node's words for that.
function getOptions(options, defaults) {
  if (options == null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw argType('options', 'one of type string or object', options);
  return { ...defaults, ...options };
}
// objectOptions is the options of rm, rmdir and cp, which take an object only (validateObject).
function objectOptions(options, defaults) {
  if (options === undefined) return defaults;
  if (options === null || typeof options !== 'object') throw argType('options', 'of type object', options);
  return { ...defaults, ...options };
}
// statOptions is stat's: whatever is not an object is read as no options, as Node reads it.
function statOptions(options, defaults) {
  return options !== null && typeof options === 'object' ? { ...defaults, ...options } : defaults;
}
function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return encode(data, encoding);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw argType(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

// --- Stats and Dirent ---

const kType = Symbol('type');
class StatsBase {
  isDirectory() { return this._checkModeProperty(constants.S_IFDIR); }
  isFile() { return this._checkModeProperty(constants.S_IFREG); }
  isBlockDevice() { return this._checkModeProperty(constants.S_IFBLK); }
  isCharacterDevice() { return this._checkModeProperty(constants.S_IFCHR); }
  isSymbolicLink() { return this._checkModeProperty(constants.S_IFLNK); }
  isFIFO() { return this._checkModeProperty(constants.S_IFIFO); }
  isSocket() { return this._checkModeProperty(constants.S_IFSOCK); }
}
const dateOf = (ms) => new Date(Math.round(Number(ms)));
function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  Object.assign(this, { dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs });
  this.atime = dateOf(atimeMs);
  this.mtime = dateOf(mtimeMs);
  this.ctime = dateOf(ctimeMs);
  this.birthtime = dateOf(birthtimeMs);
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.defineProperty(Stats.prototype, 'isFile', { value: StatsBase.prototype.isFile, writable: true, configurable: true });
Object.defineProperty(Stats.prototype, '_checkModeProperty', {
  value: function (property) { return (this.mode & constants.S_IFMT) === property; }, writable: true, configurable: true,
});
function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  Object.assign(this, { dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks });
  const ms = (ns) => ns / 1000000n;
  Object.assign(this, { atimeMs: ms(atimeNs), mtimeMs: ms(mtimeNs), ctimeMs: ms(ctimeNs), birthtimeMs: ms(birthtimeNs) });
  Object.assign(this, { atimeNs, mtimeNs, ctimeNs, birthtimeNs });
  this.atime = dateOf(this.atimeMs);
  this.mtime = dateOf(this.mtimeMs);
  this.ctime = dateOf(this.ctimeMs);
  this.birthtime = dateOf(this.birthtimeMs);
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
Object.defineProperty(BigIntStats.prototype, '_checkModeProperty', {
  value: function (property) { return (this.mode & BigInt(constants.S_IFMT)) === BigInt(property); }, writable: true, configurable: true,
});

// makeStats builds Stats (or BigIntStats) from the Go numbers (binding.go statResult.toJS).
function makeStats(n, bigint) {
  if (n === undefined) return undefined;
  if (bigint) {
    const ns = (s, f) => BigInt(s) * 1000000000n + BigInt(f);
    return new BigIntStats(...n.slice(0, 10).map(BigInt), ns(n[10], n[11]), ns(n[12], n[13]), ns(n[14], n[15]), ns(n[16], n[17]));
  }
  const ms = (s, f) => s * 1e3 + f / 1e6;
  return new Stats(...n.slice(0, 10), ms(n[10], n[11]), ms(n[12], n[13]), ms(n[14], n[15]), ms(n[16], n[17]));
}

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === constants.UV_DIRENT_DIR; }
  isFile() { return this[kType] === constants.UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === constants.UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === constants.UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === constants.UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === constants.UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === constants.UV_DIRENT_SOCKET; }
}

// --- the calls: one description per function gives its sync, callback and promise forms ---

// Each api entry: (args) → [opName, opArgs, convert(result)] after checking the arguments.
function readdirConvert(o) {
  const enc = normalizeEncoding(o.encoding);
  return (ents) => ents.map(([name, type, parent, base]) => {
    if (o.withFileTypes) return new Dirent(enc === 'buffer' ? encode(base) : base, type, parent);
    return enc === 'buffer' ? encode(name) : name;
  });
}
const api = {
  access(path, mode) {
    return ['access', [getPath(path), validMode(mode, 0, 7)]];
  },
  exists(path) {
    try { path = getPath(path); } catch { return ['exists', ['\u0000invalid']]; }
    return ['exists', [path]];
  },
  stat(path, options) {
    const o = statOptions(options, { bigint: false, throwIfNoEntry: true });
    return ['stat', [getPath(path), true, o.throwIfNoEntry === false], (n) => makeStats(n, o.bigint)];
  },
  lstat(path, options) {
    const o = statOptions(options, { bigint: false, throwIfNoEntry: true });
    return ['stat', [getPath(path), false, o.throwIfNoEntry === false], (n) => makeStats(n, o.bigint)];
  },
  fstat(fd, options) {
    const o = statOptions(options, { bigint: false });
    return ['fstat', [getFd(fd)], (n) => makeStats(n, o.bigint)];
  },
  readdir(path, options) {
    const o = getOptions(options, { encoding: 'utf8', withFileTypes: false, recursive: false });
    return ['readdir', [getPath(path), !!o.recursive], readdirConvert(o)];
  },
  mkdir(path, options) {
    let recursive = false, mode = 0o777;
    if (typeof options === 'number' || typeof options === 'string') mode = parseMode(options, 'mode', 0o777);
    else if (options != null && typeof options === 'object') {
      recursive = options.recursive;
      if (recursive !== undefined && typeof recursive !== 'boolean') throw argType('options.recursive', 'of type boolean', recursive);
      recursive = !!recursive;
      mode = parseMode(options.mode, 'mode', 0o777);
    }
    return ['mkdir', [getPath(path), recursive, mode]];
  },
  mkdtemp(prefix, options) {
    const o = getOptions(options, { encoding: 'utf8' });
    if (typeof prefix !== 'string' && !(prefix instanceof Uint8Array)) throw argType('prefix', 'of type string or an instance of Buffer or URL', prefix);
    const enc = normalizeEncoding(o.encoding);
    return ['mkdtemp', [getPath(prefix, 'prefix')], (p) => (enc === 'buffer' ? encode(p) : p)];
  },
  rm(path, options) {
    const o = objectOptions(options, { recursive: false, force: false });
    return ['rm', [getPath(path), !!o.recursive, !!o.force]];
  },
  rmdir(path, options) {
    const o = objectOptions(options, { recursive: false });
    return ['rmdir', [getPath(path), !!o.recursive]];
  },
  unlink(path) { return ['unlink', [getPath(path)]]; },
  rename(from, to) { return ['rename', [getPath(from, 'oldPath'), getPath(to, 'newPath')]]; },
  link(from, to) { return ['link', [getPath(from, 'existingPath'), getPath(to, 'newPath')]]; },
  symlink(target, path) { return ['symlink', [getPath(target, 'target'), getPath(path)]]; },
  readlink(path, options) {
    const enc = normalizeEncoding(getOptions(options, { encoding: 'utf8' }).encoding);
    return ['readlink', [getPath(path)], (p) => (enc === 'buffer' ? encode(p) : p)];
  },
  copyFile(src, dest, mode) {
    return ['copyFile', [getPath(src, 'src'), getPath(dest, 'dest'), validMode(mode, 0, 7)]];
  },
  cp(src, dest, options) {
    const o = objectOptions(options, { recursive: false, force: true, errorOnExist: false });
    return ['cp', [getPath(src, 'src'), getPath(dest, 'dest'), !!o.recursive, !!o.force, !!o.errorOnExist]];
  },
  truncate(path, len) {
    if (isFd(path)) return ['ftruncate', [path, len === undefined ? 0 : validateInt32(len, 'len')]];
    return ['truncate', [getPath(path), len === undefined ? 0 : validateInt32(len, 'len')]];
  },
  ftruncate(fd, len) { return ['ftruncate', [getFd(fd), len === undefined ? 0 : validateInt32(len, 'len')]]; },
  chmod(path, mode) { return ['chmod', [getPath(path), parseMode(mode, 'mode')]]; },
  utimes(path, atime, mtime) { return ['utimes', [getPath(path), toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime')]]; },
  open(path, flags, mode) {
    return ['open', [getPath(path), stringToFlags(flags), parseMode(mode, 'mode', 0o666)]];
  },
  close(fd) { return ['close', [getFd(fd)]]; },
  fsync(fd) { return ['fsync', [getFd(fd)]]; },
  fdatasync(fd) { return ['fsync', [getFd(fd)]]; },
};
function toUnixTimestamp(t, name) {
  if (typeof t === 'string' && +t == t) return +t;
  if (typeof t === 'number') return Number.isFinite(t) ? t : Date.now() / 1000;
  if (t instanceof Date) return t.getTime() / 1000;
  throw argType(name, 'of type number or an instance of Date', t);
}

const fs = {};
const promises = {};
const checkOff = (name) => {
  if (off) throw error('Error', 'ERR_NOT_SUPPORTED', `node:fs ${name}() is switched off by the embedder (engine.Options.NoFS)`);
};

function syncForm(name, spec) {
  return function (...args) {
    checkOff(name + 'Sync');
    const [op, opArgs, convert] = spec(...args);
    const r = call(op, ...opArgs);
    return convert ? convert(r) : r;
  };
}
function callbackForm(name, spec) {
  return function (...args) {
    checkOff(name);
    // The callback is the last argument; missing, Node names what sits in its place.
    const last = args[args.length - 1];
    if (typeof last !== 'function') validateFunction(args.length > spec.length ? last : undefined, 'cb');
    const cb = last;
    const [op, opArgs, convert] = spec(...args.slice(0, -1));
    callAsync(op, (err, r) => (err ? cb(err) : cb(null, convert ? convert(r) : r)), ...opArgs);
  };
}
function promiseForm(name, spec) {
  return function (...args) {
    return new Promise((resolve, reject) => {
      checkOff('promises.' + name);
      const [op, opArgs, convert] = spec(...args);
      callAsync(op, (err, r) => (err ? reject(err) : resolve(convert ? convert(r) : r)), ...opArgs);
    });
  };
}
for (const name of Object.keys(api)) {
  fs[name + 'Sync'] = syncForm(name, api[name]);
  if (name !== 'exists') fs[name] = callbackForm(name, api[name]);
}
// symlink takes an optional type (ignored on Linux) before the callback.
fs.symlink = callbackForm('symlink', (t, p) => api.symlink(t, p));
fs.symlinkSync = syncForm('symlink', (t, p) => api.symlink(t, p));
// fs.exists has no error argument (deprecated, still used).
fs.exists = function exists(path, cb) {
  validateFunction(cb, 'cb');
  if (off) return void Promise.resolve().then(() => cb(false));
  let p;
  try { p = getPath(path); } catch { return void Promise.resolve().then(() => cb(false)); }
  callAsync('exists', (err, r) => cb(!err && r), p);
};
fs.existsSync = function existsSync(path) {
  if (off) return false;
  try { return call('exists', getPath(path)); } catch { return false; }
};
// realpath: the sync JS walk of Node reports lstat; native and async report realpath.
const realpathSpec = (sys) => (path, options) => {
  const enc = normalizeEncoding(getOptions(options, { encoding: 'utf8' }).encoding);
  return ['realpath', [getPath(path), sys], (p) => (enc === 'buffer' ? encode(p) : p)];
};
fs.realpathSync = syncForm('realpath', realpathSpec('lstat'));
fs.realpathSync.native = syncForm('realpath', realpathSpec('realpath'));
fs.realpath = callbackForm('realpath', realpathSpec('realpath'));
fs.realpath.native = callbackForm('realpath', realpathSpec('realpath'));

// readFile / writeFile / appendFile take a path or an fd and an encoding.
function readFileSpec(path, options) {
  const o = getOptions(options, { encoding: null, flag: 'r' });
  const enc = normalizeEncoding(o.encoding);
  const conv = (ab) => decode(ab, enc);
  if (isFd(path)) return ['readFd', [path], conv];
  return ['readFile', [getPath(path), stringToFlags(o.flag || 'r')], conv];
}
function writeFileSpec(def) {
  return (path, data, options) => {
    const o = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: def });
    const bytes = toBytes(data, normalizeEncoding(o.encoding) || 'utf8');
    if (isFd(path)) return ['write', [path, bytes, -1], () => undefined];
    return ['writeFile', [getPath(path, 'path'), bytes, stringToFlags(o.flag || def), parseMode(o.mode, 'mode', 0o666)]];
  };
}
fs.readFileSync = syncForm('readFile', readFileSpec);
fs.readFile = callbackForm('readFile', readFileSpec);
fs.writeFileSync = syncForm('writeFile', writeFileSpec('w'));
fs.writeFile = callbackForm('writeFile', writeFileSpec('w'));
fs.appendFileSync = syncForm('appendFile', writeFileSpec('a'));
fs.appendFile = callbackForm('appendFile', writeFileSpec('a'));

// read(fd, buffer, offset, length, position) and write(fd, buffer|string, ...).
function readArgs(fd, buffer, offset, length, position) {
  getFd(fd);
  if (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer)) {
    ({ offset = 0, length, position = null } = buffer);
    buffer = arguments[1].buffer;
  } else if (offset !== null && typeof offset === 'object') {
    ({ offset = 0, length, position = null } = offset);
  }
  if (!ArrayBuffer.isView(buffer)) throw argType('buffer', 'an instance of Buffer, TypedArray, or DataView', buffer);
  offset = offset === undefined || offset === null ? 0 : validateInt32(offset, 'offset', 0);
  if (length === undefined) length = buffer.byteLength - offset;
  validateInt32(length, 'length', 0);
  if (offset + length > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
  const pos = position === null || position === undefined || position === -1 ? -1 : Number(position);
  const target = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
  return ['read', [fd, length, pos], (ab) => { target.set(new Uint8Array(ab)); return ab.byteLength; }];
}
function writeArgs(fd, buffer, offset, length, position) {
  getFd(fd);
  if (typeof buffer === 'string') {
    // write(fd, string, position, encoding)
    const bytes = encode(buffer, typeof length === 'string' ? length : 'utf8');
    const pos = typeof offset === 'number' ? offset : -1;
    return ['write', [fd, bytes, pos]];
  }
  if (!ArrayBuffer.isView(buffer)) throw argType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', buffer);
  if (offset !== null && typeof offset === 'object') ({ offset = 0, length, position = null } = offset);
  offset = offset == null ? 0 : validateInt32(offset, 'offset', 0);
  if (length == null) length = buffer.byteLength - offset;
  validateInt32(length, 'length', 0);
  if (offset + length > buffer.byteLength) throw outOfRange('length', `<= ${buffer.byteLength - offset}`, length);
  const pos = position == null ? -1 : Number(position);
  return ['write', [fd, new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length), pos]];
}
fs.readSync = function readSync(...args) {
  checkOff('readSync');
  const [op, a, conv] = readArgs(...args);
  return conv(call(op, ...a));
};
fs.read = function read(fd, ...rest) {
  checkOff('read');
  const cb = validateFunction(rest.pop(), 'cb');
  const buffer = rest[0];
  const [op, a, conv] = readArgs(fd, ...rest);
  callAsync(op, (err, ab) => (err ? cb(err) : cb(null, conv(ab), buffer)), ...a);
};
fs.writeSync = function writeSync(...args) {
  checkOff('writeSync');
  const [op, a] = writeArgs(...args);
  return call(op, ...a);
};
fs.write = function write(fd, buffer, ...rest) {
  checkOff('write');
  const cb = validateFunction(rest.pop(), 'cb');
  const [op, a] = writeArgs(fd, buffer, ...rest);
  callAsync(op, (err, n) => (err ? cb(err) : cb(null, n, buffer)), ...a);
};

for (const name of ['watch', 'watchFile', 'unwatchFile', 'openAsBlob', 'statfs', 'statfsSync',
  'chown', 'chownSync', 'fchown', 'fchownSync', 'lchown', 'lchownSync', 'fchmod', 'fchmodSync', 'lchmod', 'lchmodSync',
  'futimes', 'futimesSync', 'lutimes', 'lutimesSync', 'readv', 'readvSync', 'writev', 'writevSync']) {
  fs[name] = function () { throw notSupported(name); };
}

// --- Dir (opendir): the entries are listed when the folder is opened ---

const kDirPath = Symbol('kDirPath');
const kDirEntries = Symbol('kDirEntries');
const kDirClosed = Symbol('kDirClosed');
const dirClosed = () => error('Error', 'ERR_DIR_CLOSED', 'Directory handle was closed');
class Dir {
  constructor(path, entries) {
    this[kDirPath] = path;
    this[kDirEntries] = entries;
    this[kDirClosed] = false;
  }
  get path() { return this[kDirPath]; }
  readSync() {
    if (this[kDirClosed]) throw dirClosed();
    return this[kDirEntries].length ? this[kDirEntries].shift() : null;
  }
  read(cb) {
    if (cb === undefined) return new Promise((resolve, reject) => this.read((e, v) => (e ? reject(e) : resolve(v))));
    validateFunction(cb, 'callback');
    let v, e = null;
    try { v = this.readSync(); } catch (x) { e = x; }
    Promise.resolve().then(() => (e ? cb(e) : cb(null, v)));
  }
  closeSync() {
    if (this[kDirClosed]) throw dirClosed();
    this[kDirClosed] = true;
  }
  close(cb) {
    if (cb === undefined) return new Promise((resolve, reject) => this.close((e) => (e ? reject(e) : resolve())));
    validateFunction(cb, 'callback');
    let e = null;
    try { this.closeSync(); } catch (x) { e = x; }
    Promise.resolve().then(() => cb(e));
  }
  entries() {
    const dir = this;
    return {
      next() {
        try {
          const v = dir.readSync();
          if (v === null) { dir.closeSync(); return Promise.resolve({ value: undefined, done: true }); }
          return Promise.resolve({ value: v, done: false });
        } catch (e) {
          return Promise.reject(e);
        }
      },
      return() {
        if (!dir[kDirClosed]) dir.closeSync();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() { return this; },
    };
  }
  [Symbol.asyncIterator]() { return this.entries(); }
}
const opendirSpec = (withPath) => (path, options) => {
  const p = getPath(path);
  const o = getOptions(options, { encoding: 'utf8' });
  const enc = normalizeEncoding(o.encoding);
  return ['opendir', [p, withPath], (ents) => new Dir(p, ents.map(([, type, parent, base]) => new Dirent(enc === 'buffer' ? encode(base) : base, type, parent)))];
};
fs.opendirSync = syncForm('opendir', opendirSpec(false));
fs.opendir = callbackForm('opendir', opendirSpec(true));
fs.Dir = Dir;

// --- fs.promises and FileHandle ---

const kFd = Symbol('kFd');
function checkOpen(h) {
  if (h[kFd] < 0) throw Object.assign(new Error('file closed'), { code: 'EBADF', syscall: 'read' });
}
class FileHandle {
  constructor(fd) { this[kFd] = fd; }
  get fd() { return this[kFd]; }
  async close() {
    if (this[kFd] < 0) return;
    const fd = this[kFd];
    this[kFd] = -1;
    await promiseForm('close', api.close)(fd);
  }
  async stat(options) { checkOpen(this); return promiseForm('fstat', api.fstat)(this[kFd], options); }
  async truncate(len) { checkOpen(this); return promiseForm('ftruncate', api.ftruncate)(this[kFd], len); }
  async sync() { checkOpen(this); return promiseForm('fsync', api.fsync)(this[kFd]); }
  async datasync() { return this.sync(); }
  async readFile(options) {
    checkOpen(this);
    return promiseForm('readFile', readFileSpec)(this[kFd], options);
  }
  async writeFile(data, options) {
    checkOpen(this);
    return promiseForm('writeFile', writeFileSpec('w'))(this[kFd], data, options);
  }
  async appendFile(data, options) { return this.writeFile(data, options); }
  async read(buffer, offset, length, position) {
    checkOpen(this);
    if (buffer === undefined || (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer))) {
      const o = buffer || {};
      buffer = o.buffer || toBuffer(new ArrayBuffer(16384));
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = o);
    }
    const [op, a, conv] = readArgs(this[kFd], buffer, offset, length, position);
    return new Promise((resolve, reject) =>
      callAsync(op, (err, ab) => (err ? reject(err) : resolve({ bytesRead: conv(ab), buffer })), ...a));
  }
  async write(buffer, ...rest) {
    checkOpen(this);
    const [op, a] = writeArgs(this[kFd], buffer, ...rest);
    return new Promise((resolve, reject) =>
      callAsync(op, (err, n) => (err ? reject(err) : resolve({ bytesWritten: n, buffer })), ...a));
  }
  readableWebStream() {
    const h = this;
    return new ReadableStream({
      type: 'bytes',
      async pull(ctl) {
        const { bytesRead, buffer } = await h.read(new Uint8Array(65536), 0, 65536, null);
        if (bytesRead === 0) { ctl.close(); return; }
        ctl.enqueue(buffer.subarray(0, bytesRead));
      },
    });
  }
  async [Symbol.asyncDispose]() { await this.close(); }
}
for (const name of ['access', 'copyFile', 'cp', 'rename', 'truncate', 'rm', 'rmdir', 'mkdir', 'readdir', 'readlink', 'symlink',
  'lstat', 'stat', 'link', 'unlink', 'chmod', 'utimes', 'mkdtemp']) {
  promises[name] = promiseForm(name, api[name]);
}
promises.realpath = promiseForm('realpath', realpathSpec('realpath'));
promises.opendir = promiseForm('opendir', opendirSpec(true));
promises.readFile = function readFile(path, options) {
  if (path instanceof FileHandle) return path.readFile(options);
  return promiseForm('readFile', readFileSpec)(path, options);
};
promises.writeFile = function writeFile(path, data, options) {
  if (path instanceof FileHandle) return path.writeFile(data, options);
  return promiseForm('writeFile', writeFileSpec('w'))(path, data, options);
};
promises.appendFile = function appendFile(path, data, options) {
  if (path instanceof FileHandle) return path.appendFile(data, options);
  return promiseForm('appendFile', writeFileSpec('a'))(path, data, options);
};
promises.open = async function open(path, flags, mode) {
  const fd = await promiseForm('open', api.open)(path, flags, mode);
  return new FileHandle(fd);
};
for (const name of ['statfs', 'lchmod', 'lchown', 'chown', 'lutimes', 'watch']) {
  promises[name] = function () { return Promise.reject(notSupported('promises.' + name)); };
}
promises.constants = constants;

// Names: the forms read as Node's functions do (fs.readFileSync.name === 'readFileSync').
for (const [obj, prefix] of [[fs, ''], [promises, '']]) {
  for (const k of Object.keys(obj)) {
    if (typeof obj[k] === 'function') Object.defineProperty(obj[k], 'name', { value: prefix + k, configurable: true });
  }
}

// --- ReadStream and WriteStream (lib/internal/fs/streams.js), built on first use ---

let fsStreams;
function streams() {
  if (fsStreams) return fsStreams;
  const { Readable, Writable, finished } = binding.require('stream');
  const { Buffer } = binding.require('buffer');
  const kIsPerformingIO = Symbol('kIsPerformingIO');
  const kIoDone = Symbol('kIoDone');
  const validateInteger = (v, name, min) => {
    if (typeof v !== 'number') throw argType(name, 'of type number', v);
    if (!Number.isInteger(v)) throw outOfRange(name, 'an integer', v);
    if (v < min || v > Number.MAX_SAFE_INTEGER) throw outOfRange(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, v);
  };
  function open(stream, callback) {
    if (typeof stream.fd === 'number') {
      callback();
      return;
    }
    fs.open(stream.path, stream.flags, stream.mode, (er, fd) => {
      if (er) {
        callback(er);
      } else {
        stream.fd = fd;
        callback();
        stream.emit('open', stream.fd);
        stream.emit('ready');
      }
    });
  }
  function close(stream, err, cb) {
    if (stream.fd === null || stream.fd === undefined) {
      cb(err);
    } else {
      const fd = stream.fd;
      stream.fd = null;
      fs.close(fd, (er) => { cb(er || err); });
    }
  }
  function destroyFile(err, cb) {
    if (this[kIsPerformingIO]) this.once(kIoDone, (er) => close(this, err || er, cb));
    else close(this, err, cb);
  }
  function setup(stream, path, options, defaultFlags) {
    stream.fd = options.fd === undefined || options.fd === null ? null : getFd(options.fd);
    stream.path = stream.fd === null ? getPath(path) : (path === undefined ? undefined : path);
    stream.flags = options.flags === undefined ? defaultFlags : options.flags;
    stream.mode = options.mode === undefined ? 0o666 : options.mode;
    stream.start = options.start;
    stream.pos = undefined;
    stream[kIsPerformingIO] = false;
    if (stream.start !== undefined) {
      validateInteger(stream.start, 'start', 0);
      stream.pos = stream.start;
    }
  }

  function ReadStream(path, options) {
    if (!(this instanceof ReadStream)) return new ReadStream(path, options);
    options = { ...getOptions(options, {}) };
    if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
    setup(this, path, options, 'r');
    this.end = options.end === undefined ? Infinity : options.end;
    this.bytesRead = 0;
    if (this.end !== Infinity) {
      validateInteger(this.end, 'end', 0);
      if (this.start !== undefined && this.start > this.end) {
        throw error('RangeError', 'ERR_OUT_OF_RANGE', `The value of "start" is out of range. It must be <= "end" (here: ${this.end}). Received ${this.start}`);
      }
    }
    Readable.call(this, options);
  }
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);
  Object.defineProperty(ReadStream.prototype, 'autoClose', {
    get() { return this._readableState.autoDestroy; }, set(v) { this._readableState.autoDestroy = v; }, configurable: true,
  });
  ReadStream.prototype._construct = function (cb) { open(this, cb); };
  ReadStream.prototype._read = function (n) {
    n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
    if (n <= 0) {
      this.push(null);
      return;
    }
    const buf = Buffer.allocUnsafeSlow(n);
    this[kIsPerformingIO] = true;
    fs.read(this.fd, buf, 0, n, this.pos === undefined ? null : this.pos, (er, bytesRead) => {
      this[kIsPerformingIO] = false;
      if (this.destroyed) {
        this.emit(kIoDone, er);
        return;
      }
      if (er) {
        this.destroy(er);
      } else if (bytesRead > 0) {
        if (this.pos !== undefined) this.pos += bytesRead;
        this.bytesRead += bytesRead;
        this.push(bytesRead !== buf.length ? Buffer.from(buf.subarray(0, bytesRead)) : buf);
      } else {
        this.push(null);
      }
    });
  };
  ReadStream.prototype._destroy = destroyFile;
  ReadStream.prototype.close = function (cb) {
    if (typeof cb === 'function') finished(this, cb);
    this.destroy();
  };
  Object.defineProperty(ReadStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });

  function WriteStream(path, options) {
    if (!(this instanceof WriteStream)) return new WriteStream(path, options);
    options = { ...getOptions(options, {}) };
    options.decodeStrings = true;
    options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
    setup(this, path, options, 'w');
    this.bytesWritten = 0;
    Writable.call(this, options);
    if (options.encoding) this.setDefaultEncoding(options.encoding);
  }
  Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
  Object.setPrototypeOf(WriteStream, Writable);
  Object.defineProperty(WriteStream.prototype, 'autoClose', {
    get() { return this._writableState.autoDestroy; }, set(v) { this._writableState.autoDestroy = v; }, configurable: true,
  });
  WriteStream.prototype._construct = function (cb) { open(this, cb); };
  WriteStream.prototype._write = function (data, encoding, cb) {
    this[kIsPerformingIO] = true;
    fs.write(this.fd, data, 0, data.length, this.pos === undefined ? null : this.pos, (er, bytes) => {
      this[kIsPerformingIO] = false;
      if (this.destroyed) {
        cb(er);
        this.emit(kIoDone, er);
        return;
      }
      if (er) {
        cb(er);
        return;
      }
      this.bytesWritten += bytes;
      cb();
    });
    if (this.pos !== undefined) this.pos += data.length;
  };
  WriteStream.prototype._destroy = destroyFile;
  WriteStream.prototype.close = function (cb) {
    if (cb) {
      if (this.closed) {
        process.nextTick(cb);
        return;
      }
      this.on('close', cb);
    }
    if (!this.autoClose) this.on('finish', this.destroy);
    this.end();
  };
  WriteStream.prototype.destroySoon = WriteStream.prototype.end;
  Object.defineProperty(WriteStream.prototype, 'pending', { get() { return this.fd === null; }, configurable: true });
  fsStreams = { ReadStream, WriteStream };
  return fsStreams;
}
fs.createReadStream = function createReadStream(path, options) {
  checkOff('createReadStream');
  return new (streams().ReadStream)(path, options);
};
fs.createWriteStream = function createWriteStream(path, options) {
  checkOff('createWriteStream');
  return new (streams().WriteStream)(path, options);
};
for (const [name, key] of [['ReadStream', 'ReadStream'], ['WriteStream', 'WriteStream'], ['FileReadStream', 'ReadStream'], ['FileWriteStream', 'WriteStream']]) {
  Object.defineProperty(fs, name, {
    get() { return streams()[key]; }, set(v) { Object.defineProperty(fs, name, { value: v, writable: true, enumerable: true, configurable: true }); },
    enumerable: true, configurable: true,
  });
}
FileHandle.prototype.createReadStream = function (options) { return fs.createReadStream(undefined, { ...options, fd: this.fd }); };
FileHandle.prototype.createWriteStream = function (options) { return fs.createWriteStream(undefined, { ...options, fd: this.fd }); };

Object.assign(fs, {
  Dirent, Stats, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, constants,
});
Object.defineProperty(fs, 'promises', { enumerable: true, configurable: true, get() { return promises; } });
fs.__kFileHandle = FileHandle;
Object.defineProperty(fs, '__kFileHandle', { enumerable: false });
void cwd;
return fs;
