// node:stream/consumers (https://nodejs.org/docs/latest-v20.x/api/webstreams.html#utility-consumers):
// read a Node stream, a Web ReadableStream or any (async) iterable to the end.
const { require } = binding;
const { Buffer } = require('buffer');
const iterate = require('stream').__iterate;

function source(stream) {
  if (stream && typeof stream[Symbol.asyncIterator] === 'function') return stream;
  if (typeof ReadableStream === 'function' && stream instanceof ReadableStream) {
    const reader = stream.getReader();
    return { [Symbol.asyncIterator]() { return { next: () => reader.read(), return: async () => { reader.releaseLock(); return { done: true }; } }; } };
  }
  return stream;
}
async function blob(stream) {
  const chunks = [];
  await iterate(source(stream), (chunk) => { chunks.push(chunk); });
  return new Blob(chunks);
}
async function arrayBuffer(stream) {
  const ret = await blob(stream);
  return ret.arrayBuffer();
}
async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}
async function text(stream) {
  const dec = new TextDecoder();
  let str = '';
  await iterate(source(stream), (chunk) => {
    if (typeof chunk === 'string') str += chunk;
    else str += dec.decode(chunk, { stream: true });
  });
  str += dec.decode(undefined, { stream: false });
  return str;
}
async function json(stream) {
  return JSON.parse(await text(stream));
}
return { arrayBuffer, blob, buffer, text, json };
