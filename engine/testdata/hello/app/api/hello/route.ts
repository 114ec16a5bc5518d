import { type NextRequest } from 'next/server'

export async function GET(request: NextRequest) {
  const name = request.nextUrl.searchParams.get('name') ?? 'world'
  return Response.json({ hello: name, key: process.env.GREETING_KEY })
}
