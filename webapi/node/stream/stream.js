// node:stream — Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
// addAbortSignal, Readable.from, the Web stream adapters and the promise forms, written for jsroute
// from Node 20's documented behaviour (https://nodejs.org/docs/latest-v20.x/api/stream.html):
// the same state machine (ReadableState/WritableState fields, the order of 'data', 'readable',
// 'end', 'finish', 'close' and 'error', highWaterMark and backpressure) so libraries that read
// the state objects keep working. Functions, not classes: old packages call Readable.call(this).
//
// binding: jsmodule's error, received, require.
const { error, received, require } = binding;

const EE = require('events');
const { Buffer } = require('buffer');
const { StringDecoder } = require('string_decoder');
const nextTick = (fn, ...args) => process.nextTick(fn, ...args);
const nop = () => {};

// --- errors (Node's lib/internal/errors.js codes and texts) ---

const describeTypes = (types) => {
  const prim = types.filter((t) => /^[a-z]/.test(t));
  const cls = types.filter((t) => /^[A-Z]/.test(t));
  let s = '';
  if (prim.length) s += (prim.length > 1 ? 'one of type ' : 'of type ') + listOr(prim);
  if (cls.length) s += (s ? ' or ' : '') + 'an instance of ' + listOr(cls);
  return s;
};
const listOr = (w) => (w.length === 1 ? w[0] : w.length === 2 ? w[0] + ' or ' + w[1] : w.slice(0, -1).join(', ') + ', or ' + w[w.length - 1]);
const ERR_INVALID_ARG_TYPE = (name, types, value) => error('TypeError', 'ERR_INVALID_ARG_TYPE',
  `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be ${describeTypes(types)}. Received ${received(value)}`);
const ERR_INVALID_ARG_VALUE = (name, value) => error('TypeError', 'ERR_INVALID_ARG_VALUE',
  `The ${name.includes('.') ? 'property' : 'argument'} '${name}' is invalid. Received ${typeof value === 'string' ? "'" + value + "'" : String(value)}`);
