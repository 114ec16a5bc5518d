// Records how Next splits a Set-Cookie value holding several cookies (splitCookiesString in
// next/dist/server/web/utils.js, which its sendResponse applies) for engine/setcookie_test.go.
// Run from the repo root after fixtures/og-app/setup.sh: node engine/testdata/setcookie/record.mjs
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
const require = createRequire(new URL('../../../fixtures/og-app/package.json', import.meta.url))
const { splitCookiesString } = require('next/dist/server/web/utils.js')
const inputs = [
  '',
  'a=1',
  'a=1, b=2',
  'a=1; Path=/, b=2; HttpOnly',
  'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/, b=2',
  '  a=1,   b=2',
  'a=1,b=2,c=3',
  'a=1, not a cookie, b=2',
  'a=1, ; b',
  'a=1,, b=2',
  'a=1, =x',
  'a=1,\u00a0b=2',
  'a=1,\tb=2 ,c=3',
  'a=1,',
  ',a=1',
  'a=x,y; b=2, c=3',
]
const out = inputs.map((input) => ({ input, want: splitCookiesString(input) }))
writeFileSync(new URL('./cases.json', import.meta.url), JSON.stringify(out, null, 1) + '\n')
