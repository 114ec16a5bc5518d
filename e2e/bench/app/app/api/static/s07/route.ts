export function GET() {
  return Response.json({ route: 's07', ok: true })
}
