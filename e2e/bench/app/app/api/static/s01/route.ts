export function GET() {
  return Response.json({ route: 's01', ok: true })
}
