// Package engine runs a Next.js App Router app's route handlers: it loads and bundles the app
// (loader), maps requests to routes (router), and runs the handlers on N workers, each a goja
// runtime with its own event loop (see DESIGN.md).
//
// An *Engine is an http.Handler:
//
//	e, err := engine.New(engine.Options{Dir: "./app"})
//	if err != nil { ... }
//	defer e.Close()
//	http.ListenAndServe(":3000", e)
//
// Beyond a directory, the options a Go program embedding routes is most likely to want:
//   - FS serves a project held in an fs.FS, such as an embed.FS from `//go:embed app`
//     (examples/embed is a whole program doing it).
//   - Bindings gives routes Go values and functions: `import { db, greet } from 'jsroute:host'`
//     (bindings.go tells how they are called and converted); WriteBindingTypes writes their
//     TypeScript declarations for editors.
//   - NotFound answers the paths no route matches; HTTPClient carries the routes' fetch calls;
//     PublicOrigin and http.StripPrefix mount the engine under a prefix.
//   - Build writes the app's bundle and prerendered answers to a folder (`jsroute build`), and
//     Artifact serves it without running esbuild while no input changed (artifact.go).
//
// example_test.go shows each.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dlclark/regexp2/v2"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/router"
)

// Options configure an Engine. The zero value of every field but Dir is usable.
type Options struct {
	// Dir is the app folder, or a project root holding app/ or src/app/.
	Dir string
	// Dev selects development mode: NODE_ENV=development, .env.development*, conflicts served
	// as 500 answers instead of failing New, and a watcher that reloads the app when a file it is
	// made of changes (requests in flight finish on the old code).
	Dev bool
	// OnReload, in dev, is told of every reload the watcher makes (the CLI prints them).
	OnReload func(ReloadEvent)
	// Workers is the number of runtimes; 0 means runtime.NumCPU().
	Workers int
	// HTTPClient is the client fetch() uses; nil means a client with sane timeouts.
	HTTPClient *http.Client
	// Logger receives the request log and handler errors; nil means text to stderr.
	Logger *slog.Logger
	// MaxDuration is the default time limit of a request (a route's `maxDuration` export
	// overrides it); past it the request is answered 504 and a handler stuck in JS is
	// interrupted. 0 means no limit.
	MaxDuration time.Duration
	// MaxBodySize bounds request bodies: past it the answer is 413. 0 means no limit.
	MaxBodySize int64
	// Cache stores the answers of routes that opt into caching; nil means an in-memory store.
	Cache cache.Store
	// Environ is the real environment handlers may see in process.env (before .env files are
	// added); nil means os.Environ().
	Environ []string
	// EnvAllow, when not nil, lists the real environment variables that reach process.env
	// (a trailing * matches a prefix); the app's own .env files are always loaded.
	EnvAllow []string
	// FetchHosts, when not nil, lists the hosts fetch() may reach ("api.example.com",
	// "*.example.com", "127.0.0.1:8080"); any other host — redirects included — fails as a
	// network error.
	FetchHosts []string
	// Hostname is the host the server listens on, as `next start -H`: a middleware rewrite to
	// http://<Hostname>:<port> is internal, to any other origin it is proxied. "" means
	// localhost.
	Hostname string
	// PublicOrigin, when set ("https://example.com"), is the scheme and host of request.url
	// and of redirects for an engine behind a proxy, instead of http://localhost:<port>.
	PublicOrigin string
	// MaxHeap is a soft limit on the Go heap in bytes: past it, workers rebuild their runtimes
	// one at a time when idle, dropping whatever module state grew. 0 means none.
	MaxHeap uint64
	// NoFS switches node:fs and node:fs/promises off: every function throws ERR_NOT_SUPPORTED.
	NoFS bool
	// FSRoot, when set, confines node:fs to that folder (symlinks resolved): any path outside it
	// fails with EACCES. Empty means anywhere the process may reach, as under `next start`.
	// Relative paths always start at the project root (process.cwd()).
	FSRoot string
	// MaxMemory is a budget on the live Go heap in bytes: past it, the handler growing the heap
	// is stopped (its request answered 500; its runtime kept), and memory held between requests
	// past it rebuilds a runtime; see watchMemory. Set the Go soft limit
	// (debug.SetMemoryLimit) above it — `jsroute start` uses one and a half budgets. 0 means none.
	MaxMemory uint64
	// Dial opens the connections of node:net and node:tls (database drivers, Redis clients); nil
	// means a net.Dialer with a 30 s connect time-out. Every socket passes through it.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// DialHosts, when not nil, lists where node:net and node:tls may connect, as FetchHosts does
	// for fetch ("db.internal", "127.0.0.1:5432", "*.example.com"; "unix:/path" for a Unix socket);
	// any other address fails as Node's ECONNREFUSED, logged.
	DialHosts []string
	// FS, when set, is the project (or app folder) to serve instead of a directory on disk, e.g.
	// an embed.FS from `//go:embed app`; Dir is then a path inside FS ("." when empty). It is
	// copied to a temporary folder once, at New, and removed by Close (fsopt.go): a dev watcher
	// sees no edits. go:embed leaves out files starting with . or _ unless the pattern says
	// `all:` (`//go:embed all:site` for a project with .env files or app/_lib).
	FS fs.FS
	// Bindings are Go values and functions routes import from 'jsroute:host', by export name;
	// see bindings.go for how they are called and converted, and WriteBindingTypes for their
	// TypeScript declarations.
	Bindings map[string]any
	// NotFound, when set, answers the requests no route matches, instead of Next's 404 page.
	NotFound http.Handler
	// Observer, when set, is told of every request answered, time-out and runtime rebuild (for
	// metrics; see observe.go). nil costs nothing.
	Observer Observer
	// NoAccelerate runs bcryptjs as the JavaScript it is instead of its Go implementation
	// (loader.AcceleratedPackages); the start-up log names the packages the host provides.
	NoAccelerate bool
	// Artifact is the folder of a build written by Build (`jsroute build`); a relative path starts
	// at the project root (".jsroute" is Build's default, and works inside FS too). When it holds a
	// fresh build, New serves it without running esbuild; a stale one is named in a warning and the
	// app bundled in memory; "" or a missing folder bundles in memory. Dev ignores it (artifact.go).
	Artifact string

	record *loader.Artifact // Build: what load bundled
}

