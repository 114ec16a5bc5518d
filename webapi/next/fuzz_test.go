package next_test

import (
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/fetch"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/next"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// cookieScript reads a request's Cookie header through NextRequest.cookies, then sets every
// name of `names` (split on "|") on a NextResponse: the only errors allowed are the TypeError
// of a name or value a header cannot carry and the URIError of a lone surrogate (after which
// the store and its headers disagree, as in Next: the checks stop there; so do they at a name
// starting with HTTP whitespace); after each set the
// Set-Cookie fields must be exactly the store's cookies, in order (the store appends a new
// name instead of rewriting them all, and must agree with a rewrite).
const cookieScript = `
const { NextRequest, NextResponse } = globalThis.__jsrouteModules['next/server']
const req = new NextRequest('http://localhost/', { headers: { cookie: header } })
const got = req.cookies.getAll()
for (const c of got) if (req.cookies.get(c.name)?.value !== c.value) throw new Error('get disagrees with getAll for ' + c.name)
const res = new NextResponse('ok')
let n = 0
for (const name of names.split('|')) {
  try { res.cookies.set(name, value + n++) } catch (e) { if (!(e instanceof TypeError || e instanceof URIError)) throw e; break }
  // A name that starts with HTTP whitespace (tab, LF, CR, space) loses it in the header
  // (Headers normalizes values, Fetch §2.2) but not in the store: Next's ResponseCookies does
  // the same (run under Node 20: set(' ', '00') gives the header "=00; Path=/" and toString()
  // " =00; Path=/").
  if (/^[ \t\r\n]/.test(name)) break
  const lines = res.headers.getSetCookie().join('; ')
  if (lines !== res.cookies.toString()) throw new Error('Set-Cookie ' + JSON.stringify(lines) + ' but the store holds ' + JSON.stringify(res.cookies.toString()))
}
return got.length
`

// FuzzCookies runs cookieScript on fuzzed Cookie headers, cookie names and values. `go test`
// runs the committed corpus (testdata/fuzz/FuzzCookies).
func FuzzCookies(f *testing.F) {
	env := webapitest.New(f, webapitest.Options{}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, url.Install, streams.Install, file.Install, fetch.Install, next.Install)
	f.Add("a=1; b=2; a=3", "x|y|x|z", "v")
	f.Add("=; ;;a; %zz=%zz; b=%E2%82%AC", "a b|é|\x00|", "\xed\xa0\x80")
	f.Add(strings.Repeat("c=1; ", 50), "p|q|r|p|q|r", "a;b=c, d")
	f.Fuzz(func(t *testing.T, header, names, value string) {
		if !validLatin1(header) {
			return // a Cookie header is a ByteString
		}
		env.VM.Set("header", header)
		env.VM.Set("names", names)
		env.VM.Set("value", value)
		if _, err := env.Try(cookieScript); err != nil {
			t.Fatalf("header %q, names %q, value %q: %v", header, names, value, err)
		}
	})
}

func validLatin1(s string) bool {
	for _, r := range s {
		if r > 0xFF || r == '\r' || r == '\n' || r == 0 {
			return false
		}
	}
	return true
}
