export function GET() {
  return Response.json({ route: 's08', ok: true })
}