// Engine serves an app's route handlers. It is safe for concurrent use.
type Engine struct {
	opts   Options
	app    loader.App
	cur    atomic.Pointer[generation]
	reload sync.Mutex
	closed atomic.Bool
	cache  cache.Store
	stop   chan struct{}

	cleanup func() // removes the copy of Options.FS (fsopt.go)

	art *artifactUse // the build artifact of the load under way (artifact.go)

	vendor *loader.Vendor // dev: the app's packages, bundled once (loader/vendor.go)

	notesOnce sync.Once
	notes     *slog.Logger // noteLog (devlog.go)

	warnMu sync.Mutex
	warned map[string]bool // next.config keys already warned about
}

// LoadError is returned by New (outside dev mode) when the app cannot be served: files that
// conflict (a route and a page for one URL). Each diagnostic names its files.
type LoadError struct {
	Diagnostics []string
}

func (e *LoadError) Error() string {
	s := "jsroute: the app failed to load:"
	for _, d := range e.Diagnostics {
		s += "\n" + d
	}
	return s
}

// New loads the app in opts.Dir and starts its workers.
func New(opts Options) (*Engine, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	ownClient := opts.HTTPClient != nil // else JSROUTE_FETCH_STANDINS may apply (standin.go)
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 5 * time.Minute}
	}
	if opts.FetchHosts != nil {
		opts.HTTPClient = restrictHosts(opts.HTTPClient, opts.FetchHosts)
	}
	if opts.Environ == nil {
		opts.Environ = os.Environ()
	}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if err := checkBindings(opts.Bindings); err != nil {
		return nil, err
	}
	var cleanup func()
	if opts.FS != nil {
		dir, rm, err := materialize(opts.FS, opts.Dir)
		if err != nil {
			return nil, err
		}
		opts.Dir, cleanup = dir, rm
	}
	bound.Do(boundRegexps)
	app, err := loader.FindApp(opts.Dir)
	if err != nil {
		runCleanup(cleanup)
		return nil, err
	}
	e := &Engine{opts: opts, app: app, cache: opts.Cache, cleanup: cleanup}
	if e.cache == nil {
		e.cache = cache.NewMemory(0)
	}
	e.opts.Cache = e.cache // the workers' fetch data cache
	if err := e.installStandins(ownClient); err != nil {
		runCleanup(cleanup)
		return nil, err
	}
	if opts.Dev && os.Getenv("JSROUTE_DEV_SPLIT") != "0" {
		// JSROUTE_DEV_SPLIT=0 bundles the packages with the app on every reload, as start does.
		e.vendor = loader.NewVendor(compileVendor)
	}
	g, err := e.load()
	if err != nil {
		runCleanup(cleanup)
		return nil, err
	}
	// A route that fails to build, compile or load answers 500 with its diagnostic and the others
	// serve, in start as in dev (Problems lists them for the CLI); a conflict between files stops
	// start, as it stops next build.
	if !opts.Dev && len(g.fatal) > 0 {
		g.close()
		runCleanup(cleanup)
		return nil, &LoadError{Diagnostics: g.fatal}
	}
	g.prerender()
	e.cur.Store(g)
	e.stop = make(chan struct{})
	if opts.MaxHeap > 0 {
		go e.watchHeap(opts.MaxHeap, e.stop)
	}
	if opts.Dev {
		go e.watch(e.stop)
	}
	if opts.MaxMemory > 0 {
		go e.watchMemory(opts.MaxMemory, e.stop)
	}
	return e, nil
}

