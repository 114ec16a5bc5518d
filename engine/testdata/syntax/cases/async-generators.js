async function* gen() { yield 1; await null; yield* [2, 3]; yield* (async function* () { yield 4 })() }
class G { async *[Symbol.asyncIterator]() { yield 'x' } }
export default async () => { const out = []; for await (const v of gen()) out.push(v); for await (const v of new G()) out.push(v); for await (const v of [Promise.resolve(5), 6]) out.push(v); return out }
