export function GET() {
  return Response.json({ route: 's18', ok: true })
}
