export function GET() {
  return Response.json({ route: 's03', ok: true })
}
