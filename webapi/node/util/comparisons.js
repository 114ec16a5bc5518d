// Deep equality as Node.js 20's util.isDeepStrictEqual and assert.deepEqual / deepStrictEqual
// define it (https://nodejs.org/docs/latest-v20.x/api/assert.html#comparison-details):
// strict mode compares with Object.is, prototypes and [[Class]] tags and own enumerable symbols;
// loose mode compares primitives with == and ignores prototypes. Maps and Sets match regardless of
// order, cycles are followed once.
(function (host) {
  'use strict';

  const kind = host.kind;
  const tag = (v) => Object.prototype.toString.call(v);
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);

  function isDeepEqual(a, b) {
    return innerDeepEqual(a, b, false, undefined);
  }
  function isDeepStrictEqual(a, b) {
    return innerDeepEqual(a, b, true, undefined);
  }

  function innerDeepEqual(val1, val2, strict, memos) {
    if (val1 === val2) {
      if (val1 !== 0) return true;
      return strict ? Object.is(val1, val2) : true;
    }
    if (strict) {
      if (typeof val1 !== 'object') return typeof val1 === 'number' && Number.isNaN(val1) && Number.isNaN(val2);
      if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
      if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
    } else {
      if (val1 === null || typeof val1 !== 'object') {
        if (val2 === null || typeof val2 !== 'object') {
          // eslint-disable-next-line eqeqeq
          return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
        }
        return false;
      }
      if (val2 === null || typeof val2 !== 'object') return false;
    }
    const t1 = tag(val1);
    if (t1 !== tag(val2)) return false;
    const k1 = kind(val1);
    const k2 = kind(val2);
    if (k1 !== k2 && !(k1 === 'Error' || k2 === 'Error')) return false;

    if (Array.isArray(val1)) {
      if (!Array.isArray(val2) || val1.length !== val2.length) return false;
      const keys1 = ownKeys(val1, strict, true);
      const keys2 = ownKeys(val2, strict, true);
      if (keys1.length !== keys2.length) return false;
      return keyCheck(val1, val2, strict, memos, 'array', keys1);
    }
    if (t1 === '[object Object]' && k1 === 'Object') {
      return keyCheck(val1, val2, strict, memos, 'object');
    }
    switch (k1) {
      case 'Date':
        if (Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
        break;
      case 'RegExp':
        if (val1.source !== val2.source || val1.flags !== val2.flags || val1.lastIndex !== val2.lastIndex) return false;
        break;
      case 'Error':
        if (!(val1 instanceof Error) || !(val2 instanceof Error)) break;
        if (val1.message !== val2.message || val1.name !== val2.name) return false;
        if ('cause' in val1 !== 'cause' in val2 || !innerDeepEqual(val1.cause, val2.cause, strict, memos)) return false;
        if ('errors' in val1 !== 'errors' in val2 || !innerDeepEqual(val1.errors, val2.errors, strict, memos)) return false;
        break;
      case 'TypedArray':
      case 'DataView': {
        if (!viewsEqual(val1, val2, strict)) return false;
        const keys1 = ownKeys(val1, strict, true);
        if (keys1.length !== ownKeys(val2, strict, true).length) return false;
        return keyCheck(val1, val2, strict, memos, 'object', keys1);
      }
      case 'ArrayBuffer':
        if (!bytesEqual(new Uint8Array(val1), new Uint8Array(val2))) return false;
        break;
      case 'Set':
        if (val1.size !== val2.size) return false;
        return keyCheck(val1, val2, strict, memos, 'set');
      case 'Map':
        if (val1.size !== val2.size) return false;
        return keyCheck(val1, val2, strict, memos, 'map');
      case 'Number':
      case 'String':
      case 'Boolean':
      case 'BigInt':
      case 'Symbol': {
        const unbox = { Number: Number.prototype.valueOf, String: String.prototype.valueOf, Boolean: Boolean.prototype.valueOf, BigInt: BigInt.prototype.valueOf, Symbol: Symbol.prototype.valueOf }[k1];
        if (!Object.is(unbox.call(val1), unbox.call(val2))) return false;
        break;
      }
      // WeakMap, WeakSet and Promise: by their own keys only, as Node 20 (22 tells them apart).
      default:
        break;
    }
    return keyCheck(val1, val2, strict, memos, 'object');
  }

  function bytesEqual(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function viewsEqual(a, b, strict) {
    if (a.byteLength !== b.byteLength) return false;
    if (!strict && (tag(a) === '[object Float32Array]' || tag(a) === '[object Float64Array]')) {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    }
    return bytesEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  // ownKeys lists the own enumerable keys compared: strings (minus array indices when
  // skipIndices), then, in strict mode, enumerable symbols.
  function ownKeys(o, strict, skipIndices) {
    let keys = Object.keys(o);
    if (skipIndices) keys = keys.filter((k) => !(String(k >>> 0) === k && (k >>> 0) !== 4294967295));
    if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (isEnumerable(o, s)) keys.push(s);
    return keys;
  }

  function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
    if (aKeys === undefined) {
      aKeys = ownKeys(val1, strict, false);
      const bKeys = ownKeys(val2, strict, false);
      if (aKeys.length !== bKeys.length) return false;
    }
    for (const k of aKeys) {
      if (!hasOwn(val2, k) || (typeof k === 'symbol' && !isEnumerable(val2, k))) return false;
    }
    if (aKeys.length === 0 && (iterationType === 'object' || (iterationType === 'array' && val1.length === 0))) return true;

    if (memos === undefined) {
      memos = { val1: new Map(), val2: new Map(), position: 0 };
    } else {
      const m1 = memos.val1.get(val1);
      if (m1 !== undefined) {
        const m2 = memos.val2.get(val2);
        if (m2 !== undefined) return m1 === m2;
      }
      memos.position++;
    }
    memos.val1.set(val1, memos.position);
    memos.val2.set(val2, memos.position);
    const result = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
    memos.val1.delete(val1);
    memos.val2.delete(val2);
    return result;
  }

  function objEquiv(a, b, strict, keys, memos, iterationType) {
    if (iterationType === 'set') {
      if (!setEquiv(a, b, strict, memos)) return false;
    } else if (iterationType === 'map') {
      if (!mapEquiv(a, b, strict, memos)) return false;
    } else if (iterationType === 'array') {
      for (let i = 0; i < a.length; i++) {
        if (hasOwn(a, i)) {
          if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
        } else if (hasOwn(b, i)) {
          return false;
        } else if (!innerDeepEqual(a[i], b[i], strict, memos)) {
          return false;
        }
      }
    }
    for (const k of keys) if (!innerDeepEqual(a[k], b[k], strict, memos)) return false;
    return true;
  }

  const isObj = (v) => typeof v === 'object' && v !== null;

  // A primitive key matches itself; loose mode also matches == primitives. Object keys need a
  // deep match with an unmatched object key of the other side.
  function setEquiv(a, b, strict, memos) {
    let pending = null;
    for (const v of a) {
      if (isObj(v)) {
        (pending ??= []).push(v);
      } else if (!b.has(v)) {
        if (strict) return false;
        if (!setHasLoose(b, v, a)) return false;
        (pending ??= []).push(v);
      }
    }
    if (pending === null) return true;
    const candidates = [];
    for (const v of b) if (isObj(v) || (!strict && !a.has(v))) candidates.push(v);
    for (const v of pending) {
      const i = candidates.findIndex((c) => innerDeepEqual(v, c, strict, memos));
      if (i === -1) return false;
      candidates.splice(i, 1);
    }
    return candidates.length === 0 || !strict ? true : false;
  }

  function setHasLoose(b, v) {
    for (const x of b) if (!isObj(x) && innerDeepEqual(v, x, false)) return true;
    return false;
  }

  function mapEquiv(a, b, strict, memos) {
    let pending = null;
    for (const [k, v] of a) {
      if (isObj(k)) {
        (pending ??= []).push([k, v]);
      } else {
        if (b.has(k) && innerDeepEqual(v, b.get(k), strict, memos)) continue;
        if (strict) return false;
        (pending ??= []).push([k, v]);
      }
    }
    if (pending === null) return true;
    const candidates = [];
    for (const [k, v] of b) if (isObj(k) || (!strict && !(a.has(k) && innerDeepEqual(a.get(k), v, strict, memos)))) candidates.push([k, v]);
    for (const [k, v] of pending) {
      const i = candidates.findIndex(([ck, cv]) => innerDeepEqual(k, ck, strict, memos) && innerDeepEqual(v, cv, strict, memos));
      if (i === -1) return false;
      candidates.splice(i, 1);
    }
    return true;
  }

  return { isDeepEqual, isDeepStrictEqual };
});
