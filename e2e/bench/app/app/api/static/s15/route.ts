export function GET() {
  return Response.json({ route: 's15', ok: true })
}
