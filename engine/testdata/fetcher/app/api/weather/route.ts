export async function GET() {
  const res = await fetch('https://weather.example/today')
  return new Response(`upstream said ${res.status}: ${await res.text()}`)
}
