import { type NextRequest } from 'next/server'
import { greet } from '@/lib/greet'
import { shout } from './shout'

interface Reply {
  message: string
}

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest) {
  const reply: Reply = { message: shout(greet('jsroute')) }
  return Response.json(reply)
}
