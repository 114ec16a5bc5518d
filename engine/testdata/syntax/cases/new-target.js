function F() { return { nt: new.target === F } }
class B { constructor() { this.n = new.target.name } } class D extends B {}
export default () => [new F().nt, F().nt, new D().n]
