// pathpatterns.mjs: records what Next's own path matching answers for the cases in
// pathpatterns-cases.json, into pathpatterns.json (read by router/pathpattern_test.go).
//
//   node router/testdata/pathpatterns.mjs <project with node_modules/next>
//
// Any project where `npm install next@16` ran will do, e.g. the folder `KEEP=1
// e2e/nextjs/record.sh config-app` leaves behind.
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const here = path.dirname(new URL(import.meta.url).pathname)
const project = process.argv[2]
if (!project) throw new Error('usage: node pathpatterns.mjs <project with node_modules/next>')
const require = createRequire(path.join(path.resolve(project), 'package.json'))
const { pathToRegexp } = require('next/dist/compiled/path-to-regexp')
const { getPathMatch } = require('next/dist/shared/lib/router/utils/path-match')
const { modifyRouteRegex } = require('next/dist/lib/redirect-status')
const { prepareDestination } = require('next/dist/shared/lib/router/utils/prepare-destination')
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info')
const { getMiddlewareRouteMatcher } = require('next/dist/shared/lib/router/utils/middleware-route-matcher')
const version = require('next/package.json').version

const cases = JSON.parse(readFileSync(path.join(here, 'pathpatterns-cases.json'), 'utf8'))
const out = { next: version, sources: [], destinations: [], matchers: [] }
for (const c of cases.sources) {
  let regex = pathToRegexp(c.source, [], { delimiter: '/', strict: true, sensitive: false }).source
  const match = getPathMatch(c.source, {
    strict: true,
    removeUnnamedParams: true,
    regexModifier: (re) => (regex = modifyRouteRegex(re, c.redirect ? ['/_next'] : undefined)),
  })
  const matches = {}
  for (const p of c.paths) matches[p] = match(p)
  out.sources.push({ source: c.source, redirect: !!c.redirect, regex, matches })
}
for (const c of cases.destinations) {
  const { parsedDestination } = prepareDestination({
    appendParamsToQuery: !!c.rewrite,
    destination: c.destination,
    params: { ...c.params },
    query: { ...c.query },
  })
  out.destinations.push({ ...c, pathname: parsedDestination.pathname, hostname: parsedDestination.hostname || '', query: parsedDestination.query })
}
for (const c of cases.matchers) {
  const compiled = getMiddlewareMatchers(c.matcher, { basePath: c.basePath || '', i18n: undefined })
  const match = getMiddlewareRouteMatcher(compiled)
  const matches = {}
  for (const p of c.paths) matches[p] = match(p, { headers: {} }, {})
  out.matchers.push({ ...c, regexps: compiled.map((m) => m.regexp), matches })
}
writeFileSync(path.join(here, 'pathpatterns.json'), JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${out.sources.length} sources, ${out.destinations.length} destinations, ${out.matchers.length} matchers`)
