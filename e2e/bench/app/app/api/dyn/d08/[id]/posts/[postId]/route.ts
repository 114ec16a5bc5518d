export async function GET(request: Request, { params }: { params: Promise<{ id: string; postId: string }> }) {
  const { id, postId } = await params
  return Response.json({ route: 'd08', id, postId })
}
