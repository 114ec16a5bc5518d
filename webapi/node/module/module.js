// node:module as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/module.html) for a bundled
// app: everything the app imports is already in the bundle, so a require made at run time
// (createRequire, Module._load) can only give Node built-ins; any other specifier is an Error
// with code MODULE_NOT_FOUND that names it and says why.
(function (host) {
  'use strict';

  const builtinModules = host.builtinModules();

  function notFound(id) {
    const e = new Error(`Cannot find module '${id}': jsroute bundles the app at build time, so a require made at run time can only load Node built-ins`);
    e.code = 'MODULE_NOT_FOUND';
    e.requireStack = [];
    return e;
  }
  function validateId(id) {
    if (typeof id !== 'string') throw host.invalidArgType('id', 'of type string', id);
    if (id === '') throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
  function load(id) {
    validateId(id);
    if (host.isBuiltin(id)) return host.require(id);
    throw notFound(id);
  }

  function makeRequire(filename) {
    function require(id) {
      return load(id);
    }
    require.resolve = function resolve(request) {
      validateId(request);
      if (host.isBuiltin(request)) return request;
      throw notFound(request);
    };
    require.resolve.paths = function paths(request) {
      return host.isBuiltin(request) ? null : Module._nodeModulePaths(filename ? dirname(filename) : '/');
    };
    require.main = undefined;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return require;
  }

  const dirname = (p) => {
    const i = p.lastIndexOf('/');
    return i <= 0 ? '/' : p.slice(0, i);
  };

  function createRequire(filename) {
    let path = filename;
    if (filename instanceof URL || (typeof filename === 'string' && filename.startsWith('file:'))) {
      path = decodeURIComponent(new URL(filename).pathname);
    } else if (typeof filename !== 'string' || !filename.startsWith('/')) {
      throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${host.inspect(filename)}`);
    }
    return makeRequire(path);
  }

  function Module(id = '', parent) {
    this.id = id;
    this.path = dirname(id) || '.';
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    this.parent = parent;
  }
  Module.prototype.require = function (id) {
    return load(id);
  };
  Module.prototype._compile = function () {
    throw host.notSupported('module', 'Module.prototype._compile');
  };
  Module.prototype.load = function () {
    throw host.notSupported('module', 'Module.prototype.load');
  };

  const notSupported = (name) =>
    function () {
      throw host.notSupported('module', name);
    };
  Object.assign(Module, {
    _cache: { __proto__: null },
    _pathCache: { __proto__: null },
    _extensions: { __proto__: null, '.js'() {}, '.json'() {}, '.node'() {} },
    globalPaths: [],
    _debug() {},
    isBuiltin: (id) => host.isBuiltin(id),
    _findPath: () => false,
    _nodeModulePaths(from) {
      const parts = String(from).split('/').filter(Boolean);
      const out = [];
      for (let i = parts.length; i >= 0; i--) {
        if (parts[i - 1] === 'node_modules') continue;
        out.push('/' + [...parts.slice(0, i), 'node_modules'].join('/'));
      }
      return out;
    },
    _resolveLookupPaths: (request) => (host.isBuiltin(request) ? null : []),
    _load: (request) => load(request),
    _resolveFilename(request) {
      if (host.isBuiltin(request)) return request;
      throw notFound(request);
    },
    createRequire,
    _initPaths() {},
    _preloadModules() {},
    syncBuiltinESMExports() {},
    Module,
    builtinModules,
    runMain: notSupported('runMain'),
    findSourceMap: () => undefined,
    register: notSupported('register'),
    SourceMap: notSupported('SourceMap'),
    wrap: (script) => `(function (exports, require, module, __filename, __dirname) { ${script}\n});`,
    wrapper: ['(function (exports, require, module, __filename, __dirname) { ', '\n});'],
  });
  return Module;
});
