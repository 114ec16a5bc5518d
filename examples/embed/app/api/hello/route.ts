import { greet } from 'jsroute:host'

// GET /api/hello?name=... answers with a greeting made in Go.
export async function GET(request: Request) {
  const name = new URL(request.url).searchParams.get('name') ?? 'world'
  return Response.json({ message: await greet(name), runtime: process.env.NEXT_RUNTIME })
}
