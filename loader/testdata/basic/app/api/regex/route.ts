export function GET() {
  const m = /b(c)/d.exec('abc')
  return new Response(JSON.stringify(m?.indices))
}

export function POST() {
  return new Response('regex-free')
}
