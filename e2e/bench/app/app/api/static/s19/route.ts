export function GET() {
  return Response.json({ route: 's19', ok: true })
}
