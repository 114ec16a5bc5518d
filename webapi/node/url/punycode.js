// node:punycode (deprecated in Node, still used): RFC 3492 Punycode with the IDNA helpers
// toASCII / toUnicode and the ucs2 code point helpers, as punycode.js 2.1 (which Node bundles).
(function (host) {
  'use strict';

  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const skew = 38;
  const damp = 700;
  const initialBias = 72;
  const initialN = 128;
  const delimiter = '-';
  const maxInt = 2147483647;

  const rangeError = (type) => {
    const messages = { overflow: 'Overflow: input needs wider integers to process', 'not-basic': 'Illegal input >= 0x80 (not a basic code point)', 'invalid-input': 'Invalid input' };
    throw new RangeError(messages[type]);
  };

  function ucs2decode(string) {
    const out = [];
    for (let i = 0; i < string.length; i++) {
      const value = string.charCodeAt(i);
      if (value >= 0xd800 && value <= 0xdbff && i + 1 < string.length) {
        const extra = string.charCodeAt(i + 1);
        if ((extra & 0xfc00) === 0xdc00) {
          out.push(((value & 0x3ff) << 10) + (extra & 0x3ff) + 0x10000);
          i++;
          continue;
        }
      }
      out.push(value);
    }
    return out;
  }
  const ucs2encode = (codePoints) => String.fromCodePoint(...codePoints);

  const digitToBasic = (d) => d + 22 + 75 * (d < 26);
  const basicToDigit = (c) => (c >= 0x30 && c < 0x3a ? 26 + (c - 0x30) : c >= 0x41 && c < 0x5b ? c - 0x41 : c >= 0x61 && c < 0x7b ? c - 0x61 : base);

  function adapt(delta, numPoints, firstTime) {
    let k = 0;
    delta = firstTime ? Math.floor(delta / damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
    return Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
  }

  function decode(input) {
    const output = [];
    let basic = input.lastIndexOf(delimiter);
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; ++j) {
      if (input.charCodeAt(j) >= 0x80) rangeError('not-basic');
      output.push(input.charCodeAt(j));
    }
    let n = initialN;
    let bias = initialBias;
    let i = 0;
    for (let index = basic > 0 ? basic + 1 : 0; index < input.length; ) {
      const oldi = i;
      for (let w = 1, k = base; ; k += base) {
        if (index >= input.length) rangeError('invalid-input');
        const digit = basicToDigit(input.charCodeAt(index++));
        if (digit >= base) rangeError('invalid-input');
        if (digit > Math.floor((maxInt - i) / w)) rangeError('overflow');
        i += digit * w;
        const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
        if (digit < t) break;
        const baseMinusT = base - t;
        if (w > Math.floor(maxInt / baseMinusT)) rangeError('overflow');
        w *= baseMinusT;
      }
      const out = output.length + 1;
      bias = adapt(i - oldi, out, oldi === 0);
      if (Math.floor(i / out) > maxInt - n) rangeError('overflow');
      n += Math.floor(i / out);
      i %= out;
      output.splice(i++, 0, n);
    }
    return String.fromCodePoint(...output);
  }

  function encode(input) {
    const output = [];
    const cps = ucs2decode(input);
    const inputLength = cps.length;
    let n = initialN;
    let delta = 0;
    let bias = initialBias;
    for (const c of cps) if (c < 0x80) output.push(String.fromCharCode(c));
    const basicLength = output.length;
    let handled = basicLength;
    if (basicLength) output.push(delimiter);
    while (handled < inputLength) {
      let m = maxInt;
      for (const c of cps) if (c >= n && c < m) m = c;
      const plus = handled + 1;
      if (m - n > Math.floor((maxInt - delta) / plus)) rangeError('overflow');
      delta += (m - n) * plus;
      n = m;
      for (const c of cps) {
        if (c < n && ++delta > maxInt) rangeError('overflow');
        if (c === n) {
          let q = delta;
          for (let k = base; ; k += base) {
            const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (q < t) break;
            const qMinusT = q - t;
            const baseMinusT = base - t;
            output.push(String.fromCharCode(digitToBasic(t + (qMinusT % baseMinusT))));
            q = Math.floor(qMinusT / baseMinusT);
          }
          output.push(String.fromCharCode(digitToBasic(q)));
          bias = adapt(delta, plus, handled === basicLength);
          delta = 0;
          ++handled;
        }
      }
      ++delta;
      ++n;
    }
    return output.join('');
  }

  // mapDomain applies fn to each label (separators: . and the ideographic full stops), keeping an
  // email-style local part as is.
  function mapDomain(domain, fn) {
    const parts = domain.split('@');
    let result = '';
    if (parts.length > 1) {
      result = parts[0] + '@';
      domain = parts[1];
    }
    domain = domain.replace(/[\x2E\u3002\uFF0E\uFF61]/g, '\x2E');
    return result + domain.split('.').map(fn).join('.');
  }
  const toUnicode = (input) => mapDomain(input, (s) => (/^xn--/.test(s) ? decode(s.slice(4).toLowerCase()) : s));
  const toASCII = (input) => mapDomain(input, (s) => (/[^\0-\x7F]/.test(s) ? 'xn--' + encode(s) : s));

  return { version: '2.1.0', ucs2: { decode: ucs2decode, encode: ucs2encode }, decode, encode, toASCII, toUnicode };
});
