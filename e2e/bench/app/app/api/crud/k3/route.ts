import { NextResponse } from 'next/server'

export function GET() {
  return NextResponse.json({ route: 'k3', items: [] })
}

export async function POST(request: Request) {
  const body = await request.text()
  return new Response(body, { status: 201, headers: { 'content-type': 'text/plain' } })
}

export function PUT() {
  return new Response(null, { status: 204 })
}

export function DELETE() {
  return new Response(null, { status: 204, headers: { 'x-deleted': 'k3' } })
}
