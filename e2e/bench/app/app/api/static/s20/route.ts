export function GET() {
  return Response.json({ route: 's20', ok: true })
}
