// The WebSocket client (WHATWG WebSockets Standard, https://websockets.spec.whatwg.org/) and the
// CloseEvent and MessageEvent classes it dispatches (HTML §9.3.1), over the Go connection of
// websocket.go. Run once per runtime, the first time code reads one of the three globals; returns them.
(function (native) {
  'use strict';
  const { DOMException, Event, EventTarget, Blob, URL } = globalThis;
  const CONNECTING = 0, OPEN = 1, CLOSING = 2, CLOSED = 3;
  const defineConst = (o, name, value) => Object.defineProperty(o, name, { value, enumerable: true });

  class MessageEvent extends Event {
    #data; #origin; #lastEventId; #source; #ports;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'MessageEvent': 1 argument required, but only 0 present.");
      super(type, init);
      this.#data = init.data === undefined ? null : init.data;
      this.#origin = init.origin === undefined ? '' : String(init.origin);
      this.#lastEventId = init.lastEventId === undefined ? '' : String(init.lastEventId);
      this.#source = init.source === undefined ? null : init.source;
      this.#ports = Object.freeze(init.ports === undefined ? [] : [...init.ports]);
    }
    get data() { return this.#data }
    get origin() { return this.#origin }
    get lastEventId() { return this.#lastEventId }
    get source() { return this.#source }
    get ports() { return this.#ports }
    get [Symbol.toStringTag]() { return 'MessageEvent' }
  }

  class CloseEvent extends Event {
    #wasClean; #code; #reason;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'CloseEvent': 1 argument required, but only 0 present.");
      super(type, init);
      this.#wasClean = !!init.wasClean;
      this.#code = init.code === undefined ? 0 : init.code & 0xffff;
      this.#reason = init.reason === undefined ? '' : String(init.reason);
    }
    get wasClean() { return this.#wasClean }
    get code() { return this.#code }
    get reason() { return this.#reason }
    get [Symbol.toStringTag]() { return 'CloseEvent' }
  }

  const utf8Length = (s) => {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++ }
      else n += 3;
    }
    return n;
  };
  // RFC 6455 §4.1: a subprotocol is an HTTP token.
  const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  class WebSocket extends EventTarget {
    #url; #protocol = ''; #extensions = ''; #state = CONNECTING; #binaryType = 'blob';
    #conn; #handlers = { open: null, message: null, error: null, close: null }; #queue = null;

    constructor(url, protocols = []) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      super();
      // §3.1 "new WebSocket(url, protocols)": parse, map http(s) to ws(s), refuse other schemes and fragments.
      let parsed;
      try {
        parsed = new URL(String(url));
      } catch {
        throw new DOMException(`Failed to construct 'WebSocket': The URL '${url}' is invalid.`, 'SyntaxError');
      }
      if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
      else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
      if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
        throw new DOMException(`Failed to construct 'WebSocket': The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${parsed.protocol}' is not allowed.`, 'SyntaxError');
      }
      if (parsed.hash !== '' || parsed.href.endsWith('#')) {
        throw new DOMException(`Failed to construct 'WebSocket': The URL contains a fragment identifier ('${parsed.hash}'). Fragment identifiers are not allowed in WebSocket URLs.`, 'SyntaxError');
      }
      const list = typeof protocols === 'string' ? [protocols] : protocols == null ? [] : [...protocols].map(String);
      const seen = new Set();
      for (const p of list) {
        if (!token.test(p)) throw new DOMException(`Failed to construct 'WebSocket': The subprotocol '${p}' is invalid.`, 'SyntaxError');
        if (seen.has(p.toLowerCase())) throw new DOMException(`Failed to construct 'WebSocket': The subprotocol '${p}' is duplicated.`, 'SyntaxError');
        seen.add(p.toLowerCase());
      }
      this.#url = parsed.href;
      this.#conn = native.connect(this.#url, list, {
        open: (protocol, extensions) => {
          if (this.#state !== CONNECTING) return;
          this.#state = OPEN;
          this.#protocol = protocol;
          this.#extensions = extensions;
          this.dispatchEvent(new Event('open'));
        },
        message: (data, binary) => {
          if (this.#state !== OPEN) return;
          if (binary && this.#binaryType === 'blob') data = new Blob([data]);
          this.dispatchEvent(new MessageEvent('message', { data, origin: new URL(this.#url).origin }));
        },
        close: (code, reason, wasClean) => {
          if (this.#state === CLOSED) return;
          this.#state = CLOSED;
          if (!wasClean) this.dispatchEvent(new Event('error'));
          this.dispatchEvent(new CloseEvent('close', { wasClean, code, reason }));
        },
      });
    }

    get url() { return this.#url }
    get readyState() { return this.#state }
    get bufferedAmount() { return this.#conn.buffered() }
    get extensions() { return this.#extensions }
    get protocol() { return this.#protocol }
    get binaryType() { return this.#binaryType }
    set binaryType(v) {
      if (v === 'blob' || v === 'arraybuffer') this.#binaryType = v; // other values are ignored (§3.1)
    }

    // §3.2 send(data): a text frame for a string, a binary frame for bytes, in call order.
    send(data) {
      if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
      if (this.#state === CONNECTING) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      let frame, binary = true;
      if (data instanceof ArrayBuffer) frame = new Uint8Array(data.slice(0));
      else if (ArrayBuffer.isView(data)) frame = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      else if (data instanceof Blob) frame = data;
      else { frame = String(data); binary = false }
      if (this.#state !== OPEN) return; // CLOSING or CLOSED: the data is dropped (the spec only counts it)
      if (frame instanceof Blob || this.#queue) {
        // A Blob is read first; later sends wait behind it so frames keep their order.
        const conn = this.#conn;
        const prev = this.#queue || Promise.resolve();
        const next = prev.then(async () => {
          const bytes = frame instanceof Blob ? new Uint8Array(await frame.arrayBuffer()) : frame;
          conn.send(bytes, binary);
        });
        this.#queue = next;
        next.then(() => { if (this.#queue === next) this.#queue = null }, () => {});
        return;
      }
      this.#conn.send(frame, binary);
    }

    // §3.1 close(code, reason).
    close(code, reason) {
      if (code !== undefined) {
        code = Number(code) & 0xffff;
        if (code !== 1000 && (code < 3000 || code > 4999)) {
          throw new DOMException(`Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
        }
      }
      reason = reason === undefined ? '' : String(reason);
      if (utf8Length(reason) > 123) {
        throw new DOMException("Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.", 'SyntaxError');
      }
      if (this.#state === CLOSING || this.#state === CLOSED) return;
      this.#state = CLOSING;
      this.#conn.close(code === undefined ? -1 : code, reason);
    }

    get [Symbol.toStringTag]() { return 'WebSocket' }
  }

  for (const type of ['open', 'message', 'error', 'close']) {
    // Event handler IDL attributes (HTML §8.1.8.1): one listener per type, replaced by assignment.
    const listeners = new WeakMap();
    Object.defineProperty(WebSocket.prototype, 'on' + type, {
      configurable: true, enumerable: true,
      get() { const l = listeners.get(this); return l ? l.handler : null },
      set(v) {
        const old = listeners.get(this);
        if (old) this.removeEventListener(type, old.listener);
        if (typeof v === 'function' || (v !== null && typeof v === 'object')) {
          const entry = { handler: v, listener: (e) => (typeof entry.handler === 'function' ? entry.handler.call(this, e) : undefined) };
          listeners.set(this, entry);
          this.addEventListener(type, entry.listener);
        } else {
          listeners.delete(this);
        }
      },
    });
  }
  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
    defineConst(WebSocket, name, value);
    defineConst(WebSocket.prototype, name, value);
  }
  return { WebSocket, CloseEvent, MessageEvent };
})
