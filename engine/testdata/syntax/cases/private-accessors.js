class A { #v = 1; get #x() { return this.#v * 10 } set #x(v) { this.#v = v } bump() { this.#x = 7; return this.#x } static #count = 0; static inc() { return ++A.#count } }
export default () => [new A().bump(), A.inc(), A.inc()]
