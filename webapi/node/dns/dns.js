// node:dns — https://nodejs.org/docs/latest-v20.x/api/dns.html over Go's resolver (dns.go).
//
// binding: query(kind, name, family, cb(code, result)), servers(), isIP(s), notSupported(export);
// plus jsmodule's error, received, require.
const { query, servers, isIP, notSupported, error, received, require } = binding;
const process = require('process');

const codes = {
  NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', BADFAMILY: 'EBADFAMILY', BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT', EOF: 'EOF', FILE: 'EFILE', NOMEM: 'ENOMEM', DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR', BADFLAGS: 'EBADFLAGS', NONAME: 'ENONAME', BADHINTS: 'EBADHINTS', NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI', ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS', CANCELLED: 'ECANCELLED',
};
const ADDRCONFIG = 32, V4MAPPED = 8, ALL = 16; // Linux getaddrinfo flags, as Node 20 reports them

const argType = (name, what, v) => error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be ${what}. Received ${received(v)}`);
const validateString = (v, name) => { if (typeof v !== 'string') throw argType(name, 'of type string', v); };
const validateFunction = (v, name) => { if (typeof v !== 'function') throw argType(name, 'of type function', v); };

// lookupError is Node's dnsException for getaddrinfo: `getaddrinfo ENOTFOUND host`, errno -3008.
function lookupError(code, hostname) {
  const errnos = { ENOTFOUND: -3008, EAI_AGAIN: -3001, ETIMEOUT: undefined };
  const e = new Error(`getaddrinfo ${code} ${hostname}`);
  e.errno = code === 'ENOTFOUND' ? -3008 : errnos[code];
  e.code = code;
  e.syscall = 'getaddrinfo';
  e.hostname = hostname;
  return e;
}

function queryError(code, syscall, hostname) {
  const e = new Error(`${syscall} ${code} ${hostname}`);
  e.errno = undefined;
  e.code = code;
  e.syscall = syscall;
  e.hostname = hostname;
  return e;
}

let defaultOrder = 'verbatim';

// quote is util.inspect's text for the values ERR_INVALID_ARG_VALUE shows.
const quote = (v) => (typeof v === 'string' ? `'${v}'` : String(v));

function lookupOptions(options) {
  let family = 0, all = false, order = defaultOrder;
  const what = typeof options === 'number' ? "argument 'family'" : "property 'options.family'";
  if (typeof options === 'number') {
    family = options;
  } else if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw argType('options', 'of type object', options);
    if (options.family !== undefined) {
      family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    }
    if (options.all !== undefined) {
      if (typeof options.all !== 'boolean') throw argType('options.all', 'of type boolean', options.all);
      all = options.all;
    }
    if (options.verbatim !== undefined) order = options.verbatim ? 'verbatim' : 'ipv4first';
    if (options.order !== undefined) order = options.order;
  }
  if (family !== 0 && family !== 4 && family !== 6) {
    throw error('TypeError', 'ERR_INVALID_ARG_VALUE', `The ${what} must be one of: 0, 4, 6. Received ${typeof family === 'string' ? `'${family}'` : String(family)}`);
  }
  return { family, all, order };
}

function sortAnswers(list, order) {
  if (order === 'ipv4first') return [...list].sort((a, b) => a.family - b.family);
  if (order === 'ipv6first') return [...list].sort((a, b) => b.family - a.family);
  return list;
}

function lookup(hostname, options, callback) {
  if (hostname && typeof hostname !== 'string') throw argType('hostname', 'of type string', hostname);
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { family, all, order } = lookupOptions(options);
  if (!hostname) {
    if (all) process.nextTick(callback, null, []);
    else process.nextTick(callback, null, null, family === 6 ? 6 : 4);
    return {};
  }
  const literal = isIP(hostname);
  if (literal) {
    if (all) process.nextTick(callback, null, [{ address: hostname, family: literal }]);
    else process.nextTick(callback, null, hostname, literal);
    return {};
  }
  query('lookup', hostname, family, (code, pairs) => {
    if (code) return callback(lookupError(code, hostname));
    let list = pairs.map(([address, fam]) => ({ address, family: fam }));
    list = sortAnswers(list, order);
    if (list.length === 0) return callback(lookupError('ENOTFOUND', hostname));
    if (all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
  return {};
}

const rrSyscall = { A: 'queryA', AAAA: 'queryAaaa', TXT: 'queryTxt', MX: 'queryMx', CNAME: 'queryCname', NS: 'queryNs', SRV: 'querySrv', PTR: 'queryPtr', CAA: 'queryCaa', NAPTR: 'queryNaptr', SOA: 'querySoa', ANY: 'queryAny' };

function resolveWith(rrtype, hostname, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateString(hostname, 'name');
  validateFunction(callback, 'callback');
  if (options && options.ttl) throw notSupported(`resolve${rrtype === 'AAAA' ? '6' : '4'}({ ttl: true })`);
  if (!rrSyscall[rrtype]) throw error('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'rrtype' is invalid. Received ${quote(rrtype)}`);
  if (rrtype === 'CAA' || rrtype === 'NAPTR' || rrtype === 'SOA' || rrtype === 'ANY') throw notSupported(`resolve ${rrtype}`);
  query(rrtype, hostname, 0, (code, res) => {
    if (code) return callback(queryError(code, rrSyscall[rrtype], hostname));
    if (rrtype === 'MX') res = res.map(([exchange, priority]) => ({ exchange, priority }));
    if (rrtype === 'SRV') res = res.map(([name, port, priority, weight]) => ({ name, port, priority, weight }));
    callback(null, res);
  });
  return {};
}

