// MessageChannel and MessagePort (https://nodejs.org/docs/latest-v20.x/api/worker_threads.html#class-messagechannel)
// within one runtime: a message is a structured clone of the value, delivered to the other port as
// a 'message' MessageEvent in a task of its own once that port is started (start(), or any
// 'message' listener: on('message') listeners get the data itself, as in Node's NodeEventTarget). close() closes
// both ports and fires 'close' on each. No worker or other context can hold a port here.
(function () {
  'use strict';
  const states = new WeakMap();
  const kCreate = Symbol('kCreate');
  const st = (port) => {
    const s = states.get(port);
    if (!s) throw new TypeError('Illegal invocation');
    return s;
  };
  const deliverNext = (port) => {
    const s = st(port);
    if (!s.started || s.closed || s.queue.length === 0) return;
    const data = s.queue.shift();
    setTimeout(() => {
      if (!s.closed) port.dispatchEvent(new MessageEvent('message', { data }));
    }, 0);
    deliverNext(port);
  };
  class MessagePort extends EventTarget {
    constructor(key) {
      if (key !== kCreate) throw new TypeError('Illegal constructor');
      super();
      states.set(this, { other: null, started: false, closed: false, queue: [], onmessage: null, wrappers: new Map() });
    }
    postMessage(value, transfer) {
      const s = st(this);
      const options = Array.isArray(transfer) ? { transfer } : transfer;
      const data = structuredClone(value, options);
      if (s.closed || !s.other) return;
      const o = st(s.other);
      if (o.closed) return;
      o.queue.push(data);
      deliverNext(s.other);
    }
    start() {
      const s = st(this);
      if (s.started) return;
      s.started = true;
      deliverNext(this);
    }
    close() {
      const s = st(this);
      if (s.closed) return;
      for (const port of [this, s.other]) {
        if (!port) continue;
        const ps = st(port);
        if (ps.closed) continue;
        ps.closed = true;
        setTimeout(() => port.dispatchEvent(new Event('close')), 0);
      }
    }
    // Node starts a port as soon as it has a 'message' listener, however added.
    addEventListener(type, listener, options) {
      super.addEventListener(type, listener, options);
      if (type === 'message' && listener != null) this.start();
    }
    ref() {}
    unref() {}
    hasRef() {
      return false;
    }
    get onmessage() {
      return st(this).onmessage;
    }
    set onmessage(fn) {
      const s = st(this);
      if (s.onmessageListener) this.removeEventListener('message', s.onmessageListener);
      s.onmessage = typeof fn === 'function' ? fn : null;
      s.onmessageListener = s.onmessage && ((e) => s.onmessage.call(this, e));
      if (s.onmessageListener) {
        this.addEventListener('message', s.onmessageListener);
        this.start();
      }
    }
    on(type, listener) {
      const s = st(this);
      const wrapper = (e) => listener.call(this, type === 'message' ? e.data : e);
      s.wrappers.set(listener, wrapper);
      this.addEventListener(type, wrapper);
      if (type === 'message') this.start();
      return this;
    }
    addListener(type, listener) {
      return this.on(type, listener);
    }
    once(type, listener) {
      const s = st(this);
      const wrapper = (e) => {
        this.removeEventListener(type, wrapper);
        listener.call(this, type === 'message' ? e.data : e);
      };
      s.wrappers.set(listener, wrapper);
      this.addEventListener(type, wrapper);
      if (type === 'message') this.start();
      return this;
    }
    off(type, listener) {
      const s = st(this);
      const wrapper = s.wrappers.get(listener);
      if (wrapper) {
        s.wrappers.delete(listener);
        this.removeEventListener(type, wrapper);
      }
      return this;
    }
    removeListener(type, listener) {
      return this.off(type, listener);
    }
  }
  class MessageChannel {
    constructor() {
      const port1 = new MessagePort(kCreate);
      const port2 = new MessagePort(kCreate);
      st(port1).other = port2;
      st(port2).other = port1;
      this.port1 = port1;
      this.port2 = port2;
    }
  }
  return { MessageChannel, MessagePort };
})
