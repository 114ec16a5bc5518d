package engine

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
)

// An npm-style package's debounce and throttle (an arrow in the returned function forwards `this` and
// `arguments`, the lodash-style pattern) answer in a route as in Node 20: the loader fixes the package's
// file too (loader/arrowargs.go). Unfixed, goja answers NaN or panics. Node runs the same lib/run.js.
func TestArrowArgumentsPackage(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir := t.TempDir()
	writeTestFile(t, dir, "node_modules/arrow-timing/package.json", `{"name": "arrow-timing", "version": "1.0.0", "main": "index.js"}`)
	writeTestFile(t, dir, "node_modules/arrow-timing/index.js", `'use strict'
function debounce(fn, wait) {
  let timer
  return function () {
    clearTimeout(timer)
    timer = setTimeout(() => fn.apply(this, arguments), wait)
  }
}
function throttle(fn, wait) {
  let last = -Infinity
  return function () {
    const now = Date.now()
    if (now - last < wait) return undefined
    last = now
    return (() => fn.apply(this, arguments))()
  }
}
function memoize(fn) {
  const cache = new Map()
  return function () {
    const key = () => Array.prototype.join.call(arguments, ',')
    if (!cache.has(key())) cache.set(key(), fn.apply(this, arguments))
    return cache.get(key())
  }
}
module.exports = { debounce, throttle, memoize }
`)
	writeTestFile(t, dir, "lib/run.js", `const { debounce, throttle, memoize } = require('arrow-timing')
exports.run = async function () {
  const sum = await new Promise((resolve) => {
    const d = debounce((a, b) => resolve(a + b), 5)
    d(1, 2)
    d(3, 4)
  })
  const o = { tag: 't', f: throttle(function (x) { return this.tag + x + arguments.length }, 60000) }
  let calls = 0
  const m = memoize((a, b) => (calls++, a * b))
  return [sum, o.f(1, 2), o.f(3), m(6, 7), m(6, 7), calls].join('|')
}
`)
	writeTestFile(t, dir, "app/route.ts", "import { run } from '../lib/run.js'\nexport async function GET() { return new Response(await run()) }\n")
	cmd := exec.Command(node, "-e", "require('./lib/run.js').run().then((s) => process.stdout.write(s))")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	want := string(out)
	if !strings.HasPrefix(want, "7|t12|") {
		t.Fatalf("node answered %q", want)
	}
	for _, dev := range []bool{false, true} {
		e, err := New(Options{Dir: dir, Dev: dev, Workers: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Environ: []string{}})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		e.Close()
		if rec.Code != 200 || rec.Body.String() != want {
			t.Errorf("dev %v: GET / = %d %q, want Node's %q", dev, rec.Code, rec.Body.String(), want)
		}
	}
}
