package util_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/events"
	"github.com/jsroute/jsroute/webapi/node/process"
	_ "github.com/jsroute/jsroute/webapi/node/util"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// node-util in the conformance suite compares with Node 20; these pin the wiring.
func TestUtil(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, process.Install, node.Install)
	tests := []struct{ name, script, want string }{
		{"aliases", `const u = __jsrouteRequire('util'); return [u === __jsrouteRequire('sys'), u.types === __jsrouteRequire('util/types')].join()`, "true,true"},
		{"format and inspect", `const u = __jsrouteRequire('util'); return u.format('%s=%d %j', 'a', 1, {b: [1]}) + ' ' + u.inspect({a: {b: {c: {}}}}, {depth: 0})`, `a=1 {"b":[1]} { a: [Object] }`},
		{"custom inspect gets util.inspect", `const u = __jsrouteRequire('util'); let got; u.inspect({ [u.inspect.custom](d, o, i) { got = i === u.inspect; return 'x' } }); return String(got)`, "true"},
		{"promisify", `const u = __jsrouteRequire('util'); return await u.promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1))(21)`, "42"},
		{"deep equal", `const u = __jsrouteRequire('util'); return [u.isDeepStrictEqual(new Map([[1, {a: [1]}]]), new Map([[1, {a: [1]}]])), u.isDeepStrictEqual([1], ['1'])].join()`, "true,false"},
		{"types", `const t = __jsrouteRequire('util').types; return [t.isPromise(Promise.resolve()), t.isProxy(new Proxy({}, {})), t.isUint8Array(new Uint8Array()), t.isUint8Array(new Int8Array()), t.isNativeError(new RangeError())].join()`, "true,true,true,false,true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.Run(tt.script).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
