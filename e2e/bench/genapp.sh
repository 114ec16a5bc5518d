#!/usr/bin/env bash
# genapp.sh: (re)writes e2e/bench/app, the 51-route app the load benchmarks serve. Its output is
# committed; run this only to change the app.
#
# The five measured routes:
#   GET  /hello          new Response('hello')
#   POST /echo           Response.json(await request.json())           (a 1 KB JSON body)
#   GET  /items/[slug]   Response.json({ slug: (await params).slug })
#   GET  /stream         the spec's 3-chunk stream with two 200 ms sleeps, verbatim
#                        (spec/route-handlers.md "Streaming", the TypeScript block)
#   GET  /cached         new Response('hello') with dynamic = 'force-static': prerendered at start,
#                        every request a full-route cache hit that never enters JS (issue 9)
# and 46 filler routes of the shapes real apps have (static, dynamic, catch-all, route groups,
# several methods per file) so the router matches against a realistic table.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app=$here/app/app
rm -rf "$here/app"
mkdir -p "$app"

put() { mkdir -p "$(dirname "$app/$1")"; cat > "$app/$1"; }

put hello/route.ts <<'TS'
export function GET() {
  return new Response('hello')
}
TS

put echo/route.ts <<'TS'
export async function POST(request: Request) {
  return Response.json(await request.json())
}
TS

put 'items/[slug]/route.ts' <<'TS'
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return Response.json({ slug: (await params).slug })
}
TS

put cached/route.ts <<'TS'
export const dynamic = 'force-static'

export function GET() {
  return new Response('hello')
}
TS

# Verbatim from the spec (the TypeScript block of "Streaming").
put stream/route.ts <<'TS'
// https://developer.mozilla.org/docs/Web/API/ReadableStream#convert_async_iterator_to_stream
function iteratorToStream(iterator: any) {
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next()

      if (done) {
        controller.close()
      } else {
        controller.enqueue(value)
      }
    },
  })
}

function sleep(time: number) {
  return new Promise((resolve) => {
    setTimeout(resolve, time)
  })
}

const encoder = new TextEncoder()

async function* makeIterator() {
  yield encoder.encode('<p>One</p>')
  await sleep(200)
  yield encoder.encode('<p>Two</p>')
  await sleep(200)
  yield encoder.encode('<p>Three</p>')
}

export async function GET() {
  const iterator = makeIterator()
  const stream = iteratorToStream(iterator)

  return new Response(stream)
}
TS

# 20 static JSON routes.
for i in $(seq -w 1 20); do
  put "api/static/s$i/route.ts" <<TS
export function GET() {
  return Response.json({ route: 's$i', ok: true })
}
TS
done

# 10 dynamic routes, two segments each.
for i in $(seq -w 1 10); do
  put "api/dyn/d$i/[id]/posts/[postId]/route.ts" <<TS
export async function GET(request: Request, { params }: { params: Promise<{ id: string; postId: string }> }) {
  const { id, postId } = await params
  return Response.json({ route: 'd$i', id, postId })
}
TS
done

# 6 catch-all routes.
for i in $(seq -w 1 6); do
  put "api/docs/c$i/[...path]/route.ts" <<TS
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return Response.json({ route: 'c$i', path: (await params).path })
}
TS
done

# 5 routes inside a route group, reading the URL through NextRequest.
for i in $(seq -w 1 5); do
  put "(group)/api/grouped/g$i/route.ts" <<TS
import { type NextRequest } from 'next/server'

export function GET(request: NextRequest) {
  return Response.json({ route: 'g$i', q: request.nextUrl.searchParams.get('q') })
}
TS
done

# 5 CRUD routes with several methods and headers.
for i in $(seq -w 1 5); do
  put "api/crud/k$i/route.ts" <<TS
import { NextResponse } from 'next/server'

export function GET() {
  return NextResponse.json({ route: 'k$i', items: [] })
}

export async function POST(request: Request) {
  const body = await request.text()
  return new Response(body, { status: 201, headers: { 'content-type': 'text/plain' } })
}

export function PUT() {
  return new Response(null, { status: 204 })
}

export function DELETE() {
  return new Response(null, { status: 204, headers: { 'x-deleted': 'k$i' } })
}
TS
done

n=$(find "$app" -name 'route.ts' | wc -l)
echo "wrote $n routes under $app" >&2
