package engine

import (
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/router"
)

// generation is one load of the app: its bundle, route table and workers. Dev reloads make a
// new generation; the old one retires once its requests are done.
type generation struct {
	table              *router.Table
	bundle             *loader.Bundle
	routes             []routeInfo // by router entry index
	workers            []*worker
	problems           []string // load diagnostics, as file:line:col text
	fatal              []string // the problems that stop `start` (conflicts); a route that fails to load does not
	active             atomic.Int64
	cache              cache.Store
	cacheOn            bool // full-route cache in use (start, not dev)
	flight             cache.Flight
	conflicts          []conflict // files left out of the table by a load-time conflict
	defaultMaxDuration time.Duration
	maxBodySize        int64
	closeOne           sync.Once
	log                *slog.Logger

	// next.config and middleware (nextserve.go); rules is nil when the app has neither.
	rules       *router.Rules
	mwInfo      *routeInfo
	opts        *Options
	noPoweredBy bool   // next.config poweredByHeader: false
	build       string // the bundle's hash, in full-route cache keys (tags.go)
	proxyOnce   sync.Once
	proxyRT     http.RoundTripper // external rewrites (nextserve.go proxyTransport)

	took loadTook // for the dev reload log (devlog.go)
}

// conflict is a file the router left out, with the diagnostic that says why.
type conflict struct {
	table *router.Table
	text  string
}

// routeInfo is what the engine knows of one route file.
type routeInfo struct {
	file    string // relative to the app dir
	module  int    // index into the bundle's routes; -1 when it failed to build
	failed  string // the diagnostic text when it failed to build
	dynamic bool   // the route has dynamic segments, so handlers get params
	static  bool   // GET answers come from the full-route cache
	config  segmentConfig
	asset   *asset // a static metadata file (metadata.go)
	// perPath: a dynamic route whose answers are cached per URL path, 404s included, as Next
	// caches the pages of generateStaticParams (a sitemap with generateSitemaps).
	perPath bool
	paths   []string        // perPath: the paths to prerender
	listed  map[string]bool // perPath: the same as a set (staticparams.go)
	// bailed: a prerender of this static route called cookies(), headers() or connection(), so
	// it is served per request from then on, as Next's build makes it dynamic (static.go).
	bailed *atomic.Bool // set by staticByDefault; nil for assets
	// middleware: this is the middleware (proxy.ts), not a route.
	middleware bool
}

