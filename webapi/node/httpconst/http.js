// node:http and node:https constants as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/http.html):
// STATUS_CODES, METHODS, maxHeaderSize, validateHeaderName/Value, and Agent objects (SDKs such as
// stripe make one when they load; the pool options are kept), and the client: request/get with
// ClientRequest (a Writable) and IncomingMessage (a Readable) over Go's HTTP client (client.go).
// The server (createServer...) is not provided: it throws ERR_NOT_SUPPORTED.
(function (host, module, client) {
  'use strict';

  const STATUS_CODES = {"100":"Continue","101":"Switching Protocols","102":"Processing","103":"Early Hints","200":"OK","201":"Created","202":"Accepted","203":"Non-Authoritative Information","204":"No Content","205":"Reset Content","206":"Partial Content","207":"Multi-Status","208":"Already Reported","226":"IM Used","300":"Multiple Choices","301":"Moved Permanently","302":"Found","303":"See Other","304":"Not Modified","305":"Use Proxy","307":"Temporary Redirect","308":"Permanent Redirect","400":"Bad Request","401":"Unauthorized","402":"Payment Required","403":"Forbidden","404":"Not Found","405":"Method Not Allowed","406":"Not Acceptable","407":"Proxy Authentication Required","408":"Request Timeout","409":"Conflict","410":"Gone","411":"Length Required","412":"Precondition Failed","413":"Payload Too Large","414":"URI Too Long","415":"Unsupported Media Type","416":"Range Not Satisfiable","417":"Expectation Failed","418":"I'm a Teapot","421":"Misdirected Request","422":"Unprocessable Entity","423":"Locked","424":"Failed Dependency","425":"Too Early","426":"Upgrade Required","428":"Precondition Required","429":"Too Many Requests","431":"Request Header Fields Too Large","451":"Unavailable For Legal Reasons","500":"Internal Server Error","501":"Not Implemented","502":"Bad Gateway","503":"Service Unavailable","504":"Gateway Timeout","505":"HTTP Version Not Supported","506":"Variant Also Negotiates","507":"Insufficient Storage","508":"Loop Detected","509":"Bandwidth Limit Exceeded","510":"Not Extended","511":"Network Authentication Required"};
  const METHODS = ["ACL","BIND","CHECKOUT","CONNECT","COPY","DELETE","GET","HEAD","LINK","LOCK","M-SEARCH","MERGE","MKACTIVITY","MKCALENDAR","MKCOL","MOVE","NOTIFY","OPTIONS","PATCH","POST","PROPFIND","PROPPATCH","PURGE","PUT","QUERY","REBIND","REPORT","SEARCH","SOURCE","SUBSCRIBE","TRACE","UNBIND","UNLINK","UNLOCK","UNSUBSCRIBE"];
  const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
  const invalidCharRe = /[^\t\x20-\x7e\x80-\xff]/;

  function validateHeaderName(name, label = 'Header name') {
    if (typeof name !== 'string' || !name || !tokenRe.test(name)) {
      throw host.nodeError('TypeError', 'ERR_INVALID_HTTP_TOKEN', `${label} must be a valid HTTP token ["${name}"]`);
    }
  }
  function validateHeaderValue(name, value) {
    if (value === undefined) throw host.nodeError('TypeError', 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
    if (invalidCharRe.test(value)) throw host.nodeError('TypeError', 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
  const refuse = (name) =>
    function () {
      throw host.notSupported(module, name);
    };
  // https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpagent: the options and the pool's
  // (empty) bookkeeping; nothing is ever pooled until the client exists.
  const https = module === 'https';
  class Agent {
    constructor(options) {
      const o = { __proto__: null, ...options };
      this.defaultPort = https ? 443 : 80;
      this.protocol = https ? 'https:' : 'http:';
      this.options = { __proto__: null, ...o, path: null };
      this.requests = { __proto__: null };
      this.sockets = { __proto__: null };
      this.freeSockets = { __proto__: null };
      this.keepAliveMsecs = o.keepAliveMsecs || 1000;
      this.keepAlive = o.keepAlive || false;
      this.maxSockets = o.maxSockets || Infinity;
      this.maxFreeSockets = o.maxFreeSockets || 256;
      this.scheduling = o.scheduling || 'lifo';
      this.maxTotalSockets = o.maxTotalSockets || Infinity;
      this.totalSocketCount = 0;
    }
    destroy() {}
    getName(options = {}) {
      return `${options.host || 'localhost'}:${options.port || ''}:${options.localAddress || ''}${options.family === 4 || options.family === 6 ? ':' + options.family : ''}`;
    }
  }
  Agent.defaultMaxSockets = Infinity;
  const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

  // --- the client (https://nodejs.org/docs/latest-v20.x/api/http.html#class-httpclientrequest) ---
  const { Writable, Readable } = host.require('stream');
  const { Buffer } = host.require('buffer');
  const netUvException = host.require('net')[Symbol.for('jsroute.net.uvException')];
  const process = host.require('process');

  class IncomingMessage extends Readable {
    constructor(head, read, closeBody) {
      super();
      this._readChunk = read;
      this._closeBody = closeBody;
      this._reading = false;
      this.statusCode = head.statusCode;
      this.statusMessage = head.statusMessage;
      this.httpVersion = head.httpVersion;
      const [maj, min] = String(head.httpVersion).split('.');
      this.httpVersionMajor = +maj;
      this.httpVersionMinor = +(min || 0);
      this.rawHeaders = head.rawHeaders;
      this.rawTrailers = [];
      this.trailers = {};
      this.complete = false;
      this.aborted = false;
      this.url = '';
      this.method = null;
      this.socket = null;
      const headers = {};
      const distinct = {};
      for (let i = 0; i < head.rawHeaders.length; i += 2) {
        const k = head.rawHeaders[i].toLowerCase();
        const v = head.rawHeaders[i + 1];
        (distinct[k] ||= []).push(v);
        if (k === 'set-cookie') (headers[k] ||= []).push(v);
        else if (headers[k] === undefined) headers[k] = v;
        else if (!['content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires'].includes(k)) headers[k] += (k === 'cookie' ? '; ' : ', ') + v;
      }
      this.headers = headers;
      this.headersDistinct = distinct;
      this.trailersDistinct = {};
    }
    get connection() { return this.socket; }
    _read() {
      if (this._reading) return;
      this._reading = true;
      this._readChunk((err, chunk) => {
        this._reading = false;
        if (this.destroyed) return;
        if (err) { this.destroy(netUvException(err)); return; }
        if (chunk === null) { this.complete = true; this.push(null); return; }
        if (chunk.length === 0) { this._read(); return; }
        if (this.push(chunk)) this._read();
      });
    }
    _destroy(err, cb) {
      if (!this.complete) {
        this.aborted = true;
        this.emit('aborted');
        if (!err && this.listenerCount('error') > 0) err = connResetException('aborted');
      }
      this._closeBody();
      // As Node's IncomingMessage, the error reaches only a listener ("backward compatible
      // behavior", lib/_http_incoming.js): a response left unread when its request is aborted
      // (node-fetch's finalize() after a redirect) is no uncaught exception.
      cb(this.listenerCount('error') > 0 ? err : undefined);
    }
    setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
  }

  function connResetException(msg) {
    const e = new Error(msg);
    e.code = 'ECONNRESET';
    return e;
  }

  const unsupportedOption = (what) => host.nodeError('Error', 'ERR_NOT_SUPPORTED', `node:${module} request() with ${what} is not supported by jsroute`);
  const protocolOf = () => (https ? 'https:' : 'http:');

  class ClientRequest extends Writable {
    constructor(input, options, cb) {
      super({ decodeStrings: true, autoDestroy: false });
      if (typeof input === 'string' || (input && typeof input.href === 'string' && typeof input.searchParams === 'object')) {
        const u = new URL(String(input));
        const fromUrl = { protocol: u.protocol, hostname: u.hostname.replace(/^\[|\]$/g, ''), port: u.port, path: u.pathname + u.search };
        if (u.username || u.password) fromUrl.auth = decodeURIComponent(u.username) + ':' + decodeURIComponent(u.password);
        if (typeof options === 'function') { cb = options; options = {}; }
        options = { ...fromUrl, ...(options || {}) };
      } else {
        // request(options[, cb]) and request(cb).
        if (typeof input === 'function') { cb = input; input = {}; }
        if (typeof options === 'function') cb = options;
        options = { ...(input || {}) };
      }
      const protocol = options.protocol || protocolOf();
      if (protocol !== protocolOf()) {
        throw host.nodeError('TypeError', 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${protocolOf()}"`);
      }
      // What the host's HTTP client cannot honour per request is refused by name, never ignored.
      for (const k of ['socketPath', 'lookup', 'createConnection', 'localAddress', 'ca', 'cert', 'key', 'pfx', 'servername', 'checkServerIdentity']) {
        if (options[k] !== undefined) throw unsupportedOption(k);
      }
      if (options.rejectUnauthorized === false || (options.agent && options.agent.options && (options.agent.options.rejectUnauthorized === false || options.agent.options.ca))) {
        throw unsupportedOption('rejectUnauthorized: false / an agent with ca');
      }
      const method = (options.method || 'GET').toUpperCase();
      if (!tokenRe.test(method)) throw host.nodeError('TypeError', 'ERR_INVALID_HTTP_TOKEN', `Method must be a valid HTTP token ["${options.method}"]`);
      const path = options.path || '/';
      if (/[\u0000-\u0020]/.test(path)) throw host.nodeError('TypeError', 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
      const hostname = options.hostname || (options.host ? String(options.host).replace(/:\d+$/, '') : 'localhost');
      const defaultPort = options.defaultPort || (https ? 443 : 80);
      const port = options.port ? +options.port : defaultPort;
      this.method = method;
      this.path = path;
      this.host = hostname;
      this.protocol = protocol;
      this.reusedSocket = false;
      this.aborted = false;
      this.finished = false;
      this.socket = null;
      this.res = null;
      this.maxHeadersCount = null;
      this._headers = new Map();
      this._chunks = [];
      this._abort = null;
      this._timeoutMs = 0;
      this._timer = null;
      const hostHeader = hostname.includes(':') ? `[${hostname}]` : hostname;
      this._url = `${protocol}//${hostHeader}${port === defaultPort ? '' : ':' + port}${path}`;
      if (options.headers) {
        const h = options.headers;
        if (Array.isArray(h)) for (let i = 0; i < h.length; i += 2) this.setHeader(h[i], h[i + 1]);
        else for (const k of Object.keys(h)) if (h[k] !== undefined) this.setHeader(k, h[k]);
      }
      if (options.setHost !== false && !this.hasHeader('host')) this.setHeader('Host', hostHeader + (port === defaultPort ? '' : ':' + port));
      if (options.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', 'Basic ' + Buffer.from(options.auth).toString('base64'));
      if (cb) this.once('response', cb);
      if (options.timeout !== undefined) this.setTimeout(options.timeout);
      if (options.signal) {
        const onAbort = () => this.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
        if (options.signal.aborted) process.nextTick(onAbort);
        else options.signal.addEventListener('abort', onAbort, { once: true });
      }
    }
    get headersSent() { return this._abort !== null; }
    get writableEnded() { return this.finished; }
    setHeader(name, value) {
      if (this.headersSent) throw host.nodeError('Error', 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
      validateHeaderName(name);
      validateHeaderValue(name, value);
      this._headers.set(String(name).toLowerCase(), [name, value]);
      return this;
    }
    getHeader(name) { const e = this._headers.get(String(name).toLowerCase()); return e ? e[1] : undefined; }
    hasHeader(name) { return this._headers.has(String(name).toLowerCase()); }
    removeHeader(name) { this._headers.delete(String(name).toLowerCase()); }
    getHeaders() { const o = { __proto__: null }; for (const [k, [, v]] of this._headers) o[k] = v; return o; }
    getHeaderNames() { return [...this._headers.keys()]; }
    getRawHeaderNames() { return [...this._headers.values()].map(([n]) => n); }
    flushHeaders() {}
    setNoDelay() {}
    setSocketKeepAlive() {}
    setTimeout(ms, cb) {
      if (cb) this.once('timeout', cb);
      this._timeoutMs = ms;
      this._armTimer();
      return this;
    }
    _armTimer() {
      if (this._timer) { clearTimeout(this._timer); this._timer = null; }
      if (this._timeoutMs > 0 && !this.destroyed) this._timer = setTimeout(() => { this._timer = null; this.emit('timeout'); }, this._timeoutMs);
    }
    abort() {
      if (this.aborted) return;
      this.aborted = true;
      process.nextTick(() => this.emit('abort'));
      this.destroy();
    }
    _write(chunk, encoding, cb) {
      this._chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      cb();
    }
    _final(cb) {
      this.finished = true;
      const headers = [];
      for (const [, [name, value]] of this._headers) {
        if (Array.isArray(value)) for (const v of value) headers.push([String(name), String(v)]);
        else headers.push([String(name), String(value)]);
      }
      const body = this._chunks.length ? Buffer.concat(this._chunks) : (['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(this.method) ? null : Buffer.alloc(0));
      this._chunks = [];
      this._abort = client.request(this.method, this._url, headers, body, (err, head, read, closeBody) => {
        if (this._timer) { clearTimeout(this._timer); this._timer = null; }
        if (this.destroyed) { if (closeBody) closeBody(); return; }
        if (err) { this.destroy(err.code === 'ERR_INVALID_URL' ? Object.assign(new TypeError(err.message), { code: err.code }) : netUvException(err)); return; }
        const res = new IncomingMessage(head, read, closeBody);
        res.req = this;
        this.res = res;
        res.on('end', () => { this._done = true; process.nextTick(() => this.destroy()); });
        if (!this.emit('response', res)) res.resume();
      });
      cb();
    }
    _destroy(err, cb) {
      if (this._timer) { clearTimeout(this._timer); this._timer = null; }
      if (this._abort && !this._done && !(this.res && this.res.complete)) this._abort();
      if (this.res && !this.res.complete && !this.res.destroyed) this.res.destroy(err ? undefined : connResetException('aborted'));
      if (!err && !this.res && !this._done) err = connResetException('socket hang up');
      if (this.aborted && err && err.message === 'socket hang up' && this.listenerCount('error') === 0) err = null;
      cb(err);
    }
  }

  const request = (input, options, cb) => {
    const req = new ClientRequest(input, options, cb);
    return req;
  };
  const get = (input, options, cb) => {
    const req = request(input, options, cb);
    req.end();
    return req;
  };

  const out = {};
  if (module === 'http') {
    Object.assign(out, {
      _connectionListener: refuse('_connectionListener'),
      METHODS: METHODS.slice(),
      STATUS_CODES: { ...STATUS_CODES },
      Agent,
      ClientRequest,
      IncomingMessage,
      OutgoingMessage: refuse('OutgoingMessage'),
      Server: refuse('Server'),
      ServerResponse: refuse('ServerResponse'),
      createServer: refuse('createServer'),
      validateHeaderName,
      validateHeaderValue,
      get,
      request,
      setMaxIdleHTTPParsers() {},
      maxHeaderSize: 16384,
    });
  } else {
    Object.assign(out, { Agent, Server: refuse('Server'), createServer: refuse('createServer'), get, request });
  }
  out.globalAgent = globalAgent;
  for (const k of ['OutgoingMessage', 'Server', 'ServerResponse']) {
    if (out[k]) out[k].prototype = {};
  }
  return out;
});
