// node:timers and node:timers/promises as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/timers.html), with setImmediate: an immediate runs in
// a loop job of its own, queued now, so it runs after the current job (and its promise jobs and
// nextTicks) and before timers that are not yet due; immediates queued by immediates run on the
// next turn of the loop, as in Node's check phase. The nextTicks an immediate queues run right
// after it, before its promise jobs, as in Node.
(function (host, native) {
  'use strict';

  const kRefed = Symbol('refed');
  class Immediate {
    constructor(callback, args) {
      this._idleNext = null;
      this._idlePrev = null;
      this._onImmediate = callback;
      this._argv = args;
      this._destroyed = false;
      this[kRefed] = true;
    }
    ref() {
      this[kRefed] = true;
      return this;
    }
    unref() {
      this[kRefed] = false;
      return this;
    }
    hasRef() {
      return !!this[kRefed];
    }
    [Symbol.dispose]() {
      clearImmediate(this);
    }
  }

  function setImmediate(callback, ...args) {
    if (typeof callback !== 'function') throw host.invalidArgType('callback', 'of type function', callback);
    const imm = new Immediate(callback, args.length ? args : undefined);
    native.post(() => {
      if (imm._destroyed) return;
      imm._destroyed = true;
      const fn = imm._onImmediate;
      imm._onImmediate = null;
      try {
        imm._argv === undefined ? fn.call(imm) : fn.apply(imm, imm._argv);
      } finally {
        // As after any Node callback: the nextTicks it queued run before its promise jobs.
        native.drainTicks();
      }
    });
    return imm;
  }
  function clearImmediate(immediate) {
    if (!immediate || immediate._destroyed) return;
    immediate._destroyed = true;
    immediate._onImmediate = null;
  }
  Object.defineProperty(setImmediate, 'length', { value: 4 });

  // ---- timers/promises ----------------------------------------------------------------------
  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }
  function validateOptions(options) {
    if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'of type object', options);
    const { signal, ref } = options;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw host.invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
    if (ref !== undefined && typeof ref !== 'boolean') throw host.invalidArgType('options.ref', 'of type boolean', ref);
    return signal;
  }

  // later makes the promise of one timer: schedule(resolveFn) starts it and returns its cancel.
  function later(options, schedule, value) {
    let signal;
    try {
      signal = validateOptions(options);
    } catch (e) {
      return Promise.reject(e);
    }
    if (signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
    return new Promise((resolve, reject) => {
      let onAbort;
      const cancel = schedule(() => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (signal) {
        onAbort = () => {
          cancel();
          reject(new AbortError(undefined, { cause: signal.reason }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  const promises = {
    setTimeout(after, value, options = {}) {
      return later(options, (done) => {
        const t = globalThis.setTimeout(done, after);
        return () => globalThis.clearTimeout(t);
      }, value);
    },
    setImmediate(value, options = {}) {
      return later(options, (done) => {
        const i = setImmediate(done);
        return () => clearImmediate(i);
      }, value);
    },
    setInterval(after, value, options = {}) {
      let signal;
      signal = validateOptions(options);
      let pending = 0;
      let waiting = null;
      let done = false;
      let failure = null;
      const timer = signal?.aborted ? null : globalThis.setInterval(() => {
        pending++;
        if (waiting) {
          const w = waiting;
          waiting = null;
          pending--;
          w.resolve({ value, done: false });
        }
      }, after);
      const stop = () => {
        done = true;
        if (timer) globalThis.clearInterval(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        failure = new AbortError(undefined, { cause: signal.reason });
        stop();
        if (waiting) {
          waiting.reject(failure);
          waiting = null;
        }
      };
      if (signal?.aborted) {
        failure = new AbortError(undefined, { cause: signal.reason });
        done = true;
      } else if (signal) {
        signal.addEventListener('abort', onAbort, { once: true });
      }
      return {
        next() {
          if (failure) return Promise.reject(failure);
          if (done) return Promise.resolve({ value: undefined, done: true });
          if (pending > 0) {
            pending--;
            return Promise.resolve({ value, done: false });
          }
          return new Promise((resolve, reject) => (waiting = { resolve, reject }));
        },
        return() {
          stop();
          if (waiting) {
            waiting.resolve({ value: undefined, done: true });
            waiting = null;
          }
          return Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  };
  class Scheduler {
    wait(delay, options) {
      return promises.setTimeout(delay, undefined, options);
    }
    yield() {
      return promises.setImmediate();
    }
  }
  promises.scheduler = new Scheduler();

  const timers = {
    setTimeout: globalThis.setTimeout,
    clearTimeout: globalThis.clearTimeout,
    setImmediate,
    clearImmediate,
    setInterval: globalThis.setInterval,
    clearInterval: globalThis.clearInterval,
    _unrefActive() {},
    active(t) {
      t?.refresh?.();
    },
    unenroll(t) {
      globalThis.clearTimeout(t);
    },
    enroll() {
      throw host.notSupported('timers', 'enroll');
    },
  };
  Object.defineProperty(timers, 'promises', { get: () => promises, enumerable: true, configurable: true });
  return { timers, promises, setImmediate, clearImmediate };
});
