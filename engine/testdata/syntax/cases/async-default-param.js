async function f(g = async () => await Promise.resolve(5), h = async (x) => { const y = await x; return y + 1 }) { return [await g(), await h(1)] }
export default () => f()
