const sum = (...xs) => xs.reduce((a, b) => a + b, 0)
export default () => { let x = 2; x **= 3; return [sum(...[1, 2], 3, ...new Set([4])), x, Math.max(...[1, 9, 3])] }
