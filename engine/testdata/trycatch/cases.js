// Table of the try transform (loader/trycatch.go): each case is the body of a strict function whose result
// (awaited when it is a promise) engine/trycatch_test.go compares with Node 20's, recorded in expected.json
// by record.mjs. A case named "skip ..." must be left as it is by the transform; every other one changed.
// case: overflow caught
function f() { f() }
try { f() } catch (e) { return [e.name, e.message, e instanceof RangeError, e.constructor === RangeError].join('|') }
// case: overflow stack is a RangeError's
function f() { f() }
try { f() } catch (e) { return typeof e.stack === 'string' && e.stack.startsWith('RangeError: Maximum call stack size exceeded') }
// case: finally runs on overflow
const log = []
function f() { f() }
try { try { f() } finally { log.push('finally') } } catch (e) { log.push(e.name) }
return log.join()
// case: catch without binding
function f() { f() }
try { f() } catch { return 'caught' }
// case: runtime usable after overflow, three times
function f() { f() }
const out = []
for (let i = 0; i < 3; i++) {
  try { f() } catch (e) { out.push(e.name) }
  out.push([1, 2, 3].map((x) => x * 2).join('-'))
}
return out.join()
// case: overflow in catch caught by outer try
function f() { f() }
const r = []
try { try { f() } catch (e) { r.push('inner ' + e.name); f() } } catch (e) { r.push('outer ' + e.name) }
return r.join()
// case: recursion through a try at every level
function g(n) { try { return g(n + 1) } catch (e) { return e.name } }
return g(0)
// case: recursion through a try, 1000 levels
function g(n) { try { return n === 0 ? 0 : 1 + g(n - 1) } catch (e) { return -1 } }
return g(1000)
// case: return from try
function g() { try { return String('r') } catch { return 'c' } }
return g()
// case: bare return from try
function g() { let x = 'before'; try { if (String(x)) return; x = 'after' } catch {} return x }
return String(g())
// case: return with a comma expression
function g() { try { return Number(1), 2 } catch {} }
return g()
// case: return then finally
const x = []
function g() { try { return x.push(1), 'ret' } finally { x.push(2) } }
const r = g()
return r + x
// case: finally return wins
function g() { try { return Number(1) } finally { return 2 } }
return g()
// case: return value thrown while evaluated is caught
function g() { try { return JSON.parse('{') } catch (e) { return e.name } }
return g()
// case: break and continue in a loop
const out = []
for (let i = 0; i < 5; i++) { try { if (i === 1) continue; if (i === 3) break; out.push(i) } catch {} }
return out.join()
// case: labelled break and continue
const out = []
outer: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    try { if (j === 1) continue outer; if (i === 2) break outer; out.push(i + '' + j) } finally { out.push('f') }
  }
}
return out.join()
// case: break out of a labelled block
let r = 'a'
L: { try { r += String('b'); break L } catch {} r += 'x' }
return r + 'c'
// case: break in a switch
const out = []
for (const k of [1, 2]) {
  switch (k) {
    case 1: try { out.push('a'); break } catch {} out.push('no')
    case 2: out.push('b')
  }
}
return out.join()
// case: loops inside the block keep their own break
const out = []
try { for (let i = 0; i < 5; i++) { if (i === 2) break; out.push(i) } while (true) { break } out.push('end') } catch {}
return out.join()
// case: nested tries pass a return outward
function g() { try { try { return String('inner') } finally { } } catch {} }
return g()
// case: nested tries pass a bare return and a break outward
const out = []
function g() { for (let i = 0; i < 3; i++) { try { try { if (i === 1) break; out.push(i) } catch {} } catch {} } try { try { return } catch {} } finally { out.push('fin') } }
g()
return out.join()
// case: nested tries pass continue to a label two blocks out
const out = []
L: for (let i = 0; i < 3; i++) { try { for (const j of [0, 1]) { try { if (j === 1) continue L; out.push(i + ':' + j) } catch {} } } catch {} }
return out.join()
// case: this
const o = { v: 5, m() { try { return Number(this.v) * 2 } catch {} } }
return o.m()
// case: skip arguments
const o = { v: 5, m() { try { return this.v + arguments[0] } catch {} } }
return o.m(3)
// case: new.target
function C() { try { this.t = String(new.target === C) } catch {} }
return new C().t
// case: super
class A { m() { return 'A' } }
class B extends A { m() { try { return super.m() + 'B' } catch {} } }
return new B().m()
// case: functions and classes declared in the block
let r
try { function h() { return 'h' } class K { k() { return 'k' } } r = h() + new K().k() } catch {}
return r
// case: return inside a nested function is its own
let r
try { const h = () => { return 5 }; r = h() + (function () { return 1 })() } catch {}
return r
// case: other exceptions pass through unchanged
const r = []
try { throw new TypeError('x') } catch (e) { r.push(e instanceof TypeError, e.message) }
try { throw 42 } catch (e) { r.push(e) }
try { null.x } catch (e) { r.push(e.constructor.name) }
return r.join()
// case: async function without await in the block
async function a() { try { return Number(1) } catch {} }
return a().then((v) => 'async ' + v)
// case: skip await in the block
async function a() { try { const v = await Promise.resolve(1); return v + 1 } catch {} }
return a()
// case: skip var in the block
try { var v = 1 } catch {}
return v
// case: skip yield in the block
function* gen() { try { yield 1; yield 2 } finally {} }
return [...gen()].join()
// case: generator with a try block without yield
function* gen() { let r; try { r = String('x') } catch {} yield r }
return [...gen()].join()
// case: try in an arrow with a concise body
const h = (n) => { try { return Number(n) * 2 } catch {} }
return [1, 2].map((n) => h(n)).join()
// case: overflow caught inside a loop, then continue
function f() { f() }
const out = []
for (let i = 0; i < 3; i++) { try { if (i === 1) f(); out.push(i) } catch (e) { out.push(e.name); continue } out.push('after' + i) }
return out.join()
// case: skip a block without a call
let x = 0
for (let i = 0; i < 3; i++) { try { x += i } catch { x = -1 } }
return x
// case: super call in the block
class A { constructor(v) { this.v = v } }
class B extends A { constructor() { try { super(String('s')) } catch {} } }
return new B().v
// case: deep recursion through a try
function g(n) { try { return n === 0 ? 0 : 1 + g(n - 1) } catch (e) { return -1e9 } }
return g(9000)
