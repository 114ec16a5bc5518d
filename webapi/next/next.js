// The next/* host modules (next/server, next/headers, next/navigation, next/cache) as route
// handlers import them. Runs once per runtime, after the Web classes, with `host` giving the
// Go side: the current request's scope and the cookie classes from cookies.js.
(function (host) {
  'use strict'
  const kCookies = Symbol('cookies')
  const kNextUrl = Symbol('nextUrl')
  const { RequestCookies, ResponseCookies } = host

  // NextURL: the URL of request.nextUrl (next/server). jsroute has no basePath, i18n or build id.
  // Its search is re-serialised from searchParams, as Next's NextURL does (`?b` reads `?b=`).
  class NextURL extends URL {
    constructor(input, base) {
      super(input, base)
      if (this.search) {
        const s = this.searchParams.toString()
        this.search = s ? '?' + s : ''
      }
    }
    get basePath() { return '' }
    get buildId() { return undefined }
    get locale() { return '' }
    get defaultLocale() { return undefined }
    get domainLocale() { return undefined }
    clone() { return new NextURL(this.href) }
  }

  class NextRequest extends Request {
    constructor(input, init = {}) {
      super(input, init)
    }
    get cookies() {
      return this[kCookies] || (this[kCookies] = new RequestCookies(this.headers))
    }
    get nextUrl() {
      return this[kNextUrl] || (this[kNextUrl] = new NextURL(this.url))
    }
    // Next 16's messages (its RemovedPageError and RemovedUAError, both named "Error"), as a handler
    // reading them sees them (e2e reqedge-app ri-*).
    get page() {
      throw new Error('The request.page has been deprecated in favour of `URLPattern`.\n  Read more: https://nextjs.org/docs/messages/middleware-request-page\n  ')
    }
    get ua() {
      throw new Error('The request.ua has been removed in favour of `userAgent` function.\n  Read more: https://nextjs.org/docs/messages/middleware-parse-user-agent\n  ')
    }
  }

  const REDIRECTS = new Set([301, 302, 303, 307, 308])

  function validateURL(url) {
    try {
      return String(new URL(String(url)))
    } catch (error) {
      throw new Error(`URL is malformed "${String(url)}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`, { cause: error })
    }
  }

  function middlewareHeaders(init, headers) {
    if (init && init.request && init.request.headers) {
      const keys = []
      for (const [key, value] of init.request.headers) {
        headers.set('x-middleware-request-' + key, value)
        keys.push(key)
      }
      headers.set('x-middleware-override-headers', keys.join(','))
    }
  }

  class NextResponse extends Response {
    constructor(body, init = {}) {
      super(body, init)
    }
    get cookies() {
      return this[kCookies] || (this[kCookies] = new ResponseCookies(this.headers))
    }
    static redirect(url, init) {
      const status = typeof init === 'number' ? init : (init && init.status) ?? 307
      if (!REDIRECTS.has(status)) {
        throw new RangeError('Failed to execute "redirect" on "response": Invalid status code')
      }
      const initObj = typeof init === 'object' ? init : {}
      const headers = new Headers(initObj && initObj.headers)
      headers.set('Location', validateURL(url))
      return new NextResponse(null, { ...initObj, headers, status })
    }
    static rewrite(destination, init) {
      const headers = new Headers(init && init.headers)
      headers.set('x-middleware-rewrite', validateURL(destination))
      middlewareHeaders(init, headers)
      return new NextResponse(null, { ...init, headers })
    }
    static next(init) {
      const headers = new Headers(init && init.headers)
      headers.set('x-middleware-next', '1')
      middlewareHeaders(init, headers)
      return new NextResponse(null, { ...init, headers })
    }
  }

  // ---- next/headers ----

  class ReadonlyHeadersError extends Error {
    constructor() {
      super('Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers')
    }
  }

  function scope(name) {
    const s = host.scope(name)
    if (!s) {
      throw new Error(`\`${name}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`)
    }
    return s
  }

  function mutableStore(s) {
    if (!s.cookies) {
      const m = host.mutableCookies(new RequestCookies(s.request.headers))
      s.cookies = m.store
      s.modifiedCookies = m.modifiedValues
    }
    return s.cookies
  }

  function cookies() {
    return Promise.resolve(mutableStore(scope('cookies')))
  }

  function headers() {
    const s = scope('headers')
    if (!s.headers) {
      const h = new Headers(s.request.headers)
      for (const m of ['append', 'delete', 'set']) {
        Object.defineProperty(h, m, { value() { throw new ReadonlyHeadersError() } })
      }
      s.headers = h
    }
    return Promise.resolve(s.headers)
  }

  // draftMode(): Next's DraftModeProvider. The __prerender_bypass cookie holds the preview id (Next's is
  // per build, jsroute's per process); enable() and disable() set it through the cookies() store, so the
  // Set-Cookie goes out with the answer, with Next's attributes (SameSite=none and Secure outside dev).
  const PRERENDER_BYPASS = '__prerender_bypass'
  const kDraft = Symbol('draft')

  class DraftMode {
    constructor(s) {
      const value = new RequestCookies(s.request.headers).get(PRERENDER_BYPASS)?.value
      this[kDraft] = { s, enabled: Boolean(value && value === s.draftId) }
    }
    get isEnabled() { return this[kDraft].enabled }
    enable() { this[kDraft].enabled = true; setBypass(this[kDraft].s, s => s.draftId) }
    disable() { this[kDraft].enabled = false; setBypass(this[kDraft].s, () => '', new Date(0)) }
  }

  function setBypass(s, value, expires) {
    const cookie = {
      name: PRERENDER_BYPASS, value: value(s), httpOnly: true,
      sameSite: s.dev ? 'lax' : 'none', secure: !s.dev, path: '/',
    }
    if (expires) cookie.expires = expires
    mutableStore(s).set(cookie)
  }

  function draftMode() {
    const s = scope('draftMode')
    if (!s.draftMode) s.draftMode = new DraftMode(s)
    return Promise.resolve(s.draftMode)
  }

  // ---- next/navigation ----

  const RedirectType = { push: 'push', replace: 'replace' }

  function redirectError(url, type, status) {
    const error = new Error('NEXT_REDIRECT')
    error.digest = `NEXT_REDIRECT;${type};${url};${status};`
    return error
  }

  function redirect(url, type) {
    throw redirectError(url, type || 'replace', 307)
  }

  function permanentRedirect(url, type) {
    throw redirectError(url, type || 'replace', 308)
  }

  function notFound() {
    const error = new Error('NEXT_HTTP_ERROR_FALLBACK;404')
    error.digest = 'NEXT_HTTP_ERROR_FALLBACK;404'
    throw error
  }

  function authInterrupt(name) {
    return function () {
      throw new Error(`\`${name}()\` is experimental and only allowed to be enabled when \`experimental.authInterrupts\` is enabled.`)
    }
  }

  function isNextError(error) {
    return error && typeof error === 'object' && typeof error.digest === 'string' &&
      (error.digest.startsWith('NEXT_REDIRECT;') || error.digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;'))
  }

  function unstable_rethrow(error) {
    if (isNextError(error)) throw error
    if (error instanceof Error && 'cause' in error) unstable_rethrow(error.cause)
  }

  // ---- next/server extras ----

  function after(task) {
    const s = scope('after')
    if (typeof task !== 'function' && !(task && typeof task.then === 'function')) {
      throw new Error('`after()`: Argument must be a promise or a function')
    }
    host.after(task)
  }

  function connection() {
    scope('connection')
    return Promise.resolve()
  }

  // userAgent(): useragent.js parses, as Next's ua-parser-js does.
  function userAgent({ headers }) {
    return host.userAgentFromString(headers.get('user-agent') || undefined)
  }

  // ---- next/cache ----

  function revalidatePath(path, type) { host.revalidate('path', String(path), type) }
  function revalidateTag(tag, profile) {
    if (!profile) {
      console.warn('"revalidateTag" without the second argument is now deprecated, add second argument of "max" or use "updateTag". See more info here: https://nextjs.org/docs/messages/revalidate-tag-single-arg')
    }
    host.revalidate('tag', String(tag), profile)
  }
  // unstable_cache (next/cache): the result, as JSON, is kept in the data cache under the function's
  // source, keyParts and the arguments, with options.tags (revalidateTag) and options.revalidate
  // seconds; a hit hands back the parsed JSON, as Next's does. Without a data cache (a test host) the
  // function just runs.
  function unstable_cache(fn, keyParts, options) {
    if (typeof fn !== 'function') throw new TypeError('unstable_cache expects a function')
    const opts = options || {}
    if (opts.revalidate === 0) throw new Error(`Invariant revalidate: 0 can not be passed to unstable_cache(), must be "false" or "> 0" ${fn.toString()}`)
    const tags = Array.isArray(opts.tags) ? opts.tags.map(String) : []
    const revalidate = typeof opts.revalidate === 'number' ? opts.revalidate : 0
    return async (...args) => {
      const key = JSON.stringify([fn.toString(), Array.isArray(keyParts) ? keyParts : [], args])
      const store = (value) => host.cacheSet(key, value === undefined ? 'undefined' : JSON.stringify(value), revalidate, tags)
      const hit = host.cacheGet(key)
      if (hit !== undefined) {
        // A stale entry (past revalidate, or its tag revalidated with a profile) is answered and
        // computed again in the background, as Next's unstable_cache does.
        if (hit[1]) {
          Promise.resolve().then(() => fn(...args)).then(store).catch((err) => {
            host.cacheRelease(key)
            console.error(`revalidating cache with key: ${key}`, err)
          })
        }
        return hit[0] === 'undefined' ? undefined : JSON.parse(hit[0])
      }
      const value = await fn(...args)
      store(value)
      return value
    }
  }
  // unstable_noStore opts a render out of static rendering; a route handler that runs per request
  // has nothing to opt out of, as in Next (a no-op outside prerendering).
  function unstable_noStore() {}
  // As Next 16 without `cacheComponents` (the only mode jsroute has): these throw.
  function cacheLife() {
    throw new Error('`cacheLife()` is only available with the `cacheComponents` config.')
  }
  function cacheTag() {
    throw new Error('`cacheTag()` is only available with the `cacheComponents` config.')
  }
  function updateTag() {
    throw new Error('updateTag can only be called from within a Server Action. To invalidate cache tags in Route Handlers or other contexts, use revalidateTag instead. See more info here: https://nextjs.org/docs/app/api-reference/functions/updateTag')
  }

  // ---- next/og ----

  // ImageResponse renders JSX to PNG with the @vercel/og code (Satori and resvg, WebAssembly) of the app's
  // `next` package: the loader bundles it when node_modules holds next (loader/og.go). This stand-in is
  // what a route gets without it: constructing one throws, naming what to install, and the route answers 500.
  class ImageResponse extends Response {
    constructor() {
      throw new Error('ImageResponse (next/og) runs the @vercel/og code of the app\'s `next` package (next/dist/compiled/@vercel/og), and node_modules has no next: install it (npm install next), or serve a static image file instead.')
    }
  }

  globalThis.__jsrouteModules = {
    'next/server': { NextRequest, NextResponse, after, connection, userAgent },
    'next/headers': { cookies, headers, draftMode },
    'next/navigation': {
      redirect, permanentRedirect, notFound, RedirectType, unstable_rethrow,
      forbidden: authInterrupt('forbidden'), unauthorized: authInterrupt('unauthorized'),
    },
    'next/og': { ImageResponse },
    'next/cache': { revalidatePath, revalidateTag, unstable_cache, unstable_noStore, cacheLife, cacheTag, updateTag },
  }
  return { NextRequest, NextResponse }
})
