class K { get = (k) => 'g' + k; set = 2; async = 3; static = 4; static static = 5; static get = 6; static set = 7; static async = 8; await = 9; of = 10 }
export default () => { const k = new K(); return [k.get(1), k.set, k.async, k.static, K.static, K.get, K.set, K.async, k.await, k.of] }
