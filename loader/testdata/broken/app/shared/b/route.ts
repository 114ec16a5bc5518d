import { value } from '@/lib/broken'
export function POST() {
  return new Response(String(value))
}
