// node:tls — the client side of https://nodejs.org/docs/latest-v20.x/api/tls.html over
// crypto/tls (tls.go): connect (to a host, or over a connected net.Socket), TLSSocket,
// checkServerIdentity, rootCertificates (empty: the system store is Go's), DEFAULT_* constants.
//
// binding: node:net's (connect, isIP, notSupported, log) plus tlsConnect(socketHandle, network,
// address, options, cb); jsmodule's error, received, require.
const { tlsConnect, notSupported, error, received, require } = binding;
const net = require('net');
const { Buffer } = require('buffer');
const process = require('process');
const uvException = net[Symbol.for('jsroute.net.uvException')];

const pemText = (v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) || x instanceof Uint8Array ? Buffer.from(x).toString('latin1') : String(x))));

// alpnList accepts Node's forms: an array of strings or Buffers, or one wire-format Buffer.
function alpnList(v) {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')));
  const b = Buffer.from(v);
  const out = [];
  for (let i = 0; i < b.length;) {
    const n = b[i];
    out.push(b.toString('latin1', i + 1, i + 1 + n));
    i += 1 + n;
  }
  return out;
}

class TLSSocket extends net.Socket {
  constructor(socket, options = {}) {
    super({ allowHalfOpen: options.allowHalfOpen });
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
    this.servername = null;
    this._parent = socket instanceof net.Socket ? socket : null;
    this._tls = null;
    if (socket && !(socket instanceof net.Socket)) throw notSupported('TLSSocket over a non-socket stream');
  }

  getPeerCertificate(detailed) { return this._tls ? this._tls.peer(!!detailed) : null; }
  getProtocol() { return this._tls ? this._tls.protocol : null; }
  getCipher() {
    if (!this._tls) return null;
    const name = this._tls.cipher;
    return { name, standardName: name, version: this._tls.protocol === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1/SSLv3' };
  }
  getSession() { return undefined; }
  getTLSTicket() { return undefined; }
  isSessionReused() { return false; }
  getEphemeralKeyInfo() { return {}; }
  getFinished() { return undefined; }
  getPeerFinished() { return undefined; }
  getSharedSigalgs() { return []; }
  setServername(name) { this.servername = name; }
  setMaxSendFragment() { return true; }
  renegotiate() { throw notSupported('TLSSocket.renegotiate'); }
  exportKeyingMaterial() { throw notSupported('TLSSocket.exportKeyingMaterial'); }
  disableRenegotiation() {}
  enableTrace() {}

  _destroy(err, cb) {
    super._destroy(err, cb);
    if (this._parent && !this._parent.destroyed) this._parent.destroy();
  }
}

function checkServerIdentity(hostname, cert) {
  const alt = String(cert && cert.subjectaltname || '');
  const names = alt.split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  const ips = alt.split(', ').filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11));
  const host = String(hostname).toLowerCase().replace(/\.$/, '');
  let ok;
  let reason;
  if (net.isIP(host)) {
    ok = ips.includes(host);
    reason = `IP: ${host} is not in the cert's list: ${ips.join(', ')}`;
  } else {
    const match = (pat) => pat === host || (pat.startsWith('*.') && host.endsWith(pat.slice(1)) && !host.slice(0, -pat.length + 1).includes('.'));
    ok = names.length ? names.some(match) : !!(cert && cert.subject && String(cert.subject.CN).toLowerCase() === host);
    reason = names.length ? `Host: ${hostname}. is not in the cert's altnames: ${alt}` : `Host: ${hostname}. is not cert's CN: ${cert && cert.subject && cert.subject.CN}`;
  }
  if (ok) return undefined;
  const e = new Error(`Hostname/IP does not match certificate's altnames: ${reason}`);
  e.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
  e.reason = reason;
  e.host = hostname;
  e.cert = cert;
  return e;
}

function tlsError(info) {
  if (!info.tls) return uvException(info);
  const e = new Error(info.message);
  e.code = info.code;
  if (info.code !== 'ECONNRESET') e.library = 'SSL routines';
  return e;
}

