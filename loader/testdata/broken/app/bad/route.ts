export function GET() {
  const ok = 1
  const a b = 2
  return new Response('bad')
}
