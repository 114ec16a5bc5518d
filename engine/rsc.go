package engine

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// rscRedirect is Next's cache-busting check on RSC requests (next/dist/server/base-server.js,
// renderImpl, experimental.validateRSCRequestHeaders, on by default in 16): a request carrying
// `rsc: 1` to a matched route, route handlers included, must name in its `_rsc` query parameter a
// hash of its router headers, so that a CDN ignoring Vary cannot serve it another client's answer.
// Without the right one Next answers 307 to the same URL with `_rsc=<hash>` (a bare `_rsc` when no
// router header is set). It returns that Location, or "" when the request is to be served.
// Recorded: docs-app ts-cors-rsc-header, reqedge-app r-rsc.
func rscRedirect(r *http.Request) string {
	vs, ok := r.Header["Rsc"]
	if !ok || strings.Join(vs, ", ") != "1" {
		return ""
	}
	target := r.RequestURI
	if !strings.HasPrefix(target, "/") {
		target = r.URL.RequestURI() // absolute-form: its path and query
	}
	path, rawQuery, _ := strings.Cut(target, "?")
	if i := strings.IndexByte(rawQuery, '#'); i >= 0 {
		rawQuery = rawQuery[:i]
	}
	input, set := rscHashInput(r.Header)
	want := ""
	if set {
		sum := sha256.Sum256([]byte(input))
		want = base64.RawURLEncoding.EncodeToString(sum[:12]) // 96 bits
	}
	if got, sent := queryFirst(rawQuery, "_rsc"); sent && (got == want || set && got == legacyHash(input)) {
		return ""
	}
	// setCacheBustingSearchParamWithHash: every other pair kept as written, `_rsc=…` ones dropped.
	var pairs []string
	for _, p := range strings.Split(rawQuery, "&") {
		if p != "" && !strings.HasPrefix(p, "_rsc=") {
			pairs = append(pairs, p)
		}
	}
	if want != "" {
		pairs = append(pairs, "_rsc="+want)
	} else {
		pairs = append(pairs, "_rsc")
	}
	return path + "?" + strings.Join(pairs, "&")
}

// rscHashInput is createCacheBustingSearchParamInput: the router headers joined by commas, "0"
// for each one absent; any is false when none is set.
func rscHashInput(h http.Header) (input string, set bool) {
	get := func(name string) (string, bool) {
		vs, ok := h[name]
		return strings.Join(vs, ", "), ok
	}
	prefetch, hasPrefetch := get("Next-Router-Prefetch")
	switch prefetch {
	case "1", "2", "3", "4": // static, runtime prefetch, runtime shell, runtime navigation
	default:
		hasPrefetch = false
	}
	segment, hasSegment := get("Next-Router-Segment-Prefetch")
	if segment == "" && !(hasSegment && prefetch == "1") {
		hasSegment = false // `header || meta`: an empty header counts only for a static prefetch
	}
	tree, hasTree := get("Next-Router-State-Tree")
	nextURL, hasNextURL := get("Next-Url")
	if !hasPrefetch && !hasSegment && !hasTree && !hasNextURL {
		return "", false
	}
	parts := [4]string{"0", "0", "0", "0"}
	for i, p := range [...]struct {
		v  string
		ok bool
	}{{prefetch, hasPrefetch}, {segment, hasSegment}, {tree, hasTree}, {nextURL, hasNextURL}} {
		if p.ok {
			parts[i] = p.v
		}
	}
	return strings.Join(parts[:], ","), true
}

// legacyHash is Next's hexHash: djb2 over the UTF-16 code units, base 36, five characters.
func legacyHash(s string) string {
	var h uint32 = 5381
	for i := 0; i < len(s); i++ { // header values are latin-1 bytes here: one code unit each
		h = h<<5 + h + uint32(s[i])
	}
	out := strconv.FormatUint(uint64(h), 36)
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

// queryFirst is URLSearchParams.get: the first value of name, form-decoded.
func queryFirst(rawQuery, name string) (string, bool) {
	for _, p := range strings.Split(rawQuery, "&") {
		k, v, _ := strings.Cut(p, "=")
		k, err := url.QueryUnescape(k)
		if err != nil || k != name {
			continue
		}
		v, err = url.QueryUnescape(v)
		if err != nil {
			continue
		}
		return v, true
	}
	return "", false
}
