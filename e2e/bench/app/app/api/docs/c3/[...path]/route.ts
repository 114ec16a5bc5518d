export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return Response.json({ route: 'c3', path: (await params).path })
}
