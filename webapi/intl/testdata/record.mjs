// record.mjs evaluates every case of cases.mjs in Node (full ICU) and writes node-results.json, the
// expected answers intl_test.go compares goja's with. Re-record with:
//
//	node webapi/intl/testdata/record.mjs
//
// It re-runs itself with TZ=UTC and LANG=C.UTF-8 (jsroute's defaults: UTC unless TZ is set, and
// en-US as the default locale) so the answers do not depend on the machine.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cases, dateCases, otherCases, edgeCases, errorCases, randomCases, randomCases2 } from './cases.mjs';

if (process.env.TZ !== 'UTC' || process.env.LANG !== 'C.UTF-8' || process.env.LC_ALL !== undefined) {
  const env = { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8' };
  delete env.LC_ALL;
  const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname], { env, stdio: 'inherit' });
  process.exit(r.status);
}

const results = [];
for (const expr of [...cases(), ...dateCases(), ...otherCases(), ...edgeCases(), ...errorCases(), ...randomCases(), ...randomCases2()]) {
  let out;
  try {
    out = { value: JSON.stringify((0, eval)(expr)) };
  } catch (e) {
    out = { error: e.name };
  }
  results.push({ expr, ...out });
}
writeFileSync(new URL('./node-results.json', import.meta.url), JSON.stringify({
  node: process.version, icu: process.versions.icu, cldr: process.versions.cldr, results,
}, null, 1) + '\n');
console.log(`recorded ${results.length} cases with Node ${process.version} (ICU ${process.versions.icu})`);
