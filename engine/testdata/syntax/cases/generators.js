function* g() { const x = yield 1; yield x * 2; return 'done' }
export default () => { const it = g(); return [it.next().value, it.next(21).value, it.next(), [...(function* () { yield* [1, 2]; yield 3 })()]] }
