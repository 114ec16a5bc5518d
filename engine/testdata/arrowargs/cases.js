// Table of the arrow-arguments fix (loader/arrowargs.go): each case is the body of a sloppy function whose
// result (awaited when it is a promise) engine/arrowargs_test.go compares with Node 20's, recorded in
// expected.json by record.mjs. A case named "plain ..." must be left as it is by the fix; every other one
// changed. Unfixed, goja panics in Go or answers wrongly on the others (e2e/bench/README.md, goja findings).
// case: arrow reads an argument
function f(a) { return (() => arguments[0])() }
return f(42)
// case: strict function
function f(a) { 'use strict'; return (() => arguments[0])() }
return f(42)
// case: with a lexical variable
function f(a) { let x = 1; return (() => arguments[0] + x)() }
return f(42)
// case: callback of map
function f(a) { return [1].map(() => arguments[0])[0] }
return f(42)
// case: debounce pattern
function deb(fn) { return function () { return (() => fn.apply(this, arguments))() } }
return deb((a, b) => a + b)(1, 2)
// case: forEach assigns a let
return (function () { let r; [1].forEach(() => { r = arguments[0] }); return r })('v')
// case: arrow stored in a const
return (function () { let r; const g = () => { r = arguments[0] }; g(); return r })('v')
// case: arrow in an arrow
function f(a) { return (() => (() => arguments[0])())() }
return f(42)
// case: arguments in an arrow's default parameter
function f(a) { return ((x = arguments[0]) => x)() }
return f(42)
// case: arrow in the function's default parameter
function f(a, g = () => arguments[0]) { return g() + ':' + g.length }
return f(42)
// case: block-bodied arrow in a default parameter, later parameters
function f(a, g = () => { return arguments.length }, h = 3) { return [g(), h, f.length].join() }
return f(1, undefined)
// case: arrow in a destructuring default parameter
function f(a, { g = () => arguments[0] } = {}) { return g() }
return f(42)
// case: class method
class C { m(a) { return (() => arguments[0])() } }
return new C().m(42)
// case: static method
class C { static m(a) { return (() => arguments[0])() } }
return C.m(42)
// case: constructor
class C { constructor(a) { this.v = (() => arguments[0])() } }
return new C(42).v
// case: derived constructor before super
class B { constructor(x) { this.x = x } }
class C extends B { constructor(a) { const g = () => arguments[0]; super(g() + 1) } }
return new C(41).x
// case: getter
const o = { get g() { return (() => arguments.length)() } }
return o.g
// case: setter
const o = { set s(v) { this.v = (() => arguments[0])() } }
o.s = 42
return o.v
// case: object method shorthand
const o = { m(a) { return (() => arguments[0])() } }
return o.m(42)
// case: async function
async function f(a) { return (() => arguments[0])() }
return f(42)
// case: async function, arrow after await (a needless read)
async function f(a) { await null; return (() => arguments[0])() }
return f(42)
// case: async arrow inside
async function f(a) { const g = async () => { await null; return arguments[0] }; return g() }
return f(42)
// case: generator
function* f(a) { yield (() => arguments[0])() }
return f(42).next().value
// case: arguments.length
function f(a) { return (() => arguments.length)() }
return f(1, 2, 3)
// case: spread of arguments
function f() { return (() => Math.max(...arguments))() }
return f(3, 9, 4)
// case: shorthand property
function f(a) { return (() => ({ arguments }))().arguments[0] }
return f(42)
// case: nested function has its own
function f(a) { function g(b) { return (() => arguments[0])() } return g(7) + a }
return f(42)
// case: nested function beside an arrow of the outer one
function f(a) { function g(b) { return arguments[0] } return (() => g(7) + arguments[0])() }
return f(42)
// case: reference after the arrow
function f(a) { const g = () => arguments[0]; arguments; return g() }
return f(42)
// case: arrow in a block
function f(a) { { let y = 2; return (() => arguments[0] + y)() } }
return f(42)
// case: mapped arguments follow the parameter
function f(a) { a = 5; return (() => arguments[0])() }
return f(42)
// case: arrow writes arguments
function f(a) { (() => { arguments[0] = 7 })(); return a }
return f(42)
// case: var arguments in the body
function f(a) { var arguments; return (() => arguments[0])() }
return f(42)
// case: function expression assigned
const f = function (a) { return [1, 2].map((x) => x + arguments[0]).join() }
return f(10)
// case: arguments in a template in an arrow
function f(a) { return (() => `${arguments[0]}!`)() }
return f(42)
// case: two functions in one file
function f(a) { return (() => arguments[0])() }
function g(a) { 'use strict'; return (() => arguments[0] * 2)() }
return f(1) + g(2)
// case: arrow's own const arguments (a needless read)
function f(a) { return (() => { const arguments = 5; return arguments })() }
return f(42)
// case: plain parameter named arguments
function f(arguments) { return (() => arguments)() }
return f(42)
// case: plain let arguments in the body
function f(a) { let arguments = 1; return (() => arguments)() }
return f(42)
// case: the function names arguments first (a needless read)
function f(a) { arguments; return (() => arguments[0])() }
return f(42)
// case: plain property named arguments
function f(a) { return (() => a.arguments)() }
return f({ arguments: 'p' })
