const async = (x) => x * 2, of = 3, get = 4, set = 5, from = 6, as = 7
const o = { get: 1, set() { return 'set' }, async *gen() { yield 'ag' }, static: 2, async: 3, await: 4, get get2() { return 'g2' }, new: 5, class: 6 }
export default async () => { const it = o.gen(); const first = await it.next(); return [async(2), of, get, set, from, as, o.get, o.set(), first.value, o.static, o.async, o.await, o.get2, o.new, o.class] }
