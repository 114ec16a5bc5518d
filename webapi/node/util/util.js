// node:util as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/util.html). format and inspect
// are the console's (webapi/console, Node's algorithm in Go); the rest is here.
(function (host) {
  'use strict';

  const { isDeepStrictEqual } = host.require('internal/util/comparisons');
  const kind = host.kind;
  const tagOf = (v) => Object.prototype.toString.call(v);

  const validateFunction = (v, name) => {
    if (typeof v !== 'function') throw host.invalidArgType(name, 'of type function', v);
  };
  const validateString = (v, name) => {
    if (typeof v !== 'string') throw host.invalidArgType(name, 'of type string', v);
  };
  const validateObject = (v, name) => {
    if (v === null || typeof v !== 'object') throw host.invalidArgType(name, 'of type object', v);
  };

  // ---- inspect ------------------------------------------------------------------------------
  const inspectDefaults = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };
  function inspect(value, opts) {
    const o = { ...inspectDefaults };
    if (typeof opts === 'boolean') {
      // legacy inspect(value, showHidden, depth, colors)
      o.showHidden = opts;
      if (arguments.length >= 3 && arguments[2] !== undefined) o.depth = arguments[2];
    } else if (opts !== null && typeof opts === 'object') {
      for (const k of Object.keys(opts)) o[k] = opts[k];
    }
    return host.inspect(value, o);
  }
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  host.setInspect(inspect); // the third argument of custom inspect methods
  Object.defineProperty(inspect, 'custom', { value: customInspect, enumerable: true, writable: false, configurable: false });
  Object.defineProperty(inspect, 'defaultOptions', {
    get() {
      return inspectDefaults;
    },
    set(options) {
      validateObject(options, 'options');
      Object.assign(inspectDefaults, options);
    },
  });
  const colors = {
    __proto__: null,
    reset: [0, 0],
    bold: [1, 22],
    dim: [2, 22],
    italic: [3, 23],
    underline: [4, 24],
    blink: [5, 25],
    inverse: [7, 27],
    hidden: [8, 28],
    strikethrough: [9, 29],
    doubleunderline: [21, 24],
    black: [30, 39],
    red: [31, 39],
    green: [32, 39],
    yellow: [33, 39],
    blue: [34, 39],
    magenta: [35, 39],
    cyan: [36, 39],
    white: [37, 39],
    bgBlack: [40, 49],
    bgRed: [41, 49],
    bgGreen: [42, 49],
    bgYellow: [43, 49],
    bgBlue: [44, 49],
    bgMagenta: [45, 49],
    bgCyan: [46, 49],
    bgWhite: [47, 49],
    framed: [51, 54],
    overlined: [53, 55],
    gray: [90, 39],
    redBright: [91, 39],
    greenBright: [92, 39],
    yellowBright: [93, 39],
    blueBright: [94, 39],
    magentaBright: [95, 39],
    cyanBright: [96, 39],
    whiteBright: [97, 39],
    bgGray: [100, 49],
    bgRedBright: [101, 49],
    bgGreenBright: [102, 49],
    bgYellowBright: [103, 49],
    bgBlueBright: [104, 49],
    bgMagentaBright: [105, 49],
    bgCyanBright: [106, 49],
    bgWhiteBright: [107, 49],
  };
  // Node's aliases, non-enumerable.
  for (const [alias, name] of [
    ['grey', 'gray'],
    ['blackBright', 'gray'],
    ['bgGrey', 'bgGray'],
    ['bgBlackBright', 'bgGray'],
    ['dim', 'faint'],
    ['strikethrough', 'crossedout'],
    ['strikethrough', 'strikeThrough'],
    ['strikethrough', 'crossedOut'],
    ['hidden', 'conceal'],
    ['inverse', 'swapColors'],
    ['inverse', 'swapcolors'],
    ['doubleunderline', 'doubleUnderline'],
  ]) {
    const [from, to] = colors[alias] ? [alias, name] : [name, alias];
    if (!(to in colors)) Object.defineProperty(colors, to, { get: () => colors[from], set: (v) => (colors[from] = v), configurable: true, enumerable: false });
  }
  inspect.colors = colors;
  inspect.styles = Object.assign({ __proto__: null }, { special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline' });

  function format(...args) {
    return host.format(...args);
  }
  function formatWithOptions(inspectOptions, ...args) {
    validateObject(inspectOptions, 'inspectOptions');
    return host.formatWith(inspectOptions, ...args);
  }

  // ---- styleText ----------------------------------------------------------------------------
  // With a single format Node 20.20 checks the stream (process.stdout), which is never a TTY
  // here, so the text comes back unstyled; an array of formats is always applied.
  function styleText(format, text) {
    validateString(text, 'text');
    const formats = Array.isArray(format) ? format : [format];
    for (const f of formats) {
      if (!Object.prototype.hasOwnProperty.call(colors, f) || Object.getOwnPropertyDescriptor(colors, f).enumerable === false) {
        const names = Object.keys(colors).map((n) => `'${n}'`).join(', ');
        throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'format' must be one of: ${names}. Received ${host.inspect(f)}`);
      }
    }
    if (!Array.isArray(format)) return text;
    let left = '';
    let right = '';
    for (const f of formats) {
      const [a, b] = colors[f];
      left += `\u001b[${a}m`;
      right = `\u001b[${b}m${right}`;
    }
    return `${left}${text}${right}`;
  }

  // Node's ansi regex (lib/internal/util/inspect.js), for stripVTControlCharacters.
  const ansi = new RegExp(
    '[\\u001B\\u009B][[\\]()#;?]*' +
      '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*' +
      '|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
      '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
      '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?' +
      '[\\dA-PR-TZcf-ntqry=><~]))',
    'g',
  );
  function stripVTControlCharacters(str) {
    validateString(str, 'str');
    return str.replace(ansi, '');
  }

  // toUSVString replaces lone surrogates with U+FFFD.
  function toUSVString(input) {
    const s = `${input}`;
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out += s[i] + s[i + 1];
          i++;
          continue;
        }
      }
      out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
    }
    return out;
  }

  // ---- promisify / callbackify ---------------------------------------------------------------
  const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
  const kCustomPromisifyArgs = Symbol('customPromisifyArgs');
  function promisify(original) {
    validateFunction(original, 'original');
    if (original[kCustomPromisify]) {
      const fn = original[kCustomPromisify];
      validateFunction(fn, 'util.promisify.custom');
      return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    const argumentNames = original[kCustomPromisifyArgs];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        args.push((err, ...values) => {
          if (err) return reject(err);
          if (argumentNames !== undefined && values.length > 1) {
            const obj = {};
            for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
            resolve(obj);
          } else {
            resolve(values[0]);
          }
        });
        Reflect.apply(original, this, args);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    const descriptors = Object.getOwnPropertyDescriptors(original);
    for (const k of Reflect.ownKeys(descriptors)) {
      if (k === 'length' || k === 'name' || k === 'prototype') continue;
      try {
        Object.defineProperty(fn, k, descriptors[k]);
      } catch {
        // non-configurable on fn
      }
    }
    return fn;
  }
  Object.defineProperty(promisify, 'custom', { value: kCustomPromisify, enumerable: true, writable: false, configurable: false });

  function callbackifyOnRejected(reason, cb) {
    if (!reason) {
      const e = host.nodeError('Error', 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
      e.reason = reason;
      reason = e;
    }
    return cb(reason);
  }
  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const maybeCb = args.pop();
      validateFunction(maybeCb, 'last argument');
      const cb = maybeCb.bind(this);
      Reflect.apply(original, this, args).then(
        (ret) => process.nextTick(cb, null, ret),
        (rej) => process.nextTick(callbackifyOnRejected, rej, cb),
      );
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    const propertiesValues = Object.values(descriptors);
    for (let i = 0; i < propertiesValues.length; i++) Object.setPrototypeOf(propertiesValues[i], null);
    Object.defineProperties(callbackified, descriptors);
    return callbackified;
  }

  // ---- deprecate / inherits / debuglog -------------------------------------------------------
  const codesWarned = new Set();
  function deprecate(fn, msg, code) {
    validateFunction(fn, 'fn');
    if (code !== undefined) validateString(code, 'code');
    if (globalThis.process?.noDeprecation === true) return fn;
    let warned = false;
    function deprecated(...args) {
      if (!warned && !globalThis.process?.noDeprecation) {
        warned = true;
        if (code !== undefined) {
          if (!codesWarned.has(code)) {
            process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
            codesWarned.add(code);
          }
        } else {
          process.emitWarning(msg, 'DeprecationWarning', deprecated);
        }
      }
      if (new.target) return Reflect.construct(fn, args, new.target);
      return Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw host.invalidArgType('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw host.invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw host.invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  // debuglog: NODE_DEBUG is not read; every section is disabled, as in a server started without it.
  function debuglog(section, cb) {
    function logger() {}
    Object.defineProperty(logger, 'enabled', { get: () => false, configurable: true, enumerable: true });
    return logger;
  }

  function log(...args) {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const time = `${d.getDate()} ${months[d.getMonth()]} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    console.log('%s - %s', time, format(...args));
  }

  function _extend(target, source) {
    if (source === null || typeof source !== 'object') return target;
    const keys = Object.keys(source);
    let i = keys.length;
    while (i--) target[keys[i]] = source[keys[i]];
    return target;
  }

  // ---- aborted / transferable ----------------------------------------------------------------
  async function aborted(signal, resource) {
    if (signal === undefined || signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw host.invalidArgType('signal', 'an instance of AbortSignal', signal);
    }
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
      throw host.invalidArgType('resource', 'of type object', resource);
    }
    if (signal.aborted) return;
    // The resource is held strongly (no WeakRef-based cleanup): the promise settles on abort.
    return new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }
  const transferableAbortSignal = (signal) => signal;
  const transferableAbortController = () => new AbortController();

  // ---- system errors -------------------------------------------------------------------------
  const errnos = [
    [-7, 'E2BIG', 'argument list too long'],
    [-13, 'EACCES', 'permission denied'],
    [-98, 'EADDRINUSE', 'address already in use'],
    [-99, 'EADDRNOTAVAIL', 'address not available'],
    [-11, 'EAGAIN', 'resource temporarily unavailable'],
    [-9, 'EBADF', 'bad file descriptor'],
    [-16, 'EBUSY', 'resource busy or locked'],
    [-125, 'ECANCELED', 'operation canceled'],
    [-103, 'ECONNABORTED', 'software caused connection abort'],
    [-111, 'ECONNREFUSED', 'connection refused'],
    [-104, 'ECONNRESET', 'connection reset by peer'],
    [-17, 'EEXIST', 'file already exists'],
    [-14, 'EFAULT', 'bad address in system call argument'],
    [-27, 'EFBIG', 'file too large'],
    [-113, 'EHOSTUNREACH', 'host is unreachable'],
    [-4, 'EINTR', 'interrupted system call'],
    [-22, 'EINVAL', 'invalid argument'],
    [-5, 'EIO', 'i/o error'],
    [-106, 'EISCONN', 'socket is already connected'],
    [-21, 'EISDIR', 'illegal operation on a directory'],
    [-40, 'ELOOP', 'too many symbolic links encountered'],
    [-24, 'EMFILE', 'too many open files'],
    [-90, 'EMSGSIZE', 'message too long'],
    [-36, 'ENAMETOOLONG', 'name too long'],
    [-100, 'ENETDOWN', 'network is down'],
    [-101, 'ENETUNREACH', 'network is unreachable'],
    [-23, 'ENFILE', 'file table overflow'],
    [-105, 'ENOBUFS', 'no buffer space available'],
    [-19, 'ENODEV', 'no such device'],
    [-2, 'ENOENT', 'no such file or directory'],
    [-12, 'ENOMEM', 'not enough memory'],
    [-28, 'ENOSPC', 'no space left on device'],
    [-38, 'ENOSYS', 'function not implemented'],
    [-107, 'ENOTCONN', 'socket is not connected'],
    [-20, 'ENOTDIR', 'not a directory'],
    [-39, 'ENOTEMPTY', 'directory not empty'],
    [-88, 'ENOTSOCK', 'socket operation on non-socket'],
    [-95, 'ENOTSUP', 'operation not supported on socket'],
    [-1, 'EPERM', 'operation not permitted'],
    [-32, 'EPIPE', 'broken pipe'],
    [-71, 'EPROTO', 'protocol error'],
    [-30, 'EROFS', 'read-only file system'],
    [-29, 'ESPIPE', 'invalid seek'],
    [-3, 'ESRCH', 'no such process'],
    [-110, 'ETIMEDOUT', 'connection timed out'],
    [-26, 'ETXTBSY', 'text file is busy'],
    [-18, 'EXDEV', 'cross-device link not permitted'],
    [-4095, 'EOF', 'end of file'],
  ];
  function getSystemErrorName(err) {
    if (typeof err !== 'number') throw host.invalidArgType('err', 'of type number', err);
    if (err >= 0 || !Number.isSafeInteger(err)) throw host.outOfRange('err', 'a negative integer', String(err));
    const e = errnos.find((x) => x[0] === err);
    return e ? e[1] : `Unknown system error ${err}`;
  }
  function getSystemErrorMap() {
    return new Map(errnos.map(([n, name, msg]) => [n, [name, msg]]));
  }

  // ---- parseArgs ----------------------------------------------------------------------------
  function parseArgs(config = {}) {
    validateObject(config, 'config');
    const args = config.args ?? (globalThis.process?.argv ?? []).slice(2);
    const strict = config.strict ?? true;
    const allowPositionals = config.allowPositionals ?? !strict;
    const returnTokens = config.tokens ?? false;
    const allowNegative = config.allowNegative ?? false;
    const options = config.options ?? { __proto__: null };
    if (!Array.isArray(args)) throw host.invalidArgType('args', 'an instance of Array', args);
    validateObject(options, 'options');
    for (const [name, o] of Object.entries(options)) {
      validateObject(o, `options.${name}`);
      if (o.type !== 'string' && o.type !== 'boolean') {
        throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.${name}.type' must be one of: 'string', 'boolean'. Received ${host.inspect(o.type)}`);
      }
      if (o.short !== undefined) {
        validateString(o.short, `options.${name}.short`);
        if (o.short.length !== 1) {
          throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', `The property 'options.${name}.short' must be a single character. Received ${host.inspect(o.short)}`);
        }
      }
    }
    const values = { __proto__: null };
    const positionals = [];
    const tokens = [];
    const shortToLong = (c) => {
      for (const [name, o] of Object.entries(options)) if (o.short === c) return name;
      return c;
    };
    const optionError = (code, msg) => host.nodeError('TypeError', code, msg);
    const store = (name, value, token) => {
      const o = options[name];
      if (strict) {
        if (o === undefined) {
          const shown = token.rawName;
          throw optionError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${shown}'${allowPositionals ? ". To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"" + shown + '"' : ''}`);
        }
        const short = o.short ? `-${o.short}, ` : '';
        if (o.type === 'string' && typeof value !== 'string') {
          throw optionError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${short}--${name} <value>' argument missing`);
        }
        if (o.type === 'boolean' && value !== undefined) {
          throw optionError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${short}--${name}' does not take an argument`);
        }
      }
      const v = value === undefined ? true : value;
      if (o?.multiple) {
        if (values[name] === undefined) values[name] = [];
        values[name].push(v);
      } else {
        values[name] = v;
      }
    };
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      validateString(arg, `args[${i}]`);
      if (arg === '--') {
        tokens.push({ kind: 'option-terminator', index: i });
        for (let j = i + 1; j < args.length; j++) {
          positionals.push(args[j]);
          tokens.push({ kind: 'positional', index: j, value: args[j] });
        }
        break;
      }
      if (arg.length > 1 && arg[0] === '-' && arg[1] !== '-') {
        // short option(s)
        const c0 = arg[1];
        const name0 = shortToLong(c0);
        if (arg.length === 2) {
          let value;
          let inlineValue;
          if (options[name0]?.type === 'string' && i + 1 < args.length && !(args[i + 1].startsWith('-') && strict && false)) {
            value = args[++i];
            inlineValue = false;
          }
          const token = { kind: 'option', name: name0, rawName: arg, index: value === undefined ? i : i - 1, value, inlineValue };
          tokens.push(token);
          store(name0, value, token);
          continue;
        }
        if (options[name0]?.type === 'string') {
          const token = { kind: 'option', name: name0, rawName: `-${c0}`, index: i, value: arg.slice(2), inlineValue: true };
          tokens.push(token);
          store(name0, arg.slice(2), token);
          continue;
        }
        // a group -abc: booleans, until a string option takes the rest (or the next argument)
        for (let j = 1; j < arg.length; j++) {
          const c = arg[j];
          const name = shortToLong(c);
          if (options[name]?.type === 'string') {
            let value;
            let inline;
            if (j < arg.length - 1) {
              value = arg.slice(j + 1);
              inline = true;
            } else if (i + 1 < args.length) {
              value = args[++i];
              inline = false;
            }
            const token = { kind: 'option', name, rawName: `-${c}`, index: inline === false ? i - 1 : i, value, inlineValue: inline };
            tokens.push(token);
            store(name, value, token);
            break;
          } else {
            const token = { kind: 'option', name, rawName: `-${c}`, index: i, value: undefined, inlineValue: undefined };
            tokens.push(token);
            store(name, undefined, token);
          }
        }
        continue;
      }
      if (arg.startsWith('--') && arg.length > 2) {
        const eq = arg.indexOf('=');
        if (eq !== -1) {
          const name = arg.slice(2, eq);
          const value = arg.slice(eq + 1);
          const token = { kind: 'option', name, rawName: `--${name}`, index: i, value, inlineValue: true };
          tokens.push(token);
          store(name, value, token);
          continue;
        }
        let name = arg.slice(2);
        if (allowNegative && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') {
          const token = { kind: 'option', name: name.slice(3), rawName: arg, index: i, value: undefined, inlineValue: undefined };
          tokens.push(token);
          values[name.slice(3)] = false;
          continue;
        }
        let value;
        if (options[name]?.type === 'string' && i + 1 < args.length) value = args[++i];
        const token = { kind: 'option', name, rawName: arg, index: value === undefined ? i : i - 1, value, inlineValue: value === undefined ? undefined : false };
        tokens.push(token);
        store(name, value, token);
        continue;
      }
      if (strict && !allowPositionals) {
        throw optionError('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', `Unexpected argument '${arg}'. This command does not take positional arguments`);
      }
      positionals.push(arg);
      tokens.push({ kind: 'positional', index: i, value: arg });
    }
    for (const [name, o] of Object.entries(options)) {
      if (o.default !== undefined && values[name] === undefined) values[name] = o.default;
    }
    const result = { values, positionals };
    if (returnTokens) result.tokens = tokens;
    return result;
  }

  // parseEnv parses dotenv text (Node 20.12+): KEY=value lines, # comments, quoted values.
  function parseEnv(content) {
    validateString(content, 'content');
    const out = {};
    const re = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`|[^#\r\n]*)?\s*(?:#.*)?$/gm;
    let m;
    while ((m = re.exec(content)) !== null) {
      let v = (m[2] ?? '').trim();
      const q = v[0];
      if ((q === '"' || q === "'" || q === '`') && v.endsWith(q)) {
        v = v.slice(1, -1);
        if (q === '"') v = v.replace(/\\n/g, '\n');
      }
      out[m[1]] = v;
    }
    return out;
  }

  // ---- types --------------------------------------------------------------------------------
  const typed = (name) => (v) => kind(v) === 'TypedArray' && tagOf(v) === `[object ${name}]`;
  const types = {
    isExternal: () => false,
    isDate: (v) => kind(v) === 'Date',
    isArgumentsObject: (v) => kind(v) === 'Arguments',
    isBigIntObject: (v) => kind(v) === 'BigInt',
    isBooleanObject: (v) => kind(v) === 'Boolean',
    isNumberObject: (v) => kind(v) === 'Number',
    isStringObject: (v) => kind(v) === 'String',
    isSymbolObject: (v) => kind(v) === 'Symbol',
    isNativeError: (v) => host.nativeError(v),
    isRegExp: (v) => kind(v) === 'RegExp',
    isAsyncFunction: (v) => typeof v === 'function' && (tagOf(v) === '[object AsyncFunction]' || tagOf(v) === '[object AsyncGeneratorFunction]'),
    isGeneratorFunction: (v) => typeof v === 'function' && (tagOf(v) === '[object GeneratorFunction]' || tagOf(v) === '[object AsyncGeneratorFunction]'),
    isGeneratorObject: (v) => kind(v) === 'Object' && (tagOf(v) === '[object Generator]' || tagOf(v) === '[object AsyncGenerator]'),
    isPromise: (v) => kind(v) === 'Promise',
    isMap: (v) => kind(v) === 'Map',
    isSet: (v) => kind(v) === 'Set',
    isMapIterator: (v) => kind(v) === 'Object' && tagOf(v) === '[object Map Iterator]',
    isSetIterator: (v) => kind(v) === 'Object' && tagOf(v) === '[object Set Iterator]',
    isWeakMap: (v) => kind(v) === 'WeakMap',
    isWeakSet: (v) => kind(v) === 'WeakSet',
    isArrayBuffer: (v) => kind(v) === 'ArrayBuffer',
    isDataView: (v) => kind(v) === 'DataView',
    isSharedArrayBuffer: (v) => typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer,
    isProxy: (v) => kind(v) === 'Proxy',
    isModuleNamespaceObject: (v) => v !== null && typeof v === 'object' && tagOf(v) === '[object Module]' && Object.getPrototypeOf(v) === null && Object.isSealed(v),
    isAnyArrayBuffer: (v) => kind(v) === 'ArrayBuffer' || types.isSharedArrayBuffer(v),
    isBoxedPrimitive: (v) => ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(kind(v)),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isTypedArray: (v) => kind(v) === 'TypedArray',
    isUint8Array: typed('Uint8Array'),
    isUint8ClampedArray: typed('Uint8ClampedArray'),
    isUint16Array: typed('Uint16Array'),
    isUint32Array: typed('Uint32Array'),
    isInt8Array: typed('Int8Array'),
    isInt16Array: typed('Int16Array'),
    isInt32Array: typed('Int32Array'),
    isFloat32Array: typed('Float32Array'),
    isFloat64Array: typed('Float64Array'),
    isBigInt64Array: typed('BigInt64Array'),
    isBigUint64Array: typed('BigUint64Array'),
    isKeyObject: (v) => v !== null && typeof v === 'object' && typeof v.asymmetricKeyType !== 'undefined' && typeof v.export === 'function' && typeof v.equals === 'function',
    isCryptoKey: (v) => typeof CryptoKey === 'function' && v instanceof CryptoKey,
  };
  for (const k of Object.keys(types)) Object.defineProperty(types[k], 'name', { value: k });

  // ---- MIMEType -----------------------------------------------------------------------------
  const MIMEType = function MIMEType() {
    throw host.notSupported('util', 'MIMEType');
  };
  const MIMEParams = function MIMEParams() {
    throw host.notSupported('util', 'MIMEParams');
  };

  const util = {
    _errnoException: function _errnoException(err, syscall, original) {
      const name = getSystemErrorName(err);
      const e = new Error(original ? `${syscall} ${name} ${original}` : `${syscall} ${name}`);
      e.errno = err;
      e.code = name;
      e.syscall = syscall;
      return e;
    },
    _exceptionWithHostPort: function _exceptionWithHostPort(err, syscall, address, port) {
      const name = getSystemErrorName(err);
      const e = new Error(`${syscall} ${name} ${address}${port ? ':' + port : ''}`);
      Object.assign(e, { errno: err, code: name, syscall, address });
      if (port) e.port = port;
      return e;
    },
    _extend: deprecate(_extend, 'The `util._extend` API is deprecated. Please use Object.assign() instead.', 'DEP0060'),
    callbackify,
    debug: debuglog,
    debuglog,
    deprecate,
    format,
    styleText,
    formatWithOptions,
    getSystemErrorMap,
    getSystemErrorName,
    inherits,
    inspect,
    isArray: deprecate(Array.isArray, 'The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.', 'DEP0044'),
    isBoolean: deprecate((v) => typeof v === 'boolean', 'The `util.isBoolean` API is deprecated. Please use `typeof arg === "boolean"` instead.', 'DEP0045'),
    isBuffer: deprecate((v) => typeof globalThis.Buffer === 'function' && globalThis.Buffer.isBuffer(v), 'The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` instead.', 'DEP0046'),
    isDeepStrictEqual,
    isNull: deprecate((v) => v === null, 'The `util.isNull` API is deprecated. Please use `arg === null` instead.', 'DEP0050'),
    isNullOrUndefined: deprecate((v) => v === null || v === undefined, 'The `util.isNullOrUndefined` API is deprecated. Please use `arg === null || arg === undefined` instead.', 'DEP0051'),
    isNumber: deprecate((v) => typeof v === 'number', 'The `util.isNumber` API is deprecated. Please use `typeof arg === "number"` instead.', 'DEP0052'),
    isString: deprecate((v) => typeof v === 'string', 'The `util.isString` API is deprecated. Please use `typeof arg === "string"` instead.', 'DEP0056'),
    isSymbol: deprecate((v) => typeof v === 'symbol', 'The `util.isSymbol` API is deprecated. Please use `arg === "symbol"` instead.', 'DEP0057'),
    isUndefined: deprecate((v) => v === undefined, 'The `util.isUndefined` API is deprecated. Please use `arg === undefined` instead.', 'DEP0058'),
    isRegExp: deprecate(types.isRegExp, 'The `util.isRegExp` API is deprecated. Please use `arg instanceof RegExp` instead.', 'DEP0055'),
    isObject: deprecate((v) => v !== null && typeof v === 'object', 'The `util.isObject` API is deprecated. Please use `arg !== null && typeof arg === "object"` instead.', 'DEP0053'),
    isDate: deprecate(types.isDate, 'The `util.isDate` API is deprecated. Please use `arg instanceof Date` instead.', 'DEP0047'),
    isError: deprecate((v) => host.nativeError(v) || v instanceof Error, 'The `util.isError` API is deprecated. Please use `ObjectPrototypeToString(e) === "[object Error]" || e instanceof Error` instead.', 'DEP0048'),
    isFunction: deprecate((v) => typeof v === 'function', 'The `util.isFunction` API is deprecated. Please use `typeof arg === "function"` instead.', 'DEP0049'),
    isPrimitive: deprecate((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'), 'The `util.isPrimitive` API is deprecated. Please use `arg === null || (typeof arg !== "object" && typeof arg !== "function")` instead.', 'DEP0054'),
    log: deprecate(log, 'The `util.log API is deprecated. Please use console.log() with a custom formatter or a third-party logger instead.', 'DEP0059'),
    promisify,
    stripVTControlCharacters,
    toUSVString,
    transferableAbortSignal,
    transferableAbortController,
    aborted,
    types,
    parseEnv,
    parseArgs,
  };
  for (const k of ['TextDecoder', 'TextEncoder']) {
    Object.defineProperty(util, k, { get: () => globalThis[k], enumerable: true, configurable: true });
  }
  Object.defineProperty(util, 'MIMEType', { value: MIMEType, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(util, 'MIMEParams', { value: MIMEParams, enumerable: true, writable: true, configurable: true });
  return util;
});
