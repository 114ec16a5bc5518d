const saved = []
const o = { p: new Proxy(function () {}, { apply(t, self, args) { saved.push(args); return args[0] } }) }
o.p(1); o.p(2, 'two')
const r = Proxy.revocable(function () {}, { apply(t, self, args) { saved.push(args); return 0 } })
o.q = r.proxy; o.q(3); o.q(4)
const re = /\p{L}/u
let bad
try { new RegExp('\\p{NoSuchProperty}', 'u') } catch (e) { bad = e.name }
const out = {
  letter: [/\p{L}/u.test('é'), /\p{L}/u.test('p{L}'), /\p{L}/u.test('1')],
  space: /\p{Z}/u.test('\u00a0'),
  upper: /^\p{Lu}+$/u.test('ÀB'),
  mixed: /[\p{L}\p{N}]+/u.exec('ab12!')[0],
  notLetter: [/\P{L}/u.test('a'), /\P{L}/u.test('1')],
  greek: /\p{Script=Greek}/u.test('α') + ',' + /\p{sc=Greek}/u.test('a'),
  long: new RegExp('\\p{Letter}', 'u').test('x'),
  minisearch: 'hello, wörld!\u00a0ok'.split(/[\n\r\p{Z}\p{P}]+/u),
  astral: /^\p{L}$/u.test('𝒜'),
  emojiClass: /[^\p{L}]/u.test('😀'),
  ctor: [re.constructor === RegExp, re instanceof RegExp, RegExp.name, RegExp.length, typeof RegExp.prototype.exec],
  plain: ['a,b'.split(/,/), RegExp('x', 'g').flags, new RegExp(/ab/g).source, /\p{L}/.test('p{L}')],
  bad,
  proxy: saved.map(a => a.join('/')),
  proxyStatics: [Proxy.name, Proxy.length, typeof Proxy.revocable],
}
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor
const made = new AsyncFunction('a', 'return await a + 1')
out.asyncFunction = [typeof made, made instanceof AsyncFunction, AsyncFunction.name, Object.getPrototypeOf(made) === AsyncFunction.prototype]
const astral = new RegExp('[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]', 'g')
out.surrogates = ['a\uD834\uDF06b\uD835\uDC00'.replace(astral, 'X'), 'a\uD834b'.replace(astral, 'X').length, ('\uD83D\uDE00\uD83D\uDE01'.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length, /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test('\uD834\uDF06')]
// a rewritten regex shows the pattern it was given (highlight.js rebuilds one from re.toString() without u)
const ident = /[\p{XID_Start}_]\p{XID_Continue}*/u
out.source = [ident.source, String(ident), new RegExp(ident.toString() + '|').exec('').length, new RegExp('a/b\\p{Lu}', 'u').source, astral.source, Object.keys(ident).length, ident.test('é1')]
// holes of sparse arrays reach find's predicate as undefined (goja passed a Go nil: Boolean panicked)
out.findHoles = [[, 1].find(Boolean), [, 1].findIndex(Boolean), [1, ,].findLast(Boolean), [1, ,].findLastIndex((x) => x === undefined), Array.prototype.find.call({ length: 2, 1: 'b' }, String), [1, 2].find(function (x) { return x === this.k }, { k: 2 }), (() => { try { [].find(1) } catch (e) { return e.name } })(), Array.prototype.find.name, Array.prototype.findLastIndex.length]
