// userAgent() of next/server: Next parses the User-Agent header with ua-parser-js 1.0 and adds isBot. This is
// jsroute's own parser for the common browsers, engines, systems, devices and CPUs, answering with
// ua-parser-js's names and object shapes ({ua, browser: {name, version, major}, engine: {name, version},
// os: {name, version}, device: {vendor, model, type}, cpu: {architecture}}); a field it cannot tell stays
// undefined, as there. Checked against next start's answers (e2e/cases/metadata-app.json, ua-*).
(function (host) {
  'use strict'

  // Next's isBot (server/web/spec-extension/user-agent.ts), the same alternatives.
  const BOT = /Googlebot|Mediapartners-Google|AdsBot-Google|googleweblight|Storebot-Google|Google-PageRenderer|Google-InspectionTool|Bingbot|BingPreview|Slurp|DuckDuckBot|baiduspider|yandex|sogou|LinkedInBot|bitlybot|tumblr|vkShare|quora link preview|facebookexternalhit|facebookcatalog|Twitterbot|applebot|redditbot|Slackbot|Discordbot|WhatsApp|SkypeUriPreview|ia_archiver|GPTBot/i

  // Browsers, first match wins: [pattern, name]; the version is the pattern's first group.
  const BROWSERS = [
    [/\bEdge?\/([\w.]+)/, 'Edge'],
    [/\bEdg(?:A|iOS)\/([\w.]+)/, 'Edge'],
    [/\bOPR\/([\w.]+)/, 'Opera'],
    [/\bOpera\/.+Version\/([\w.]+)/, 'Opera'],
    [/\bSamsungBrowser\/([\w.]+)/, 'Samsung Browser'],
    [/\bYaBrowser\/([\w.]+)/, 'Yandex'],
    [/\bVivaldi\/([\w.]+)/, 'Vivaldi'],
    [/\bFxiOS\/([\w.]+)/, 'Firefox'],
    [/\bCriOS\/([\w.]+)/, 'Chrome'],
    [/\bHeadlessChrome\/([\w.]+)/, 'Chrome Headless'],
    [/; wv\).+\bChrome\/([\w.]+)/, 'Chrome WebView'],
    [/\bChrome\/([\w.]+)/, 'Chrome'],
    [/\bFirefox\/([\w.]+)/, 'Firefox'],
    [/\bVersion\/([\w.]+).+Mobile\/\w+ Safari/, 'Mobile Safari'],
    [/\bVersion\/([\w.]+).+Safari\//, 'Safari'],
    [/\bMSIE ([\w.]+)/, 'IE'],
    [/\bTrident\/.+rv:([\w.]+)/, 'IE'],
  ]

  const WINDOWS = { '10.0': '10', '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista', '5.2': 'XP', '5.1': 'XP', '5.0': '2000' }

  function dotted(v) {
    return v && v.replace(/_/g, '.')
  }

  function browserOf(ua) {
    for (const [re, name] of BROWSERS) {
      const m = re.exec(ua)
      if (m) {
        const version = m[1]
        return { name, version, major: version.replace(/[^\d.]/g, '').split('.')[0] || undefined }
      }
    }
    return {}
  }

  function engineOf(ua) {
    let m
    if ((m = /\bEdge\/([\w.]+)/.exec(ua))) return { name: 'EdgeHTML', version: m[1] }
    if ((m = /\bAppleWebKit\/537\.36.+\bChrome\/([\w.]+)/.exec(ua)) && Number(m[1].split('.')[0]) >= 28) {
      return { name: 'Blink', version: m[1] }
    }
    if ((m = /\bAppleWebKit\/([\w.]+)/.exec(ua))) return { name: 'WebKit', version: m[1] }
    if ((m = /\bPresto\/([\w.]+)/.exec(ua))) return { name: 'Presto', version: m[1] }
    if ((m = /\bTrident\/([\w.]+)/.exec(ua))) return { name: 'Trident', version: m[1] }
    if ((m = /\brv:([\w.]{1,9})\b.+\bGecko\//.exec(ua))) return { name: 'Gecko', version: m[1] }
    return {}
  }

  function osOf(ua) {
    let m
    if ((m = /\bWindows NT ([\d.]+)/.exec(ua))) return { name: 'Windows', version: WINDOWS[m[1]] ?? m[1] }
    if ((m = /\bWindows Phone(?: OS)? ([\d.]+)/.exec(ua))) return { name: 'Windows Phone', version: m[1] }
    if ((m = /\b(?:iPhone|CPU) OS ([\d_]+)/.exec(ua)) || (m = /\biPhone(?: OS)?[ /]([\d_]+)/.exec(ua))) {
      return { name: 'iOS', version: dotted(m[1]) }
    }
    if ((m = /\bCrOS [\w]+ ([\d.]+)/.exec(ua))) return { name: 'Chromium OS', version: m[1] }
    if ((m = /\bMac OS X ?([\d_.]*)/.exec(ua))) return { name: 'Mac OS', version: dotted(m[1]) || undefined }
    if ((m = /\bAndroid[-/ ]?([\d.]*)/.exec(ua))) return { name: 'Android', version: m[1] || undefined }
    if ((m = /\b(Ubuntu|Debian|Fedora|Mint|Arch|Gentoo)(?:[/ ]([\w.]+))?/i.exec(ua))) {
      return { name: m[1][0].toUpperCase() + m[1].slice(1), version: m[2] }
    }
    if ((m = /\bLinux(?: ([\w.]+))?/.exec(ua))) return { name: 'Linux', version: m[1] }
    return {}
  }

  function deviceOf(ua) {
    let m
    if ((m = /\b(SM-[PTX]\w{2,4}|GT-[PN]\d{2,4}|Nexus 10)\b/i.exec(ua))) return { vendor: 'Samsung', model: m[1], type: 'tablet' }
    if ((m = /\b((?:SM|GT)-\w+)/i.exec(ua))) return { vendor: 'Samsung', model: m[1], type: 'mobile' }
    if ((m = /[(/](iP(?:hone|od)[\w, ]*)[/;]/.exec(ua))) return { vendor: 'Apple', model: m[1], type: 'mobile' }
    if (/\(iPad;/.test(ua)) return { vendor: 'Apple', model: 'iPad', type: 'tablet' }
    if (/\(Macintosh;/.test(ua)) return { vendor: 'Apple', model: 'Macintosh' }
    if ((m = /\b(Pixel [\w ]+?)(?: Build|\))/.exec(ua))) return { vendor: 'Google', model: m[1], type: 'mobile' }
    if (/\bAndroid\b/.test(ua)) {
      const type = /\bMobile\b/.test(ua) ? 'mobile' : 'tablet'
      m = /\bAndroid[^;]*; ([^;)]+?)(?: Build\/[^;)]+)?\)/.exec(ua)
      return { vendor: undefined, model: m && m[1] !== 'K' ? m[1] : undefined, type }
    }
    return {}
  }

  function cpuOf(ua) {
    let m
    if (/(?:amd|x(?:(?:86|64)[-_])?|wow|win)64[;)]/i.test(ua)) return { architecture: 'amd64' }
    if (/(?:i[346]|x)86[;)]/i.test(ua)) return { architecture: 'ia32' }
    if (/\b(?:aarch64|arm(?:v?8e?l?|_?64))\b/i.test(ua)) return { architecture: 'arm64' }
    if ((m = /\barm(?:v[67])?ht?n?[fl]p?\b/i.exec(ua))) return { architecture: 'armhf' }
    return {}
  }

  function clean(o) {
    for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k]
    return o
  }

  function userAgentFromString(input) {
    const ua = typeof input === 'string' ? input : ''
    const parsed = ua === ''
      ? { browser: {}, engine: {}, os: {}, device: {}, cpu: {} }
      : { browser: browserOf(ua), engine: engineOf(ua), os: osOf(ua), device: deviceOf(ua), cpu: cpuOf(ua) }
    return {
      ua,
      browser: clean(parsed.browser),
      engine: clean(parsed.engine),
      os: clean(parsed.os),
      device: clean(parsed.device),
      cpu: clean(parsed.cpu),
      isBot: input === undefined ? false : BOT.test(ua),
    }
  }

  host.userAgentFromString = userAgentFromString
  host.isBot = (input) => BOT.test(String(input))
})
