// record.mjs: replays e2e/cases/<app>.json against a running server and writes what it answered.
//
//   node record.mjs --base http://127.0.0.1:PORT --cases cases.json --out answers.json --next 16.x.y
//
// Each case is sent once, in file order, over node:http (raw header list, no redirect following, no
// accept-encoding unless the case sets it). node:http upper-cases methods, so a case whose method is not
// upper case goes over a raw socket instead. The output format is described in e2e/README.md.
import http from 'node:http'
import net from 'node:net'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    cases: { type: 'string' },
    out: { type: 'string' },
    next: { type: 'string' },
  },
})
const base = new URL(args.base)
const cases = JSON.parse(readFileSync(args.cases, 'utf8'))
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const utf8 = new TextDecoder('utf-8', { fatal: true })

function caseBody(c) {
  if (c.bodyBase64 !== undefined) return Buffer.from(c.bodyBase64, 'base64')
  if (c.body !== undefined) return Buffer.from(c.body, 'utf8')
  return null
}

function answerOf(status, statusText, rawHeaders, bytes) {
  const headers = []
  for (let i = 0; i < rawHeaders.length; i += 2) {
    headers.push([rawHeaders[i].toLowerCase(), rawHeaders[i + 1]])
  }
  const answer = { status, statusText, headers }
  try {
    answer.body = utf8.decode(bytes)
  } catch {
    answer.bodyBase64 = bytes.toString('base64')
  }
  return answer
}

// sendRaw writes the request by hand on a fresh connection (Connection: close) and parses the answer:
// enough HTTP/1.1 for a status line, headers, and a content-length, chunked or until-close body.
function sendRaw(c) {
  return new Promise((resolve, reject) => {
    const body = caseBody(c)
    let head = `${c.method} ${c.path} HTTP/1.1\r\nHost: ${base.host}\r\nConnection: close\r\n`
    for (const [k, v] of Object.entries(c.headers ?? {})) head += `${k}: ${v}\r\n`
    if (body) head += `Content-Length: ${body.length}\r\n`
    const sock = net.connect(Number(base.port), base.hostname)
    const parts = []
    sock.setTimeout(30_000, () => sock.destroy(new Error(`${c.name}: timed out`)))
    sock.on('error', reject)
    sock.on('data', (b) => parts.push(b))
    sock.on('end', () => {
      const all = Buffer.concat(parts)
      const end = all.indexOf('\r\n\r\n')
      const lines = all.subarray(0, end).toString('latin1').split('\r\n')
      const status = Number(lines[0].split(' ')[1])
      const statusText = lines[0].split(' ').slice(2).join(' ')
      const raw = lines.slice(1).flatMap((l) => {
        const i = l.indexOf(':')
        return [l.slice(0, i), l.slice(i + 1).trim()]
      })
      let rest = all.subarray(end + 4)
      const te = raw.findIndex((v, i) => i % 2 === 0 && v.toLowerCase() === 'transfer-encoding')
      if (te >= 0 && raw[te + 1].toLowerCase() === 'chunked') {
        const out = []
        for (;;) {
          const eol = rest.indexOf('\r\n')
          const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16)
          if (!size) break
          out.push(rest.subarray(eol + 2, eol + 2 + size))
          rest = rest.subarray(eol + 2 + size + 2)
        }
        rest = Buffer.concat(out)
      }
      resolve(answerOf(status, statusText, raw, c.method === 'HEAD' ? Buffer.alloc(0) : rest))
    })
    sock.end(body ? Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), body]) : head + '\r\n')
  })
}

function send(c) {
  if (c.method !== c.method.toUpperCase()) return sendRaw(c)
  return new Promise((resolve, reject) => {
    const body = caseBody(c)
    const headers = { ...(c.headers ?? {}) }
    // node:http frames a DELETE/OPTIONS body with neither content-length nor chunked (they are not
    // chunked by default), so the server reads the body as the next request: say its length.
    if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) {
      headers['content-length'] = String(body.length)
    }
    const req = http.request({
      agent,
      host: base.hostname,
      port: base.port,
      method: c.method,
      path: c.path,
      headers,
    })
    req.setTimeout(30_000, () => req.destroy(new Error(`${c.name}: timed out`)))
    req.on('error', reject)
    req.on('response', (res) => {
      const start = performance.now()
      const chunks = []
      const parts = []
      res.on('data', (buf) => {
        parts.push(buf)
        if (c.stream) chunks.push({ atMs: Math.round(performance.now() - start), text: buf.toString('utf8') })
      })
      res.on('error', reject)
      res.on('end', () => {
        const answer = answerOf(res.statusCode, res.statusMessage, res.rawHeaders, Buffer.concat(parts))
        if (c.stream) answer.chunks = chunks
        resolve(answer)
      })
    })
    req.end(body ?? undefined)
  })
}

const answers = {}
const seen = new Set()
for (const c of cases) {
  if (seen.has(c.name)) throw new Error(`duplicate case name ${c.name}`)
  seen.add(c.name)
  answers[c.name] = await send(c)
  console.log(`${c.method} ${c.path} -> ${answers[c.name].status}  (${c.name})`)
}
agent.destroy()
writeFileSync(args.out, JSON.stringify({ next: args.next, answers }, null, 2) + '\n')
console.log(`wrote ${cases.length} answers to ${args.out}`)
