class C { a = 1; static s = 2; #p = 3; static #sp = 4; get p() { return this.#p } static sp() { return C.#sp } #m() { return 5 } m() { return this.#m() } static has(o) { return #p in o } }
export default () => [new C().a, C.s, new C().p, C.sp(), new C().m(), C.has(new C()), C.has({})]
