// A route that throws, to check that stack traces point at this file.
type Payload = { ok: boolean }

function check(p: Payload): void {
  if (!p.ok) {
    // keep the throw on a known line
    void 0
  }
}

export async function GET() {
  check({ ok: false })
  throw new Error('boom')
}
