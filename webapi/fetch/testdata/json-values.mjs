// Records what Node 20's JSON.parse gives for valid texts goja's own parser refuses (numbers past
// float64's range, which V8 reads as ±Infinity), with and without a reviver. json_test.go holds
// JSON.parse to them.
//
//   node webapi/fetch/testdata/json-values.mjs > webapi/fetch/testdata/json-values.json
const texts = ['1e400', '-1e400', '[1e400, -1e400, 1e-400, 2]', '{"a":1e999,"b":[2e308,{"c":-9e999}],"d":"x"}', '[1.7976931348623159e308]'];
const show = (v) => JSON.stringify(v, (k, x) => (typeof x === 'number' && !Number.isFinite(x) ? `number ${x}` : x));
// The reviver names each key it sees, drops "d" and turns infinities into strings.
const reviver = function (k, v) {
  seen.push(k);
  if (k === 'd') return undefined;
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
};
let seen;
const cases = texts.map((text) => {
  seen = [];
  const revived = show(JSON.parse(text, reviver));
  return { text, plain: show(JSON.parse(text)), revived, keys: seen.join(',') };
});
process.stdout.write(JSON.stringify({ node: process.version, cases }, null, 1) + '\n');
