export function GET() {
  return Response.json({ route: 's02', ok: true })
}
