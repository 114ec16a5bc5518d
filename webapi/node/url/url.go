// Package url provides node:url (legacy parse/format/resolve, fileURLToPath, pathToFileURL,
// domainToASCII/Unicode, urlToHttpOptions; URL and URLSearchParams are the Web globals) and
// node:punycode, as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/url.html), written in
// JavaScript.
package url

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/path"        // pathToFileURL
	_ "github.com/jsroute/jsroute/webapi/node/querystring" // parse(..., true)
)

var (
	//go:embed url.js
	urlJS string
	//go:embed punycode.js
	punycodeJS string

	urlProgram      = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:url", urlJS, true) })
	punycodeProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:punycode", punycodeJS, true) })
)

func init() {
	node.Register("url", func(r *webapi.Realm) goja.Value { return node.Eval(r, urlProgram()) })
	node.Register("punycode", func(r *webapi.Realm) goja.Value { return node.Eval(r, punycodeProgram()) })
}