function normalizeConnectArgs(args) {
  let options = {};
  let cb;
  const rest = [...args];
  if (typeof rest[rest.length - 1] === 'function') cb = rest.pop();
  if (typeof rest[0] === 'object' && rest[0] !== null) {
    options = { ...rest[0] };
  } else {
    if (rest[0] !== undefined) options.port = rest[0];
    if (typeof rest[1] === 'string') options.host = rest[1];
    const extra = rest.find((a, i) => i > 0 && typeof a === 'object' && a !== null);
    if (extra) options = { ...extra, ...options };
  }
  return [options, cb];
}

function connect(...args) {
  const [options, cb] = normalizeConnectArgs(args);
  if (options.secureContext) throw notSupported('connect({ secureContext })');
  if (options.pfx) throw notSupported('connect({ pfx })');
  if (options.session) { /* session resumption is not offered: a full handshake is made */ }
  const host = options.host || 'localhost';
  const servername = options.servername !== undefined ? options.servername : (net.isIP(host) ? '' : host);
  const rejectUnauthorized = options.rejectUnauthorized !== false;
  const socket = new TLSSocket(options.socket || null, options);
  socket.servername = servername || null;
  socket.connecting = true;
  if (cb) socket.once('secureConnect', cb);
  const opts = {
    servername: servername || '',
    host: options.socket ? (options.host || options.socket._host || host) : host,
    rejectUnauthorized,
    ca: pemText(options.ca),
    cert: pemText(options.cert),
    key: pemText(options.key && options.key.pem !== undefined ? options.key.pem : options.key),
    ALPNProtocols: alpnList(options.ALPNProtocols),
    minVersion: options.minVersion || '',
    maxVersion: options.maxVersion || '',
    timeout: 0,
  };
  const finish = (err, handle, info) => {
    if (socket.destroyed) {
      if (handle) handle.close();
      return;
    }
    if (err) {
      socket.connecting = false;
      socket.destroy(tlsError(err));
      return;
    }
    socket._tls = info;
    socket.authorized = info.authorized;
    socket.authorizationError = info.authorizationError || null;
    socket.alpnProtocol = info.alpnProtocol || false;
    if (typeof options.checkServerIdentity === 'function' && rejectUnauthorized) {
      const e = options.checkServerIdentity(servername || host, info.peer(false));
      if (e) {
        handle.close();
        socket.connecting = false;
        socket.destroy(e);
        return;
      }
    }
    socket._attach(handle);
    if (!options.socket) socket.emit('connect');
    socket.emit('secure');
    socket.emit('secureConnect');
    socket.emit('ready');
  };
  const start = () => {
    if (options.socket) {
      const parent = options.socket;
      if (!parent._handle) {
        socket.destroy(error('Error', 'ERR_SOCKET_CLOSED', 'Socket is closed'));
        return;
      }
      tlsConnect(parent._handle, '', '', opts, finish);
      return;
    }
    if (options.path) {
      tlsConnect(null, 'unix', options.path, opts, finish);
      return;
    }
    const port = options.port === undefined ? 443 : +options.port;
    tlsConnect(null, 'tcp', (host.includes(':') ? `[${host}]` : host) + ':' + port, opts, finish);
  };
  if (options.timeout) socket.setTimeout(options.timeout);
  if (options.socket && options.socket.connecting) options.socket.once('connect', start);
  else start();
  return socket;
}

function createSecureContext(options) {
  return { context: {}, options: { ...(options || {}) } };
}

const exports = {
  connect,
  TLSSocket,
  checkServerIdentity,
  createSecureContext,
  createServer() { throw notSupported('createServer'); },
  Server: function Server() { throw notSupported('Server'); },
  SecureContext: function SecureContext() { throw notSupported('SecureContext'); },
  createSecurePair() { throw notSupported('createSecurePair'); },
  getCiphers: () => ['aes128-gcm-sha256', 'aes128-sha', 'aes128-sha256', 'aes256-gcm-sha384', 'aes256-sha', 'chacha20-poly1305', 'ecdhe-ecdsa-aes128-gcm-sha256', 'ecdhe-ecdsa-aes256-gcm-sha384', 'ecdhe-ecdsa-chacha20-poly1305', 'ecdhe-rsa-aes128-gcm-sha256', 'ecdhe-rsa-aes256-gcm-sha384', 'ecdhe-rsa-chacha20-poly1305', 'tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256'],
  rootCertificates: Object.freeze([]),
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA',
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
};
void process; void received;
return exports;
