// node:net — the client side of https://nodejs.org/docs/latest-v20.x/api/net.html: Socket (a
// stream.Duplex), connect/createConnection, isIP/isIPv4/isIPv6. The connection is a Go handle
// (net.go): read(cb), write(buf, cb), shutdown(cb), close(), setNoDelay, setKeepAlive, info().
//
// binding: connect(network, address, timeoutMs, cb) → cancel, isIP, notSupported(export),
// log(message); plus jsmodule's error, received, require.
const { connect: dial, isIP, notSupported, error, received, require } = binding;
const { Duplex } = require('stream');
const { Buffer } = require('buffer');
const EventEmitter = require('events');
const process = require('process');
const { setImmediate } = require('timers');

const kHandle = Symbol('handle');

// uvException is Node's error for a failed system call (lib/internal/errors.js
// uvExceptionWithHostPort / dnsException): `connect ECONNREFUSED 127.0.0.1:5432`.
function uvException(info) {
  let msg;
  if (info.syscall === 'getaddrinfo') {
    msg = `getaddrinfo ${info.code} ${info.hostname}`;
  } else if (info.code) {
    msg = `${info.syscall} ${info.code}`;
    if (info.address !== undefined) msg += ` ${info.address}` + (info.port !== undefined ? `:${info.port}` : '');
  } else {
    msg = info.message || `${info.syscall} failed`;
  }
  const e = new Error(msg);
  if (info.code) {
    e.errno = info.errno;
    e.code = info.code;
    e.syscall = info.syscall;
  }
  if (info.hostname !== undefined) e.hostname = info.hostname;
  if (info.address !== undefined) e.address = info.address;
  if (info.port !== undefined) e.port = info.port;
  if (info.denied) binding.log(info.denied);
  return e;
}

function validatePort(port, name = 'Port') {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim() === '') ||
      +port !== (+port >>> 0) || +port > 0xFFFF) {
    throw error('RangeError', 'ERR_SOCKET_BAD_PORT', `${name} should be >= 0 and < 65536. Received ${received(port)}.`);
  }
  return +port;
}

