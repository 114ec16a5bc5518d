export function GET() {
  return Response.json({ route: 's11', ok: true })
}
