package httpconst_test

import "testing"

// The globals `next start` assigns (checked in a route handler under next start 16.5.0: Object.keys
// (globalThis) lists __NEXT_HTTP_AGENT_OPTIONS, __NEXT_HTTP_AGENT and __NEXT_HTTPS_AGENT, enumerable,
// the agents built from { keepAlive: true }). @whatwg-node/fetch looks for a key starting with __NEXT
// to use the platform's Request (fixtures/yoga-app's bad-json case depends on it).
func TestNextServerGlobals(t *testing.T) {
	e := env(t)
	got := e.Run(`
		const http = __jsrouteRequire('http'), https = __jsrouteRequire('https')
		const keys = Object.keys(globalThis).filter((k) => k.startsWith('__NEXT')).sort().join()
		return [keys, __NEXT_HTTP_AGENT_OPTIONS.keepAlive, __NEXT_HTTP_AGENT instanceof http.Agent,
			__NEXT_HTTPS_AGENT instanceof https.Agent, Object.keys(globalThis).includes('__NEXT_HTTP_AGENT')].join(' ')
	`).String()
	want := "__NEXT_HTTPS_AGENT,__NEXT_HTTP_AGENT,__NEXT_HTTP_AGENT_OPTIONS true true true true"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
