// node:url as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/url.html): the WHATWG URL and
// URLSearchParams (the globals), fileURLToPath / pathToFileURL, domainToASCII / domainToUnicode,
// urlToHttpOptions, and the legacy API — url.parse, url.format, url.resolve and the Url object —
// whose lenient parsing (no validation, backslashes as slashes, auto-escaping) many packages
// still rely on.
(function (host) {
  'use strict';

  const querystring = host.require('querystring');

  // Protocols whose URLs always have "//" and a host (the legacy parser's slashedProtocol).
  const slashed = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
  const hostless = new Set(['javascript', 'javascript:']);
  const unsafe = new Set(['javascript', 'javascript:']);

  const protocolRe = /^[a-z0-9.+-]+:/i;
  const portRe = /:[0-9]*$/;
  const hostRe = /^\/\/[^@/]+@[^@/]+/;
  const simplePathRe = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;

  // Characters escaped in the path and query by the legacy parser.
  const autoEscape = { '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E', '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D' };
  const autoEscapeRe = /[\t\n\r "'<>\\^`{|}]/g;
  const isWs = (c) => c === 32 || c === 9 || c === 13 || c === 10 || c === 12 || c === 0xa0 || c === 0xfeff;

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    const u = new Url();
    u.parse(url, parseQueryString, slashesDenoteHost);
    return u;
  }

  Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    if (typeof url !== 'string') throw host.invalidArgType('url', 'of type string', url);

    // Trim whitespace; backslashes before the query or hash become slashes.
    let start = 0;
    let end = url.length;
    while (start < end && isWs(url.charCodeAt(start))) start++;
    while (end > start && isWs(url.charCodeAt(end - 1))) end--;
    let rest = url.slice(start, end);
    let cut = rest.length;
    for (let i = 0; i < rest.length; i++) {
      const ch = rest[i];
      if (ch === '?' || ch === '#') {
        cut = i;
        break;
      }
    }
    rest = rest.slice(0, cut).replace(/\\/g, '/') + rest.slice(cut);

    if (!slashesDenoteHost && !rest.includes('#')) {
      const simple = simplePathRe.exec(rest);
      if (simple) {
        this.path = rest;
        this.href = rest;
        this.pathname = simple[1];
        if (simple[2]) {
          this.search = simple[2];
          this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
        } else if (parseQueryString) {
          this.search = null;
          this.query = { __proto__: null };
        }
        return this;
      }
    }

    let proto = protocolRe.exec(rest);
    let lowerProto;
    if (proto) {
      proto = proto[0];
      lowerProto = proto.toLowerCase();
      this.protocol = lowerProto;
      rest = rest.slice(proto.length);
    }

    let slashes;
    if (slashesDenoteHost || proto || hostRe.test(rest)) {
      slashes = rest.startsWith('//');
      if (slashes && !(proto && hostless.has(lowerProto))) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }

    if (!hostless.has(lowerProto) && (slashes || (proto && !slashed.has(proto)))) {
      // The host runs to the first '/', '?' or '#'; the auth to the last '@' before it.
      let hostEnd = -1;
      let atSign = -1;
      let nonHost = -1;
      for (let i = 0; i < rest.length; i++) {
        const ch = rest[i];
        if ('\t\n\r "%\';<>\\^`{|}'.includes(ch)) {
          if (nonHost === -1) nonHost = i;
        } else if (ch === '#' || ch === '/' || ch === '?') {
          if (nonHost === -1) nonHost = i;
          hostEnd = i;
          break;
        } else if (ch === '@') {
          atSign = i;
          nonHost = -1;
        }
      }
      let from = 0;
      if (atSign !== -1) {
        this.auth = decodeURIComponent(rest.slice(0, atSign));
        from = atSign + 1;
      }
      if (nonHost === -1) {
        this.host = rest.slice(from);
        rest = '';
      } else {
        this.host = rest.slice(from, nonHost);
        rest = rest.slice(nonHost);
      }
      void hostEnd;

      this.parseHost();
      if (typeof this.hostname !== 'string') this.hostname = '';
      let hostname = this.hostname;
      const ipv6 = hostname[0] === '[' && hostname[hostname.length - 1] === ']';
      if (!ipv6) {
        for (let i = 0; i < hostname.length; i++) {
          const c = hostname[i];
          if (c === '/' || c === '\\' || c === '#' || c === '?' || c === ':') {
            this.hostname = hostname.slice(0, i);
            rest = `/${hostname.slice(i)}${rest}`;
            break;
          }
        }
        hostname = this.hostname;
      }
      if (hostname.length > 255) this.hostname = '';
      else this.hostname = hostname.toLowerCase();
      if (this.hostname !== '' && !ipv6) {
        // IDNA: the WHATWG host parser's domain to ASCII (lenient: a failure leaves it as is).
        const ascii = domainToASCIILenient(this.hostname);
        if (ascii !== null) this.hostname = ascii;
      }
      const p = this.port ? ':' + this.port : '';
      this.host = (this.hostname || '') + p;
      if (ipv6) {
        this.hostname = this.hostname.slice(1, -1);
        if (rest[0] !== '/') rest = '/' + rest;
      }
    }

    if (!unsafe.has(lowerProto)) rest = rest.replace(autoEscapeRe, (c) => autoEscape[c]);

    let questionIdx = -1;
    let hashIdx = -1;
    for (let i = 0; i < rest.length; i++) {
      const c = rest[i];
      if (c === '#') {
        this.hash = rest.slice(i);
        hashIdx = i;
        break;
      } else if (c === '?' && questionIdx === -1) {
        questionIdx = i;
      }
    }
    if (questionIdx !== -1) {
      if (hashIdx === -1) {
        this.search = rest.slice(questionIdx);
        this.query = rest.slice(questionIdx + 1);
      } else {
        this.search = rest.slice(questionIdx, hashIdx);
        this.query = rest.slice(questionIdx + 1, hashIdx);
      }
      if (parseQueryString) this.query = querystring.parse(this.query);
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }
    const firstIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx) ? questionIdx : hashIdx;
    if (firstIdx === -1) {
      if (rest.length > 0) this.pathname = rest;
    } else if (firstIdx > 0) {
      this.pathname = rest.slice(0, firstIdx);
    }
    if (slashed.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/';
    if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
    this.href = this.format();
    return this;
  };

  Url.prototype.parseHost = function parseHost() {
    let h = this.host;
    const port = portRe.exec(h);
    if (port) {
      const p = port[0];
      if (p !== ':') this.port = p.slice(1);
      h = h.slice(0, h.length - p.length);
    }
    if (h) this.hostname = h;
  };

  // auth keeps these characters unescaped (the rest are percent-encoded).
  const encodeAuth = (s) => encodeURIComponent(s).replace(/%(24|26|2B|2C|3B|3D|3A)/g, (m) => decodeURIComponent(m));

  Url.prototype.format = function format() {
    let auth = this.auth || '';
    if (auth) auth = encodeAuth(auth) + '@';
    let protocol = this.protocol || '';
    let pathname = this.pathname || '';
    let hash = this.hash || '';
    let hostText = '';
    let query = '';
    if (this.host) {
      hostText = auth + this.host;
    } else if (this.hostname) {
      hostText = auth + (this.hostname.includes(':') && !(this.hostname[0] === '[') ? '[' + this.hostname + ']' : this.hostname);
      if (this.port) hostText += ':' + this.port;
    }
    if (this.query !== null && typeof this.query === 'object') query = querystring.stringify(this.query);
    let search = this.search || (query && '?' + query) || '';
    if (protocol && protocol[protocol.length - 1] !== ':') protocol += ':';
    pathname = pathname.replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
    if (this.slashes || slashed.has(protocol)) {
      if (this.slashes || hostText) {
        if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
        hostText = '//' + hostText;
      } else if (protocol.length >= 4 && protocol.startsWith('file')) {
        hostText = '//';
      }
    }
    search = search.replace(/#/g, '%23');
    if (hash && hash[0] !== '#') hash = '#' + hash;
    if (search && search[0] !== '?') search = '?' + search;
    return protocol + hostText + pathname + search + hash;
  };

  Url.prototype.resolve = function resolve(relative) {
    return this.resolveObject(urlParse(relative, false, true)).format();
  };

  // resolveObject resolves relative against this, RFC 1808 style, with the legacy parser's rules
  // for non-slashed protocols (mailto:, xmpp:...), whose first path part is the host.
  Url.prototype.resolveObject = function resolveObject(relative) {
    if (typeof relative === 'string') {
      const rel = new Url();
      rel.parse(relative, false, true);
      relative = rel;
    }
    const result = new Url();
    for (const k of Object.keys(this)) result[k] = this[k];
    result.hash = relative.hash;
    if (relative.href === '') {
      result.href = result.format();
      return result;
    }
    if (relative.slashes && !relative.protocol) {
      for (const k of Object.keys(relative)) if (k !== 'protocol') result[k] = relative[k];
      if (slashed.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/';
      result.href = result.format();
      return result;
    }
    if (relative.protocol && relative.protocol !== result.protocol) {
      if (!slashed.has(relative.protocol)) {
        for (const k of Object.keys(relative)) result[k] = relative[k];
        result.href = result.format();
        return result;
      }
      result.protocol = relative.protocol;
      if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostless.has(relative.protocol)) {
        const relPath = (relative.pathname || '').split('/');
        while (relPath.length && !(relative.host = relPath.shift()));
        if (!relative.host) relative.host = '';
        if (!relative.hostname) relative.hostname = '';
        if (relPath[0] !== '') relPath.unshift('');
        if (relPath.length < 2) relPath.unshift('');
        result.pathname = relPath.join('/');
      } else {
        result.pathname = relative.pathname;
      }
      result.search = relative.search;
      result.query = relative.query;
      result.host = relative.host || '';
      result.auth = relative.auth;
      result.hostname = relative.hostname || relative.host;
      result.port = relative.port;
      if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
      result.slashes = result.slashes || relative.slashes;
      result.href = result.format();
      return result;
    }

    const isSourceAbs = result.pathname && result.pathname[0] === '/';
    const isRelAbs = relative.host || (relative.pathname && relative.pathname[0] === '/');
    let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
    const removeAllDots = mustEndAbs;
    let srcPath = (result.pathname && result.pathname.split('/')) || [];
    const relPath = (relative.pathname && relative.pathname.split('/')) || [];
    const noLeadingSlashes = result.protocol && !slashed.has(result.protocol);

    if (noLeadingSlashes) {
      result.hostname = '';
      result.port = null;
      if (result.host) {
        if (srcPath[0] === '') srcPath[0] = result.host;
        else srcPath.unshift(result.host);
      }
      result.host = '';
      if (relative.protocol) {
        relative.hostname = null;
        relative.port = null;
        if (relative.host) {
          if (relPath[0] === '') relPath[0] = relative.host;
          else relPath.unshift(relative.host);
        }
        relative.host = null;
      }
      mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
    }

    const authFromHost = () => {
      const parts = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false;
      if (parts) {
        result.auth = parts.shift();
        result.host = result.hostname = parts.shift();
      }
    };

    if (isRelAbs) {
      if (relative.host || relative.host === '') {
        if (result.host !== relative.host) result.auth = null;
        result.host = relative.host;
        result.port = relative.port;
      }
      if (relative.hostname || relative.hostname === '') {
        if (result.hostname !== relative.hostname) result.auth = null;
        result.hostname = relative.hostname;
      }
      result.search = relative.search;
      result.query = relative.query;
      srcPath = relPath;
    } else if (relPath.length) {
      srcPath.pop();
      srcPath = srcPath.concat(relPath);
      result.search = relative.search;
      result.query = relative.query;
    } else if (relative.search !== null && relative.search !== undefined) {
      if (noLeadingSlashes) {
        result.hostname = result.host = srcPath.shift();
        authFromHost();
      }
      result.search = relative.search;
      result.query = relative.query;
      if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
      result.href = result.format();
      return result;
    }

    if (!srcPath.length) {
      result.pathname = null;
      result.path = result.search ? '/' + result.search : null;
      result.href = result.format();
      return result;
    }

    let last = srcPath[srcPath.length - 1];
    const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';
    let up = 0;
    for (let i = srcPath.length - 1; i >= 0; i--) {
      last = srcPath[i];
      if (last === '.') {
        srcPath.splice(i, 1);
      } else if (last === '..') {
        srcPath.splice(i, 1);
        up++;
      } else if (up) {
        srcPath.splice(i, 1);
        up--;
      }
    }
    if (!mustEndAbs && !removeAllDots) while (up--) srcPath.unshift('..');
    if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0][0] !== '/')) srcPath.unshift('');
    if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');
    const isAbsolute = srcPath[0] === '' || (srcPath[0] && srcPath[0][0] === '/');
    if (noLeadingSlashes) {
      result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
      authFromHost();
    }
    mustEndAbs = mustEndAbs || (result.host && srcPath.length);
    if (mustEndAbs && !isAbsolute) srcPath.unshift('');
    if (srcPath.length > 0) {
      result.pathname = srcPath.join('/');
    } else {
      result.pathname = null;
      result.path = null;
    }
    if (result.pathname !== null || result.search !== null) result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    result.auth = relative.auth || result.auth;
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  };

  function urlFormat(urlObject, options) {
    if (typeof urlObject === 'string') {
      urlObject = urlParse(urlObject);
    } else if (typeof urlObject !== 'object' || urlObject === null) {
      throw host.invalidArgType('urlObject', 'one of type object or string', urlObject);
    } else if (urlObject instanceof URL) {
      let fragment = true;
      let unicode = false;
      let search = true;
      let auth = true;
      if (options) {
        if (options.fragment != null) fragment = Boolean(options.fragment);
        if (options.unicode != null) unicode = Boolean(options.unicode);
        if (options.search != null) search = Boolean(options.search);
        if (options.auth != null) auth = Boolean(options.auth);
      }
      const u = urlObject;
      let out = u.protocol;
      if (u.host !== '' || u.protocol === 'file:') {
        out += '//';
        if (auth && (u.username || u.password)) out += u.username + (u.password ? ':' + u.password : '') + '@';
        out += unicode ? domainToUnicode(u.hostname) + (u.port ? ':' + u.port : '') : u.host;
      }
      out += u.pathname;
      if (search) out += u.search;
      if (fragment) out += u.hash;
      return out;
    }
    return Url.prototype.format.call(urlObject);
  }

  function urlResolve(source, relative) {
    return urlParse(source, false, true).resolve(relative);
  }
  function urlResolveObject(source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  }

  // ---- IDNA ---------------------------------------------------------------------------------
  function domainToASCIILenient(domain) {
    try {
      const u = new URL('ws://x');
      u.hostname = domain;
      return u.hostname === 'x' && domain !== 'x' ? null : u.hostname;
    } catch {
      return null;
    }
  }
  function domainToASCII(domain) {
    if (arguments.length < 1) throw host.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
    try {
      return new URL(`ws://${domain}`).hostname;
    } catch {
      return '';
    }
  }
  function domainToUnicode(domain) {
    if (arguments.length < 1) throw host.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
    const ascii = domainToASCII(domain);
    if (ascii === '' && domain !== '') return '';
    const punycode = host.require('punycode');
    return punycode.toUnicode(ascii);
  }

  // ---- file URLs ----------------------------------------------------------------------------
  function fileURLToPath(path) {
    let u = path;
    if (typeof path === 'string') u = new URL(path);
    else if (!(path instanceof URL)) throw host.invalidArgType('path', 'of type string or an instance of URL', path);
    if (u.protocol !== 'file:') throw host.nodeError('TypeError', 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (u.hostname !== '') throw host.nodeError('TypeError', 'ERR_INVALID_FILE_URL_HOST', `File URL host must be "localhost" or empty on ${globalThis.process?.platform ?? 'linux'}`);
    const pathname = u.pathname;
    for (let n = 0; n < pathname.length; n++) {
      if (pathname[n] === '%') {
        const third = pathname.codePointAt(n + 2) | 0x20;
        if (pathname[n + 1] === '2' && third === 102) {
          throw host.nodeError('TypeError', 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
        }
      }
    }
    return decodeURIComponent(pathname);
  }

  function pathToFileURL(filepath) {
    if (typeof filepath !== 'string') throw host.invalidArgType('path', 'of type string', filepath);
    const path = host.require('path');
    let resolved = path.resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    const u = new URL('file://');
    // Characters the URL path setter would not escape but that a file name may hold.
    u.pathname = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
    return u;
  }

  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ''}${url.search || ''}`,
      href: url.href,
    };
    if (url.port !== '') options.port = Number(url.port);
    if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    return options;
  }

  return {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format: urlFormat,
    URL: globalThis.URL,
    URLSearchParams: globalThis.URLSearchParams,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
  };
});
