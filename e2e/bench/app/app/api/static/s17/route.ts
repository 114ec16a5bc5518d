export function GET() {
  return Response.json({ route: 's17', ok: true })
}
