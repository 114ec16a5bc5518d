// upstream.mjs: a local stand-in for the internet while real Next.js is recorded.
//
//   node upstream.mjs <answers.json>
//
// Listens on a free loopback port, prints "upstream http://127.0.0.1:PORT" once ready, and answers each
// request from the canned answers file (format: e2e/testdata/upstream/README.md). The Go twin in
// e2e/upstream_test.go must produce the same bytes.
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const answers = JSON.parse(readFileSync(process.argv[2], 'utf8'))

// originalURL recovers the URL the route fetched: the preload sends it in x-upstream-original-url.
function originalURL(req) {
  const sent = req.headers['x-upstream-original-url']
  if (sent) return sent
  return `https://${req.headers.host}${req.url}`
}

// fill replaces ${header:Name} with the request header as a JSON string literal, or null.
function fill(body, req) {
  return body.replace(/\$\{header:([A-Za-z0-9-]+)\}/g, (_, name) => {
    const v = req.headers[name.toLowerCase()]
    return v === undefined ? 'null' : JSON.stringify(v)
  })
}

const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    const url = originalURL(req)
    const answer = answers[url]
    if (!answer) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`no canned upstream answer for ${url}\n`)
      return
    }
    const body = Buffer.from(fill(answer.body, req), 'utf8')
    const headers = [...answer.headers, ['content-length', String(body.length)]]
    res.writeHead(answer.status, headers.flat())
    res.end(body)
    process.stderr.write(`upstream: ${req.method} ${url} -> ${answer.status}\n`)
  })
})

server.listen(0, '127.0.0.1', () => {
  console.log(`upstream http://127.0.0.1:${server.address().port}`)
})
