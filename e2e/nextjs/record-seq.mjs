// record-seq.mjs: replays e2e/sequences/<app>.json against a running server and writes what it answered.
//
//   node record-seq.mjs --base http://127.0.0.1:PORT --sequences seq.json --out answers.json --next 16.x.y
//
// A sequence is a list of steps run in order, one at a time: a request (the fields of a case in
// e2e/cases, see e2e/README.md) or a pause ({"sleepMs": N}). Sequences run in file order on one server,
// so they share its caches and clock. Output: {"next", "sequences": {"<name>": [answer or null per
// step]}}, an answer as record.mjs writes it (status, statusText, headers in order, body), null for a pause.
import http from 'node:http'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    sequences: { type: 'string' },
    out: { type: 'string' },
    next: { type: 'string' },
  },
})
const base = new URL(args.base)
const sequences = JSON.parse(readFileSync(args.sequences, 'utf8'))
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

function send(step) {
  return new Promise((resolve, reject) => {
    const body = step.body !== undefined ? Buffer.from(step.body, 'utf8') : null
    const headers = { ...(step.headers ?? {}) }
    if (body) headers['content-length'] = String(body.length)
    const req = http.request({ host: base.hostname, port: base.port, method: step.method, path: step.path, headers, agent },
      (res) => {
        const parts = []
        res.on('data', (b) => parts.push(b))
        res.on('end', () => {
          const headers = []
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]])
          resolve({ status: res.statusCode, statusText: res.statusMessage, headers, body: Buffer.concat(parts).toString('utf8') })
        })
        res.on('error', reject)
      })
    req.on('error', reject)
    req.end(body ?? undefined)
  })
}

const out = { next: args.next, sequences: {} }
for (const seq of sequences) {
  const answers = []
  for (const step of seq.steps) {
    if (step.sleepMs !== undefined) {
      await sleep(step.sleepMs)
      answers.push(null)
      continue
    }
    const a = await send(step)
    answers.push(a)
    const cache = a.headers.find(([k]) => k === 'x-nextjs-cache')?.[1] ?? '-'
    console.error(`${seq.name}/${step.name}: ${a.status} ${cache} ${a.body.slice(0, 120)}`)
  }
  out.sequences[seq.name] = answers
}
writeFileSync(args.out, JSON.stringify(out, null, 1) + '\n')
