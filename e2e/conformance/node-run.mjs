#!/usr/bin/env node
// Runs the conformance checks of fixtures/conformance-app/checks under Node 20 and writes what
// they return to e2e/conformance/node-results.json: the expected results TestConformance holds
// jsroute to. Every check must pass here (the suite describes Node 20's behaviour); the script
// exits 1 and names the failures otherwise.
//
//   node e2e/conformance/node-run.mjs            # all areas, writes node-results.json
//   node e2e/conformance/node-run.mjs url dom    # some areas, prints only (writes nothing)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AREAS, checksOf } from '../../fixtures/conformance-app/checks/index.js';
import { runChecks } from '../../fixtures/conformance-app/checks/_run.js';

const here = dirname(fileURLToPath(import.meta.url));
// The checks run where jsroute runs them: process.cwd() is the app's root (node-io-edge reads its files).
process.chdir(join(here, '..', '..', 'fixtures', 'conformance-app'));
const areas = process.argv.slice(2).length ? process.argv.slice(2) : AREAS;

// A check that leaves a rejected promise unhandled must not take the run down; note it instead.
const stray = [];
process.on('unhandledRejection', (e) => stray.push(String(e && e.stack ? e.stack.split('\n')[0] : e)));

const results = {};
let failed = 0;
for (const area of areas) {
  const checks = checksOf(area);
  if (!checks) {
    console.error(`unknown area ${area}; areas: ${AREAS.join(', ')}`);
    process.exit(2);
  }
  const names = new Set();
  for (const ch of checks) {
    if (names.has(ch.name)) throw new Error(`${area}: duplicate check name ${ch.name}`);
    names.add(ch.name);
  }
  results[area] = await runChecks(checks);
  const bad = results[area].filter((r) => !r.ok);
  failed += bad.length;
  console.log(`${area}: ${results[area].length - bad.length}/${results[area].length} pass`);
  for (const r of bad) console.log(`  FAIL ${area}/${r.name}: ${r.error}`);
}
if (stray.length) console.log(`unhandled rejections during the run:\n  ${stray.join('\n  ')}`);

if (process.argv.slice(2).length) console.log(JSON.stringify(results, null, 1));
if (failed) {
  console.error(`${failed} check(s) fail on Node ${process.version}: fix or drop them`);
  process.exit(1);
}
if (process.argv.slice(2).length === 0) {
  // One check per line, so a changed expectation is a one-line diff.
  const areaText = (a) => `  ${JSON.stringify(a)}: [\n${results[a].map((r) => '    ' + JSON.stringify(r)).join(',\n')}\n  ]`;
  const text = `{\n "node": ${JSON.stringify(process.version)},\n "results": {\n${Object.keys(results).map(areaText).join(',\n')}\n }\n}\n`;
  JSON.parse(text);
  writeFileSync(join(here, 'node-results.json'), text);
  console.log(`wrote ${join(here, 'node-results.json')}`);
}
