// Cookie stores as Next.js route handlers see them: RequestCookies (request.cookies),
// ResponseCookies (response.cookies, and the store cookies() returns). Their observable
// behaviour — object shapes, Path=/ default, attribute order, encodeURIComponent of values — is
// Next's (@edge-runtime/cookies), which route handlers and their tests depend on.
(function (host) {
  'use strict'

  function parseCookieHeader(header) {
    const map = new Map()
    for (const pair of String(header).split(/; */)) {
      if (!pair) continue
      const at = pair.indexOf('=')
      if (at === -1) { map.set(pair, 'true'); continue }
      const key = pair.slice(0, at)
      const value = pair.slice(at + 1)
      try { map.set(key, decodeURIComponent(value)) } catch (e) { /* undecodable: skipped, as Next does */ }
    }
    return map
  }

  function lowerEnum(v, allowed) {
    v = String(v).toLowerCase()
    return allowed.includes(v) ? v : undefined
  }

  function parseSetCookie(text) {
    if (!text) return undefined
    const pairs = [...parseCookieHeader(text)]
    if (pairs.length === 0) return undefined
    const [[name, value], ...attrs] = pairs
    const a = {}
    for (const [k, v] of attrs) a[k.toLowerCase().replace(/-/g, '')] = v
    const c = {
      name, value: decodeURIComponent(value), domain: a.domain,
      ...(a.expires && { expires: new Date(a.expires) }),
      ...(a.httponly && { httpOnly: true }),
      ...(typeof a.maxage === 'string' && { maxAge: Number(a.maxage) }),
      path: a.path,
      ...(a.samesite && { sameSite: lowerEnum(a.samesite, ['strict', 'lax', 'none']) }),
      ...(a.secure && { secure: true }),
      ...(a.priority && { priority: lowerEnum(a.priority, ['low', 'medium', 'high']) }),
      ...(a.partitioned && { partitioned: true }),
    }
    for (const k in c) if (c[k] === undefined) delete c[k]
    return c
  }

  function stringifyCookie(c) {
    const attrs = [
      'path' in c && c.path && `Path=${c.path}`,
      'expires' in c && (c.expires || c.expires === 0) &&
        `Expires=${(typeof c.expires === 'number' ? new Date(c.expires) : c.expires).toUTCString()}`,
      'maxAge' in c && typeof c.maxAge === 'number' && `Max-Age=${c.maxAge}`,
      'domain' in c && c.domain && `Domain=${c.domain}`,
      'secure' in c && c.secure && 'Secure',
      'httpOnly' in c && c.httpOnly && 'HttpOnly',
      'sameSite' in c && c.sameSite && `SameSite=${c.sameSite}`,
      'partitioned' in c && c.partitioned && 'Partitioned',
      'priority' in c && c.priority && `Priority=${c.priority}`,
    ].filter(Boolean)
    const head = `${c.name}=${encodeURIComponent(c.value == null ? '' : c.value)}`
    return attrs.length === 0 ? head : `${head}; ${attrs.join('; ')}`
  }

  function normalizeCookie(c) {
    if (typeof c.expires === 'number') c.expires = new Date(c.expires)
    if (c.maxAge) c.expires = new Date(Date.now() + c.maxAge * 1000)
    if (c.path === null || c.path === undefined) c.path = '/'
    return c
  }

  function splitSetCookie(s) {
    // A combined Set-Cookie value: split on commas that start a new name=value pair.
    const out = []
    let start = 0
    for (let i = 0; i < s.length; i++) {
      if (s[i] !== ',') continue
      const rest = s.slice(i + 1)
      if (/^\s*[^=;,\s]+=/.test(rest) && !/^\s*\d{2} /.test(rest)) {
        out.push(s.slice(start, i).trim())
        start = i + 1
      }
    }
    out.push(s.slice(start).trim())
    return out.filter(Boolean)
  }

  const inspect = Symbol.for('edge-runtime.inspect.custom')

  class RequestCookies {
    #headers
    #parsed
    constructor(requestHeaders) {
      this.#headers = requestHeaders
      const header = requestHeaders.get('cookie')
      this.#parsed = new Map()
      if (header) for (const [name, value] of parseCookieHeader(header)) this.#parsed.set(name, { name, value })
    }
    [Symbol.iterator]() { return this.#parsed[Symbol.iterator]() }
    get size() { return this.#parsed.size }
    get(...args) {
      const name = typeof args[0] === 'string' ? args[0] : args[0].name
      return this.#parsed.get(name)
    }
    getAll(...args) {
      const all = Array.from(this.#parsed)
      if (!args.length) return all.map(([, v]) => v)
      const name = typeof args[0] === 'string' ? args[0] : args[0]?.name
      return all.filter(([n]) => n === name).map(([, v]) => v)
    }
    has(name) { return this.#parsed.has(name) }
    set(...args) {
      const [name, value] = args.length === 1 ? [args[0].name, args[0].value] : args
      this.#parsed.set(name, { name, value })
      this.#write()
      return this
    }
    delete(names) {
      const list = Array.isArray(names) ? names : [names]
      const result = list.map((n) => this.#parsed.delete(n))
      this.#write()
      return Array.isArray(names) ? result : result[0]
    }
    clear() {
      this.delete(Array.from(this.#parsed.keys()))
      return this
    }
    #write() {
      this.#headers.set('cookie', Array.from(this.#parsed).map(([, v]) => stringifyCookie(v)).join('; '))
    }
    [inspect]() { return `RequestCookies ${JSON.stringify(Object.fromEntries(this.#parsed))}` }
    toString() {
      return [...this.#parsed.values()].map((v) => `${v.name}=${encodeURIComponent(v.value)}`).join('; ')
    }
  }

  // setMany stores cookies and writes the headers once (appendMutableCookies).
  const setMany = Symbol('setMany')

  class ResponseCookies {
    #headers
    #parsed = new Map()
    // The headers' version right after this store last wrote them (-1: never): while it holds,
    // the headers end with exactly this store's Set-Cookie fields, in order, so a cookie of a
    // new name is one more append instead of rewriting them all (which made n set() calls
    // O(n²)).
    #written = -1
    constructor(responseHeaders) {
      this.#headers = responseHeaders
      const list = responseHeaders.getSetCookie ? responseHeaders.getSetCookie() : []
      const all = list.length ? list : splitSetCookie(responseHeaders.get('set-cookie') || '')
      for (const text of all) {
        const c = parseSetCookie(text)
        if (c) this.#parsed.set(c.name, c)
      }
    }
    get(...args) {
      const key = typeof args[0] === 'string' ? args[0] : args[0].name
      return this.#parsed.get(key)
    }
    getAll(...args) {
      const all = Array.from(this.#parsed.values())
      if (!args.length) return all
      const key = typeof args[0] === 'string' ? args[0] : args[0]?.name
      return all.filter((c) => c.name === key)
    }
    has(name) { return this.#parsed.has(name) }
    set(...args) {
      const [name, value, cookie] = args.length === 1 ? [args[0].name, args[0].value, args[0]] : args
      const fresh = !this.#parsed.has(name)
      const c = normalizeCookie({ name, value, ...cookie })
      this.#parsed.set(name, c)
      if (fresh && this.#written !== -1 && this.#written === host.headersVersion(this.#headers)) {
        this.#headers.append('set-cookie', stringifyCookie(c))
        this.#written = host.headersVersion(this.#headers)
      } else {
        this.#write()
      }
      return this
    }
    [setMany](list) {
      for (const c of list) this.#parsed.set(c.name, normalizeCookie({ ...c }))
      this.#write()
    }
    #write() {
      this.#headers.delete('set-cookie')
      for (const [, c] of this.#parsed) this.#headers.append('set-cookie', stringifyCookie(c))
      this.#written = host.headersVersion(this.#headers)
    }
    delete(...args) {
      const [name, options] = typeof args[0] === 'string' ? [args[0]] : [args[0].name, args[0]]
      return this.set({ ...options, name, value: '', expires: new Date(0) })
    }
    [inspect]() { return `ResponseCookies ${JSON.stringify(Object.fromEntries(this.#parsed))}` }
    toString() { return [...this.#parsed.values()].map(stringifyCookie).join('; ') }
  }

  // mutableCookies is the store cookies() returns in a route handler: a ResponseCookies seeded
  // with the request's cookies, remembering which names the handler set or deleted so that only
  // those reach the response.
  function mutableCookies(requestCookies) {
    const store = new ResponseCookies(new Headers())
    for (const c of requestCookies.getAll()) store.set(c)
    const modified = new Set()
    const wrapped = new Proxy(store, {
      get(target, prop) {
        if (prop === 'set' || prop === 'delete') {
          return function (...args) {
            modified.add(typeof args[0] === 'string' ? args[0] : args[0].name)
            target[prop](...args)
            return wrapped
          }
        }
        const v = Reflect.get(target, prop, target)
        return typeof v === 'function' ? v.bind(target) : v
      },
    })
    const modifiedValues = () => store.getAll().filter((c) => modified.has(c.name))
    return { store: wrapped, modifiedValues }
  }

  // appendMutableCookies merges the cookies a handler set through cookies() into the headers
  // of the response it returned: its own Set-Cookie values come after and win on the same name.
  function appendMutableCookies(headers, modifiedValues) {
    const fresh = modifiedValues()
    if (fresh.length === 0) return false
    const res = new ResponseCookies(headers)
    const returned = res.getAll()
    res[setMany]([...fresh, ...returned])
    return true
  }

  host.RequestCookies = RequestCookies
  host.ResponseCookies = ResponseCookies
  host.mutableCookies = mutableCookies
  host.appendMutableCookies = appendMutableCookies
})
