import fs from 'fs'

export function GET() {
  return new Response(fs.readFileSync('/etc/hostname', 'utf8'))
}
