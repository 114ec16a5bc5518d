class P { static async *agen() { yield* [1, 2]; yield await Promise.resolve(3) } #x = 'px'; static peek(o) { return o?.#x } static base() { return 'static base' } }
class Q extends P { static base() { return super.base() + '+' } }
function outer() { const arrow = () => new.target; return arrow() }
function finallyWins() { try { return 'try' } finally { return 'finally' } }
export default async () => {
  const got = []
  label: for await (const [k, v] of [['a', 1], ['b', 2]].map((e) => Promise.resolve(e))) { if (k === 'b') break label; got.push(k + v) }
  for await (const v of P.agen()) got.push(v)
  let sw
  switch (1) { case 1: { let scoped = 'case'; sw = scoped } }
  const tag = String.raw`\u{1F600}`
  return [got, P.peek(new P()), P.peek(null), Q.base(), outer() === undefined, typeof new outer(), finallyWins(), sw, tag, `${1}${'a'}${[2, 3]}`, ((a, b = a + 1, ...c) => [a, b, c])(1, undefined, 4), 0.1 + 0.2, 2 ** -1, -(2 ** 2), ~~'7', +[], [] + {}, typeof null, void 0 ?? 'nullish']
}
