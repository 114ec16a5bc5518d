// Re-records want.json for every case folder here from the real @next/env that Next.js 16 uses:
//
//   npm install --prefix /tmp/nextref @next/env@16   # once
//   NEXT_ENV=/tmp/nextref/node_modules/@next/env node loader/testdata/env/record.mjs
//
// Each case folder holds .env files and case.json: {"mode": "development"|"production"|"test", "environ": {...}}.
// want.json maps every name the loaded files define to its final process.env value, which is what
// loader.LoadEnv returns. Each case runs in a fresh Node process whose environment is exactly case.environ.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const nextEnv = process.env.NEXT_ENV || '/tmp/nextref/node_modules/@next/env'

const child = `
const { loadEnvConfig } = require(${JSON.stringify(nextEnv)})
const [dir, mode] = process.argv.slice(1)
const quiet = { info() {}, error() {} }
const { combinedEnv, loadedEnvFiles } = loadEnvConfig(dir, mode === 'development', quiet)
const out = {}
for (const f of loadedEnvFiles) for (const k of Object.keys(f.env)) out[k] = combinedEnv[k]
process.stdout.write(JSON.stringify(out))
`

for (const name of readdirSync(here).sort()) {
  const dir = join(here, name)
  if (!statSync(dir).isDirectory()) continue
  const { mode, environ } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'))
  const got = execFileSync(process.execPath, ['-e', child, dir, mode], { env: environ })
  const sorted = Object.fromEntries(Object.entries(JSON.parse(got)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  writeFileSync(join(dir, 'want.json'), JSON.stringify(sorted, null, 2) + '\n')
  console.log(name, Object.keys(sorted).length)
}
