export function GET() {
  return Response.json({ route: 's10', ok: true })
}
