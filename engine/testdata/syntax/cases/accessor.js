class A { accessor x = 1; static accessor y = 'y' }
export default () => { const a = new A(); a.x = 5; return [a.x, A.y, typeof Object.getOwnPropertyDescriptor(A.prototype, 'x').get] }
