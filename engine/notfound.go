package engine

import (
	"io"
	"net/http"
	"strconv"
	"unicode/utf16"
)

// writeNotFound answers a path no route matches as `next start` does: 404 with Next's
// not-found page (its visible part; Next's copy also carries build-specific script tags).
// poweredBy is next.config's poweredByHeader (default true).
func writeNotFound(w http.ResponseWriter, r *http.Request, poweredBy bool) {
	h := w.Header()
	h.Set("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate")
	h["Vary"] = routeVaryValue
	if poweredBy {
		h.Set("X-Powered-By", "Next.js")
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	// The page is prerendered at build time: served as a cache hit, with its ETag and length.
	h.Set("X-Nextjs-Cache", "HIT")
	h["X-Nextjs-Prerender"] = []string{"1", "1"}
	h.Set("X-Nextjs-Stale-Time", "300")
	h.Set("Etag", notFoundETag)
	delete(h, "Transfer-Encoding") // a prerendered page: sent with its length
	h.Set("Content-Length", notFoundLength)
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		io.WriteString(w, notFoundHTML)
	}
}

var notFoundETag, notFoundLength = etag(notFoundHTML), strconv.Itoa(len(notFoundHTML))

const notFoundHTML = `<!DOCTYPE html><html><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="robots" content="noindex"/><title>404: This page could not be found.</title></head><body><div style="font-family:system-ui,&quot;Segoe UI&quot;,Roboto,Helvetica,Arial,sans-serif,&quot;Apple Color Emoji&quot;,&quot;Segoe UI Emoji&quot;;height:100vh;text-align:center;display:flex;flex-direction:column;align-items:center;justify-content:center"><div><style>body{color:#000;background:#fff;margin:0}.next-error-h1{border-right:1px solid rgba(0,0,0,.3)}@media (prefers-color-scheme:dark){body{color:#fff;background:#000}.next-error-h1{border-right:1px solid rgba(255,255,255,.3)}}</style><h1 class="next-error-h1" style="display:inline-block;margin:0 20px 0 0;padding:0 23px 0 0;font-size:24px;font-weight:500;vertical-align:top;line-height:49px">404</h1><div style="display:inline-block"><h2 style="font-size:14px;font-weight:400;line-height:49px;margin:0">This page could not be found.</h2></div></div></div></body></html>`

// internalErrorText is the body of Next's text/plain 500 page (an unsupported method such as
// TRACE reaches it, and so does a middleware that throws).
const internalErrorText = "Internal Server Error"

// writeInternalError answers Next's text/plain 500 page, with the ETag its sendPayload computes
// and a length: never chunked.
func writeInternalError(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	delete(h, "Transfer-Encoding")
	h.Set("Etag", internalErrorETag)
	h.Set("Content-Type", "text/plain")
	h.Set("Content-Length", strconv.Itoa(len(internalErrorText)))
	w.WriteHeader(http.StatusInternalServerError)
	if r.Method != http.MethodHead {
		io.WriteString(w, internalErrorText)
	}
}

var internalErrorETag = etag(internalErrorText)

// etag is Next's generateETag (packages/next/src/server/lib/etag.ts): the 52-bit FNV-1a hash of
// the payload's UTF-16 code units in base 36, then the payload's length in base 36, quoted.
func etag(payload string) string {
	units := utf16.Encode([]rune(payload))
	var v0, v1, v2, v3 int64 = 0x2325, 0x8422, 0x9ce4, 0xcbf2
	for _, u := range units {
		v0 ^= int64(u)
		t0 := v0 * 435
		t1 := v1 * 435
		t2 := v2 * 435
		t3 := v3 * 435
		t2 += v0 << 8
		t3 += v1 << 8
		t1 += t0 >> 16
		v0 = t0 & 65535
		t2 += t1 >> 16
		v1 = t1 & 65535
		v3 = (t3 + (t2 >> 16)) & 65535
		v2 = t2 & 65535
	}
	h := (v3&15)*281474976710656 + v2*4294967296 + v1*65536 + (v0 ^ v3>>4)
	return `"` + strconv.FormatInt(h, 36) + strconv.FormatInt(int64(len(units)), 36) + `"`
}
