#!/usr/bin/env bash
# record.sh <app>: record what real Next.js answers to e2e/cases/<app>.json.
#
# Copies fixtures/<app> to a temp folder (the fixture is never touched), installs
# next@${NEXT_VERSION:-latest} react react-dom typescript @types/react @types/node there, starts the local
# upstream (e2e/nextjs/upstream.mjs) and points every Node process at it with
# NODE_OPTIONS=--require e2e/nextjs/upstream-preload.cjs, runs `next build` and `next start` on a free
# loopback port, replays the cases with record.mjs and writes e2e/testdata/nextjs/<app>.json.
#
# Needs node >= 20.9, npm and the npm registry. KEEP=1 keeps the temp folder and prints its path.
# NEXT_BUILD_ARGS is passed to `next build` (contentful-app needs --webpack: Turbopack cannot build a
# package importing `next/navigation.js`, see NOTES.md).
set -euo pipefail

app=${1:?usage: record.sh <app>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/e2e/nextjs
src=$root/fixtures/$app
cases=$root/e2e/cases/$app.json
out=$root/e2e/testdata/nextjs/$app.json
[[ -d $src ]] || { echo "no fixture $src" >&2; exit 2; }
[[ -f $cases ]] || { echo "no cases $cases" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/jsroute-record-$app.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ ${KEEP:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

# 1. A private copy with what Next needs.
cp -R "$src/." "$work/"
cd "$work"
[[ -f package.json ]] || echo '{ "private": true }' > package.json
if ! ls next.config.* >/dev/null 2>&1; then
  # The spec's "Segment Config Options" TS example exports no handler; Next's build-time type check rejects
  # it (TS2559, see NOTES.md). Skip the type check so the verbatim example can still be served.
  echo 'export default { typescript: { ignoreBuildErrors: true } }' > next.config.mjs
fi
export NEXT_TELEMETRY_DISABLED=1
npm install --no-audit --no-fund --loglevel=error \
  "next@${NEXT_VERSION:-latest}" react react-dom typescript @types/react @types/node
version=$(node -p 'require("next/package.json").version')
echo "recording $app against next $version in $work" >&2

# 2. The local upstream, and every Node process's fetch pointed at it.
node "$here/upstream.mjs" "$root/e2e/testdata/upstream/answers.json" > upstream.out 2> upstream.log &
pids+=($!)
for _ in $(seq 100); do grep -q '^upstream ' upstream.out 2>/dev/null && break; sleep 0.1; done
upstream=$(sed -n 's/^upstream //p' upstream.out)
[[ -n $upstream ]] || { echo "upstream did not start" >&2; cat upstream.log >&2; exit 1; }
export JSROUTE_UPSTREAM=$upstream
export NODE_OPTIONS="--require $here/upstream-preload.cjs${NODE_OPTIONS:+ $NODE_OPTIONS}"

# 3. Build, then serve on a free loopback port.
./node_modules/.bin/next build ${NEXT_BUILD_ARGS:-}
port=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
./node_modules/.bin/next start -p "$port" -H 127.0.0.1 > next.log 2>&1 &
pids+=($!)
for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done

# 4. Replay (record.mjs needs no fetch redirection itself).
NODE_OPTIONS= node "$here/record.mjs" --base "http://127.0.0.1:$port" --cases "$cases" --out "$out" \
  --next "$version"
echo "--- upstream log" >&2; cat upstream.log >&2
echo "--- next start log" >&2; cat next.log >&2
