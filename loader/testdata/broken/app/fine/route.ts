import { value } from '../../lib/fine'
export function GET() {
  return new Response(String(value))
}