// Reload loads the app again and switches new requests to it; requests in flight finish on the
// old one. A failed load keeps serving what loaded (routes that fail answer 500 in dev). Outside
// dev, as at New, files that conflict keep the old app serving (a *LoadError), and the static
// routes are prerendered before the switch, so their first request is a HIT.
func (e *Engine) Reload() error {
	e.reload.Lock()
	defer e.reload.Unlock()
	if e.closed.Load() {
		return errors.New("jsroute: engine closed")
	}
	g, err := e.load()
	if err != nil {
		return err
	}
	if !e.opts.Dev {
		if len(g.fatal) > 0 {
			g.close()
			return &LoadError{Diagnostics: g.fatal}
		}
		g.prerender()
	}
	old := e.cur.Swap(g)
	if old != nil {
		go old.retire()
	}
	return nil
}

// Routes describes the routes being served, for a start banner.
func (e *Engine) Routes() []RouteInfo {
	g := e.cur.Load()
	var out []RouteInfo
	for _, r := range g.table.Routes() {
		// A metadata route's router file is synthetic ("robots.txt/route.ts"): show the real one.
		info := &g.routes[r.Index]
		out = append(out, RouteInfo{Pattern: r.Pattern, Methods: r.Methods, File: info.file, Config: info.publicConfig()})
	}
	return out
}

// SplitPackages reports whether the app being served runs its packages from a program of their own
// (dev; loader/vendor.go): false in start, with JSROUTE_DEV_SPLIT=0, for an app without packages, and
// when the split could not be made for the app as it is.
func (e *Engine) SplitPackages() bool { return e.cur.Load().bundle.Vendor != nil }

// Problems lists the load diagnostics of the app being served (dev mode serves despite them).
func (e *Engine) Problems() []string { return e.cur.Load().problems }

// RouteInfo is one line of the route table.
type RouteInfo struct {
	Pattern string
	Methods []string
	File    string
	Config  RouteConfig
}

