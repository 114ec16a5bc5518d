// Table of the error wording (engine/errmsg.go): each case is the body of a strict async function in a
// route's own file; engine/errmsg_test.go compares its result through jsroute with Node 20's, recorded in
// expected.json by record.mjs. A case named "differs ..." is one jsroute still words as goja does: its
// result must differ from Node's (README, known differences), so that a change making it match is seen.
// case: reduce of an empty array
try { [].reduce((a, b) => a) } catch (e) { return [e.name, e.message, e instanceof TypeError, e.constructor === TypeError].join('|') }
// case: reduceRight of an empty array, stack's first line
try { [].reduceRight((a, b) => a) } catch (e) { return e.stack.split('\n')[0] }
// case: BigInt of a fraction
try { BigInt(1.5) } catch (e) { return e.name + ': ' + e.message }
// case: BigInt of NaN, -Infinity and a small fraction
const out = []
for (const v of [NaN, -Infinity, 2.5e-7, -1e-300]) { try { BigInt(v) } catch (e) { out.push(e.message) } }
return out.join(' | ')
// case: BigInt of a string and of undefined keep their words
const out = []
for (const v of ['abc', undefined]) { try { BigInt(v) } catch (e) { out.push(e.name + ': ' + e.message) } }
return out.join(' | ')
// case: decodeURIComponent malformed
try { decodeURIComponent('%E2%82') } catch (e) { return [e.name, e.message, e instanceof URIError, e.stack.split('\n')[0], e.stack.split('decodeURIComponent').length - 1].join('|') }
// case: decodeURI and encodeURI malformed
const out = []
for (const f of [() => decodeURI('%'), () => encodeURI('\uD800'), () => encodeURIComponent('a\uDC00')]) { try { f() } catch ({ message }) { out.push(message) } }
return out.join(' | ')
// case: URI error in a promise handler
return await Promise.resolve('%E2').then(decodeURIComponent).catch((e) => e.name + ': ' + e.message)
// case: URI functions keep their results, names and attributes
const d = Object.getOwnPropertyDescriptor(globalThis, 'decodeURIComponent')
return [decodeURIComponent('%E2%82%AC'), encodeURIComponent('a b&é'), decodeURI('%41%20'), encodeURI('http://x/a b?q=é'),
  decodeURIComponent.name, decodeURIComponent.length, encodeURI.name, d.writable, d.enumerable, d.configurable, typeof d.value,
  JSON.stringify(Object.getOwnPropertyDescriptor(decodeURI, 'name')), Object.keys(encodeURIComponent).length].join('|')
// case: stack read before the catch gets the new first line
try {
  await Promise.resolve().then(() => [].reduce((a, b) => a)).catch((e) => { void e.stack; throw e })
} catch (e) { return e.stack.split('\n')[0] + '|' + e.message }
// case: rethrown and caught again
function f() { try { [].reduce((a, b) => a) } catch (err) { throw err } }
try { f() } catch (e) { return e.message }
// case: number formatting arguments
const out = []
for (const f of [() => (1).toFixed(101), () => (1).toExponential(-1), () => (1).toPrecision(0)]) { try { f() } catch (e) { out.push(e.name + ': ' + e.message) } }
return out.join(' | ')
// case: the handler's own errors and thrown values are left
const out = []
try { throw new TypeError('mine') } catch (e) { out.push(e.message) }
try { throw 'No initial value' } catch (e) { out.push(e) }
try { throw { message: 'Malformed URI' } } catch (e) { out.push(e.message) }
try { throw null } catch (e) { out.push(String(e)) }
return out.join(' | ')
// case: an error whose message getter throws, and a frozen one, are caught as they are
const e = new TypeError('x')
Object.defineProperty(e, 'message', { get() { throw new Error('getter') } })
const out = []
try { throw e } catch (err) { out.push(err === e) }
const f = Object.freeze(new TypeError('No initial value'))
try { throw f } catch (err) { out.push(err.message) }
return out.join(' | ')
// case: messages that were already Node's
const out = []
try { Symbol() + '' } catch (e) { out.push(e.message) }
try { new Array(-1) } catch (e) { out.push(e.message) }
try { undefinedName.y } catch (e) { out.push(e.message) }
return out.join(' | ')
// case: calling a member that is not a function
const body = { items: { a: 1 } }
try { return body.items.map((x) => x) } catch (e) { return e.name + ': ' + e.message + ' | ' + e.stack.split('\n')[0] }
// case: calling a variable that is not a function, in a function of the file
let f = 5
function g() { return f() }
try { g() } catch (e) { return e.message }
// case: calling a missing method on this, after a call on the same line that works
class A { ok() { return 1 } m() { return this.ok() + this.nope() } }
try { new A().m() } catch (e) { return e.message }
// case: calling a property that holds a number, spaced
const o = { f: 1 }
try { o.f  () } catch (e) { return e.message }
// case: a file with for await has its catch blocks reworded
const r = []
for await (const v of [Promise.resolve(1), 2]) r.push(v)
try { for await (const v of [3]) { r.push(v); [].reduce((a, b) => a) } } catch (e) { r.push(e.message) }
return r.join()
// case: differs o['f']()
try { const o = {}; o['f']() } catch (e) { return e.message }
// case: differs (0, o.f)()
try { const o = {}; (0, o.f)() } catch (e) { return e.message }
// case: differs spread of o.f()
try { const o = {}; return [...o.f()] } catch (e) { return e.message }
// case: differs a built-in calling a non-function
try { [1].map(5) } catch (e) { return e.message }
// case: differs new of a non-constructor
try { const C = 5; new C() } catch (e) { return e.message }
// case: differs null.x
try { null.x } catch (e) { return e.message }
// case: differs undefined.foo()
try { undefined.foo() } catch (e) { return e.message }
// case: differs o.a.b
try { const o = {}; o.a.b } catch (e) { return e.message }
// case: differs ({}).f()
try { ({}).f() } catch (e) { return e.message }
// case: differs 'x'.repeat(-1)
try { 'x'.repeat(-1) } catch (e) { return e.message }
