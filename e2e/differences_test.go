package e2e

import "path"

// difference is one way jsroute deliberately answers unlike Next.js. Cases is a path.Match pattern over
// "<app>/<case>"; Header names the one header (":status-text" for the reason phrase) that is not compared,
// only when Next sent Value if Value is set; with no Header the whole case is skipped.
type difference struct {
	Cases, Header, Value, Reason string
}

// differences is the one list of deliberate differences from Next's recorded answers, each with its reason.
// Everything else either side sends is compared (compareReply). An entry here is a decision, not a way to
// hide a bug: keep it short.
var differences = []difference{
	{Cases: "reqedge-app/r-rsc-404", Reason: "`rsc: 1` to a path no route matches: Next answers its 404 page " +
		"as a React Server Components payload naming its build's chunks; jsroute has no pages and sends the HTML one"},
	{Cases: "reqedge-app/seg-pct-*", Reason: badEscape},
	{Cases: "reqedge-app/all-pct", Reason: badEscape},
	{Cases: "*/*", Header: "connection", Value: "keep-alive", Reason: "HTTP/1.1 connections are persistent unless " +
		"one side says close (RFC 9112 §9.3); Node spells it out, net/http does not ('close' is compared)"},
	{Cases: "*/*", Header: "keep-alive", Reason: "Node advertises its 5 s keepAliveTimeout; a jsroute server's idle " +
		"timeout is its embedder's (http.Server.IdleTimeout), so it makes no such promise"},
	{Cases: "*/*", Header: ":status-text", Reason: "net/http always writes the standard reason phrase for a " +
		"status (it has no API for another: writeStatusLine); a custom statusText reaches request handlers " +
		"in JS (response.statusText) but not the wire. Next sends it."},
	{Cases: "docs-app/ts-cors-encoded-path", Header: "cache-control", Reason: "Next answers /ts/%63ors, a " +
		"percent-encoded spelling of a route's path, with its 404 page under `s-maxage=31536000` instead of the " +
		"page's own no-store header, a side effect of its prerendered-path lookup; jsroute sends the 404 page's header"},
	{Cases: "app-routes-app/revalidate-first", Header: "x-nextjs-cache", Reason: "revalidate = 1: Next " +
		"prerendered at `next build`, over a second before the request, so it answered STALE; jsroute prerenders " +
		"at start, just before, so HIT. Either is right for its clock (revalidation: TestAppRoutesRevalidate)"},
	{Cases: "metadata-app/og-dynamic", Reason: "opengraph-image.tsx renders with next/og's ImageResponse, which " +
		"jsroute runs from the app's own next package, and this fixture installs none (Next's build has it): a 500 " +
		"naming what to install (e2e metadata test); fixtures/og-app, which has next, renders the same examples"},
}

const badEscape = "a malformed percent-escape in the path (`/seg/%`, `/seg/%zz`): Next answers its plain-text " +
	"500; net/http's own request parser answers 400 before any handler runs, with no hook for it (NOTES.md)"

// skipReason is why a whole case is skipped, or "".
func skipReason(app, name string) string {
	for _, d := range differences {
		if d.Header == "" && matchCase(d.Cases, app, name) {
			return d.Reason
		}
	}
	return ""
}

// differs reports whether header (as Next sent it: value) is not compared for this case.
func differs(app, name, header, value string) bool {
	for _, d := range differences {
		if d.Header == header && matchCase(d.Cases, app, name) && (d.Value == "" || d.Value == value) {
			return true
		}
	}
	return false
}

func matchCase(pattern, app, name string) bool {
	ok, _ := path.Match(pattern, app+"/"+name)
	return ok
}
