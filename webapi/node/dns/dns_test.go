package dns_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// Lookups that need no network: /etc/hosts (localhost), literals, a name that cannot exist (.invalid
// is reserved, RFC 6761), argument errors. Node's own answers to the same calls are in the node-dns
// conformance area.
func TestLookup(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	got := e.Run(`const dns = __jsrouteRequire('dns');
		const p = __jsrouteRequire('dns/promises');
		const cb = (...a) => new Promise((res) => dns.lookup(...a, (err, addr, fam) => res(err ? err.code : addr + '/' + fam)));
		const out = [];
		out.push(await cb('localhost', 4));
		out.push(await cb('127.0.0.1'));
		out.push(await cb('::1', { all: false }));
		out.push(JSON.stringify(await p.lookup('localhost', { family: 4, all: true })));
		out.push(JSON.stringify(await p.lookup('10.1.2.3')));
		const err = await p.lookup('no-such-host.invalid').catch((e) => e);
		out.push([err.message, err.code, err.errno, err.syscall, err.hostname].join(','));
		const rerr = await p.resolve4('no-such-host.invalid').catch((e) => e);
		out.push([rerr.code, rerr.syscall].join(','));
		try { dns.lookup(1, () => {}); } catch (e) { out.push(e.code); }
		try { dns.lookup('x', { family: 5 }, () => {}); } catch (e) { out.push(e.code); }
		out.push(dns.getDefaultResultOrder(), typeof p.Resolver, dns.NOTFOUND);
		return out.join('\n')`).String()
	want := "127.0.0.1/4\n127.0.0.1/4\n::1/6\n" + `[{"address":"127.0.0.1","family":4}]` + "\n" + `{"address":"10.1.2.3","family":4}` + "\n" +
		"getaddrinfo ENOTFOUND no-such-host.invalid,ENOTFOUND,-3008,getaddrinfo,no-such-host.invalid\n" +
		"ENOTFOUND,queryA\nERR_INVALID_ARG_TYPE\nERR_INVALID_ARG_VALUE\nverbatim\nfunction\nENOTFOUND"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
