// node:diagnostics_channel as Node.js 20
// (https://nodejs.org/docs/latest-v20.x/api/diagnostics_channel.html): named channels with
// subscribers (one channel object per name), and tracing channels (start, end, asyncStart,
// asyncEnd, error) with traceSync, tracePromise and traceCallback. bindStore/runStores work
// without AsyncLocalStorage stores (none is bound unless code binds one).
(function (host) {
  'use strict';

  const channels = new Map();

  class Channel {
    constructor(name) {
      this._subscribers = [];
      this._stores = new Map();
      this.name = name;
    }
    static [Symbol.hasInstance](instance) {
      return instance !== null && typeof instance === 'object' && Array.isArray(instance._subscribers) && 'name' in instance;
    }
    get hasSubscribers() {
      return this._subscribers.length > 0 || this._stores.size > 0;
    }
    subscribe(subscription) {
      if (typeof subscription !== 'function') throw host.invalidArgType('subscription', 'of type function', subscription);
      this._subscribers = [...this._subscribers, subscription];
    }
    unsubscribe(subscription) {
      const i = this._subscribers.indexOf(subscription);
      if (i === -1) return false;
      this._subscribers = [...this._subscribers.slice(0, i), ...this._subscribers.slice(i + 1)];
      return true;
    }
    publish(data) {
      for (const fn of this._subscribers) {
        try {
          fn(data, this.name);
        } catch (err) {
          process.nextTick(() => {
            throw err;
          });
        }
      }
    }
    bindStore(store, transform) {
      this._stores.set(store, transform);
    }
    unbindStore(store) {
      return this._stores.delete(store);
    }
    runStores(data, fn, thisArg, ...args) {
      let run = () => {
        this.publish(data);
        return Reflect.apply(fn, thisArg, args);
      };
      for (const [store, transform] of this._stores) {
        const next = run;
        run = () => {
          let value = data;
          if (typeof transform === 'function') value = transform(data);
          return store.run(value, next);
        };
      }
      return run();
    }
  }

  function validateName(name) {
    if (typeof name !== 'string' && typeof name !== 'symbol') throw host.invalidArgType('channel', 'one of type string or symbol', name);
  }
  function channel(name) {
    validateName(name);
    let ch = channels.get(name);
    if (!ch) {
      ch = new Channel(name);
      channels.set(name, ch);
    }
    return ch;
  }
  function subscribe(name, subscription) {
    channel(name).subscribe(subscription);
  }
  function unsubscribe(name, subscription) {
    return channel(name).unsubscribe(subscription);
  }
  function hasSubscribers(name) {
    validateName(name);
    const ch = channels.get(name);
    return ch ? ch.hasSubscribers : false;
  }

  const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
  class TracingChannel {
    constructor(nameOrChannels) {
      // The five channels are own non-enumerable properties (Node keeps them out of Object.keys).
      const set = (e, ch) => Object.defineProperty(this, e, { value: ch, enumerable: false, writable: false, configurable: true });
      if (typeof nameOrChannels === 'string') {
        for (const e of traceEvents) set(e, channel(`tracing:${nameOrChannels}:${e}`));
      } else if (nameOrChannels !== null && typeof nameOrChannels === 'object') {
        for (const e of traceEvents) {
          const ch = nameOrChannels[e];
          if (!(ch instanceof Channel)) throw host.invalidArgType(`nameOrChannels.${e}`, 'an instance of Channel', ch);
          set(e, ch);
        }
      } else {
        throw host.invalidArgType('nameOrChannels', 'of type string or an instance of TracingChannel or Object', nameOrChannels);
      }
    }
    get hasSubscribers() {
      return traceEvents.some((e) => this[e].hasSubscribers);
    }
    subscribe(handlers) {
      for (const e of traceEvents) if (handlers[e]) this[e].subscribe(handlers[e]);
    }
    unsubscribe(handlers) {
      let done = true;
      for (const e of traceEvents) if (handlers[e] && !this[e].unsubscribe(handlers[e])) done = false;
      return done;
    }
    traceSync(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, error } = this;
      return start.runStores(context, () => {
        try {
          const result = Reflect.apply(fn, thisArg, args);
          context.result = result;
          return result;
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    tracePromise(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const reject = (err) => {
        context.error = err;
        error.publish(context);
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return Promise.reject(err);
      };
      const resolve = (result) => {
        context.result = result;
        asyncStart.publish(context);
        asyncEnd.publish(context);
        return result;
      };
      return start.runStores(context, () => {
        try {
          let promise = Reflect.apply(fn, thisArg, args);
          if (!(promise instanceof Promise)) promise = Promise.resolve(promise);
          return promise.then(resolve, reject);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const callback = args.at(position);
      if (typeof callback !== 'function') throw host.invalidArgType('callback', 'of type function', callback);
      function wrapped(err, res) {
        if (err) {
          context.error = err;
          error.publish(context);
        } else {
          context.result = res;
        }
        asyncStart.publish(context);
        try {
          return Reflect.apply(callback, this, arguments);
        } finally {
          asyncEnd.publish(context);
        }
      }
      args.splice(position, 1, wrapped);
      return start.runStores(context, () => {
        try {
          return Reflect.apply(fn, thisArg, args);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
  }
  function tracingChannel(nameOrChannels) {
    return new TracingChannel(nameOrChannels);
  }

  return { channel, hasSubscribers, subscribe, tracingChannel, unsubscribe, Channel };
});
