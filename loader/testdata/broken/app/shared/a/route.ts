import { value } from '../../../lib/broken'
export function GET() {
  return new Response(String(value))
}
