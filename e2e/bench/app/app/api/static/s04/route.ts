export function GET() {
  return Response.json({ route: 's04', ok: true })
}
