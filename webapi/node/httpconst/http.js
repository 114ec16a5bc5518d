// node:http and node:https constants as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/http.html):
// STATUS_CODES, METHODS, maxHeaderSize, validateHeaderName/Value, and Agent objects (SDKs such as
// stripe make one when they load; the pool options are kept). The client and server (request, get,
// createServer...) are not provided yet: they throw ERR_NOT_SUPPORTED.
(function (host, module) {
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
  const out = {};
  if (module === 'http') {
    Object.assign(out, {
      _connectionListener: refuse('_connectionListener'),
      METHODS: METHODS.slice(),
      STATUS_CODES: { ...STATUS_CODES },
      Agent,
      ClientRequest: refuse('ClientRequest'),
      IncomingMessage: refuse('IncomingMessage'),
      OutgoingMessage: refuse('OutgoingMessage'),
      Server: refuse('Server'),
      ServerResponse: refuse('ServerResponse'),
      createServer: refuse('createServer'),
      validateHeaderName,
      validateHeaderValue,
      get: refuse('get'),
      request: refuse('request'),
      setMaxIdleHTTPParsers() {},
      maxHeaderSize: 16384,
    });
  } else {
    Object.assign(out, { Agent, Server: refuse('Server'), createServer: refuse('createServer'), get: refuse('get'), request: refuse('request') });
  }
  out.globalAgent = globalAgent;
  for (const k of ['ClientRequest', 'IncomingMessage', 'OutgoingMessage', 'Server', 'ServerResponse']) {
    if (out[k]) out[k].prototype = {};
  }
  return out;
});
