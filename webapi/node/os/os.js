// node:os as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/os.html) for the machine the
// server runs on; native holds the Go side (uname, /proc readings, users, interfaces), constants
// the Linux values of os.constants (constants.json).
(function (host, native, constants) {
  'use strict';

  // As Node's: null prototypes throughout, nothing frozen.
  const nullProto = (o) => {
    Object.setPrototypeOf(o, null);
    for (const v of Object.values(o)) if (v !== null && typeof v === 'object') nullProto(v);
    return o;
  };
  const consts = nullProto(JSON.parse(constants));

  const os = {
    arch: () => native.arch,
    availableParallelism: () => native.numCPU,
    cpus: () => native.cpus(),
    endianness: () => 'LE',
    freemem: () => native.freemem(),
    getPriority(pid) {
      if (pid !== undefined && (typeof pid !== 'number' || !Number.isInteger(pid))) throw host.invalidArgType('pid', 'of type number', pid);
      return 0;
    },
    homedir: () => native.homedir(),
    hostname: () => native.hostname(),
    loadavg: () => native.loadavg(),
    networkInterfaces: () => native.networkInterfaces(),
    platform: () => native.platform,
    release: () => native.uname().release,
    setPriority() {
      throw host.notSupported('os', 'setPriority');
    },
    tmpdir() {
      let path = native.env('TMPDIR') || native.env('TMP') || native.env('TEMP') || '/tmp';
      if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
      return path;
    },
    totalmem: () => native.totalmem(),
    type: () => native.uname().sysname,
    userInfo(options) {
      const u = native.userInfo();
      if (options?.encoding === 'buffer' && typeof globalThis.Buffer === 'function') {
        for (const k of ['username', 'homedir', 'shell']) if (typeof u[k] === 'string') u[k] = globalThis.Buffer.from(u[k]);
      }
      return u;
    },
    uptime: () => native.uptime(),
    version: () => native.uname().version,
    machine: () => native.uname().machine,
  };
  for (const k of ['arch', 'availableParallelism', 'cpus', 'endianness', 'freemem', 'homedir', 'hostname', 'loadavg', 'networkInterfaces', 'platform', 'release', 'tmpdir', 'totalmem', 'type', 'uptime', 'version', 'machine']) {
    const f = os[k];
    os[k] = { [k]() { return f(); } }[k];
  }
  // Node's os functions that return a fixed string convert to it (os.EOL aside): `${os.tmpdir}`.
  for (const k of ['arch', 'endianness', 'homedir', 'hostname', 'platform', 'release', 'tmpdir', 'type', 'version', 'machine', 'totalmem', 'freemem', 'uptime', 'availableParallelism']) {
    const f = os[k];
    f[Symbol.toPrimitive] = () => f();
  }
  Object.defineProperties(os, {
    constants: { configurable: false, enumerable: true, value: consts },
    EOL: { configurable: true, enumerable: true, writable: false, value: '\n' },
    devNull: { configurable: true, enumerable: true, writable: false, value: '/dev/null' },
  });
  return os;
});
