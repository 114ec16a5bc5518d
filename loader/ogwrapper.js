// next/og as Next 16 serves it on the Node runtime (next/dist/server/og/image-response.js): a Response
// whose body renders on first read with the @vercel/og module of the app's `next` package (loader/og.go
// resolves __JSROUTE_OG_MODULE__ to it), under Next's headers: image/png and, in production,
// `public, max-age=0, must-revalidate` (the module's own immutable cache-control is replaced), then the
// caller's options.headers.
const loadOg = () => import(__JSROUTE_OG_MODULE__)

export class ImageResponse extends Response {
  static displayName = 'ImageResponse'

  constructor(...args) {
    const body = new ReadableStream({
      async start(controller) {
        const { ImageResponse: OgImageResponse } = await loadOg()
        const rendered = new OgImageResponse(...args)
        if (!rendered.body) {
          controller.close()
          return
        }
        const reader = rendered.body.getReader()
        for (;;) {
          const { done, value } = await reader.read()
          if (done) {
            controller.close()
            return
          }
          controller.enqueue(value)
        }
      },
    })
    const options = args[1] || {}
    const headers = new Headers({
      'content-type': 'image/png',
      'cache-control': process.env.NODE_ENV === 'development' ? 'no-cache, no-store' : 'public, max-age=0, must-revalidate',
    })
    if (options.headers) {
      new Headers(options.headers).forEach((value, key) => headers.set(key, value))
    }
    super(body, { headers, status: options.status, statusText: options.statusText })
  }
}
