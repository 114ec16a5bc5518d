export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return Response.json({ slug: (await params).slug })
}
