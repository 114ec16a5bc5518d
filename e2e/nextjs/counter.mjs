// counter.mjs: the upstream of the sequence recordings (record-seq.sh).
//
//   node counter.mjs
//
// Listens on a free loopback port, prints "upstream http://127.0.0.1:PORT" once ready, and answers
// every request with {"path":"<path>","n":<how many requests that path has had>} as JSON, so a
// recording shows which fetches reached the network and which came from a cache. The Go twin is
// countingUpstream in e2e/sequence_test.go.
import { createServer } from 'node:http'

const counts = new Map()
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    const path = new URL(req.url, 'http://x').pathname
    const n = (counts.get(path) ?? 0) + 1
    counts.set(path, n)
    console.error(`${req.method} ${path} ${n}`)
    const body = JSON.stringify({ path, n })
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => console.log(`upstream http://127.0.0.1:${server.address().port}`))
