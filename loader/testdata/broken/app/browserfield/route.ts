import { hasFs } from 'uses-fs'

export function GET() {
  return new Response(String(hasFs))
}
