// The virtual module "jsroute:metadata": what the generated metadata route modules (loader/metadata.go)
// import. The serialisations follow Next's resolve-route-data.ts (robots.txt, sitemap XML, manifest JSON)
// and its generated GET handlers (next-metadata-route-loader.ts), written here for jsroute.

const CACHE_CONTROL = 'public, max-age=0, must-revalidate'
const knownRuleKeys = new Set(['userAgent', 'allow', 'disallow', 'crawlDelay'])

function list(v) {
  return Array.isArray(v) ? v : [v]
}

export function resolveRobots(data) {
  const out = []
  const rules = Array.isArray(data.rules) ? data.rules : [data.rules]
  for (const rule of rules) {
    for (const agent of list(rule.userAgent || ['*'])) out.push(`User-Agent: ${agent}\n`)
    if (rule.allow) for (const item of list(rule.allow)) out.push(`Allow: ${item}\n`)
    if (rule.disallow) for (const item of list(rule.disallow)) out.push(`Disallow: ${item}\n`)
    if (rule.crawlDelay) out.push(`Crawl-delay: ${rule.crawlDelay}\n`)
    // Non-standard directives (Request-Rate, Visit-time, ...) as written.
    for (const [key, value] of Object.entries(rule)) {
      if (knownRuleKeys.has(key) || value == null) continue
      for (const v of list(value)) out.push(`${key}: ${v}\n`)
    }
    out.push('\n')
  }
  if (data.host) out.push(`Host: ${data.host}\n`)
  if (data.sitemap) for (const item of list(data.sitemap)) out.push(`Sitemap: ${item}\n`)
  return out.join('')
}

function videoFields(video) {
  const fields = [
    '<video:video>',
    `<video:title>${video.title}</video:title>`,
    `<video:thumbnail_loc>${video.thumbnail_loc}</video:thumbnail_loc>`,
    `<video:description>${video.description}</video:description>`,
    video.content_loc && `<video:content_loc>${video.content_loc}</video:content_loc>`,
    video.player_loc && `<video:player_loc>${video.player_loc}</video:player_loc>`,
    video.duration && `<video:duration>${video.duration}</video:duration>`,
    video.view_count && `<video:view_count>${video.view_count}</video:view_count>`,
    video.tag && `<video:tag>${video.tag}</video:tag>`,
    video.rating && `<video:rating>${video.rating}</video:rating>`,
    video.expiration_date && `<video:expiration_date>${video.expiration_date}</video:expiration_date>`,
    video.publication_date && `<video:publication_date>${video.publication_date}</video:publication_date>`,
    video.family_friendly && `<video:family_friendly>${video.family_friendly}</video:family_friendly>`,
    video.requires_subscription && `<video:requires_subscription>${video.requires_subscription}</video:requires_subscription>`,
    video.live && `<video:live>${video.live}</video:live>`,
    video.restriction && `<video:restriction relationship="${video.restriction.relationship}">${video.restriction.content}</video:restriction>`,
    video.platform && `<video:platform relationship="${video.platform.relationship}">${video.platform.content}</video:platform>`,
    video.uploader && `<video:uploader${video.uploader.info && ` info="${video.uploader.info}"`}>${video.uploader.content}</video:uploader>`,
    '</video:video>\n',
  ]
  return fields.filter(Boolean).join('\n')
}

