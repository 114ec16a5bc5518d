// Runs cases.js under Node and writes what it answers to cases.golden.json:
//   node webapi/wasm/testdata/record.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = dirname(fileURLToPath(import.meta.url))
const load = (name) => new Uint8Array(readFileSync(join(dir, name + '.wasm')))
const { cases, show } = new Function('load', readFileSync(join(dir, 'cases.js'), 'utf8') + '\nreturn { cases, show }')(load)
const out = {}
for (const [name, fn] of Object.entries(cases)) {
  try {
    out[name] = show(await fn())
  } catch (e) {
    out[name] = { uncaught: String(e) }
  }
}
writeFileSync(join(dir, 'cases.golden.json'), JSON.stringify(out, null, 1) + '\n')
