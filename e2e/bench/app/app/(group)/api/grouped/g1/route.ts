import { type NextRequest } from 'next/server'

export function GET(request: NextRequest) {
  return Response.json({ route: 'g1', q: request.nextUrl.searchParams.get('q') })
}
