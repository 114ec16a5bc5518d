export function GET() {
  return Response.json({ route: 's05', ok: true })
}
