function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function* numbers() {
  yield 1
  await sleep(0)
  yield 2
  yield 3
}

export async function GET() {
  const seen: number[] = []
  for await (const n of numbers()) {
    seen.push(n)
  }
  return new Response(seen.join(','))
}
