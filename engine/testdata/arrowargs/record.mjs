// Records Node's answers for cases.js into expected.json: node engine/testdata/arrowargs/record.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const dir = new URL('.', import.meta.url)
const cases = readFileSync(new URL('cases.js', dir), 'utf8').split(/^\/\/ case: /m).slice(1)
const out = {}
for (const c of cases) {
  const nl = c.indexOf('\n')
  const name = c.slice(0, nl)
  try {
    out[name] = String(await new Function(c.slice(nl + 1))())
  } catch (e) {
    out[name] = 'uncaught ' + String(e)
  }
}
writeFileSync(new URL('expected.json', dir), JSON.stringify({ node: process.version, results: out }, null, 2) + '\n')
