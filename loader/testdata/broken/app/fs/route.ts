import fs from 'fs'
import { readFileSync } from 'node:fs'

export function GET() {
  return new Response(fs.readFileSync('/etc/hostname', 'utf8') + '|' + readFileSync('/etc/hostname'))
}