const ERR_METHOD_NOT_IMPLEMENTED = (m) => error('Error', 'ERR_METHOD_NOT_IMPLEMENTED', `The ${m} method is not implemented`);
const ERR_MULTIPLE_CALLBACK = () => error('Error', 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times');
const ERR_STREAM_PUSH_AFTER_EOF = () => error('Error', 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF');
const ERR_STREAM_UNSHIFT_AFTER_END_EVENT = () => error('Error', 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event');
const ERR_STREAM_WRITE_AFTER_END = () => error('Error', 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
const ERR_STREAM_DESTROYED = (m) => error('Error', 'ERR_STREAM_DESTROYED', `Cannot call ${m} after a stream was destroyed`);
const ERR_STREAM_ALREADY_FINISHED = (m) => error('Error', 'ERR_STREAM_ALREADY_FINISHED', `Cannot call ${m} after a stream was finished`);
const ERR_STREAM_NULL_VALUES = () => error('TypeError', 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
const ERR_STREAM_PREMATURE_CLOSE = () => error('Error', 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
const ERR_UNKNOWN_ENCODING = (e) => error('TypeError', 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${e}`);
const ERR_MISSING_ARGS = (n) => error('TypeError', 'ERR_MISSING_ARGS', `The "${n}" argument must be specified`);
const ERR_OUT_OF_RANGE = (n, r, v) => error('RangeError', 'ERR_OUT_OF_RANGE', `The value of "${n}" is out of range. It must be ${r}. Received ${v}`);
const ERR_INVALID_RETURN_VALUE = (input, name, value) => error('TypeError', 'ERR_INVALID_RETURN_VALUE',
  `Expected ${input} to be returned from the "${name}" function but got ${received(value).replace(/^type /, 'type ')}.`);

class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}
function aggregateTwoErrors(inner, outer) {
  if (inner && outer && inner !== outer) {
    if (Array.isArray(outer.errors)) { outer.errors.push(inner); return outer; }
    const err = new AggregateError([outer, inner], outer.message);
    err.code = outer.code;
    return err;
  }
  return inner || outer;
}
const validateFunction = (fn, name) => { if (typeof fn !== 'function') throw ERR_INVALID_ARG_TYPE(name, ['function'], fn); };
const validateObject = (v, name) => { if (v === null || typeof v !== 'object' || Array.isArray(v)) throw ERR_INVALID_ARG_TYPE(name, ['Object'], v); };
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) throw ERR_INVALID_ARG_TYPE(name, ['AbortSignal'], signal);
}

// --- symbols and type tests (lib/internal/streams/utils.js) ---

const kDestroy = Symbol('kDestroy');
const kConstruct = Symbol('kConstruct');
const kPaused = Symbol('kPaused');
const kOnFinished = Symbol('kOnFinished');
const kCallback = Symbol('kCallback');
const kIsDestroyed = Symbol('kIsDestroyed');

const isUint8Array = (v) => v instanceof Uint8Array;
const isBuffer = (v) => Buffer.isBuffer(v);
const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

function isReadableNodeStream(obj, strict = false) {
  return !!(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!strict || (typeof obj.pause === 'function' && typeof obj.resume === 'function')) &&
    (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)) &&
    (!obj._writableState || obj._readableState));
}
function isWritableNodeStream(obj) {
  return !!(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
}
function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === 'function' && obj._readableState && typeof obj.on === 'function' && typeof obj.write === 'function');
}
function isNodeStream(obj) {
  return !!obj && (obj._readableState || obj._writableState || (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function'));
}
const isReadableStream = (obj) => typeof ReadableStream === 'function' && obj instanceof ReadableStream;
const isWritableStream = (obj) => typeof WritableStream === 'function' && obj instanceof WritableStream;
const isTransformStream = (obj) => typeof TransformStream === 'function' && obj instanceof TransformStream;
const isWebStream = (obj) => isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);
function isIterable(obj, isAsync) {
  if (obj == null) return false;
  if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
  if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
  return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
}
function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(stream.destroyed || stream[kIsDestroyed] || (state && state.destroyed));
}
function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const w = stream._writableState;
  if (w && w.errored) return false;
  if (typeof (w && w.ended) !== 'boolean') return null;
  return w.ended;
}
function isWritableFinished(stream, strict) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableFinished === true) return true;
  const w = stream._writableState;
  if (w && w.errored) return false;
  if (typeof (w && w.finished) !== 'boolean') return null;
  return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
}
function isReadableFinished(stream, strict) {
  if (!isReadableNodeStream(stream)) return null;
  const r = stream._readableState;
  if (r && r.errored) return false;
  if (typeof (r && r.endEmitted) !== 'boolean') return null;
  return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
}
function isReadable(stream) {
  if (stream && stream[kIsReadableSym] != null) return stream[kIsReadableSym];
  if (typeof (stream && stream.readable) !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}
const kIsReadableSym = Symbol('kIsReadable');
function isWritable(stream) {
  if (typeof (stream && stream.writable) !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}
function isFinished(stream, opts) {
  if (!isNodeStream(stream)) return null;
  if (isDestroyed(stream)) return true;
  if ((!opts || opts.readable !== false) && isReadable(stream)) return false;
  if ((!opts || opts.writable !== false) && isWritable(stream)) return false;
  return true;
}
const isWritableErrored = (s) => (s.writableErrored ?? (s._writableState && s._writableState.errored)) ?? null;
const isReadableErrored = (s) => (s.readableErrored ?? (s._readableState && s._readableState.errored)) ?? null;
function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  const w = stream._writableState, r = stream._readableState;
  if (typeof (w && w.closed) === 'boolean' || typeof (r && r.closed) === 'boolean') return (w && w.closed) || (r && r.closed);
  return null;
}
function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return !!(state && state.autoDestroy && state.emitClose && state.closed === false);
}
function isErrored(stream) {
  return !!(stream && (stream.readableErrored ?? stream.writableErrored ?? (stream._readableState && stream._readableState.errorEmitted) ??
    (stream._writableState && stream._writableState.errorEmitted) ?? (stream._readableState && stream._readableState.errored) ??
    (stream._writableState && stream._writableState.errored)));
}
function isDisturbed(stream) {
  return !!(stream && (stream.readableDidRead || stream.readableAborted || (isReadableStream(stream) && (stream.locked || stream.__disturbed))));
}

// --- highWaterMark (lib/internal/streams/state.js) ---

let defaultHighWaterMarkBytes = 16 * 1024;
let defaultHighWaterMarkObjectMode = 16;
function getDefaultHighWaterMark(objectMode) { return objectMode ? defaultHighWaterMarkObjectMode : defaultHighWaterMarkBytes; }
function setDefaultHighWaterMark(objectMode, value) {
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE('value', ['number'], value);
  if (!Number.isInteger(value) || value < 0) throw ERR_OUT_OF_RANGE('value', '>= 0', value);
  if (objectMode) defaultHighWaterMarkObjectMode = value; else defaultHighWaterMarkBytes = value;
}
function getHighWaterMark(state, options, duplexKey, isDuplex) {
  const hwm = options.highWaterMark != null ? options.highWaterMark : isDuplex ? options[duplexKey] : null;
  if (hwm != null) {
    if (!Number.isInteger(hwm) || hwm < 0) {
      const name = isDuplex ? `options.${duplexKey}` : 'options.highWaterMark';
      throw ERR_INVALID_ARG_VALUE(name, hwm);
    }
    return Math.floor(hwm);
  }
  return getDefaultHighWaterMark(state.objectMode);
}

// --- destroy (lib/internal/streams/destroy.js) ---

function checkError(err, w, r) {
  if (err) {
    void err.stack;
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }
}
function destroy(err, cb) {
  const r = this._readableState, w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  checkError(err, w, r);
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  if (!s.constructed) this.once(kDestroy, (er) => _destroy(this, err || er, cb));
  else _destroy(this, err, cb);
  return this;
}
function _destroy(self, err, cb) {
  let called = false;
  function onDestroy(err) {
    if (called) return;
    called = true;
    const r = self._readableState, w = self._writableState;
    checkError(err, w, r);
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(err);
    if (err) nextTick(emitErrorCloseNT, self, err);
    else nextTick(emitCloseNT, self);
  }
  try {
    self._destroy(err || null, onDestroy);
  } catch (e) {
    onDestroy(e);
  }
}
function emitErrorCloseNT(self, err) { emitErrorNT(self, err); emitCloseNT(self); }
function emitCloseNT(self) {
  const r = self._readableState, w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
}
function emitErrorNT(self, err) {
  const r = self._readableState, w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}
function undestroy() {
  const r = this._readableState, w = this._writableState;
  if (r) {
    r.constructed = true; r.closed = false; r.closeEmitted = false; r.destroyed = false; r.errored = null;
    r.errorEmitted = false; r.reading = false; r.ended = r.readable === false; r.endEmitted = r.readable === false;
  }
  if (w) {
    w.constructed = true; w.destroyed = false; w.closed = false; w.closeEmitted = false; w.errored = null; w.errorEmitted = false;
    w.finalCalled = false; w.prefinished = false; w.ended = w.writable === false; w.ending = w.writable === false; w.finished = w.writable === false;
  }
}
function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState, w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
  else if (err) {
    void err.stack;
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
    if (sync) nextTick(emitErrorNT, stream, err);
    else emitErrorNT(stream, err);
  }
}
function construct(stream, cb) {
  if (typeof stream._construct !== 'function') return;
  const r = stream._readableState, w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  stream.once(kConstruct, cb);
  if (stream.listenerCount(kConstruct) > 1) return;
  nextTick(constructNT, stream);
}
function constructNT(stream) {
  let called = false;
  function onConstruct(err) {
    if (called) {
      errorOrDestroy(stream, err ?? ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    const r = stream._readableState, w = stream._writableState;
    const s = w || r;
    if (r) r.constructed = true;
    if (w) w.constructed = true;
    if (s.destroyed) stream.emit(kDestroy, err);
    else if (err) errorOrDestroy(stream, err, true);
    else nextTick(() => stream.emit(kConstruct));
  }
  try {
    stream._construct((err) => { nextTick(onConstruct, err); });
  } catch (err) {
    nextTick(onConstruct, err);
  }
}
// destroyer ends a stream whatever kind it is (pipeline and the async iterator use it).
function destroyer(stream, err) {
  if (!stream || isDestroyed(stream)) return;
  if (!err && !isFinished(stream)) err = new AbortError();
  if (typeof stream.destroy === 'function') stream.destroy(err);
  else if (typeof stream.close === 'function') stream.close();
  else if (err) nextTick((s, e) => s.emit('error', e), stream, err);
  else nextTick((s) => s.emit('close'), stream);
  if (!stream.destroyed) stream[kIsDestroyed] = true;
}

// --- Stream (legacy base, lib/internal/streams/legacy.js) ---

function Stream(opts) {
  EE.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);
Stream.prototype.pipe = function (dest, options) {
  const source = this;
  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
  }
  source.on('data', ondata);
  function ondrain() { if (source.readable && source.resume) source.resume(); }
  dest.on('drain', ondrain);
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onend);
    source.on('close', onclose);
  }
  let didOnEnd = false;
  function onend() { if (didOnEnd) return; didOnEnd = true; dest.end(); }
  function onclose() { if (didOnEnd) return; didOnEnd = true; if (typeof dest.destroy === 'function') dest.destroy(); }
  function onerror(er) { cleanup(); if (EE.listenerCount(this, 'error') === 0) this.emit('error', er); }
  prependListener(source, 'error', onerror);
  prependListener(dest, 'error', onerror);
  function cleanup() {
    source.removeListener('data', ondata); dest.removeListener('drain', ondrain);
    source.removeListener('end', onend); source.removeListener('close', onclose);
    source.removeListener('error', onerror); dest.removeListener('error', onerror);
    source.removeListener('end', cleanup); source.removeListener('close', cleanup); dest.removeListener('close', cleanup);
  }
  source.on('end', cleanup);
  source.on('close', cleanup);
  dest.on('close', cleanup);
  dest.emit('pipe', source);
  return dest;
};
function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
  if (!emitter._events || !emitter._events[event]) emitter.on(event, fn);
  else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn);
  else emitter._events[event] = [fn, emitter._events[event]];
}

// --- Readable (lib/internal/streams/readable.js) ---

// Node 20 keeps most state flags in a bit field behind getters, so Object.keys of a state shows
// only a few fields; the rest are non-enumerable here, with the same names and values.
function hideExcept(state, visible) {
  for (const k of Object.keys(state)) {
    if (!visible.includes(k)) Object.defineProperty(state, k, { enumerable: false });
  }
}
const readableVisible = ['highWaterMark', 'buffer', 'bufferIndex', 'length', 'pipes', 'awaitDrainWriters'];
const writableVisible = ['highWaterMark', 'length', 'corked', 'onwrite', 'writelen', 'bufferedIndex', 'pendingcb'];

function ReadableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
  this.objectMode = !!(options && options.objectMode);
  if (isDuplex) this.objectMode = this.objectMode || !!(options && options.readableObjectMode);
  this.highWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false);
  this.buffer = [];
  this.bufferIndex = 0;
  this.length = 0;
  this.pipes = [];
  this.awaitDrainWriters = null;
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.constructed = true;
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.readableListening = false;
  this.resumeScheduled = false;
  this[kPaused] = null;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.destroyed = false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
  this.multiAwaitDrain = false;
  this.readingMore = false;
  this.dataEmitted = false;
  this.decoder = null;
  this.encoding = null;
  if (options && options.encoding) {
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
  hideExcept(this, readableVisible);
}
Object.defineProperty(ReadableState.prototype, 'pipesCount', { get() { return this.pipes.length; }, configurable: true });
Object.defineProperty(ReadableState.prototype, 'paused', {
  get() { return this[kPaused] !== false; }, set(v) { this[kPaused] = !!v; }, configurable: true,
});

function Readable(options) {
  if (!(this instanceof Readable)) return new Readable(options);
  const isDuplex = this instanceof Duplex;
  this._readableState = new ReadableState(options, this, isDuplex);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => {
    if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
  });
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);
Readable.ReadableState = ReadableState;
Readable.prototype.destroy = destroy;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function (err, cb) { cb(err); };
Readable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };
Readable.prototype.push = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, false); };
Readable.prototype.unshift = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, true); };

function readableAddChunk(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  let err;
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) {
        if (addToFront && state.encoding) chunk = Buffer.from(chunk, encoding).toString(state.encoding);
        else { chunk = Buffer.from(chunk, encoding); encoding = ''; }
      }
    } else if (isBuffer(chunk)) {
      encoding = '';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = toBuffer(chunk);
      encoding = '';
    } else if (chunk != null) {
      err = ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  if (err) {
    errorOrDestroy(stream, err);
  } else if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
  } else if (state.objectMode || (chunk && chunk.length > 0)) {
    if (addToFront) {
      if (state.endEmitted) errorOrDestroy(stream, ERR_STREAM_UNSHIFT_AFTER_END_EVENT());
      else if (state.destroyed || state.errored) return false;
      else addChunk(stream, state, chunk, true);
    } else if (state.ended) {
      errorOrDestroy(stream, ERR_STREAM_PUSH_AFTER_EOF());
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.decoder && !encoding) {
        chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
        else maybeReadMore(stream, state);
      } else {
        addChunk(stream, state, chunk, false);
      }
    }
  } else if (!addToFront) {
    state.reading = false;
    maybeReadMore(stream, state);
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}
function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
    state.dataEmitted = true;
    stream.emit('data', chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (addToFront) state.buffer.unshift(chunk);
    else state.buffer.push(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}
Readable.prototype.isPaused = function () {
  const state = this._readableState;
  return state[kPaused] === true || state.flowing === false;
};
Readable.prototype.setEncoding = function (enc) {
  const decoder = new StringDecoder(enc);
  const state = this._readableState;
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  let content = '';
  for (const data of state.buffer) content += decoder.write(data);
  state.buffer = content !== '' ? [content] : [];
  state.length = content.length;
  return this;
};
const MAX_HWM = 0x40000000;
function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) throw ERR_OUT_OF_RANGE('size', '<= 1GiB', n);
  n--;
  n |= n >>> 1; n |= n >>> 2; n |= n >>> 4; n |= n >>> 8; n |= n >>> 16;
  return n + 1;
}
function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    if (state.flowing && state.length) return state.buffer[0].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}
Readable.prototype.read = function (n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const nOrig = n;
  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }
  n = howMuchToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }
  let ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (nOrig !== n && state.ended) endReadable(this);
  }
  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    this.emit('data', ret);
  }
  return ret;
};
function fromList(n, state) {
  if (state.length === 0) return null;
  const list = state.buffer;
  if (state.objectMode) return list.shift();
  if (!n || n >= state.length) {
    let ret;
    if (state.decoder) ret = list.join('');
    else if (list.length === 1) ret = list[0];
    else ret = Buffer.concat(list, state.length);
    state.buffer = [];
    return ret;
  }
  const first = list[0];
  if (n < first.length) {
    list[0] = first.slice(n);
    return first.slice(0, n);
  }
  if (n === first.length) return list.shift();
  if (state.decoder) {
    let s = '';
    while (n > 0) {
      const c = list[0];
      if (n >= c.length) { s += c; n -= c.length; list.shift(); } else { s += c.slice(0, n); list[0] = c.slice(n); n = 0; }
    }
    return s;
  }
  const ret = Buffer.allocUnsafe(n);
  let off = 0;
  while (n > 0) {
    const c = list[0];
    if (n >= c.length) { ret.set(c, off); off += c.length; n -= c.length; list.shift(); } else { ret.set(c.subarray(0, n), off); list[0] = c.subarray(n); n = 0; }
  }
  return ret;
}
function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const chunk = state.decoder.end();
    if (chunk && chunk.length) {
      state.buffer.push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadable_(stream);
  }
}
function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    nextTick(emitReadable_, stream);
  }
}
function emitReadable_(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}
function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    nextTick(maybeReadMore_, stream, state);
  }
}
function maybeReadMore_(stream, state) {
  while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;
  }
  state.readingMore = false;
}
Readable.prototype._read = function () { throw ERR_METHOD_NOT_IMPLEMENTED('_read()'); };

Readable.prototype.pipe = function (dest, pipeOpts) {
  const src = this;
  const state = this._readableState;
  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);
  const doEnd = !pipeOpts || pipeOpts.end !== false;
  const endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) nextTick(endFn);
  else src.once('end', endFn);
  dest.on('unpipe', onunpipe);
  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }
  function onend() { dest.end(); }
  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
  }
  function pause() {
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }
  src.on('data', ondata);
  function ondata(chunk) {
    if (dest.write(chunk) === false) pause();
  }
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, er);
      else dest.emit('error', er);
    }
  }
  prependListener(dest, 'error', onerror);
  function onclose() { dest.removeListener('finish', onfinish); unpipe(); }
  dest.once('close', onclose);
  function onfinish() { dest.removeListener('close', onclose); unpipe(); }
  dest.once('finish', onfinish);
  function unpipe() { src.unpipe(dest); }
  dest.emit('pipe', src);
  if (dest.writableNeedDrain === true) pause();
  else if (!state.flowing) src.resume();
  return dest;
};
function pipeOnDrain(src, dest) {
  return function () {
    const state = src._readableState;
    if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
    else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) src.resume();
  };
}
Readable.prototype.unpipe = function (dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;
  if (!dest) {
    const dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (const d of dests) d.emit('unpipe', this, { hasUnpiped: false });
    return this;
  }
  const index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  dest.emit('unpipe', this, { hasUnpiped: false });
  return this;
};
Readable.prototype.on = function (ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) nextTick(nReadingNextTick, this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;
Readable.prototype.removeListener = function (ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') nextTick(updateReadableListening, this);
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;
Readable.prototype.removeAllListeners = function (ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === 'readable' || ev === undefined) nextTick(updateReadableListening, this);
  return res;
};
function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state[kPaused] === false) state.flowing = true;
  else if (self.listenerCount('data') > 0) self.resume();
  else if (!state.readableListening) state.flowing = null;
}
function nReadingNextTick(self) { self.read(0); }
Readable.prototype.resume = function () {
  const state = this._readableState;
  if (!state.flowing) {
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resume_, this, state);
    }
  }
  state[kPaused] = false;
  return this;
};
function resume_(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}
Readable.prototype.pause = function () {
  if (this._readableState.flowing !== false) {
    this._readableState.flowing = false;
    this.emit('pause');
  }
  this._readableState[kPaused] = true;
  return this;
};
function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}
Readable.prototype.wrap = function (stream) {
  let paused = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) { paused = true; stream.pause(); }
  });
  stream.on('end', () => { this.push(null); });
  stream.on('error', (err) => { errorOrDestroy(this, err); });
  stream.on('close', () => { this.destroy(); });
  stream.on('destroy', () => { this.destroy(); });
  this._read = () => { if (paused && stream.resume) { paused = false; stream.resume(); } };
  for (const k of Object.keys(stream)) {
    if (this[k] === undefined && typeof stream[k] === 'function') this[k] = stream[k].bind(stream);
  }
  return this;
};
function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    nextTick(endReadableNT, state, stream);
  }
}
function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    if (stream.writable && stream.allowHalfOpen === false) {
      nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      const w = stream._writableState;
      const auto = !w || (w.autoDestroy && (w.finished || w.writable === false));
      if (auto) stream.destroy();
    }
  }
}
function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

// The async iterator (Readable.prototype[Symbol.asyncIterator], createAsyncIterator in Node):
// written as an iterator object, since goja has no async generators.
function createAsyncIterator(stream, options) {
  let callback = nop;
  function next(resolve) {
    if (this === stream) { callback(); callback = nop; } else callback = resolve;
  }
  stream.on('readable', next);
  let err;
  let done = false;
  const cleanup = eos(stream, { writable: false }, (e) => {
    err = e ? aggregateTwoErrors(err, e) : null;
    callback();
    callback = nop;
  });
  function finalize() {
    if (done) return;
    done = true;
    if ((err || !options || options.destroyOnReturn !== false) && (err === undefined || stream._readableState.autoDestroy)) destroyer(stream, null);
    else { stream.off('readable', next); cleanup(); }
  }
  let queue = Promise.resolve();
  const serial = (fn) => {
    const p = queue.then(fn);
    queue = p.then(nop, nop);
    return p;
  };
  const step = () => new Promise((resolve, reject) => {
    const loop = () => {
      if (done) return resolve({ value: undefined, done: true });
      try {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) return resolve({ value: chunk, done: false });
        if (err) throw err;
        if (err === null) { finalize(); return resolve({ value: undefined, done: true }); }
        new Promise(next).then(loop);
      } catch (e) {
        err = aggregateTwoErrors(err, e);
        finalize();
        reject(err);
      }
    };
    loop();
  });
  return {
    next() { return serial(step); },
    return(value) { return serial(() => { finalize(); return { value, done: true }; }); },
    throw(e) { return serial(() => { err = aggregateTwoErrors(err, e); finalize(); throw err; }); },
    [Symbol.asyncIterator]() { return this; },
  };
}
Readable.prototype[Symbol.asyncIterator] = function () { return createAsyncIterator(this); };
Readable.prototype.iterator = function (options) {
  if (options !== undefined) validateObject(options, 'options');
  return createAsyncIterator(this, options);
};

// The state getters Node defines on Readable.prototype.
function defineGetters(proto, table) {
  for (const [name, get, set] of table) {
    Object.defineProperty(proto, name, { get, set, enumerable: false, configurable: true });
  }
}
defineGetters(Readable.prototype, [
  ['readable', function () {
    const r = this._readableState;
    return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
  }, function (v) { if (this._readableState) this._readableState.readable = !!v; }],
  ['readableDidRead', function () { return this._readableState.dataEmitted; }],
  ['readableAborted', function () {
    const r = this._readableState;
    return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
  }],
  ['readableHighWaterMark', function () { return this._readableState.highWaterMark; }],
  ['readableBuffer', function () { return this._readableState && this._readableState.buffer; }],
  ['readableFlowing', function () { return this._readableState.flowing; }, function (v) { if (this._readableState) this._readableState.flowing = v; }],
  ['readableLength', function () { return this._readableState.length; }],
  ['readableObjectMode', function () { return this._readableState ? this._readableState.objectMode : false; }],
  ['readableEncoding', function () { return this._readableState ? this._readableState.encoding : null; }],
  ['errored', function () { return this._readableState ? this._readableState.errored : null; }],
  ['closed', function () { return this._readableState ? this._readableState.closed : false; }],
  ['destroyed', function () { return this._readableState ? this._readableState.destroyed : false; },
    function (v) { if (this._readableState) this._readableState.destroyed = v; }],
  ['readableEnded', function () { return this._readableState ? this._readableState.endEmitted : false; }],
]);

// Readable.from (lib/internal/streams/from.js).
function from(Ctor, iterable, opts) {
  if (typeof iterable === 'string' || isBuffer(iterable)) {
    return new Ctor({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
  }
  let iterator;
  let isAsync;
  if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
    isAsync = true;
    iterator = iterable[Symbol.asyncIterator]();
  } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
    isAsync = false;
    iterator = iterable[Symbol.iterator]();
  } else {
    throw ERR_INVALID_ARG_TYPE('iterable', ['Iterable'], iterable);
  }
  const readable = new Ctor({ objectMode: true, highWaterMark: 1, ...opts });
  let reading = false;
  readable._read = function () {
    if (!reading) { reading = true; next(); }
  };
  readable._destroy = function (err, cb) {
    close(err).then(() => nextTick(cb, err), (e) => nextTick(cb, e || err));
  };
  async function close(err) {
    const hadError = err !== undefined && err !== null;
    if (hadError && typeof iterator.throw === 'function') {
      const { value, done } = await iterator.throw(err);
      await value;
      if (done) return;
    }
    if (typeof iterator.return === 'function') {
      const { value } = await iterator.return();
      await value;
    }
  }
  async function next() {
    for (;;) {
      try {
        const { value, done } = isAsync ? await iterator.next() : iterator.next();
        if (done) {
          readable.push(null);
        } else {
          const res = value && typeof value.then === 'function' ? await value : value;
          if (res === null) {
            reading = false;
            throw ERR_STREAM_NULL_VALUES();
          } else if (readable.push(res)) {
            continue;
          } else {
            reading = false;
          }
        }
      } catch (err) {
        readable.destroy(err);
      }
      break;
    }
  }
  return readable;
}
Readable.from = function (iterable, opts) { return from(Readable, iterable, opts); };
Readable._fromList = fromList;

// --- Writable (lib/internal/streams/writable.js) ---

function resetBuffer(state) {
  state.buffered = [];
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}
function WritableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') isDuplex = stream instanceof Duplex;
  this.objectMode = !!(options && options.objectMode);
  if (isDuplex) this.objectMode = this.objectMode || !!(options && options.writableObjectMode);
  this.highWaterMark = options ? getHighWaterMark(this, options, 'writableHighWaterMark', isDuplex) : getDefaultHighWaterMark(false);
  this.finalCalled = false;
  this.needDrain = false;
  this.ending = false;
  this.ended = false;
  this.finished = false;
  this.destroyed = false;
  this.decodeStrings = !(options && options.decodeStrings === false);
  this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
  this.length = 0;
  this.writing = false;
  this.corked = 0;
  this.sync = true;
  this.bufferProcessing = false;
  this.onwrite = onwrite.bind(undefined, stream);
  this.writecb = null;
  this.writelen = 0;
  this.afterWriteTickInfo = null;
  resetBuffer(this);
  this.pendingcb = 0;
  this.constructed = true;
  this.prefinished = false;
  this.errorEmitted = false;
  this.emitClose = !options || options.emitClose !== false;
  this.autoDestroy = !options || options.autoDestroy !== false;
  this.errored = null;
  this.closed = false;
  this.closeEmitted = false;
  this[kOnFinished] = [];
  hideExcept(this, writableVisible);
}
WritableState.prototype.getBuffer = function () { return this.buffered.slice(this.bufferedIndex); };
Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', { get() { return this.buffered.length - this.bufferedIndex; }, configurable: true });

function Writable(options) {
  const isDuplex = this instanceof Duplex;
  if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
  this._writableState = new WritableState(options, this, isDuplex);
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => {
    const state = this._writableState;
    if (!state.writing) clearBuffer(this, state);
    finishMaybe(this, state);
  });
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.WritableState = WritableState;
Object.defineProperty(Writable, Symbol.hasInstance, {
  value: function (object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return !!(object && object._writableState instanceof WritableState);
  },
  configurable: true,
});
Writable.prototype.pipe = function () { errorOrDestroy(this, error('Error', 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable')); };
function _write(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = state.defaultEncoding;
  } else {
    if (!encoding) encoding = state.defaultEncoding;
    else if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding);
    if (typeof cb !== 'function') cb = nop;
  }
  if (chunk === null) {
    throw ERR_STREAM_NULL_VALUES();
  } else if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) {
        chunk = Buffer.from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (isBuffer(chunk)) {
      encoding = 'buffer';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = toBuffer(chunk);
      encoding = 'buffer';
    } else {
      throw ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  let err;
  if (state.ending) err = ERR_STREAM_WRITE_AFTER_END();
  else if (state.destroyed) err = ERR_STREAM_DESTROYED('write');
  if (err) {
    nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}
Writable.prototype.write = function (chunk, encoding, cb) { return _write(this, chunk, encoding, cb) === true; };
Writable.prototype.cork = function () { this._writableState.corked++; };
Writable.prototype.uncork = function () {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};
Writable.prototype.setDefaultEncoding = function (encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  if (!Buffer.isEncoding(encoding)) throw ERR_UNKNOWN_ENCODING(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};
function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  const ret = state.length < state.highWaterMark;
  if (!ret) state.needDrain = true;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    state.buffered.push({ chunk, encoding, callback });
    if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
    if (state.allNoop && callback !== nop) state.allNoop = false;
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }
  return ret && !state.errored && !state.destroyed;
}
function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  state.writecb = cb;
  state.writing = true;
  state.sync = true;
  if (state.destroyed) state.onwrite(ERR_STREAM_DESTROYED('write'));
  else if (writev) stream._writev(chunk, state.onwrite);
  else stream._write(chunk, encoding, state.onwrite);
  state.sync = false;
}
function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorBuffer(state);
  errorOrDestroy(stream, er);
}
function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== 'function') {
    errorOrDestroy(stream, ERR_MULTIPLE_CALLBACK());
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;
  if (er) {
    void er.stack;
    if (!state.errored) state.errored = er;
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
    if (sync) nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
  } else {
    if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
    if (sync) {
      if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
        state.afterWriteTickInfo.count++;
      } else {
        state.afterWriteTickInfo = { count: 1, cb, stream, state };
        nextTick(afterWriteTick, state.afterWriteTickInfo);
      }
    } else {
      afterWrite(stream, state, 1, cb);
    }
  }
}
function afterWriteTick({ stream, state, count, cb }) {
  state.afterWriteTickInfo = null;
  return afterWrite(stream, state, count, cb);
}
function afterWrite(stream, state, count, cb) {
  const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
  if (needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb();
  }
  if (state.destroyed) errorBuffer(state);
  finishMaybe(stream, state);
}
function errorBuffer(state) {
  if (state.writing) return;
  for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
    const { chunk, callback } = state.buffered[n];
    state.length -= state.objectMode ? 1 : chunk.length;
    callback(state.errored ?? ERR_STREAM_DESTROYED('write'));
  }
  for (const f of state[kOnFinished].splice(0)) f(state.errored ?? ERR_STREAM_DESTROYED('end'));
  resetBuffer(state);
}
function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
  const { buffered, bufferedIndex, objectMode } = state;
  const bufferedLength = buffered.length - bufferedIndex;
  if (!bufferedLength) return;
  let i = bufferedIndex;
  state.bufferProcessing = true;
  if (bufferedLength > 1 && stream._writev) {
    state.pendingcb -= bufferedLength - 1;
    const callback = state.allNoop ? nop : (err) => {
      for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
    };
    const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, chunks, '', callback);
    resetBuffer(state);
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      doWrite(stream, state, false, objectMode ? 1 : chunk.length, chunk, encoding, callback);
    } while (i < buffered.length && !state.writing);
    if (i === buffered.length) resetBuffer(state);
    else if (i > 256) { buffered.splice(0, i); state.bufferedIndex = 0; }
    else state.bufferedIndex = i;
  }
  state.bufferProcessing = false;
}
Writable.prototype._write = function (chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw ERR_METHOD_NOT_IMPLEMENTED('_write()');
};
Writable.prototype._writev = null;
Writable.prototype.end = function (chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') { cb = chunk; chunk = null; encoding = null; }
  else if (typeof encoding === 'function') { cb = encoding; encoding = null; }
  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = _write(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }
  if (state.corked) { state.corked = 1; this.uncork(); }
  if (err) {
    // the write failed: its error is reported
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = ERR_STREAM_ALREADY_FINISHED('end');
  } else if (state.destroyed) {
    err = ERR_STREAM_DESTROYED('end');
  }
  if (typeof cb === 'function') {
    if (err || state.finished) nextTick(cb, err);
    else state[kOnFinished].push(cb);
  }
  return this;
};
function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
    state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
}
function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) {
      errorOrDestroy(stream, err ?? ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    state.pendingcb--;
    if (err) {
      for (const f of state[kOnFinished].splice(0)) f(err);
      errorOrDestroy(stream, err, state.sync);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      state.pendingcb++;
      nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}
function prefinish(stream, state) {
  if (!state.prefinished && !state.finalCalled) {
    if (typeof stream._final === 'function' && !state.destroyed) {
      state.finalCalled = true;
      callFinal(stream, state);
    } else {
      state.prefinished = true;
      stream.emit('prefinish');
    }
  }
}
function finishMaybe(stream, state, sync) {
  if (needFinish(state)) {
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        nextTick((s, st) => { if (needFinish(st)) finish(s, st); else st.pendingcb--; }, stream, state);
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }
}
function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  for (const f of state[kOnFinished].splice(0)) f();
  stream.emit('finish');
  if (state.autoDestroy) {
    const r = stream._readableState;
    const auto = !r || (r.autoDestroy && (r.endEmitted || r.readable === false));
    if (auto) stream.destroy();
  }
}
defineGetters(Writable.prototype, [
  ['closed', function () { return this._writableState ? this._writableState.closed : false; }],
  ['destroyed', function () { return this._writableState ? this._writableState.destroyed : false; },
    function (v) { if (this._writableState) this._writableState.destroyed = v; }],
  ['writable', function () {
    const w = this._writableState;
    return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
  }, function (v) { if (this._writableState) this._writableState.writable = !!v; }],
  ['writableFinished', function () { return this._writableState ? this._writableState.finished : false; }],
  ['writableObjectMode', function () { return this._writableState ? this._writableState.objectMode : false; }],
  ['writableBuffer', function () { return this._writableState && this._writableState.getBuffer(); }],
  ['writableEnded', function () { return this._writableState ? this._writableState.ending : false; }],
  ['writableNeedDrain', function () {
    const w = this._writableState;
    if (!w) return false;
    return !w.destroyed && !w.ending && w.needDrain;
  }],
  ['writableHighWaterMark', function () { return this._writableState && this._writableState.highWaterMark; }],
  ['writableCorked', function () { return this._writableState ? this._writableState.corked : 0; }],
  ['writableLength', function () { return this._writableState && this._writableState.length; }],
  ['errored', function () { return this._writableState ? this._writableState.errored : null; }],
  ['writableAborted', function () {
    const w = this._writableState;
    return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
  }],
]);
Writable.prototype.destroy = function (err, cb) {
  const state = this._writableState;
  if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) nextTick(errorBuffer, state);
  destroy.call(this, err, cb);
  return this;
};
Writable.prototype._undestroy = undestroy;
Writable.prototype._destroy = function (err, cb) { cb(err); };
Writable.prototype[EE.captureRejectionSymbol] = function (err) { this.destroy(err); };

// --- Duplex, Transform, PassThrough ---

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  this._readableState = new ReadableState(options, this, true);
  this._writableState = new WritableState(options, this, true);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) addAbortSignal(options.signal, this);
  } else {
    this.allowHalfOpen = true;
  }
  Stream.call(this, options);
  construct(this, () => {
    const r = this._readableState;
    if (r.needReadable) maybeReadMore(this, r);
    const w = this._writableState;
    if (!w.writing) clearBuffer(this, w);
    finishMaybe(this, w);
  });
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
for (const method of Object.getOwnPropertyNames(Writable.prototype)) {
  if (method in Duplex.prototype) continue;
  Object.defineProperty(Duplex.prototype, method, Object.getOwnPropertyDescriptor(Writable.prototype, method));
}
Duplex.prototype.destroy = Writable.prototype.destroy;
defineGetters(Duplex.prototype, [
  ['destroyed', function () {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  }, function (v) {
    if (this._readableState && this._writableState) { this._readableState.destroyed = v; this._writableState.destroyed = v; }
  }],
]);

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  const readableHighWaterMark = options ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
  if (readableHighWaterMark === 0) {
    options = { ...options, highWaterMark: null, readableHighWaterMark, writableHighWaterMark: options.writableHighWaterMark || 0 };
  }
  Duplex.call(this, options);
  this._readableState.sync = false;
  this[kCallback] = null;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', transformPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);
function transformFinal(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er);
        else this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}
function transformPrefinish() {
  if (this._final !== transformFinal) transformFinal.call(this);
}
Transform.prototype._final = transformFinal;
Transform.prototype._transform = function () { throw ERR_METHOD_NOT_IMPLEMENTED('_transform()'); };
Transform.prototype._write = function (chunk, encoding, callback) {
  const rState = this._readableState;
  const wState = this._writableState;
  const length = rState.length;
  this._transform(chunk, encoding, (err, val) => {
    if (err) {
      callback(err);
      return;
    }
    if (val != null) this.push(val);
    if (rState.ended) nextTick(callback);
    else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
    else this[kCallback] = callback;
  });
};
Transform.prototype._read = function () {
  if (this[kCallback]) {
    const callback = this[kCallback];
    this[kCallback] = null;
    callback();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);
PassThrough.prototype._transform = function (chunk, encoding, cb) { cb(null, chunk); };

// --- finished (lib/internal/streams/end-of-stream.js) ---

function once(fn) {
  let called = false;
  return function (...args) {
    if (called) return;
    called = true;
    return Reflect.apply(fn, this, args);
  };
}
function eos(stream, options, callback) {
  if (arguments.length === 2) { callback = options; options = {}; } else if (options == null) options = {};
  else validateObject(options, 'options');
  validateFunction(callback, 'callback');
  validateAbortSignal(options.signal, 'options.signal');
  callback = once(callback);
  if (isReadableStream(stream) || isWritableStream(stream)) return eosWeb(stream, options, callback);
  if (!isNodeStream(stream)) throw ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  const readable = options.readable ?? isReadableNodeStream(stream);
  const writable = options.writable ?? isWritableNodeStream(stream);
  const wState = stream._writableState;
  const rState = stream._readableState;
  const onlegacyfinish = () => { if (!stream.writable) onfinish(); };
  let emitClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;
  let writableFinished = isWritableFinished(stream, false);
  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) emitClose = false;
    if (emitClose && (!stream.readable || readable)) return;
    if (!readable || readableFinished) callback.call(stream);
  };
  let readableFinished = isReadableFinished(stream, false);
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) emitClose = false;
    if (emitClose && (!stream.writable || writable)) return;
    if (!writable || writableFinished) callback.call(stream);
  };
  const onerror = (err) => { callback.call(stream, err); };
  let closed = isClosed(stream);
  const onclose = () => {
    closed = true;
    const errored = isWritableErrored(stream) || isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
    if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
      if (!isReadableFinished(stream, false)) return callback.call(stream, ERR_STREAM_PREMATURE_CLOSE());
    }
    if (writable && !writableFinished) {
      if (!isWritableFinished(stream, false)) return callback.call(stream, ERR_STREAM_PREMATURE_CLOSE());
    }
    callback.call(stream);
  };
  const onclosed = () => {
    closed = true;
    const errored = isWritableErrored(stream) || isReadableErrored(stream);
    if (errored && typeof errored !== 'boolean') return callback.call(stream, errored);
    callback.call(stream);
  };
  if (writable && !wState) {
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }
  if (!emitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);
  if (closed) nextTick(onclose);
  else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
    if (!emitClose) nextTick(onclosed);
  } else if (!readable && (!emitClose || isReadable(stream)) && (writableFinished || isWritable(stream) === false)) {
    nextTick(onclosed);
  } else if (!writable && (!emitClose || isWritable(stream)) && (readableFinished || isReadable(stream) === false)) {
    nextTick(onclosed);
  }
  const cleanup = () => {
    callback = nop;
    stream.removeListener('aborted', onclose);
    stream.removeListener('end', onlegacyfinish);
    stream.removeListener('close', onlegacyfinish);
    stream.removeListener('finish', onfinish);
    stream.removeListener('end', onend);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };
  if (options.signal && !closed) {
    const abort = () => {
      const endCallback = callback;
      cleanup();
      endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
    };
    if (options.signal.aborted) nextTick(abort);
    else {
      options.signal.addEventListener('abort', abort, { once: true });
      const original = callback;
      callback = once((...args) => {
        options.signal.removeEventListener('abort', abort);
        original.apply(stream, args);
      });
    }
  }
  return cleanup;
}
function eosWeb() {
  // Watching a Web stream settle needs its closed promise, which only a reader or writer (a
  // lock) gives: jsroute says so rather than taking the lock behind the caller's back.
  throw error('Error', 'ERR_NOT_SUPPORTED', 'node:stream finished() on a Web stream is not supported by jsroute (wrap it with Readable.fromWeb)');
}

// --- pipeline (lib/internal/streams/pipeline.js) ---

function popCallback(streams) {
  const cb = streams[streams.length - 1];
  validateFunction(cb, 'streams[stream.length - 1]');
  return streams.pop();
}
function makeAsyncIterable(val) {
  if (isIterable(val)) return val;
  if (isReadableNodeStream(val)) return createAsyncIterator(val);
  throw ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], val);
}
// iterate walks a sync or async iterable (goja has no for await).
async function iterate(iterable, fn) {
  const it = typeof iterable[Symbol.asyncIterator] === 'function' ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
  let ok = false;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      const v = await r.value;
      if ((await fn(v)) === false) {
        ok = true;
        if (typeof it.return === 'function') await it.return();
        return;
      }
    }
    ok = true;
  } finally {
    if (!ok && typeof it.return === 'function') {
      try { await it.return(); } catch { /* the first error wins */ }
    }
  }
}
async function pumpToNode(iterable, writable, finish, { end }) {
  let err;
  let onresolve = null;
  const resume = (e) => {
    if (e) err = e;
    if (onresolve) { const cb = onresolve; onresolve = null; cb(); }
  };
  const wait = () => new Promise((resolve, reject) => {
    if (err) reject(err);
    else onresolve = () => { if (err) reject(err); else resolve(); };
  });
  writable.on('drain', resume);
  const cleanup = eos(writable, { readable: false }, resume);
  try {
    if (writable.writableNeedDrain) await wait();
    await iterate(iterable, async (chunk) => {
      if (!writable.write(chunk)) await wait();
    });
    if (end) {
      writable.end();
      await wait();
    }
    finish();
  } catch (e) {
    finish(err !== e ? aggregateTwoErrors(err, e) : e);
  } finally {
    cleanup();
    writable.off('drain', resume);
  }
}
function pipeline(...streams) {
  return pipelineImpl(streams, once(popCallback(streams)));
}
function pipelineImpl(streams, callback, opts) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  if (streams.length < 2) throw ERR_MISSING_ARGS('streams');
  const ac = new AbortController();
  const signal = ac.signal;
  const outerSignal = opts && opts.signal;
  const lastStreamCleanup = [];
  validateAbortSignal(outerSignal, 'options.signal');
  function abort() { finishImpl(new AbortError()); }
  if (outerSignal) outerSignal.addEventListener('abort', abort, { once: true });
  let err;
  let value;
  const destroys = [];
  let finishCount = 0;
  function finish(e) { finishImpl(e, --finishCount === 0); }
  function finishImpl(e, final) {
    if (e && (!err || err.code === 'ERR_STREAM_PREMATURE_CLOSE')) err = e;
    if (!err && !final) return;
    while (destroys.length) destroys.shift()(err);
    if (outerSignal) outerSignal.removeEventListener('abort', abort);
    ac.abort();
    if (final) {
      if (!err) lastStreamCleanup.forEach((fn) => fn());
      nextTick(callback, err, value);
    }
  }
  let ret;
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    const reading = i < streams.length - 1;
    const writing = i > 0;
    const end = reading || !opts || opts.end !== false;
    const isLastStream = i === streams.length - 1;
    if (isNodeStream(stream)) {
      if (end) {
        const { destroy: d, cleanup } = pipelineDestroyer(stream, reading, writing);
        destroys.push(d);
        if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
      }
      const onError = (e) => {
        if (e && e.name !== 'AbortError' && e.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(e);
      };
      stream.on('error', onError);
      if (isReadable(stream) && isLastStream) lastStreamCleanup.push(() => stream.removeListener('error', onError));
    }
    if (i === 0) {
      if (typeof stream === 'function') {
        ret = stream({ signal });
        if (!isIterable(ret)) throw ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or Stream', 'source', ret);
      } else if (isIterable(stream) || isReadableNodeStream(stream)) {
        ret = stream;
      } else if (isReadableStream(stream)) {
        ret = Readable.fromWeb(stream);
      } else {
        ret = Duplex.from(stream);
      }
    } else if (typeof stream === 'function') {
      ret = makeAsyncIterable(ret);
      ret = stream(ret, { signal });
      if (reading) {
        if (!isIterable(ret, true)) throw ERR_INVALID_RETURN_VALUE('AsyncIterable', `transform[${i - 1}]`, ret);
      } else {
        const pt = new PassThrough({ objectMode: true });
        const then = ret && ret.then;
        if (typeof then === 'function') {
          finishCount++;
          then.call(ret, (val) => {
            value = val;
            if (val != null) pt.write(val);
            if (end) pt.end();
            nextTick(finish);
          }, (e) => {
            pt.destroy(e);
            nextTick(finish, e);
          });
        } else if (isIterable(ret, true)) {
          finishCount++;
          pumpToNode(ret, pt, finish, { end });
        } else {
          throw ERR_INVALID_RETURN_VALUE('AsyncIterable or Promise', 'destination', ret);
        }
        ret = pt;
        const { destroy: d, cleanup } = pipelineDestroyer(ret, false, true);
        destroys.push(d);
        if (isLastStream) lastStreamCleanup.push(cleanup);
      }
    } else if (isNodeStream(stream)) {
      if (isReadableNodeStream(ret)) {
        finishCount += 2;
        const cleanup = pipe(ret, stream, finish, { end });
        if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
      } else if (isIterable(ret)) {
        finishCount++;
        pumpToNode(ret, stream, finish, { end });
      } else {
        throw ERR_INVALID_ARG_TYPE('val', ['Readable', 'Iterable', 'AsyncIterable'], ret);
      }
      ret = stream;
    } else if (isWritableStream(stream)) {
      const w = Writable.fromWeb(stream);
      finishCount += 2;
      if (isReadableNodeStream(ret)) pipe(ret, w, finish, { end });
      else { finishCount--; pumpToNode(makeAsyncIterable(ret), w, finish, { end }); }
      ret = w;
    } else {
      ret = Duplex.from(stream);
    }
  }
  if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) nextTick(abort);
  return ret;
}
function pipe(src, dst, finish, { end }) {
  let ended = false;
  dst.on('close', () => {
    if (!ended) finish(ERR_STREAM_PREMATURE_CLOSE());
  });
  src.pipe(dst, { end: false });
  if (end) {
    function endFn() { ended = true; dst.end(); }
    if (isReadableFinished(src)) nextTick(endFn);
    else src.once('end', endFn);
    eos(src, { readable: true, writable: false }, (e) => {
      const r = src._readableState;
      if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE' && r && r.ended && !r.errored && !r.errorEmitted) src.once('end', finish).once('error', finish);
      else finish(e);
    });
  } else {
    finish();
  }
  return eos(dst, { readable: false, writable: true }, finish);
}
function pipelineDestroyer(stream, reading, writing) {
  let finished = false;
  stream.on('close', () => { finished = true; });
  const cleanup = eos(stream, { readable: reading, writable: writing }, (e) => { finished = !e; });
  return {
    destroy: (e) => {
      if (finished) return;
      finished = true;
      destroyer(stream, e || ERR_STREAM_DESTROYED('pipe'));
    },
    cleanup,
  };
}

// --- addAbortSignal, compose, Duplex.from, the Web adapters ---

function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream)) throw ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  const onAbort = () => {
    const e = new AbortError(undefined, { cause: signal.reason });
    if (isNodeStream(stream)) stream.destroy(e);
    else if (isReadableStream(stream)) stream.cancel(e);
    else if (isWritableStream(stream)) stream.abort(e);
  };
  if (signal.aborted) onAbort();
  else {
    signal.addEventListener('abort', onAbort);
    if (isNodeStream(stream)) eos(stream, () => signal.removeEventListener('abort', onAbort));
  }
  return stream;
}

Readable.toWeb = function (streamReadable, options) {
  if (!isReadableNodeStream(streamReadable)) {
    throw error('TypeError', 'ERR_INVALID_ARG_TYPE', `The "streamReadable" argument must be an stream.Readable. Received ${received(streamReadable)}`); // Node's wording
  }
  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const s = new ReadableStream();
    s.cancel();
    return s;
  }
  const objectMode = streamReadable.readableObjectMode;
  const hwm = streamReadable.readableHighWaterMark;
  const strategy = (options && options.strategy) ||
    (objectMode ? new CountQueuingStrategy({ highWaterMark: hwm }) : { highWaterMark: hwm, size: (chunk) => chunk.byteLength });
  let controller;
  function onData(chunk) {
    if (isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }
  function onFinished(e) {
    cleanup();
    if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') {
      const er = new AbortError(undefined, { cause: e });
      controller.error(er);
      return;
    }
    if (e) return controller.error(e);
    controller.close();
  }
  streamReadable.pause();
  const cleanup = eos(streamReadable, onFinished);
  streamReadable.on('data', onData);
  return new ReadableStream({
    start(c) { controller = c; },
    pull() { streamReadable.resume(); },
    cancel(reason) { destroyer(streamReadable, reason); },
  }, strategy);
};
Readable.fromWeb = function (readableStream, options = {}) {
  if (!isReadableStream(readableStream)) throw ERR_INVALID_ARG_TYPE('readableStream', ['ReadableStream'], readableStream);
  validateObject(options, 'options');
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  const reader = readableStream.getReader();
  let closed = false;
  const readable = new Readable({
    objectMode, highWaterMark, encoding, signal,
    read() {
      reader.read().then((chunk) => {
        if (chunk.done) readable.push(null);
        else readable.push(chunk.value);
      }, (e) => destroyer(readable, e));
    },
    destroy(e, callback) {
      function done() {
        try { callback(e); } catch (er) { nextTick(() => { throw er; }); }
      }
      if (!closed) {
        reader.cancel(e).then(done, done);
        return;
      }
      done();
    },
  });
  reader.closed.then(() => { closed = true; }, (e) => { closed = true; destroyer(readable, e); });
  return readable;
};
Writable.toWeb = function (streamWritable) {
  if (!isWritableNodeStream(streamWritable)) throw ERR_INVALID_ARG_TYPE('streamWritable', ['stream.Writable'], streamWritable);
  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const w = new WritableStream();
    w.close();
    return w;
  }
  const hwm = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ? new CountQueuingStrategy({ highWaterMark: hwm }) : { highWaterMark: hwm };
  let controller;
  let backpressure;
  let closed;
  let errorPromise;
  let drain = null;
  function onDrain() { if (drain) { drain.resolve(); drain = null; } }
  const cleanup = eos(streamWritable, (e) => {
    if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') e = new AbortError(undefined, { cause: e });
    cleanup();
    streamWritable.on('error', nop);
    if (e) {
      if (drain) { drain.reject(e); drain = null; }
      controller.error(e);
      if (closed) closed.reject(e);
      return;
    }
    if (closed) { closed.resolve(); closed = null; } else controller.error(new AbortError());
  });
  streamWritable.on('drain', onDrain);
  void errorPromise;
  return new WritableStream({
    start(c) { controller = c; },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        backpressure = true;
        return new Promise((resolve, reject) => { drain = { resolve, reject }; });
      }
      return undefined;
    },
    abort(reason) { destroyer(streamWritable, reason); },
    close() {
      if (closed === undefined && !isWritableEnded(streamWritable)) {
        return new Promise((resolve, reject) => {
          closed = { resolve, reject };
          streamWritable.end();
        });
      }
      return undefined;
    },
  }, strategy);
};
Writable.fromWeb = function (writableStream, options = {}) {
  if (!isWritableStream(writableStream)) throw ERR_INVALID_ARG_TYPE('writableStream', ['WritableStream'], writableStream);
  validateObject(options, 'options');
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  const writer = writableStream.getWriter();
  let closed = false;
  const writable = new Writable({
    highWaterMark, objectMode, decodeStrings, signal,
    writev(chunks, callback) {
      function done(e) {
        try { callback(e); } catch (er) { nextTick(() => destroyer(writable, er)); }
      }
      writer.ready.then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))).then(() => done(), done), done);
    },
    write(chunk, encoding, callback) {
      if (typeof chunk === 'string' && decodeStrings && !objectMode) chunk = Buffer.from(chunk, encoding);
      function done(e) {
        try { callback(e); } catch (er) { destroyer(writable, er); }
      }
      writer.ready.then(() => writer.write(chunk).then(() => done(), done), done);
    },
    destroy(e, callback) {
      function done() {
        try { callback(e); } catch (er) { nextTick(() => { throw er; }); }
      }
      if (!closed) {
        if (e != null) writer.abort(e).then(done, done);
        else writer.close().then(done, done);
        return;
      }
      done();
    },
    final(callback) {
      function done(e) {
        try { callback(e); } catch (er) { nextTick(() => destroyer(writable, er)); }
      }
      if (!closed) writer.close().then(() => done(), done);
    },
  });
  writer.closed.then(() => { closed = true; if (!isWritableEnded(writable)) destroyer(writable, ERR_STREAM_PREMATURE_CLOSE()); },
    (e) => { closed = true; destroyer(writable, e); });
  return writable;
};
Duplex.fromWeb = function (pair, options = {}) {
  validateObject(pair, 'pair');
  const r = Readable.fromWeb(pair.readable, { ...options, objectMode: options.readableObjectMode ?? options.objectMode });
  const w = Writable.fromWeb(pair.writable, { ...options, objectMode: options.writableObjectMode ?? options.objectMode });
  return duplexify({ readable: r, writable: w });
};
Duplex.toWeb = function (duplex) {
  return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
};
// duplexify joins a readable and a writable side into one Duplex (Duplex.from's core).
function duplexify({ readable: r, writable: w }, name) {
  let onfinish, onreadable, ondrain;
  const d = new Duplex({
    readableObjectMode: !!(r && r.readableObjectMode),
    writableObjectMode: !!(w && w.writableObjectMode),
    readable: !!r,
    writable: !!w,
    write(chunk, encoding, callback) {
      if (w.write(chunk, encoding)) callback();
      else ondrain = callback;
    },
    final(callback) {
      w.end();
      onfinish = callback;
    },
    read() {
      for (;;) {
        const buf = r.read();
        if (buf === null) { onreadable = () => d._read(); return; }
        if (!d.push(buf)) return;
      }
    },
    destroy(e, callback) {
      if (!e && onfinish !== null) e = new AbortError();
      onreadable = onfinish = ondrain = null;
      if (e === null) callback(null);
      else { callback(e); destroyer(w, e); destroyer(r, e); }
    },
  });
  void name;
  if (w) {
    eos(w, (e) => { if (onfinish) { const cb = onfinish; onfinish = null; cb(e); } else if (e) d.destroy(e); });
    w.on('drain', () => { if (ondrain) { const cb = ondrain; ondrain = null; cb(); } });
  }
  if (r) {
    r.on('readable', () => { if (onreadable) { const cb = onreadable; onreadable = null; cb(); } });
    r.on('end', () => d.push(null));
    eos(r, { writable: false }, (e) => { if (e) d.destroy(e); });
  }
  return d;
}
// fromAsyncGen is Node's (lib/internal/streams/duplexify.js): fn gets an async iterable of what is
// written to the duplex, each write's callback called once fn has taken its chunk. Written as an
// iterator object, since goja (which runs this file unbundled) has no async generators.
function fromAsyncGen(fn) {
  const ac = new AbortController();
  let pending = null; // a write fn has not asked for yet
  let waiting = null; // fn's next(), waiting for a write
  let over = false;
  const take = (m) => {
    nextTick(m.cb);
    if (m.done) {
      over = true;
      return { value: undefined, done: true };
    }
    if (ac.signal.aborted) throw new AbortError(undefined, { cause: ac.signal.reason });
    return { value: m.chunk, done: false };
  };
  const source = {
    [Symbol.asyncIterator]() { return this; },
    next() {
      if (over) return Promise.resolve({ value: undefined, done: true });
      if (pending) {
        const m = pending;
        pending = null;
        return new Promise((resolve) => resolve(take(m)));
      }
      return new Promise((resolve, reject) => {
        waiting = (m) => {
          try { resolve(take(m)); } catch (e) { reject(e); }
        };
      });
    },
    return(value) {
      over = true;
      return Promise.resolve({ value, done: true });
    },
  };
  const deliver = (m) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(m);
    } else {
      pending = m;
    }
  };
  const value = fn(source, { signal: ac.signal });
  return {
    value,
    write(chunk, encoding, cb) { deliver({ chunk, done: false, cb }); },
    final(cb) { deliver({ done: true, cb }); },
    destroy(err, cb) {
      ac.abort();
      cb(err);
    },
  };
}

Duplex.from = function (body) {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return duplexify({ readable: body });
  if (isWritableNodeStream(body)) return duplexify({ writable: body });
  if (isNodeStream(body)) return duplexify({ writable: false, readable: false });
  if (isReadableStream(body)) return duplexify({ readable: Readable.fromWeb(body) });
  if (isWritableStream(body)) return duplexify({ writable: Writable.fromWeb(body) });
  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGen(body);
    if (isIterable(value)) return from(Duplex, value, { objectMode: true, write, final, destroy });
    if (value && typeof value.then === 'function') {
      let d;
      const done = value.then((val) => {
        if (val != null) throw ERR_INVALID_RETURN_VALUE('nully', 'body', val);
      }, (e) => { destroyer(d, e); });
      d = new Duplex({
        objectMode: true, readable: false, write, destroy,
        final(cb) { final(() => done.then(() => nextTick(cb, null), (e) => nextTick(cb, e))); },
      });
      return d;
    }
    throw ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', 'body', value);
  }
  if (isIterable(body)) return from(Duplex, body, { objectMode: true, writable: false });
  if (body && typeof body.then === 'function') {
    let settled = false;
    return new Duplex({
      objectMode: true, writable: false,
      read() {
        if (settled) return;
        settled = true;
        body.then((val) => { if (val != null) this.push(val); this.push(null); }, (e) => destroyer(this, e));
      },
    });
  }
  if (typeof Blob === 'function' && body instanceof Blob) return Duplex.from(body.stream());
  if (body && typeof body === 'object' && ('readable' in body || 'writable' in body)) {
    const r = body.readable && (isReadableNodeStream(body.readable) ? body.readable : isReadableStream(body.readable) ? Readable.fromWeb(body.readable) : Duplex.from(body.readable));
    const w = body.writable && (isWritableNodeStream(body.writable) ? body.writable : isWritableStream(body.writable) ? Writable.fromWeb(body.writable) : Duplex.from(body.writable));
    return duplexify({ readable: r, writable: w });
  }
  throw ERR_INVALID_ARG_TYPE('body', ['Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable', 'AsyncIterable', 'Function', '{ readable, writable } pair', 'Promise'], body);
};

function compose(...streams) {
  if (streams.length === 0) throw ERR_MISSING_ARGS('streams');
  if (streams.length === 1) return Duplex.from(streams[0]);
  const head = Duplex.from(streams[0]);
  const tail = Duplex.from(streams[streams.length - 1]);
  let d;
  const parts = streams.map((s) => (isNodeStream(s) ? s : Duplex.from(s)));
  pipeline(parts, (e) => { if (e && d) d.destroy(e); });
  d = duplexify({ readable: isReadableNodeStream(tail) ? parts[parts.length - 1] : null, writable: isWritableNodeStream(head) ? parts[0] : null });
  return d;
}

function duplexPair(options) {
  const a = new Duplex({ ...options, read() {}, write(chunk, enc, cb) { b.push(chunk); cb(); }, final(cb) { b.push(null); cb(); } });
  const b = new Duplex({ ...options, read() {}, write(chunk, enc, cb) { a.push(chunk); cb(); }, final(cb) { a.push(null); cb(); } });
  return [a, b];
}

// --- Readable operators (lib/internal/streams/operators.js), run one chunk at a time ---

function operatorSignal(options) {
  if (options != null) validateObject(options, 'options');
  if (options && options.signal != null) validateAbortSignal(options.signal, 'options.signal');
  return options && options.signal;
}
function checkAborted(signal) {
  if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
}
function mapIterator(stream, fn, signal) {
  const it = createAsyncIterator(stream);
  return {
    async next() {
      for (;;) {
        checkAborted(signal);
        const r = await it.next();
        if (r.done) return r;
        const out = await fn(r.value);
        if (out !== kSkip) return { value: out, done: false };
      }
    },
    return(v) { return it.return(v); },
    [Symbol.asyncIterator]() { return this; },
  };
}
const kSkip = Symbol('kSkip');
Readable.prototype.map = function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  return Readable.from(mapIterator(this, (v) => fn(v, { signal }), signal));
};
Readable.prototype.filter = function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  return Readable.from(mapIterator(this, async (v) => ((await fn(v, { signal })) ? v : kSkip), signal));
};
Readable.prototype.take = function (n, options) {
  const signal = operatorSignal(options);
  let i = 0;
  const src = this;
  const it = createAsyncIterator(src);
  return Readable.from({
    async next() {
      checkAborted(signal);
      if (i++ >= n) { await it.return(); return { done: true, value: undefined }; }
      return it.next();
    },
    return(v) { return it.return(v); },
    [Symbol.asyncIterator]() { return this; },
  });
};
Readable.prototype.drop = function (n, options) {
  const signal = operatorSignal(options);
  let i = 0;
  return Readable.from(mapIterator(this, (v) => (i++ < n ? kSkip : v), signal));
};
Readable.prototype.forEach = async function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  await iterate(createAsyncIterator(this), async (v) => { checkAborted(signal); await fn(v, { signal }); });
};
Readable.prototype.toArray = async function (options) {
  const signal = operatorSignal(options);
  const out = [];
  await iterate(createAsyncIterator(this), (v) => { checkAborted(signal); out.push(v); });
  return out;
};
Readable.prototype.some = async function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  let found = false;
  await iterate(createAsyncIterator(this), async (v) => {
    if (await fn(v, { signal })) { found = true; return false; }
    return true;
  });
  return found;
};
Readable.prototype.every = async function (fn, options) {
  validateFunction(fn, 'fn');
  return !(await this.some(async (v, o) => !(await fn(v, o)), options));
};
Readable.prototype.find = async function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  let result;
  await iterate(createAsyncIterator(this), async (v) => {
    if (await fn(v, { signal })) { result = v; return false; }
    return true;
  });
  return result;
};
Readable.prototype.reduce = async function (reducer, initialValue, options) {
  validateFunction(reducer, 'reducer');
  const signal = operatorSignal(options);
  let hasInitial = arguments.length > 1;
  let acc = initialValue;
  await iterate(createAsyncIterator(this), async (v) => {
    checkAborted(signal);
    if (!hasInitial) { acc = v; hasInitial = true; } else acc = await reducer(acc, v, { signal });
  });
  if (!hasInitial) throw error('TypeError', 'ERR_INVALID_ARGS', 'Reduce of an empty stream requires an initial value');
  return acc;
};
Readable.prototype.flatMap = function (fn, options) {
  validateFunction(fn, 'fn');
  const signal = operatorSignal(options);
  const outer = createAsyncIterator(this);
  let inner = null;
  return Readable.from({
    async next() {
      for (;;) {
        checkAborted(signal);
        if (inner) {
          const r = await inner.next();
          if (!r.done) return r;
          inner = null;
        }
        const o = await outer.next();
        if (o.done) return o;
        const v = await fn(o.value, { signal });
        inner = isReadableNodeStream(v) ? createAsyncIterator(v) : typeof v[Symbol.asyncIterator] === 'function' ? v[Symbol.asyncIterator]() : v[Symbol.iterator]();
      }
    },
    return(v) { return outer.return(v); },
    [Symbol.asyncIterator]() { return this; },
  });
};
Readable.prototype.asIndexedPairs = function (options) {
  let i = 0;
  return this.map((v) => [i++, v], options);
};
Readable.prototype.compose = function (stream) { return compose(this, stream); };

// --- the module ---

const promises = {
  pipeline(...streams) {
    return new Promise((resolve, reject) => {
      let opts;
      const last = streams[streams.length - 1];
      if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last) && !isWebStream(last)) opts = streams.pop();
      pipelineImpl(streams, (e, value) => (e ? reject(e) : resolve(value)), opts);
    });
  },
  finished(stream, opts) {
    return new Promise((resolve, reject) => {
      eos(stream, opts, (e) => (e ? reject(e) : resolve()));
    });
  },
};

Object.assign(Stream, {
  isDestroyed, isDisturbed, isErrored, isReadable, isWritable,
  Readable, Writable, Duplex, Transform, PassThrough, duplexPair, pipeline, addAbortSignal, finished: eos,
  destroy: destroyer, compose, setDefaultHighWaterMark, getDefaultHighWaterMark,
});
Object.defineProperty(Stream, 'promises', { enumerable: true, configurable: true, get() { return promises; } });
Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), { enumerable: true, get() { return promises.pipeline; } });
Object.defineProperty(eos, Symbol.for('nodejs.util.promisify.custom'), { enumerable: true, get() { return promises.finished; } });
Stream.Stream = Stream;
Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = isUint8Array;
Stream._uint8ArrayToBuffer = toBuffer;
Object.defineProperty(Stream, '__iterate', { value: iterate });

return Stream;