function reverse(ip, callback) {
  validateString(ip, 'ip');
  validateFunction(callback, 'callback');
  if (!isIP(ip)) {
    const e = new Error(`getHostByAddr EINVAL ${ip}`);
    e.code = 'EINVAL';
    e.syscall = 'getHostByAddr';
    e.hostname = ip;
    throw e;
  }
  query('PTR', ip, 0, (code, res) => {
    if (code) return callback(queryError(code, 'getHostByAddr', ip));
    callback(null, res);
  });
  return {};
}

function lookupService() { throw notSupported('lookupService'); }

const methods = {
  resolve(hostname, rrtype, callback) {
    if (typeof rrtype === 'function') return resolveWith('A', hostname, undefined, rrtype);
    if (typeof rrtype !== 'string') throw argType('rrtype', 'of type string', rrtype);
    return resolveWith(rrtype, hostname, undefined, callback);
  },
  resolve4: (h, o, cb) => resolveWith('A', h, o, cb),
  resolve6: (h, o, cb) => resolveWith('AAAA', h, o, cb),
  resolveTxt: (h, cb) => resolveWith('TXT', h, undefined, cb),
  resolveMx: (h, cb) => resolveWith('MX', h, undefined, cb),
  resolveCname: (h, cb) => resolveWith('CNAME', h, undefined, cb),
  resolveNs: (h, cb) => resolveWith('NS', h, undefined, cb),
  resolveSrv: (h, cb) => resolveWith('SRV', h, undefined, cb),
  resolvePtr: (h, cb) => resolveWith('PTR', h, undefined, cb),
  resolveCaa: (h, cb) => resolveWith('CAA', h, undefined, cb),
  resolveNaptr: (h, cb) => resolveWith('NAPTR', h, undefined, cb),
  resolveSoa: (h, cb) => resolveWith('SOA', h, undefined, cb),
  resolveAny: (h, cb) => resolveWith('ANY', h, undefined, cb),
  reverse,
  getServers: () => servers(),
  setServers() { throw notSupported('setServers'); },
  setLocalAddress() { throw notSupported('setLocalAddress'); },
};

class Resolver {
  constructor(options) { this._options = options; }
  cancel() {}
}
for (const [name, fn] of Object.entries(methods)) {
  Resolver.prototype[name] = function (...args) { return fn(...args); };
}

// The promise forms: the same calls, answering through a promise.
const promisify = (fn, shape) => (...args) => new Promise((resolve, reject) => {
  fn(...args, (err, ...res) => (err ? reject(err) : resolve(shape ? shape(...res) : res[0])));
});
const promises = {};
for (const name of Object.keys(methods)) {
  promises[name] = name === 'getServers' || name === 'setServers' || name === 'setLocalAddress' ? methods[name] : promisify(methods[name]);
}
promises.lookup = (hostname, options) => new Promise((resolve, reject) => {
  lookup(hostname, options, (err, address, family) => {
    if (err) reject(err);
    else resolve(Array.isArray(address) ? address : { address, family });
  });
});
promises.lookupService = lookupService;
class PromiseResolver {
  constructor(options) { this._options = options; }
  cancel() {}
}
for (const name of Object.keys(promises)) {
  PromiseResolver.prototype[name] = function (...args) { return promises[name](...args); };
}
promises.Resolver = PromiseResolver;
promises.setDefaultResultOrder = (o) => setDefaultResultOrder(o);
promises.getDefaultResultOrder = () => defaultOrder;
Object.assign(promises, codes);

function setDefaultResultOrder(order) {
  if (order !== 'verbatim' && order !== 'ipv4first' && order !== 'ipv6first') {
    throw error('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'dnsOrder' must be one of: 'verbatim', 'ipv4first', 'ipv6first'. Received ${quote(order)}`);
  }
  defaultOrder = order;
}

const exports = {
  lookup,
  lookupService,
  ...methods,
  Resolver,
  setDefaultResultOrder,
  getDefaultResultOrder: () => defaultOrder,
  ADDRCONFIG,
  V4MAPPED,
  ALL,
  ...codes,
  promises,
};
return exports;
