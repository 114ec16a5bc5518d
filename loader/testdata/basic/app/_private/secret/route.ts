export function GET() {
  return new Response('never routed')
}
