// node:querystring as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/querystring.html):
// parse gives a null-prototype object (repeated keys become arrays), '+' is a space, and bad
// percent-escapes decode leniently byte by byte instead of throwing.
(function (host) {
  'use strict';

  function unescapeBuffer(s, decodeSpaces) {
    s = `${s}`;
    const out = new Uint8Array(s.length);
    let n = 0;
    const hex = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 43 && decodeSpaces) {
        out[n++] = 32;
        continue;
      }
      if (c === 37 && i + 2 < s.length) {
        const h = hex(s.charCodeAt(i + 1));
        const l = hex(s.charCodeAt(i + 2));
        if (h >= 0 && l >= 0) {
          out[n++] = h * 16 + l;
          i += 2;
          continue;
        }
      }
      out[n++] = c & 0xff;
    }
    const bytes = out.subarray(0, n);
    return typeof globalThis.Buffer === 'function' ? globalThis.Buffer.from(bytes) : bytes;
  }

  const utf8 = new TextDecoder();
  function unescape(s, decodeSpaces) {
    try {
      return decodeURIComponent(s);
    } catch {
      return utf8.decode(unescapeBuffer(s, decodeSpaces));
    }
  }

  function escape(str) {
    if (typeof str !== 'string') {
      if (typeof str === 'object') str = String(str);
      else str += '';
    }
    try {
      return encodeURIComponent(str);
    } catch {
      throw host.nodeError('URIError', 'ERR_INVALID_URI', 'URI malformed');
    }
  }

  function stringifyPrimitive(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && isFinite(v)) return '' + v;
    if (typeof v === 'bigint') return '' + v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return '';
  }

  function stringify(obj, sep, eq, options) {
    sep ||= '&';
    eq ||= '=';
    let encode = qs.escape;
    if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
    const convert = (v) => encode(stringifyPrimitive(v));
    if (obj !== null && typeof obj === 'object') {
      const keys = Object.keys(obj);
      const fields = [];
      for (const k of keys) {
        const v = obj[k];
        const ks = convert(k) + eq;
        if (Array.isArray(v)) {
          if (v.length === 0) continue;
          fields.push(v.map((x) => ks + convert(x)).join(sep));
        } else {
          fields.push(ks + convert(v));
        }
      }
      return fields.join(sep);
    }
    return '';
  }

  function parse(str, sep, eq, options) {
    const obj = { __proto__: null };
    if (typeof str !== 'string' || str.length === 0) return obj;
    sep = sep ? String(sep) : '&';
    eq = eq ? String(eq) : '=';
    let maxKeys = 1000;
    if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
    const decode = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : qs.unescape;
    const decodeStr = (s) => {
      if (decode === unescape && s.indexOf('%') === -1) return s;
      try {
        return decode(s);
      } catch {
        return qs.unescape(s, true);
      }
    };
    let parts = str.split(sep);
    if (maxKeys > 0 && parts.length > maxKeys) parts = parts.slice(0, maxKeys);
    for (const part of parts) {
      if (part.length === 0) continue;
      const i = part.indexOf(eq);
      let k = i >= 0 ? part.slice(0, i) : part;
      let v = i >= 0 ? part.slice(i + eq.length) : '';
      k = decodeStr(k.replace(/\+/g, ' '));
      v = decodeStr(v.replace(/\+/g, ' '));
      const cur = obj[k];
      if (cur === undefined) obj[k] = v;
      else if (Array.isArray(cur)) cur.push(v);
      else obj[k] = [cur, v];
    }
    return obj;
  }

  const qs = { unescapeBuffer, unescape, escape, stringify, encode: stringify, parse, decode: parse };
  return qs;
});
