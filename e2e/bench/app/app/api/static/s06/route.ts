export function GET() {
  return Response.json({ route: 's06', ok: true })
}