// Close stops the workers. Requests still running fail.
func (e *Engine) Close() error {
	if e.closed.Swap(true) {
		return nil
	}
	close(e.stop)
	e.reload.Lock()
	defer e.reload.Unlock()
	if g := e.cur.Load(); g != nil {
		g.close()
	}
	runCleanup(e.cleanup)
	return nil
}

// ServeHTTP answers one request: the router decides what Go can decide alone, a worker runs
// the handler for the rest.
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if e.opts.Dev {
		// A reload in progress (a file was just saved) finishes before the request is served.
		e.reload.Lock()
		e.reload.Unlock() //nolint:staticcheck // an empty critical section: waiting is the point
	}
	g := e.cur.Load()
	g.active.Add(1)
	defer g.active.Add(-1)
	start := time.Now()
	mem := &servedWriters{rec: statusRecorder{ResponseWriter: w}}
	rec := &mem.rec
	defer func() {
		if x := recover(); x != nil {
			if x == http.ErrAbortHandler {
				e.logRequest(r, rec.status, start, " (aborted)")
				panic(x)
			}
			e.opts.Logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(x))
			if !rec.wrote {
				rec.WriteHeader(http.StatusInternalServerError)
			}
		}
		e.logRequest(r, rec.status, start, "")
		if o := e.opts.Observer; o != nil {
			e.observeServed(o, r, rec, start)
		}
	}()
	g.serve(rec, r, &mem.aw)
}

// servedWriters are the two writers every request goes through, allocated together.
type servedWriters struct {
	rec statusRecorder
	aw  answerWriter
}

// logRequest writes the request log line "GET /path 200 in 1.2ms"; it runs for every request,
// so it is built with appends, and only when the logger wants Info.
//
// The record goes straight to the handler, as Logger.Info would send it but without the
// caller's program counter (a stack walk per request; the line names no source) and with the
// clock read once for the duration and the record's time.
func (e *Engine) logRequest(r *http.Request, status int, start time.Time, suffix string) {
	h := e.opts.Logger.Handler()
	if !h.Enabled(r.Context(), slog.LevelInfo) {
		return
	}
	now := time.Now()
	b := make([]byte, 0, 96)
	b = append(b, r.Method...)
	b = append(b, ' ')
	b = append(b, r.RequestURI...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, " in "...)
	b = appendDuration(b, now.Sub(start))
	b = append(b, suffix...)
	_ = h.Handle(context.Background(), slog.NewRecord(now, slog.LevelInfo, string(b), 0))
}

// appendDuration formats d as Next's request log does: 85µs, 1.2ms, 3.456s.
func appendDuration(b []byte, d time.Duration) []byte {
	switch {
	case d < time.Millisecond:
		return append(strconv.AppendInt(b, d.Microseconds(), 10), "µs"...)
	case d < time.Second:
		return append(strconv.AppendFloat(b, float64(d.Microseconds())/1000, 'f', 1, 64), "ms"...)
	}
	return append(b, d.Round(time.Millisecond).String()...)
}

// statusRecorder remembers the status for the request log and passes flushes through.
type statusRecorder struct {
	http.ResponseWriter
	status  int
	wrote   bool
	pattern string // the route that answered, for Options.Observer (notePattern)
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if !s.wrote {
		s.status, s.wrote = http.StatusOK, true
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

var _ = io.EOF
var _ = context.Background
var _ = router.Build

var bound sync.Once

// regexpTimeout bounds one regular expression match. goja runs backtracking patterns on
// regexp2, which ignores Runtime.Interrupt: a catastrophic pattern would otherwise pin a worker
// for minutes. A match that times out throws an Error (regexptimeout.go), where goja would
// answer "no match".
const regexpTimeout = time.Second

func boundRegexps() {
	if regexp2.DefaultMatchTimeout > regexpTimeout {
		regexp2.DefaultMatchTimeout = regexpTimeout
	}
}
