import { twice, flavour } from 'tiny-pkg'

export function GET() {
  return new Response(`${twice(21)} ${flavour}`)
}
