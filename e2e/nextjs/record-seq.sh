#!/usr/bin/env bash
# record-seq.sh <app>: record what real Next.js answers to the time-dependent request sequences of
# e2e/sequences/<app>.json (caching: ISR, revalidateTag, the data cache), into
# e2e/testdata/nextjs/sequences/<app>.json.
#
# As record.sh, but the routes' upstream is counter.mjs (every answer counts its path's requests, so the
# recording shows which fetches were cached), passed as UPSTREAM to `next build` and `next start`, and the
# replay is record-seq.mjs (steps in order, with pauses). Needs node >= 20.9, npm and the npm registry.
# KEEP=1 keeps the temp folder and prints its path.
set -euo pipefail

app=${1:?usage: record-seq.sh <app>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/e2e/nextjs
src=$root/fixtures/$app
seqs=$root/e2e/sequences/$app.json
out=$root/e2e/testdata/nextjs/sequences/$app.json
[[ -d $src ]] || { echo "no fixture $src" >&2; exit 2; }
[[ -f $seqs ]] || { echo "no sequences $seqs" >&2; exit 2; }
mkdir -p "$(dirname "$out")"

work=$(mktemp -d "${TMPDIR:-/tmp}/jsroute-record-seq-$app.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ ${KEEP:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

cp -R "$src/." "$work/"
cd "$work"
[[ -f package.json ]] || echo '{ "private": true }' > package.json
ls next.config.* >/dev/null 2>&1 || echo 'export default { typescript: { ignoreBuildErrors: true } }' > next.config.mjs
export NEXT_TELEMETRY_DISABLED=1
npm install --no-audit --no-fund --loglevel=error \
  "next@${NEXT_VERSION:-latest}" react react-dom typescript @types/react @types/node
version=$(node -p 'require("next/package.json").version')
echo "recording sequences of $app against next $version in $work" >&2

node "$here/counter.mjs" > upstream.out 2> upstream.log &
pids+=($!)
for _ in $(seq 100); do grep -q '^upstream ' upstream.out 2>/dev/null && break; sleep 0.1; done
export UPSTREAM=$(sed -n 's/^upstream //p' upstream.out)
[[ -n $UPSTREAM ]] || { echo "upstream did not start" >&2; exit 1; }

./node_modules/.bin/next build
port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
./node_modules/.bin/next start -p "$port" -H 127.0.0.1 > next.log 2>&1 &
pids+=($!)
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

node "$here/record-seq.mjs" --base "http://127.0.0.1:$port" --sequences "$seqs" --out "$out" --next "$version"
echo "--- upstream log (method path count)" >&2; cat upstream.log >&2
echo "--- next start log" >&2; cat next.log >&2
