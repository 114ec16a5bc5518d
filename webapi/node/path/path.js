// node:path as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/path.html): POSIX by default,
// path.win32 for Windows paths. resolve() starts from process.cwd(), the project root.
(function (host) {
  'use strict';

  const SLASH = 47; // '/'
  const BACKSLASH = 92; // '\\'
  const DOT = 46;
  const COLON = 58;

  function validateString(v, name) {
    if (typeof v !== 'string') throw host.invalidArgType(name, 'of type string', v);
  }
  function validateObject(v, name) {
    if (v === null || typeof v !== 'object') throw host.invalidArgType(name, 'of type object', v);
  }
  const isPosixSep = (c) => c === SLASH;
  const isWinSep = (c) => c === SLASH || c === BACKSLASH;
  const isDriveLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

  // normalizeString resolves '.' and '..' segments of path (no root), with separator sep;
  // allowAboveRoot keeps leading '..' segments (relative paths).
  function normalizeString(path, allowAboveRoot, sep, isSep) {
    let res = '';
    let lastSegmentLength = 0;
    let lastSlash = -1;
    let dots = 0;
    let code = 0;
    for (let i = 0; i <= path.length; ++i) {
      if (i < path.length) code = path.charCodeAt(i);
      else if (isSep(code)) break;
      else code = SLASH;
      if (isSep(code)) {
        if (lastSlash === i - 1 || dots === 1) {
          // empty segment or '.'
        } else if (dots === 2) {
          if (res.length < 2 || lastSegmentLength !== 2 || res.charCodeAt(res.length - 1) !== DOT || res.charCodeAt(res.length - 2) !== DOT) {
            if (res.length > 2) {
              const lastSlashIndex = res.lastIndexOf(sep);
              if (lastSlashIndex === -1) {
                res = '';
                lastSegmentLength = 0;
              } else {
                res = res.slice(0, lastSlashIndex);
                lastSegmentLength = res.length - 1 - res.lastIndexOf(sep);
              }
              lastSlash = i;
              dots = 0;
              continue;
            } else if (res.length !== 0) {
              res = '';
              lastSegmentLength = 0;
              lastSlash = i;
              dots = 0;
              continue;
            }
          }
          if (allowAboveRoot) {
            res += res.length > 0 ? `${sep}..` : '..';
            lastSegmentLength = 2;
          }
        } else {
          if (res.length > 0) res += `${sep}${path.slice(lastSlash + 1, i)}`;
          else res = path.slice(lastSlash + 1, i);
          lastSegmentLength = i - lastSlash - 1;
        }
        lastSlash = i;
        dots = 0;
      } else if (code === DOT && dots !== -1) {
        ++dots;
      } else {
        dots = -1;
      }
    }
    return res;
  }

  function format(sep, pathObject) {
    validateObject(pathObject, 'pathObject');
    const dir = pathObject.dir || pathObject.root;
    const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
    if (!dir) return base;
    return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
  }
  const formatExt = (ext) => (ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '');

  const cwd = () => (typeof globalThis.process?.cwd === 'function' ? globalThis.process.cwd() : '/');

  const matchesGlob = function matchesGlob() {
    throw host.notSupported('path', 'matchesGlob');
  };

  // ---- POSIX ----------------------------------------------------------------------------------
  const posix = {
    resolve(...args) {
      let resolvedPath = '';
      let resolvedAbsolute = false;
      for (let i = args.length - 1; i >= -1 && !resolvedAbsolute; i--) {
        const path = i >= 0 ? args[i] : cwd();
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
        resolvedPath = `${path}/${resolvedPath}`;
        resolvedAbsolute = path.charCodeAt(0) === SLASH;
      }
      resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute, '/', isPosixSep);
      if (resolvedAbsolute) return `/${resolvedPath}`;
      return resolvedPath.length > 0 ? resolvedPath : '.';
    },
    normalize(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const isAbsolute = path.charCodeAt(0) === SLASH;
      const trailingSeparator = path.charCodeAt(path.length - 1) === SLASH;
      path = normalizeString(path, !isAbsolute, '/', isPosixSep);
      if (path.length === 0) {
        if (isAbsolute) return '/';
        return trailingSeparator ? './' : '.';
      }
      if (trailingSeparator) path += '/';
      return isAbsolute ? `/${path}` : path;
    },
    isAbsolute(path) {
      validateString(path, 'path');
      return path.length > 0 && path.charCodeAt(0) === SLASH;
    },
    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        validateString(arg, 'path');
        if (arg.length > 0) joined = joined === undefined ? arg : `${joined}/${arg}`;
      }
      if (joined === undefined) return '.';
      return posix.normalize(joined);
    },
    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      from = posix.resolve(from);
      to = posix.resolve(to);
      if (from === to) return '';
      const fromStart = 1;
      const fromEnd = from.length;
      const fromLen = fromEnd - fromStart;
      const toStart = 1;
      const toLen = to.length - toStart;
      const length = fromLen < toLen ? fromLen : toLen;
      let lastCommonSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === SLASH) lastCommonSep = i;
      }
      if (i === length) {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === SLASH) return to.slice(toStart + i + 1);
          if (i === 0) return to.slice(toStart + i);
        } else if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === SLASH) lastCommonSep = i;
          else if (i === 0) lastCommonSep = 0;
        }
      }
      let out = '';
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === SLASH) out += out.length === 0 ? '..' : '/..';
      }
      return `${out}${to.slice(toStart + lastCommonSep)}`;
    },
    toNamespacedPath(path) {
      return path;
    },
    dirname(path) {
      validateString(path, 'path');
      if (path.length === 0) return '.';
      const hasRoot = path.charCodeAt(0) === SLASH;
      let end = -1;
      let matchedSlash = true;
      for (let i = path.length - 1; i >= 1; --i) {
        if (path.charCodeAt(i) === SLASH) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) return hasRoot ? '/' : '.';
      if (hasRoot && end === 1) return '//';
      return path.slice(0, end);
    },
    basename(path, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(path, 'path');
      return basename(path, suffix, 0, isPosixSep);
    },
    extname(path) {
      validateString(path, 'path');
      return extname(path, 0, isPosixSep);
    },
    format: format.bind(null, '/'),
    parse(path) {
      validateString(path, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return ret;
      const isAbsolute = path.charCodeAt(0) === SLASH;
      let start;
      if (isAbsolute) {
        ret.root = '/';
        start = 1;
      } else {
        start = 0;
      }
      parseTail(path, start, isPosixSep, ret, 0);
      if (ret.dir === '' && isAbsolute) ret.dir = '/';
      else if (ret.dir === '' && start === 0) ret.dir = '';
      return ret;
    },
    matchesGlob,
    sep: '/',
    delimiter: ':',
    win32: null,
    posix: null,
  };

  // basename of path[start:], dropping suffix when it ends the base (and is not all of it).
  function basename(path, suffix, start, isSep) {
    let end = -1;
    let matchedSlash = true;
    if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length - start) {
      if (suffix === path.slice(start)) return '';
      let extIdx = suffix.length - 1;
      let firstNonSlashEnd = -1;
      for (let i = path.length - 1; i >= start; --i) {
        const code = path.charCodeAt(i);
        if (isSep(code)) {
          if (!matchedSlash) {
            start = i + 1;
            break;
          }
        } else {
          if (firstNonSlashEnd === -1) {
            matchedSlash = false;
            firstNonSlashEnd = i + 1;
          }
          if (extIdx >= 0) {
            if (code === suffix.charCodeAt(extIdx)) {
              if (--extIdx === -1) end = i;
            } else {
              extIdx = -1;
              end = firstNonSlashEnd;
            }
          }
        }
      }
      if (start === end) end = firstNonSlashEnd;
      else if (end === -1) end = path.length;
      return path.slice(start, end);
    }
    for (let i = path.length - 1; i >= start; --i) {
      if (isSep(path.charCodeAt(i))) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
    }
    if (end === -1) return '';
    return path.slice(start, end);
  }

  function extname(path, start, isSep) {
    let startDot = -1;
    let startPart = start;
    let end = -1;
    let matchedSlash = true;
    let preDotState = 0;
    for (let i = path.length - 1; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === DOT) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    if (startDot === -1 || end === -1 || preDotState === 0 || (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
      return '';
    }
    return path.slice(startDot, end);
  }

  // parseTail fills dir, base, name and ext of ret from path[start:] (after the root).
  // startPart0 is where the last part may start at the latest: 0 for POSIX (so '/..' parses
  // as name '.' and ext '.', as Node's), the root's end for win32.
  function parseTail(path, start, isSep, ret, startPart0) {
    const rootEnd = start;
    let startDot = -1;
    let startPart = startPart0;
    let end = -1;
    let matchedSlash = true;
    let i = path.length - 1;
    let preDotState = 0;
    for (; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSep(code)) {
        if (!matchedSlash) {
          startPart = i + 1;
          break;
        }
        continue;
      }
      if (end === -1) {
        matchedSlash = false;
        end = i + 1;
      }
      if (code === DOT) {
        if (startDot === -1) startDot = i;
        else if (preDotState !== 1) preDotState = 1;
      } else if (startDot !== -1) {
        preDotState = -1;
      }
    }
    if (end !== -1) {
      const from = startPart < rootEnd ? rootEnd : startPart;
      if (startDot === -1 || preDotState === 0 || (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1)) {
        ret.base = ret.name = path.slice(from, end);
      } else {
        ret.name = path.slice(from, startDot);
        ret.base = path.slice(from, end);
        ret.ext = path.slice(startDot, end);
      }
    }
    if (startPart > rootEnd) ret.dir = path.slice(0, startPart - 1);
    else if (startPart > 0 && startPart0 === 0) ret.dir = path.slice(0, startPart - 1);
    else ret.dir = path.slice(0, rootEnd);
  }

  // ---- win32 ----------------------------------------------------------------------------------

  // winRoot measures the root of a Windows path: [rootEnd, device, isAbsolute].
  // With namespaces, \\\\?\\ and \\\\.\\ roots are the device alone (as resolve treats them).
  function winRoot(path, namespaces) {
    const len = path.length;
    let rootEnd = 0;
    let device = '';
    let isAbsolute = false;
    const code = path.charCodeAt(0);
    if (len === 1) {
      if (isWinSep(code)) return [1, '', true];
      return [0, '', false];
    }
    if (isWinSep(code)) {
      isAbsolute = true;
      if (isWinSep(path.charCodeAt(1))) {
        // UNC: \\server\share
        let j = 2;
        let last = j;
        while (j < len && !isWinSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          const firstPart = path.slice(last, j);
          last = j;
          while (j < len && isWinSep(path.charCodeAt(j))) j++;
          if (j < len && j !== last) {
            last = j;
            while (j < len && !isWinSep(path.charCodeAt(j))) j++;
            if (namespaces && (firstPart === '.' || firstPart === '?')) {
              device = `\\\\${firstPart}`;
              rootEnd = 4;
            } else if (j === len || j !== last) {
              device = `\\\\${firstPart}\\${path.slice(last, j)}`;
              rootEnd = j === len ? j : j + 1;
            }
          }
        } else {
          rootEnd = 1;
        }
      } else {
        rootEnd = 1;
      }
    } else if (isDriveLetter(code) && path.charCodeAt(1) === COLON) {
      device = path.slice(0, 2);
      rootEnd = 2;
      if (len > 2 && isWinSep(path.charCodeAt(2))) {
        isAbsolute = true;
        rootEnd = 3;
      }
    }
    return [rootEnd, device, isAbsolute];
  }

  const win32 = {
    resolve(...args) {
      let resolvedDevice = '';
      let resolvedTail = '';
      let resolvedAbsolute = false;
      for (let i = args.length - 1; i >= -1; i--) {
        let path;
        if (i >= 0) {
          path = args[i];
          validateString(path, `paths[${i}]`);
          if (path.length === 0) continue;
        } else if (resolvedDevice.length === 0) {
          path = cwd();
        } else {
          path = cwd();
          if (path === undefined || (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() && path.charCodeAt(2) === BACKSLASH)) {
            path = `${resolvedDevice}\\`;
          }
        }
        const [rootEnd, device, isAbsolute] = path.length === 0 ? [0, '', false] : winRoot(path, true);
        if (device.length > 0) {
          if (resolvedDevice.length > 0) {
            if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
          } else {
            resolvedDevice = device;
          }
        }
        if (resolvedAbsolute) {
          if (resolvedDevice.length > 0) break;
        } else {
          resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
          resolvedAbsolute = isAbsolute;
          if (isAbsolute && resolvedDevice.length > 0) break;
        }
      }
      resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, '\\', isWinSep);
      return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || '.';
    },
    normalize(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      if (len === 1) return isPosixSep(path.charCodeAt(0)) || path.charCodeAt(0) === BACKSLASH ? '\\' : path;
      const [rootEnd, device, isAbsolute] = winRoot(path);
      let tail = rootEnd < len ? normalizeString(path.slice(rootEnd), !isAbsolute, '\\', isWinSep) : '';
      if (tail.length === 0 && !isAbsolute) tail = '.';
      if (tail.length > 0 && isWinSep(path.charCodeAt(len - 1))) tail += '\\';
      // Node 20.20 (CVE-2024-36139 follow-up): a relative path with a segment ending in ':', or
      // whose result starts like a drive, could read as a drive, so it is made explicitly relative.
      if (!isAbsolute && device === '' && (/(^|[\\/])[^\\/]*:([\\/]|$)/.test(path) || /^[A-Za-z]:/.test(tail))) tail = `.\\${tail}`;
      if (device === '') return isAbsolute ? `\\${tail}` : tail;
      return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
    },
    isAbsolute(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return false;
      const code = path.charCodeAt(0);
      return isWinSep(code) || (len > 2 && isDriveLetter(code) && path.charCodeAt(1) === COLON && isWinSep(path.charCodeAt(2)));
    },
    join(...args) {
      if (args.length === 0) return '.';
      let joined;
      let firstPart;
      for (let i = 0; i < args.length; ++i) {
        const arg = args[i];
        validateString(arg, 'path');
        if (arg.length > 0) {
          if (joined === undefined) joined = firstPart = arg;
          else joined += `\\${arg}`;
        }
      }
      if (joined === undefined) return '.';
      // A first part like \\server keeps its leading double separator (a UNC root).
      let needsReplace = true;
      let slashCount = 0;
      if (isWinSep(firstPart.charCodeAt(0))) {
        ++slashCount;
        const firstLen = firstPart.length;
        if (firstLen > 1 && isWinSep(firstPart.charCodeAt(1))) {
          ++slashCount;
          if (firstLen > 2) {
            if (isWinSep(firstPart.charCodeAt(2))) ++slashCount;
            else needsReplace = false;
          }
        }
      }
      if (needsReplace) {
        while (slashCount < joined.length && isWinSep(joined.charCodeAt(slashCount))) slashCount++;
        if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
      }
      return win32.normalize(joined);
    },
    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      const fromOrig = win32.resolve(from);
      const toOrig = win32.resolve(to);
      if (fromOrig === toOrig) return '';
      from = fromOrig.toLowerCase();
      to = toOrig.toLowerCase();
      if (from === to) return '';
      let fromStart = 0;
      while (fromStart < from.length && from.charCodeAt(fromStart) === BACKSLASH) fromStart++;
      let fromEnd = from.length;
      while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === BACKSLASH) fromEnd--;
      const fromLen = fromEnd - fromStart;
      let toStart = 0;
      while (toStart < to.length && to.charCodeAt(toStart) === BACKSLASH) toStart++;
      let toEnd = to.length;
      while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === BACKSLASH) toEnd--;
      const toLen = toEnd - toStart;
      const length = fromLen < toLen ? fromLen : toLen;
      let lastCommonSep = -1;
      let i = 0;
      for (; i < length; i++) {
        const fromCode = from.charCodeAt(fromStart + i);
        if (fromCode !== to.charCodeAt(toStart + i)) break;
        else if (fromCode === BACKSLASH) lastCommonSep = i;
      }
      if (i !== length) {
        if (lastCommonSep === -1) return toOrig;
      } else {
        if (toLen > length) {
          if (to.charCodeAt(toStart + i) === BACKSLASH) return toOrig.slice(toStart + i + 1);
          if (i === 2) return toOrig.slice(toStart + i);
        }
        if (fromLen > length) {
          if (from.charCodeAt(fromStart + i) === BACKSLASH) lastCommonSep = i;
          else if (i === 2) lastCommonSep = 3;
        }
        if (lastCommonSep === -1) lastCommonSep = 0;
      }
      let out = '';
      for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
        if (i === fromEnd || from.charCodeAt(i) === BACKSLASH) out += out.length === 0 ? '..' : '\\..';
      }
      toStart += lastCommonSep;
      if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
      if (toOrig.charCodeAt(toStart) === BACKSLASH) ++toStart;
      return toOrig.slice(toStart, toEnd);
    },
    toNamespacedPath(path) {
      if (typeof path !== 'string' || path.length === 0) return path;
      const resolvedPath = win32.resolve(path);
      if (resolvedPath.length <= 2) return path;
      if (resolvedPath.charCodeAt(0) === BACKSLASH) {
        if (resolvedPath.charCodeAt(1) === BACKSLASH) {
          const code = resolvedPath.charCodeAt(2);
          if (code !== 63 && code !== DOT) return `\\\\?\\UNC\\${resolvedPath.slice(2)}`;
        }
      } else if (isDriveLetter(resolvedPath.charCodeAt(0)) && resolvedPath.charCodeAt(1) === COLON && resolvedPath.charCodeAt(2) === BACKSLASH) {
        return `\\\\?\\${resolvedPath}`;
      }
      return resolvedPath;
    },
    dirname(path) {
      validateString(path, 'path');
      const len = path.length;
      if (len === 0) return '.';
      const [rootEnd0] = winRoot(path);
      let rootEnd = -1;
      let offset = 0;
      if (len === 1) return isWinSep(path.charCodeAt(0)) ? path : '.';
      if (rootEnd0 > 0) rootEnd = offset = rootEnd0;
      if (rootEnd0 === len) return path;
      let end = -1;
      let matchedSlash = true;
      for (let i = len - 1; i >= offset; --i) {
        if (isWinSep(path.charCodeAt(i))) {
          if (!matchedSlash) {
            end = i;
            break;
          }
        } else {
          matchedSlash = false;
        }
      }
      if (end === -1) {
        if (rootEnd === -1) return '.';
        end = rootEnd;
      }
      return path.slice(0, end);
    },
    basename(path, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(path, 'path');
      let start = 0;
      if (path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === COLON) start = 2;
      return basename(path, suffix, start, isWinSep);
    },
    extname(path) {
      validateString(path, 'path');
      let start = 0;
      if (path.length >= 2 && path.charCodeAt(1) === COLON && isDriveLetter(path.charCodeAt(0))) start = 2;
      return extname(path, start, isWinSep);
    },
    format: format.bind(null, '\\'),
    parse(path) {
      validateString(path, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (path.length === 0) return ret;
      const len = path.length;
      let [rootEnd] = winRoot(path);
      if (len === 1) {
        if (isWinSep(path.charCodeAt(0))) {
          ret.root = ret.dir = path;
          return ret;
        }
        ret.base = ret.name = path;
        return ret;
      }
      if (rootEnd > 0) ret.root = path.slice(0, rootEnd);
      if (rootEnd === len) {
        ret.dir = ret.root;
        return ret;
      }
      parseTail(path, rootEnd, isWinSep, ret, rootEnd);
      if (ret.dir === '' || (rootEnd > 0 && ret.dir.length < rootEnd)) ret.dir = ret.root;
      return ret;
    },
    matchesGlob,
    sep: '\\',
    delimiter: ';',
    win32: null,
    posix: null,
  };

  for (const m of [posix, win32]) {
    m.win32 = win32;
    m.posix = posix;
    m._makeLong = m.toNamespacedPath;
  }
  return posix;
});
