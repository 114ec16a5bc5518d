export function GET() {
  return Response.json({ route: 's16', ok: true })
}
