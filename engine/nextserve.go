package engine

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"

	"github.com/jsroute/jsroute/router"
)

// This file serves an app that has a next.config or a middleware, in Next's order (see
// router/nextconfig.go): headers → redirects → middleware → beforeFiles → routes → afterFiles
// → fallback. Apps with neither never come here: their requests take serveDecision directly.

// compileRules reads the middleware's matchers from the first worker (before the loops start)
// and compiles them with next.config's routing.
func (g *generation) compileRules(e *Engine, nc *nextConfig, mw *mwProgram, first *worker) error {
	var cfg *router.Config
	file := ""
	if nc != nil {
		cfg, file = &nc.routing, nc.file
	}
	var matchers []router.Matcher
	if mw != nil {
		ms, others, err := first.middlewareMatchers()
		if err != nil {
			return fmt.Errorf("jsroute: %w", err)
		}
		for _, k := range others {
			e.warnOnce(mw.file+"\x00config."+k, fmt.Sprintf("⚠ %s: `config.%s` is not applied by jsroute; it is ignored", mw.file, k))
		}
		matchers = ms
		g.mwInfo = &routeInfo{file: mw.file, module: -1, middleware: true}
		file = strings.TrimPrefix(file+", "+mw.file, ", ")
	}
	rules, err := router.Compile(cfg, matchers, mw != nil)
	if err != nil {
		return fmt.Errorf("jsroute: %s: %w", file, err)
	}
	g.rules = rules
	return nil
}

// routingPath is the raw path to route on and the prefix an enclosing handler stripped. The
// router wants the path exactly as sent (r.RequestURI); under http.StripPrefix the handler was
// given r.URL without the prefix, and that is what is routed, while request.url keeps the
// public path.
func routingPath(r *http.Request) (rawPath, prefix string) {
	rawPath, _, _ = strings.Cut(r.RequestURI, "?")
	if rawPath == "" || rawPath[0] != '/' {
		// A request made in process (no RequestURI), or absolute-form: r.URL is all there is.
		return r.URL.EscapedPath(), ""
	}
	if r.URL.RawPath == "" && r.URL.Path == rawPath {
		return rawPath, "" // the common case, without escaping anything
	}
	given := r.URL.EscapedPath() // RawPath when it encodes Path, else Path escaped
	switch {
	case given == rawPath:
		return rawPath, ""
	case given == "":
		// StripPrefix("/api") of "/api" itself: the app's root.
		return "/", rawPath
	case given[0] == '/' && strings.HasSuffix(rawPath, given):
		return rawPath[len(rawPath)-len(given):], rawPath[:len(rawPath)-len(given)]
	}
	// The path as sent has escapes Go re-encodes differently (`/a"b`): route on it as sent.
	return rawPath, ""
}

// withTarget returns r as the handler sees it at target (a path and query), sharing the body.
func withTarget(r *http.Request, target string) *http.Request {
	r2 := r.WithContext(r.Context())
	r2.RequestURI = target
	return r2
}

