import Image from 'next/image'

export function GET() {
  return new Response(String(Image))
}
