export function GET() {
  return Response.json({ route: 's12', ok: true })
}
