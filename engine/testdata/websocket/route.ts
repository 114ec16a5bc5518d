export async function GET(request: Request) {
  const target = new URL(request.url).searchParams.get('to')!
  const ws = new WebSocket(target)
  const reply = await new Promise<string>((resolve, reject) => {
    ws.onopen = () => ws.send('ping')
    ws.onmessage = (e) => {
      resolve(String(e.data))
      ws.close()
    }
    ws.onerror = () => reject(new Error('ws error'))
  })
  return Response.json({ reply, type: typeof WebSocket })
}