// serveNext routes one request through next.config and the middleware.
func (g *generation) serveNext(w http.ResponseWriter, r *http.Request, rawPath, prefix string) {
	rules := g.rules
	req := &router.Request{Header: r.Header, Host: r.Host}
	d, st := rules.Before(r.Method, rawPath, r.URL.RawQuery, req)
	if st == nil {
		g.serveDecision(w, r, d, rawPath, prefix)
		return
	}
	h := w.Header()
	for _, hd := range st.Headers {
		if strings.EqualFold(hd.Key, "set-cookie") {
			h.Add(hd.Key, hd.Value)
		} else {
			h.Set(hd.Key, hd.Value)
		}
	}
	handlerReq := r
	if g.mwInfo != nil && rules.MiddlewareMatches(st, req) && !skipMiddleware(r) {
		// Next gives the middleware a clone of the body: what it reads is kept and read
		// again by the handler.
		var tee *replayBody
		if r.Body != nil && r.Body != http.NoBody {
			tee = &replayBody{rc: r.Body}
			r.Body = tee
		}
		out := g.run(r, router.Decision{}, g.mwInfo, false)
		if tee != nil {
			r.Body = tee.replay()
		}
		res := out.mw
		if res == nil {
			// The request timed out, went away or was too large: answer as run said.
			writeOutcome(w, r, out, r.Method == http.MethodHead)
			return
		}
		switch {
		case res.errorPage:
			clear(h)
			for k, vs := range out.header {
				h[k] = vs
			}
			writeInternalError(w, r)
			return
		case res.kind == mwResponse:
			writeOutcome(w, r, out, r.Method == http.MethodHead)
			return
		case res.kind == mwRedirect:
			for k, vs := range res.header {
				h[k] = vs
			}
			h["Transfer-Encoding"] = chunked // a middleware's answer is streamed, unlike next.config's redirects
			writeRedirect(w, r, out.status, res.location)
			return
		}
		// next or rewrite: the middleware's headers go to the client and into the request.
		hdr := r.Header.Clone()
		if res.hasOver {
			hdr = http.Header{}
			for k, v := range res.override {
				if !strings.EqualFold(k, "host") { // Go keeps it in r.Host
					hdr.Set(k, v)
				}
			}
		}
		for k, vs := range res.header {
			h[k] = vs
			if k != "Set-Cookie" {
				hdr[k] = vs
			}
		}
		handlerReq = r.WithContext(r.Context())
		handlerReq.Header = hdr
		req.Header = hdr
		if res.kind == mwRewrite {
			initOrigin := g.initOrigin(r)
			if o := originOf(res.rewrite); o != "" && defaultPortless(o) != defaultPortless(initOrigin) &&
				(g.opts.PublicOrigin == "" || defaultPortless(o) != defaultPortless(strings.ToLower(strings.TrimSuffix(g.opts.PublicOrigin, "/")))) {
				h.Set("X-Middleware-Rewrite", res.rewrite)
				g.proxy(w, handlerReq, res.rewrite)
				return
			}
			rel := relativeTo(res.rewrite, initOrigin)
			if o := g.opts.PublicOrigin; o != "" {
				// Behind a proxy, request.url has the public origin: a rewrite there is internal.
				rel = relativeTo(rel, strings.TrimSuffix(o, "/"))
			}
			h.Set("X-Middleware-Rewrite", rel)
			if prefix != "" && strings.HasPrefix(rel, prefix+"/") {
				rel = rel[len(prefix):] // the middleware saw the public path
			}
			p, q, _ := strings.Cut(rel, "?")
			st.Path, st.Query = p, router.ParseQuery(q)
		}
	}
	d = rules.Route(g.table, d, r.Method, st, req)
	if st.External != "" {
		g.proxy(w, handlerReq, st.External)
		return
	}
	// The handler sees the URL as sent (Next's config rewrites keep it), without basePath.
	if b := rules.BasePath(); b != "" {
		target := handlerReq.RequestURI
		if target == "" {
			target = handlerReq.URL.RequestURI()
		}
		handlerReq = withTarget(handlerReq, prefix+rules.AppPath(strings.TrimPrefix(target, prefix)))
	}
	g.serveDecision(w, handlerReq, d, rawPath, prefix)
}

// initOrigin is the origin Next's router server compares a middleware rewrite with:
// http://<hostname it listens on>:<port> (`next start -H`), localhost by default.
func (g *generation) initOrigin(r *http.Request) string {
	host := g.opts.Hostname
	if host == "" {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	scheme := "http"
	if r.TLS != nil || strings.Contains(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + host + ":" + localPort(r)
}

// writeRedirect answers a redirect as Next's router server does: Location, Refresh for 308,
// the location as the body.
func writeRedirect(w http.ResponseWriter, r *http.Request, status int, loc string) {
	h := w.Header()
	h.Set("Location", loc)
	if status == http.StatusPermanentRedirect {
		h.Set("Refresh", "0;url="+loc)
	}
	h["Content-Type"] = nil
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		io.WriteString(w, loc)
	}
}

// proxy answers with what target answers (an external rewrite), through the engine's HTTP
// client transport (so Options.FetchHosts applies).
func (g *generation) proxy(w http.ResponseWriter, r *http.Request, target string) {
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		g.opts.Logger.Error(fmt.Sprintf("⨯ rewrite of %s to %q: not an http(s) URL", r.URL.Path, target))
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, "Internal Server Error")
		return
	}
	transport := g.proxyTransport()
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL = u
			pr.Out.Host = ""
			pr.Out.RequestURI = ""
		},
		Transport: transport,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			g.opts.Logger.Error(fmt.Sprintf("⨯ rewrite of %s to %s failed", r.URL.Path, target), "error", err.Error())
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, "Internal Server Error")
		},
	}
	rp.ServeHTTP(w, r)
}

// proxyTransport is the engine's HTTP client transport for external rewrites, made not to ask
// for gzip on its own: a proxied answer keeps the upstream's framing (its Content-Length) unless
// the client itself asked for an encoding.
func (g *generation) proxyTransport() http.RoundTripper {
	g.proxyOnce.Do(func() {
		var rt http.RoundTripper = http.DefaultTransport
		if c := g.opts.HTTPClient; c != nil && c.Transport != nil {
			rt = c.Transport
		}
		if t, ok := rt.(*http.Transport); ok && !t.DisableCompression {
			t = t.Clone()
			t.DisableCompression = true
			rt = t
		}
		g.proxyRT = rt
	})
	return g.proxyRT
}

// replayBody keeps what the middleware read of the request body, for the handler.
type replayBody struct {
	rc  io.ReadCloser
	buf bytes.Buffer
}

func (b *replayBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.buf.Write(p[:n])
	return n, err
}

// Close is a no-op: the handler still reads the rest.
func (b *replayBody) Close() error { return nil }

// replay is the body again from its first byte.
func (b *replayBody) replay() io.ReadCloser {
	if b.buf.Len() == 0 {
		return b.rc
	}
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b.buf.Bytes()), b.rc), b.rc}
}
