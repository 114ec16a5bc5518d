// node:events as Node.js 20 behaves (https://nodejs.org/docs/latest-v20.x/api/events.html):
// EventEmitter keeps its listeners in `_events` (a null-prototype object of a function or an
// array per event), counts them in `_eventsCount`, and `once` wrappers carry the original
// listener in `.listener`, because libraries (readable-stream, ws, pino...) read those fields.
(function (host) {
  'use strict';

  const kCapture = Symbol('kCapture');
  const kShapeMode = Symbol('shapeMode');
  const kErrorMonitor = Symbol('events.errorMonitor');
  const kRejection = Symbol.for('nodejs.rejection');
  const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
  const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
  const targetMax = new WeakMap();
  let defaultMaxListeners = 10;

  const inspect = (v, o) => host.inspect(v, o);

  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  function checkListener(listener) {
    if (typeof listener !== 'function') throw host.invalidArgType('listener', 'of type function', listener);
  }

  function validateAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw host.invalidArgType(name, 'an instance of AbortSignal', signal);
    }
  }

  function validateObject(v, name) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw host.invalidArgType(name, 'of type object', v);
  }

  function isEventTarget(o) {
    return typeof globalThis.EventTarget === 'function' && o instanceof globalThis.EventTarget;
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
    } else {
      this[kShapeMode] = true;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections) {
      if (typeof opts.captureRejections !== 'boolean') {
        throw host.invalidArgType('options.captureRejections', 'of type boolean', opts.captureRejections);
      }
      this[kCapture] = Boolean(opts.captureRejections);
    } else {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  function addCatch(that, promise, type, args) {
    if (!that[kCapture]) return;
    try {
      const then = promise.then;
      if (typeof then === 'function') {
        then.call(promise, undefined, function (err) {
          process.nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
        });
      }
    } catch (err) {
      that.emit('error', err);
    }
  }

  function emitUnhandledRejectionOrErr(ee, err, type, args) {
    if (typeof ee[kRejection] === 'function') {
      ee[kRejection](err, type, ...args);
    } else {
      const prev = ee[kCapture];
      try {
        ee[kCapture] = false;
        ee.emit('error', err);
      } finally {
        ee[kCapture] = prev;
      }
    }
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    validateMax(n, 'setMaxListeners');
    this._maxListeners = n;
    return this;
  };

  // validateMax is Node's validateNumber(n, name, 0).
  function validateMax(n, name) {
    if (typeof n !== 'number') throw host.invalidArgType(name, 'of type number', n);
    if (n < 0 || Number.isNaN(n)) throw host.outOfRange(name, '>= 0', String(n));
  }

  function _getMaxListeners(that) {
    if (that._maxListeners === undefined) return defaultMaxListeners;
    return that._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return _getMaxListeners(this);
  };

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = type === 'error';
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const er = args.length > 0 ? args[0] : undefined;
      if (er instanceof Error) throw er;
      let text;
      try {
        text = inspect(er);
      } catch {
        text = er;
      }
      const err = host.nodeError('Error', 'ERR_UNHANDLED_ERROR', `Unhandled error. (${text})`);
      err.context = er;
      throw err;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = handler.apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) {
        const result = listeners[i].apply(this, args);
        if (result !== undefined && result !== null) addCatch(this, result, type, args);
      }
    }
    return true;
  };

  function _addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    let existing;
    if (events === undefined) {
      events = target._events = { __proto__: null };
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit('newListener', type, listener.listener ?? listener);
        events = target._events;
      }
      existing = events[type];
    }
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      const m = _getMaxListeners(target);
      if (m > 0 && existing.length > m && !existing.warned) {
        existing.warned = true;
        const w = new Error(
          `Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners added to ` +
            `${inspect(target, { depth: -1 })}. MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`,
        );
        Object.assign(w, { name: 'MaxListenersExceededWarning', emitter: target, type, count: existing.length });
        if (typeof globalThis.process?.emitWarning === 'function') globalThis.process.emitWarning(w);
      }
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener(type, listener) {
    return _addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return _addListener(this, type, listener, true);
  };

  function onceWrapper() {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      if (arguments.length === 0) return this.listener.call(this.target);
      return this.listener.apply(this.target, arguments);
    }
  }

  function _onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, _onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, _onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this[kShapeMode]) {
        events[type] = undefined;
      } else if (this._eventsCount === 0) {
        this._events = { __proto__: null };
      } else {
        delete events[type];
        if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
      }
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      this[kShapeMode] = false;
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = { __proto__: null };
      this._eventsCount = 0;
      this[kShapeMode] = false;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function _listeners(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const l = events[type];
    if (l === undefined) return [];
    if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
    return unwrap ? l.map((f) => f.listener || f) : l.slice();
  }

  EventEmitter.prototype.listeners = function listeners(type) {
    return _listeners(this, type, true);
  };
  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return _listeners(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events !== undefined) {
      const l = events[type];
      if (typeof l === 'function') {
        if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
        return 1;
      } else if (l !== undefined) {
        if (listener != null) {
          let n = 0;
          for (let i = 0; i < l.length; i++) if (l[i] === listener || l[i].listener === listener) n++;
          return n;
        }
        return l.length;
      }
    }
    return 0;
  }
  EventEmitter.prototype.listenerCount = listenerCount;

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  // ---- statics -----------------------------------------------------------------------------

  function addAbortListener(signal, listener) {
    if (signal === undefined) throw host.invalidArgType('signal', 'an instance of AbortSignal', signal);
    validateAbortSignal(signal, 'signal');
    if (typeof listener !== 'function') throw host.invalidArgType('listener', 'of type function', listener);
    let removeEventListener;
    if (signal.aborted) {
      queueMicrotask(() => listener());
    } else {
      signal.addEventListener('abort', listener, { once: true });
      removeEventListener = () => signal.removeEventListener('abort', listener);
    }
    return {
      __proto__: null,
      [Symbol.dispose]() {
        removeEventListener?.();
      },
    };
  }

  function agnosticAdd(emitter, name, listener, flags) {
    if (typeof emitter.on === 'function') {
      if (flags?.once) emitter.once(name, listener);
      else emitter.on(name, listener);
    } else if (typeof emitter.addEventListener === 'function') {
      emitter.addEventListener(name, listener, flags);
    } else {
      throw host.invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitter);
    }
  }

  function agnosticRemove(emitter, name, listener, flags) {
    if (typeof emitter.removeListener === 'function') {
      emitter.removeListener(name, listener);
    } else if (typeof emitter.removeEventListener === 'function') {
      emitter.removeEventListener(name, listener, flags);
    } else {
      throw host.invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitter);
    }
  }

  async function once(emitter, name, options = {}) {
    validateObject(options, 'options');
    const signal = options?.signal;
    validateAbortSignal(signal, 'options.signal');
    if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        if (signal != null) agnosticRemove(signal, 'abort', abortListener);
        reject(err);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
        if (signal != null) agnosticRemove(signal, 'abort', abortListener);
        resolve(args);
      };
      agnosticAdd(emitter, name, resolver, { once: true });
      if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', errorListener);
      function abortListener() {
        agnosticRemove(emitter, name, resolver);
        agnosticRemove(emitter, 'error', errorListener);
        reject(new AbortError(undefined, { cause: signal?.reason }));
      }
      if (signal != null) agnosticAdd(signal, 'abort', abortListener, { once: true });
    });
  }

  // goja has no async generators, so no %AsyncIteratorPrototype% to inherit from: the iterator
  // defines [Symbol.asyncIterator] itself.
  const AsyncIteratorPrototype = Object.prototype;

  // on is events.on: an async iterator over the emitter's `event` emissions (each an array of
  // the arguments); an 'error' emission rejects the pending next(); options.close names events
  // that end the iteration; options.signal aborts it.
  function on(emitter, event, options = {}) {
    validateObject(options, 'options');
    const signal = options.signal;
    validateAbortSignal(signal, 'options.signal');
    if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
    const unconsumedEvents = [];
    const unconsumedPromises = [];
    let error = null;
    let finished = false;

    const iterator = Object.setPrototypeOf(
      {
        next() {
          if (unconsumedEvents.length) return Promise.resolve({ value: unconsumedEvents.shift(), done: false });
          if (error) {
            const p = Promise.reject(error);
            error = null;
            return p;
          }
          if (finished) return closeHandler();
          return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
        },
        return() {
          return closeHandler();
        },
        throw(err) {
          if (!err || !(err instanceof Error)) {
            throw host.invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
          }
          errorHandler(err);
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      },
      AsyncIteratorPrototype,
    );

    agnosticAdd(emitter, event, eventHandler);
    if (event !== 'error' && typeof emitter.on === 'function') emitter.on('error', errorHandler);
    const closeEvents = options?.close;
    if (closeEvents?.length) for (const c of closeEvents) agnosticAdd(emitter, c, closeHandler);
    if (signal) signal.addEventListener('abort', abortListener, { once: true });
    return iterator;

    function abortListener() {
      errorHandler(new AbortError(undefined, { cause: signal?.reason }));
    }
    function eventHandler(...args) {
      const p = unconsumedPromises.shift();
      if (p) p.resolve({ value: args, done: false });
      else unconsumedEvents.push(args);
    }
    function errorHandler(err) {
      const p = unconsumedPromises.shift();
      if (p) p.reject(err);
      else error = err;
      closeHandler();
    }
    function closeHandler() {
      if (!finished) {
        finished = true;
        agnosticRemove(emitter, event, eventHandler);
        agnosticRemove(emitter, 'error', errorHandler);
        if (closeEvents?.length) for (const c of closeEvents) agnosticRemove(emitter, c, closeHandler);
        if (signal) signal.removeEventListener('abort', abortListener);
      }
      const done = { value: undefined, done: true };
      for (const p of unconsumedPromises) p.resolve(done);
      unconsumedPromises.length = 0;
      return Promise.resolve(done);
    }
  }

  function getEventListeners(emitterOrTarget, type) {
    if (typeof emitterOrTarget?.listeners === 'function') return emitterOrTarget.listeners(type);
    if (isEventTarget(emitterOrTarget)) throw host.notSupported('events', 'getEventListeners on an EventTarget, ');
    throw host.invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitterOrTarget);
  }

  function getMaxListeners(emitterOrTarget) {
    if (typeof emitterOrTarget?.getMaxListeners === 'function') return _getMaxListeners(emitterOrTarget);
    if (isEventTarget(emitterOrTarget)) return targetMax.has(emitterOrTarget) ? targetMax.get(emitterOrTarget) : defaultMaxListeners;
    throw host.invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitterOrTarget);
  }

  function setMaxListeners(n = defaultMaxListeners, ...eventTargets) {
    validateMax(n, 'setMaxListeners');
    if (eventTargets.length === 0) {
      defaultMaxListeners = n;
      return;
    }
    for (const target of eventTargets) {
      if (isEventTarget(target)) {
        targetMax.set(target, n);
      } else if (typeof target?.setMaxListeners === 'function') {
        target.setMaxListeners(n);
      } else {
        throw host.invalidArgType('eventTargets', 'an instance of EventEmitter or EventTarget', target);
      }
    }
  }

  // EventEmitterAsyncResource: jsroute has no async_hooks, so the resource is inert (asyncId
  // and triggerAsyncId are 0, emitDestroy does nothing); events behave as on EventEmitter.
  class EventEmitterAsyncResource extends EventEmitter {
    #name;
    constructor(options = undefined) {
      let name;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        name = options?.name || new.target.name;
      }
      super(options);
      this.#name = name;
    }
    emit(event, ...args) {
      return super.emit(event, ...args);
    }
    emitDestroy() {}
    get asyncId() {
      return 0;
    }
    get triggerAsyncId() {
      return 0;
    }
    get asyncResource() {
      return { eventEmitter: this, type: this.#name };
    }
  }

  const statics = {
    addAbortListener,
    once,
    on,
    getEventListeners,
    getMaxListeners,
    EventEmitter,
    usingDomains: false,
    captureRejectionSymbol: kRejection,
  };
  for (const k of Object.keys(statics)) {
    Object.defineProperty(EventEmitter, k, { value: statics[k], writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(EventEmitter, 'captureRejections', {
    get() {
      return EventEmitter.prototype[kCapture];
    },
    set(value) {
      if (typeof value !== 'boolean') throw host.invalidArgType('EventEmitter.captureRejections', 'of type boolean', value);
      EventEmitter.prototype[kCapture] = value;
    },
    enumerable: true,
  });
  Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
    enumerable: true,
    get() {
      return EventEmitterAsyncResource;
    },
    set: undefined,
    configurable: true,
  });
  Object.defineProperty(EventEmitter, 'errorMonitor', { value: kErrorMonitor, writable: false, configurable: true, enumerable: true });
  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get() {
      return defaultMaxListeners;
    },
    set(arg) {
      validateMax(arg, 'defaultMaxListeners');
      defaultMaxListeners = arg;
    },
  });
  Object.defineProperties(EventEmitter, {
    kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false, configurable: false, writable: false },
    kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned, enumerable: false, configurable: false, writable: false },
  });
  EventEmitter.setMaxListeners = setMaxListeners;
  const init = EventEmitter.init;
  delete EventEmitter.init;
  EventEmitter.init = init;
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
    return listenerCount.call(emitter, type);
  };
  // The process global becomes an EventEmitter now (webapi/node/process/process.js).
  const upgrade = globalThis.process?.[Symbol.for('jsroute.process.becomeEmitter')];
  if (typeof upgrade === 'function') upgrade(EventEmitter);
  return EventEmitter;
});
