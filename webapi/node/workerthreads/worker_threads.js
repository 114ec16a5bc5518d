// node:worker_threads (https://nodejs.org/docs/latest-v20.x/api/worker_threads.html): a route
// always runs on the main thread; starting a Worker is not supported.
(function (host) {
  'use strict';
  const env = new Map();
  const refuse = (name) =>
    function () {
      throw host.notSupported('worker_threads', name);
    };
  const Worker = refuse('Worker');
  Worker.prototype = {};
  return {
    isMainThread: true,
    MessagePort: globalThis.MessagePort,
    MessageChannel: globalThis.MessageChannel,
    markAsUntransferable() {},
    moveMessagePortToContext: refuse('moveMessagePortToContext'),
    receiveMessageOnPort: refuse('receiveMessageOnPort'),
    resourceLimits: {},
    postMessageToThread: refuse('postMessageToThread'),
    threadId: 0,
    SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
    Worker,
    parentPort: null,
    workerData: null,
    BroadcastChannel: globalThis.BroadcastChannel,
    setEnvironmentData(key, value) {
      if (value === undefined) env.delete(key);
      else env.set(key, value);
    },
    getEnvironmentData(key) {
      return env.get(key);
    },
  };
});
