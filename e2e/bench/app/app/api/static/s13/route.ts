export function GET() {
  return Response.json({ route: 's13', ok: true })
}
