// node:perf_hooks and the performance global as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/perf_hooks.html, User Timing): now() and timeOrigin
// from the server process's start, marks and measures in a per-runtime buffer, and a basic
// PerformanceObserver (mark and measure entries, delivered in a microtask). Event-loop
// utilization, histograms and timerify are not provided (ERR_NOT_SUPPORTED).
(function (host, native) {
  'use strict';

  const kSecret = Symbol('secret');
  const refuse = (name) =>
    function () {
      throw host.notSupported('perf_hooks', name);
    };
  const illegal = () => host.nodeError('TypeError', 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');

  class PerformanceEntry {
    #name;
    #type;
    #start;
    #duration;
    #detail;
    constructor(secret, name, type, start, duration, detail) {
      if (secret !== kSecret) throw illegal();
      this.#name = name;
      this.#type = type;
      this.#start = start;
      this.#duration = duration;
      this.#detail = detail;
    }
    get name() {
      return this.#name;
    }
    get entryType() {
      return this.#type;
    }
    get startTime() {
      return this.#start;
    }
    get duration() {
      return this.#duration;
    }
    get detail() {
      return this.#detail;
    }
    toJSON() {
      return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
    }
  }
  const cloneDetail = (d) => (d === undefined ? null : structuredClone(d));

  class PerformanceMark extends PerformanceEntry {
    constructor(name, options = undefined) {
      if (arguments.length === 0) throw host.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
      name = `${name}`;
      if (options != null && (typeof options !== 'object')) throw host.invalidArgType('options', 'of type object', options);
      let start = options?.startTime ?? now();
      if (typeof start !== 'number') throw host.invalidArgType('options.startTime', 'of type number', start);
      if (start < 0) throw host.nodeError('TypeError', 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${start} is not a valid timestamp`);
      super(kSecret, name, 'mark', start, 0, cloneDetail(options?.detail));
    }
  }
  class PerformanceMeasure extends PerformanceEntry {
    constructor(secret, ...rest) {
      if (secret !== kSecret) throw illegal();
      super(kSecret, ...rest);
    }
  }

  const now = () => native.now();
  let buffer = [];
  const observers = new Set();

  function enqueue(entry) {
    buffer.push(entry);
    for (const o of observers) o._push(entry);
  }

  function markTime(name) {
    if (name === undefined) return undefined;
    if (typeof name === 'number') {
      if (name < 0) throw host.nodeError('TypeError', 'ERR_PERFORMANCE_INVALID_TIMESTAMP', `${name} is not a valid timestamp`);
      return name;
    }
    for (let i = buffer.length - 1; i >= 0; i--) if (buffer[i].entryType === 'mark' && buffer[i].name === name) return buffer[i].startTime;
    throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  }

  class Performance extends (globalThis.EventTarget ?? Object) {
    constructor(secret) {
      if (secret !== kSecret) throw illegal();
      super();
    }
    now() {
      return now();
    }
    get timeOrigin() {
      return native.timeOrigin;
    }
    mark(name, options) {
      const m = new PerformanceMark(...arguments);
      enqueue(m);
      return m;
    }
    measure(name, startOrOptions, endMark) {
      name = `${name}`;
      let start;
      let end;
      let detail = null;
      let duration;
      if (startOrOptions !== null && typeof startOrOptions === 'object') {
        start = markTime(startOrOptions.start);
        end = markTime(startOrOptions.end);
        duration = startOrOptions.duration;
        detail = cloneDetail(startOrOptions.detail);
        if (end === undefined) end = start !== undefined && duration !== undefined ? start + duration : now();
        if (start === undefined) start = duration !== undefined ? end - duration : 0;
      } else {
        end = endMark !== undefined ? markTime(endMark) : now();
        start = startOrOptions !== undefined ? markTime(startOrOptions) : 0;
      }
      const m = new PerformanceMeasure(kSecret, name, 'measure', start, end - start, detail);
      enqueue(m);
      return m;
    }
    clearMarks(name) {
      buffer = buffer.filter((e) => e.entryType !== 'mark' || (name !== undefined && e.name !== `${name}`));
    }
    clearMeasures(name) {
      buffer = buffer.filter((e) => e.entryType !== 'measure' || (name !== undefined && e.name !== `${name}`));
    }
    clearResourceTimings() {}
    getEntries() {
      return buffer.slice().sort((a, b) => a.startTime - b.startTime);
    }
    getEntriesByName(name, type) {
      return this.getEntries().filter((e) => e.name === `${name}` && (type === undefined || e.entryType === type));
    }
    getEntriesByType(type) {
      return this.getEntries().filter((e) => e.entryType === `${type}`);
    }
    setResourceTimingBufferSize() {}
    markResourceTiming() {}
    get nodeTiming() {
      return { name: 'node', entryType: 'node', startTime: 0, duration: now(), nodeStart: 0, v8Start: 0, environment: 0, bootstrapComplete: 0, loopStart: 0, loopExit: -1, idleTime: 0 };
    }
    toJSON() {
      return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: {} };
    }
    get [Symbol.toStringTag]() {
      return 'Performance';
    }
  }
  Performance.prototype.eventLoopUtilization = refuse('performance.eventLoopUtilization');
  Performance.prototype.timerify = refuse('performance.timerify');

  class PerformanceObserverEntryList {
    #entries;
    constructor(secret, entries) {
      if (secret !== kSecret) throw illegal();
      this.#entries = entries;
    }
    getEntries() {
      return this.#entries.slice();
    }
    getEntriesByType(type) {
      return this.#entries.filter((e) => e.entryType === `${type}`);
    }
    getEntriesByName(name, type) {
      return this.#entries.filter((e) => e.name === `${name}` && (type === undefined || e.entryType === type));
    }
  }

  const supportedEntryTypes = ['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource'];
  class PerformanceObserver {
    #callback;
    #types = new Set();
    #queue = [];
    #scheduled = false;
    constructor(callback) {
      if (typeof callback !== 'function') throw host.invalidArgType('callback', 'of type function', callback);
      this.#callback = callback;
    }
    static get supportedEntryTypes() {
      return supportedEntryTypes.slice();
    }
    observe(options = {}) {
      if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'of type object', options);
      const { entryTypes, type, buffered } = options;
      if (entryTypes === undefined && type === undefined) throw host.nodeError('TypeError', 'ERR_MISSING_ARGS', 'The "options.entryTypes" and "options.type" arguments must be specified');
      this.#types = new Set((entryTypes ?? [type]).filter((t) => supportedEntryTypes.includes(t)));
      observers.add(this);
      if (buffered) for (const e of buffer) this._push(e);
    }
    disconnect() {
      observers.delete(this);
      this.#queue = [];
    }
    takeRecords() {
      const q = this.#queue;
      this.#queue = [];
      return q;
    }
    _push(entry) {
      if (!this.#types.has(entry.entryType)) return;
      this.#queue.push(entry);
      if (this.#scheduled) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        const entries = this.takeRecords();
        if (entries.length) this.#callback(new PerformanceObserverEntryList(kSecret, entries), this);
      });
    }
  }
  Object.defineProperty(PerformanceObserver.prototype, '_push', { enumerable: false });

  const performance = new Performance(kSecret);
  return {
    Performance,
    PerformanceEntry,
    PerformanceMark,
    PerformanceMeasure,
    PerformanceObserver,
    PerformanceObserverEntryList,
    PerformanceResourceTiming: refuse('PerformanceResourceTiming'),
    monitorEventLoopDelay: refuse('monitorEventLoopDelay'),
    createHistogram: refuse('createHistogram'),
    performance,
    constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16, NODE_PERFORMANCE_GC_FLAGS_NO: 0, NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2, NODE_PERFORMANCE_GC_FLAGS_FORCED: 4, NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8, NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16, NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32, NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64 },
  };
});