func (e *Engine) load() (*generation, error) {
	e.startArtifact()
	files, err := loader.Scan(e.app.AppDir)
	if err != nil {
		return nil, err
	}
	metas, err := loader.ScanMetadata(e.app.AppDir)
	if err != nil {
		return nil, err
	}
	routeFiles := loader.Routes(files)
	env := e.environment()
	nf, err := loader.FindNextFiles(e.app)
	if err != nil {
		return nil, err
	}
	nc, err := e.loadNextConfig(nf.Config, env)
	if err != nil {
		return nil, err
	}
	e.warnConfigKeys(nc)
	for _, u := range loader.FindUnserved(e.app) { // pages/, public/, instrumentation, not-found
		e.warnOnce("unserved\x00"+u.Path, fmt.Sprintf("⚠ %s: %s", u.Path, u.Why))
	}
	var define map[string]string
	if nc != nil {
		define = nc.defines()
	}
	comp := &compiler{}
	bundling := time.Now()
	b, err := e.bundleRoutes(append(routeFiles, metadataRoutes(metas)...),
		loader.Options{Dev: e.opts.Dev, Define: define, Compile: comp.check, Metadata: metadataModules(metas), Bindings: bindingNames(e.opts.Bindings),
			NoAccelerate: e.opts.NoAccelerate, Vendor: e.vendor, CatchOverflow: true}, comp)
	if err != nil {
		return nil, err
	}
	bundled := time.Since(bundling)
	for _, d := range b.Lowered {
		e.noteLog().Info(fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, d.Text))
	}
	logHostPackages(e.noteLog(), b.HostPackages)
	var mw *mwProgram
	if nf.Middleware != "" {
		if mw, err = e.buildMiddleware(nf, loader.Options{Dev: e.opts.Dev, Define: define, Bindings: bindingNames(e.opts.Bindings), CatchOverflow: true}); err != nil {
			return nil, err
		}
	}
	g := &generation{log: e.opts.Logger, bundle: b, build: buildID(b.Code), cache: e.cache, cacheOn: !e.opts.Dev, defaultMaxDuration: e.opts.MaxDuration, maxBodySize: e.opts.MaxBodySize, opts: &e.opts}
	for _, file := range routeFiles {
		if ds, bad := b.Failed[file]; bad {
			var texts []string
			for _, d := range ds {
				texts = append(texts, d.String())
			}
			g.problems = append(g.problems, texts...)
		}
	}
	var prog *goja.Program
	if len(b.Routes) > 0 {
		if comp.code != b.Code {
			return nil, fmt.Errorf("jsroute: the bundle was not compiled")
		}
		prog = comp.prog
	}
	booting := time.Now()
	g.workers, err = bootWorkers(e.opts.Workers, e.opts.Dev, func(i int) (*worker, error) {
		return newWorker(i, prog, b, &e.opts, env, mw)
	})
	if err != nil {
		g.close()
		return nil, err
	}
	g.took = loadTook{bundle: bundled, boot: time.Since(booting)}
	appRel, _ := filepath.Rel(e.app.Root, e.app.AppDir)
	for _, w := range g.workers {
		w.appRel = filepath.ToSlash(appRel)
	}
	first := g.workers[0]
	loadFailed, pending := first.moduleProblems()
	for _, f := range pending {
		e.opts.Logger.Warn(fmt.Sprintf("⚠ %s: its top-level await has not settled after %s; its requests wait for it", filepath.ToSlash(filepath.Join(appRel, f)), moduleWait))
	}
	g.noPoweredBy = nc != nil && nc.powered != nil && !*nc.powered
	if nc != nil || mw != nil {
		if err := g.compileRules(e, nc, mw, first); err != nil {
			g.close()
			return nil, err
		}
	}
	moduleOf := map[string]int{}
	for i, f := range b.Routes {
		moduleOf[f] = i
	}
	var entries []router.Entry
	for _, f := range files {
		if f.Kind != loader.Route {
			// jsroute runs route handlers only: say so for each page, never ignore it silently.
			page := filepath.ToSlash(filepath.Join(appRel, f.Path))
			e.warnOnce("page\x00"+page, fmt.Sprintf("⚠ %s: pages are not served by jsroute (it runs route handlers only); its URL answers 404", page))
			entries = append(entries, router.Entry{File: f.Path})
			continue
		}
		info := routeInfo{file: f.Path, module: -1, dynamic: strings.Contains(f.Path, "[")}
		var ms []string
		if text, bad := loadFailed[f.Path]; bad {
			// Its module threw while loading: every method answers 500 with why.
			ms = append([]string(nil), methods[:]...)
			info.failed = text
			g.problems = append(g.problems, text)
		} else if i, ok := moduleOf[f.Path]; ok {
			info.module = i
			if first.modules[i] == nil {
				// Still initialising (top-level await): every method goes to it; one it turns out
				// not to export answers 405 then.
				ms = append([]string(nil), methods[:]...)
			} else {
				ms = first.exportedMethods(i)
				info.config = readSegmentConfig(first.modules[i])
				info.static = info.staticRoute(ms)
				info.staticByDefault(first, first.modules[i], ms) // staticparams.go
			}
		} else {
			// It failed to build: route every method to it so that each answers 500 with the
			// diagnostic (dev).
			ms = append([]string(nil), methods[:]...)
			var texts []string
			for _, d := range b.Failed[f.Path] {
				texts = append(texts, d.String())
			}
			info.failed = strings.Join(texts, "\n")
		}
		if ms == nil {
			ms = []string{}
		}
		entries = append(entries, router.Entry{File: f.Path, Methods: ms})
		g.routes = append(g.routes, info)
	}
	entries, g.routes = g.addMetadata(e, metas, moduleOf, first, entries, g.routes)
	table, diags := router.Build(entries)
	for _, d := range diags {
		files := make([]string, len(d.Files))
		for i, f := range d.Files {
			files[i] = filepath.ToSlash(filepath.Join(appRel, f))
		}
		text := strings.Join(files, ", ") + ": error: " + d.Message
		g.problems = append(g.problems, text)
		g.fatal = append(g.fatal, text)
		// Dev answers the URLs of the files left out with the diagnostic (500), as for a
		// route that does not build; each file alone makes a table to find them by.
		for _, f := range d.Files {
			if alone, ds := router.Build([]router.Entry{{File: f, Methods: []string{"GET"}}}); len(ds) == 0 {
				g.conflicts = append(g.conflicts, conflict{table: alone, text: text})
			}
		}
	}
	g.table = table
	// Map router entry indexes (all files) to route infos (route files only).
	g.routes = reindex(entries, g.routes)
	for _, w := range g.workers {
		w.start()
	}
	return g, nil
}

// reindex lays route infos out by entry index, so a router.Route's Index finds its info.
func reindex(entries []router.Entry, infos []routeInfo) []routeInfo {
	out := make([]routeInfo, len(entries))
	j := 0
	for i, en := range entries {
		if en.Methods == nil {
			out[i] = routeInfo{file: en.File, module: -1}
			continue
		}
		out[i] = infos[j]
		j++
	}
	return out
}

// environment is process.env: the real environment plus the app's .env files.
func (e *Engine) environment() map[string]string {
	mode := "production"
	if e.opts.Dev {
		mode = "development"
	}
	env := map[string]string{}
	var real []string
	for _, kv := range e.opts.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok && envAllowed(e.opts.EnvAllow, k) {
			env[k] = v
			real = append(real, kv)
		}
	}
	for k, v := range loader.LoadEnv(e.app.Root, mode, real) {
		env[k] = v
	}
	env["NODE_ENV"] = mode
	env["NEXT_RUNTIME"] = "nodejs"
	return env
}

// envAllowed reports whether a real environment variable may reach process.env: every one
// when allow is nil, else the names listed (a trailing * matches a prefix: "NEXT_PUBLIC_*").
func envAllowed(allow []string, name string) bool {
	if allow == nil {
		return true
	}
	for _, a := range allow {
		if p, ok := strings.CutSuffix(a, "*"); ok && strings.HasPrefix(name, p) || a == name {
			return true
		}
	}
	return false
}

// retire closes the generation once its requests are done (or after a grace period).
func (g *generation) retire() {
	deadline := time.Now().Add(5 * time.Minute)
	for g.active.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	g.close()
}

func (g *generation) close() {
	g.closeOne.Do(func() {
		// Interrupt every runaway first, so that stopping N stuck workers takes one wait, not N.
		for _, w := range g.workers {
			if w.started {
				w.loop.stop.Store(true)
				w.vmInterrupt("the server is shutting down")
			}
		}
		for _, w := range g.workers {
			w.close()
		}
	})
}
