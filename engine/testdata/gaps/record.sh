#!/bin/sh
# Records Node's answer to gaps.js (the goja gaps the prelude fixes) into node.json; run from anywhere.
# TestPreludeFixes runs the same file as a route and compares.
set -e
cd "$(dirname "$0")"
node -e "$(cat gaps.js); process.stdout.write(JSON.stringify(out) + '\n')" > node.json
node --version
