package loader

import (
	"fmt"
	"testing"
)

// fiftyRoutes writes an app of 50 small TypeScript routes that share one helper, like research/goja-esbuild.md
// §2.2's "50 routes: one Build, synthetic entry" case, and returns it with its route paths.
func fiftyRoutes(b *testing.B, broken bool) (App, []string) {
	root := b.TempDir()
	writeFile(b, root, "lib/util.ts", "export const tag = (s: string): string => `[${s}]`\n")
	var routes []string
	for i := range 50 {
		rel := fmt.Sprintf("api/r%02d/[id]/route.ts", i)
		src := fmt.Sprintf(`import { type NextRequest } from 'next/server'
import { cookies } from 'next/headers'
import { tag } from '../../../../lib/util'

export const dynamic = 'force-dynamic'

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const jar = await cookies()
  return Response.json({ route: %d, id: tag(id), token: jar.get('token')?.value ?? null })
}

export async function POST(request: Request) {
  const body = await request.json()
  return new Response(JSON.stringify({ route: %d, body }), { status: 201 })
}
`, i, i)
		if broken && i == 25 {
			src += "export const oops = (\n"
		}
		writeFile(b, root, "app/"+rel, src)
		routes = append(routes, rel)
	}
	return App{Root: root, AppDir: root + "/app"}, routes
}

func benchmarkBuild(b *testing.B, broken bool) {
	app, routes := fiftyRoutes(b, broken)
	b.ReportAllocs()
	for b.Loop() {
		bundle, err := Build(app, routes, Options{Dev: true})
		if err != nil {
			b.Fatal(err)
		}
		if want := 50 - len(bundle.Failed); len(bundle.Routes) != want || (broken && len(bundle.Failed) != 1) {
			b.Fatalf("built %d routes, %d failed", len(bundle.Routes), len(bundle.Failed))
		}
	}
}

// BenchmarkBuild50 is the normal path: one esbuild build for 50 routes.
func BenchmarkBuild50(b *testing.B) { benchmarkBuild(b, false) }

// BenchmarkBuild50OneBroken is the failure path: the failed build, the traced build, then the other 49.
func BenchmarkBuild50OneBroken(b *testing.B) { benchmarkBuild(b, true) }
