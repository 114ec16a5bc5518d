// Records Node's answers for the syntax corpus: node record.mjs > node.json (Node 20).
// A case Node 20 cannot parse (decorators, accessor, using: later than Node 20) is run after esbuild lowers it
// for node20, when ESBUILD names an esbuild binary of the version jsroute pins (0.28.2:
// `npm install --prefix /tmp/esb esbuild@0.28.2`, ESBUILD=/tmp/esb/node_modules/.bin/esbuild); that answer is
// Node's for esbuild's lowering. Any other failure is recorded as {"error": "<name>: <message>"}.
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
const lowered = mkdtempSync(join(tmpdir(), 'syntax-'))
const out = {}
for (const f of readdirSync(new URL('./cases/', import.meta.url)).filter((f) => f.endsWith('.js')).sort()) {
  const name = f.replace(/\.js$/, '')
  try {
    let mod
    try {
      mod = await import('./cases/' + f)
    } catch (e) {
      if (!(e instanceof SyntaxError) || !process.env.ESBUILD) throw e
      const dst = join(lowered, f.replace(/\.js$/, '.mjs'))
      execFileSync(process.env.ESBUILD, [new URL('./cases/' + f, import.meta.url).pathname, '--target=node20', '--format=esm', '--outfile=' + dst])
      mod = await import(pathToFileURL(dst))
    }
    out[name] = JSON.parse(JSON.stringify(await mod.default()))
  } catch (e) {
    out[name] = { error: e.name + ': ' + e.message }
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n')
