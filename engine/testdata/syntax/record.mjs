// Records Node's answers for the syntax corpus: node record.mjs > node.json (Node 20).
// A case Node cannot import is recorded as {"error": "<name>: <message>"}.
import { readdirSync } from 'node:fs'
const out = {}
for (const f of readdirSync(new URL('./cases/', import.meta.url)).filter((f) => f.endsWith('.js')).sort()) {
  const name = f.replace(/\.js$/, '')
  try {
    const mod = await import('./cases/' + f)
    out[name] = JSON.parse(JSON.stringify(await mod.default()))
  } catch (e) {
    out[name] = { error: e.name + ': ' + e.message }
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + '\n')
