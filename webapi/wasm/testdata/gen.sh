#!/bin/sh
# Regenerates the .wasm test modules from the .wat sources (Debian: apt-get install wabt).
# wabt 1.0.32 has no @custom annotation, so start.wasm's two custom sections are appended here.
set -e
cd "$(dirname "$0")"
for f in *.wat; do
	wat2wasm --enable-all "$f" -o "${f%.wat}.wasm"
done
printf '\000\024\007jsroutecustom bytes' >>start.wasm
printf '\000\013\007jsroutetwo' >>start.wasm
node gen-checks-data.mjs
