const k = 'dyn'; const base = { hi() { return 'base hi' } }
const obj = { __proto__: base, [k + 1]: 1, [`t${2}`]: 2, hi() { return super.hi() + '!' }, get [k]() { return 'getter' } }
export default () => [obj.dyn1, obj.t2, obj.hi(), obj.dyn, Object.keys(obj)]