// normalizeArgs is Node's: connect(options[, cb]), connect(path[, cb]), connect(port[, host][, cb]).
function normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const a0 = args[0];
  let options = {};
  if (typeof a0 === 'object' && a0 !== null) {
    options = a0;
  } else if (typeof a0 === 'string' && Number.isNaN(Number(a0))) {
    options.path = a0;
  } else {
    options.port = a0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

class Socket extends Duplex {
  constructor(options) {
    if (typeof options === 'number') options = { fd: options };
    options = { ...(options || {}) };
    if (options.fd !== undefined || options.handle) throw notSupported('Socket({ fd })');
    const allowHalfOpen = Boolean(options.allowHalfOpen);
    super({ ...options, allowHalfOpen, emitClose: false, autoDestroy: true, decodeStrings: false });
    this.connecting = false;
    this[kHandle] = null;
    this._handle = null;
    this._host = null;
    this._info = null;
    this._reading = false;
    this._cancel = null;
    this._timeoutMs = 0;
    this._timer = null;
    this._lastActive = 0;
    this._bytesRead = 0;
    this._bytesWritten = 0;
    this._pendingData = null;
    this.server = null;
    this._server = null;
    if (options.signal) {
      const onAbort = () => this.destroy(options.signal.reason);
      if (options.signal.aborted) process.nextTick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    if (options.noDelay) this._noDelay = true;
    if (options.keepAlive) this._keepAlive = [true, options.keepAliveInitialDelay || 0];
    // A socket not yet connected cannot be read: wait for 'connect' (Node reads on connect).
    this.on('end', onReadableEnd);
  }

  get pending() { return !this._handle || this.connecting; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }
  get bufferSize() { return this._handle ? this.writableLength : undefined; }
  get bytesRead() { return this._bytesRead; }
  get bytesWritten() { return this._bytesWritten + (this.connecting ? this.writableLength : 0); }
  get remoteAddress() { return this._info ? this._info.remoteAddress : undefined; }
  get remotePort() { return this._info ? this._info.remotePort : undefined; }
  get remoteFamily() { return this._info ? this._info.remoteFamily : undefined; }
  get localAddress() { return this._info ? this._info.localAddress : undefined; }
  get localPort() { return this._info ? this._info.localPort : undefined; }
  get localFamily() { return this._info ? this._info.localFamily : undefined; }
  get timeout() { return this._timeoutMs || undefined; }
  get autoSelectFamilyAttemptedAddresses() { return undefined; }

  address() {
    if (!this._info) return {};
    if (this._info.localAddress === undefined) return '';
    return { address: this._info.localAddress, family: this._info.localFamily, port: this._info.localPort };
  }

  connect(...args) {
    const [options, cb] = Array.isArray(args[0]) && args[0].length ? normalizeArgs(args[0]) : normalizeArgs(args);
    if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
    if (this.destroyed) {
      this._undestroy();
      this._handle = null;
      this._info = null;
    }
    if (cb) this.once('connect', cb);
    this._dialled = true;
    if (options.timeout) this.setTimeout(options.timeout);
    let network, address;
    if (options.path) {
      if (typeof options.path !== 'string') throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "options.path" property must be of type string. Received ${received(options.path)}`);
      network = 'unix';
      address = options.path;
    } else {
      const host = options.host === undefined || options.host === null ? 'localhost' : options.host;
      if (typeof host !== 'string') throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "options.host" property must be of type string. Received ${received(host)}`);
      if (options.port === undefined || options.port === null) {
        throw error('TypeError', 'ERR_MISSING_ARGS', 'The "options" or "port" or "path" argument must be specified');
      }
      if (typeof options.port !== 'number' && typeof options.port !== 'string') {
        throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "options.port" property must be one of type number or string. Received ${received(options.port)}`);
      }
      const port = validatePort(options.port);
      network = 'tcp';
      this._host = host;
      address = (host.includes(':') ? `[${host}]` : host) + ':' + port;
    }
    if (typeof options.lookup === 'function') {
      // A custom lookup (ioredis's, undici's): it names the address; Go dials that.
      this.connecting = true;
      options.lookup(this._host, { family: options.family || 0, all: false }, (err, ip) => {
        if (err) { this.destroy(err); return; }
        if (this.destroyed) return;
        const port = address.slice(address.lastIndexOf(':') + 1);
        this._dial(network, (String(ip).includes(':') ? `[${ip}]` : ip) + ':' + port);
      });
      return this;
    }
    this.connecting = true;
    this._dial(network, address);
    return this;
  }

  _dial(network, address) {
    this.connecting = true;
    this._dialled = true;
    this._cancel = dial(network, address, 0, (err, handle) => {
      this._cancel = null;
      if (this.destroyed) {
        if (handle) handle.close();
        return;
      }
      if (err) {
        this.connecting = false;
        this.destroy(uvException(err));
        return;
      }
      this._attach(handle);
      this.emit('connect');
      this.emit('ready');
      if (this._timeoutMs) this._activity();
    });
  }

  // _attach makes handle this socket's connection (node:tls calls it for its own handles).
  _attach(handle) {
    this.connecting = false;
    this._handle = handle;
    this[kHandle] = handle;
    this._info = handle.info();
    if (this._noDelay !== undefined) handle.setNoDelay(this._noDelay);
    if (this._keepAlive) handle.setKeepAlive(this._keepAlive[0], this._keepAlive[1]);
    // Start reading if someone is already waiting for data.
    if (this._readWanted) this._read();
    if (this._writeWaiting) {
      const w = this._writeWaiting;
      this._writeWaiting = null;
      w();
    }
  }

  _read() {
    if (!this._handle || this.connecting) {
      this._readWanted = true;
      return;
    }
    this._readWanted = false;
    if (this._reading) return;
    this._reading = true;
    this._handle.read((err, chunk) => {
      this._reading = false;
      if (this.destroyed) return;
      if (err) {
        this.destroy(uvException(err));
        return;
      }
      if (chunk === null) {
        this.push(null);
        return;
      }
      this._bytesRead += chunk.length;
      this._activity();
      if (chunk.length === 0) {
        this._read();
        return;
      }
      if (this.push(chunk)) this._read();
    });
  }

  _write(chunk, encoding, cb) {
    this._writeGeneric([{ chunk, encoding }], cb);
  }

  _writev(chunks, cb) {
    this._writeGeneric(chunks, cb);
  }

  _writeGeneric(chunks, cb) {
    if (this.connecting || !this._handle) {
      if (this.connecting) {
        this._writeWaiting = () => this._writeGeneric(chunks, cb);
        return;
      }
      cb(error('Error', 'ERR_SOCKET_CLOSED', 'Socket is closed'));
      return;
    }
    const bufs = chunks.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    const data = bufs.length === 1 ? bufs[0] : Buffer.concat(bufs);
    this._activity();
    this._handle.write(data, (err) => {
      if (err) {
        cb(uvException(err));
        return;
      }
      this._bytesWritten += data.length;
      this._activity();
      cb();
    });
  }

  _final(cb) {
    if (this.connecting || !this._handle) {
      if (this.connecting) {
        this._writeWaiting = () => this._final(cb);
        return;
      }
      cb();
      return;
    }
    // Node's afterShutdown (lib/net.js) calls back without the status: a shutdown that fails
    // because the peer already closed (ENOTCONN, a killed database) is not a socket error.
    this._handle.shutdown(() => cb());
  }

  _destroy(err, cb) {
    this._clearTimer();
    this.connecting = false;
    if (this._cancel) {
      this._cancel();
      this._cancel = null;
    }
    // Node has a handle from connect() on, and emits 'close' with hadError only then.
    const hadHandle = !!this._handle || this._dialled;
    if (this._handle) {
      this._handle.close();
      this._handle = null;
      this[kHandle] = null;
    }
    cb(err);
    // Node emits 'close' from the handle's close callback, after 'error'.
    if (hadHandle) setImmediate(() => this.emit('close', !!err));
    else process.nextTick(() => this.emit('close'));
  }

  // --- idle time-out: 'timeout' after ms without reads or writes (the socket stays open) ---

  setTimeout(ms, cb) {
    if (typeof ms !== 'number') throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "msecs" argument must be of type number. Received ${received(ms)}`);
    if (!Number.isFinite(ms) || ms < 0) {
      throw error('RangeError', 'ERR_OUT_OF_RANGE', `The value of "msecs" is out of range. It must be a non-negative finite number. Received ${String(ms)}`);
    }
    if (cb !== undefined) {
      if (typeof cb !== 'function') throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${received(cb)}`);
      if (ms === 0) this.removeListener('timeout', cb);
      else this.once('timeout', cb);
    }
    this._timeoutMs = ms;
    this._clearTimer();
    if (ms > 0) this._activity();
    return this;
  }

  _activity() {
    if (!this._timeoutMs) return;
    this._lastActive = Date.now();
    if (this._timer) return;
    const check = () => {
      this._timer = null;
      if (!this._timeoutMs || this.destroyed) return;
      const idle = Date.now() - this._lastActive;
      if (idle >= this._timeoutMs) {
        this.emit('timeout');
        return;
      }
      this._timer = setTimeout(check, this._timeoutMs - idle);
    };
    this._timer = setTimeout(check, this._timeoutMs);
  }

  _clearTimer() {
    if (this._timer) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  setNoDelay(enable) {
    const on = enable === undefined ? true : !!enable;
    if (this._handle) this._handle.setNoDelay(on);
    else this._noDelay = on;
    return this;
  }

  setKeepAlive(enable, initialDelay) {
    const on = !!enable;
    const delay = ~~(initialDelay / 1000) * 1000;
    if (this._handle) this._handle.setKeepAlive(on, delay);
    else this._keepAlive = [on, delay];
    return this;
  }

  ref() { return this; }
  unref() { return this; }

  resetAndDestroy() {
    return this.destroy(error('Error', 'ERR_SOCKET_CLOSED', 'Socket is closed'));
  }
}

// onReadableEnd: the other side ended; without allowHalfOpen our side ends too (Node's onReadableStreamEnd).
function onReadableEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (typeof encoding === 'function') cb = encoding;
  const er = error('Error', 'EPIPE', 'This socket has been ended by the other party');
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

function connect(...args) {
  const [options, cb] = normalizeArgs(args);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(options, cb);
}

function Server() { throw notSupported('Server'); }
function createServer() { throw notSupported('createServer'); }
function BlockList() { throw notSupported('BlockList'); }
function SocketAddress() { throw notSupported('SocketAddress'); }

let autoSelectFamily = true;
let autoSelectFamilyAttemptTimeout = 250;

const exports = {
  Socket,
  Stream: Socket,
  Server,
  createServer,
  BlockList,
  SocketAddress,
  connect,
  createConnection: connect,
  isIP: (input) => isIP(String(input)),
  isIPv4: (input) => isIP(String(input)) === 4,
  isIPv6: (input) => isIP(String(input)) === 6,
  getDefaultAutoSelectFamily: () => autoSelectFamily,
  setDefaultAutoSelectFamily: (v) => { autoSelectFamily = !!v; },
  getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
  setDefaultAutoSelectFamilyAttemptTimeout: (v) => { autoSelectFamilyAttemptTimeout = Math.max(10, v | 0); },
  _normalizeArgs: normalizeArgs,
  [Symbol.for('jsroute.net.uvException')]: uvException,
};
return exports;
