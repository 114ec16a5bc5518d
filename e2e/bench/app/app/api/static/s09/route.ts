export function GET() {
  return Response.json({ route: 's09', ok: true })
}
