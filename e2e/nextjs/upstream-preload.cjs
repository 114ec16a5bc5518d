// upstream-preload.cjs: loaded into every Node process of `next build` and `next start` through
// NODE_OPTIONS="--require .../upstream-preload.cjs" (Next's build workers inherit NODE_OPTIONS).
//
// It wraps globalThis.fetch before Next patches it, so Next's fetch cache still sees the route's own URL,
// while the bytes come from the local upstream at $JSROUTE_UPSTREAM (e2e/nextjs/upstream.mjs). Every
// non-loopback http(s) URL is sent there, its original URL in the x-upstream-original-url header.
'use strict'

const upstream = process.env.JSROUTE_UPSTREAM
if (upstream && typeof globalThis.fetch === 'function') {
  const realFetch = globalThis.fetch
  const loopback = new Set(['localhost', '127.0.0.1', '[::1]'])

  globalThis.fetch = function fetch(input, init) {
    const original =
      typeof input === 'string' ? input : input instanceof URL ? input.href : input && input.url
    let url
    try {
      url = new URL(original)
    } catch {
      return realFetch.call(this, input, init)
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || loopback.has(url.hostname)) {
      return realFetch.call(this, input, init)
    }
    const target = new URL(url.pathname + url.search, upstream)
    const request = new Request(input, init)
    const headers = new Headers(request.headers)
    headers.set('x-upstream-original-url', url.href)
    const rerouted = new Request(target, {
      method: request.method,
      headers,
      body: request.body,
      duplex: 'half',
      redirect: 'manual',
      signal: request.signal,
    })
    return realFetch.call(this, rerouted)
  }
}
