// WebAssembly JS API cases, run by Node 20 (record.mjs writes cases.golden.json) and by jsroute
// (wasm_test.go), which must answer the same. load(name) gives the bytes of testdata/<name>.wasm.
// Each case returns JSON-able values; show() spells what JSON cannot (BigInt, -0, NaN, errors).
function show(v) {
  if (typeof v === 'bigint') return v + 'n'
  if (typeof v === 'number' && (Number.isNaN(v) || Object.is(v, -0) || !Number.isFinite(v))) return String(Object.is(v, -0) ? '-0' : v)
  if (v === undefined) return 'undefined'
  if (Array.isArray(v)) return v.map(show)
  if (v instanceof Error) return { error: v.name, message: v.message }
  if (v && typeof v === 'object') {
    const o = {}
    for (const k of Object.keys(v)) o[k] = show(v[k])
    return o
  }
  return v
}
function attempt(fn) {
  try { return show(fn()) } catch (e) { return { throws: e.constructor.name, name: e.name } }
}
function attemptMsg(fn) {
  try { return show(fn()) } catch (e) { return { throws: e.constructor.name, message: e.message } }
}
const inst = (name, imports) => new WebAssembly.Instance(new WebAssembly.Module(load(name)), imports)
function envImports(log) {
  return {
    env: {
      log: (a, b) => { log.push([a, b]) },
      twice: (x) => x * 2n,
      memory: new WebAssembly.Memory({ initial: 1, maximum: 3 }),
      base: 100,
      mut: new WebAssembly.Global({ value: 'i32', mutable: true }, 5),
    },
    math: { pick: () => [7, 1.25] },
  }
}

