import { greet, version } from 'jsroute:host'

export async function GET(request: Request) {
  const name = new URL(request.url).searchParams.get('name') ?? ''
  try {
    return Response.json({ message: await greet(name), version })
  } catch (e) {
    return Response.json({ error: (e as Error).message }, { status: 400 })
  }
}
