export function GET() {
  return Response.json({ route: 's14', ok: true })
}
