// The `process` global as Node.js 20 shows it to a route handler
// (https://nodejs.org/docs/latest-v20.x/api/process.html), built once per runtime at start-up, so
// it is kept cheap: the rarely read parts (versions, release, config, stdout...) are getters that
// build their value on first read, and process becomes an EventEmitter only when it is first used
// as one (or when node:events is first required).
//
// native holds the Go side: env, cwd, pid, ppid, execPath, platform, arch, hrtime, memoryUsage,
// rss, uptime, cpuUsage, uid/gid, write (a line to the server log).
(function (host, native) {
  'use strict';

  const VERSION = 'v20.20.2';

  const proc = {};
  // process's prototype is an object named process whose prototype becomes EventEmitter.prototype
  // (as in Node); until then it carries stand-ins of the emitter methods that make it one.
  function process() {}
  const proto = process.prototype;
  Object.defineProperty(proto, Symbol.toStringTag, { value: 'process', writable: false, enumerable: false, configurable: true });
  Object.setPrototypeOf(proc, proto);

  let emitter = null;
  const upgradeKey = Symbol.for('jsroute.process.becomeEmitter');
  function becomeEmitter(EventEmitter) {
    if (emitter) return;
    emitter = EventEmitter;
    for (const m of emitterMethods) delete proto[m];
    delete proto[upgradeKey];
    Object.setPrototypeOf(proto, EventEmitter.prototype);
    EventEmitter.init.call(proc);
    // Node's own listeners: a warning is printed; others are the user's.
    proc.on('warning', printWarning);
  }
  const emitterMethods = ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener', 'off', 'removeListener', 'removeAllListeners', 'emit', 'listeners', 'rawListeners', 'listenerCount', 'eventNames', 'setMaxListeners', 'getMaxListeners'];
  for (const m of emitterMethods) {
    Object.defineProperty(proto, m, {
      value: {
        [m](...args) {
          host.require('events'); // calls becomeEmitter through upgradeKey
          return proc[m](...args);
        },
      }[m],
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(proto, upgradeKey, { value: becomeEmitter, configurable: true });

  const define = (name, value) => Object.defineProperty(proc, name, { value, writable: true, enumerable: true, configurable: true });
  // lazy defines name with a getter that builds the value on first read.
  const lazy = (name, build) =>
    Object.defineProperty(proc, name, {
      get() {
        const v = build();
        define(name, v);
        return v;
      },
      set(v) {
        define(name, v);
      },
      enumerable: true,
      configurable: true,
    });
  const refuse = (name, why) =>
    function () {
      const e = host.notSupported('process', name);
      e.message += ': ' + why;
      throw e;
    };

  define('version', VERSION);
  lazy('versions', () =>
    ({
      node: VERSION.slice(1),
      acorn: '8.15.0',
      ada: '2.9.2',
      ares: '1.34.5',
      brotli: '1.1.0',
      cjs_module_lexer: '1.4.1',
      cldr: '46.0',
      icu: '76.1',
      llhttp: '8.1.3',
      modules: '115',
      napi: '10',
      nghttp2: '1.64.0',
      openssl: '3.0.17',
      simdutf: '6.4.2',
      tz: '2025b',
      undici: '6.22.0',
      unicode: '16.0',
      uv: '1.46.0',
      uvwasi: '0.0.21',
      v8: '11.3.244.8-node.33',
      zlib: '1.3.1',
    }));
  define('arch', native.arch);
  define('platform', native.platform);
  lazy('release', () => ({
    name: 'node',
    lts: 'Iron',
    sourceUrl: `https://nodejs.org/download/release/${VERSION}/node-${VERSION}.tar.gz`,
    headersUrl: `https://nodejs.org/download/release/${VERSION}/node-${VERSION}-headers.tar.gz`,
  }));
  lazy('features', () => ({ inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true, require_module: false }));
  lazy('config', () => Object.freeze({ target_defaults: Object.freeze({}), variables: Object.freeze({}) }));
  // process.env keeps strings only: an assigned value is stored as its string, as Node's
  // (https://nodejs.org/docs/latest-v20.x/api/process.html#processenv: "implicitly convert").
  define('env', new Proxy(native.env, {
    set(target, key, value) {
      if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
      target[key] = `${value}`;
      return true;
    },
  }));
  define('title', 'jsroute');
  lazy('argv', () => [native.execPath]);
  define('execArgv', []);
  define('argv0', 'node');
  define('execPath', native.execPath);
  define('pid', native.pid);
  define('ppid', native.ppid);
  define('exitCode', undefined);
  define('debugPort', 9229);
  define('browser', false);
  define('allowedNodeEnvironmentFlags', new Set());

  define('cwd', function cwd() {
    return native.cwd;
  });
  define('umask', function umask(mask) {
    if (mask !== undefined) refuse('umask', 'changing the mask of the server')();
    return 0o22;
  });
  for (const id of ['getuid', 'geteuid', 'getgid', 'getegid']) define(id, { [id]: () => native[id] }[id]);
  define('getgroups', function getgroups() {
    return [native.getgid];
  });

  // Stopping or changing the server process is not a route's business.
  const why = 'a route handler cannot stop or change the server process';
  for (const m of ['exit', 'reallyExit', 'abort', 'kill', 'chdir', 'setuid', 'setgid', 'seteuid', 'setegid', 'setgroups', 'initgroups', 'dlopen', 'binding', '_linkedBinding', 'setSourceMapsEnabled']) {
    define(m, refuse(m, why));
  }

  function hrtime(time) {
    const [s, ns] = native.hrtime();
    if (time === undefined) return [s, ns];
    if (!Array.isArray(time)) throw host.invalidArgType('time', 'an instance of Array', time);
    if (time.length !== 2) throw host.outOfRange('time', '2', String(time.length));
    let ds = s - time[0];
    let dn = ns - time[1];
    if (dn < 0) {
      ds -= 1;
      dn += 1e9;
    }
    return [ds, dn];
  }
  hrtime.bigint = function bigint() {
    const [s, ns] = native.hrtime();
    return BigInt(s) * 1000000000n + BigInt(ns);
  };
  define('hrtime', hrtime);

  function memoryUsage() {
    return native.memoryUsage();
  }
  memoryUsage.rss = function rss() {
    return native.rss();
  };
  define('memoryUsage', memoryUsage);
  define('uptime', function uptime() {
    return native.uptime();
  });
  define('cpuUsage', function cpuUsage(prev) {
    const u = native.cpuUsage();
    if (prev !== undefined) {
      if (prev === null || typeof prev !== 'object') throw host.invalidArgType('prevValue', 'of type object', prev);
      return { user: u.user - prev.user, system: u.system - prev.system };
    }
    return u;
  });
  define('resourceUsage', function resourceUsage() {
    const u = native.cpuUsage();
    return { userCPUTime: u.user, systemCPUTime: u.system, maxRSS: Math.round(native.rss() / 1024), sharedMemorySize: 0, unsharedDataSize: 0, unsharedStackSize: 0, minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0, fsWrite: 0, ipcSent: 0, ipcReceived: 0, signalsCount: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0 };
  });
  define('constrainedMemory', function constrainedMemory() {
    return 0;
  });
  define('availableMemory', function availableMemory() {
    return native.freemem();
  });

  // nextTick: the queue lives in Go (process.go, ticks.go), which runs it once the current job
  // and its promise jobs are done, as Node does from a promise job; runTickGroup runs a run of
  // ticks that share an async context, in one call, so their own promise jobs run after all
  // of them (Node's processTicksAndRejections).
  define('nextTick', function nextTick(callback, ...args) {
    if (typeof callback !== 'function') throw host.invalidArgType('callback', 'of type function', callback);
    native.nextTick(callback, args);
  });
  // Timer callbacks run through this, so that their nextTicks run before their promise jobs.
  native.setTimerRunner(function runTimer(callback, thisArg, ...args) {
    try {
      return args.length === 0 ? callback.call(thisArg) : callback.apply(thisArg, args);
    } finally {
      native.drainTicks();
    }
  });
  native.setTickRunner(function runTickGroup(list) {
    // Ticks queued by these ticks (in the same context) join the run, before any promise job.
    for (; list.length > 0; list = native.takeTicks()) {
      for (let i = 0; i < list.length; i += 2) {
        const fn = list[i];
        const args = list[i + 1];
        try {
          args.length === 0 ? fn() : fn(...args);
        } catch (e) {
          uncaught(e, 'process.nextTick callback');
        }
      }
    }
  });
  function uncaught(e, where) {
    if (emitter && proc.listenerCount('uncaughtException') > 0) {
      proc.emit('uncaughtException', e, 'uncaughtException');
      return;
    }
    host.log('error', `uncaught exception in ${where}: ${e && e.stack ? e.stack : host.inspect(e)}`);
  }

  // emitWarning follows lib/internal/process/warning.js: the warning is emitted as a 'warning'
  // event on the next tick, and printed to the server log as Node prints it to stderr.
  function printWarning(warning) {
    if (!(warning instanceof Error)) return;
    const isDeprecation = warning.name === 'DeprecationWarning';
    if (isDeprecation && proc.noDeprecation) return;
    let msg = `(node:${proc.pid}) `;
    if (warning.code) msg += `[${warning.code}] `;
    msg += `${warning.name}: ${warning.message}`;
    if (typeof warning.detail === 'string') msg += `\n${warning.detail}`;
    host.log('warn', msg);
  }
  define('emitWarning', function emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
      ctor = type.ctor;
      code = type.code;
      if (typeof type.detail === 'string') detail = type.detail;
      type = type.type || 'Warning';
    } else if (typeof type === 'function') {
      ctor = type;
      code = undefined;
      type = 'Warning';
    }
    if (type !== undefined && typeof type !== 'string') throw host.invalidArgType('type', 'of type string', type);
    if (typeof code === 'function') {
      ctor = code;
      code = undefined;
    } else if (code !== undefined && typeof code !== 'string') {
      throw host.invalidArgType('code', 'of type string', code);
    }
    if (typeof warning === 'string') {
      warning = new Error(warning);
      warning.name = String(type || 'Warning');
      if (code !== undefined) warning.code = code;
      if (detail !== undefined) warning.detail = detail;
    } else if (!(warning instanceof Error)) {
      throw host.invalidArgType('warning', 'of type string or an instance of Error', warning);
    }
    if (warning.name === 'DeprecationWarning') {
      if (proc.noDeprecation) return;
      if (proc.throwDeprecation) throw warning;
    }
    proc.nextTick(() => {
      if (!emitter) host.require('events');
      proc.emit('warning', warning);
    });
  });

  // An unhandled rejection goes to the 'unhandledRejection' listeners when there are some (the
  // engine then does not log it), as in Node.
  native.setRejectionHook(function unhandledRejection(reason, promise) {
    if (!emitter || proc.listenerCount('unhandledRejection') === 0) return false;
    try {
      proc.emit('unhandledRejection', reason, promise);
    } catch (e) {
      uncaught(e, "an 'unhandledRejection' listener");
    }
    return true;
  });

  define('getBuiltinModule', function getBuiltinModule(id) {
    if (typeof id !== 'string') throw host.invalidArgType('id', 'of type string', id);
    if (!host.isBuiltin(id)) return undefined;
    return host.require(id);
  });

  // stdout and stderr write to the server log as console.log and console.error do, a line per
  // write (trailing newline dropped).
  function stdio(fd, level) {
    const s = {
      fd,
      isTTY: false,
      writable: true,
      write(chunk, encoding, cb) {
        if (typeof encoding === 'function') cb = encoding;
        let text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? new TextDecoder().decode(chunk) : undefined;
        if (text === undefined) throw host.invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
        if (text.endsWith('\n')) text = text.slice(0, -1);
        // The same log lines as console.log / console.error.
        const c = globalThis.console;
        if (c && typeof c[level] === 'function') c[level]('%s', text);
        else host.log(level, text);
        if (typeof cb === 'function') proc.nextTick(cb);
        return true;
      },
      end(chunk, encoding, cb) {
        if (chunk != null && typeof chunk !== 'function') s.write(chunk, encoding);
      },
      on() {
        return s;
      },
      once() {
        return s;
      },
      off() {
        return s;
      },
      removeListener() {
        return s;
      },
      emit() {
        return false;
      },
      hasColors() {
        return false;
      },
      getColorDepth() {
        return 1;
      },
    };
    return s;
  }
  lazy('stdout', () => stdio(1, 'log'));
  lazy('stderr', () => stdio(2, 'error'));
  lazy('stdin', () => {
    const no = refuse('stdin', 'the server has no standard input for route handlers');
    return { fd: 0, isTTY: false, readable: false, read: no, on: no, once: no, pipe: no, setEncoding: no, resume: no, pause: no, [Symbol.asyncIterator]: no };
  });

  define('hasUncaughtExceptionCaptureCallback', function () {
    return false;
  });
  define('setUncaughtExceptionCaptureCallback', refuse('setUncaughtExceptionCaptureCallback', 'the server handles uncaught exceptions'));

  return proc;
});
