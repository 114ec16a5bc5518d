// Records what Node 20 says when JSON.parse and Body.json() reject a text: the SyntaxError messages V8
// builds (json-parser.cc: the token, its position in UTF-16 units, and up to 10 units of context on each
// side of it for a text over 21 units). json_errors_test.go holds goja to them.
//
//   node webapi/fetch/testdata/json-errors.mjs > webapi/fetch/testdata/json-errors.json
const inputs = [
  '', ' ', '\n\t', '{', '{nope', '{,}', '{1:2}', '{"a":}', '{"a"', '{"a":', '{"a":1', '{"a" 1}', '{"a":1 "b":2}',
  '{"a":1,}', '{"a":"b" "c"}', '{"json":{"text":1}', '[', '[1', '["a"', '[1 2]', '[1,]', '[1,,2]', '[,1]', '["a" "b"]',
  '[]]', '{"a":1}}', '{"a":1}x', '[0]x', '1 2', '"a" "b"', 'nullx', 'true false', '0x10', '[1,2]\u0000',
  '01', '-01', '00', '-', '-a', '[-]', '{"a":-}', '1.', '1.e', '1.5.', '1e', '1e+', '1E-x', '.5', '+1',
  'tru', 'nul', 'fals', 'tx', 'nuLL', 'tr1', 'n"', '[true,fals]', '{"a":tru}', 'True',
  '"abc', '"\\', '"\\x"', '"\\u', '"\\u12"', '"\\u12x4"', '"\\uZZZZ"', '"a\nb"', '"\u0001"', '"\t"', '"\u001f"',
  'x', 'é', '🚀', '"ok"🚀', '\u2028', '\ufeff[1]', "'a'", 'NaN', 'Infinity', '-Infinity', 'undefined',
  '[object Object]', '[object Array]', 'null null', 'hello world', '<html><body>Not Found</body></html>',
  '<!DOCTYPE html>', 'x' + ' '.repeat(19), 'x' + ' '.repeat(20), 'x' + ' '.repeat(21), ' '.repeat(9) + 'x' + ' '.repeat(11),
  ' '.repeat(10) + 'x' + ' '.repeat(10), ' '.repeat(11) + 'x' + ' '.repeat(10), ' '.repeat(11) + 'x' + ' '.repeat(9),
  ' '.repeat(30) + 'x' + ' '.repeat(30), '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,x]',
  '{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",}',
  'a'.repeat(90), '{"a":1}' + ' '.repeat(87) + 'x', ' '.repeat(52) + 'x', '["🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", x]',
  '{"emoji":"🚀"} x', '[' + '1,'.repeat(30) + ']', '['.repeat(50), '{"a":[{"b":[1,2}]}',
];
const message = (f) => {
  try {
    f();
    return null;
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
};
const cases = [];
for (const text of inputs) {
  const parse = message(() => JSON.parse(text));
  let body;
  try {
    await new Response(text).json();
    body = null;
  } catch (e) {
    body = `${e.name}: ${e.message}`;
  }
  cases.push({ text, parse, body });
}
process.stdout.write(JSON.stringify({ node: process.version, cases }, null, 1) + '\n');