export function resolveSitemap(data) {
  const hasAlternates = data.some((item) => Object.keys(item.alternates ?? {}).length > 0)
  const hasImages = data.some((item) => Boolean(item.images?.length))
  const hasVideos = data.some((item) => Boolean(item.videos?.length))
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"']
  if (hasImages) out.push(' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"')
  if (hasVideos) out.push(' xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"')
  out.push(hasAlternates ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' : '>\n')
  for (const item of data) {
    out.push('<url>\n', `<loc>${item.url}</loc>\n`)
    const languages = item.alternates?.languages
    if (languages && Object.keys(languages).length) {
      for (const language in languages) {
        out.push(`<xhtml:link rel="alternate" hreflang="${language}" href="${languages[language]}" />\n`)
      }
    }
    if (item.images?.length) {
      for (const image of item.images) out.push(`<image:image>\n<image:loc>${image}</image:loc>\n</image:image>\n`)
    }
    if (item.videos?.length) {
      for (const video of item.videos) out.push(videoFields(video))
    }
    if (item.lastModified) {
      const date = item.lastModified instanceof Date ? item.lastModified.toISOString() : item.lastModified
      out.push(`<lastmod>${date}</lastmod>\n`)
    }
    if (item.changeFrequency) out.push(`<changefreq>${item.changeFrequency}</changefreq>\n`)
    if (typeof item.priority === 'number') out.push(`<priority>${item.priority}</priority>\n`)
    out.push('</url>\n')
  }
  out.push('</urlset>\n')
  return out.join('')
}

export function resolveRouteData(data, kind) {
  switch (kind) {
    case 'robots':
      return resolveRobots(data)
    case 'sitemap':
      return resolveSitemap(data)
    case 'manifest':
      return JSON.stringify(data)
  }
  return ''
}

function handlerOf(userland, file) {
  const handler = userland.default
  if (typeof handler !== 'function') throw new Error(`Default export is missing in ${JSON.stringify(file)}`)
  return handler
}

function answer(content, contentType) {
  return new Response(content, { headers: { 'Content-Type': contentType, 'Cache-Control': CACHE_CONTROL } })
}

// serve is GET of robots.ts, manifest.ts and sitemap.ts (without generateSitemaps).
export async function serve(userland, file, kind, contentType) {
  const data = await handlerOf(userland, file)()
  return answer(resolveRouteData(data, kind), contentType)
}

// serveSitemaps is GET of sitemap/[__metadata_id__] for a sitemap.ts with generateSitemaps: the id must
// be one generateSitemaps lists, followed by ".xml"; the default export gets it as a promise of the string.
export async function serveSitemaps(userland, file, contentType, ctx) {
  const handler = handlerOf(userland, file)
  const params = await ctx.params
  const raw = params?.__metadata_id__
  const id = typeof raw === 'string' && raw.endsWith('.xml') ? raw.slice(0, -4) : undefined
  let found
  for (const item of await userland.generateSitemaps()) {
    if (item?.id == null) throw new Error('id property is required for every item returned from generateSitemaps')
    if (item.id.toString() === id) found = item.id
  }
  if (found == null) return new Response('Not Found', { status: 404 })
  const data = await handler({ id: Promise.resolve(id) })
  return answer(resolveRouteData(data, 'sitemap'), contentType)
}

// sitemapIds lists the path ids of a generateSitemaps module: "<id>.xml" each.
export async function sitemapIds(userland) {
  const out = []
  for (const item of await userland.generateSitemaps()) {
    if (item?.id == null) throw new Error('id property is required for every item returned from generateSitemaps')
    out.push(item.id.toString() + '.xml')
  }
  return out
}

// serveImages is GET of <name>/[__metadata_id__] for an image file (icon.tsx, opengraph-image.tsx...) with
// generateImageMetadata, as Next's getDynamicImageRouteCode: the id must be one generateImageMetadata lists
// for the other params; the default export gets the params and the id, each as a promise.
export async function serveImages(userland, file, ctx) {
  const handler = handlerOf(userland, file)
  const paramsPromise = Promise.resolve(ctx.params)
  const idPromise = paramsPromise.then((params) => params?.__metadata_id__)
  const restParamsPromise = paramsPromise.then((params) => {
    if (!params) return undefined
    const { __metadata_id__, ...rest } = params
    return rest
  })
  const restParams = await restParamsPromise
  const wanted = await idPromise
  let found
  for (const item of await userland.generateImageMetadata({ params: restParams })) {
    if (item?.id == null) throw new Error('id property is required for every item returned from generateImageMetadata')
    if (found == null && item.id.toString() === wanted) found = item.id
  }
  if (found == null) return new Response('Not Found', { status: 404 })
  return handler({ params: restParamsPromise, id: idPromise })
}

// imageIds lists the path ids of a generateImageMetadata module without other params.
export async function imageIds(userland) {
  const out = []
  for (const item of await userland.generateImageMetadata({ params: {} })) {
    if (item?.id == null) throw new Error('id property is required for every item returned from generateImageMetadata')
    out.push(item.id.toString())
  }
  return out
}
