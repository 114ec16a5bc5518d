// The messages of the errors the engine itself throws, which handlers often answer as err.message.
const tries = {
  undefProp: () => { const o = undefined; return o.x },
  nullProp: () => { const o = null; return o.x },
  setUndef: () => { const o = undefined; o.x = 1 },
  notFn: () => { const o = {}; return o.f() },
  notFnValue: () => { const f = 5; return f() },
  notIter: () => { const [a] = {}; return a },
  spreadNull: () => [...null],
  destructNull: () => { const { a } = null; return a },
  inOp: () => 'a' in 5,
  newNonCtor: () => new (() => 1)(),
  decodeURI: () => decodeURIComponent('%'),
  repeat: () => 'a'.repeat(-1),
  toFixed: () => (1).toFixed(200),
  bigint: () => JSON.stringify({ a: 1n }),
  notDefined: () => someUndefinedVariable, // eslint-disable-line no-undef
}
export default () => {
  const out = {}
  for (const [k, f] of Object.entries(tries)) {
    try {
      f()
      out[k] = 'no error'
    } catch (e) {
      out[k] = `${e.name}: ${e.message}`
    }
  }
  return out
}
