export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return Response.json({ route: 'c1', path: (await params).path })
}
