export default () => { const o = { _v: 1, get v() { return this._v }, set v(x) { this._v = x * 2 } }; o.v = 5; class P { static get s() { return 's' } } return [o.v, P.s] }
