package url_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/process"
	_ "github.com/jsroute/jsroute/webapi/node/url"
	weburl "github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// node-url in the conformance suite compares with Node 20; this pins the wiring.
func TestLegacyURL(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, encoding.Install, weburl.Install, process.Install, node.Install)
	got := e.Run(`const url = __jsrouteRequire('url');
		const u = url.parse('HTTP://u:p@Host.com:81/a\\b?x=1&x=2#h', true);
		return [u.href, u.query.x.join('+'), url.resolve('http://a/b/c', '../d'), url.format({protocol: 'https', hostname: 'x', pathname: 'y'}),
			url.fileURLToPath('file:///a%20b'), __jsrouteRequire('punycode').toASCII('bücher.de')].join(' | ')`).String()
	want := "http://u:p@host.com:81/a/b?x=1&x=2#h | 1+2 | http://a/d | https://x/y | /a b | xn--bcher-kva.de"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
