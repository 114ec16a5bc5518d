export const dynamic = 'force-static'

export function GET() {
  return new Response('hello')
}
