// node:async_hooks — AsyncLocalStorage and AsyncResource over jsroute's tracked async context
// (webapi/asyncframe.go); the behaviour follows Node 20's lib/async_hooks.js as documented in
// https://nodejs.org/docs/latest-v20.x/api/async_context.html and
// https://nodejs.org/docs/latest-v20.x/api/async_hooks.html.
//
// binding: getStore(key), setStore(key, value), capture() → handle, runIn(handle, thunk), nextId(), warnHooks(); plus jsmodule's error, received.
const { getStore, setStore, capture, runIn, nextId, warnHooks, error, received } = binding;

const argType = (name, type, value) =>
  error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type ${type}. Received ${received(value)}`);
const validateFunction = (fn, name) => { if (typeof fn !== 'function') throw argType(name, 'function', fn); };

const kAsyncId = Symbol('asyncId');
const kTriggerAsyncId = Symbol('triggerAsyncId');
const kContext = Symbol('context');
const define = (o, props) => {
  for (const k of Object.keys(props)) Object.defineProperty(o, k, { value: props[k], writable: true, configurable: true, enumerable: false });
};

// executionAsyncId is 1 at the top level in Node; inside a callback it is the callback's
// resource id. jsroute numbers contexts only for AsyncResource, so outside one it answers 1.
let currentAsyncId = 1;
let currentTriggerId = 0;

class AsyncResource {
  constructor(type, opts = {}) {
    if (typeof type !== 'string') throw argType('type', 'string', type);
    let triggerAsyncId = opts;
    if (typeof opts !== 'number') triggerAsyncId = opts === null || opts.triggerAsyncId === undefined ? currentAsyncId : opts.triggerAsyncId;
    if (!Number.isSafeInteger(triggerAsyncId) || triggerAsyncId < -1) {
      throw error('RangeError', 'ERR_INVALID_ASYNC_ID', `Invalid triggerAsyncId value: ${triggerAsyncId}`);
    }
    this[kAsyncId] = nextId();
    this[kTriggerAsyncId] = triggerAsyncId;
    this[kContext] = capture();
  }
  runInAsyncScope(fn, thisArg, ...args) {
    const prevId = currentAsyncId, prevTrigger = currentTriggerId;
    currentAsyncId = this[kAsyncId];
    currentTriggerId = this[kTriggerAsyncId];
    try {
      return runIn(this[kContext], () => Reflect.apply(fn, thisArg, args));
    } finally {
      currentAsyncId = prevId;
      currentTriggerId = prevTrigger;
    }
  }
  emitDestroy() { return this; }
  asyncId() { return this[kAsyncId]; }
  triggerAsyncId() { return this[kTriggerAsyncId]; }
  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    let bound;
    if (thisArg === undefined) {
      const resource = this;
      bound = function (...args) {
        return resource.runInAsyncScope(fn, this, ...args);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg);
    }
    let self = this;
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: { configurable: true, enumerable: true, get() { return self; }, set(v) { self = v; } },
    });
    return bound;
  }
  static bind(fn, type, thisArg) {
    type = type || fn.name;
    return (new AsyncResource(type || 'bound-anonymous-fn')).bind(fn, thisArg);
  }
}

class AsyncLocalStorage {
  constructor() {
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
  }
  static bind(fn) { return AsyncResource.bind(fn); }
  static snapshot() {
    return AsyncLocalStorage.bind((cb, ...args) => cb(...args));
  }
  disable() { this.enabled = false; }
  _enable() { this.enabled = true; }
  _propagate() {}
  enterWith(store) {
    this._enable();
    setStore(this, store);
  }
  run(store, callback, ...args) {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const old = getStore(this);
    setStore(this, store);
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      setStore(this, old);
    }
  }
  exit(callback, ...args) {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    // Node 20 disables the storage for the callback's synchronous part only.
    this.enabled = false;
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      this._enable();
    }
  }
  getStore() {
    if (this.enabled) return getStore(this);
  }
}

const ASYNC_CALLBACKS = ['init', 'before', 'after', 'destroy', 'promiseResolve'];
class AsyncHook {
  constructor(callbacks) {
    for (const name of ASYNC_CALLBACKS) {
      const fn = callbacks[name];
      if (fn !== undefined && typeof fn !== 'function') throw error('TypeError', 'ERR_ASYNC_CALLBACK', `hook.${name} must be a function`);
    }
  }
  // jsroute has no async resource lifecycle events: enabling a hook warns once (naming the
  // feature) and its callbacks are never called. AsyncLocalStorage works without hooks.
  enable() { warnHooks(); return this; }
  disable() { return this; }
}

function createHook(callbacks) { return new AsyncHook(callbacks); }
function executionAsyncId() { return currentAsyncId; }
function triggerAsyncId() { return currentTriggerId; }
const topResource = {};
function executionAsyncResource() { return topResource; }

const providers = ['NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ',
  'BLOBREADER', 'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP', 'GETNAMEINFOREQWRAP',
  'HEAPSNAPSHOT', 'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING', 'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE',
  'HTTPCLIENTREQUEST', 'JSSTREAM', 'JSUDPWRAP', 'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP',
  'PIPEWRAP', 'PROCESSWRAP', 'PROMISE', 'QUERYWRAP', 'QUIC_LOGSTREAM', 'QUIC_PACKET', 'SHUTDOWNWRAP',
  'SIGNALWRAP', 'STATWATCHER', 'STREAMPIPE', 'TCPCONNECTWRAP', 'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP',
  'UDPSENDWRAP', 'UDPWRAP', 'SIGINTWATCHDOG', 'WORKER', 'WORKERHEAPSNAPSHOT', 'WRITEWRAP', 'ZLIB',
  'CHECKPRIMEREQUEST', 'PBKDF2REQUEST', 'KEYPAIRGENREQUEST', 'KEYGENREQUEST', 'KEYEXPORTREQUEST',
  'CIPHERREQUEST', 'DERIVEBITSREQUEST', 'HASHREQUEST', 'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST',
  'SCRYPTREQUEST', 'SIGNREQUEST', 'TLSWRAP', 'VERIFYREQUEST'];
const asyncWrapProviders = Object.create(null);
providers.forEach((p, i) => { asyncWrapProviders[p] = i; });
Object.freeze(asyncWrapProviders);

return {
  AsyncLocalStorage,
  createHook,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};