const cases = {
  namespace: () => ({
    tag: Object.prototype.toString.call(WebAssembly),
    keys: ['Module', 'Instance', 'Memory', 'Table', 'Global', 'CompileError', 'LinkError', 'RuntimeError', 'validate', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming'].map((k) => [k, typeof WebAssembly[k]]),
    errors: ['CompileError', 'LinkError', 'RuntimeError'].map((k) => {
      const e = new WebAssembly[k]('m')
      return [e.name, e.message, e instanceof Error, String(e), Object.getPrototypeOf(WebAssembly[k]) === Error]
    }),
    moduleLength: WebAssembly.Module.length,
    notNew: attempt(() => WebAssembly.Module(load('add'))),
  }),
  validate: () => [WebAssembly.validate(load('add')), WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])), WebAssembly.validate(new Uint8Array([1, 2, 3])), WebAssembly.validate(load('add').buffer), attempt(() => WebAssembly.validate('x'))],
  compileError: () => [attempt(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]))), attempt(() => new WebAssembly.Module(new Uint8Array(0))), attempt(() => new WebAssembly.Module(42))],
  moduleReflection: () => {
    const m = new WebAssembly.Module(load('imports'))
    return { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m), addExports: WebAssembly.Module.exports(new WebAssembly.Module(load('add'))), tableExports: WebAssembly.Module.exports(new WebAssembly.Module(load('table'))) }
  },
  customSections: () => {
    const m = new WebAssembly.Module(load('start'))
    const secs = WebAssembly.Module.customSections(m, 'jsroute')
    return [secs.length, secs.map((b) => [b instanceof ArrayBuffer, new TextDecoder().decode(b)]), WebAssembly.Module.customSections(m, 'none').length]
  },
  arithmetic: () => {
    const e = inst('add').exports
    return [e.add(2, 3), e.add(0x7fffffff, 1), e.add('4', true), e.add(1.9, -0.9), e.add(), e.add(2 ** 32 + 5, 1), e.add64(1n, 2n), e.add64(2n ** 63n - 1n, 1n), e.f32(0.1), e.f32(NaN), e.f64mul(1.5, -0), e.fib(20), e.nothing(), e.pair(-3)]
  },
  bigintConversions: () => {
    const e = inst('add').exports
    return [attemptMsg(() => e.add64(1, 2)), e.add64(true, '5'), attempt(() => e.add(1n, 2)), e.add64(2n ** 64n + 3n, 0n), attempt(() => e.add64(undefined, 1n)), attempt(() => e.add64(Symbol('x'), 1n))]
  },
  exportsObject: () => {
    const i = inst('add')
    const e = i.exports
    return {
      proto: Object.getPrototypeOf(e),
      frozen: Object.isFrozen(e),
      keys: Object.keys(e),
      fn: [typeof e.add, e.add.name, e.add.length, e.fib.name, e.add64.length],
      same: i.exports === i.exports && e.add === i.exports.add,
      assign: attempt(() => { 'use strict'; e.add = 1 }),
      instanceOf: i instanceof WebAssembly.Instance,
      tag: Object.prototype.toString.call(i),
    }
  },
  globals: () => {
    const e = inst('add').exports
    const g = new WebAssembly.Global({ value: 'i64', mutable: true }, 5n)
    const before = e.counter.value
    e.bump()
    const f = new WebAssembly.Global({ value: 'f32' }, 1.1)
    const d = new WebAssembly.Global({ value: 'f64', mutable: true })
    d.value = 2.5
    return [e.answer instanceof WebAssembly.Global, e.answer.value, e.answer.valueOf(), before, e.counter.value, g.value, (g.value = 9n, g.value), f.value, d.value,
      attempt(() => { e.answer.value = 1 }), attempt(() => new WebAssembly.Global({ value: 'i64' }, 1)), attempt(() => new WebAssembly.Global({ value: 'x' })), new WebAssembly.Global({ value: 'i32' }).value]
  },
  imports: () => {
    const log = []
    const imp = envImports(log)
    const e = inst('imports', imp).exports
    const r = e.run(1)
    e.store(8, 0x01020304)
    const view = new Uint8Array(imp.env.memory.buffer, 8, 4)
    e.incMut(); e.incMut()
    return [r, log, e.dbl(21n), Array.from(view), e.load(8), imp.env.mut.value, e.pick()]
  },
  linkErrors: () => {
    const m = new WebAssembly.Module(load('imports'))
    const ok = envImports([])
    const without = (mod, key, v) => ({ ...ok, [mod]: { ...ok[mod], [key]: v } })
    return [
      attempt(() => new WebAssembly.Instance(m)),
      attempt(() => new WebAssembly.Instance(m, {})),
      attempt(() => new WebAssembly.Instance(m, without('env', 'log', 5))),
      attempt(() => new WebAssembly.Instance(m, without('env', 'memory', new ArrayBuffer(65536)))),
      attempt(() => new WebAssembly.Instance(m, without('env', 'mut', 5))),
      attempt(() => new WebAssembly.Instance(m, without('env', 'base', 5n))),
      attempt(() => new WebAssembly.Instance(m, without('env', 'memory', new WebAssembly.Memory({ initial: 0 })))),
      attempt(() => new WebAssembly.Instance(m, without('env', 'mut', new WebAssembly.Global({ value: 'i32' }, 1)))),
    ]
  },
  importThrows: () => {
    const m = new WebAssembly.Module(load('imports'))
    const boom = new Error('from JS')
    const imp = envImports([])
    imp.env.log = () => { throw boom }
    const e = new WebAssembly.Instance(m, imp).exports
    let caught
    try { e.run(1) } catch (err) { caught = err }
    imp.env.log = () => {}
    const imp2 = envImports([])
    imp2.env.twice = () => 5
    const e2 = new WebAssembly.Instance(m, imp2).exports
    return [caught === boom, attempt(() => e2.dbl(1n)), e.load(0)]
  },
  reentrant: () => {
    const m = new WebAssembly.Module(load('imports'))
    const imp = envImports([])
    let e
    const seen = []
    imp.env.log = (a) => { seen.push(a); if (a > 0) e.callThrough(a - 1) }
    e = new WebAssembly.Instance(m, imp).exports
    return [e.callThrough(3), seen]
  },
  exportedAsImport: () => {
    const add = inst('add').exports
    const imp = envImports([])
    imp.env.twice = add.neg64
    const e = inst('imports', imp).exports
    imp.env.twice = add.add64
    return [e.dbl(21n), attempt(() => inst('imports', imp))]
  },
  memory: () => {
    const e = inst('memory').exports
    const mem = e.mem
    const b1 = mem.buffer
    const text = new TextDecoder().decode(new Uint8Array(b1, 16, 11))
    const u8 = new Uint8Array(b1)
    u8[0] = 5; u8[1] = 6
    const same = mem.buffer === b1
    const sum = e.sum(0, 2)
    const old = mem.grow(1)
    return [mem instanceof WebAssembly.Memory, text, same, sum, b1.byteLength, old, b1.byteLength, u8.length, mem.buffer.byteLength, mem.buffer === b1, e.size(), e.sum(16, 5)]
  },
  memoryGrowFromWasm: () => {
    const e = inst('memory').exports
    const b1 = e.mem.buffer
    const u8 = new Uint8Array(b1)
    const old = e.grow(2)
    return [old, b1.byteLength, u8.length, e.mem.buffer.byteLength, e.grow(5), e.size(), attemptMsg(() => e.mem.grow(2)), e.mem.grow(1), e.size()]
  },
  memoryConstructor: () => {
    const m = new WebAssembly.Memory({ initial: 2, maximum: 4 })
    const b = m.buffer
    new Uint8Array(b)[100] = 42
    m.grow(0)
    return [b.byteLength, m.buffer.byteLength, new Uint8Array(m.buffer)[100], attempt(() => new WebAssembly.Memory({})), attempt(() => new WebAssembly.Memory({ initial: 3, maximum: 2 })), attempt(() => new WebAssembly.Memory({ initial: 70000 })), attempt(() => m.grow(3)), attempt(() => m.grow(-1)), WebAssembly.Memory.length]
  },
  traps: () => {
    const e = inst('traps').exports
    // Not here: i32.div_s(INT_MIN, -1) and call_indirect of a null slot, which wazero reports as
    // the trunc overflow and the out-of-bounds index (README.md, known differences).
    const t = (fn) => { try { fn(); return 'no trap' } catch (err) { return [err.constructor.name, err.message, err instanceof WebAssembly.RuntimeError] } }
    return [t(() => e.unreachable()), t(() => e.div(1, 0)), t(() => e.oob()), t(() => e.trunc(NaN)), t(() => e.trunc(1e20)), t(() => e.indirect(5)), t(() => e.recurse()), e.div(7, 2)]
  },
  tables: () => {
    const e = inst('table').exports
    const obj = { a: 1 }
    e.refs.set(0, obj)
    const t = new WebAssembly.Table({ element: 'externref', initial: 1 }, 'x')
    const grown = t.grow(2, 'y')
    return [e.fns instanceof WebAssembly.Table, e.fns.length, e.call(0, 41), e.call(1, 21), e.refs.length, e.getRef(0) === obj, e.refs.get(1), (e.setRef(1, 'z'), e.refs.get(1)), e.refs.grow(1), e.refs.length, e.fns.get(2),
      t.length, grown, t.get(0), t.get(2), attempt(() => t.get(3)), attempt(() => new WebAssembly.Table({ element: 'i32', initial: 1 }))]
  },
  tableFunctions: () => {
    // Emscripten's embind reads function pointers so (wasmTable.get(ptr)): the function an element
    // segment put there, callable from JS (tablefunc.go).
    const e = inst('table').exports
    const inc = e.fns.get(0)
    const dbl = e.fns.get(1)
    return [typeof inc, inc(41), dbl(21), inc.name, dbl.name, inc.length, e.fns.get(0) === inc, e.fns.get(2), inc('7'), attempt(() => e.fns.get(3))]
  },
  startFunction: () => {
    const seen = []
    inst('start', { env: { started: (x) => seen.push(x) } })
    return seen
  },
  instantiateOverloads: async () => {
    const bytes = load('add')
    const pair = await WebAssembly.instantiate(bytes)
    const only = await WebAssembly.instantiate(pair.module)
    const compiled = await WebAssembly.compile(bytes)
    const fromBuffer = await WebAssembly.instantiate(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
    let bad
    try { await WebAssembly.instantiate(new Uint8Array([1, 2])) } catch (e) { bad = e.constructor.name }
    let badLink
    try { await WebAssembly.instantiate(load('imports'), {}) } catch (e) { badLink = e.constructor.name }
    let notBytes
    try { await WebAssembly.compile('nope') } catch (e) { notBytes = e.constructor.name }
    return [Object.keys(pair), pair.module instanceof WebAssembly.Module, pair.instance.exports.add(1, 2), only instanceof WebAssembly.Instance, only.exports.fib(10), compiled instanceof WebAssembly.Module, fromBuffer.instance.exports.add(5, 5), bad, badLink, notBytes]
  },
  streaming: async () => {
    const bytes = load('add')
    const ok = new Response(bytes, { headers: { 'content-type': 'application/wasm' } })
    const r1 = await WebAssembly.instantiateStreaming(ok)
    const m = await WebAssembly.compileStreaming(Promise.resolve(new Response(bytes, { headers: { 'content-type': 'application/wasm' } })))
    const fail = async (src) => { try { await WebAssembly.compileStreaming(src); return 'ok' } catch (e) { return [e.constructor.name, e.code, e.code ? e.message : ''] } }
    const used = new Response(bytes, { headers: { 'content-type': 'application/wasm' } })
    await used.arrayBuffer()
    return [r1.instance.exports.add(20, 22), m instanceof WebAssembly.Module,
      await fail(new Response(bytes)), await fail(used), await fail(5), await fail(new Response(bytes, { headers: { 'content-type': 'application/wasm; charset=x' } })), await fail(new Response(bytes, { status: 404, headers: { 'content-type': 'application/wasm' } })), await fail(bytes),
      await fail(new Response(new Uint8Array([0, 1]), { headers: { 'content-type': 'application/wasm' } }))]
  },
}
