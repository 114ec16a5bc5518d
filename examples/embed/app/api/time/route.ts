import { startedAt } from 'jsroute:host'

export function GET() {
  return Response.json({ startedAt })
}
